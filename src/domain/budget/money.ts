import type { Locale } from "../../i18n/locales.js";

/**
 * Money in euros, exact: integer cents in code, decimal strings ("1234.50") at the edges (the
 * database's numeric(12,2), forms, CSV). No binary floating point ever touches an amount.
 */

/** The largest amount one expense may claim: 1,000,000.00 €. */
export const MAX_EXPENSE_CENTS = 100_000_000;

export type AmountProblem = "required" | "invalid" | "notPositive" | "tooManyDecimals" | "tooLarge";

export type AmountCheck = { ok: true; cents: number } | { ok: false; problem: AmountProblem };

/** Spaces people and spreadsheets put between thousands (plain, no-break, narrow no-break, thin). */
const GROUPING_SPACES = /[\s\u00a0\u202f\u2009']/g;

/**
 * Reads an amount as typed in any of the four languages: "23.40", "23,40", "1 234,50",
 * "1.234,50", "1,234.50", "€ 12". A single separator is the decimal one ("1.234" has three
 * decimals and is refused rather than guessed). Zero, negative, more than two decimals and more
 * than MAX_EXPENSE_CENTS are refused.
 */
export function parseAmount(raw: string): AmountCheck {
  let text = raw
    .trim()
    .replace(/€|eur$/gi, "")
    .trim();
  if (text === "") return { ok: false, problem: "required" };
  if (/^[-−]/.test(text)) return { ok: false, problem: "notPositive" };
  text = text.replace(/^\+/, "").replace(GROUPING_SPACES, "");
  if (!/^[\d.,]+$/.test(text) || !/\d/.test(text)) return { ok: false, problem: "invalid" };

  const lastDot = text.lastIndexOf(".");
  const lastComma = text.lastIndexOf(",");
  let integer: string;
  let fraction = "";
  if (lastDot >= 0 && lastComma >= 0) {
    // Both: the last one separates the decimals, the other groups thousands.
    const decimalAt = Math.max(lastDot, lastComma);
    const head = text.slice(0, decimalAt);
    const grouping = decimalAt === lastDot ? "," : ".";
    const groups = head.split(grouping);
    if (!/^\d{1,3}$/.test(groups[0]!) || !groups.slice(1).every((g) => /^\d{3}$/.test(g)))
      return { ok: false, problem: "invalid" };
    integer = groups.join("");
    fraction = text.slice(decimalAt + 1);
  } else {
    const separator = lastDot >= 0 ? "." : lastComma >= 0 ? "," : null;
    if (separator === null) integer = text;
    else {
      const parts = text.split(separator);
      if (parts.length === 2) [integer, fraction] = parts as [string, string];
      else if (/^\d{1,3}$/.test(parts[0]!) && parts.slice(1).every((p) => /^\d{3}$/.test(p))) integer = parts.join("");
      else return { ok: false, problem: "invalid" };
    }
  }
  if (!/^\d*$/.test(integer) || !/^\d*$/.test(fraction)) return { ok: false, problem: "invalid" };
  if (integer === "" && fraction === "") return { ok: false, problem: "invalid" };
  if (fraction.length > 2) return { ok: false, problem: "tooManyDecimals" };
  const whole = integer.replace(/^0+(?=\d)/, "");
  if (whole.length > 9) return { ok: false, problem: "tooLarge" };
  const cents = Number(whole || "0") * 100 + Number(fraction.padEnd(2, "0"));
  if (cents <= 0) return { ok: false, problem: "notPositive" };
  if (cents > MAX_EXPENSE_CENTS) return { ok: false, problem: "tooLarge" };
  return { ok: true, cents };
}

/** Cents from a decimal string as the database gives it ("23.40", "2500.00", "0", "-1.5"). */
export function centsOf(decimal: string): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(decimal.trim());
  if (!m) throw new Error(`not an amount with at most two decimals: ${decimal}`);
  const cents = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  if (!Number.isSafeInteger(cents)) throw new Error("amount out of range");
  return m[1] === "-" && cents !== 0 ? -cents : cents;
}

/** The decimal string of an amount in cents, with a dot and two decimals: 123450 → "1234.50". */
export function decimalOf(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new Error("cents must be a safe integer");
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

const INTL_TAG: Record<Locale, string> = { fr: "fr-BE", nl: "nl-BE", de: "de-BE", en: "en-GB" };
const formats = new Map<Locale, Intl.NumberFormat>();

/**
 * An amount in euros in the reader's language ("1 234,50 €" in French). Intl reads the decimal
 * string exactly, so no float is involved.
 */
export function formatMoney(locale: Locale, cents: number): string {
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(INTL_TAG[locale], { style: "currency", currency: "EUR" });
    formats.set(locale, format);
  }
  return format.format(decimalOf(cents) as `${number}`);
}
