import { describe, expect, it } from "vitest";
import { schulze } from "./schulze.js";

describe("schulze", () => {
  it("reports a two-way pairwise tie as one group and elects nobody", () => {
    const result = schulze({
      candidates: ["a", "b"],
      ballots: [{ ranking: [["a"], ["b"]] }, { ranking: [["b"], ["a"]] }],
    });
    expect(result.ranking).toEqual([["a", "b"]]);
    expect(result.winners).toEqual([]);
  });

  it("reports a perfectly symmetric cycle as a three-way tie", () => {
    const result = schulze({
      candidates: ["a", "b", "c"],
      ballots: [
        { ranking: [["a"], ["b"], ["c"]] },
        { ranking: [["b"], ["c"], ["a"]] },
        { ranking: [["c"], ["a"], ["b"]] },
      ],
    });
    expect(result.ranking).toEqual([["a", "b", "c"]]);
    expect(result.strongestPaths).toEqual({ a: { b: "2", c: "2" }, b: { a: "2", c: "2" }, c: { a: "2", b: "2" } });
  });

  it("breaks a cycle by its weakest link (winning votes)", () => {
    // a>b 6:3, b>c 7:2, c>a 5:4 — the weakest defeat c>a is overruled.
    const result = schulze({
      candidates: ["a", "b", "c"],
      ballots: [
        { ranking: [["a"], ["b"], ["c"]], count: 4 },
        { ranking: [["b"], ["c"], ["a"]], count: 3 },
        { ranking: [["c"], ["a"], ["b"]], count: 2 },
      ],
    });
    expect(result.pairwise).toEqual({ a: { b: "6", c: "4" }, b: { a: "3", c: "7" }, c: { a: "5", b: "2" } });
    expect(result.ranking).toEqual([["a"], ["b"], ["c"]]);
  });

  it("counts weighted ballots exactly", () => {
    const result = schulze({
      candidates: ["a", "b"],
      ballots: [
        { ranking: [["a"], ["b"]], weight: "0.5", count: 3 },
        { ranking: [["b"], ["a"]], weight: "1.25" },
      ],
    });
    expect(result.pairwise).toEqual({ a: { b: "1.5" }, b: { a: "1.25" } });
    expect(result.totalWeight).toBe("2.75");
    expect(result.winners).toEqual(["a"]);
  });

  it("treats unranked candidates as tied below the ranked ones", () => {
    const result = schulze({ candidates: ["a", "b", "c"], ballots: [{ ranking: [["c"]] }] });
    expect(result.pairwise!.c).toEqual({ a: "1", b: "1" });
    expect(result.pairwise!.a).toEqual({ b: "0", c: "0" });
    expect(result.ranking).toEqual([["c"], ["a", "b"]]);
  });

  it("fills several seats from the top of the ranking, leaving out a straddling tie", () => {
    const ballots = [{ ranking: [["a"], ["b", "c"]] }];
    expect(schulze({ candidates: ["a", "b", "c"], ballots, seats: 2 }).winners).toEqual(["a"]);
    expect(schulze({ candidates: ["a", "b", "c"], ballots, seats: 3 }).winners).toEqual(["a", "b", "c"]);
  });
});
