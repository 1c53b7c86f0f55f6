import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rational } from "../voting/rational.js";
import { decideItem, type AssemblyVote, type DecideInput } from "./decide.js";
import type { DecisionRule, QuorumRule } from "./rules.js";

const KEYS = ["clients", "partners", "workers"] as const;
type Key = (typeof KEYS)[number];

/** Each member of a college, as the assembly sees them. */
const STATES = ["absent", "silent", "yes", "no", "abstain"] as const;
type State = (typeof STATES)[number];
interface Member {
  state: State;
  /** Attends through a proxy holder rather than in person. */
  proxy: boolean;
}
interface Scenario {
  rule: Omit<DecisionRule, "colleges">;
  colleges: Record<Key, { weight: string; members: Member[] }>;
}

const measure = fc.constantFrom("members" as const, "weight" as const);
const quorum: fc.Arbitrary<QuorumRule> = fc.oneof(
  fc.constant({ type: "none" as const }),
  fc.record({ type: fc.constant("count" as const), count: fc.constantFrom("0", "3", "7/2", "10"), measure }),
  fc.record({ type: fc.constant("fraction" as const), fraction: fc.constantFrom("1/4", "1/3", "1/2", "1"), measure }),
);

const college = fc.record({
  weight: fc.constantFrom("1", "1/2", "1/3", "2", "0", "3/4"),
  members: fc.array(fc.record({ state: fc.constantFrom(...STATES), proxy: fc.boolean() }), { maxLength: 10 }),
});

const scenario: fc.Arbitrary<Scenario> = fc.record({
  rule: fc.record({
    kind: fc.constantFrom("ordinary" as const, "extraordinary" as const),
    quorum,
    collegeQuorum: fc.constantFrom(null, "1/5", "1/2"),
    majority: fc.constantFrom("simple" as const, "two-thirds" as const, "three-quarters" as const),
    base: fc.constantFrom("cast" as const, "present" as const),
    abstentions: fc.constantFrom("excluded" as const, "counted" as const),
  }),
  colleges: fc.record({ clients: college, partners: college, workers: college }),
});

function inputOf(s: Scenario): DecideInput {
  const votes: AssemblyVote[] = [];
  const attendance = KEYS.map((key) => {
    let present = 0;
    let represented = 0;
    for (const member of s.colleges[key].members) {
      if (member.state === "absent") continue;
      if (member.proxy) represented++;
      else present++;
      if (member.state !== "silent") votes.push({ choice: member.state, college: key, proxy: member.proxy });
    }
    return { college: key, present, represented };
  });
  return {
    rule: { ...s.rule, colleges: KEYS.map((key) => ({ key, weight: s.colleges[key].weight })) },
    electorate: KEYS.map((key) => ({ college: key, members: s.colleges[key].members.length })),
    attendance,
    votes,
  };
}

const json = (input: DecideInput) => JSON.stringify(decideItem(input));

const shuffled = <T>(items: readonly T[]) =>
  fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });

describe("decideItem properties", () => {
  it("does not depend on the order of votes, colleges, electorate or attendance", () => {
    const permuted = scenario.chain((s) => {
      const input = inputOf(s);
      return fc.record({
        input: fc.constant(input),
        votes: shuffled(input.votes),
        electorate: shuffled(input.electorate),
        attendance: shuffled(input.attendance),
        colleges: shuffled(input.rule.colleges),
      });
    });
    fc.assert(
      fc.property(permuted, ({ input, votes, electorate, attendance, colleges }) => {
        const reordered = { rule: { ...input.rule, colleges }, electorate, attendance, votes };
        expect(json(reordered)).toBe(json(input));
      }),
    );
  });

  it("never turns an adopted item into a rejected one when a yes vote is added", () => {
    const withExtraYes = fc.record({
      s: scenario,
      college: fc.constantFrom(...KEYS),
      from: fc.constantFrom("silent" as const, "absent" as const, "newcomer" as const),
      proxy: fc.boolean(),
    });
    fc.assert(
      fc.property(withExtraYes, ({ s, college, from, proxy }) => {
        const before = decideItem(inputOf(s));
        const members = [...s.colleges[college].members];
        const index = from === "newcomer" ? -1 : members.findIndex((member) => member.state === from);
        // A silent member keeps their way of attending; an absent member or a newcomer comes in.
        if (index === -1) members.push({ state: "yes", proxy });
        else members[index] = { state: "yes", proxy: from === "silent" ? members[index]!.proxy : proxy };
        const after = decideItem(
          inputOf({ ...s, colleges: { ...s.colleges, [college]: { ...s.colleges[college], members } } }),
        );
        if (before.passed) expect(after.passed).toBe(true);
      }),
    );
  });

  it("gives byte-identical JSON on every call, from equal inputs", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const input = inputOf(s);
        expect(json(input)).toBe(json(input));
        expect(json(structuredClone(input))).toBe(json(input));
      }),
    );
  });

  it("writes every number as a reduced fraction", () => {
    const numbers = (value: unknown, path: string[] = []): string[] => {
      if (typeof value === "number") throw new Error(`a float at ${path.join(".")}`);
      if (Array.isArray(value)) return value.flatMap((item, i) => numbers(item, [...path, String(i)]));
      if (value && typeof value === "object") {
        return Object.entries(value).flatMap(([key, item]) => numbers(item, [...path, key]));
      }
      return typeof value === "string" && /^\d/.test(value) ? [value] : [];
    };
    fc.assert(
      fc.property(scenario, (s) => {
        for (const text of numbers(decideItem(inputOf(s)))) {
          expect(text).toMatch(/^\d+(\/\d+)?$/);
          expect(Rational.parse(text).toString()).toBe(text);
        }
      }),
    );
  });
});
