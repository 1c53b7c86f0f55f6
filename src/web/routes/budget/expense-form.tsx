import { z } from "zod";
import { cycleStart } from "../../../commands/budget/read.js";
import { submitExpense } from "../../../commands/budget/submit.js";
import { toBrusselsLocal } from "../../../commands/ballots/schedule.js";
import type { GroupContext } from "../../../commands/groups/load.js";
import { EXPENSE_CATEGORIES } from "../../../db/schema/index.js";
import { MAX_EXPENSE_CENTS, parseAmount, type AmountProblem } from "../../../domain/budget/money.js";
import { checkReceiptName, RECEIPT_ACCEPT } from "../../../domain/budget/receipt.js";
import { checkSpentOn, earliestSpentOn, type SpentOnProblem } from "../../../domain/budget/spent-on.js";
import type { UploadProblem } from "../../../domain/files/upload-rules.js";
import { formatDate } from "../../../i18n/format.js";
import type { MessageKey } from "../../../i18n/index.js";
import { checkUpload, type CheckedUpload } from "../../../storage/uploads.js";
import { ErrorSummary, Form, SelectField, SubmitButton, TextAreaField, TextField } from "../../components/form.js";
import { renderPage } from "../../components/layout.js";
import type { Ctx } from "../../context.js";
import { errorMessage, field, parseForm, type FieldErrors } from "../../validation.js";
import { actorId } from "../cycles/shared.js";
import { groupPath, groupTitle } from "../groups/shared.js";
import { BudgetHeading, CATEGORY_LABEL, expensePath, money, withNotice } from "./shared.js";

export const DESCRIPTION_MAX = 500;

const AMOUNT_ERRORS: Record<Exclude<AmountProblem, "tooLarge">, MessageKey> = {
  required: "errors.required",
  invalid: "budget.amountInvalid",
  notPositive: "budget.amountNotPositive",
  tooManyDecimals: "budget.amountTooManyDecimals",
};

const DATE_ERRORS: Record<Exclude<SpentOnProblem, "tooEarly">, MessageKey> = {
  required: "errors.required",
  invalid: "budget.dateInvalid",
  future: "budget.dateFuture",
};

const RECEIPT_ERRORS: Record<UploadProblem, MessageKey> = {
  empty: "budget.receiptEmpty",
  tooLarge: "budget.receiptTooLarge",
  badName: "budget.receiptBadName",
  unsupportedType: "budget.receiptUnsupported",
  contentMismatch: "budget.receiptMismatch",
};

/** The days an expense may carry for this group, in Brussels time. */
export async function spentOnBounds(c: Ctx, context: GroupContext, now = new Date()) {
  const today = toBrusselsLocal(now).slice(0, 10);
  const cycleBegan = await cycleStart(c.var.deps.db, context.cycle.id);
  return { today, earliest: earliestSpentOn(today, [context.group.startsOn, cycleBegan]) };
}

function dayText(c: Ctx, iso: string): string {
  return formatDate(c.var.locale, new Date(`${iso}T12:00:00Z`));
}

/** The text fields of the form, with messages that carry the group's bounds and the maximum amount. */
function expenseSchema(c: Ctx, bounds: { today: string; earliest: string }) {
  return z.object({
    category: field.choice(EXPENSE_CATEGORIES),
    amount: z.string({ error: errorMessage("errors.required") }).transform((raw, ctx) => {
      const checked = parseAmount(raw);
      if (checked.ok) return checked.cents;
      ctx.addIssue({
        code: "custom",
        message:
          checked.problem === "tooLarge"
            ? errorMessage("budget.amountTooLarge", { max: money(c, MAX_EXPENSE_CENTS) })
            : errorMessage(AMOUNT_ERRORS[checked.problem]),
      });
      return z.NEVER;
    }),
    spentOn: z.string({ error: errorMessage("errors.required") }).transform((raw, ctx) => {
      const checked = checkSpentOn(raw, bounds);
      if (checked.ok) return checked.date;
      ctx.addIssue({
        code: "custom",
        message:
          checked.problem === "tooEarly"
            ? errorMessage("budget.dateTooEarly", { from: dayText(c, bounds.earliest) })
            : errorMessage(DATE_ERRORS[checked.problem]),
      });
      return z.NEVER;
    }),
    description: field.text(DESCRIPTION_MAX),
  });
}

interface FormState {
  values: Record<string, string>;
  errors?: FieldErrors;
}

function labels(c: Ctx): Record<string, string> {
  const { t } = c.var;
  return {
    category: t("budget.category"),
    amount: t("budget.amountLabel"),
    spentOn: t("budget.dateLabel"),
    description: t("budget.descriptionLabel"),
    receipt: t("budget.receiptLabel"),
  };
}

export async function expenseFormPage(c: Ctx, context: GroupContext, state: FormState, status: 200 | 422 = 200) {
  const { t } = c.var;
  const [title, bounds] = await Promise.all([groupTitle(c, context), spentOnBounds(c, context)]);
  const refused = state.errors !== undefined && Object.keys(state.errors).length > 0;
  return renderPage(
    c,
    {
      title: t("budget.newTitle"),
      children: (
        <>
          <BudgetHeading c={c} context={context} title={title} heading={t("budget.newTitle")} />
          <ErrorSummary c={c} errors={state.errors} labels={labels(c)} />
          <p>{t("budget.newIntro")}</p>
          <Form c={c} action={groupPath(c, context.group.id, "/expenses/new")} multipart>
            <SelectField
              c={c}
              name="category"
              label={t("budget.category")}
              required
              errors={state.errors}
              values={state.values}
              options={EXPENSE_CATEGORIES.map((k) => ({ value: k, label: t(CATEGORY_LABEL[k]) }))}
            />
            <TextField
              c={c}
              name="amount"
              label={t("budget.amountLabel")}
              hint={t("budget.amountHint")}
              inputmode="decimal"
              autocomplete="off"
              maxlength={20}
              required
              errors={state.errors}
              values={state.values}
            />
            <TextField
              c={c}
              name="spentOn"
              type="date"
              label={t("budget.dateLabel")}
              hint={t("budget.dateHint", { from: dayText(c, bounds.earliest) })}
              required
              errors={state.errors}
              values={state.values}
            />
            <TextAreaField
              c={c}
              name="description"
              label={t("budget.descriptionLabel")}
              hint={t("budget.descriptionHint")}
              maxlength={DESCRIPTION_MAX}
              rows={4}
              errors={state.errors}
              values={state.values}
            />
            <TextField
              c={c}
              name="receipt"
              type="file"
              label={t("budget.receiptLabel")}
              hint={refused ? `${t("budget.receiptHint")} ${t("budget.receiptAgain")}` : t("budget.receiptHint")}
              accept={RECEIPT_ACCEPT}
              required
              errors={state.errors}
            />
            <SubmitButton label={t("budget.submit")} />
          </Form>
        </>
      ),
    },
    status,
  );
}

/** The receipt sent with the form, checked; an empty file part (no file chosen) is "required". */
async function readReceipt(
  value: unknown,
): Promise<{ ok: true; upload: CheckedUpload } | { ok: false; error: string }> {
  if (!(value instanceof File) || (value.size === 0 && value.name === "")) {
    return { ok: false, error: errorMessage("budget.receiptRequired") };
  }
  const named = checkReceiptName(value.name);
  if (!named.ok) return { ok: false, error: errorMessage(RECEIPT_ERRORS[named.problem]) };
  const checked = await checkUpload(value);
  if (!checked.ok) return { ok: false, error: errorMessage(RECEIPT_ERRORS[checked.problem]) };
  return checked;
}

export async function submitExpenseForm(c: Ctx, context: GroupContext) {
  const body = await c.req.parseBody();
  const text: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string" && k !== "_csrf") text[k] = v;
  const bounds = await spentOnBounds(c, context);
  const form = parseForm(expenseSchema(c, bounds), text);
  const receipt = await readReceipt(body.receipt);
  if (!form.ok || !receipt.ok) {
    const errors: FieldErrors = form.ok ? {} : { ...form.errors };
    if (!receipt.ok) errors.receipt = receipt.error;
    return expenseFormPage(c, context, { values: text, errors }, 422);
  }
  const { id } = await submitExpense(c.var.deps.db, c.var.deps.files, context, actorId(c), {
    category: form.data.category,
    cents: form.data.amount,
    spentOn: form.data.spentOn,
    description: form.data.description,
    receipt: receipt.upload,
  });
  return c.redirect(withNotice(expensePath(c, id), "submitted"), 303);
}
