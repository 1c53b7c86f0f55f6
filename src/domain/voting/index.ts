import { VotingInputError, prepareElection, type Ballot, type RankedInput } from "./ballot.js";
import { borda } from "./borda.js";
import { copeland, copelandFromMatrix } from "./copeland.js";
import { irv } from "./irv.js";
import { buildPairwise, sumMatrices, type ElectionFrame, type PairwiseMatrix } from "./pairwise.js";
import { rankedPairs, rankedPairsFromMatrix } from "./ranked-pairs.js";
import { RANKED_METHODS, type RankedMethod, type RankedResult } from "./result.js";
import { schulze, schulzeFromMatrix } from "./schulze.js";
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

/** Methods whose result depends on the ballots only through their pairwise matrix. */
const FROM_MATRIX: Partial<Record<RankedMethod, (election: ElectionFrame, matrix: PairwiseMatrix) => RankedResult>> = {
  schulze: schulzeFromMatrix,
  "ranked-pairs": rankedPairsFromMatrix,
  copeland: copelandFromMatrix,
};

/**
 * Counts all ballots, weighted, and each group alone. For the pairwise methods the combined
 * matrix is the sum of the groups' matrices, so every ballot is read once instead of twice; the
 * result is the same, byte for byte (a property test checks it against countRanked).
 */
export function countRankedByGroup(method: RankedMethod, input: RankedInput): GroupedResult {
  const parts = new Map<string | undefined, Ballot[]>();
  for (const ballot of input.ballots) {
    const part = parts.get(ballot.group);
    if (part) part.push(ballot);
    else parts.set(ballot.group, [ballot]);
  }
  const keys = [...parts.keys()].filter((key): key is string => key !== undefined).sort();
  const fromMatrix = FROM_MATRIX[method];
  if (!fromMatrix || input.ballots.length === 0) {
    // All ballots first: a faulty ballot is named by its place among all of them.
    const combined = countRanked(method, input);
    const byGroup: Record<string, RankedResult> = {};
    for (const key of keys) byGroup[key] = countRanked(method, { ...input, ballots: parts.get(key)! });
    return { combined, byGroup };
  }
  let frame: ElectionFrame | undefined;
  const matrices = new Map<string | undefined, PairwiseMatrix>();
  try {
    for (const [key, ballots] of parts) {
      const election = prepareElection({ ...input, ballots });
      frame ??= election;
      matrices.set(key, buildPairwise(election));
    }
  } catch (error) {
    // Name the ballot by its place among all the ballots, as countRanked would.
    if (error instanceof VotingInputError) prepareElection(input);
    throw error;
  }
  const byGroup: Record<string, RankedResult> = {};
  for (const key of keys) byGroup[key] = fromMatrix(frame!, matrices.get(key)!);
  return { combined: fromMatrix(frame!, sumMatrices([...matrices.values()])), byGroup };
}
