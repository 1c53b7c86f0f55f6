import { describe, expect, it } from "vitest";
import {
  VotingInputError,
  decodeRanking,
  prepareElection,
  scaleAmounts,
  strictPreferences,
  type Ballot,
} from "./ballot.js";
import { Rational } from "./rational.js";

const candidates = ["a", "b", "c", "d"];

function groupsOf(ballots: Ballot[]) {
  return prepareElection({ candidates, ballots }).groups.map((group) => ({
    ranking: decodeRanking(group.code),
    weight: group.weight.toString(),
    count: group.count,
  }));
}

describe("prepareElection", () => {
  it("aggregates identical ballots whatever the order of ties inside a group", () => {
    expect(
      groupsOf([
        { ranking: [["b", "a"], ["c"]] },
        { ranking: [["a", "b"], ["c"]], count: 2 },
        { ranking: [["a", "b"], [], ["c"]], weight: "1" },
      ]),
    ).toEqual([{ ranking: [[0, 1], [2]], weight: "1", count: 4n }]);
  });

  it("keeps different weights apart and treats '0.5' and '1/2' as the same weight", () => {
    expect(
      groupsOf([
        { ranking: [["a"]], weight: "0.5" },
        { ranking: [["a"]], weight: Rational.of(1, 2) },
        { ranking: [["a"]], weight: "1.25" },
      ]),
    ).toEqual([
      { ranking: [[0]], weight: "1/2", count: 2n },
      { ranking: [[0]], weight: "5/4", count: 1n },
    ]);
  });

  it("gives the same groups in the same order for any input order", () => {
    const ballots: Ballot[] = [
      { ranking: [["c"], ["a"]] },
      { ranking: [["a"], ["b", "d"]], weight: "2" },
      { ranking: [["d"]] },
      { ranking: [["c"], ["a"]], count: 3n },
    ];
    expect(groupsOf([...ballots].reverse())).toEqual(groupsOf(ballots));
  });

  it("drops ballots of count 0 or weight 0", () => {
    expect(
      groupsOf([
        { ranking: [["a"]], count: 0 },
        { ranking: [["b"]], weight: "0" },
      ]),
    ).toEqual([]);
  });

  it("rejects unknown or repeated candidates, bad counts and weights, bad seats", () => {
    const fails = (ballots: Ballot[], message: RegExp, extra: object = {}) =>
      expect(() => prepareElection({ candidates, ballots, ...extra })).toThrow(message);
    fails([{ ranking: [["x"]] }], /ballot 1: unknown candidate "x"/);
    fails([{ ranking: [["a"]] }, { ranking: [["a"], ["b", "a"]] }], /ballot 2: candidate "a" ranked twice/);
    fails([{ ranking: [["a"]], count: 1.5 }], /count must be an integer/);
    fails([{ ranking: [["a"]], count: -1 }], /count must not be negative/);
    fails([{ ranking: [["a"]], weight: "-1" }], /weight must not be negative/);
    fails([{ ranking: [["a"]], weight: "heavy" }], /weight "heavy" is not a number/);
    fails([], /seats must be a positive integer/, { seats: 0 });
    expect(() => prepareElection({ candidates: ["a", "a"], ballots: [] })).toThrow(VotingInputError);
    expect(() => prepareElection({ candidates, ballots: [], tieBreakOrder: ["z"] })).toThrow(/unknown candidate "z"/);
    expect(() => prepareElection({ candidates, ballots: [], tieBreakOrder: ["a", "a"] })).toThrow(/twice/);
  });

  it("removes withdrawn candidates and skips their marks", () => {
    const election = prepareElection({
      candidates,
      withdrawn: ["b"],
      ballots: [{ ranking: [["b"], ["a", "b"], ["c"]] }],
    });
    expect(election.candidates).toEqual(["a", "c", "d"]);
    expect(election.groups.map((group) => decodeRanking(group.code))).toEqual([[[0], [1]]]);
  });

  it("puts listed candidates first in the tie-break order, then the rest in declared order", () => {
    expect(prepareElection({ candidates, ballots: [], tieBreakOrder: ["c", "a"] }).tieBreakRank).toEqual([1, 2, 0, 3]);
    expect(prepareElection({ candidates, ballots: [] }).tieBreakRank).toEqual([0, 1, 2, 3]);
  });
});

describe("strictPreferences", () => {
  it("keeps the leading singleton groups, stopping at the first tie", () => {
    const election = prepareElection({
      candidates,
      ballots: [{ ranking: [["c"], ["a"], ["b", "d"]] }, { ranking: [["a", "b"], ["c"]] }, { ranking: [] }],
    });
    expect(
      strictPreferences(election.groups)
        .map((group) => group.preferences)
        .sort(),
    ).toEqual([[], [], [2, 0]]);
  });
});

describe("scaleAmounts", () => {
  it("turns weight × count into integers over one common denominator", () => {
    const scaled = scaleAmounts([
      { weight: Rational.parse("0.5"), count: 3n },
      { weight: Rational.parse("1/3"), count: 1n },
      { weight: Rational.ONE, count: 2n },
    ]);
    expect(scaled).toEqual({ denominator: 6n, amounts: [9n, 2n, 12n], total: 23n });
  });
});

describe("many candidates", () => {
  it("encodes rankings longer than one String.fromCharCode call takes", () => {
    const many = Array.from({ length: 9000 }, (_, index) => `c${index}`);
    const election = prepareElection({ candidates: many, ballots: [{ ranking: many.map((id) => [id]) }] });
    expect(decodeRanking(election.groups[0]!.code)).toEqual(many.map((_, index) => [index]));
  });
});
