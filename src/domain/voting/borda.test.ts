import { describe, expect, it } from "vitest";
import { borda } from "./borda.js";
import { buildPairwise } from "./pairwise.js";
import { prepareElection, type Ballot } from "./ballot.js";
import { Rational } from "./rational.js";

describe("borda", () => {
  it("gives n-1 … 0 points on complete strict ballots", () => {
    const result = borda({ candidates: ["a", "b", "c"], ballots: [{ ranking: [["b"], ["a"], ["c"]], count: 2 }] });
    expect(result.scores).toEqual({ a: "2", b: "4", c: "0" });
    expect(result.winners).toEqual(["b"]);
  });

  it("splits points between tied and unranked candidates", () => {
    const result = borda({ candidates: ["a", "b", "c", "d"], ballots: [{ ranking: [["a", "b"]] }] });
    // a and b: 2 below + 1/2 for the tie = 2.5 each; c and d: 0 below + 1/2 = 0.5 each.
    expect(result.scores).toEqual({ a: "2.5", b: "2.5", c: "0.5", d: "0.5" });
    expect(result.ranking).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });

  it("weights ballots exactly", () => {
    const result = borda({
      candidates: ["a", "b"],
      ballots: [
        { ranking: [["a"]], weight: "1/3" },
        { ranking: [["b"]], weight: "0.5" },
      ],
    });
    expect(result.scores).toEqual({ a: "1/3", b: "0.5" });
    expect(result.winners).toEqual(["b"]);
  });

  it("equals (n-1)·W/2 + half the sum of pairwise margins", () => {
    const ballots: Ballot[] = [
      { ranking: [["a"], ["c", "d"]], count: 3 },
      { ranking: [["d"], ["b"], ["a"], ["c"]], weight: "0.25" },
      { ranking: [["b", "c", "d"]], count: 2 },
      { ranking: [] },
    ];
    const candidates = ["a", "b", "c", "d"];
    const matrix = buildPairwise(prepareElection({ candidates, ballots }));
    const total = Rational.of(matrix.total, matrix.denominator);
    const expected = candidates.map((_, a) => {
      let margins = Rational.ZERO;
      for (let b = 0; b < candidates.length; b++) {
        if (a !== b)
          margins = margins.add(Rational.of(matrix.prefer[a]![b]! - matrix.prefer[b]![a]!, matrix.denominator));
      }
      return total
        .mul(Rational.of(candidates.length - 1, 2))
        .add(margins.div(Rational.of(2)))
        .toExactString();
    });
    expect(Object.values(borda({ candidates, ballots }).scores!)).toEqual(expected);
  });
});
