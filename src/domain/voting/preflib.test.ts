import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeRanking, prepareElection, type Ballot } from "./ballot.js";
import { ParseError } from "./election-file.js";
import { parsePrefLib, toPrefLib } from "./preflib.js";
import { localFixturePath, sharedFixturePath } from "./test-fixtures.js";

function parseError(text: string): ParseError {
  try {
    parsePrefLib(text);
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error("expected a ParseError");
}

describe("parsePrefLib", () => {
  it("reads names, counts, seats and metadata of the shared STV example", () => {
    const file = parsePrefLib(readFileSync(sharedFixturePath("wikipedia-stv-food.soi"), "utf8"));
    expect(file.candidates).toEqual([
      { id: "1", name: "Oranges" },
      { id: "2", name: "Chocolate" },
      { id: "3", name: "Pears" },
      { id: "4", name: "Strawberries" },
      { id: "5", name: "Sweets" },
    ]);
    expect(file.seats).toBe(3);
    expect(file.title).toMatch(/food example/);
    expect(file.ballots[1]).toEqual({ ranking: [["3"], ["1"]], count: 2 });
    expect(file.metadata).toContainEqual(["DATA TYPE", "soi"]);
  });

  it("reads ties in braces", () => {
    const file = parsePrefLib(readFileSync(localFixturePath("thirds.toi"), "utf8"));
    expect(file.ballots).toEqual([
      { ranking: [["1"], ["2", "3"]], count: 3 },
      { ranking: [["2"], ["3"], ["1"]], count: 2 },
      { ranking: [["3", "2"]], count: 2 },
    ]);
  });

  it("names the line of an unknown alternative", () => {
    const error = parseError(readFileSync(localFixturePath("unknown-alternative.soi"), "utf8"));
    expect(error.line).toBe(8);
    expect(error.message).toBe("line 8: unknown alternative 7");
  });

  it("names the line of syntax errors", () => {
    const header = "# NUMBER ALTERNATIVES: 3\n";
    expect(parseError(`${header}1: 1,2\n1 1,2\n`).line).toBe(3);
    expect(parseError(`${header}1: 1,,2\n`).reason).toMatch(/expected an alternative number/);
    expect(parseError(`${header}1: 1,{2,3\n`).reason).toMatch(/tie group/);
    expect(parseError(`${header}1: 1,2,\n`).reason).toBe("trailing comma");
    expect(parseError(`${header}1: 1 2\n`).reason).toMatch(/expected ","/);
    expect(parseError(`${header}\n\n1: 1,1\n`)).toMatchObject({ line: 4, reason: "alternative 1 appears twice" });
  });

  it("enforces the data type: strict orders have no ties, complete orders rank everyone", () => {
    const body = "# NUMBER ALTERNATIVES: 3\n1: 1,{2,3}\n1: 2\n";
    expect(parseError(`# DATA TYPE: soi\n${body}`)).toMatchObject({
      line: 3,
      reason: "ties are not allowed in a .soi file",
    });
    expect(parseError(`# DATA TYPE: toc\n${body}`)).toMatchObject({ line: 4 });
    expect(parsePrefLib(`# DATA TYPE: toi\n${body}`).ballots).toHaveLength(2);
    expect(() => parsePrefLib(body, { dataType: "soc" })).toThrow(ParseError);
  });

  it("checks NUMBER VOTERS against the data", () => {
    expect(parseError("# NUMBER ALTERNATIVES: 2\n# NUMBER VOTERS: 4\n3: 1,2\n")).toMatchObject({
      line: 2,
      reason: "NUMBER VOTERS is 4 but the data lines count 3 voters",
    });
  });

  it("numbers alternatives from the data when nothing declares them", () => {
    expect(parsePrefLib("2: 2,1\n").candidates).toEqual([
      { id: "1", name: "1" },
      { id: "2", name: "2" },
    ]);
  });
});

describe("toPrefLib", () => {
  const candidates = [
    { id: "x", name: "Xavier" },
    { id: "y", name: "Yvonne" },
    { id: "z", name: "Zoë" },
  ];

  it("writes a .soi file, merging identical rankings, largest count first", () => {
    const text = toPrefLib(
      candidates,
      [
        { ranking: [["y"], ["x"]] },
        { ranking: [["z"]], count: 3 },
        { ranking: [["y"], ["x"]], weight: "2" },
        { ranking: [] },
      ],
      { title: "Board 2025", seats: 1 },
    );
    expect(text).toBe(
      [
        "# TITLE: Board 2025",
        "# DATA TYPE: soi",
        "# SEATS: 1",
        "# NUMBER ALTERNATIVES: 3",
        "# NUMBER VOTERS: 6",
        "# NUMBER UNIQUE ORDERS: 2",
        "# ALTERNATIVE NAME 1: Xavier",
        "# ALTERNATIVE NAME 2: Yvonne",
        "# ALTERNATIVE NAME 3: Zoë",
        "3: 2,1",
        "3: 3",
        "",
      ].join("\n"),
    );
  });

  it("writes ties as a .toi file", () => {
    const text = toPrefLib(["a", "b", "c"], [{ ranking: [["c", "a"], ["b"]] }]);
    expect(text).toContain("# DATA TYPE: toi\n");
    expect(text.endsWith("1: {1,3},2\n")).toBe(true);
  });

  it("refuses weights that do not make whole counts", () => {
    expect(() => toPrefLib(["a"], [{ ranking: [["a"]], weight: "0.5" }])).toThrow(/PrefLib counts are integers/);
    expect(toPrefLib(["a"], [{ ranking: [["a"]], weight: "0.5", count: 4 }])).toContain("\n2: 1\n");
  });

  it("round-trips: parsing the written text gives the same aggregated ballots (property)", () => {
    const ids = ["a", "b", "c", "d", "e"];
    const ballot = fc.record({
      ranking: fc.shuffledSubarray(ids).chain((chosen) =>
        fc
          .array(fc.integer({ min: 1, max: 3 }), { minLength: chosen.length, maxLength: chosen.length })
          .map((sizes) => {
            const groups: string[][] = [];
            let position = 0;
            for (const size of sizes) {
              if (position >= chosen.length) break;
              groups.push(chosen.slice(position, position + size));
              position += size;
            }
            return groups;
          }),
      ),
      count: fc.integer({ min: 1, max: 4 }),
    });
    fc.assert(
      fc.property(fc.array(ballot, { maxLength: 12 }), (ballots: Ballot[]) => {
        const text = toPrefLib(ids, ballots);
        const parsed = parsePrefLib(text);
        const idOf = new Map(parsed.candidates.map((candidate, index) => [candidate.id, ids[index]!]));
        const back = parsed.ballots.map((parsedBallot) => ({
          ...parsedBallot,
          ranking: parsedBallot.ranking.map((group) => group.map((id) => idOf.get(id)!)),
        }));
        const canonical = (list: Ballot[]) =>
          prepareElection({ candidates: ids, ballots: list }).groups.map((group) => [
            decodeRanking(group.code),
            group.weight.toString(),
            group.count,
          ]);
        expect(canonical(back)).toEqual(canonical(ballots.filter((entry) => entry.ranking.length > 0)));
        expect(toPrefLib(ids, back)).toBe(text);
      }),
    );
  });
});
