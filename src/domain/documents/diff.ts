import { diffWordsWithSpace } from "diff";

/** One run of the comparison: text both versions share, or words only one of them has. */
export interface DiffPart {
  kind: "same" | "added" | "removed";
  text: string;
}

export type TextComparison =
  | { ok: true; parts: DiffPart[]; wordsAdded: number; wordsRemoved: number }
  /** The texts are too long, or too different, to compare in reasonable time. */
  | { ok: false; reason: "tooLong" | "tooDifferent" };

/** Beyond this many characters in either text, no comparison is attempted (it would hold the server). */
export const MAX_COMPARED_CHARACTERS = 400_000;
/** The most edits (in tokens) the comparison looks for before giving up. */
const MAX_EDIT_LENGTH = 10_000;
/** And the longest it may take: the comparison runs on the request, and the machine is shared. */
const MAX_MILLISECONDS = 1_500;

/** Line ends as one "\n", whatever the browser or the file used (textareas send "\r\n"). */
export function normaliseLineEnds(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

/** Words: runs without spaces that hold at least one letter or digit (a lone "." is no word). */
export function countWords(text: string): number {
  return (text.match(/\S+/gu) ?? []).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * A word-level comparison of two text versions (each word, punctuation mark, run of spaces and
 * line end is a token), with the number of words added and removed.
 */
export function compareTexts(from: string, to: string): TextComparison {
  const before = normaliseLineEnds(from);
  const after = normaliseLineEnds(to);
  if (before.length > MAX_COMPARED_CHARACTERS || after.length > MAX_COMPARED_CHARACTERS) {
    return { ok: false, reason: "tooLong" };
  }
  const changes = diffWordsWithSpace(before, after, { maxEditLength: MAX_EDIT_LENGTH, timeout: MAX_MILLISECONDS });
  if (!changes) return { ok: false, reason: "tooDifferent" };
  const parts: DiffPart[] = [];
  let wordsAdded = 0;
  let wordsRemoved = 0;
  for (const change of changes) {
    const kind = change.added ? "added" : change.removed ? "removed" : "same";
    if (kind === "added") wordsAdded += countWords(change.value);
    if (kind === "removed") wordsRemoved += countWords(change.value);
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += change.value;
    else parts.push({ kind, text: change.value });
  }
  return { ok: true, parts, wordsAdded, wordsRemoved };
}

/** Splits a run of text into lines, so that each line end can be shown as a line break. */
export function linesOf(text: string): string[] {
  return text.split("\n");
}
