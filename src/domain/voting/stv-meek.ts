import { prepareElection, scaleAmounts, strictPreferences, type RankedInput } from "./ballot.js";
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

/** Keep factors are fixed decimals with 9 places, rounded up after each update. */
const KEEP_SCALE = 1_000_000_000n;
/** Iteration stops when the elected candidates' surpluses sum to less than quota / 100000. */
const TOLERANCE_DIVISOR = 100_000n;
const MAX_ITERATIONS = 10_000;

type Status = "hopeful" | "elected" | "excluded";

/**
 * Meek STV. Each ballot gives every candidate, in order, its keep factor times the weight still
 * unspent; hopefuls keep everything, excluded candidates nothing. Quota = votes used / (seats + 1);
 * a hopeful is elected with strictly more than the quota. Elected keep factors are recomputed as
 * keep × quota / votes until surpluses fall below quota × 0.00001.
 * Votes are exact: integers over the common denominator (weight denominator) × 10^(9 × depth).
 */
export function stvMeek(input: RankedInput): RankedResult {
  const election = prepareElection(input);
  const { candidates, tieBreakRank, seats } = election;
  const groups = strictPreferences(election.groups);
  const preferences = groups.map((group) => group.preferences);
  const scaled = scaleAmounts(groups);
  const depth = Math.min(seats, candidates.length);
  const unit = KEEP_SCALE ** BigInt(depth);
  const denominator = scaled.denominator * unit;
  const amounts = scaled.amounts.map((amount) => amount * unit);
  const total = scaled.total * unit;
  const divisor = BigInt(seats + 1);

  const status: Status[] = candidates.map(() => "hopeful");
  const keep = candidates.map(() => KEEP_SCALE);
  const electedOrder: number[] = [];
  const excludedOrder: number[] = [];
  const history: Array<Array<bigint | undefined>> = [];
  const rounds: Round[] = [];
  const tieBreaks: TieBreak[] = [];
  const hopefuls = () => candidates.map((_, index) => index).filter((index) => status[index] === "hopeful");
  const elected = () => candidates.map((_, index) => index).filter((index) => status[index] === "elected");
  const record = (purpose: TieBreak["purpose"]) => (tied: number[], decision: TieDecision) =>
    tieBreaks.push({
      round: rounds.length,
      purpose,
      tied: namesOf(candidates, tied),
      chosen: candidates[decision.chosen]!,
      decidedBy: decision.decidedBy,
    });
  const show = (value: bigint) => Rational.of(value, denominator).toExactString();

  let votes: bigint[] = [];
  let used = 0n;
  while (electedOrder.length < seats && hopefuls().length > 0) {
    let reachingQuota: number[];
    for (let iteration = 0; ; iteration++) {
      votes = distribute(preferences, amounts, keep, candidates.length);
      used = votes.reduce((sum, value) => sum + value, 0n);
      reachingQuota = hopefuls().filter((candidate) => votes[candidate]! * divisor > used);
      if (reachingQuota.length > 0 || iteration >= MAX_ITERATIONS) break;
      const winners = elected();
      if (winners.length === 0) break;
      const surplusTimesDivisor = winners.reduce((sum, candidate) => sum + votes[candidate]! * divisor - used, 0n);
      if (surplusTimesDivisor * TOLERANCE_DIVISOR < used) break;
      let changed = false;
      for (const candidate of winners) {
        if (votes[candidate] === 0n) continue;
        const updated = ceilDiv(keep[candidate]! * used, divisor * votes[candidate]!);
        const next = updated > KEEP_SCALE ? KEEP_SCALE : updated;
        if (next !== keep[candidate]) changed = true;
        keep[candidate] = next;
      }
      if (!changed) break;
    }

    const inCount = candidates.map((_, index) => index).filter((index) => status[index] !== "excluded");
    const round: Round = {
      tallies: tallyRecord(candidates, inCount, (candidate) => show(votes[candidate]!)),
      elected: [],
      eliminated: [],
      exhausted: show(total - used),
      quota: Rational.of(used, denominator * divisor).toExactString(),
    };
    rounds.push(round);
    const vacancies = seats - electedOrder.length;
    const toElect = reachingQuota.length > 0 ? reachingQuota : hopefuls().length <= vacancies ? hopefuls() : [];
    if (toElect.length > 0) {
      for (const candidate of orderHighestFirst(toElect, votes, history, tieBreakRank, record("elect-order"))) {
        status[candidate] = "elected";
        electedOrder.push(candidate);
        round.elected.push(candidates[candidate]!);
      }
    } else {
      const pool = hopefuls();
      let bottom = votes[pool[0]!]!;
      for (const candidate of pool) if (votes[candidate]! < bottom) bottom = votes[candidate]!;
      const tied = pool.filter((candidate) => votes[candidate] === bottom);
      let loser = tied[0]!;
      if (tied.length > 1) {
        const decision = breakTie(tied, "lowest", history, tieBreakRank);
        record("eliminate")(tied, decision);
        loser = decision.chosen;
      }
      status[loser] = "excluded";
      keep[loser] = 0n;
      excludedOrder.push(loser);
      round.eliminated.push(candidates[loser]!);
    }
    history.push(candidates.map((_, index) => (inCount.includes(index) ? votes[index]! : undefined)));
  }

  const lastVotes = votes;
  const ranking = [
    ...electedOrder.map((candidate) => [candidate]),
    ...rankByScore(hopefuls(), (candidate) => lastVotes[candidate] ?? 0n, compareBigIntDesc),
    ...[...excludedOrder].reverse().map((candidate) => [candidate]),
  ];
  return {
    method: "stv-meek",
    seats,
    winners: namesOf(candidates, electedOrder),
    ranking: rankingNames(candidates, ranking),
    rounds,
    totalWeight: show(total),
    tieBreaks,
  };
}

/** Votes per candidate at the common scale; each ballot's weight flows down its preferences. */
function distribute(preferences: number[][], amounts: bigint[], keep: bigint[], size: number): bigint[] {
  const votes = new Array<bigint>(size).fill(0n);
  for (let g = 0; g < preferences.length; g++) {
    let remaining = amounts[g]!;
    for (const candidate of preferences[g]!) {
      const factor = keep[candidate]!;
      if (factor === 0n) continue;
      if (factor === KEEP_SCALE) {
        votes[candidate]! += remaining;
        break;
      }
      const share = (remaining * factor) / KEEP_SCALE;
      votes[candidate]! += share;
      remaining -= share;
    }
  }
  return votes;
}

function ceilDiv(numerator: bigint, divisor: bigint): bigint {
  return (numerator + divisor - 1n) / divisor;
}
