import { prepareElection, safeNumbers, scaleAmounts, strictPreferences, type RankedInput } from "./ballot.js";
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
  winnersFromRanking,
} from "./result.js";
import { breakTie } from "./tie-break.js";

/**
 * Instant runoff. Each round every ballot counts for its highest-ranked continuing candidate (a ballot
 * stops at its first tied group). A candidate with more than half of the ballots still counting wins;
 * otherwise the candidate with the fewest votes is eliminated (ties: earlier rounds, then tie-break order).
 */
export function irv(input: RankedInput): RankedResult {
  const election = prepareElection(input);
  const { candidates, tieBreakRank } = election;
  const groups = strictPreferences(election.groups);
  const preferences = groups.map((group) => group.preferences);
  const scaled = scaleAmounts(groups);
  const numbers = safeNumbers(scaled, 1);
  const pointers = new Int32Array(groups.length);
  const eliminated = new Uint8Array(candidates.length);
  let continuing = candidates.map((_, index) => index);

  const history: Array<Array<bigint | undefined>> = [];
  const rounds: Round[] = [];
  const tieBreaks: TieBreak[] = [];
  const eliminationOrder: number[] = [];
  const scale = (value: bigint) => Rational.of(value, scaled.denominator).toExactString();
  let winner: number | undefined;
  let finalTallies: Array<bigint | undefined> = [];

  while (winner === undefined) {
    const tallies = countRound(preferences, pointers, eliminated, numbers, scaled.amounts, candidates.length);
    let counting = 0n;
    for (const candidate of continuing) counting += tallies[candidate]!;
    const round: Round = {
      tallies: tallyRecord(candidates, continuing, (candidate) => scale(tallies[candidate]!)),
      elected: [],
      eliminated: [],
      exhausted: scale(scaled.total - counting),
    };
    rounds.push(round);
    const leader = continuing.find((candidate) => tallies[candidate]! * 2n > counting);
    if (leader !== undefined || continuing.length === 1) {
      winner = leader ?? continuing[0]!;
      round.elected.push(candidates[winner]!);
      finalTallies = tallies;
      break;
    }
    let lowest = tallies[continuing[0]!]!;
    for (const candidate of continuing) if (tallies[candidate]! < lowest) lowest = tallies[candidate]!;
    const tied = continuing.filter((candidate) => tallies[candidate] === lowest);
    let loser = tied[0]!;
    if (tied.length > 1) {
      const decision = breakTie(tied, "lowest", history, tieBreakRank);
      loser = decision.chosen;
      tieBreaks.push({
        round: rounds.length,
        purpose: "eliminate",
        tied: namesOf(candidates, tied),
        chosen: candidates[loser]!,
        decidedBy: decision.decidedBy,
      });
    }
    history.push(tallies);
    round.eliminated.push(candidates[loser]!);
    eliminated[loser] = 1;
    eliminationOrder.push(loser);
    continuing = continuing.filter((candidate) => candidate !== loser);
  }

  const others = continuing.filter((candidate) => candidate !== winner);
  const ranking: number[][] = [
    [winner],
    ...rankByScore(others, (candidate) => finalTallies[candidate]!, compareBigIntDesc),
    ...eliminationOrder.reverse().map((candidate) => [candidate]),
  ];
  return {
    method: "irv",
    seats: election.seats,
    winners: namesOf(candidates, winnersFromRanking(ranking, election.seats)),
    ranking: rankingNames(candidates, ranking),
    rounds,
    totalWeight: scale(scaled.total),
    tieBreaks,
  };
}

/** Votes per candidate (scaled bigint); advances each ballot's pointer past eliminated candidates. */
function countRound(
  preferences: number[][],
  pointers: Int32Array,
  eliminated: Uint8Array,
  numbers: number[] | undefined,
  amounts: bigint[],
  size: number,
): bigint[] {
  const numberTallies = new Float64Array(size);
  const bigTallies = new Array<bigint>(size).fill(0n);
  for (let g = 0; g < preferences.length; g++) {
    const prefs = preferences[g]!;
    let pointer = pointers[g]!;
    while (pointer < prefs.length && eliminated[prefs[pointer]!]) pointer++;
    pointers[g] = pointer;
    if (pointer >= prefs.length) continue;
    const candidate = prefs[pointer]!;
    if (numbers) numberTallies[candidate]! += numbers[g]!;
    else bigTallies[candidate]! += amounts[g]!;
  }
  return numbers ? Array.from(numberTallies, (value) => BigInt(value)) : bigTallies;
}
