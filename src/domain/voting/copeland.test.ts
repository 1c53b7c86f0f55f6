import { describe, expect, it } from "vitest";
import { copeland } from "./copeland.js";

describe("copeland", () => {
  it("scores 1 per pairwise win and 1/2 per pairwise tie", () => {
    const result = copeland({
      candidates: ["a", "b", "c"],
      ballots: [{ ranking: [["a"], ["b"], ["c"]] }, { ranking: [["b"], ["a"], ["c"]] }],
    });
    expect(result.scores).toEqual({ a: "1.5", b: "1.5", c: "0" });
    expect(result.ranking).toEqual([["a", "b"], ["c"]]);
    expect(result.winners).toEqual([]);
    expect(result.rounds).toEqual([{ tallies: { a: "1.5", b: "1.5", c: "0" }, elected: [], eliminated: [] }]);
  });

  it("elects the candidate with most pairwise wins", () => {
    const result = copeland({
      candidates: ["a", "b", "c", "d"],
      ballots: [
        { ranking: [["d"], ["a"], ["b"], ["c"]], count: 2 },
        { ranking: [["a"], ["b"], ["c"], ["d"]], count: 3 },
      ],
    });
    expect(result.scores).toEqual({ a: "3", b: "2", c: "1", d: "0" });
    expect(result.winners).toEqual(["a"]);
  });
});
