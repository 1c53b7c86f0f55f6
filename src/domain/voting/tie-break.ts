/**
 * Deterministic tie-breaking shared by IRV and both STV variants.
 * 1. Look back at earlier rounds, most recent first; at the first round where the tied candidates
 *    had unequal values, keep only those with the lowest (or highest) value; repeat while several remain.
 * 2. Then the fixed tie-break order: "highest" picks the most favoured, "lowest" the least favoured.
 */
export interface TieDecision {
  chosen: number;
  decidedBy: "earlier-rounds" | "tie-break-order";
}

export function breakTie(
  tied: readonly number[],
  pick: "lowest" | "highest",
  history: ReadonlyArray<ReadonlyArray<bigint | undefined>>,
  tieBreakRank: readonly number[],
): TieDecision {
  let remaining = [...tied];
  for (let round = history.length - 1; round >= 0 && remaining.length > 1; round--) {
    const values = history[round]!;
    if (remaining.some((candidate) => values[candidate] === undefined)) continue;
    let best = values[remaining[0]!]!;
    for (const candidate of remaining) {
      const value = values[candidate]!;
      if (pick === "lowest" ? value < best : value > best) best = value;
    }
    remaining = remaining.filter((candidate) => values[candidate] === best);
  }
  if (remaining.length === 1) return { chosen: remaining[0]!, decidedBy: "earlier-rounds" };
  const byOrder = [...remaining].sort((a, b) => tieBreakRank[a]! - tieBreakRank[b]!);
  return { chosen: pick === "highest" ? byOrder[0]! : byOrder[byOrder.length - 1]!, decidedBy: "tie-break-order" };
}

/**
 * Orders candidates by current value, highest first, breaking ties with `breakTie(…, "highest", …)`.
 * Calls `onTie` for every choice made among equal values.
 */
export function orderHighestFirst(
  candidates: readonly number[],
  current: ReadonlyArray<bigint | undefined>,
  history: ReadonlyArray<ReadonlyArray<bigint | undefined>>,
  tieBreakRank: readonly number[],
  onTie: (tied: number[], decision: TieDecision) => void,
): number[] {
  const remaining = [...candidates];
  const ordered: number[] = [];
  while (remaining.length > 0) {
    let top = current[remaining[0]!]!;
    for (const candidate of remaining) if (current[candidate]! > top) top = current[candidate]!;
    const tied = remaining.filter((candidate) => current[candidate] === top);
    let chosen = tied[0]!;
    if (tied.length > 1) {
      const decision = breakTie(tied, "highest", history, tieBreakRank);
      onTie(tied, decision);
      chosen = decision.chosen;
    }
    ordered.push(chosen);
    remaining.splice(remaining.indexOf(chosen), 1);
  }
  return ordered;
}
