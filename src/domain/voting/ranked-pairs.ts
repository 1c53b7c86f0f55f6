import { prepareElection, type RankedInput } from "./ballot.js";
import { buildPairwise, type ElectionFrame, type PairwiseMatrix } from "./pairwise.js";
import { Rational } from "./rational.js";
import { rankByBeats } from "./schulze.js";
import {
  matrixRecord,
  namesOf,
  rankingNames,
  winnersFromRanking,
  type PairResult,
  type RankedResult,
} from "./result.js";

interface Majority {
  winner: number;
  loser: number;
  votesFor: bigint;
  votesAgainst: bigint;
}

/**
 * Tideman's Ranked Pairs with winning votes. Majorities are considered by votes for the winner
 * (descending), then votes against (ascending), then the winner's tie-break position (favoured first),
 * then the loser's tie-break position (least favoured first). A majority is locked unless it closes a cycle.
 */
export function rankedPairs(input: RankedInput): RankedResult {
  const election = prepareElection(input);
  return rankedPairsFromMatrix(election, buildPairwise(election));
}

/** Ranked Pairs' result from the pairwise matrix of the election's ballots. */
export function rankedPairsFromMatrix(election: ElectionFrame, matrix: PairwiseMatrix): RankedResult {
  const { size, prefer } = matrix;
  const rank = election.tieBreakRank;

  const majorities: Majority[] = [];
  for (let a = 0; a < size; a++) {
    for (let b = 0; b < size; b++) {
      if (a !== b && prefer[a]![b]! > prefer[b]![a]!) {
        majorities.push({ winner: a, loser: b, votesFor: prefer[a]![b]!, votesAgainst: prefer[b]![a]! });
      }
    }
  }
  majorities.sort(
    (x, y) =>
      compare(y.votesFor, x.votesFor) ||
      compare(x.votesAgainst, y.votesAgainst) ||
      rank[x.winner]! - rank[y.winner]! ||
      rank[y.loser]! - rank[x.loser]!,
  );

  const locked = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  const pairs: PairResult[] = [];
  const scale = (value: bigint) => Rational.of(value, matrix.denominator);
  for (const majority of majorities) {
    const closesCycle = reaches(locked, majority.loser, majority.winner);
    if (!closesCycle) locked[majority.winner]![majority.loser] = true;
    pairs.push({
      winner: election.candidates[majority.winner]!,
      loser: election.candidates[majority.loser]!,
      votesFor: scale(majority.votesFor).toExactString(),
      votesAgainst: scale(majority.votesAgainst).toExactString(),
      locked: !closesCycle,
    });
  }

  const ranking = rankByBeats(size, (a, b) => reaches(locked, a, b));
  return {
    method: "ranked-pairs",
    seats: election.seats,
    winners: namesOf(election.candidates, winnersFromRanking(ranking, election.seats)),
    ranking: rankingNames(election.candidates, ranking),
    rounds: [],
    totalWeight: scale(matrix.total).toExactString(),
    pairwise: matrixRecord(election.candidates, (a, b) => scale(prefer[a]![b]!)),
    pairs,
    tieBreaks: [],
  };
}

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function reaches(edges: boolean[][], from: number, to: number): boolean {
  const seen = new Set<number>([from]);
  const stack = [from];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === to) return true;
    edges[node]!.forEach((edge, next) => {
      if (edge && !seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    });
  }
  return false;
}
