import { prepareElection, type RankedInput } from "./ballot.js";
import { buildPairwise, type ElectionFrame, type PairwiseMatrix } from "./pairwise.js";
import { Rational } from "./rational.js";
import { matrixRecord, rankingNames, namesOf, winnersFromRanking, type RankedResult } from "./result.js";

/** Strongest path strengths with winning votes: a link a→b has strength prefer[a][b] when it beats prefer[b][a]. */
export function strongestPaths(matrix: PairwiseMatrix): bigint[][] {
  const { size, prefer } = matrix;
  const path = Array.from({ length: size }, (_, a) =>
    Array.from({ length: size }, (_, b) => (a !== b && prefer[a]![b]! > prefer[b]![a]! ? prefer[a]![b]! : 0n)),
  );
  for (let via = 0; via < size; via++) {
    for (let a = 0; a < size; a++) {
      if (a === via) continue;
      for (let b = 0; b < size; b++) {
        if (b === a || b === via) continue;
        const through = path[a]![via]! < path[via]![b]! ? path[a]![via]! : path[via]![b]!;
        if (through > path[a]![b]!) path[a]![b] = through;
      }
    }
  }
  return path;
}

/** Layers of candidates not beaten (by strongest path) by any candidate still unplaced. */
export function rankByBeats(size: number, beats: (a: number, b: number) => boolean): number[][] {
  let remaining = Array.from({ length: size }, (_, index) => index);
  const ranking: number[][] = [];
  while (remaining.length > 0) {
    const unbeaten = remaining.filter((b) => !remaining.some((a) => a !== b && beats(a, b)));
    const layer = unbeaten.length > 0 ? unbeaten : remaining;
    ranking.push(layer);
    remaining = remaining.filter((candidate) => !layer.includes(candidate));
  }
  return ranking;
}

export function schulze(input: RankedInput): RankedResult {
  const election = prepareElection(input);
  return schulzeFromMatrix(election, buildPairwise(election));
}

/** Schulze's result from the pairwise matrix of the election's ballots. */
export function schulzeFromMatrix(election: ElectionFrame, matrix: PairwiseMatrix): RankedResult {
  const path = strongestPaths(matrix);
  const ranking = rankByBeats(matrix.size, (a, b) => path[a]![b]! > path[b]![a]!);
  const scale = (value: bigint) => Rational.of(value, matrix.denominator);
  return {
    method: "schulze",
    seats: election.seats,
    winners: namesOf(election.candidates, winnersFromRanking(ranking, election.seats)),
    ranking: rankingNames(election.candidates, ranking),
    rounds: [],
    totalWeight: scale(matrix.total).toExactString(),
    pairwise: matrixRecord(election.candidates, (a, b) => scale(matrix.prefer[a]![b]!)),
    strongestPaths: matrixRecord(election.candidates, (a, b) => scale(path[a]![b]!)),
    tieBreaks: [],
  };
}
