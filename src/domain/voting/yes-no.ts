import { VotingInputError, ballotCount, ballotWeight } from "./ballot.js";
import { Rational } from "./rational.js";

export type YesNoChoice = "yes" | "no" | "abstain";

export interface YesNoBallot {
  choice: YesNoChoice;
  weight?: Rational | string;
  count?: number | bigint;
  group?: string;
}

/** "simple": strictly more than half; "two-thirds" and "three-quarters": at least that fraction. */
export type Threshold = "simple" | "two-thirds" | "three-quarters";

type Amount = Rational | string | number | bigint;

export type Quorum =
  /** At least this many participants (voters, or weight; see `quorumMeasure`). */
  | { count: Amount }
  /** At least `fraction` × `electorate` participants. */
  | { fraction: Rational | string; electorate: Amount };

export interface YesNoInput {
  ballots: YesNoBallot[];
  threshold: Threshold;
  /** The threshold applies to the votes cast (default) or to the weight of members present. */
  base?: "cast" | "present";
  /** With base "cast": whether abstentions count in the base (acting like "no"). Default "excluded". */
  abstentions?: "excluded" | "counted";
  quorum?: Quorum;
  /** What the quorum counts: members ("voters", default: ballots' counts) or their weight. */
  quorumMeasure?: "voters" | "weight";
  /** Members present, when some present members cast no ballot. `weight` defaults to `voters` if every ballot weighs 1. */
  present?: { voters: number | bigint; weight?: Rational | string };
}

export interface YesNoTotals {
  yes: string;
  no: string;
  abstain: string;
  /** Number of ballots (members), whatever their weight. */
  voters: string;
}

export interface YesNoResult {
  outcome: "adopted" | "rejected" | "no-quorum";
  quorum?: { required: string; participation: string; met: boolean };
  totals: YesNoTotals;
  /** The quantity the threshold is a fraction of. */
  base: string;
  /** yes must be strictly more than this ("more-than") or at least this ("at-least"). */
  required: string;
  rule: "more-than" | "at-least";
  /** yes and no are equal. */
  tie: boolean;
  byGroup: Record<string, YesNoTotals>;
}

const FRACTIONS: Record<Threshold, { fraction: Rational; rule: "more-than" | "at-least" }> = {
  simple: { fraction: Rational.of(1, 2), rule: "more-than" },
  "two-thirds": { fraction: Rational.of(2, 3), rule: "at-least" },
  "three-quarters": { fraction: Rational.of(3, 4), rule: "at-least" },
};

interface Sums {
  yes: Rational;
  no: Rational;
  abstain: Rational;
  voters: bigint;
  allWeightsOne: boolean;
}

export function countYesNo(input: YesNoInput): YesNoResult {
  const threshold = FRACTIONS[input.threshold];
  if (!threshold) throw new VotingInputError(`unknown threshold "${String(input.threshold)}"`);
  const weights = new Map<string, Rational>();
  const rows = input.ballots.map((ballot, index) => {
    if (ballot.choice !== "yes" && ballot.choice !== "no" && ballot.choice !== "abstain") {
      throw new VotingInputError(`ballot ${index + 1}: unknown choice "${String(ballot.choice)}"`);
    }
    return {
      choice: ballot.choice,
      weight: ballotWeight(ballot, index, weights),
      count: ballotCount(ballot, index),
      group: ballot.group,
    };
  });
  const sums = sum(rows);
  const cast = sums.yes.add(sums.no).add(sums.abstain);

  let presentWeight: Rational | undefined;
  let presentVoters: bigint | undefined;
  if (input.present) {
    presentVoters = BigInt(input.present.voters);
    if (presentVoters < sums.voters) throw new VotingInputError("fewer members present than ballots cast");
    if (input.present.weight !== undefined) presentWeight = Rational.from(input.present.weight);
    else if (sums.allWeightsOne) presentWeight = Rational.of(presentVoters);
    else throw new VotingInputError("present.weight is required when ballots carry weights");
    if (presentWeight.lt(cast)) throw new VotingInputError("less weight present than weight cast");
  }

  let base: Rational;
  if ((input.base ?? "cast") === "present") {
    if (!presentWeight) throw new VotingInputError('base "present" needs `present`');
    base = presentWeight;
  } else {
    base = input.abstentions === "counted" ? cast : sums.yes.add(sums.no);
  }
  const required = base.mul(threshold.fraction);
  const reaches = threshold.rule === "more-than" ? sums.yes.gt(required) : sums.yes.gte(required);
  const adopted = sums.yes.sign() > 0 && reaches;

  let quorum: YesNoResult["quorum"];
  if (input.quorum) {
    const byWeight = input.quorumMeasure === "weight";
    const participation = byWeight ? (presentWeight ?? cast) : Rational.of(presentVoters ?? sums.voters);
    const needed =
      "count" in input.quorum
        ? Rational.from(input.quorum.count)
        : Rational.from(input.quorum.fraction).mul(Rational.from(input.quorum.electorate));
    quorum = {
      required: needed.toExactString(),
      participation: participation.toExactString(),
      met: participation.gte(needed),
    };
  }

  const byGroup: Record<string, YesNoTotals> = {};
  const keys = [...new Set(rows.flatMap((row) => (row.group === undefined ? [] : [row.group])))].sort();
  for (const key of keys) byGroup[key] = totalsOf(sum(rows.filter((row) => row.group === key)));

  return {
    outcome: quorum && !quorum.met ? "no-quorum" : adopted ? "adopted" : "rejected",
    ...(quorum ? { quorum } : {}),
    totals: totalsOf(sums),
    base: base.toExactString(),
    required: required.toExactString(),
    rule: threshold.rule,
    tie: sums.yes.equals(sums.no),
    byGroup,
  };
}

function sum(rows: Array<{ choice: YesNoChoice; weight: Rational; count: bigint }>): Sums {
  const sums: Sums = { yes: Rational.ZERO, no: Rational.ZERO, abstain: Rational.ZERO, voters: 0n, allWeightsOne: true };
  for (const row of rows) {
    sums[row.choice] = sums[row.choice].add(row.weight.mul(Rational.of(row.count)));
    sums.voters += row.count;
    if (!row.weight.equals(Rational.ONE)) sums.allWeightsOne = false;
  }
  return sums;
}

function totalsOf(sums: Sums): YesNoTotals {
  return {
    yes: sums.yes.toExactString(),
    no: sums.no.toExactString(),
    abstain: sums.abstain.toExactString(),
    voters: sums.voters.toString(),
  };
}
