import type { Labels } from "../db/schema/organisations.js";
import type { Locale } from "../i18n/locales.js";

/** A configuration label in the page language, else French, else English, else its key. */
export function labelIn(labels: Labels, locale: Locale, fallback: string): string {
  return labels[locale] || labels.fr || labels.en || fallback;
}
