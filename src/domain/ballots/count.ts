import { countRankedByGroup, isRankedMethod, type RankedMethod } from "../voting/index.js";
import { mergeSmallGroups } from "./participation.js";
import { MIN_GROUP_SIZE, type Participation, type StoredBallotResult } from "./stored-result.js";

/**
 * A cast ballot as it is counted: no voter, no time, only what the count needs. The ranking is
 * given as arrays, or as its code (encodeRankingJson, for the options in ballot order).
 */
export type CountedBallot = {
  /** Exact decimal text, e.g. "1.000000". */
  weight: string;
  collegeKey: string;
} & ({ ranking: string[][]; code?: undefined } | { code: string; ranking?: undefined });

/** The count of a ballot without its turnout (see countBallot). */
export type CountedVotes = Omit<StoredBallotResult, "participation">;

export class UnknownMethodError extends Error {
  override name = "UnknownMethodError";
}

export function rankedMethodOf(name: string): RankedMethod {
  if (!isRankedMethod(name)) throw new UnknownMethodError(`unknown counting method "${name}"`);
  return name;
}

/**
 * Counts a ranked ballot: all ballots weighted, then each college alone, colleges with fewer than
 * MIN_GROUP_SIZE ballots merged under OTHER_GROUP so that no small group's choices show.
 */
export function countVotes(input: {
  method: string;
  /** Option keys in ballot order: the candidates, and the tie-break order. */
  options: string[];
  seats: number;
  ballots: readonly CountedBallot[];
}): CountedVotes {
  const method = rankedMethodOf(input.method);
  const sizes = new Map<string, number>();
  for (const ballot of input.ballots) sizes.set(ballot.collegeKey, (sizes.get(ballot.collegeKey) ?? 0) + 1);
  const groupOf = mergeSmallGroups(sizes, MIN_GROUP_SIZE);
  const ballots = input.ballots.map((ballot) => ({
    ranking: ballot.ranking ?? [],
    code: ballot.code,
    weight: ballot.weight,
    group: groupOf.get(ballot.collegeKey)!,
  }));
  const seats = Math.min(input.seats, input.options.length);
  const { combined, byGroup } = countRankedByGroup(method, { candidates: input.options, ballots, seats });
  return { method, options: [...input.options], combined, byCollege: byGroup, ballotsCounted: input.ballots.length };
}

/** countVotes, with the turnout: what closing a ballot stores. */
export function countBallot(input: {
  method: string;
  /** Option keys in ballot order: the candidates, and the tie-break order. */
  options: string[];
  seats: number;
  ballots: readonly CountedBallot[];
  participation: Participation;
}): StoredBallotResult {
  return { ...countVotes(input), participation: input.participation };
}
