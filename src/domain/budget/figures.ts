import type { ExpenseCategory, ExpenseStatus } from "../../db/schema/groups.js";

/** The categories and statuses of expenses, in the order the budget page and the export show them. */
export const CATEGORIES: readonly ExpenseCategory[] = [
  "travel",
  "meals",
  "visits",
  "interviews",
  "interpretation",
  "other",
];
export const STATUSES: readonly ExpenseStatus[] = ["submitted", "approved", "reimbursed", "refused"];

export interface ExpenseAmount {
  category: ExpenseCategory;
  status: ExpenseStatus;
  cents: number;
}

export type StatusTotals = Record<ExpenseStatus, number>;

export interface BudgetFigures {
  allocatedCents: number;
  /** Sum of the amounts in each status, in cents. */
  totals: StatusTotals;
  byCategory: Record<ExpenseCategory, StatusTotals>;
  /** What is left once approved and reimbursed expenses are paid: allocated − approved − reimbursed. */
  remainderCents: number;
  /** Everything not refused (submitted, approved, reimbursed): what the group would spend if all were accepted. */
  committedCents: number;
  /** Whether the expenses waiting for a decision and those accepted exceed the allocation. */
  overAllocation: boolean;
}

function zero(): StatusTotals {
  return { submitted: 0, approved: 0, reimbursed: 0, refused: 0 };
}

/**
 * The figures of a group's budget, in integer cents. Approved and reimbursed are distinct
 * statuses (a reimbursed expense is no longer counted as approved), so the remainder subtracts
 * both; the warning counts what waits for a decision too.
 */
export function budgetFigures(allocatedCents: number, expenses: readonly ExpenseAmount[]): BudgetFigures {
  const totals = zero();
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, zero()])) as Record<ExpenseCategory, StatusTotals>;
  for (const e of expenses) {
    if (!Number.isSafeInteger(e.cents)) throw new Error("amounts are integer cents");
    totals[e.status] += e.cents;
    byCategory[e.category][e.status] += e.cents;
  }
  const remainderCents = allocatedCents - totals.approved - totals.reimbursed;
  const committedCents = totals.submitted + totals.approved + totals.reimbursed;
  return {
    allocatedCents,
    totals,
    byCategory,
    remainderCents,
    committedCents,
    overAllocation: committedCents > allocatedCents,
  };
}
