import { z } from "zod";
import type { MessageKey, Translate } from "../i18n/index.js";
import { LOCALES } from "../i18n/locales.js";

/**
 * Form fields as Zod schemas whose messages are interface keys (with values after a "|"),
 * so one schema serves the page, the API and the command line, in every language.
 */
function message(key: MessageKey, values?: Record<string, number | string>): string {
  return values ? `${key}|${JSON.stringify(values)}` : key;
}

export const field = {
  text: (max = 200) =>
    z
      .string({ error: message("errors.required") })
      .trim()
      .min(1, { error: message("errors.required") })
      .max(max, { error: message("errors.tooLong", { max }) }),
  optionalText: (max = 200) =>
    z
      .string()
      .trim()
      .max(max, { error: message("errors.tooLong", { max }) })
      .optional()
      .transform((v) => v ?? ""),
  email: () =>
    z
      .string({ error: message("errors.required") })
      .trim()
      .toLowerCase()
      .min(1, { error: message("errors.required") })
      .max(254, { error: message("errors.tooLong", { max: 254 }) })
      .pipe(z.email({ error: message("errors.invalidEmail") })),
  locale: () => z.enum(LOCALES, { error: message("errors.invalidChoice") }),
  checkbox: () =>
    z
      .union([z.literal("on"), z.literal("true"), z.literal("1"), z.literal("")])
      .optional()
      .transform((v) => v === "on" || v === "true" || v === "1"),
  wholeNumber: (max = 1_000_000_000) =>
    z
      .string({ error: message("errors.required") })
      .trim()
      .regex(/^\d{1,10}$/, { error: message("errors.invalidNumber") })
      .transform(Number)
      .refine((n) => n <= max, { error: message("errors.invalidNumber") }),
  /** An exact positive decimal, kept as text: "1", "0.5", "1,25". */
  decimal: () =>
    z
      .string({ error: message("errors.required") })
      .trim()
      .transform((v) => v.replace(",", "."))
      .pipe(z.string().regex(/^\d{1,6}(\.\d{1,6})?$/, { error: message("errors.invalidDecimal") })),
  slug: () =>
    z
      .string({ error: message("errors.required") })
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, { error: message("errors.invalidSlug") }),
  uuid: () => z.uuid({ error: message("errors.invalidChoice") }),
  choice: <T extends readonly [string, ...string[]]>(values: T) =>
    z.enum(values, { error: message("errors.invalidChoice") }),
};

export type FieldErrors = Record<string, string>;

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** Keeps what the person typed so that a refused form comes back filled in. */
function echo(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body))
    if (typeof v === "string" && k !== "_csrf" && !/password/i.test(k)) out[k] = v;
  return out;
}

export function parseForm<S extends z.ZodType>(schema: S, body: Record<string, unknown>): FormResult<z.infer<S>> {
  const result = schema.safeParse(body);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    errors[key] ??= issue.message;
  }
  return { ok: false, errors, values: echo(body) };
}

/** Turns a stored message ("errors.tooLong|{"max":200}") into text. */
export function explain(t: Translate, stored: string): string {
  const [key, values] = stored.split("|", 2) as [string, string | undefined];
  if (!key.includes(".")) return t("errors.invalidChoice");
  return t(key as MessageKey, values ? (JSON.parse(values) as Record<string, string | number>) : undefined);
}

export { message as errorMessage };
