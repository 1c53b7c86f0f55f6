import { describe, expect, it } from "vitest";
import { breakTie, orderHighestFirst } from "./tie-break.js";

describe("breakTie", () => {
  const order = [0, 1, 2, 3];

  it("looks at the most recent earlier round first, narrowing to the lowest, then further back", () => {
    const history = [
      [5n, 1n, 9n, 0n],
      [5n, 6n, 5n, 0n],
    ];
    // Most recent round: 0 and 2 have 5, 1 has 6 -> keep 0 and 2; the round before: 0 has 5, 2 has 9 -> 0.
    expect(breakTie([0, 1, 2], "lowest", history, order)).toEqual({ chosen: 0, decidedBy: "earlier-rounds" });
    expect(breakTie([0, 1, 2], "highest", history, order)).toEqual({ chosen: 1, decidedBy: "earlier-rounds" });
  });

  it("skips rounds where a tied candidate had no value", () => {
    const history = [
      [1n, 2n, 3n, 4n],
      [undefined, 7n, 7n, 4n],
    ];
    expect(breakTie([0, 1], "lowest", history, order)).toEqual({ chosen: 0, decidedBy: "earlier-rounds" });
  });

  it("falls back to the tie-break order: the least favoured goes, the most favoured comes first", () => {
    const favourThreeFirst = [3, 2, 1, 0];
    expect(breakTie([0, 1], "lowest", [[4n, 4n]], favourThreeFirst)).toEqual({
      chosen: 0,
      decidedBy: "tie-break-order",
    });
    expect(breakTie([0, 1], "highest", [], favourThreeFirst)).toEqual({ chosen: 1, decidedBy: "tie-break-order" });
  });
});

describe("orderHighestFirst", () => {
  it("orders by value, breaking equal values and reporting each tie", () => {
    const ties: number[][] = [];
    const ordered = orderHighestFirst([0, 1, 2], [3n, 7n, 3n], [[1n, 0n, 2n]], [0, 1, 2], (tied) => ties.push(tied));
    expect(ordered).toEqual([1, 2, 0]);
    expect(ties).toEqual([[0, 2]]);
  });
});
