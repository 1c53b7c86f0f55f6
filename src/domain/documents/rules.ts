/**
 * Rules of a group's documents that need no database: limits of the fields, how a version
 * number is read from a URL or a form, and which versions can be compared.
 */
export const DOCUMENT_LIMITS = {
  title: 200,
  note: 500,
  /** A text version written on the site (characters). */
  text: 200_000,
} as const;

/** Version numbers fit the database's integer column; anything else is simply unknown. */
const MAX_VERSION = 2_147_483_647;

/** A version number as written in a URL or a form ("2"), or null when it is not one. */
export function parseVersionNumber(raw: unknown): number | null {
  if (typeof raw !== "string" || !/^\d{1,10}$/.test(raw.trim())) return null;
  const n = Number(raw.trim());
  return n >= 1 && n <= MAX_VERSION ? n : null;
}

export type CompareProblem = "missing" | "notANumber" | "unknown" | "notText" | "same";

export type ComparisonCheck =
  { ok: true; from: number; to: number } | { ok: false; field: "from" | "to"; problem: CompareProblem };

/**
 * Checks the two versions asked for a comparison against the versions of the document
 * (number → whether it holds text). Returns the two numbers, oldest first, or the first
 * problem found and the field it belongs to.
 */
export function checkComparison(
  rawFrom: unknown,
  rawTo: unknown,
  versions: ReadonlyMap<number, { hasText: boolean }>,
): ComparisonCheck {
  const numbers: Partial<Record<"from" | "to", number>> = {};
  for (const [field, raw] of [
    ["from", rawFrom],
    ["to", rawTo],
  ] as const) {
    if (typeof raw !== "string" || raw.trim() === "") return { ok: false, field, problem: "missing" };
    const n = parseVersionNumber(raw);
    if (n === null) return { ok: false, field, problem: "notANumber" };
    const version = versions.get(n);
    if (!version) return { ok: false, field, problem: "unknown" };
    if (!version.hasText) return { ok: false, field, problem: "notText" };
    numbers[field] = n;
  }
  const from = numbers.from!;
  const to = numbers.to!;
  if (from === to) return { ok: false, field: "to", problem: "same" };
  return { ok: true, from: Math.min(from, to), to: Math.max(from, to) };
}
