import { VotingInputError } from "../voting/ballot.js";
import { Rational } from "../voting/rational.js";
import { countYesNo, type Threshold, type YesNoBallot, type YesNoChoice } from "../voting/yes-no.js";
import { compareKeys, parseAmount, type DecisionKind, type DecisionRule, type QuorumRule } from "./rules.js";

/*
 * Colleges weigh member by member, never as blocs. Recommendations 28–29 of the 2016 booklet ask
 * the coop to study categories of members and to weight each college's power ("pondérer le poids
 * de chacune … en créant des collèges", the largest share of the votes to the workers), but leave
 * the mechanism open: modelling it is "exercice difficile s'il en est", a blocking right for
 * clients and partners on extraordinary decisions stays "en suspens", and the group "n'a pas
 * déterminé" whether the quorum applies to each college or in proportion to the colleges' weight.
 * Nothing there asks for each college's result to count as one bloc, and the organisation's data
 * gives a weight to each member of a college, so the combined count is the sum of each vote's
 * weight. Both quorum readings the seed names are offered: per college (`collegeQuorum`) and
 * overall in weight (`quorum.measure` "weight").
 */

export interface CollegeElectorate {
  college: string;
  /** Members of the college entitled to vote on the item. */
  members: number;
}

export interface CollegeAttendance {
  college: string;
  /** Members of the college present in person. */
  present: number;
  /** Members of the college absent but represented by a proxy holder. */
  represented: number;
}

export interface AssemblyVote {
  choice: YesNoChoice;
  /** The college of the member whose vote it is: for a proxy vote, the member represented. */
  college: string;
  /** Cast by a proxy holder on behalf of a represented member. Default false. */
  proxy?: boolean;
  /** Identical votes, e.g. a tally of paper ballots. Default 1. */
  count?: number;
}

export interface DecideInput {
  rule: DecisionRule;
  electorate: readonly CollegeElectorate[];
  attendance: readonly CollegeAttendance[];
  votes: readonly AssemblyVote[];
}

/** A number of members (or votes) and the weight they carry, both exact. */
export interface Measure {
  count: string;
  weight: string;
}

export interface Totals {
  electorate: Measure;
  present: Measure;
  represented: Measure;
  yes: Measure;
  no: Measure;
  abstain: Measure;
}

export interface CollegeTotals extends Totals {
  college: string;
  /** The weight of one member of the college. */
  memberWeight: string;
}

export interface QuorumCheck {
  required: string;
  /** Members (or weight) present or represented. */
  reached: string;
  met: boolean;
}

export interface QuorumOutcome {
  met: boolean;
  rule: QuorumRule;
  overall: QuorumCheck;
  collegeQuorum: string | null;
  /** One check per college, in key order; empty without a college quorum. */
  colleges: Array<{ college: string } & QuorumCheck>;
}

export interface MajorityOutcome {
  majority: Threshold;
  /** yes must be strictly more than `required` ("more-than") or at least `required` ("at-least"). */
  comparison: "more-than" | "at-least";
  fraction: string;
  baseOf: "cast" | "present";
  abstentions: "excluded" | "counted";
  /** The weight the fraction is taken of. */
  base: string;
  /** `fraction` × `base`. */
  required: string;
  yes: string;
  no: string;
  /** yes and no weigh the same. */
  tie: boolean;
  reached: boolean;
}

export type DecisionReason =
  "adopted" | "rejected_majority" | "rejected_tie" | "no_quorum" | `no_college_quorum:${string}`;

/**
 * An item's decision. Every number is a string holding a reduced fraction ("12", "7/2", "1/3"),
 * never a float. Keys come in a fixed order and colleges in key order, so the same input always
 * gives byte-identical JSON.
 */
export interface ItemDecision {
  kind: DecisionKind;
  passed: boolean;
  reason: DecisionReason;
  quorum: QuorumOutcome;
  majority: MajorityOutcome;
  combined: Totals;
  colleges: CollegeTotals[];
}

interface CollegeTally {
  key: string;
  weight: Rational;
  members: bigint;
  present: bigint;
  represented: bigint;
  votes: Record<YesNoChoice, bigint>;
  proxyVotes: bigint;
}

const CHOICES: readonly YesNoChoice[] = ["yes", "no", "abstain"];

const MAJORITY_FRACTION: Record<Threshold, string> = {
  simple: "1/2",
  "two-thirds": "2/3",
  "three-quarters": "3/4",
};

/**
 * Decides one general-assembly item. In order:
 * 1. Quorum: members present in person plus members represented by proxy (or their weight, as the
 *    rule says) must reach the required amount (at least, not more than); with a college quorum,
 *    each college must also reach its fraction of its own members. A failed overall quorum reports
 *    "no_quorum"; otherwise the first failing college in key order reports "no_college_quorum:<key>".
 * 2. Majority: each vote weighs its college's weight (a proxy vote: the represented member's
 *    college). yes must be more than half ("simple") or at least two thirds / three quarters of the
 *    base, and above zero. A tie under a simple majority is rejected as "rejected_tie"; under the
 *    other majorities a tie is an ordinary "rejected_majority" (with `majority.tie` set).
 * The majority is computed even when the quorum fails, for the minutes; `passed` is then false.
 */
export function decideItem(input: DecideInput): ItemDecision {
  const tallies = tally(input);
  const colleges = tallies.map(collegeTotals);
  const quorum = quorumOutcome(input.rule, tallies);
  const majority = majorityOutcome(input.rule, tallies);
  const reason = reasonOf(quorum, majority);
  return {
    kind: input.rule.kind,
    passed: reason === "adopted",
    reason,
    quorum,
    majority,
    combined: combinedTotals(tallies),
    colleges,
  };
}

function reasonOf(quorum: QuorumOutcome, majority: MajorityOutcome): DecisionReason {
  if (!quorum.overall.met) return "no_quorum";
  const failing = quorum.colleges.find((check) => !check.met);
  if (failing) return `no_college_quorum:${failing.college}`;
  if (majority.reached) return "adopted";
  const tie = majority.majority === "simple" && majority.tie && majority.yes !== "0";
  return tie ? "rejected_tie" : "rejected_majority";
}

type FindCollege = (college: string, where: string) => CollegeTally;

function tally(input: DecideInput): CollegeTally[] {
  const byKey = talliesOf(input.rule);
  const find: FindCollege = (college, where) => {
    const found = byKey.get(college);
    if (!found) throw new VotingInputError(`${where}: unknown college "${String(college)}"`);
    return found;
  };
  addElectorate(input.electorate, find);
  addAttendance(input.attendance, find);
  input.votes.forEach((vote, index) => addVote(vote, index, find));
  for (const college of byKey.values()) checkVotesFitAttendance(college);
  return [...byKey.values()].sort((a, b) => compareKeys(a.key, b.key));
}

function talliesOf(rule: DecisionRule): Map<string, CollegeTally> {
  const byKey = new Map<string, CollegeTally>();
  for (const college of rule.colleges) {
    if (byKey.has(college.key)) throw new VotingInputError(`college "${college.key}" is listed twice in the rule`);
    byKey.set(college.key, {
      key: college.key,
      weight: parseAmount(college.weight, `weight of college "${college.key}"`),
      members: 0n,
      present: 0n,
      represented: 0n,
      votes: { yes: 0n, no: 0n, abstain: 0n },
      proxyVotes: 0n,
    });
  }
  return byKey;
}

function addElectorate(electorate: readonly CollegeElectorate[], find: FindCollege): void {
  const listed = new Set<string>();
  for (const entry of electorate) {
    const college = find(entry.college, "electorate");
    if (listed.has(entry.college)) throw new VotingInputError(`electorate: college "${entry.college}" listed twice`);
    listed.add(entry.college);
    college.members = wholeNumber(entry.members, `electorate of college "${entry.college}"`);
  }
}

/** Runs after the electorate: nobody can attend beyond their college's members. */
function addAttendance(attendance: readonly CollegeAttendance[], find: FindCollege): void {
  const listed = new Set<string>();
  for (const entry of attendance) {
    const college = find(entry.college, "attendance");
    if (listed.has(entry.college)) throw new VotingInputError(`attendance: college "${entry.college}" listed twice`);
    listed.add(entry.college);
    college.present = wholeNumber(entry.present, `members present in college "${entry.college}"`);
    college.represented = wholeNumber(entry.represented, `members represented in college "${entry.college}"`);
    if (college.present + college.represented > college.members) {
      throw new VotingInputError(`attendance: more members present or represented than in college "${entry.college}"`);
    }
  }
}

function addVote(vote: AssemblyVote, index: number, find: FindCollege): void {
  const where = `vote ${index + 1}`;
  if (!CHOICES.includes(vote.choice)) throw new VotingInputError(`${where}: unknown choice "${String(vote.choice)}"`);
  const college = find(vote.college, where);
  if (college.members === 0n) throw new VotingInputError(`${where}: college "${vote.college}" has no electorate`);
  const count = wholeNumber(vote.count ?? 1, `${where}: count`);
  college.votes[vote.choice] += count;
  if (vote.proxy === true) college.proxyVotes += count;
}

function checkVotesFitAttendance(college: CollegeTally): void {
  const cast = college.votes.yes + college.votes.no + college.votes.abstain;
  if (college.proxyVotes > college.represented) {
    throw new VotingInputError(`college "${college.key}": more proxy votes than members represented`);
  }
  if (cast - college.proxyVotes > college.present) {
    throw new VotingInputError(`college "${college.key}": more votes in person than members present`);
  }
}

function wholeNumber(value: number, what: string): bigint {
  if (typeof value !== "number" || !Number.isSafeInteger(value)) {
    throw new VotingInputError(`${what} must be a whole number, got ${String(value)}`);
  }
  if (value < 0) throw new VotingInputError(`${what} must not be negative, got ${value}`);
  return BigInt(value);
}

function measure(count: bigint, weight: Rational): Measure {
  return { count: count.toString(), weight: weight.mul(Rational.of(count)).toString() };
}

function collegeTotals(college: CollegeTally): CollegeTotals {
  const { weight } = college;
  return {
    college: college.key,
    memberWeight: weight.toString(),
    electorate: measure(college.members, weight),
    present: measure(college.present, weight),
    represented: measure(college.represented, weight),
    yes: measure(college.votes.yes, weight),
    no: measure(college.votes.no, weight),
    abstain: measure(college.votes.abstain, weight),
  };
}

/** Sums one quantity over the colleges: its member count and its weight. */
function summed(tallies: readonly CollegeTally[], pick: (college: CollegeTally) => bigint): Measure {
  let count = 0n;
  let weight = Rational.ZERO;
  for (const college of tallies) {
    const amount = pick(college);
    count += amount;
    weight = weight.add(college.weight.mul(Rational.of(amount)));
  }
  return { count: count.toString(), weight: weight.toString() };
}

function combinedTotals(tallies: readonly CollegeTally[]): Totals {
  return {
    electorate: summed(tallies, (college) => college.members),
    present: summed(tallies, (college) => college.present),
    represented: summed(tallies, (college) => college.represented),
    yes: summed(tallies, (college) => college.votes.yes),
    no: summed(tallies, (college) => college.votes.no),
    abstain: summed(tallies, (college) => college.votes.abstain),
  };
}

function quorumOutcome(rule: DecisionRule, tallies: readonly CollegeTally[]): QuorumOutcome {
  const quorum = normaliseQuorum(rule.quorum);
  const overall = overallQuorum(quorum, tallies);
  const share = rule.collegeQuorum === null ? null : parseAmount(rule.collegeQuorum, "college quorum");
  const colleges =
    share === null ? [] : tallies.map((college) => ({ college: college.key, ...collegeQuorum(share, college) }));
  return {
    met: overall.met && colleges.every((check) => check.met),
    rule: quorum,
    overall,
    collegeQuorum: share === null ? null : share.toString(),
    colleges,
  };
}

/** A fresh copy with its keys in a fixed order and its numbers as reduced fractions. */
function normaliseQuorum(quorum: QuorumRule): QuorumRule {
  if (quorum.type === "none") return { type: "none" };
  if (quorum.measure !== "members" && quorum.measure !== "weight") {
    throw new VotingInputError(`unknown quorum measure "${String(quorum.measure)}"`);
  }
  if (quorum.type === "count") {
    return { type: "count", count: parseAmount(quorum.count, "quorum count").toString(), measure: quorum.measure };
  }
  if (quorum.type === "fraction") {
    return { type: "fraction", fraction: parseAmount(quorum.fraction, "quorum").toString(), measure: quorum.measure };
  }
  throw new VotingInputError(`unknown quorum type "${String((quorum as { type?: unknown }).type)}"`);
}

function overallQuorum(quorum: QuorumRule, tallies: readonly CollegeTally[]): QuorumCheck {
  const attending = summed(tallies, (college) => college.present + college.represented);
  if (quorum.type === "none") return check(Rational.ZERO, Rational.parse(attending.count));
  const reached = Rational.parse(quorum.measure === "weight" ? attending.weight : attending.count);
  if (quorum.type === "count") return check(Rational.parse(quorum.count), reached);
  const electorate = summed(tallies, (college) => college.members);
  const of = Rational.parse(quorum.measure === "weight" ? electorate.weight : electorate.count);
  return check(Rational.parse(quorum.fraction).mul(of), reached);
}

/** Within a college every member weighs the same, so the college quorum counts members. */
function collegeQuorum(share: Rational, college: CollegeTally): QuorumCheck {
  return check(share.mul(Rational.of(college.members)), Rational.of(college.present + college.represented));
}

function check(required: Rational, reached: Rational): QuorumCheck {
  return { required: required.toString(), reached: reached.toString(), met: reached.gte(required) };
}

/** The majority test itself is `countYesNo`'s, fed one weighted ballot per college and choice. */
function majorityOutcome(rule: DecisionRule, tallies: readonly CollegeTally[]): MajorityOutcome {
  const fraction = MAJORITY_FRACTION[rule.majority];
  if (!fraction) throw new VotingInputError(`unknown majority "${String(rule.majority)}"`);
  if (rule.base !== "cast" && rule.base !== "present") {
    throw new VotingInputError(`unknown base "${String(rule.base)}"`);
  }
  if (rule.abstentions !== "excluded" && rule.abstentions !== "counted") {
    throw new VotingInputError(`unknown abstentions setting "${String(rule.abstentions)}"`);
  }
  const ballots: YesNoBallot[] = tallies.flatMap((college) =>
    CHOICES.map((choice) => ({ choice, weight: college.weight, count: college.votes[choice], group: college.key })),
  );
  const attending = summed(tallies, (college) => college.present + college.represented);
  const counted = countYesNo({
    ballots,
    threshold: rule.majority,
    base: rule.base,
    abstentions: rule.abstentions,
    present: { voters: BigInt(attending.count), weight: Rational.parse(attending.weight) },
  });
  const combined = (choice: YesNoChoice) => summed(tallies, (college) => college.votes[choice]).weight;
  return {
    majority: rule.majority,
    comparison: counted.rule,
    fraction,
    baseOf: rule.base,
    abstentions: rule.abstentions,
    base: Rational.parse(counted.base).toString(),
    required: Rational.parse(counted.required).toString(),
    yes: combined("yes"),
    no: combined("no"),
    tie: counted.tie,
    reached: counted.outcome === "adopted",
  };
}
