import { toBrusselsLocal } from "../../../commands/ballots/schedule.js";
import { groupExpenses } from "../../../commands/budget/read.js";
import type { GroupContext } from "../../../commands/groups/load.js";
import { expensesCsv, type CsvColumn } from "../../../domain/budget/csv.js";
import { STATUSES } from "../../../domain/budget/figures.js";
import { centsOf } from "../../../domain/budget/money.js";
import type { Ctx } from "../../context.js";
import { figuresOf } from "./overview.js";
import { CATEGORY_LABEL, STATUS_LABEL, TOTAL_LABEL } from "./shared.js";

/** "2026-03-02 09:00", Brussels time: what a spreadsheet reads as a date and time. */
function moment(at: Date | null): string {
  return at ? toBrusselsLocal(at).replace("T", " ") : "";
}

/** The group's expenses as CSV for a spreadsheet (see src/domain/budget/csv.ts), labels in the reader's language. */
export async function exportExpenses(c: Ctx, context: GroupContext) {
  const { t } = c.var;
  const rows = await groupExpenses(c.var.deps.db, context.group.id);
  const figures = figuresOf(context, rows);
  const header: Record<CsvColumn, string> = {
    spentOn: t("budget.csvDate"),
    submittedBy: t("budget.csvSubmittedBy"),
    category: t("budget.csvCategory"),
    description: t("budget.csvDescription"),
    amount: t("budget.csvAmount"),
    status: t("budget.csvStatus"),
    decidedBy: t("budget.csvDecidedBy"),
    decidedAt: t("budget.csvDecidedAt"),
    reason: t("budget.csvReason"),
    reimbursedAt: t("budget.csvReimbursedAt"),
  };
  const text = expensesCsv(
    header,
    // Oldest first, as in a ledger.
    [...rows].reverse().map((r) => ({
      spentOn: r.spentOn,
      submittedBy: r.submittedByName,
      category: t(CATEGORY_LABEL[r.category]),
      description: r.description,
      cents: centsOf(r.amount),
      status: t(STATUS_LABEL[r.status]),
      decidedBy: r.decidedBy ? (r.decidedByName ?? t("budget.someone")) : "",
      decidedAt: moment(r.decidedAt),
      reason: r.reason,
      reimbursedAt: moment(r.reimbursedAt),
    })),
    [
      { label: t("budget.allocated"), cents: figures.allocatedCents },
      ...STATUSES.map((s) => ({ label: t(TOTAL_LABEL[s]), cents: figures.totals[s] })),
      { label: t("budget.remainder"), cents: figures.remainderCents },
    ],
  );
  const fileName = `${t("budget.csvFileName")}-${context.group.key}.csv`;
  c.header("Cache-Control", "private, no-store");
  c.header("Content-Disposition", `attachment; filename="${fileName}"`);
  c.header("X-Content-Type-Options", "nosniff");
  return c.body(text, 200, { "Content-Type": "text/csv; charset=utf-8" });
}
