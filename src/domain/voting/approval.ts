import { VotingInputError, ballotCount, ballotWeight, scaleAmounts } from "./ballot.js";
import { Rational } from "./rational.js";
import { compareBigIntDesc, namesOf, rankByScore, rankingNames, tallyRecord, winnersFromRanking } from "./result.js";

export interface ApprovalBallot {
  approved: string[];
  weight?: Rational | string;
  count?: number | bigint;
  group?: string;
}

export interface ApprovalInput {
  candidates: string[];
  ballots: ApprovalBallot[];
  seats?: number;
}

export interface ApprovalResult {
  method: "approval";
  seats: number;
  /** The `seats` most approved; a tied group straddling the last seat is left out (see `ranking`). */
  winners: string[];
  ranking: string[][];
  /** Weighted approvals per candidate, exact. */
  tallies: Record<string, string>;
  /** Total weight of the ballots. */
  totalWeight: string;
  /** Per `group` key (sorted), the tallies of that group's ballots alone. */
  byGroup: Record<string, Record<string, string>>;
}

/** Each ballot adds its weight × count to every candidate it approves. */
export function approval(input: ApprovalInput): ApprovalResult {
  const seats = input.seats ?? 1;
  if (!Number.isSafeInteger(seats) || seats < 1)
    throw new VotingInputError(`seats must be a positive integer, got ${seats}`);
  const index = new Map<string, number>();
  for (const id of input.candidates) {
    if (index.has(id)) throw new VotingInputError(`candidate "${id}" is declared twice`);
    index.set(id, index.size);
  }
  const size = input.candidates.length;
  const weights = new Map<string, Rational>();
  const rows = input.ballots.map((ballot, ballotIndex) => {
    const approved = new Uint8Array(size);
    for (const id of ballot.approved) {
      const candidate = index.get(id);
      if (candidate === undefined) throw new VotingInputError(`ballot ${ballotIndex + 1}: unknown candidate "${id}"`);
      if (approved[candidate])
        throw new VotingInputError(`ballot ${ballotIndex + 1}: candidate "${id}" approved twice`);
      approved[candidate] = 1;
    }
    return {
      approved,
      weight: ballotWeight(ballot, ballotIndex, weights),
      count: ballotCount(ballot, ballotIndex),
      group: ballot.group,
    };
  });

  const tally = (selected: typeof rows) => {
    const scaled = scaleAmounts(selected);
    const totals = new Array<bigint>(size).fill(0n);
    selected.forEach((row, r) => {
      for (let candidate = 0; candidate < size; candidate++)
        if (row.approved[candidate]) totals[candidate]! += scaled.amounts[r]!;
    });
    return { totals, denominator: scaled.denominator, total: scaled.total };
  };

  const all = Array.from({ length: size }, (_, candidate) => candidate);
  const combined = tally(rows);
  const show = (value: bigint, denominator: bigint) => Rational.of(value, denominator).toExactString();
  const ranking = rankByScore(all, (candidate) => combined.totals[candidate]!, compareBigIntDesc);
  const byGroup: Record<string, Record<string, string>> = {};
  const keys = [...new Set(rows.flatMap((row) => (row.group === undefined ? [] : [row.group])))].sort();
  for (const key of keys) {
    const part = tally(rows.filter((row) => row.group === key));
    byGroup[key] = tallyRecord(input.candidates, all, (candidate) => show(part.totals[candidate]!, part.denominator));
  }
  return {
    method: "approval",
    seats,
    winners: namesOf(input.candidates, winnersFromRanking(ranking, seats)),
    ranking: rankingNames(input.candidates, ranking),
    tallies: tallyRecord(input.candidates, all, (candidate) => show(combined.totals[candidate]!, combined.denominator)),
    totalWeight: show(combined.total, combined.denominator),
    byGroup,
  };
}
