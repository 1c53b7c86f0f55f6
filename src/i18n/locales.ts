export const LOCALES = ["fr", "nl", "de", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "fr";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The name of each language in itself, for the language switcher. */
export const LOCALE_NAMES: Record<Locale, string> = {
  fr: "Français",
  nl: "Nederlands",
  de: "Deutsch",
  en: "English",
};
