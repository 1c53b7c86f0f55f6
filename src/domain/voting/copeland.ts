import { prepareElection, type RankedInput } from "./ballot.js";
import { buildPairwise, type ElectionFrame, type PairwiseMatrix } from "./pairwise.js";
import { Rational } from "./rational.js";
import {
  compareBigIntDesc,
  matrixRecord,
  namesOf,
  rankByScore,
  rankingNames,
  tallyRecord,
  winnersFromRanking,
  type RankedResult,
} from "./result.js";

/** Copeland: 1 point per pairwise win, 1/2 per pairwise tie. */
export function copeland(input: RankedInput): RankedResult {
  const election = prepareElection(input);
  return copelandFromMatrix(election, buildPairwise(election));
}

/** Copeland's result from the pairwise matrix of the election's ballots. */
export function copelandFromMatrix(election: ElectionFrame, matrix: PairwiseMatrix): RankedResult {
  const { size, prefer } = matrix;
  const doubled = new Array<bigint>(size).fill(0n);
  for (let a = 0; a < size; a++) {
    for (let b = 0; b < size; b++) {
      if (a === b) continue;
      if (prefer[a]![b]! > prefer[b]![a]!) doubled[a]! += 2n;
      else if (prefer[a]![b]! === prefer[b]![a]!) doubled[a]! += 1n;
    }
  }
  const all = Array.from({ length: size }, (_, index) => index);
  const ranking = rankByScore(all, (candidate) => doubled[candidate]!, compareBigIntDesc);
  const scores = tallyRecord(election.candidates, all, (candidate) =>
    Rational.of(doubled[candidate]!, 2n).toExactString(),
  );
  const winners = namesOf(election.candidates, winnersFromRanking(ranking, election.seats));
  const scale = (value: bigint) => Rational.of(value, matrix.denominator);
  return {
    method: "copeland",
    seats: election.seats,
    winners,
    ranking: rankingNames(election.candidates, ranking),
    rounds: [{ tallies: scores, elected: winners, eliminated: [] }],
    totalWeight: scale(matrix.total).toExactString(),
    pairwise: matrixRecord(election.candidates, (a, b) => scale(prefer[a]![b]!)),
    scores,
    tieBreaks: [],
  };
}
