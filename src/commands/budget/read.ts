import { asc, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "../../db/client.js";
import { cyclePhases, expenses, persons } from "../../db/schema/index.js";
import type { Expense } from "../groups/load.js";

/** An expense with the names of who submitted, decided and reimbursed it. */
export interface ExpenseRow extends Expense {
  submittedByName: string;
  decidedByName: string | null;
  reimbursedByName: string | null;
}

const submitter = alias(persons, "submitter");
const decider = alias(persons, "decider");
const reimburser = alias(persons, "reimburser");

function selectRows(db: Queryable) {
  return db
    .select({
      expense: expenses,
      submittedByName: submitter.name,
      decidedByName: decider.name,
      reimbursedByName: reimburser.name,
    })
    .from(expenses)
    .innerJoin(submitter, eq(submitter.id, expenses.submittedBy))
    .leftJoin(decider, eq(decider.id, expenses.decidedBy))
    .leftJoin(reimburser, eq(reimburser.id, expenses.reimbursedBy));
}

type Selected = Awaited<ReturnType<ReturnType<typeof selectRows>["where"]>>[number];
const flatten = (r: Selected): ExpenseRow => ({
  ...r.expense,
  submittedByName: r.submittedByName,
  decidedByName: r.decidedByName,
  reimbursedByName: r.reimbursedByName,
});

/** A group's expenses, the most recent first. */
export async function groupExpenses(db: Queryable, groupId: string): Promise<ExpenseRow[]> {
  const rows = await selectRows(db)
    .where(eq(expenses.groupId, groupId))
    .orderBy(desc(expenses.spentOn), desc(expenses.createdAt), asc(expenses.id));
  return rows.map(flatten);
}

export async function expenseRow(db: Queryable, expenseId: string): Promise<ExpenseRow | null> {
  const [row] = await selectRows(db).where(eq(expenses.id, expenseId));
  return row ? flatten(row) : null;
}

/** The first day of a cycle's calendar, or null when it has no phases. */
export async function cycleStart(db: Queryable, cycleId: string): Promise<string | null> {
  const [first] = await db
    .select({ startsOn: cyclePhases.startsOn })
    .from(cyclePhases)
    .where(eq(cyclePhases.cycleId, cycleId))
    .orderBy(asc(cyclePhases.startsOn))
    .limit(1);
  return first?.startsOn ?? null;
}
