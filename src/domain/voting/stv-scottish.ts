import { VotingInputError, prepareElection, strictPreferences, type RankedInput } from "./ballot.js";
import { Rational } from "./rational.js";
import {
  compareBigIntDesc,
  namesOf,
  rankByScore,
  rankingNames,
  tallyRecord,
  type RankedResult,
  type Round,
  type TieBreak,
} from "./result.js";
import { breakTie, orderHighestFirst, type TieDecision } from "./tie-break.js";

/** Values are fixed decimals: integers counting units of 0.00001. */
const UNIT = 100_000n;

interface Parcel {
  preferences: number[];
  position: number;
  count: bigint;
  /** Value of one paper, in units. */
  value: bigint;
}

type Status = "continuing" | "elected" | "excluded";

/**
 * STV under the Scottish Local Government Elections Order 2007 (SSI 2007/42, rules 45–52):
 * Droop quota, weighted inclusive Gregory surplus transfers with transfer values truncated to five
 * decimals, largest surplus first, exclusion of the lowest candidate, last vacancies filled by the
 * continuing candidates. Lots are replaced by the caller's tie-break order.
 */
export function stvScottish(input: RankedInput): RankedResult {
  const election = prepareElection(input);
  const { candidates, tieBreakRank, seats } = election;
  const groups = strictPreferences(election.groups).filter((group) => group.preferences.length > 0);

  const piles: Parcel[][] = candidates.map(() => []);
  const totals = candidates.map(() => 0n);
  let valid = 0n;
  let wholeWeights = true;
  for (const group of groups) {
    const value = unitsOf(group.weight);
    if (!group.weight.isInteger()) wholeWeights = false;
    const first = group.preferences[0]!;
    piles[first]!.push({ preferences: group.preferences, position: 0, count: group.count, value });
    totals[first]! += group.count * value;
    valid += group.count * value;
  }
  const quota = wholeWeights ? (valid / UNIT / BigInt(seats + 1) + 1n) * UNIT : valid / BigInt(seats + 1) + 1n;

  const status: Status[] = candidates.map(() => "continuing");
  const electedOrder: number[] = [];
  const excludedOrder: number[] = [];
  const pendingSurplus: number[] = [];
  const history: Array<Array<bigint | undefined>> = [];
  const rounds: Round[] = [];
  const tieBreaks: TieBreak[] = [];
  const continuing = () => candidates.map((_, index) => index).filter((index) => status[index] === "continuing");
  const record = (purpose: TieBreak["purpose"]) => (tied: number[], decision: TieDecision) =>
    tieBreaks.push({
      round: rounds.length,
      purpose,
      tied: namesOf(candidates, tied),
      chosen: candidates[decision.chosen]!,
      decidedBy: decision.decidedBy,
    });
  const elect = (round: Round, chosen: number[]) => {
    for (const candidate of orderHighestFirst(chosen, totals, history, tieBreakRank, record("elect-order"))) {
      status[candidate] = "elected";
      electedOrder.push(candidate);
      round.elected.push(candidates[candidate]!);
      if (totals[candidate]! > quota) pendingSurplus.push(candidate);
    }
  };

  for (;;) {
    const inCount = candidates.map((_, index) => index).filter((index) => status[index] !== "excluded");
    const round: Round = {
      tallies: tallyRecord(candidates, inCount, (candidate) => fixed(totals[candidate]!)),
      elected: [],
      eliminated: [],
      exhausted: fixed(valid - totals.reduce((sum, total) => sum + total, 0n)),
    };
    rounds.push(round);
    const snapshot = candidates.map((_, index) => (status[index] === "excluded" ? undefined : totals[index]!));

    elect(
      round,
      continuing().filter((candidate) => totals[candidate]! >= quota),
    );
    const vacancies = seats - electedOrder.length;
    if (vacancies <= 0) break;
    if (continuing().length <= vacancies) {
      elect(round, continuing());
      break;
    }

    if (pendingSurplus.length > 0) {
      const from = largestSurplus(pendingSurplus, totals, history, tieBreakRank, record("surplus-order"));
      pendingSurplus.splice(pendingSurplus.indexOf(from), 1);
      const surplus = totals[from]! - quota;
      const received = totals[from]!;
      transfer(piles, from, status, totals, (value) => (surplus * value) / received);
      totals[from] = quota;
      round.surplusTransferred = candidates[from]!;
    } else {
      const loser = lowest(continuing(), totals, history, tieBreakRank, record("eliminate"));
      status[loser] = "excluded";
      excludedOrder.push(loser);
      round.eliminated.push(candidates[loser]!);
      if (continuing().length <= vacancies) {
        elect(round, continuing());
        break;
      }
      transfer(piles, loser, status, totals, (value) => value);
      totals[loser] = 0n;
    }
    history.push(snapshot);
  }

  const lastTotals = [...totals];
  const ranking = [
    ...electedOrder.map((candidate) => [candidate]),
    ...rankByScore(continuing(), (candidate) => lastTotals[candidate]!, compareBigIntDesc),
    ...[...excludedOrder].reverse().map((candidate) => [candidate]),
  ];
  return {
    method: "stv-scottish",
    seats,
    winners: namesOf(candidates, electedOrder),
    ranking: rankingNames(candidates, ranking),
    rounds,
    totalWeight: fixed(valid),
    quota: fixed(quota),
    tieBreaks,
  };
}

function unitsOf(weight: Rational): bigint {
  const scaled = weight.mul(Rational.of(UNIT));
  if (!scaled.isInteger()) {
    throw new VotingInputError(`Scottish STV counts to 5 decimals: weight ${weight.toExactString()} has more`);
  }
  return scaled.num;
}

function fixed(units: bigint): string {
  return Rational.of(units, UNIT).toDecimalString(5, "truncate");
}

/** Moves every parcel of `from` to its next continuing preference; parcels without one are set aside. */
function transfer(
  piles: Parcel[][],
  from: number,
  status: Status[],
  totals: bigint[],
  newValue: (value: bigint) => bigint,
): void {
  for (const parcel of piles[from]!) {
    let position = parcel.position + 1;
    while (position < parcel.preferences.length && status[parcel.preferences[position]!] !== "continuing") position++;
    if (position >= parcel.preferences.length) continue;
    const to = parcel.preferences[position]!;
    const value = newValue(parcel.value);
    piles[to]!.push({ preferences: parcel.preferences, position, count: parcel.count, value });
    totals[to]! += parcel.count * value;
  }
  piles[from] = [];
}

function largestSurplus(
  pending: number[],
  totals: bigint[],
  history: Array<Array<bigint | undefined>>,
  tieBreakRank: number[],
  onTie: (tied: number[], decision: TieDecision) => void,
): number {
  let top = totals[pending[0]!]!;
  for (const candidate of pending) if (totals[candidate]! > top) top = totals[candidate]!;
  const tied = pending.filter((candidate) => totals[candidate] === top);
  if (tied.length === 1) return tied[0]!;
  const decision = breakTie(tied, "highest", history, tieBreakRank);
  onTie(tied, decision);
  return decision.chosen;
}

function lowest(
  pool: number[],
  totals: bigint[],
  history: Array<Array<bigint | undefined>>,
  tieBreakRank: number[],
  onTie: (tied: number[], decision: TieDecision) => void,
): number {
  let bottom = totals[pool[0]!]!;
  for (const candidate of pool) if (totals[candidate]! < bottom) bottom = totals[candidate]!;
  const tied = pool.filter((candidate) => totals[candidate] === bottom);
  if (tied.length === 1) return tied[0]!;
  const decision = breakTie(tied, "lowest", history, tieBreakRank);
  onTie(tied, decision);
  return decision.chosen;
}
