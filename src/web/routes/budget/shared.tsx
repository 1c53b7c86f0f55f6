import type { Picked } from "../../../commands/cycles/texts.js";
import type { GroupContext } from "../../../commands/groups/load.js";
import type { ExpenseCategory, ExpenseStatus } from "../../../db/schema/index.js";
import { formatMoney } from "../../../domain/budget/money.js";
import type { MessageKey } from "../../../i18n/index.js";
import type { Locale } from "../../../i18n/locales.js";
import type { Ctx } from "../../context.js";
import { langOf } from "../cycles/shared.js";
import { GroupNav, groupPath } from "../groups/shared.js";

export const CATEGORY_LABEL: Record<ExpenseCategory, MessageKey> = {
  travel: "budget.categoryTravel",
  meals: "budget.categoryMeals",
  visits: "budget.categoryVisits",
  interviews: "budget.categoryInterviews",
  interpretation: "budget.categoryInterpretation",
  other: "budget.categoryOther",
};

export const STATUS_LABEL: Record<ExpenseStatus, MessageKey> = {
  submitted: "budget.statusSubmitted",
  approved: "budget.statusApproved",
  refused: "budget.statusRefused",
  reimbursed: "budget.statusReimbursed",
};

/** The budget's figures, named as on the page, for each status. */
export const TOTAL_LABEL: Record<ExpenseStatus, MessageKey> = {
  submitted: "budget.totalSubmitted",
  approved: "budget.totalApproved",
  reimbursed: "budget.totalReimbursed",
  refused: "budget.totalRefused",
};

const NOTICES = {
  submitted: "budget.noticeSubmitted",
  approved: "budget.noticeApproved",
  refused: "budget.noticeRefused",
  reimbursed: "budget.noticeReimbursed",
} as const satisfies Record<string, MessageKey>;
export type BudgetNotice = keyof typeof NOTICES;

export function noticeOf(c: Ctx): string | undefined {
  const key = c.req.query("notice");
  return key && key in NOTICES ? c.var.t(NOTICES[key as BudgetNotice]) : undefined;
}

export function withNotice(path: string, notice: BudgetNotice): string {
  return `${path}?notice=${notice}`;
}

export function money(c: Ctx, cents: number): string {
  return formatMoney(c.var.locale, cents);
}

export function budgetPath(c: Ctx, groupId: string): string {
  return groupPath(c, groupId, "/budget");
}

export function expensePath(c: Ctx, expenseId: string, rest = ""): string {
  return `/${c.var.locale}/expenses/${expenseId}${rest}`;
}

const SIZE_TAG: Record<Locale, string> = { fr: "fr-BE", nl: "nl-BE", de: "de-BE", en: "en-GB" };

/** A file size in kB or MB, in the reader's language. */
export function fileSize(locale: Locale, bytes: number): string {
  const [value, unit] = bytes < 1_000_000 ? [bytes / 1000, "kilobyte"] : [bytes / 1_000_000, "megabyte"];
  return new Intl.NumberFormat(SIZE_TAG[locale], {
    style: "unit",
    unit,
    maximumFractionDigits: 1,
  }).format(Math.max(value, 0.1));
}

/** The group's title as a link, above the heading of a page that belongs to the group. */
export function GroupCrumb({ c, context, title }: { c: Ctx; context: GroupContext; title: Picked<{ title: string }> }) {
  return (
    <p class="breadcrumb">
      <a href={groupPath(c, context.group.id)} lang={langOf(c, title)}>
        {title.value.title}
      </a>
    </p>
  );
}

/** The heading of a budget page: the group's name, then the group's sections. */
export function BudgetHeading(p: { c: Ctx; context: GroupContext; title: Picked<{ title: string }>; heading: string }) {
  return (
    <>
      <GroupCrumb c={p.c} context={p.context} title={p.title} />
      <h1>{p.heading}</h1>
      <GroupNav c={p.c} context={p.context} current="budget" />
    </>
  );
}
