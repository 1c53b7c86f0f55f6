import { describe, expect, it } from "vitest";
import { stvMeek } from "./stv-meek.js";

describe("stvMeek", () => {
  it("reduces keep factors until surpluses vanish, then excludes (hand count)", () => {
    // 2 seats, 9 ballots: quota 9/3 = 3; a (4) is elected and keeps 3/4 of each of its ballots.
    const result = stvMeek({
      candidates: ["a", "b", "c"],
      seats: 2,
      ballots: [
        { ranking: [["a"], ["b"]], count: 4 },
        { ranking: [["b"]], count: 2 },
        { ranking: [["c"]], count: 3 },
      ],
    });
    expect(result.rounds).toEqual([
      { tallies: { a: "4", b: "2", c: "3" }, elected: ["a"], eliminated: [], exhausted: "0", quota: "3" },
      { tallies: { a: "3", b: "3", c: "3" }, elected: [], eliminated: ["b"], exhausted: "0", quota: "3" },
      { tallies: { a: "3", c: "3" }, elected: ["c"], eliminated: [], exhausted: "3", quota: "2" },
    ]);
    expect(result.tieBreaks).toEqual([
      { round: 2, purpose: "eliminate", tied: ["b", "c"], chosen: "b", decidedBy: "earlier-rounds" },
    ]);
    expect(result.winners).toEqual(["a", "c"]);
  });

  it("passes weight through elected candidates to later preferences", () => {
    // a is elected with 7 of 10 (quota 10/3): the a>b ballots pass 11/21 of their weight on to b,
    // who ends with 11/3 votes, above the quota, while c stays at 3.
    const result = stvMeek({
      candidates: ["a", "b", "c"],
      seats: 2,
      ballots: [
        { ranking: [["a"], ["b"]], count: 7 },
        { ranking: [["c"]], count: 3 },
      ],
    });
    expect(result.winners).toEqual(["a", "b"]);
  });

  it("elects the remaining hopefuls when they just fill the seats", () => {
    const result = stvMeek({ candidates: ["a", "b"], seats: 2, ballots: [{ ranking: [["a"]] }] });
    expect(result.winners).toEqual(["a", "b"]);
  });

  it("is exact with fractional weights", () => {
    const result = stvMeek({
      candidates: ["a", "b", "c"],
      ballots: [
        { ranking: [["a"]], weight: "1/3", count: 3 },
        { ranking: [["b"], ["a"]], weight: "0.5" },
        { ranking: [["c"]], weight: "0.75" },
      ],
    });
    expect(result.rounds[0]!.tallies).toEqual({ a: "1", b: "0.5", c: "0.75" });
    expect(result.rounds[0]!.eliminated).toEqual(["b"]);
    expect(result.rounds[1]!.tallies).toEqual({ a: "1.5", c: "0.75" });
    expect(result.winners).toEqual(["a"]);
  });
});
