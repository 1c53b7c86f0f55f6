import { describe, expect, it } from "vitest";
import { irv } from "./irv.js";

describe("irv", () => {
  it("elects at once with a strict majority of first preferences", () => {
    const result = irv({
      candidates: ["a", "b", "c"],
      ballots: [
        { ranking: [["a"]], count: 3 },
        { ranking: [["b"], ["c"]], count: 2 },
      ],
    });
    expect(result.rounds).toEqual([
      { tallies: { a: "3", b: "2", c: "0" }, elected: ["a"], eliminated: [], exhausted: "0" },
    ]);
    expect(result.ranking).toEqual([["a"], ["b"], ["c"]]);
  });

  it("needs more than half: exactly half is not a majority", () => {
    const result = irv({
      candidates: ["a", "b", "c"],
      ballots: [{ ranking: [["a"]], count: 2 }, { ranking: [["b"]] }, { ranking: [["c"], ["b"]] }],
    });
    expect(result.rounds[0]!.elected).toEqual([]);
    expect(result.rounds[0]!.eliminated).toEqual(["c"]);
    // Round 2: a 2, b 2 — still no majority; round 1 (a 2, b 1) decides that b goes.
    expect(result.rounds[1]!.tallies).toEqual({ a: "2", b: "2" });
    expect(result.rounds[1]!.eliminated).toEqual(["b"]);
    expect(result.rounds[2]!.elected).toEqual(["a"]);
  });

  it("breaks a tie for last place by the tie-break order when no earlier round separates them", () => {
    const ballots = [
      { ranking: [["a"]], count: 3 },
      { ranking: [["b"], ["a"]], count: 2 },
      { ranking: [["c"], ["b"]], count: 2 },
    ];
    const byDeclared = irv({ candidates: ["a", "b", "c"], ballots });
    expect(byDeclared.rounds[0]!.eliminated).toEqual(["c"]);
    expect(byDeclared.tieBreaks).toEqual([
      { round: 1, purpose: "eliminate", tied: ["b", "c"], chosen: "c", decidedBy: "tie-break-order" },
    ]);
    expect(byDeclared.winners).toEqual(["b"]);

    const byOrder = irv({ candidates: ["a", "b", "c"], ballots, tieBreakOrder: ["c", "b", "a"] });
    expect(byOrder.rounds[0]!.eliminated).toEqual(["b"]);
    expect(byOrder.winners).toEqual(["a"]);
  });

  it("breaks a tie for last place by looking back at earlier rounds first", () => {
    const result = irv({
      candidates: ["a", "b", "c", "d"],
      tieBreakOrder: ["c", "b", "a", "d"],
      ballots: [
        { ranking: [["a"]], count: 4 },
        { ranking: [["b"], ["a"]], count: 3 },
        { ranking: [["c"], ["a"]], count: 2 },
        { ranking: [["d"], ["c"]], count: 1 },
      ],
    });
    expect(result.rounds[1]!.tallies).toEqual({ a: "4", b: "3", c: "3" });
    expect(result.rounds[1]!.eliminated).toEqual(["c"]);
    expect(result.tieBreaks).toEqual([
      { round: 2, purpose: "eliminate", tied: ["b", "c"], chosen: "c", decidedBy: "earlier-rounds" },
    ]);
    expect(result.winners).toEqual(["a"]);
  });

  it("counts weights exactly", () => {
    const result = irv({
      candidates: ["a", "b", "c"],
      ballots: [
        { ranking: [["a"]], weight: "0.5", count: 3 },
        { ranking: [["b"], ["c"]] },
        { ranking: [["c"]], weight: "1.25" },
      ],
    });
    expect(result.rounds.map((round) => round.tallies)).toEqual([
      { a: "1.5", b: "1", c: "1.25" },
      { a: "1.5", c: "2.25" },
    ]);
    expect(result.winners).toEqual(["c"]);
  });

  it("stops a ballot at its first tied group and reports exhausted ballots", () => {
    const result = irv({
      candidates: ["a", "b", "c"],
      ballots: [
        { ranking: [["c"], ["a", "b"]], count: 2 },
        { ranking: [["a"]], count: 2 },
        { ranking: [["b"]], count: 1 },
        { ranking: [["a", "b"]], count: 5 },
      ],
    });
    expect(result.rounds[0]).toEqual({
      tallies: { a: "2", b: "1", c: "2" },
      elected: [],
      eliminated: ["b"],
      exhausted: "5",
    });
    expect(result.rounds[1]!.exhausted).toBe("6");
    expect(result.rounds[1]!.eliminated).toEqual(["c"]);
    expect(result.rounds[2]).toMatchObject({ tallies: { a: "2" }, elected: ["a"], exhausted: "8" });
  });
});
