import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsageError } from "../../src/cli/command.js";
import { importMembers, importMembersCommand } from "../../src/cli/commands/import-members.js";
import { runCli } from "../../src/cli/main.js";
import type { Database } from "../../src/db/client.js";
import { auditLog, persons } from "../../src/db/schema/index.js";
import { openTestDatabase, ENGINES } from "../support/db.js";
import { REPO_ROOT } from "../support/paths.js";
import { counts, membershipSnapshot, registerCsv } from "../web/import-helpers.js";

const fixture = (name: string) => path.join(REPO_ROOT, "tests", "fixtures", "members", name);

describe.each(ENGINES)("import-members command (%s)", (engine) => {
  let database: Database;
  let dir: string;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    dir = await mkdtemp(path.join(os.tmpdir(), "letscoop-import-cli-"));
  });
  afterAll(async () => {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** The command on the test database, in process, with its output captured line by line. */
  async function run(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const command = importMembersCommand((fn) => fn(database.db));
    const code = await command.run(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
    return { code, out, err };
  }

  async function temp(name: string, content: string | Uint8Array) {
    const file = path.join(dir, name);
    await writeFile(file, content);
    return file;
  }

  it("declares its name and usage, and prints it for --help", async () => {
    expect(importMembers.name).toBe("import-members");
    expect(importMembers.usage).toBe("import-members FILE --org SLUG [--accept-good-rows]");
    expect(await run("--help")).toEqual({
      code: 0,
      out: ["usage: import-members FILE --org SLUG [--accept-good-rows]"],
      err: [],
    });
  });

  it("imports a good file and prints a summary (exit 0)", async () => {
    const file = path.join(dir, "registre.csv");
    await copyFile(fixture("members-fr-semicolon-bom.csv"), file);
    const before = await counts(database.db);
    const { code, out, err } = await run(file, "--org", "smart-be");
    expect(err).toEqual([]);
    expect(out).toEqual([
      `${file}: 5 rows read, 5 good, 0 with errors.`,
      "Imported into smart-be: 5 created, 0 updated, 0 unchanged, 0 rows skipped.",
    ]);
    expect(code).toBe(0);
    expect(await counts(database.db)).toEqual({
      ...before,
      persons: before.persons + 5,
      members: before.members + 5,
      audit: before.audit + 1,
    });
    const [entry] = await database.db
      .select({ data: auditLog.data, actorId: auditLog.actorId })
      .from(auditLog)
      .where(eq(auditLog.action, "members.imported"));
    expect(entry).toEqual({
      actorId: null,
      data: { created: 5, updated: 0, unchanged: 0, skipped: 0, rows: 5, source: "cli" },
    });

    const again = await run(`--org=smart-be`, file);
    expect(again.out[1]).toBe("Imported into smart-be: 0 created, 0 updated, 5 unchanged, 0 rows skipped.");
    const stored = await database.db
      .select({ email: persons.email })
      .from(persons)
      .where(eq(persons.email, "samir.ouali@example.org"));
    expect(stored).toHaveLength(1);
  });

  it("without --accept-good-rows, a file with bad rows changes nothing and exits 1", async () => {
    const before = await counts(database.db);
    const snapshot = await membershipSnapshot(database.db);
    const { code, out, err } = await run(fixture("members-bad-rows.csv"), "--org", "smart-be");
    expect(code).toBe(1);
    expect(out).toEqual([
      `${fixture("members-bad-rows.csv")}: 9 rows read, 2 good, 7 with errors.`,
      "line 3: shares: A shareholder holds at least one share: give the number of shares.",
      "line 4: email: Duplicate of line 2: same e-mail address.",
      "line 5: college: Unknown college “volunteers”: use the key of one of the organisation's colleges.",
      "line 6: office: Unknown office “Atlantis”: use the name or the city of one of the organisation's offices.",
      "line 7: email: Not a valid e-mail address.",
      "line 8: name: Too long: at most 200 characters.",
      "line 9: shares: Shares are given for someone who is not a shareholder.",
    ]);
    expect(err).toEqual([
      "Nothing was imported. Correct the file, or run again with --accept-good-rows to import the 2 good rows.",
    ]);
    expect(await counts(database.db)).toEqual(before);
    expect(await membershipSnapshot(database.db)).toBe(snapshot);
  });

  it("with --accept-good-rows, imports the good rows only (exit 0)", async () => {
    const before = await counts(database.db);
    const { code, out } = await run(fixture("members-bad-rows.csv"), "--org", "smart-be", "--accept-good-rows");
    expect(code).toBe(0);
    expect(out.at(-1)).toBe("Imported into smart-be: 2 created, 0 updated, 0 unchanged, 7 rows skipped.");
    expect(await counts(database.db)).toEqual({
      ...before,
      persons: before.persons + 2,
      members: before.members + 2,
      audit: before.audit + 1,
    });
  });

  it("1,000 rows with 3 bad rows: lists the 3 lines", async () => {
    const file = await temp("register.csv", registerCsv(1000, { 10: "email", 20: "college", 30: "duplicate" }, "cli"));
    const { code, out } = await run(file, "--org", "smart-be");
    expect(code).toBe(1);
    expect(out.slice(1)).toEqual([
      "line 12: courriel: Not a valid e-mail address.",
      "line 22: collège: Unknown college “volunteers”: use the key of one of the organisation's colleges.",
      "line 32: courriel: Duplicate of line 2: same e-mail address.",
    ]);
  });

  it("refuses file-level errors with exit 1", async () => {
    const before = await counts(database.db);
    const latin1 = await run(fixture("members-latin1.csv"), "--org", "smart-be", "--accept-good-rows");
    expect(latin1.code).toBe(1);
    expect(latin1.err[0]).toMatch(/: The file is not UTF-8 text\./);
    const missing = await run(fixture("members-missing-college.csv"), "--org", "smart-be");
    expect(missing.code).toBe(1);
    expect(missing.err[0]).toContain("Required columns missing from the first line: college.");
    const quote = await run(fixture("members-malformed-quote.csv"), "--org", "smart-be");
    expect(quote.err[0]).toContain("Line 3: a quotation mark");
    expect(await counts(database.db)).toEqual(before);
  });

  it("rejects bad arguments with a UsageError", async () => {
    const file = fixture("members-en-comma.csv");
    await expect(run(file)).rejects.toThrow(/--org SLUG is required/);
    await expect(run("--org", "smart-be")).rejects.toThrow(/expected one FILE/);
    await expect(run(file, "--org")).rejects.toThrow(UsageError);
    await expect(run(file, "--org", "smart-be", "--bogus")).rejects.toThrow(/unknown option --bogus/);
    await expect(run(file, "--org", "no-such-org")).rejects.toThrow(/unknown organisation "no-such-org"/);
    await expect(run(path.join(dir, "nothing-here.csv"), "--org", "smart-be")).rejects.toThrow(/cannot read .*ENOENT/);
  });
});

describe("import-members through the command line entry point", () => {
  it("exits 2 on a usage error, before opening any database", async () => {
    const err: string[] = [];
    const code = await runCli(["import-members", "members.csv"], { out: () => {}, err: (line) => err.push(line) });
    expect(code).toBe(2);
    expect(err).toEqual([
      "--org SLUG is required",
      "Usage: npm run letscoop -- import-members FILE --org SLUG [--accept-good-rows]",
    ]);
  });
});
