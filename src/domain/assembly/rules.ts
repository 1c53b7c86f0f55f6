import { VotingInputError } from "../voting/ballot.js";
import { Rational } from "../voting/rational.js";
import type { Threshold } from "../voting/yes-no.js";
import type { DecisionRule as StatutesRule, Statutes } from "../organisations/statutes.js";

export type DecisionKind = "ordinary" | "extraordinary";

export const DECISION_KINDS: readonly DecisionKind[] = ["ordinary", "extraordinary"];

/** What a quorum counts: members present or represented, or their summed vote weight. */
export type QuorumMeasure = "members" | "weight";

export type QuorumRule =
  | { type: "none" }
  /** At least `count` members (or that much weight) present or represented. */
  | { type: "count"; count: string; measure: QuorumMeasure }
  /** At least `fraction` × the electorate (its members, or its total weight) present or represented. */
  | { type: "fraction"; fraction: string; measure: QuorumMeasure };

/** A college and the vote weight of one of its members: decimal or fraction text ("1", "0.5", "1/3"). */
export interface CollegeWeight {
  key: string;
  weight: string;
}

/**
 * The rule one general-assembly item is decided by. Every number is exact text (a reduced fraction
 * such as "1/2" once built by `ruleForItem`), so a rule can be stored next to its result.
 *
 * - `majority`: "simple" passes with yes strictly more than half of the base; "two-thirds" and
 *   "three-quarters" pass with yes at least that fraction of the base. A tie never passes "simple".
 * - `base`: "cast" is yes + no (+ abstain when `abstentions` is "counted"); "present" is the weight of
 *   every member present or represented, so that present members who abstain or stay silent weigh
 *   like a no. `abstentions` only matters with base "cast".
 * - `collegeQuorum`: when set, each college must also have at least that fraction of its own
 *   members present or represented.
 * - `colleges`: each member of a college votes with the college's weight; sorted by key.
 */
export interface DecisionRule {
  kind: DecisionKind;
  quorum: QuorumRule;
  collegeQuorum: string | null;
  majority: Threshold;
  base: "cast" | "present";
  abstentions: "excluded" | "counted";
  colleges: CollegeWeight[];
}

/** Settings the stored statutes do not carry (yet), per kind of decision. */
export interface RuleDetails {
  /** Default "members": the statutes read "at least … of the members must be present or represented". */
  quorumMeasure?: QuorumMeasure;
  /** A fixed quorum (members or weight) replacing the statutes' fraction. */
  quorumCount?: string;
  /** How abstentions count with base "cast". Default "excluded", and "counted" for an "absolute" majority. */
  abstentions?: "excluded" | "counted";
}

export interface OrganisationRules {
  statutes: Statutes;
  colleges: readonly CollegeWeight[];
  details?: Partial<Record<DecisionKind, RuleDetails>>;
}

const MAJORITY: Record<StatutesRule["majority"], Threshold> = {
  simple: "simple",
  absolute: "simple",
  two_thirds: "two-thirds",
  three_quarters: "three-quarters",
};

/**
 * The rule for an item of the given kind. The statutes' majorities map as follows: "simple" is more
 * yes than no (abstentions excluded); "absolute" is more than half of all votes cast, so it is the
 * simple threshold with abstentions counted in the base (the two would otherwise be the same rule);
 * "two_thirds" and "three_quarters" are at least that fraction. A quorum of "0" means no quorum.
 */
export function ruleForItem(organisation: OrganisationRules, kind: DecisionKind): DecisionRule {
  if (!DECISION_KINDS.includes(kind)) throw new VotingInputError(`unknown kind of decision "${String(kind)}"`);
  const stated = organisation.statutes[kind];
  const details = organisation.details?.[kind] ?? {};
  const majority = MAJORITY[stated.majority];
  if (!majority) throw new VotingInputError(`unknown majority "${String(stated.majority)}"`);
  return {
    kind,
    quorum: quorumRule(stated.quorum, details),
    collegeQuorum: stated.collegeQuorum === null ? null : parseShare(stated.collegeQuorum, "college quorum"),
    majority,
    base: stated.base,
    abstentions: abstentionsOf(stated.majority, details.abstentions),
    colleges: normaliseColleges(organisation.colleges),
  };
}

function quorumRule(fraction: string, details: RuleDetails): QuorumRule {
  const measure = details.quorumMeasure ?? "members";
  if (measure !== "members" && measure !== "weight") {
    throw new VotingInputError(`unknown quorum measure "${String(measure)}"`);
  }
  if (details.quorumCount !== undefined) {
    const count = parseAmount(details.quorumCount, "quorum count");
    return count.isZero() ? { type: "none" } : { type: "count", count: count.toString(), measure };
  }
  const share = parseShare(fraction, "quorum");
  return share === "0" ? { type: "none" } : { type: "fraction", fraction: share, measure };
}

function abstentionsOf(majority: StatutesRule["majority"], wanted: RuleDetails["abstentions"]) {
  if (wanted !== undefined && wanted !== "excluded" && wanted !== "counted") {
    throw new VotingInputError(`unknown abstentions setting "${String(wanted)}"`);
  }
  if (majority !== "absolute") return wanted ?? "excluded";
  if (wanted === "excluded") throw new VotingInputError("an absolute majority counts abstentions in the base");
  return "counted";
}

/** Colleges sorted by key, weights as reduced fractions; refuses duplicates and negative weights. */
export function normaliseColleges(colleges: readonly CollegeWeight[]): CollegeWeight[] {
  const seen = new Set<string>();
  const normalised = colleges.map((college) => {
    if (typeof college.key !== "string" || college.key === "") throw new VotingInputError("a college has no key");
    if (seen.has(college.key)) throw new VotingInputError(`college "${college.key}" is listed twice`);
    seen.add(college.key);
    return { key: college.key, weight: parseAmount(college.weight, `weight of college "${college.key}"`).toString() };
  });
  return normalised.sort((a, b) => compareKeys(a.key, b.key));
}

/** Non-negative exact number from decimal or fraction text. */
export function parseAmount(text: string, what: string): Rational {
  let value: Rational;
  try {
    value = Rational.parse(text);
  } catch {
    throw new VotingInputError(`${what}: "${String(text)}" is not a number`);
  }
  if (value.sign() < 0) throw new VotingInputError(`${what} must not be negative, got "${text}"`);
  return value;
}

/** A share between 0 and 1, as a reduced fraction. */
function parseShare(text: string, what: string): string {
  const value = parseAmount(text, what);
  if (value.gt(Rational.ONE)) throw new VotingInputError(`${what} must be at most 1, got "${text}"`);
  return value.toString();
}

/** Code-unit order, the same on every machine and locale. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
