import type { RankedMethod, RankedResult } from "../voting/index.js";

/** Smallest group shown on its own in any breakdown; smaller ones are merged into OTHER_GROUP. */
export const MIN_GROUP_SIZE = 5;
export const OTHER_GROUP = "other";

export interface ParticipationRow {
  /** College key, office id, or language code; OTHER_GROUP for merged small groups. */
  key: string;
  electors: number;
  voters: number;
}

export interface Participation {
  electors: number;
  voters: number;
  byCollege: ParticipationRow[];
  byOffice: ParticipationRow[];
  byLanguage: ParticipationRow[];
}

/**
 * What closing a ranked ballot stores in ballot_results.result (JSON, byte-stable):
 * written by src/commands/ballots/close.ts, read by the results page and the open-data exports.
 */
export interface StoredBallotResult {
  method: RankedMethod;
  /** Option keys in ballot order (the candidates of the count). */
  options: string[];
  combined: RankedResult;
  /** Per college key; colleges with fewer than MIN_GROUP_SIZE ballots are merged under OTHER_GROUP. */
  byCollege: Record<string, RankedResult>;
  ballotsCounted: number;
  participation: Participation;
}
