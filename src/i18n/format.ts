import type { Locale } from "./locales.js";

const INTL_TAG: Record<Locale, string> = { fr: "fr-BE", nl: "nl-BE", de: "de-BE", en: "en-GB" };
export const TIME_ZONE = "Europe/Brussels";

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = cache.get(key);
  if (!f) cache.set(key, (f = make()));
  return f as T;
}

export function formatDate(locale: Locale, date: Date, style: "date" | "datetime" = "date"): string {
  const options: Intl.DateTimeFormatOptions =
    style === "date"
      ? { dateStyle: "long", timeZone: TIME_ZONE }
      : { dateStyle: "long", timeStyle: "short", timeZone: TIME_ZONE };
  return cached(`d:${locale}:${style}`, () => new Intl.DateTimeFormat(INTL_TAG[locale], options)).format(date);
}

/** Formats a number given exactly as a decimal string ("1.250000") or as a number. */
export function formatNumber(locale: Locale, value: number | string, maxDecimals = 6): string {
  const n = typeof value === "string" ? Number(value) : value;
  return cached(
    `n:${locale}:${maxDecimals}`,
    () => new Intl.NumberFormat(INTL_TAG[locale], { maximumFractionDigits: maxDecimals }),
  ).format(n);
}
