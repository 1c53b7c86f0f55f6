import { groupExpenses, type ExpenseRow } from "../../../commands/budget/read.js";
import type { GroupContext } from "../../../commands/groups/load.js";
import { budgetFigures, CATEGORIES, STATUSES, type BudgetFigures } from "../../../domain/budget/figures.js";
import { centsOf } from "../../../domain/budget/money.js";
import { can } from "../../../policies/can.js";
import { renderPage } from "../../components/layout.js";
import type { Ctx } from "../../context.js";
import { Day } from "../cycles/shared.js";
import { groupPath, groupTitle } from "../groups/shared.js";
import { BudgetHeading, CATEGORY_LABEL, expensePath, money, noticeOf, STATUS_LABEL, TOTAL_LABEL } from "./shared.js";

/** The budget's figures from the group's allocation and its expenses. */
export function figuresOf(context: GroupContext, rows: readonly ExpenseRow[]): BudgetFigures {
  return budgetFigures(
    centsOf(context.group.budgetAllocated),
    rows.map((r) => ({ category: r.category, status: r.status, cents: centsOf(r.amount) })),
  );
}

/** A long description cut for the list; the expense's page shows it whole. */
function shortText(text: string, max = 80): string {
  const chars = [...text.replace(/\s+/g, " ").trim()];
  return chars.length <= max ? chars.join("") : `${chars.slice(0, max - 1).join("")}…`;
}

function Summary({ c, figures }: { c: Ctx; figures: BudgetFigures }) {
  const { t } = c.var;
  return (
    <>
      <dl class="facts" id="budget-summary">
        <dt>{t("budget.allocated")}</dt>
        <dd data-total="allocated">{money(c, figures.allocatedCents)}</dd>
        {STATUSES.map((s) => (
          <>
            <dt>{t(TOTAL_LABEL[s])}</dt>
            <dd data-total={s}>{money(c, figures.totals[s])}</dd>
          </>
        ))}
        <dt>{t("budget.remainder")}</dt>
        <dd data-total="remainder">
          <strong>{money(c, figures.remainderCents)}</strong>
          <br />
          <span class="hint">{t("budget.remainderHint")}</span>
        </dd>
      </dl>
      {figures.allocatedCents === 0 && <p>{t("budget.noAllocation")}</p>}
      {figures.overAllocation && (
        <p class="warning" role="status">
          {t("budget.overAllocation", {
            committed: money(c, figures.committedCents),
            allocated: money(c, figures.allocatedCents),
          })}
        </p>
      )}
    </>
  );
}

function CategoryTable({ c, figures }: { c: Ctx; figures: BudgetFigures }) {
  const { t } = c.var;
  return (
    <div class="table-wrap" tabindex={0} role="region" aria-labelledby="by-category">
      <table>
        <caption id="by-category">{t("budget.byCategory")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("budget.category")}</th>
            {STATUSES.map((s) => (
              <th scope="col" class="number">
                {t(TOTAL_LABEL[s])}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {CATEGORIES.map((category) => (
            <tr>
              <th scope="row">{t(CATEGORY_LABEL[category])}</th>
              {STATUSES.map((s) => (
                <td class="number">{money(c, figures.byCategory[category][s])}</td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("budget.total")}</th>
            {STATUSES.map((s) => (
              <td class="number">{money(c, figures.totals[s])}</td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function ExpenseTable({ c, rows }: { c: Ctx; rows: readonly ExpenseRow[] }) {
  const { t } = c.var;
  if (rows.length === 0) return <p>{t("budget.noExpenses")}</p>;
  return (
    <div class="table-wrap" tabindex={0} role="region" aria-labelledby="expense-list">
      <table>
        <caption id="expense-list">{t("budget.expenses")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("budget.date")}</th>
            <th scope="col">{t("budget.description")}</th>
            <th scope="col">{t("budget.submittedBy")}</th>
            <th scope="col">{t("budget.category")}</th>
            <th scope="col" class="number">
              {t("budget.amount")}
            </th>
            <th scope="col">{t("budget.status")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td>
                <Day c={c} iso={r.spentOn} />
              </td>
              <th scope="row">
                <a href={expensePath(c, r.id)}>{shortText(r.description)}</a>
              </th>
              <td>{r.submittedByName}</td>
              <td>{t(CATEGORY_LABEL[r.category])}</td>
              <td class="number">{money(c, centsOf(r.amount))}</td>
              <td>{t(STATUS_LABEL[r.status])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export async function budgetPage(c: Ctx, context: GroupContext) {
  const { t, actor } = c.var;
  const [title, rows] = await Promise.all([groupTitle(c, context), groupExpenses(c.var.deps.db, context.group.id)]);
  const figures = figuresOf(context, rows);
  const facts = { type: "group" as const, ...context.facts };
  const links = [
    can(actor, "group.participate", facts) && (
      <li>
        <a class="button" href={groupPath(c, context.group.id, "/expenses/new")}>
          {t("budget.newExpenseLink")}
        </a>
      </li>
    ),
    can(actor, "budget.export", facts) && (
      <li>
        <a class="button secondary" href={groupPath(c, context.group.id, "/expenses.csv")} download>
          {t("budget.exportLink")}
        </a>
      </li>
    ),
  ].filter(Boolean);
  return renderPage(c, {
    title: t("budget.pageTitle", { group: title.value.title }),
    notice: noticeOf(c),
    children: (
      <>
        <BudgetHeading c={c} context={context} title={title} heading={t("budget.heading")} />
        <Summary c={c} figures={figures} />
        {links.length > 0 && <ul class="actions-list">{links}</ul>}
        <h2>{t("budget.byCategory")}</h2>
        <CategoryTable c={c} figures={figures} />
        <h2>{t("budget.expenses")}</h2>
        <ExpenseTable c={c} rows={rows} />
      </>
    ),
  });
}
