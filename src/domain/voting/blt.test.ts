import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseBlt } from "./blt.js";
import { ParseError } from "./election-file.js";
import { localFixturePath } from "./test-fixtures.js";

const read = (name: string) => readFileSync(localFixturePath(name), "utf8");

function parseError(text: string): ParseError {
  try {
    parseBlt(text);
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error("expected a ParseError");
}

describe("parseBlt", () => {
  it("reads the Algorithm 123 example: seats, withdrawn candidate, ballots, names, title", () => {
    const file = parseBlt(read("hill-example.blt"));
    expect(file.seats).toBe(2);
    expect(file.withdrawn).toEqual(["2"]);
    expect(file.candidates.map((candidate) => candidate.name)).toEqual(["Adam", "Basil", "Charlotte", "Donald"]);
    expect(file.title).toMatch(/Algorithm 123/);
    expect(file.ballots[0]).toEqual({ ranking: [["1"], ["3"], ["4"]], count: 3 });
    expect(file.ballots).toHaveLength(6);
  });

  it("reads OpenSTV extensions: comments, ballot ids, '=' ties, '-' skips, decimal weights, extra quoted lines", () => {
    const file = parseBlt(read("ties-and-weights.blt"));
    expect(file.ballots).toEqual([
      { ranking: [["1", "2"], ["3"]], count: 2 },
      { ranking: [["3"], ["1"]], weight: "1.5" },
      { ranking: [["2"]], count: 1 },
    ]);
    expect(file.title).toBe("Ties and weights");
    expect(file.metadata).toEqual([["SOURCE", "hand made for LetsCoop tests"]]);
  });

  it("names the line of errors", () => {
    expect(parseError(read("missing-terminator.blt"))).toMatchObject({ line: 3, reason: "a ballot must end with 0" });
    expect(parseError("2 1\n1 3 0\n0\n")).toMatchObject({ line: 2, reason: "unknown candidate 3" });
    expect(parseError("2 1\n1 1 1 0\n0\n")).toMatchObject({ line: 2, reason: "candidate 1 appears twice" });
    expect(parseError("2 1\n1 1 0 2 0\n0\n")).toMatchObject({ line: 2, reason: "0 ends a ballot and must come last" });
    expect(parseError("two one\n")).toMatchObject({ line: 1 });
    expect(parseError("2 1\n1 1 0\n")).toMatchObject({ reason: 'missing the line "0" that ends the ballots' });
    expect(parseError('2 1\n1 1 0\n0\n"Only one"\n')).toMatchObject({
      line: 4,
      reason: "expected 2 candidate names, found 1",
    });
    expect(parseError("2 1\n1 1 0\n0\nOne\n")).toMatchObject({ line: 4 });
    expect(parseError("2 1\n-3\n0\n")).toMatchObject({ line: 2, reason: "unknown candidate 3" });
  });
});
