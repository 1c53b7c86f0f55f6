import type { Locale } from "../../i18n/locales.js";

const INTL_TAG: Record<Locale, string> = { fr: "fr-BE", nl: "nl-BE", de: "de-BE", en: "en-GB" };
/** Region codes Intl knows that are not countries. */
const NOT_COUNTRIES = new Set(["ZZ", "EU", "EZ", "UN", "QO", "AA", "XA", "XB"]);
const regionNames = new Map<Locale, Intl.DisplayNames>();
const languageNames = new Map<Locale, Intl.DisplayNames>();
const strictRegions = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });

/** True for a two-letter upper-case ISO 3166 country code that Intl knows ("BE", "FR"). */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && !NOT_COUNTRIES.has(code) && strictRegions.of(code) !== undefined;
}

/** The country's name in the page language ("Belgique", "België"), or the code itself. */
export function countryName(locale: Locale, code: string): string {
  let names = regionNames.get(locale);
  if (!names) regionNames.set(locale, (names = new Intl.DisplayNames([INTL_TAG[locale]], { type: "region" })));
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** A language's name in the page language ("néerlandais", "Nederlands" in nl). */
export function languageName(locale: Locale, code: string): string {
  let names = languageNames.get(locale);
  if (!names) languageNames.set(locale, (names = new Intl.DisplayNames([INTL_TAG[locale]], { type: "language" })));
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
