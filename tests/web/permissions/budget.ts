import { EQUALITY_GROUP, RUNS_CYCLES, type Who } from "./roles.js";

/** The group's members and those who run the cycle: the budget, the expenses, submitting one. */
const GROUP_AND_CYCLE: Who[] = [...EQUALITY_GROUP, ...RUNS_CYCLES];
/** The group's facilitator and those who run the cycle, never the submitter (member@ submitted the sample). */
const DECIDES: Who[] = ["facilitator", ...RUNS_CYCLES];

/**
 * Who may use each budget route in the walk's state (see roles.ts for the sample group). The
 * sample expense is member@'s, waiting for a decision and without a receipt (its receipt route
 * answers 404 to those who may see it); reimbursing it is refused with a message (409) to those
 * who run the cycle, and with 403 to everyone else.
 */
export const BUDGET_ROUTES: Record<string, Who[]> = {
  "GET /groups/:groupId/budget": GROUP_AND_CYCLE,
  "GET /groups/:groupId/expenses.csv": DECIDES,
  "GET /groups/:groupId/expenses/new": GROUP_AND_CYCLE,
  "POST /groups/:groupId/expenses/new": GROUP_AND_CYCLE,
  "GET /expenses/:expenseId": GROUP_AND_CYCLE,
  "GET /expenses/:expenseId/receipt": GROUP_AND_CYCLE,
  "POST /expenses/:expenseId/approve": DECIDES,
  "POST /expenses/:expenseId/refuse": DECIDES,
  "POST /expenses/:expenseId/reimburse": RUNS_CYCLES,
};
