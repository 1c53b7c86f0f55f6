import type { ExpenseContext, GroupContext } from "../../commands/groups/load.js";
import { route, type AnyRoute } from "../routing.js";
import { approve, expensePage, receipt, refuse, reimburse } from "./budget/expense.js";
import { expenseFormPage, submitExpenseForm } from "./budget/expense-form.js";
import { exportExpenses } from "./budget/export.js";
import { budgetPage } from "./budget/overview.js";
import { loadExpense, loadGroup, UUID } from "./groups/shared.js";

const GROUP = `/groups/:groupId${UUID}`;
const EXPENSE = `/expenses/:expenseId${UUID}`;

/** A receipt of up to 20 MB plus the multipart envelope and the other fields. */
export const MAX_EXPENSE_BODY = 21 * 1024 * 1024;

/** The budget of a working group: its figures, expenses with receipts, decisions and the export. */
export const budgetRoutes: AnyRoute[] = [
  route<GroupContext>({
    method: "GET",
    path: `${GROUP}/budget`,
    action: "budget.view",
    load: loadGroup,
    handler: budgetPage,
  }),
  route<GroupContext>({
    method: "GET",
    path: `${GROUP}/expenses.csv`,
    action: "budget.export",
    load: loadGroup,
    handler: exportExpenses,
  }),
  route<GroupContext>({
    method: "GET",
    path: `${GROUP}/expenses/new`,
    action: "group.participate",
    load: loadGroup,
    handler: (c, context) => expenseFormPage(c, context, { values: {} }),
  }),
  route<GroupContext>({
    method: "POST",
    path: `${GROUP}/expenses/new`,
    action: "group.participate",
    load: loadGroup,
    maxBody: MAX_EXPENSE_BODY,
    handler: submitExpenseForm,
  }),
  route<ExpenseContext>({
    method: "GET",
    path: EXPENSE,
    action: "expense.view",
    load: loadExpense,
    handler: (c, context) => expensePage(c, context),
  }),
  route<ExpenseContext>({
    method: "GET",
    path: `${EXPENSE}/receipt`,
    action: "expense.view",
    load: loadExpense,
    handler: receipt,
  }),
  route<ExpenseContext>({
    method: "POST",
    path: `${EXPENSE}/approve`,
    action: "expense.decide",
    load: loadExpense,
    handler: approve,
  }),
  route<ExpenseContext>({
    method: "POST",
    path: `${EXPENSE}/refuse`,
    action: "expense.decide",
    load: loadExpense,
    handler: refuse,
  }),
  route<ExpenseContext>({
    method: "POST",
    path: `${EXPENSE}/reimburse`,
    action: "expense.reimburse",
    load: loadExpense,
    handler: reimburse,
  }),
];
