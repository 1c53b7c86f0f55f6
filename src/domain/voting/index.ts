import { VotingInputError, type RankedInput } from "./ballot.js";
import { borda } from "./borda.js";
import { copeland } from "./copeland.js";
import { irv } from "./irv.js";
import { rankedPairs } from "./ranked-pairs.js";
import { RANKED_METHODS, type RankedMethod, type RankedResult } from "./result.js";
import { schulze } from "./schulze.js";
import { stvMeek } from "./stv-meek.js";
import { stvScottish } from "./stv-scottish.js";

export { Rational } from "./rational.js";
export { VotingInputError, type Ballot, type RankedInput } from "./ballot.js";
export {
  RANKED_METHODS,
  type RankedMethod,
  type RankedResult,
  type Round,
  type TieBreak,
  type PairResult,
} from "./result.js";
export { approval, type ApprovalBallot, type ApprovalInput, type ApprovalResult } from "./approval.js";
export {
  countYesNo,
  type YesNoBallot,
  type YesNoInput,
  type YesNoResult,
  type Threshold,
  type Quorum,
} from "./yes-no.js";
export { ParseError, type ElectionFile } from "./election-file.js";
export { parsePrefLib, toPrefLib, type PrefLibType, type PrefLibMeta } from "./preflib.js";
export { parseBlt } from "./blt.js";
export { schulze, rankedPairs, copeland, borda, irv, stvScottish, stvMeek };

const COUNTERS: Record<RankedMethod, (input: RankedInput) => RankedResult> = {
  schulze,
  "ranked-pairs": rankedPairs,
  copeland,
  borda,
  irv,
  "stv-scottish": stvScottish,
  "stv-meek": stvMeek,
};

export function isRankedMethod(name: string): name is RankedMethod {
  return (RANKED_METHODS as readonly string[]).includes(name);
}

/** Counts ranked ballots with one method; Schulze is the default. */
export function countRanked(method: RankedMethod = "schulze", input: RankedInput): RankedResult {
  const counter = COUNTERS[method];
  if (!counter) throw new VotingInputError(`unknown method "${String(method)}"`);
  return counter(input);
}

export interface GroupedResult {
  /** All ballots, weighted. */
  combined: RankedResult;
  /** Ballots of each `group` key alone, keys sorted; ballots without a group count only in `combined`. */
  byGroup: Record<string, RankedResult>;
}

export function countRankedByGroup(method: RankedMethod, input: RankedInput): GroupedResult {
  const byGroup: Record<string, RankedResult> = {};
  const keys = [
    ...new Set(input.ballots.flatMap((ballot) => (ballot.group === undefined ? [] : [ballot.group]))),
  ].sort();
  for (const key of keys) {
    byGroup[key] = countRanked(method, { ...input, ballots: input.ballots.filter((ballot) => ballot.group === key) });
  }
  return { combined: countRanked(method, input), byGroup };
}
