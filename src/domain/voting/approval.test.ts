import { describe, expect, it } from "vitest";
import { approval } from "./approval.js";

describe("approval", () => {
  it("adds each ballot's weight to every approved candidate", () => {
    const result = approval({
      candidates: ["a", "b", "c"],
      ballots: [{ approved: ["a", "b"], count: 2 }, { approved: ["b"], weight: "0.5" }, { approved: [] }],
    });
    expect(result.tallies).toEqual({ a: "2", b: "2.5", c: "0" });
    expect(result.winners).toEqual(["b"]);
    expect(result.ranking).toEqual([["b"], ["a"], ["c"]]);
    expect(result.totalWeight).toBe("3.5");
  });

  it("reports ties as groups and leaves out a tie straddling the last seat", () => {
    const ballots = [{ approved: ["a", "b"] }, { approved: ["c"] }, { approved: ["a", "b", "c"] }];
    expect(approval({ candidates: ["a", "b", "c"], ballots }).ranking).toEqual([["a", "b", "c"]]);
    expect(approval({ candidates: ["a", "b", "c"], ballots }).winners).toEqual([]);
    const two = approval({
      candidates: ["a", "b", "c"],
      ballots: [{ approved: ["a", "b"] }, { approved: ["a"] }],
      seats: 2,
    });
    expect(two.winners).toEqual(["a", "b"]);
  });

  it("gives per-group tallies next to the combined, weighted result", () => {
    const result = approval({
      candidates: ["a", "b"],
      ballots: [
        { approved: ["a"], group: "workers", weight: "1.25", count: 2 },
        { approved: ["b"], group: "users", weight: "0.5", count: 3 },
        { approved: ["a", "b"] },
      ],
    });
    expect(result.tallies).toEqual({ a: "3.5", b: "2.5" });
    expect(result.byGroup).toEqual({ users: { a: "0", b: "1.5" }, workers: { a: "2.5", b: "0" } });
  });

  it("rejects unknown and repeated candidates", () => {
    expect(() => approval({ candidates: ["a"], ballots: [{ approved: ["z"] }] })).toThrow(/unknown candidate "z"/);
    expect(() => approval({ candidates: ["a"], ballots: [{ approved: ["a", "a"] }] })).toThrow(/approved twice/);
  });
});
