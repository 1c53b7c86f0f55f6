import { and, eq } from "drizzle-orm";
import { appendAudit } from "../../audit/log.js";
import type { Db } from "../../db/client.js";
import { expenses } from "../../db/schema/index.js";
import { constraintName, sqlState } from "../db-errors.js";
import type { ExpenseContext } from "../groups/load.js";
import { auditOrganisation, expenseAudit } from "./submit.js";

const CHECK_VIOLATION = "23514";

export type Decision = { kind: "approve" } | { kind: "refuse"; reason: string };

export type DecisionOutcome =
  | { ok: true }
  /** Someone decided it in the meantime (another tab, another person): nothing changed. */
  | { ok: false; reason: "not_submitted" }
  /** The database refuses a decision by the person who submitted the expense. */
  | { ok: false; reason: "own_expense" };

export type ReimbursementOutcome = { ok: true } | { ok: false; reason: "not_approved" };

function isSelfDecision(error: unknown): boolean {
  return sqlState(error) === CHECK_VIOLATION && constraintName(error) === "expenses_not_self_decided";
}

/**
 * Approves or refuses an expense that still waits for a decision, with its audit entry, in one
 * transaction. The status is checked in the UPDATE itself, so of two concurrent decisions only
 * the first lands. Who may decide is the policy's business (expense.decide); the database also
 * refuses a decision by the submitter, whatever calls this.
 */
export async function decideExpense(
  db: Db,
  context: ExpenseContext,
  actorId: string,
  decision: Decision,
  now: Date = new Date(),
): Promise<DecisionOutcome> {
  const status = decision.kind === "approve" ? "approved" : "refused";
  try {
    return await db.transaction(async (tx) => {
      const updated = await tx
        .update(expenses)
        .set({
          status,
          decidedBy: actorId,
          decidedAt: now,
          reason: decision.kind === "refuse" ? decision.reason : "",
        })
        .where(and(eq(expenses.id, context.expense.id), eq(expenses.status, "submitted")))
        .returning({ id: expenses.id, amount: expenses.amount });
      const row = updated[0];
      if (!row) return { ok: false, reason: "not_submitted" } as const;
      await appendAudit(
        tx,
        {
          actorId,
          action: expenseAudit(decision.kind === "approve" ? "expense.approved" : "expense.refused"),
          subjectType: "expense",
          subjectId: row.id,
          organisationId: auditOrganisation(context),
          data: { groupId: context.group.id, amount: row.amount, status },
        },
        now,
      );
      return { ok: true } as const;
    });
  } catch (error) {
    if (isSelfDecision(error)) return { ok: false, reason: "own_expense" };
    throw error;
  }
}

/** Marks an approved expense as reimbursed, with its audit entry; any other status changes nothing. */
export async function reimburseExpense(
  db: Db,
  context: ExpenseContext,
  actorId: string,
  now: Date = new Date(),
): Promise<ReimbursementOutcome> {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(expenses)
      .set({ status: "reimbursed", reimbursedBy: actorId, reimbursedAt: now })
      .where(and(eq(expenses.id, context.expense.id), eq(expenses.status, "approved")))
      .returning({ id: expenses.id, amount: expenses.amount });
    const row = updated[0];
    if (!row) return { ok: false, reason: "not_approved" } as const;
    await appendAudit(
      tx,
      {
        actorId,
        action: expenseAudit("expense.reimbursed"),
        subjectType: "expense",
        subjectId: row.id,
        organisationId: auditOrganisation(context),
        data: { groupId: context.group.id, amount: row.amount },
      },
      now,
    );
    return { ok: true } as const;
  });
}
