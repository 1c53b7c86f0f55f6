import { compareTexts, type DiffPart } from "../documents/diff.js";
import { DOCUMENT_LIMITS } from "../documents/rules.js";
import { isValidLineLength, numberLines, trimSpaces, type LineNumbering } from "./line-numbers.js";

/**
 * Amendments: "replace lines 12 to 14 of version 3 (numbered at 80 characters) with this text".
 *
 * - Lines are those of `numberLines(version.text, version.lineLength)`, 1-based and inclusive.
 *   An amendment written on another version, or on another line length, is refused: its line
 *   numbers would point at other words.
 * - The replacement is taken as written, without the spaces and line ends around it (lines
 *   never start or end with spaces either). Line ends inside it are kept.
 * - An empty replacement deletes the lines, together with the separator after them (or, for the
 *   last lines, before them), so that no blank line or double space is left behind.
 * - Two amendments conflict when their line ranges share a line; lines next to each other do
 *   not conflict. Only a set without conflicts can be applied.
 */

/** A version of a recommendation's text, as it is numbered for amendments. */
export interface AmendableVersion {
  id: string;
  text: string;
  lineLength: number;
}

export interface Amendment {
  id: string;
  /** The version whose numbering the line numbers refer to. */
  versionId: string;
  /** The line length of that numbering, as the author saw it. */
  lineLength: number;
  fromLine: number;
  toLine: number;
  /** The new text of the lines; empty to delete them. */
  replacement: string;
}

export type AmendmentProblem =
  /** Written on the numbering of another version. */
  | "otherVersion"
  /** Written on another line length than the version's numbering (or the version's is invalid). */
  | "otherLineLength"
  /** A line number that is not a whole number from 1. */
  | "notALineNumber"
  /** The first line comes after the last one. */
  | "reversedRange"
  /** Lines that do not exist (any more) in the version: beyond its last line. */
  | "beyondLastLine"
  /** A replacement longer than a document's text may be. */
  | "replacementTooLong";

export type AmendmentCheck =
  | {
      ok: true;
      /** The text of the lines replaced, as in the version. */
      replaced: string;
      /** The replacement, without the spaces around it; "" for a deletion. */
      replacement: string;
      /** Where the replaced lines are in the version's text (`end` excluded). */
      start: number;
      end: number;
    }
  | { ok: false; reason: AmendmentProblem; /** The version's number of lines. */ lineCount: number };

type Numbered = { ok: true; numbering: LineNumbering } | { ok: false };

function numberingOf(version: AmendableVersion): Numbered {
  if (!isValidLineLength(version.lineLength)) return { ok: false };
  return { ok: true, numbering: numberLines(version.text, version.lineLength) };
}

function isLineNumber(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 1;
}

function checkOn(version: AmendableVersion, numbering: LineNumbering, amendment: Amendment): AmendmentCheck {
  const lineCount = numbering.lines.length;
  const refuse = (reason: AmendmentProblem): AmendmentCheck => ({ ok: false, reason, lineCount });
  if (amendment.versionId !== version.id) return refuse("otherVersion");
  if (amendment.lineLength !== version.lineLength) return refuse("otherLineLength");
  if (!isLineNumber(amendment.fromLine) || !isLineNumber(amendment.toLine)) return refuse("notALineNumber");
  if (amendment.fromLine > amendment.toLine) return refuse("reversedRange");
  if (amendment.toLine > lineCount) return refuse("beyondLastLine");
  const replacement = trimSpaces(amendment.replacement);
  if (replacement.length > DOCUMENT_LIMITS.text) return refuse("replacementTooLong");
  const start = numbering.lines[amendment.fromLine - 1]!.start;
  const end = numbering.lines[amendment.toLine - 1]!.end;
  return { ok: true, replaced: version.text.slice(start, end), replacement, start, end };
}

/** Checks an amendment against the version it amends: its numbering, its lines, its length. */
export function validateAmendment(version: AmendableVersion, amendment: Amendment): AmendmentCheck {
  const numbered = numberingOf(version);
  if (!numbered.ok) return { ok: false, reason: "otherLineLength", lineCount: 0 };
  return checkOn(version, numbered.numbering, amendment);
}

export type AmendmentDiff =
  | {
      ok: true;
      replaced: string;
      replacement: string;
      /** Word by word: removed parts come from the replaced lines, added ones from the replacement. */
      parts: DiffPart[];
      wordsAdded: number;
      wordsRemoved: number;
    }
  | { ok: false; reason: AmendmentProblem }
  /** The two texts are too long, or too different, to compare in reasonable time. */
  | { ok: false; reason: "tooLong" | "tooDifferent" };

/** What an amendment changes: the replaced lines against the replacement, word by word. */
export function diffAmendment(version: AmendableVersion, amendment: Amendment): AmendmentDiff {
  const check = validateAmendment(version, amendment);
  if (!check.ok) return { ok: false, reason: check.reason };
  const comparison = compareTexts(check.replaced, check.replacement);
  if (!comparison.ok) return { ok: false, reason: comparison.reason };
  const { parts, wordsAdded, wordsRemoved } = comparison;
  return { ok: true, replaced: check.replaced, replacement: check.replacement, parts, wordsAdded, wordsRemoved };
}

/** What `findConflicts` needs of an amendment. */
export type AmendmentRange = Pick<Amendment, "versionId" | "lineLength" | "fromLine" | "toLine">;

export interface AmendmentConflict<A extends AmendmentRange = Amendment> {
  /** The amendment whose range starts first (or, for the same start, comes first in the list). */
  first: A;
  second: A;
  /** The lines both change. */
  fromLine: number;
  toLine: number;
}

function sameNumbering(a: AmendmentRange, b: AmendmentRange): boolean {
  return a.versionId === b.versionId && a.lineLength === b.lineLength;
}

/**
 * The pairs of amendments that change a same line of a same version (same numbering), ordered by
 * their first line. Amendments of different versions never conflict. Validate them first: a
 * reversed range overlaps nothing.
 */
export function findConflicts<A extends AmendmentRange>(amendments: readonly A[]): AmendmentConflict<A>[] {
  const sorted = amendments
    .map((amendment, index) => ({ amendment, index }))
    .sort((a, b) => a.amendment.fromLine - b.amendment.fromLine || a.index - b.index)
    .map(({ amendment }) => amendment);
  const conflicts: AmendmentConflict<A>[] = [];
  sorted.forEach((first, i) => {
    for (const second of sorted.slice(i + 1)) {
      if (second.fromLine > first.toLine) break;
      if (!sameNumbering(first, second) || second.toLine < second.fromLine) continue;
      conflicts.push({ first, second, fromLine: second.fromLine, toLine: Math.min(first.toLine, second.toLine) });
    }
  });
  return conflicts;
}

export type ApplyOutcome =
  | { ok: true; text: string }
  | { ok: false; reason: "invalidAmendment"; amendmentId: string; problem: AmendmentProblem }
  | { ok: false; reason: "conflicts"; conflicts: AmendmentConflict[] }
  /** The amended text would be longer than a document's text may be. */
  | { ok: false; reason: "tooLong" };

interface Edit {
  fromLine: number;
  toLine: number;
  replacement: string;
}

/**
 * Neighbouring deletions become one: deleting lines 3–4 and 5–6 (the last) is deleting 3–6, and
 * the separator between 4 and 5 must be removed only once.
 */
function mergeNeighbouringDeletions(edits: readonly Edit[]): Edit[] {
  const merged: Edit[] = [];
  for (const edit of [...edits].sort((a, b) => a.fromLine - b.fromLine)) {
    const previous = merged[merged.length - 1];
    if (previous && previous.replacement === "" && edit.replacement === "" && edit.fromLine === previous.toLine + 1) {
      previous.toLine = edit.toLine;
    } else {
      merged.push({ ...edit });
    }
  }
  return merged;
}

/** The characters an edit replaces: the lines, and for a deletion one separator beside them. */
function characterRange(numbering: LineNumbering, edit: Edit): { start: number; end: number } {
  const lines = numbering.lines;
  const first = lines[edit.fromLine - 1]!;
  const last = lines[edit.toLine - 1]!;
  if (edit.replacement !== "") return { start: first.start, end: last.end };
  const next = lines[edit.toLine];
  if (next) return { start: first.start, end: next.start };
  const previous = lines[edit.fromLine - 2];
  if (previous) return { start: previous.end, end: last.end };
  return { start: first.start, end: last.end };
}

/**
 * Applies accepted amendments of one version and gives its new text. Each must be valid on the
 * version, and no two may conflict (the set is refused with the conflicts otherwise). They are
 * applied from the bottom of the text up, so that each one's offsets stay right: the order of
 * the list does not matter.
 */
export function applyAmendments(version: AmendableVersion, amendments: readonly Amendment[]): ApplyOutcome {
  const first = amendments[0];
  if (first === undefined) return { ok: true, text: version.text };
  const numbered = numberingOf(version);
  if (!numbered.ok) return { ok: false, reason: "invalidAmendment", amendmentId: first.id, problem: "otherLineLength" };
  const edits: Edit[] = [];
  for (const amendment of amendments) {
    const check = checkOn(version, numbered.numbering, amendment);
    if (!check.ok) return { ok: false, reason: "invalidAmendment", amendmentId: amendment.id, problem: check.reason };
    edits.push({ fromLine: amendment.fromLine, toLine: amendment.toLine, replacement: check.replacement });
  }
  const conflicts = findConflicts(amendments);
  if (conflicts.length > 0) return { ok: false, reason: "conflicts", conflicts };
  const bottomUp = mergeNeighbouringDeletions(edits)
    .map((edit) => ({ ...characterRange(numbered.numbering, edit), replacement: edit.replacement }))
    .sort((a, b) => b.start - a.start);
  let text = version.text;
  for (const { start, end, replacement } of bottomUp) {
    text = text.slice(0, start) + replacement + text.slice(end);
  }
  return text.length > DOCUMENT_LIMITS.text ? { ok: false, reason: "tooLong" } : { ok: true, text };
}
