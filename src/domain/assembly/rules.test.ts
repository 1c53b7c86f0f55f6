import { describe, expect, it } from "vitest";
import { DEFAULT_STATUTES, type Statutes } from "../organisations/statutes.js";
import { VotingInputError } from "../voting/ballot.js";
import { ruleForItem, type DecisionKind, type OrganisationRules } from "./rules.js";

const colleges = [
  { key: "workers", weight: "1" },
  { key: "clients", weight: "0.5" },
  { key: "partners", weight: "1/3" },
];

const organisation = (statutes: Statutes = DEFAULT_STATUTES, extra: Partial<OrganisationRules> = {}) => ({
  statutes,
  colleges,
  ...extra,
});

describe("ruleForItem", () => {
  it("picks the ordinary rule: no quorum, simple majority of yes + no", () => {
    expect(ruleForItem(organisation(), "ordinary")).toEqual({
      kind: "ordinary",
      quorum: { type: "none" },
      collegeQuorum: null,
      majority: "simple",
      base: "cast",
      abstentions: "excluded",
      colleges: [
        { key: "clients", weight: "1/2" },
        { key: "partners", weight: "1/3" },
        { key: "workers", weight: "1" },
      ],
    });
  });

  it("picks the extraordinary rule: half the members, two thirds", () => {
    expect(ruleForItem(organisation(), "extraordinary")).toMatchObject({
      kind: "extraordinary",
      quorum: { type: "fraction", fraction: "1/2", measure: "members" },
      majority: "two-thirds",
    });
  });

  it("reads an absolute majority as more than half of all votes cast, abstentions included", () => {
    const statutes: Statutes = {
      ...DEFAULT_STATUTES,
      ordinary: { quorum: "0.2", collegeQuorum: "0.10", majority: "absolute", base: "cast" },
    };
    expect(ruleForItem(organisation(statutes), "ordinary")).toMatchObject({
      quorum: { type: "fraction", fraction: "1/5" },
      collegeQuorum: "1/10",
      majority: "simple",
      abstentions: "counted",
    });
    const contradicting = organisation(statutes, { details: { ordinary: { abstentions: "excluded" } } });
    expect(() => ruleForItem(contradicting, "ordinary")).toThrow(/counts abstentions/);
  });

  it("takes what the statutes do not say from the details of each kind", () => {
    const details = {
      ordinary: { quorumCount: "25", abstentions: "counted" as const },
      extraordinary: { quorumMeasure: "weight" as const },
    };
    expect(ruleForItem(organisation(DEFAULT_STATUTES, { details }), "ordinary")).toMatchObject({
      quorum: { type: "count", count: "25", measure: "members" },
      abstentions: "counted",
    });
    expect(ruleForItem(organisation(DEFAULT_STATUTES, { details }), "extraordinary").quorum).toEqual({
      type: "fraction",
      fraction: "1/2",
      measure: "weight",
    });
  });

  it("refuses malformed statutes and colleges", () => {
    const refuse = (rules: OrganisationRules, kind: DecisionKind = "ordinary") =>
      expect(() => ruleForItem(rules, kind)).toThrow(VotingInputError);
    refuse(organisation(), "annual" as DecisionKind);
    refuse(organisation({ ...DEFAULT_STATUTES, ordinary: { ...DEFAULT_STATUTES.ordinary, quorum: "3/2" } }));
    refuse(organisation({ ...DEFAULT_STATUTES, ordinary: { ...DEFAULT_STATUTES.ordinary, quorum: "half" } }));
    refuse({ statutes: DEFAULT_STATUTES, colleges: [{ key: "workers", weight: "-0.5" }] });
    refuse({
      statutes: DEFAULT_STATUTES,
      colleges: [
        { key: "workers", weight: "1" },
        { key: "workers", weight: "2" },
      ],
    });
  });
});
