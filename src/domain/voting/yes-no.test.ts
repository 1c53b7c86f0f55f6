import { describe, expect, it } from "vitest";
import { countYesNo, type YesNoBallot } from "./yes-no.js";

const votes = (yes: number, no: number, abstain = 0): YesNoBallot[] => [
  { choice: "yes", count: yes },
  { choice: "no", count: no },
  { choice: "abstain", count: abstain },
];

describe("countYesNo", () => {
  describe("simple majority: strictly more than half", () => {
    it("adopts with more yes than no", () => {
      expect(countYesNo({ ballots: votes(6, 5), threshold: "simple" }).outcome).toBe("adopted");
    });

    it("rejects a tie, and says it is one", () => {
      const result = countYesNo({ ballots: votes(5, 5, 3), threshold: "simple" });
      expect(result).toMatchObject({ outcome: "rejected", tie: true, base: "10", required: "5", rule: "more-than" });
    });

    it("ignores abstentions by default, counts them as part of the base on request", () => {
      expect(countYesNo({ ballots: votes(6, 5, 4), threshold: "simple" }).outcome).toBe("adopted");
      const counted = countYesNo({ ballots: votes(6, 5, 4), threshold: "simple", abstentions: "counted" });
      expect(counted).toMatchObject({ outcome: "rejected", base: "15", required: "7.5" });
    });
  });

  describe("two-thirds and three-quarters: at least the fraction", () => {
    it("adopts at exactly two thirds", () => {
      expect(countYesNo({ ballots: votes(20, 10), threshold: "two-thirds" })).toMatchObject({
        outcome: "adopted",
        required: "20",
        rule: "at-least",
      });
    });

    it("rejects just below two thirds", () => {
      expect(countYesNo({ ballots: votes(19, 10), threshold: "two-thirds" }).outcome).toBe("rejected");
    });

    it("compares exactly when two thirds of the base is not a whole number", () => {
      expect(countYesNo({ ballots: votes(7, 4), threshold: "two-thirds" })).toMatchObject({
        outcome: "rejected",
        required: "22/3",
      });
      expect(countYesNo({ ballots: votes(8, 4), threshold: "two-thirds" }).outcome).toBe("adopted");
    });

    it("adopts at exactly three quarters, rejects below", () => {
      expect(countYesNo({ ballots: votes(15, 5), threshold: "three-quarters" }).outcome).toBe("adopted");
      expect(countYesNo({ ballots: votes(14, 5), threshold: "three-quarters" }).outcome).toBe("rejected");
    });

    it("never adopts without a single yes", () => {
      expect(countYesNo({ ballots: votes(0, 0, 3), threshold: "two-thirds" }).outcome).toBe("rejected");
    });
  });

  describe("base: members present", () => {
    it("counts present members who did not vote against the motion", () => {
      const result = countYesNo({
        ballots: votes(6, 3, 1),
        threshold: "simple",
        base: "present",
        present: { voters: 13 },
      });
      expect(result).toMatchObject({ outcome: "rejected", base: "13", required: "6.5" });
      expect(
        countYesNo({ ballots: votes(7, 3), threshold: "simple", base: "present", present: { voters: 13 } }).outcome,
      ).toBe("adopted");
    });

    it("needs `present`, consistent with the ballots", () => {
      expect(() => countYesNo({ ballots: votes(1, 0), threshold: "simple", base: "present" })).toThrow(
        /needs `present`/,
      );
      expect(() => countYesNo({ ballots: votes(5, 0), threshold: "simple", present: { voters: 4 } })).toThrow(
        /fewer members present/,
      );
    });
  });

  describe("quorum", () => {
    it("as a count: met at exactly the count, not met below", () => {
      const met = countYesNo({ ballots: votes(3, 1, 1), threshold: "simple", quorum: { count: 5 } });
      expect(met).toMatchObject({ outcome: "adopted", quorum: { required: "5", participation: "5", met: true } });
      const short = countYesNo({ ballots: votes(3, 1), threshold: "simple", quorum: { count: 5 } });
      expect(short).toMatchObject({ outcome: "no-quorum", quorum: { met: false } });
    });

    it("as a fraction of the electorate, abstentions and silent present members included", () => {
      const rules = { threshold: "simple" as const, quorum: { fraction: "1/4", electorate: 40 } };
      expect(countYesNo({ ballots: votes(5, 3, 1), ...rules }).outcome).toBe("no-quorum");
      expect(countYesNo({ ballots: votes(5, 3, 2), ...rules }).outcome).toBe("adopted");
      expect(countYesNo({ ballots: votes(5, 3), ...rules, present: { voters: 10 } }).outcome).toBe("adopted");
    });

    it("counts members by default, weight on request", () => {
      const ballots: YesNoBallot[] = [
        { choice: "yes", weight: "2", count: 2 },
        { choice: "no", weight: "0.5" },
      ];
      expect(countYesNo({ ballots, threshold: "simple", quorum: { count: 4 } }).quorum).toEqual({
        required: "4",
        participation: "3",
        met: false,
      });
      expect(
        countYesNo({ ballots, threshold: "simple", quorum: { count: 4 }, quorumMeasure: "weight" }).quorum,
      ).toEqual({
        required: "4",
        participation: "4.5",
        met: true,
      });
    });
  });

  it("weights ballots exactly and breaks totals down per group", () => {
    const result = countYesNo({
      threshold: "two-thirds",
      ballots: [
        { choice: "yes", weight: "0.5", count: 4, group: "users" },
        { choice: "no", weight: "1.25", count: 1, group: "workers" },
        { choice: "yes", weight: "1.25", count: 2, group: "workers" },
        { choice: "abstain", weight: "0.5", group: "users" },
      ],
    });
    expect(result.totals).toEqual({ yes: "4.5", no: "1.25", abstain: "0.5", voters: "8" });
    expect(result.outcome).toBe("adopted");
    expect(result.byGroup).toEqual({
      users: { yes: "2", no: "0", abstain: "0.5", voters: "5" },
      workers: { yes: "2.5", no: "1.25", abstain: "0", voters: "3" },
    });
  });
});
