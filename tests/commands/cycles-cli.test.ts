import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cycles } from "../../src/cli/commands/cycles.js";
import { runCli } from "../../src/cli/main.js";
import { toBrusselsLocal } from "../../src/commands/ballots/schedule.js";
import { cycleSummaries, formatCycleSummaries } from "../../src/commands/cycles/summaries.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { ENGINES } from "../support/db.js";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}

describe("the cycles command on the embedded database", () => {
  let dir: string;
  const saved = { ...process.env };
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "letscoop-cycles-cli-"));
    process.env.DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    // Vitest exposes Vite's BASE_URL ("/") in process.env, which is not the server's public address.
    delete process.env.BASE_URL;
  });
  afterAll(async () => {
    process.env = saved;
    await rm(dir, { recursive: true, force: true });
  });

  it("says so when there is no cycle", async () => {
    const a = io();
    expect(await cycles.run([], a.io)).toBe(0);
    expect(a.out).toEqual(["No cycle yet."]);
    const b = io();
    expect(await cycles.run(["--json"], b.io)).toBe(0);
    expect(JSON.parse(b.out.join("\n"))).toEqual([]);
  });

  it("prints one line per cycle of the demo, and the same fields as JSON", async () => {
    expect(await runCli(["seed"], io().io)).toBe(0);
    const a = io();
    expect(await cycles.run([], a.io)).toBe(0);
    expect(a.out).toHaveLength(2);
    const today = toBrusselsLocal(new Date()).slice(0, 10);
    expect(a.out[0]).toMatch(
      new RegExp(`^2020-2021  Smart in Progress 2020–2021  smart-be,smart-fr  ${today}  \\d{4}-\\d{2}-\\d{2}$`),
    );
    expect(a.out[1]).toBe("2015-2016  Smart in Progress 2015–2016  smart-be           2015-10-01  2016-06-28");
    const b = io();
    expect(await cycles.run(["--json"], b.io)).toBe(0);
    const rows = JSON.parse(b.out.join("\n")) as unknown[];
    expect(rows[1]).toEqual({
      slug: "2015-2016",
      name: "Smart in Progress 2015–2016",
      organisations: ["smart-be"],
      firstDate: "2015-10-01",
      lastDate: "2016-06-28",
    });
    expect(rows[0]).toMatchObject({ slug: "2020-2021", organisations: ["smart-be", "smart-fr"], firstDate: today });
  });

  it("refuses an unknown option with the usage line", async () => {
    const a = io();
    // Registered in src/cli/main.ts by the maintainer; called directly here so the test does not depend on it.
    await expect(cycles.run(["--yaml"], a.io)).rejects.toThrow('Unknown argument "--yaml".');
  });
});

describe.each(ENGINES)("cycle summaries (%s)", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t.close());

  it("reads the same summaries on either engine", async () => {
    const rows = await cycleSummaries(t.deps.db);
    expect(rows.map((r) => r.slug)).toEqual(["2020-2021", "2015-2016"]);
    expect(formatCycleSummaries(rows)[1]).toBe(
      "2015-2016  Smart in Progress 2015–2016  smart-be           2015-10-01  2016-06-28",
    );
  });

  it("prints a dash for a cycle without dates", () => {
    expect(
      formatCycleSummaries([{ slug: "x1", name: "X", organisations: ["a"], firstDate: null, lastDate: null }]),
    ).toEqual(["x1  X  a  -  -"]);
  });
});
