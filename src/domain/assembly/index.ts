export {
  DECISION_KINDS,
  ruleForItem,
  type CollegeWeight,
  type DecisionKind,
  type DecisionRule,
  type OrganisationRules,
  type QuorumMeasure,
  type QuorumRule,
  type RuleDetails,
} from "./rules.js";
export {
  decideItem,
  type AssemblyVote,
  type CollegeAttendance,
  type CollegeElectorate,
  type CollegeTotals,
  type DecideInput,
  type DecisionReason,
  type ItemDecision,
  type MajorityOutcome,
  type Measure,
  type QuorumCheck,
  type QuorumOutcome,
  type Totals,
} from "./decide.js";
export {
  checkProxies,
  checkProxy,
  votesCarried,
  type HeldVotes,
  type Proxy,
  type ProxyCheck,
  type ProxyContext,
  type ProxyRefusal,
} from "./proxies.js";
export { VotingInputError } from "../voting/ballot.js";
