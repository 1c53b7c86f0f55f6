import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}

const KEYS = [
  "participants",
  "facilitators",
  "secretaries",
  "meetings",
  "meetingHours",
  "localTalks",
  "localTalkAttendance",
  "distinctPeople",
];

describe("the figures command on the embedded database", () => {
  let dir: string;
  const saved = { ...process.env };
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "letscoop-figures-cli-"));
    process.env.DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    // Vitest exposes Vite's BASE_URL ("/") in process.env, which is not the server's public address.
    delete process.env.BASE_URL;
    expect(await runCli(["seed"], io().io)).toBe(0);
  });
  afterAll(async () => {
    process.env = saved;
    await rm(dir, { recursive: true, force: true });
  });

  it("prints the figures of 2015-2016 as JSON, computed from the demo records", async () => {
    const a = io();
    expect(await runCli(["figures", "--cycle", "2015-2016"], a.io), a.err.join("\n")).toBe(0);
    expect(a.err).toEqual([]);
    const json = JSON.parse(a.out.join("\n")) as Record<string, unknown>;
    for (const key of KEYS) expect(typeof json[key], key).toBe("number");
    expect(Object.keys(json).filter((k) => !["groups", "firstMeeting", "lastMeeting"].includes(k))).toEqual(KEYS);
    expect(json).toMatchObject({
      participants: 58,
      facilitators: 12,
      secretaries: 3,
      meetings: 21,
      meetingHours: 66,
      localTalks: 5,
      localTalkAttendance: 146,
      distinctPeople: 75,
      firstMeeting: "2015-10-22",
      lastMeeting: "2016-04-14",
    });
    const groups = json.groups as Array<Record<string, unknown>>;
    expect(groups.map((g) => g.key)).toEqual(["publics", "services", "economic-model", "governance"]);
    expect(groups.map((g) => g.meetings)).toEqual([5, 5, 6, 5]);
    expect(groups.map((g) => g.meetingHours)).toEqual([15, 15.5, 19, 16.5]);
  });

  it("prints the figures of 2020-2021, with hours as a decimal number", async () => {
    const a = io();
    expect(await runCli(["figures", "--cycle", "2020-2021"], a.io)).toBe(0);
    const json = JSON.parse(a.out.join("\n")) as Record<string, unknown>;
    expect(json).toMatchObject({ meetings: 2, meetingHours: 5.5, localTalks: 1, localTalkAttendance: 27 });
  });

  it("refuses an unknown cycle and a missing or extra argument, on stderr with an error code", async () => {
    const a = io();
    expect(await runCli(["figures", "--cycle", "1999-2000"], a.io)).not.toBe(0);
    expect(a.out).toEqual([]);
    expect(a.err.join("\n")).toContain('No cycle "1999-2000"');
    const b = io();
    expect(await runCli(["figures"], b.io)).toBe(2);
    expect(b.err.join("\n")).toContain("--cycle SLUG");
    const c = io();
    expect(await runCli(["figures", "--cycle", "2015-2016", "--csv"], c.io)).toBe(2);
    expect(c.err.join("\n")).toContain('Unknown argument "--csv"');
  });
});
