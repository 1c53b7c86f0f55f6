import type { Labels } from "../../db/schema/organisations.js";
import { LOCALES, type Locale } from "../../i18n/locales.js";

export interface PickedLabel {
  text: string;
  /** The language of the text when it is not the page's (for a lang attribute), else undefined. */
  lang: Locale | undefined;
}

/**
 * The label of a configuration entity in the page language, else in the organisation's
 * default language, else in any language it has; `fallback` when it has none.
 */
export function pickLabel(labels: Labels, locale: Locale, defaultLanguage?: Locale, fallback = ""): PickedLabel {
  const order: Locale[] = [locale, ...(defaultLanguage ? [defaultLanguage] : []), ...LOCALES];
  for (const l of order) {
    const text = labels[l]?.trim();
    if (text) return { text, lang: l === locale ? undefined : l };
  }
  return { text: fallback, lang: undefined };
}
