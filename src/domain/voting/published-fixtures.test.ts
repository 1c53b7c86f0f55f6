import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { countRanked } from "./index.js";
import { byName, loadSharedPrefLib, sharedFixturePath } from "./test-fixtures.js";

describe("published test vectors in ../shared/fixtures/ballots", () => {
  it("finds the shared fixtures beside the repository", () => {
    expect(existsSync(sharedFixturePath("README.md"))).toBe(true);
  });

  describe("Wikipedia Schulze example (45 voters)", () => {
    const input = byName(loadSharedPrefLib("wikipedia-schulze-45.soc"));

    it("Schulze ranks E > A > C > B > D", () => {
      const result = countRanked("schulze", input);
      expect(result.ranking).toEqual([["E"], ["A"], ["C"], ["B"], ["D"]]);
      expect(result.winners).toEqual(["E"]);
    });

    it("has the published pairwise preferences and strongest paths", () => {
      const result = countRanked("schulze", input);
      expect(result.pairwise).toEqual({
        A: { B: "20", C: "26", D: "30", E: "22" },
        B: { A: "25", C: "16", D: "33", E: "18" },
        C: { A: "19", B: "29", D: "17", E: "24" },
        D: { A: "15", B: "12", C: "28", E: "14" },
        E: { A: "23", B: "27", C: "21", D: "31" },
      });
      expect(result.strongestPaths).toEqual({
        A: { B: "28", C: "28", D: "30", E: "24" },
        B: { A: "25", C: "28", D: "33", E: "24" },
        C: { A: "25", B: "29", D: "29", E: "24" },
        D: { A: "25", B: "28", C: "28", E: "24" },
        E: { A: "25", B: "28", C: "28", D: "31" },
      });
    });

    it("Ranked Pairs puts A first (A > C > E > B > D)", () => {
      const result = countRanked("ranked-pairs", input);
      expect(result.winners).toEqual(["A"]);
      expect(result.ranking).toEqual([["A"], ["C"], ["E"], ["B"], ["D"]]);
      const skipped = result.pairs!.filter((pair) => !pair.locked).map((pair) => `${pair.winner}>${pair.loser}`);
      expect(skipped).toEqual(["D>C", "B>A", "E>A"]);
    });
  });

  describe("Tennessee capital (100 voters)", () => {
    const input = byName(loadSharedPrefLib("wikipedia-tennessee.soc"));
    const condorcetOrder = [["Nashville"], ["Chattanooga"], ["Knoxville"], ["Memphis"]];

    it("plurality (first preferences) leads with Memphis", () => {
      const firstRound = countRanked("irv", input).rounds[0]!;
      expect(firstRound.tallies).toEqual({ Memphis: "42", Nashville: "26", Chattanooga: "15", Knoxville: "17" });
    });

    it("IRV elects Knoxville", () => {
      const result = countRanked("irv", input);
      expect(result.winners).toEqual(["Knoxville"]);
      expect(result.rounds.map((round) => round.eliminated)).toEqual([["Chattanooga"], ["Nashville"], []]);
      expect(result.rounds[2]!.tallies).toEqual({ Memphis: "42", Knoxville: "58" });
    });

    it("Nashville is the Condorcet winner", () => {
      const pairwise = countRanked("schulze", input).pairwise!;
      for (const other of ["Memphis", "Chattanooga", "Knoxville"]) {
        expect(Number(pairwise.Nashville![other])).toBeGreaterThan(Number(pairwise[other]!.Nashville));
      }
      expect(pairwise.Nashville).toEqual({ Memphis: "58", Chattanooga: "68", Knoxville: "68" });
    });

    it.each(["schulze", "ranked-pairs", "copeland"] as const)("%s ranks N > C > K > M", (method) => {
      const result = countRanked(method, input);
      expect(result.ranking).toEqual(condorcetOrder);
      expect(result.winners).toEqual(["Nashville"]);
    });

    it("Borda elects Nashville", () => {
      const result = countRanked("borda", input);
      expect(result.winners).toEqual(["Nashville"]);
      expect(result.scores).toEqual({ Memphis: "126", Nashville: "194", Chattanooga: "173", Knoxville: "107" });
    });
  });

  describe("Wikipedia STV food example (20 voters, 3 seats)", () => {
    const input = byName(loadSharedPrefLib("wikipedia-stv-food.soi"));

    it("reads 3 seats from the file", () => {
      expect(input.seats).toBe(3);
    });

    it("Scottish STV: Droop quota 6, elects Chocolate, Oranges, Strawberries", () => {
      const result = countRanked("stv-scottish", input);
      expect(result.quota).toBe("6.00000");
      expect(result.winners).toEqual(["Chocolate", "Oranges", "Strawberries"]);
      expect(result.rounds[0]!.tallies).toEqual({
        Oranges: "4.00000",
        Chocolate: "12.00000",
        Pears: "2.00000",
        Strawberries: "1.00000",
        Sweets: "1.00000",
      });
      expect(result.rounds[1]!.tallies).toEqual({
        Oranges: "4.00000",
        Chocolate: "6.00000",
        Pears: "2.00000",
        Strawberries: "5.00000",
        Sweets: "3.00000",
      });
    });

    it("Meek STV elects the same three", () => {
      const result = countRanked("stv-meek", input);
      expect([...result.winners].sort()).toEqual(["Chocolate", "Oranges", "Strawberries"]);
    });

    it("IRV single winner is Chocolate", () => {
      const result = countRanked("irv", { ...input, seats: 1 });
      expect(result.winners).toEqual(["Chocolate"]);
      expect(result.rounds).toHaveLength(1);
    });
  });
});
