import {
  fillLevels,
  prepareElection,
  safeNumbers,
  scaleAmounts,
  type RankedInput,
  type RankingGroup,
} from "./ballot.js";
import { Rational } from "./rational.js";
import {
  compareBigIntDesc,
  namesOf,
  rankByScore,
  rankingNames,
  tallyRecord,
  winnersFromRanking,
  type RankedResult,
} from "./result.js";

/**
 * Borda: on each ballot a candidate scores 1 point per candidate ranked strictly below it and 1/2 point
 * per other candidate tied with it (unranked candidates tie at the bottom). For complete strict
 * rankings of n candidates this is the classic n-1, n-2, …, 0.
 */
export function borda(input: RankedInput): RankedResult {
  const election = prepareElection(input);
  const size = election.candidates.length;
  const scaled = scaleAmounts(election.groups);
  const numbers = safeNumbers(scaled, 2 * size);
  const doubled = numbers
    ? doubledPointsNumbers(election.groups, numbers, size)
    : doubledPointsBigInts(election.groups, scaled.amounts, size);
  const all = Array.from({ length: size }, (_, index) => index);
  const ranking = rankByScore(all, (candidate) => doubled[candidate]!, compareBigIntDesc);
  const points = (candidate: number) => Rational.of(doubled[candidate]!, 2n * scaled.denominator).toExactString();
  const scores = tallyRecord(election.candidates, all, points);
  const winners = namesOf(election.candidates, winnersFromRanking(ranking, election.seats));
  return {
    method: "borda",
    seats: election.seats,
    winners,
    ranking: rankingNames(election.candidates, ranking),
    rounds: [{ tallies: scores, elected: winners, eliminated: [] }],
    totalWeight: Rational.of(scaled.total, scaled.denominator).toExactString(),
    scores,
    tieBreaks: [],
  };
}

/**
 * Twice the points of each candidate on one ballot: 2 × (candidates strictly below) + (others tied with it).
 * `levels` holds each candidate's level; `sizes[l]` the number of candidates at level l.
 */
function doubledPoints(code: string, levels: Int32Array, sizes: Int32Array, points: Int32Array): void {
  fillLevels(code, levels);
  sizes.fill(0);
  for (let candidate = 0; candidate < levels.length; candidate++) sizes[levels[candidate]!]!++;
  let below = levels.length;
  for (let level = 0; level < sizes.length; level++) {
    const size = sizes[level]!;
    below -= size;
    sizes[level] = 2 * below + size - 1;
  }
  for (let candidate = 0; candidate < levels.length; candidate++) points[candidate] = sizes[levels[candidate]!]!;
}

function doubledPointsNumbers(groups: RankingGroup[], amounts: number[], size: number): bigint[] {
  const totals = new Float64Array(size);
  const levels = new Int32Array(size);
  const sizes = new Int32Array(size + 1);
  const points = new Int32Array(size);
  groups.forEach((group, g) => {
    const amount = amounts[g]!;
    doubledPoints(group.code, levels, sizes, points);
    for (let candidate = 0; candidate < size; candidate++) totals[candidate]! += points[candidate]! * amount;
  });
  return Array.from(totals, (total) => BigInt(total));
}

function doubledPointsBigInts(groups: RankingGroup[], amounts: bigint[], size: number): bigint[] {
  const totals = new Array<bigint>(size).fill(0n);
  const levels = new Int32Array(size);
  const sizes = new Int32Array(size + 1);
  const points = new Int32Array(size);
  groups.forEach((group, g) => {
    const amount = amounts[g]!;
    doubledPoints(group.code, levels, sizes, points);
    for (let candidate = 0; candidate < size; candidate++) totals[candidate]! += BigInt(points[candidate]!) * amount;
  });
  return totals;
}
