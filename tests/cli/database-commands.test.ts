import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { openDatabase } from "../../src/db/client.js";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}

describe("database commands on the embedded database", () => {
  let dir: string;
  const saved = { ...process.env };
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "letscoop-cli-"));
    process.env.DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    // Vitest exposes Vite's BASE_URL ("/") in process.env; it is not a public address.
    delete process.env.BASE_URL;
  });
  afterAll(async () => {
    process.env = saved;
    await rm(dir, { recursive: true, force: true });
  });

  it("migrates, seeds once, and refuses to seed twice", async () => {
    const a = io();
    expect(await runCli(["migrate"], a.io), a.err.join("\n")).toBe(0);
    expect(a.out.join("\n")).toContain("Migrations applied (pglite)");
    const b = io();
    expect(await runCli(["seed"], b.io)).toBe(0);
    const c = io();
    expect(await runCli(["seed"], c.io)).toBe(1);
    expect(c.err.join("\n")).toContain("only fills an empty database");
  });

  it("verifies the audit chain", async () => {
    const a = io();
    expect(await runCli(["audit-verify"], a.io)).toBe(0);
    expect(a.out.join("\n")).toMatch(/Audit log intact: \d+ entries/);
  });

  it("backs up and restores, keeping the replaced database", async () => {
    const file = path.join(dir, "backups", "one.tar.gz");
    const a = io();
    expect(await runCli(["backup", file], a.io)).toBe(0);
    expect((await stat(file)).size).toBeGreaterThan(1000);

    const live = await openDatabase({ kind: "pglite", dataDir: path.join(dir, "pglite") });
    await live.exec("delete from memberships");
    await live.close();

    const b = io();
    expect(await runCli(["restore", file], b.io)).toBe(0);
    expect(b.out.join("\n")).toContain("previous one is kept");
    const restored = await openDatabase({ kind: "pglite", dataDir: path.join(dir, "pglite") });
    const rows = await restored.pglite!.query<{ n: number }>("select count(*)::int as n from memberships");
    const audit = await restored.pglite!.query<{ action: string }>(
      "select action from audit_log order by seq desc limit 1",
    );
    await restored.close();
    expect(rows.rows[0]!.n).toBeGreaterThan(60);
    expect(audit.rows[0]!.action).toBe("database.restored");
  });

  it("refuses to touch the embedded database while another process holds it", async () => {
    const { writeFile } = await import("node:fs/promises");
    await writeFile(path.join(dir, "letscoop.pid"), String(process.ppid));
    const a = io();
    expect(await runCli(["migrate"], a.io)).toBe(1);
    expect(a.err.join("\n")).toContain(`in use by process ${process.ppid}`);
    await rm(path.join(dir, "letscoop.pid"));
  });

  it("explains unknown commands and missing arguments", async () => {
    const a = io();
    expect(await runCli(["frobnicate"], a.io)).toBe(2);
    expect(a.err.join("\n")).toContain('Unknown command "frobnicate"');
    const b = io();
    expect(await runCli(["backup"], b.io)).toBe(2);
    expect(b.err.join("\n")).toContain("Name the backup file");
  });

  it("sends PostgreSQL users to pg_dump", async () => {
    process.env.DATABASE_URL = "postgres://nobody@127.0.0.1:1/none";
    const a = io();
    expect(await runCli(["backup", "x.tar.gz"], a.io)).toBe(2);
    expect(a.err.join("\n")).toContain("pg_dump");
    delete process.env.DATABASE_URL;
  });
});
