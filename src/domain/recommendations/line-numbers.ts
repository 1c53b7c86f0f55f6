/**
 * Line numbers for amendments: a text cut into numbered lines of at most `lineLength`
 * characters, so that an amendment can say "replace lines 12 to 14". The same text and line
 * length always give the same lines (pure and deterministic: no locale, no font).
 *
 * - Words are never split: a word longer than the line length gets a line of its own (a URL
 *   stays whole, and no amendment starts in the middle of a word).
 * - Line ends in the text are kept ("\n", "\r\n" or "\r"); blank lines separate paragraphs and
 *   get no number. No-break spaces (U+00A0, U+2007, U+202F) hold words together, as French
 *   typography wants before ":" or "%".
 * - A line's text never starts or ends with spaces: what lies between two lines (spaces at a
 *   wrap, a line end, blank lines) is the separator, recorded so that the text can be rebuilt.
 * - Lengths count code points ("é" is one character, so is "😀").
 */

/** How a line ends: wrapped in a paragraph, at a line end, at a blank line, or at the end. */
export type LineBreak = "wrap" | "line" | "paragraph" | "end";

export interface NumberedLine {
  /** 1, 2, … */
  number: number;
  /** The line as shown: `text.slice(start, end)` of the original. */
  text: string;
  /** Offsets in the original text, `end` excluded. */
  start: number;
  end: number;
  /** What follows the line in the original up to the next line (after the last: what ends the text). */
  separator: string;
  break: LineBreak;
}

export interface LineNumbering {
  lineLength: number;
  /** What comes before the first line (spaces, blank lines); the whole text if it has no word. */
  leading: string;
  lines: NumberedLine[];
}

/** The widest line length accepted; beyond it, numbering lines makes no sense. */
export const MAX_LINE_LENGTH = 10_000;

/** A line length is a whole number of characters, 1 to MAX_LINE_LENGTH. */
export function isValidLineLength(lineLength: number): boolean {
  return Number.isInteger(lineLength) && lineLength >= 1 && lineLength <= MAX_LINE_LENGTH;
}

/** A word: characters that are not spaces, or no-break spaces. */
const WORD = /(?:[^\s]|[\u00a0\u2007\u202f])+/gu;
const LINE_END = /\r\n|\r|\n|\u2028|\u2029/g;
const EDGE_SPACES = /^(?:(?![\u00a0\u2007\u202f])\s)+|(?:(?![\u00a0\u2007\u202f])\s)+$/gu;

/** Removes the spaces and line ends that a line never starts or ends with (keeps no-break spaces). */
export function trimSpaces(text: string): string {
  return text.replace(EDGE_SPACES, "");
}

/** The number of code points: "😀" is one character, not two UTF-16 units. */
export function characterCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xdc00 || unit > 0xdfff || i === 0 || !isHighSurrogate(text.charCodeAt(i - 1))) count++;
  }
  return count;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function lineEndsIn(separator: string): number {
  return separator.match(LINE_END)?.length ?? 0;
}

function breakOf(separator: string, isLast: boolean): LineBreak {
  if (isLast) return "end";
  const ends = lineEndsIn(separator);
  return ends === 0 ? "wrap" : ends === 1 ? "line" : "paragraph";
}

interface Span {
  start: number;
  end: number;
  width: number;
}

/** Greedy word wrap: each line takes words while it fits, a line end in the text starts a new one. */
function wrap(text: string, lineLength: number): Span[] {
  const spans: Span[] = [];
  let current: Span | undefined;
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    const end = start + match[0].length;
    const width = characterCount(match[0]);
    if (current) {
      const gap = text.slice(current.end, start);
      const widened = current.width + characterCount(gap) + width;
      if (lineEndsIn(gap) === 0 && widened <= lineLength) {
        current.end = end;
        current.width = widened;
        continue;
      }
      spans.push(current);
    }
    current = { start, end, width };
  }
  if (current) spans.push(current);
  return spans;
}

/**
 * Cuts a text into numbered lines of at most `lineLength` characters (a longer word alone on its
 * line). Throws a RangeError for a line length that `isValidLineLength` refuses: that is a
 * setting of the application, never a person's input.
 */
export function numberLines(text: string, lineLength: number): LineNumbering {
  if (!isValidLineLength(lineLength)) throw new RangeError(`Invalid line length: ${lineLength}`);
  const spans = wrap(text, lineLength);
  const lines = spans.map((span, i): NumberedLine => {
    const next = spans[i + 1];
    const separator = text.slice(span.end, next ? next.start : text.length);
    return {
      number: i + 1,
      text: text.slice(span.start, span.end),
      start: span.start,
      end: span.end,
      separator,
      break: breakOf(separator, next === undefined),
    };
  });
  return { lineLength, leading: text.slice(0, spans[0]?.start ?? text.length), lines };
}

/** The original text again: the leading part, then each line and its separator. */
export function joinLines(numbering: LineNumbering): string {
  return numbering.leading + numbering.lines.map((line) => line.text + line.separator).join("");
}
