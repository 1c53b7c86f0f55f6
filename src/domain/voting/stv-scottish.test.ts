import { describe, expect, it } from "vitest";
import { stvScottish } from "./stv-scottish.js";

describe("stvScottish", () => {
  it("transfers a surplus at transfer values truncated to 5 decimals (hand count)", () => {
    // 12 valid papers, 2 seats: quota = floor(12 / 3) + 1 = 5. a's surplus 2 over 7 papers:
    // transfer value = 2 × 1 / 7 = 0.285714… → 0.28571; 4 papers to b (1.14284), 3 to c (0.85713).
    const result = stvScottish({
      candidates: ["a", "b", "c", "d"],
      seats: 2,
      ballots: [
        { ranking: [["a"], ["b"]], count: 4 },
        { ranking: [["a"], ["c"]], count: 3 },
        { ranking: [["b"]], count: 1 },
        { ranking: [["c"]], count: 2 },
        { ranking: [["d"]], count: 2 },
      ],
    });
    expect(result.quota).toBe("5.00000");
    expect(result.rounds).toEqual([
      {
        tallies: { a: "7.00000", b: "1.00000", c: "2.00000", d: "2.00000" },
        elected: ["a"],
        eliminated: [],
        exhausted: "0.00000",
        surplusTransferred: "a",
      },
      {
        tallies: { a: "5.00000", b: "2.14284", c: "2.85713", d: "2.00000" },
        elected: [],
        eliminated: ["d"],
        exhausted: "0.00003",
      },
      {
        tallies: { a: "5.00000", b: "2.14284", c: "2.85713" },
        elected: ["c"],
        eliminated: ["b"],
        exhausted: "2.00003",
      },
    ]);
    expect(result.winners).toEqual(["a", "c"]);
    expect(result.ranking).toEqual([["a"], ["c"], ["b"], ["d"]]);
  });

  it("transfers the largest surplus first and applies later transfer values to received papers", () => {
    // 3 seats, 16 papers: quota 5. a 7 (surplus 2), b 6 (surplus 1): a's goes first.
    const result = stvScottish({
      candidates: ["a", "b", "c", "d", "e"],
      seats: 3,
      ballots: [
        { ranking: [["a"], ["b"], ["c"]], count: 7 },
        { ranking: [["b"], ["d"]], count: 6 },
        { ranking: [["c"]], count: 1 },
        { ranking: [["d"]], count: 1 },
        { ranking: [["e"]], count: 1 },
      ],
    });
    expect(result.rounds[0]!.elected).toEqual(["a", "b"]);
    expect(result.rounds[0]!.surplusTransferred).toBe("a");
    // a's papers skip b (elected) and go to c at 2/7 → 0.28571 each.
    expect(result.rounds[1]!.tallies).toMatchObject({ a: "5.00000", b: "6.00000", c: "2.99997" });
    expect(result.rounds[1]!.surplusTransferred).toBe("b");
    // b's surplus 1 over 6 papers: 0.16666 each to d.
    expect(result.rounds[2]!.tallies).toMatchObject({ b: "5.00000", d: "1.99996" });
  });

  it("excludes the lowest, breaking ties by the most recent earlier stage with unequal votes", () => {
    // Stage 1: a 6 (quota 5, 2 seats, 14 papers), b 3, c 2, d 3 — a's surplus 1 goes to c (6 papers × 1/6).
    const result = stvScottish({
      candidates: ["a", "b", "c", "d"],
      seats: 2,
      tieBreakOrder: ["c", "d", "b", "a"],
      ballots: [
        { ranking: [["a"], ["c"]], count: 6 },
        { ranking: [["b"]], count: 3 },
        { ranking: [["c"]], count: 2 },
        { ranking: [["d"]], count: 3 },
      ],
    });
    expect(result.rounds[1]!.tallies).toMatchObject({ b: "3.00000", c: "2.99996", d: "3.00000" });
    expect(result.rounds[1]!.eliminated).toEqual(["c"]);
    // Then b and d tie at 3 at every stage: the tie-break order keeps d (favoured) and excludes b.
    expect(result.rounds[2]!.eliminated).toEqual(["b"]);
    expect(result.tieBreaks).toContainEqual({
      round: 3,
      purpose: "eliminate",
      tied: ["b", "d"],
      chosen: "b",
      decidedBy: "tie-break-order",
    });
    expect(result.winners).toEqual(["a", "d"]);
  });

  it("treats papers as valid only up to their first equal ranking", () => {
    const result = stvScottish({
      candidates: ["a", "b", "c"],
      ballots: [
        { ranking: [["a", "b"]], count: 5 },
        { ranking: [["a"], ["b", "c"]], count: 2 },
        { ranking: [["b"]], count: 1 },
      ],
    });
    expect(result.totalWeight).toBe("3.00000");
    expect(result.quota).toBe("2.00000");
    expect(result.winners).toEqual(["a"]);
  });

  it("uses quota = floor(total / (seats + 1)) + 1 for whole weights", () => {
    const result = stvScottish({
      candidates: ["a", "b"],
      ballots: [{ ranking: [["a"]], weight: "2", count: 3 }, { ranking: [["b"]] }],
    });
    expect(result.quota).toBe("4.00000");
  });

  it("uses quota = truncate5(total / (seats + 1)) + 0.00001 for fractional weights", () => {
    const result = stvScottish({
      candidates: ["a", "b"],
      ballots: [
        { ranking: [["a"]], weight: "0.5", count: 3 },
        { ranking: [["b"]], weight: "1" },
      ],
    });
    expect(result.totalWeight).toBe("2.50000");
    expect(result.quota).toBe("1.25001");
    expect(result.winners).toEqual(["a"]);
  });

  it("refuses weights finer than 5 decimals", () => {
    expect(() => stvScottish({ candidates: ["a"], ballots: [{ ranking: [["a"]], weight: "1/3" }] })).toThrow(
      /5 decimals/,
    );
  });

  it("elects every candidate when there are no more candidates than seats", () => {
    const result = stvScottish({ candidates: ["a", "b"], seats: 3, ballots: [{ ranking: [["b"]] }] });
    expect(result.winners).toEqual(["b", "a"]);
  });
});
