import { LOCALES, type Locale } from "../../i18n/locales.js";

/**
 * Translated content of cycles and themes: which language to show a reader, and which
 * translations fall out of date when the source text changes. Pure functions, no I/O.
 */

export interface Picked<T> {
  value: T;
  /** The language the value is written in. */
  lang: Locale;
  /** No translation exists in the reader's language: the source (or another) language is shown. */
  missing: boolean;
  /** The translation exists but was written before the last change of the source text. */
  outdated: boolean;
}

/** The reader's language if written, else the source language, else any language written. */
export function pickText<T>(
  texts: Partial<Record<Locale, T & { outdated?: boolean }>>,
  locale: Locale,
  source: Locale,
): Picked<T> | null {
  const own = texts[locale];
  if (own) return { value: own, lang: locale, missing: false, outdated: own.outdated === true && locale !== source };
  for (const l of [source, ...LOCALES]) {
    const other = texts[l];
    if (other) return { value: other, lang: l, missing: true, outdated: false };
  }
  return null;
}

/**
 * The `outdated` flag of each submitted translation after an edit: the source is never
 * outdated; a translation that is new or was itself rewritten is fresh; an untouched
 * translation becomes outdated when the source text changed, else keeps its flag.
 */
export function outdatedFlags<T>(
  before: Partial<Record<Locale, T & { outdated: boolean }>>,
  after: Partial<Record<Locale, T>>,
  source: Locale,
  same: (a: T, b: T) => boolean,
): Partial<Record<Locale, boolean>> {
  const beforeSource = before[source];
  const afterSource = after[source];
  const sourceChanged = !beforeSource || !afterSource || !same(beforeSource, afterSource);
  const flags: Partial<Record<Locale, boolean>> = {};
  for (const l of LOCALES) {
    const next = after[l];
    if (!next) continue;
    const previous = before[l];
    if (l === source || !previous || !same(previous, next)) flags[l] = false;
    else flags[l] = sourceChanged ? true : previous.outdated;
  }
  return flags;
}

/** Paragraphs of a plain text: split on blank lines, each a list of its lines. */
export function paragraphs(text: string): string[][] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((p) =>
      p
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== ""),
    )
    .filter((lines) => lines.length > 0);
}
