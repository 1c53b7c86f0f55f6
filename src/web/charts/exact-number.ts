import type { Locale } from "../../i18n/locales.js";

const INTL_TAG: Record<Locale, string> = { fr: "fr-BE", nl: "nl-BE", de: "de-BE", en: "en-GB" };

const integers = new Map<Locale, Intl.NumberFormat>();
const decimalSeparators = new Map<Locale, string>();
const percents = new Map<Locale, Intl.NumberFormat>();

function integerFormat(locale: Locale): Intl.NumberFormat {
  let f = integers.get(locale);
  if (!f) integers.set(locale, (f = new Intl.NumberFormat(INTL_TAG[locale], { maximumFractionDigits: 0 })));
  return f;
}

function decimalSeparator(locale: Locale): string {
  let s = decimalSeparators.get(locale);
  if (s === undefined) {
    s = new Intl.NumberFormat(INTL_TAG[locale]).formatToParts(1.5).find((p) => p.type === "decimal")?.value ?? ".";
    decimalSeparators.set(locale, s);
  }
  return s;
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;
const FRACTION = /^(-?\d+)\/(\d+)$/;

/**
 * Writes an exact value from the counting engine ("12", "12.5", "3.33333", "5/3") in the page's
 * language without going through a binary float: "12,5" in French, digits grouped as the language
 * groups them, every decimal kept. A fraction stays a fraction ("5/3"). Anything else is returned as is.
 */
export function formatExact(locale: Locale, value: string): string {
  const decimal = DECIMAL.exec(value);
  if (decimal) {
    const [, sign = "", whole = "0", fraction] = decimal;
    const grouped = integerFormat(locale).format(BigInt(whole));
    return `${sign}${grouped}${fraction ? decimalSeparator(locale) + fraction : ""}`;
  }
  const ratio = FRACTION.exec(value);
  if (ratio) return `${formatExact(locale, ratio[1]!)}/${formatExact(locale, ratio[2]!)}`;
  return value;
}

/** An approximate number for drawing (a bar's length), never for showing. */
export function exactToNumber(value: string): number {
  const ratio = FRACTION.exec(value);
  if (ratio) return Number(ratio[1]) / Number(ratio[2]);
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
}

/** A count as the language writes it ("1 234" in French). */
export function formatCount(locale: Locale, value: number): string {
  return integerFormat(locale).format(value);
}

/** A share of a whole as a percentage with at most one decimal ("45,5 %"); "–" when the whole is 0. */
export function formatShareOf(locale: Locale, part: number, whole: number): string {
  if (whole <= 0) return "–";
  let f = percents.get(locale);
  if (!f)
    percents.set(locale, (f = new Intl.NumberFormat(INTL_TAG[locale], { style: "percent", maximumFractionDigits: 1 })));
  return f.format(part / whole);
}
