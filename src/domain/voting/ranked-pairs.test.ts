import { describe, expect, it } from "vitest";
import { rankedPairs } from "./ranked-pairs.js";

const cycle = [
  { ranking: [["a"], ["b"], ["c"]] },
  { ranking: [["b"], ["c"], ["a"]] },
  { ranking: [["c"], ["a"], ["b"]] },
];

describe("rankedPairs", () => {
  it("locks majorities from strongest to weakest, skipping the one closing a cycle", () => {
    const result = rankedPairs({
      candidates: ["a", "b", "c"],
      ballots: [
        { ranking: [["a"], ["b"], ["c"]], count: 4 },
        { ranking: [["b"], ["c"], ["a"]], count: 3 },
        { ranking: [["c"], ["a"], ["b"]], count: 2 },
      ],
    });
    expect(result.pairs).toEqual([
      { winner: "b", loser: "c", votesFor: "7", votesAgainst: "2", locked: true },
      { winner: "a", loser: "b", votesFor: "6", votesAgainst: "3", locked: true },
      { winner: "c", loser: "a", votesFor: "5", votesAgainst: "4", locked: false },
    ]);
    expect(result.ranking).toEqual([["a"], ["b"], ["c"]]);
  });

  it("orders equally strong majorities by the tie-break order (default: declared order)", () => {
    const byDeclared = rankedPairs({ candidates: ["a", "b", "c"], ballots: cycle });
    expect(byDeclared.pairs!.map((pair) => `${pair.winner}>${pair.loser}:${pair.locked}`)).toEqual([
      "a>b:true",
      "b>c:true",
      "c>a:false",
    ]);
    expect(byDeclared.ranking).toEqual([["a"], ["b"], ["c"]]);

    const byOrder = rankedPairs({ candidates: ["a", "b", "c"], ballots: cycle, tieBreakOrder: ["c", "b", "a"] });
    expect(byOrder.pairs!.map((pair) => `${pair.winner}>${pair.loser}:${pair.locked}`)).toEqual([
      "c>a:true",
      "b>c:true",
      "a>b:false",
    ]);
    expect(byOrder.ranking).toEqual([["b"], ["c"], ["a"]]);
  });

  it("with equal votes for, prefers the majority with fewer votes against", () => {
    // c>a 3:0, a>b 3:1 and c>b 3:1 all have 3 votes for; c>a has fewest against, then a>b by tie-break order.
    const result = rankedPairs({
      candidates: ["a", "b", "c"],
      ballots: [{ ranking: [["c"], ["a"], ["b"]], count: 3 }, { ranking: [["b"], ["a", "c"]] }],
    });
    expect(result.pairs!.map((pair) => `${pair.winner}>${pair.loser}`)).toEqual(["c>a", "a>b", "c>b"]);
  });

  it("with the same winner and strength, considers the least favoured loser first", () => {
    const result = rankedPairs({ candidates: ["a", "b", "c"], ballots: [{ ranking: [["a"], ["b", "c"]] }] });
    expect(result.pairs!.map((pair) => `${pair.winner}>${pair.loser}`)).toEqual(["a>c", "a>b"]);
  });

  it("leaves pairwise ties unlocked and reports them as tied groups", () => {
    const result = rankedPairs({ candidates: ["a", "b", "c"], ballots: [{ ranking: [["a", "b"], ["c"]] }] });
    expect(result.ranking).toEqual([["a", "b"], ["c"]]);
    expect(result.winners).toEqual([]);
  });
});
