/**
 * What a ranked theme ballot may hold: every option exactly once, best first, groups of equal
 * options allowed. A ballot that leaves out an option, names one twice or names an unknown one is
 * refused whole: nothing is guessed on the voter's behalf.
 */
export type RankingProblem = "empty" | "empty_group" | "unknown_option" | "duplicate_option" | "missing_option";

export const MAX_OPTIONS = 200;

export function checkRanking(ranking: unknown, optionKeys: readonly string[]): RankingProblem | null {
  if (!Array.isArray(ranking) || ranking.length === 0) return "empty";
  const known = new Set(optionKeys);
  const seen = new Set<string>();
  for (const group of ranking) {
    if (!Array.isArray(group) || group.length === 0) return "empty_group";
    for (const key of group) {
      if (typeof key !== "string" || !known.has(key)) return "unknown_option";
      if (seen.has(key)) return "duplicate_option";
      seen.add(key);
    }
  }
  return seen.size === known.size ? null : "missing_option";
}

/** A strict order (one option per rank) as the stored ranking. */
export function rankingFromOrder(order: readonly string[]): string[][] {
  return order.map((key) => [key]);
}
