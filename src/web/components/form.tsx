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

export function TextField(p: FieldProps) {
  const id = `field-${p.name}`;
  const error = p.errors?.[p.name];
  const hintId = p.hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div class={error ? "field has-error" : "field"}>
      <label for={id}>{p.label}</label>
      {p.hint && (
        <p class="hint" id={hintId}>
          {p.hint}
        </p>
      )}
      {error && (
        <p class="error" id={errorId}>
          {explain(p.c.var.t, error)}
        </p>
      )}
      <input
        id={id}
        name={p.name}
        type={p.type ?? "text"}
        value={p.type === "password" || p.type === "file" ? undefined : (p.values?.[p.name] ?? "")}
        autocomplete={p.autocomplete}
        required={p.required}
        maxlength={p.maxlength}
        inputmode={p.inputmode}
        accept={p.accept}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}

export function SelectField(
  p: Omit<FieldProps, "type" | "autocomplete" | "maxlength" | "inputmode" | "accept"> & {
    options: Array<{ value: string; label: string }>;
    emptyLabel?: string;
  },
) {
  const id = `field-${p.name}`;
  const error = p.errors?.[p.name];
  const hintId = p.hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const current = p.values?.[p.name] ?? "";
  return (
    <div class={error ? "field has-error" : "field"}>
      <label for={id}>{p.label}</label>
      {p.hint && (
        <p class="hint" id={hintId}>
          {p.hint}
        </p>
      )}
      {error && (
        <p class="error" id={errorId}>
          {explain(p.c.var.t, error)}
        </p>
      )}
      <select
        id={id}
        name={p.name}
        required={p.required}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
      >
        {p.emptyLabel !== undefined && <option value="">{p.emptyLabel}</option>}
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
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
