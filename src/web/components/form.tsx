import type { Child } from "hono/jsx";
import type { Ctx } from "../context.js";
import { CSRF_FIELD } from "../middleware/csrf.js";
import { explain, type FieldErrors } from "../validation.js";

/** A POST form with its CSRF token. */
export function Form(props: {
  c: Ctx;
  action: string;
  children?: Child;
  multipart?: boolean;
  class?: string;
  id?: string;
}) {
  return (
    <form
      method="post"
      action={props.action}
      enctype={props.multipart ? "multipart/form-data" : undefined}
      class={props.class}
      id={props.id}
      novalidate
    >
      <input type="hidden" name={CSRF_FIELD} value={props.c.var.csrfToken} />
      {props.children}
    </form>
  );
}

/** The list of problems at the top of a refused form, each a link to its field (GOV.UK pattern). */
export function ErrorSummary({
  c,
  errors,
  labels,
}: {
  c: Ctx;
  errors?: FieldErrors | undefined;
  labels: Record<string, string>;
}) {
  if (!errors || Object.keys(errors).length === 0) return null;
  const { t } = c.var;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">{t("common.errorSummary")}</h2>
      <ul>
        {Object.entries(errors).map(([name, stored]) => (
          <li>
            {name === "_form" ? (
              explain(t, stored)
            ) : (
              <a href={`#field-${name}`}>
                {labels[name] ? `${labels[name]}: ` : ""}
                {explain(t, stored)}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  c: Ctx;
  name: string;
  label: string;
  hint?: string | undefined;
  errors?: FieldErrors | undefined;
  values?: Record<string, string | undefined> | undefined;
  type?: "text" | "email" | "password" | "number" | "date" | "datetime-local" | "file" | "search" | "url";
  autocomplete?: string;
  required?: boolean;
  maxlength?: number;
  inputmode?: "numeric" | "decimal" | "email" | "text";
  accept?: string;
}

/** Ids that tie a control to its hint and error, so screen readers read them with it. */
function fieldIds(name: string, hasHint: boolean, error: string | undefined) {
  const id = `field-${name}`;
  const hintId = hasHint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return { id, hintId, errorId, describedBy: [hintId, errorId].filter(Boolean).join(" ") || undefined };
}

/** Label, hint and error of one field, around its control. */
function FieldFrame(p: {
  c: Ctx;
  id: string;
  label: string;
  hint?: string | undefined;
  hintId?: string | undefined;
  error?: string | undefined;
  errorId?: string | undefined;
  children?: Child;
}) {
  return (
    <div class={p.error ? "field has-error" : "field"}>
      <label for={p.id}>{p.label}</label>
      {p.hint && (
        <p class="hint" id={p.hintId}>
          {p.hint}
        </p>
      )}
      {p.error && (
        <p class="error" id={p.errorId}>
          {explain(p.c.var.t, p.error)}
        </p>
      )}
      {p.children}
    </div>
  );
}

export function TextField(p: FieldProps) {
  const error = p.errors?.[p.name];
  const ids = fieldIds(p.name, Boolean(p.hint), error);
  return (
    <FieldFrame c={p.c} label={p.label} hint={p.hint} error={error} {...ids}>
      <input
        id={ids.id}
        name={p.name}
        type={p.type ?? "text"}
        value={p.type === "password" || p.type === "file" ? undefined : (p.values?.[p.name] ?? "")}
        autocomplete={p.autocomplete}
        required={p.required}
        maxlength={p.maxlength}
        inputmode={p.inputmode}
        accept={p.accept}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={ids.describedBy}
      />
    </FieldFrame>
  );
}

/** A multi-line text field, with its hint and error wired as the single-line fields are. */
export function TextAreaField(p: {
  c: Ctx;
  name: string;
  label: string;
  hint?: string | undefined;
  errors?: FieldErrors | undefined;
  values?: Record<string, string | undefined> | undefined;
  maxlength?: number;
  rows?: number;
  lang?: string | undefined;
}) {
  const error = p.errors?.[p.name];
  const ids = fieldIds(p.name, Boolean(p.hint), error);
  return (
    <FieldFrame c={p.c} label={p.label} hint={p.hint} error={error} {...ids}>
      <textarea
        id={ids.id}
        name={p.name}
        rows={p.rows ?? 6}
        maxlength={p.maxlength}
        lang={p.lang}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={ids.describedBy}
      >
        {p.values?.[p.name] ?? ""}
      </textarea>
    </FieldFrame>
  );
}

export function SelectField(
  p: Omit<FieldProps, "type" | "autocomplete" | "maxlength" | "inputmode" | "accept"> & {
    options: Array<{ value: string; label: string }>;
    emptyLabel?: string;
  },
) {
  const error = p.errors?.[p.name];
  const ids = fieldIds(p.name, Boolean(p.hint), error);
  const current = p.values?.[p.name] ?? "";
  return (
    <FieldFrame c={p.c} label={p.label} hint={p.hint} error={error} {...ids}>
      <select
        id={ids.id}
        name={p.name}
        required={p.required}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={ids.describedBy}
      >
        {p.emptyLabel !== undefined && <option value="">{p.emptyLabel}</option>}
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function CheckboxField(p: { c: Ctx; name: string; label: string; checked: boolean; hint?: string }) {
  const id = `field-${p.name}`;
  return (
    <div class="field checkbox">
      <input
        type="checkbox"
        id={id}
        name={p.name}
        checked={p.checked}
        aria-describedby={p.hint ? `${id}-hint` : undefined}
      />
      <label for={id}>{p.label}</label>
      {p.hint && (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      )}
    </div>
  );
}

export function SubmitButton({ label }: { label: string }) {
  return (
    <div class="actions">
      <button type="submit">{label}</button>
    </div>
  );
}
