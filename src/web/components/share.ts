import type { Locale } from "../../i18n/locales.js";

const INTL_TAG: Record<Locale, string> = { fr: "fr-BE", nl: "nl-BE", de: "de-BE", en: "en-GB" };
const percents = new Map<Locale, Intl.NumberFormat>();

/** The value of a share written "2/3" or "0.5". */
export function shareValue(text: string): number {
  const [num, den] = text.split("/");
  return den === undefined ? Number(num) : Number(num) / Number(den);
}

/** A share for reading: "1/2 (50 %)" when written as a fraction, "50 %" when written as a decimal. */
export function formatShare(locale: Locale, text: string): string {
  let f = percents.get(locale);
  if (!f)
    percents.set(locale, (f = new Intl.NumberFormat(INTL_TAG[locale], { style: "percent", maximumFractionDigits: 2 })));
  const percent = f.format(shareValue(text));
  return text.includes("/") ? `${text} (${percent})` : percent;
}
