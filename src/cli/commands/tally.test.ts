import path from "node:path";
import { describe, expect, it } from "vitest";
import { localFixturePath as local, repoRoot, sharedFixturePath as shared } from "../../domain/voting/test-fixtures.js";
import { UsageError } from "../command.js";
import { displayNumber, tally } from "./tally.js";

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await tally.run(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("tally command", () => {
  it("declares its name and usage", () => {
    expect(tally.name).toBe("tally");
    expect(tally.usage).toContain("--method");
  });

  it("counts with Schulze by default and prints names", async () => {
    const { code, out, err } = await run(shared("wikipedia-schulze-45.soc"));
    expect([code, err]).toEqual([0, ""]);
    const result = JSON.parse(out);
    expect(Object.keys(result)).toEqual(["method", "winners", "ranking", "rounds"]);
    expect(result).toEqual({
      method: "schulze",
      winners: ["E"],
      ranking: [["E"], ["A"], ["C"], ["B"], ["D"]],
      rounds: [],
    });
  });

  it("prints IRV rounds with tallies as JSON numbers", async () => {
    const { out } = await run("--method", "irv", shared("wikipedia-tennessee.soc"));
    expect(JSON.parse(out).rounds).toEqual([
      {
        tallies: { Memphis: 42, Nashville: 26, Chattanooga: 15, Knoxville: 17 },
        elected: [],
        eliminated: ["Chattanooga"],
      },
      { tallies: { Memphis: 42, Nashville: 26, Knoxville: 32 }, elected: [], eliminated: ["Nashville"] },
      { tallies: { Memphis: 42, Knoxville: 58 }, elected: ["Knoxville"], eliminated: [] },
    ]);
    expect(out).toContain('"Memphis": 42,');
  });

  it("takes the seats from the file, or from --seats", async () => {
    const fromFile = JSON.parse((await run("--method=stv-scottish", shared("wikipedia-stv-food.soi"))).out);
    expect(fromFile.winners).toEqual(["Chocolate", "Oranges", "Strawberries"]);
    const oneSeat = JSON.parse(
      (await run("--method", "stv-scottish", "--seats", "1", shared("wikipedia-stv-food.soi"))).out,
    );
    expect(oneSeat.winners).toEqual(["Chocolate"]);
  });

  it("reads BLT files, withdrawn candidates included", async () => {
    const food = JSON.parse((await run("--method", "stv-meek", local("food.blt"))).out);
    expect([...food.winners].sort()).toEqual(["Chocolate", "Oranges", "Strawberries"]);
    const hill = JSON.parse((await run("--method", "stv-scottish", local("hill-example.blt"))).out);
    expect(hill.winners).toEqual(["Adam", "Donald"]);
    expect(hill.ranking.flat()).not.toContain("Basil");
    expect(hill.rounds[1].tallies).toEqual({ Adam: 5, Charlotte: 2.99997, Donald: 4 });
  });

  it("prints non-integer tallies as decimals of at most 5 places", async () => {
    const { out } = await run("--method", "irv", local("ties-and-weights.blt"));
    expect(JSON.parse(out).rounds[0].tallies).toEqual({ Alpha: 0, Beta: 1, Gamma: 1.5 });
    expect(displayNumber("5/3").text).toBe("1.66667");
    expect(displayNumber("2.5").text).toBe("2.5");
    expect(displayNumber("6.00000").text).toBe("6");
    expect(displayNumber("123456789012345678901/10").text).toBe("12345678901234567890.1");
  });

  it("gives byte-identical output on every run", async () => {
    const first = await run("--method", "stv-meek", shared("wikipedia-stv-food.soi"));
    const second = await run("--method", "stv-meek", shared("wikipedia-stv-food.soi"));
    expect(second.out).toBe(first.out);
  });

  it("reports file errors as FILE:line: message with exit code 2", async () => {
    const file = local("unknown-alternative.soi");
    expect(await run(file)).toEqual({ code: 2, out: "", err: `${file}:8: unknown alternative 7` });
    const blt = local("missing-terminator.blt");
    expect(await run(blt)).toEqual({ code: 2, out: "", err: `${blt}:3: a ballot must end with 0` });
  });

  it("rejects bad arguments with a UsageError", async () => {
    await expect(run("--method", "plurality", shared("wikipedia-tennessee.soc"))).rejects.toThrow(UsageError);
    await expect(run("--seats", "0", shared("wikipedia-tennessee.soc"))).rejects.toThrow(/positive integer/);
    await expect(run()).rejects.toThrow(/expected one FILE/);
    await expect(run("--bogus", "x.soc")).rejects.toThrow(/unknown option/);
    await expect(run(local("nothing-here.soc"))).rejects.toThrow(/cannot read/);
    await expect(run(path.join(repoRoot, "package.json"))).rejects.toThrow(/cannot tell the format/);
  });

  it("prints usage for --help", async () => {
    const { code, out } = await run("--help");
    expect(code).toBe(0);
    expect(out).toMatch(/^usage: tally/);
  });
});
