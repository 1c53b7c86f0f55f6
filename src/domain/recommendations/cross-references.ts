/**
 * Cross-references between recommendations, as the booklet writes them: "cfr. recommandation
 * 34", "voir recommandation 12", "(cf. recommandations 28 et 29)", "recommandations 28-29",
 * and in the other languages "aanbeveling 12", "Empfehlung 12", "recommendation 12".
 *
 * - A reference is a keyword followed by a number: "recommandation", "aanbeveling",
 *   "Empfehlung", "recommendation", in any case, optionally with "n°", "nr.", "no." or "#". The
 *   "cfr.", "voir", "zie", "siehe" or "see" before it is not needed.
 * - A plural keyword (or the abbreviation "rec.") may be followed by a list: "5, 6 et 7",
 *   "34 en 36", "3 und 4", "28-29", "28 à 30", "3 tot 5", "3 bis 5", "3 to 5". A singular keyword
 *   takes one number only ("recommandation 7, la mise en place…" refers to 7 alone).
 * - Numbers have 1 to 3 digits: "les recommandations 2016" is a year, not a reference. The
 *   number may be on the next line, not after a blank line.
 * - A range ("28-32") refers to every number in it; the numbers between its ends are not
 *   written, so they have no offsets of their own. A range longer than MAX_RANGE, or reversed,
 *   is read as two numbers.
 */

export interface CrossReference {
  /** The recommendation referred to. */
  number: number;
  /** The offsets of the written number in the text (`end` excluded), for a link. */
  start: number;
  end: number;
  /** At the end of a range ("28-32"): its first number; the numbers between are meant too. */
  rangeFrom?: number;
}

/** The longest range read as a range: "1-37" is, "1-999" is not. */
export const MAX_RANGE = 100;

const NUMBER = String.raw`\d{1,3}(?![\p{L}\p{N}])`;
const NUMBER_SIGN = String.raw`(?:(?:n°|nº|no\.|nr\.|#)\s*)?`;
/** Spaces with at most one line end: a blank line ends the mention ("RECOMMANDATION\n\n10" is a heading). */
const GAP = String.raw`[^\S\r\n]*(?:(?:\r\n?|\n)[^\S\r\n]*)?`;
const SOME_GAP = String.raw`(?=\s)${GAP}`;
const SYMBOL_SEPARATOR = String.raw`${GAP}[,;&/\-–—]${GAP}`;
const WORD_SEPARATOR = String.raw`${SOME_GAP}(?:et|ou|à|en|of|tot|und|oder|bis|and|or|to|through)${SOME_GAP}`;
const NOT_AFTER_A_LETTER = String.raw`(?<![\p{L}\p{N}])`;

const SINGULAR = new RegExp(
  String.raw`${NOT_AFTER_A_LETTER}(?:recommandation|aanbeveling|empfehlung|recommendation)${SOME_GAP}${NUMBER_SIGN}${NUMBER}`,
  "giu",
);
const PLURAL = new RegExp(
  String.raw`${NOT_AFTER_A_LETTER}(?:recommandations|aanbevelingen|empfehlungen|recommendations|recs?\.)${GAP}${NUMBER_SIGN}${NUMBER}` +
    String.raw`(?:(?:${SYMBOL_SEPARATOR}|${WORD_SEPARATOR})${NUMBER_SIGN}${NUMBER})*`,
  "giu",
);

/** In a matched list, the numbers and the separators that make a range. */
const LIST_TOKEN = /\d+|[-–—]|(?<=\s)(?:à|tot|bis|to|through)(?=\s)/giu;

function isRange(from: number, to: number): boolean {
  return from < to && to - from <= MAX_RANGE;
}

/** The numbers of one matched mention, with their offsets in the whole text. */
function referencesIn(mention: string, offset: number): CrossReference[] {
  const references: CrossReference[] = [];
  const listStart = mention.search(/\d/);
  let rangeOpen = false;
  for (const token of mention.slice(listStart).matchAll(LIST_TOKEN)) {
    if (!/^\d/.test(token[0])) {
      rangeOpen = references.length > 0;
      continue;
    }
    const number = Number(token[0]);
    const start = offset + listStart + token.index;
    const previous = references[references.length - 1];
    const reference: CrossReference = { number, start, end: start + token[0].length };
    if (rangeOpen && previous && previous.rangeFrom === undefined && isRange(previous.number, number)) {
      reference.rangeFrom = previous.number;
    }
    references.push(reference);
    rangeOpen = false;
  }
  return references;
}

/** The references to other recommendations in a text, in the order they are written. */
export function findCrossReferences(text: string): CrossReference[] {
  const references: CrossReference[] = [];
  for (const pattern of [SINGULAR, PLURAL]) {
    for (const match of text.matchAll(pattern)) references.push(...referencesIn(match[0], match.index));
  }
  return references.sort((a, b) => a.start - b.start);
}

/** Every number referred to, ranges included, once each and in order. */
export function referencedNumbers(references: readonly CrossReference[]): number[] {
  const numbers = new Set<number>();
  for (const reference of references) {
    for (let n = reference.rangeFrom ?? reference.number; n <= reference.number; n++) numbers.add(n);
  }
  return [...numbers].sort((a, b) => a - b);
}

export interface BrokenReference {
  /** The number that is no recommendation. */
  number: number;
  /** Where to show it: the written number, or the end of the range that includes it. */
  start: number;
  end: number;
}

/**
 * The references to numbers that are no recommendation of the set given (usually those of the
 * same cycle), in the order of the text. The first number of a range is checked on its own
 * reference, the numbers between its ends on the reference that closes it.
 */
export function findBrokenReferences(
  references: readonly CrossReference[],
  existing: ReadonlySet<number>,
): BrokenReference[] {
  const broken: BrokenReference[] = [];
  for (const { number, start, end, rangeFrom } of references) {
    const inBetween = rangeFrom === undefined ? [] : numbersBetween(rangeFrom, number);
    for (const n of [...inBetween, number]) if (!existing.has(n)) broken.push({ number: n, start, end });
  }
  return broken;
}

/** The whole numbers strictly between two numbers. */
function numbersBetween(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from - 1) }, (_, i) => from + 1 + i);
}
