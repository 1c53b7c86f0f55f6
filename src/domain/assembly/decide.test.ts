import { describe, expect, it } from "vitest";
import { VotingInputError } from "../voting/ballot.js";
import { decideItem, type AssemblyVote, type CollegeAttendance, type CollegeElectorate } from "./decide.js";
import type { DecisionRule } from "./rules.js";

function rule(overrides: Partial<DecisionRule> = {}): DecisionRule {
  return {
    kind: "ordinary",
    quorum: { type: "none" },
    collegeQuorum: null,
    majority: "simple",
    base: "cast",
    abstentions: "excluded",
    colleges: [{ key: "workers", weight: "1" }],
    ...overrides,
  };
}

/** yes, no and abstain votes of one college, in person (or all by proxy). */
function votes(college: string, yes: number, no: number, abstain = 0, proxy = false): AssemblyVote[] {
  return [
    { choice: "yes", college, count: yes, proxy },
    { choice: "no", college, count: no, proxy },
    { choice: "abstain", college, count: abstain, proxy },
  ];
}

const electorate = (members: Record<string, number>): CollegeElectorate[] =>
  Object.entries(members).map(([college, count]) => ({ college, members: count }));

const attendance = (college: string, present: number, represented = 0): CollegeAttendance => ({
  college,
  present,
  represented,
});

/** One college of weight 1 with everybody present who voted, and no quorum. */
function simpleCount(yes: number, no: number, abstain: number, overrides: Partial<DecisionRule> = {}) {
  const voters = yes + no + abstain;
  return decideItem({
    rule: rule(overrides),
    electorate: electorate({ workers: voters }),
    attendance: [attendance("workers", voters)],
    votes: votes("workers", yes, no, abstain),
  });
}

describe("decideItem: quorum", () => {
  const quarter = rule({ quorum: { type: "fraction", fraction: "1/4", measure: "members" } });

  it("is met at exactly the required number, present and represented together", () => {
    // 40 members × 1/4 = 10 required; 8 present + 2 represented = 10 ≥ 10.
    // Votes: yes 5 in person + 2 by proxy = 7, no 3: 7 > 10/2 → adopted.
    const result = decideItem({
      rule: quarter,
      electorate: electorate({ workers: 40 }),
      attendance: [attendance("workers", 8, 2)],
      votes: [...votes("workers", 5, 3), ...votes("workers", 2, 0, 0, true)],
    });
    expect(result.quorum.overall).toEqual({ required: "10", reached: "10", met: true });
    expect(result).toMatchObject({ passed: true, reason: "adopted" });
  });

  it("is not met one member below, whatever the votes", () => {
    // 7 present + 2 represented = 9 < 10; yes 6 against no 3 would otherwise pass.
    const result = decideItem({
      rule: quarter,
      electorate: electorate({ workers: 40 }),
      attendance: [attendance("workers", 7, 2)],
      votes: [...votes("workers", 4, 3), ...votes("workers", 2, 0, 0, true)],
    });
    expect(result.quorum.overall).toEqual({ required: "10", reached: "9", met: false });
    expect(result).toMatchObject({ passed: false, reason: "no_quorum", majority: { reached: true } });
  });

  it("as a fixed count: met at the count, not met below", () => {
    const counted = rule({ quorum: { type: "count", count: "12", measure: "members" } });
    const at = (present: number) =>
      decideItem({
        rule: counted,
        electorate: electorate({ workers: 100 }),
        attendance: [attendance("workers", present)],
        votes: votes("workers", present, 0),
      });
    expect(at(12).quorum.overall).toEqual({ required: "12", reached: "12", met: true });
    expect(at(11).reason).toBe("no_quorum");
  });

  it("measured in weight can fail where the same fraction of members is met", () => {
    // Workers weigh 1, clients 1/2. Electorate: 10 workers + 20 clients = 30 members, weight
    // 10 + 20 × 1/2 = 20. Present: 1 worker + 16 clients = 17 members, weight 1 + 8 = 9.
    // In members: 17 ≥ 30 × 1/2 = 15, met. In weight: 9 < 20 × 1/2 = 10, not met.
    const colleges = [
      { key: "clients", weight: "1/2" },
      { key: "workers", weight: "1" },
    ];
    const input = (measure: "members" | "weight") => ({
      rule: rule({ colleges, quorum: { type: "fraction" as const, fraction: "1/2", measure } }),
      electorate: electorate({ workers: 10, clients: 20 }),
      attendance: [attendance("workers", 1), attendance("clients", 16)],
      votes: [...votes("workers", 1, 0), ...votes("clients", 10, 6)],
    });
    expect(decideItem(input("members")).quorum.overall).toEqual({ required: "15", reached: "17", met: true });
    expect(decideItem(input("weight")).quorum.overall).toEqual({ required: "10", reached: "9", met: false });
    expect(decideItem(input("weight")).reason).toBe("no_quorum");
  });

  it("per college: one college short fails the item although the overall quorum is met", () => {
    // Electorate 50 workers + 10 staff + 20 clients = 80; overall 1/4 × 80 = 20 required.
    // Attendance: workers 20 + 5 represented = 25, staff 3, clients 3: 31 ≥ 20, met.
    // College quorum 1/5: workers 25 ≥ 10, staff 3 ≥ 2, clients 3 < 4 → the item fails.
    const colleges = [
      { key: "clients", weight: "1/2" },
      { key: "staff", weight: "1" },
      { key: "workers", weight: "1" },
    ];
    const decide = (clientsPresent: number, staffPresent: number) =>
      decideItem({
        rule: rule({
          colleges,
          quorum: { type: "fraction", fraction: "1/4", measure: "members" },
          collegeQuorum: "1/5",
        }),
        electorate: electorate({ workers: 50, staff: 10, clients: 20 }),
        attendance: [
          attendance("workers", 20, 5),
          attendance("staff", staffPresent),
          attendance("clients", clientsPresent),
        ],
        votes: [...votes("workers", 20, 0), ...votes("workers", 5, 0, 0, true)],
      });
    const short = decide(3, 3);
    expect(short.quorum).toMatchObject({
      met: false,
      overall: { required: "20", reached: "31", met: true },
      colleges: [
        { college: "clients", required: "4", reached: "3", met: false },
        { college: "staff", required: "2", reached: "3", met: true },
        { college: "workers", required: "10", reached: "25", met: true },
      ],
    });
    expect(short).toMatchObject({ passed: false, reason: "no_college_quorum:clients" });
    // Clients and staff both short (staff 1 < 2): the first college in key order is named.
    expect(decide(3, 1).reason).toBe("no_college_quorum:clients");
    expect(decide(4, 1).reason).toBe("no_college_quorum:staff");
    // Clients at exactly 4 of 20 = 1/5, staff 3: every college meets its quorum.
    expect(decide(4, 3)).toMatchObject({ passed: true, reason: "adopted", quorum: { met: true } });
  });

  it("reports a failed overall quorum before a failed college quorum", () => {
    const result = decideItem({
      rule: rule({ quorum: { type: "fraction", fraction: "1/2", measure: "members" }, collegeQuorum: "1/2" }),
      electorate: electorate({ workers: 10 }),
      attendance: [attendance("workers", 4)],
      votes: votes("workers", 4, 0),
    });
    expect(result.reason).toBe("no_quorum");
    expect(result.quorum.colleges).toEqual([{ college: "workers", required: "5", reached: "4", met: false }]);
  });
});

describe("decideItem: majorities", () => {
  it("rejects a tie under a simple majority: half is not more than half", () => {
    // yes 5, no 5, abstain 2 (excluded): base 10, required more than 5; 5 is not.
    const result = simpleCount(5, 5, 2);
    expect(result.majority).toMatchObject({ base: "10", required: "5", yes: "5", no: "5", tie: true, reached: false });
    expect(result).toMatchObject({ passed: false, reason: "rejected_tie" });
  });

  it("names a tie only under a simple majority, and never an empty count", () => {
    // Two thirds of 10 = 20/3 ≈ 6.67; yes 5 falls short, as it would without the tie.
    expect(simpleCount(5, 5, 0, { majority: "two-thirds" })).toMatchObject({
      reason: "rejected_majority",
      majority: { tie: true, required: "20/3" },
    });
    // Only abstentions: base 0, yes 0 is no majority.
    expect(simpleCount(0, 0, 3)).toMatchObject({ reason: "rejected_majority", majority: { base: "0" } });
  });

  it("abstentions counted in the base turn an adoption into a rejection", () => {
    // yes 6, no 5, abstain 4. Excluded: base 11, 6 > 11/2 = 5.5, adopted.
    expect(simpleCount(6, 5, 4)).toMatchObject({ reason: "adopted", majority: { base: "11", required: "11/2" } });
    // Counted: base 15, 6 is not > 15/2 = 7.5, rejected.
    expect(simpleCount(6, 5, 4, { abstentions: "counted" })).toMatchObject({
      reason: "rejected_majority",
      majority: { base: "15", required: "15/2", abstentions: "counted" },
    });
  });

  it("three quarters: adopted at exactly 75 %, rejected just under", () => {
    // yes 15, no 5: 3/4 × 20 = 15, and 15 ≥ 15.
    expect(simpleCount(15, 5, 0, { majority: "three-quarters" })).toMatchObject({
      reason: "adopted",
      majority: { required: "15", comparison: "at-least" },
    });
    // yes 14, no 5: 3/4 × 19 = 57/4 = 14.25 > 14.
    expect(simpleCount(14, 5, 0, { majority: "three-quarters" })).toMatchObject({
      reason: "rejected_majority",
      majority: { required: "57/4" },
    });
  });

  it("three quarters: a single no of weight 1/3 puts 15 yes just under", () => {
    // yes 15 workers, no 5 workers + 1 partner (1/3): base 61/3, required 3/4 × 61/3 = 61/4 = 15.25 > 15.
    const result = decideItem({
      rule: rule({
        majority: "three-quarters",
        colleges: [
          { key: "partners", weight: "1/3" },
          { key: "workers", weight: "1" },
        ],
      }),
      electorate: electorate({ workers: 20, partners: 3 }),
      attendance: [attendance("workers", 20), attendance("partners", 1)],
      votes: [...votes("workers", 15, 5), { choice: "no", college: "partners" }],
    });
    expect(result.majority).toMatchObject({ base: "61/3", required: "61/4", yes: "15", no: "16/3", reached: false });
  });

  it("two thirds over the members present differs from two thirds of the votes cast", () => {
    // 30 present: yes 18, no 8, abstain 2, 2 silent.
    const count = (base: "cast" | "present") =>
      decideItem({
        rule: rule({ majority: "two-thirds", base }),
        electorate: electorate({ workers: 40 }),
        attendance: [attendance("workers", 30)],
        votes: votes("workers", 18, 8, 2),
      });
    // Over cast votes: base 18 + 8 = 26, required 2/3 × 26 = 52/3 ≈ 17.33; 18 ≥ 52/3, adopted.
    expect(count("cast")).toMatchObject({ reason: "adopted", majority: { base: "26", required: "52/3" } });
    // Over members present: base 30, required 20; 18 < 20, rejected.
    expect(count("present")).toMatchObject({
      reason: "rejected_majority",
      majority: { baseOf: "present", base: "30", required: "20" },
    });
  });

  it("two thirds at exactly two thirds", () => {
    // yes 20, no 10: 2/3 × 30 = 20 ≥ 20.
    expect(simpleCount(20, 10, 0, { majority: "two-thirds" }).reason).toBe("adopted");
    expect(simpleCount(19, 10, 0, { majority: "two-thirds" }).reason).toBe("rejected_majority");
  });
});

describe("decideItem: college weights", () => {
  const colleges = [
    { key: "clients", weight: "0.5" },
    { key: "partners", weight: "1/3" },
    { key: "workers", weight: "1" },
  ];
  const weighted = (majority: DecisionRule["majority"], list: AssemblyVote[], present: Record<string, number>) =>
    decideItem({
      rule: rule({ colleges, majority }),
      electorate: electorate({ workers: 10, clients: 10, partners: 10 }),
      attendance: Object.entries(present).map(([college, count]) => attendance(college, count)),
      votes: list,
    });

  it("three votes of 1/3 weigh exactly one: a tie with one worker", () => {
    // yes 3 × 1/3 = 1, no 1 × 1 = 1: a tie, rejected under a simple majority.
    const result = weighted("simple", [...votes("partners", 3, 0), ...votes("workers", 0, 1)], {
      partners: 3,
      workers: 1,
    });
    expect(result.combined.yes).toEqual({ count: "3", weight: "1" });
    expect(result.combined.no).toEqual({ count: "1", weight: "1" });
    expect(result.reason).toBe("rejected_tie");
  });

  it("six votes of 1/3 reach two thirds exactly, where binary floats would fall short", () => {
    // yes 6 × 1/3 = 2, no 1: base 3, required 2/3 × 3 = 2, and 2 ≥ 2.
    // Adding 1/3 six times in doubles gives 1.9999999999999998 < 2.
    const result = weighted("two-thirds", [...votes("partners", 6, 0), ...votes("workers", 0, 1)], {
      partners: 6,
      workers: 1,
    });
    expect(result.majority).toMatchObject({ base: "3", required: "2", yes: "2", reached: true });
    expect(result.reason).toBe("adopted");
  });

  it("sums 0.5 and 1/3 weights exactly, per college and combined", () => {
    // yes: 2 workers (2) + 3 clients (3/2) + 1 partner (1/3) = 23/6.
    // no: 1 worker (1) + 4 partners (4/3) = 7/3 = 14/6. abstain: 1 client = 1/2.
    // Simple majority over yes + no = 23/6 + 14/6 = 37/6; required 37/12; 23/6 = 46/12 > 37/12.
    const result = weighted(
      "simple",
      [...votes("workers", 2, 1), ...votes("clients", 3, 0, 1), ...votes("partners", 1, 4)],
      { workers: 3, clients: 4, partners: 5 },
    );
    expect(result.combined).toEqual({
      electorate: { count: "30", weight: "55/3" },
      present: { count: "12", weight: "20/3" },
      represented: { count: "0", weight: "0" },
      yes: { count: "6", weight: "23/6" },
      no: { count: "5", weight: "7/3" },
      abstain: { count: "1", weight: "1/2" },
    });
    expect(result.colleges.map((college) => [college.college, college.memberWeight, college.yes.weight])).toEqual([
      ["clients", "1/2", "3/2"],
      ["partners", "1/3", "1/3"],
      ["workers", "1", "2"],
    ]);
    expect(result.majority).toMatchObject({ base: "37/6", required: "37/12" });
    expect(result.reason).toBe("adopted");
  });

  it("counts a proxy vote with the weight of the member represented", () => {
    // A worker present (1) holds a client's proxy (1/2): yes 1 + 1/2 = 3/2 against no 1 worker.
    const result = decideItem({
      rule: rule({ colleges }),
      electorate: electorate({ workers: 2, clients: 1 }),
      attendance: [attendance("workers", 2), attendance("clients", 0, 1)],
      votes: [
        { choice: "yes", college: "workers" },
        { choice: "yes", college: "clients", proxy: true },
        { choice: "no", college: "workers" },
      ],
    });
    expect(result.combined.yes).toEqual({ count: "2", weight: "3/2" });
    expect(result.combined.represented).toEqual({ count: "1", weight: "1/2" });
    expect(result.reason).toBe("adopted");
  });
});

describe("decideItem: result format", () => {
  it("gives the documented JSON, keys in a fixed order", () => {
    const result = simpleCount(2, 1, 0);
    expect(JSON.stringify(result)).toBe(
      JSON.stringify({
        kind: "ordinary",
        passed: true,
        reason: "adopted",
        quorum: {
          met: true,
          rule: { type: "none" },
          overall: { required: "0", reached: "3", met: true },
          collegeQuorum: null,
          colleges: [],
        },
        majority: {
          majority: "simple",
          comparison: "more-than",
          fraction: "1/2",
          baseOf: "cast",
          abstentions: "excluded",
          base: "3",
          required: "3/2",
          yes: "2",
          no: "1",
          tie: false,
          reached: true,
        },
        combined: {
          electorate: { count: "3", weight: "3" },
          present: { count: "3", weight: "3" },
          represented: { count: "0", weight: "0" },
          yes: { count: "2", weight: "2" },
          no: { count: "1", weight: "1" },
          abstain: { count: "0", weight: "0" },
        },
        colleges: [
          {
            college: "workers",
            memberWeight: "1",
            electorate: { count: "3", weight: "3" },
            present: { count: "3", weight: "3" },
            represented: { count: "0", weight: "0" },
            yes: { count: "2", weight: "2" },
            no: { count: "1", weight: "1" },
            abstain: { count: "0", weight: "0" },
          },
        ],
      }),
    );
  });

  it("lists every college of the rule, in key order, even one absent from the input", () => {
    const result = decideItem({
      rule: rule({
        colleges: [
          { key: "workers", weight: "1" },
          { key: "clients", weight: "1/2" },
        ],
      }),
      electorate: electorate({ workers: 1 }),
      attendance: [attendance("workers", 1)],
      votes: votes("workers", 1, 0),
    });
    expect(result.colleges.map((college) => [college.college, college.electorate.count])).toEqual([
      ["clients", "0"],
      ["workers", "1"],
    ]);
  });
});

describe("decideItem: malformed input", () => {
  const base = {
    rule: rule(),
    electorate: electorate({ workers: 5 }),
    attendance: [attendance("workers", 3, 1)],
    votes: votes("workers", 1, 1),
  };
  const cases: Array<[string, Partial<typeof base>, RegExp]> = [
    ["an unknown college in the votes", { votes: votes("guests", 1, 0) }, /unknown college "guests"/],
    ["an unknown college in the electorate", { electorate: electorate({ guests: 2 }) }, /unknown college/],
    ["a negative weight", { rule: rule({ colleges: [{ key: "workers", weight: "-1" }] }) }, /must not be negative/],
    ["a weight that is no number", { rule: rule({ colleges: [{ key: "workers", weight: "half" }] }) }, /not a number/],
    [
      "a vote from a college with no electorate",
      {
        rule: rule({
          colleges: [
            { key: "workers", weight: "1" },
            { key: "clients", weight: "1/2" },
          ],
        }),
        votes: votes("clients", 1, 0),
      },
      /college "clients" has no electorate/,
    ],
    ["more present than members", { attendance: [attendance("workers", 5, 1)] }, /more members present/],
    ["more votes in person than present", { votes: votes("workers", 3, 1) }, /more votes in person/],
    ["more proxy votes than represented", { votes: votes("workers", 0, 2, 0, true) }, /more proxy votes/],
    ["a fractional count", { votes: [{ choice: "yes", college: "workers", count: 1.5 }] }, /whole number/],
    ["a negative electorate", { electorate: electorate({ workers: -1 }) }, /must not be negative/],
    [
      "an unknown choice",
      { votes: [{ choice: "maybe" as AssemblyVote["choice"], college: "workers" }] },
      /unknown choice/,
    ],
    ["a college listed twice", { attendance: [attendance("workers", 1), attendance("workers", 1)] }, /twice/],
  ];
  it.each(cases)("refuses %s", (_name, change, message) => {
    expect(() => decideItem({ ...base, ...change })).toThrow(VotingInputError);
    expect(() => decideItem({ ...base, ...change })).toThrow(message);
  });
});
