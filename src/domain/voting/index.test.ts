import { describe, expect, it } from "vitest";
import {
  RANKED_METHODS,
  Rational,
  VotingInputError,
  countRanked,
  countRankedByGroup,
  isRankedMethod,
  type RankedMethod,
} from "./index.js";

describe("countRanked", () => {
  const input = {
    candidates: ["a", "b", "c"],
    ballots: [
      { ranking: [["a"], ["b"], ["c"]], count: 3 },
      { ranking: [["c"], ["b"], ["a"]], count: 2 },
    ],
  };

  it("dispatches every method and labels the result", () => {
    for (const method of RANKED_METHODS) {
      const result = countRanked(method, input);
      expect(result.method).toBe(method);
      expect(result.winners).toEqual(["a"]);
    }
  });

  it("defaults to Schulze", () => {
    expect(countRanked(undefined, input).method).toBe("schulze");
  });

  it("rejects an unknown method", () => {
    expect(() => countRanked("plurality" as RankedMethod, input)).toThrow(VotingInputError);
    expect(isRankedMethod("plurality")).toBe(false);
    expect(isRankedMethod("stv-meek")).toBe(true);
  });
});

describe("countRankedByGroup", () => {
  it("counts each college alone and all ballots weighted together", () => {
    const result = countRankedByGroup("schulze", {
      candidates: ["a", "b"],
      ballots: [
        { ranking: [["a"], ["b"]], group: "workers", weight: "0.5", count: 3 },
        { ranking: [["b"], ["a"]], group: "users", weight: "1.25", count: 1 },
        { ranking: [["b"], ["a"]], group: "users", weight: "1.25", count: 1 },
      ],
    });
    expect(Object.keys(result.byGroup)).toEqual(["users", "workers"]);
    expect(result.byGroup.workers!.winners).toEqual(["a"]);
    expect(result.byGroup.users!.winners).toEqual(["b"]);
    expect(result.combined.pairwise).toEqual({ a: { b: "1.5" }, b: { a: "2.5" } });
    expect(result.combined.winners).toEqual(["b"]);
  });
});

describe("counts beyond 2^53", () => {
  it("stay exact: multiplying every count by 10^18 multiplies every tally by 10^18", () => {
    const ballots = [
      { ranking: [["a"], ["b"], ["c"]], count: 4 },
      { ranking: [["b"], ["c"], ["a"]], count: 3, weight: "0.5" },
      { ranking: [["c"], ["a", "b"]], count: 2 },
    ];
    const big = ballots.map((ballot) => ({ ...ballot, count: BigInt(ballot.count) * 10n ** 18n }));
    const scaled = (value: string) =>
      Rational.parse(value)
        .mul(Rational.of(10n ** 18n))
        .toExactString();
    for (const method of ["schulze", "borda", "irv", "copeland", "ranked-pairs"] as const) {
      const small = countRanked(method, { candidates: ["a", "b", "c"], ballots });
      const large = countRanked(method, { candidates: ["a", "b", "c"], ballots: big });
      expect(large.ranking, method).toEqual(small.ranking);
      expect(large.winners, method).toEqual(small.winners);
      expect(large.totalWeight, method).toBe(scaled(small.totalWeight));
      if (method !== "copeland") {
        expect(
          large.rounds.map((round) => Object.values(round.tallies)),
          method,
        ).toEqual(small.rounds.map((round) => Object.values(round.tallies).map(scaled)));
      }
      if (small.pairwise) expect(large.pairwise!.a!.b, method).toBe(scaled(small.pairwise.a!.b!));
    }
    expect(countRanked("irv", { candidates: ["a", "b", "c"], ballots: big }).rounds[0]!.tallies.a).toBe(
      "4" + "0".repeat(18),
    );
  });
});
