import { describe, expect, it } from "vitest";
import { MESSAGE_AREAS } from "../../src/i18n/index.js";
import { LOCALES } from "../../src/i18n/locales.js";

const PLURAL = /_(zero|one|two|few|many|other)$/;
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe("interface messages", () => {
  for (const [area, messages] of Object.entries(MESSAGE_AREAS)) {
    const byLocale = messages as Record<string, Record<string, string>>;
    const all = new Set(LOCALES.flatMap((l) => Object.keys(byLocale[l] ?? {}).map((k) => k.replace(PLURAL, ""))));

    it(`${area}: every key exists in fr, nl, de and en`, () => {
      for (const locale of LOCALES) {
        const keys = new Set(Object.keys(byLocale[locale] ?? {}).map((k) => k.replace(PLURAL, "")));
        const missing = [...all].filter((k) => !keys.has(k));
        expect(missing, `${area} keys missing in ${locale}`).toEqual([]);
      }
    });

    it(`${area}: plural keys carry every plural category of each language`, () => {
      for (const locale of LOCALES) {
        const keys = Object.keys(byLocale[locale] ?? {});
        const bases = new Set(keys.filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, "")));
        const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
        for (const base of bases) {
          for (const cat of categories) expect(keys, `${area}.${base}_${cat} in ${locale}`).toContain(`${base}_${cat}`);
        }
      }
    });

    it(`${area}: no message is empty and placeholders agree across languages`, () => {
      for (const key of Object.keys(byLocale.en ?? {})) {
        const reference = placeholders(byLocale.en![key]!);
        for (const locale of LOCALES) {
          const text = byLocale[locale]?.[key];
          if (text === undefined) continue; // reported by the test above
          expect(text.trim(), `${area}.${key} in ${locale}`).not.toBe("");
          expect(placeholders(text), `${area}.${key} placeholders in ${locale}`).toEqual(reference);
        }
      }
    });
  }
});
