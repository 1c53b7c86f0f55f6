import { z } from "zod";
import { decideExpense, reimburseExpense } from "../../../commands/budget/decide.js";
import { expenseRow, type ExpenseRow } from "../../../commands/budget/read.js";
import type { ExpenseContext } from "../../../commands/groups/load.js";
import { centsOf } from "../../../domain/budget/money.js";
import { formatDate } from "../../../i18n/format.js";
import { can, type Resource } from "../../../policies/can.js";
import { renderError } from "../../components/error-page.js";
import { ErrorSummary, Form, SubmitButton, TextAreaField } from "../../components/form.js";
import { renderPage } from "../../components/layout.js";
import type { Ctx } from "../../context.js";
import { errorMessage, field, parseForm, type FieldErrors } from "../../validation.js";
import { actorId, Day, TextParagraphs } from "../cycles/shared.js";
import { groupTitle, personIdOf } from "../groups/shared.js";
import {
  BudgetHeading,
  CATEGORY_LABEL,
  expensePath,
  fileSize,
  money,
  noticeOf,
  STATUS_LABEL,
  withNotice,
} from "./shared.js";

export const REASON_MAX = 500;
const reasonSchema = z.object({ reason: field.text(REASON_MAX) });

interface PageState {
  values?: Record<string, string>;
  errors?: FieldErrors;
}

/** The policy's view of an expense as it is now (after a refused decision, it may have changed). */
function resourceOf(c: Ctx, context: ExpenseContext, row: ExpenseRow): Resource {
  const personId = personIdOf(c);
  return {
    type: "expense",
    group: context.facts,
    submittedByActor: personId !== null && row.submittedBy === personId,
    status: row.status,
  };
}

function History({ c, row }: { c: Ctx; row: ExpenseRow }) {
  const { t, locale } = c.var;
  const at = (d: Date) => formatDate(locale, d, "datetime");
  const someone = t("budget.someone");
  return (
    <ol>
      <li>{t("budget.historySubmitted", { name: row.submittedByName, at: at(row.createdAt) })}</li>
      {row.decidedAt && row.status !== "submitted" && (
        <li>
          {t(row.status === "refused" ? "budget.historyRefused" : "budget.historyApproved", {
            name: row.decidedByName ?? someone,
            at: at(row.decidedAt),
          })}
          {row.reason !== "" && (
            <>
              <br />
              {t("budget.reasonShown", { reason: row.reason })}
            </>
          )}
        </li>
      )}
      {row.reimbursedAt && (
        <li>{t("budget.historyReimbursed", { name: row.reimbursedByName ?? someone, at: at(row.reimbursedAt) })}</li>
      )}
    </ol>
  );
}

function DecisionForms({ c, row, state }: { c: Ctx; row: ExpenseRow; state: PageState }) {
  const { t } = c.var;
  return (
    <>
      <h2>{t("budget.decideHeading")}</h2>
      <Form c={c} action={expensePath(c, row.id, "/approve")}>
        <SubmitButton label={t("budget.approve")} />
      </Form>
      <Form c={c} action={expensePath(c, row.id, "/refuse")}>
        <fieldset>
          <legend>{t("budget.refuseLegend")}</legend>
          <TextAreaField
            c={c}
            name="reason"
            label={t("budget.reasonLabel")}
            hint={t("budget.reasonHint")}
            maxlength={REASON_MAX}
            rows={3}
            errors={state.errors}
            values={state.values}
          />
          <div class="actions">
            <button type="submit" class="danger">
              {t("budget.refuse")}
            </button>
          </div>
        </fieldset>
      </Form>
    </>
  );
}

export async function expensePage(
  c: Ctx,
  context: ExpenseContext,
  state: PageState = {},
  status: 200 | 409 | 422 = 200,
) {
  const { t, actor } = c.var;
  const row = await expenseRow(c.var.deps.db, context.expense.id);
  if (!row) return renderError(c, "notFound");
  const title = await groupTitle(c, context);
  const resource = resourceOf(c, context, row);
  const amount = money(c, centsOf(row.amount));
  const heading = t("budget.expenseTitle", { category: t(CATEGORY_LABEL[row.category]), amount });
  const mayDecide = row.status === "submitted" && can(actor, "expense.decide", resource);
  const mayReimburse = row.status === "approved" && can(actor, "expense.reimburse", resource);
  const own = resource.type === "expense" && resource.submittedByActor;
  return renderPage(
    c,
    {
      title: heading,
      notice: status === 200 ? noticeOf(c) : undefined,
      children: (
        <>
          <BudgetHeading c={c} context={context} title={title} heading={heading} />
          <ErrorSummary c={c} errors={state.errors} labels={{ reason: t("budget.reasonLabel") }} />
          <dl class="facts">
            <dt>{t("budget.status")}</dt>
            <dd data-status={row.status}>{t(STATUS_LABEL[row.status])}</dd>
            <dt>{t("budget.amount")}</dt>
            <dd>{amount}</dd>
            <dt>{t("budget.category")}</dt>
            <dd>{t(CATEGORY_LABEL[row.category])}</dd>
            <dt>{t("budget.date")}</dt>
            <dd>
              <Day c={c} iso={row.spentOn} />
            </dd>
            <dt>{t("budget.submittedBy")}</dt>
            <dd>{row.submittedByName}</dd>
            <dt>{t("budget.receipt")}</dt>
            <dd>
              {row.receiptKey && row.receiptName ? (
                <a href={expensePath(c, row.id, "/receipt")} download>
                  {t("budget.downloadReceipt", {
                    name: row.receiptName,
                    size: fileSize(c.var.locale, row.receiptSize ?? 0),
                  })}
                </a>
              ) : (
                t("budget.noReceipt")
              )}
            </dd>
          </dl>
          <h2>{t("budget.descriptionLabel")}</h2>
          <TextParagraphs text={row.description} />
          <h2>{t("budget.history")}</h2>
          <History c={c} row={row} />
          {own && row.status === "submitted" && <p>{t("budget.waitingOwn")}</p>}
          {mayDecide && <DecisionForms c={c} row={row} state={state} />}
          {mayReimburse && (
            <>
              <h2>{t("budget.reimburseHeading")}</h2>
              <Form c={c} action={expensePath(c, row.id, "/reimburse")}>
                <SubmitButton label={t("budget.reimburse")} />
              </Form>
            </>
          )}
        </>
      ),
    },
    status,
  );
}

/** Re-reads the status to name it in a refusal: the expense changed since the page was opened. */
async function stale(c: Ctx, context: ExpenseContext, key: "budget.alreadyDecided" | "budget.notApproved") {
  const row = await expenseRow(c.var.deps.db, context.expense.id);
  const status = c.var.t(STATUS_LABEL[row?.status ?? context.expense.status]);
  return expensePage(c, context, { errors: { _form: errorMessage(key, { status }) } }, 409);
}

export async function approve(c: Ctx, context: ExpenseContext) {
  const outcome = await decideExpense(c.var.deps.db, context, actorId(c), { kind: "approve" });
  if (outcome.ok) return c.redirect(withNotice(expensePath(c, context.expense.id), "approved"), 303);
  if (outcome.reason === "own_expense") {
    return expensePage(c, context, { errors: { _form: errorMessage("budget.ownExpense") } }, 409);
  }
  return stale(c, context, "budget.alreadyDecided");
}

export async function refuse(c: Ctx, context: ExpenseContext) {
  const body = await c.req.parseBody();
  const form = parseForm(reasonSchema, body);
  if (!form.ok) return expensePage(c, context, { values: form.values, errors: form.errors }, 422);
  const outcome = await decideExpense(c.var.deps.db, context, actorId(c), {
    kind: "refuse",
    reason: form.data.reason,
  });
  if (outcome.ok) return c.redirect(withNotice(expensePath(c, context.expense.id), "refused"), 303);
  if (outcome.reason === "own_expense") {
    return expensePage(c, context, { errors: { _form: errorMessage("budget.ownExpense") } }, 409);
  }
  return stale(c, context, "budget.alreadyDecided");
}

export async function reimburse(c: Ctx, context: ExpenseContext) {
  const outcome = await reimburseExpense(c.var.deps.db, context, actorId(c));
  if (outcome.ok) return c.redirect(withNotice(expensePath(c, context.expense.id), "reimbursed"), 303);
  return stale(c, context, "budget.notApproved");
}

/** ASCII stand-in for old clients; the exact name goes in filename* (RFC 6266 / 5987). */
function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\;%]/g, "_");
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * The receipt file, only ever after the pipeline checked expense.view: as an attachment, with
 * its stored media type, never sniffed, sandboxed if a browser renders it anyway.
 */
export async function receipt(c: Ctx, context: ExpenseContext) {
  const { expense } = context;
  if (!expense.receiptKey) return renderError(c, "notFound");
  const bytes = await c.var.deps.files.get(expense.receiptKey);
  if (!bytes) return renderError(c, "notFound");
  c.header("Cache-Control", "private, no-store");
  c.header("Content-Disposition", contentDisposition(expense.receiptName ?? "receipt"));
  c.header("X-Content-Type-Options", "nosniff");
  c.header("Content-Security-Policy", "sandbox; default-src 'none'");
  return c.body(new Uint8Array(bytes), 200, { "Content-Type": expense.receiptType ?? "application/octet-stream" });
}
