import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalJson, chainHash, GENESIS_HASH, verifyChain } from "../../src/audit/chain.js";
import { appendAudit, verifyAuditLog } from "../../src/audit/log.js";
import type { Database } from "../../src/db/client.js";
import { ENGINES, openTestDatabase } from "../support/db.js";

describe("canonical JSON", () => {
  it("does not depend on key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
  });
});

describe("verifyChain", () => {
  const entry = (n: number) => ({
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    actorId: null,
    action: "auth.sign_in",
    subjectType: "person",
    subjectId: String(n),
    organisationId: null,
    data: { n },
  });
  function chain(length: number) {
    const rows = [];
    let prev = GENESIS_HASH;
    for (let i = 1; i <= length; i++) {
      const content = entry(i);
      const hash = chainHash(prev, content);
      rows.push({ seq: i, ...content, prevHash: prev, hash });
      prev = hash;
    }
    return rows;
  }

  it("accepts an intact chain", () => {
    expect(verifyChain(chain(5))).toEqual({ ok: true, entries: 5 });
  });
  it("finds an altered entry", () => {
    const rows = chain(5);
    rows[2]!.data = { n: 99 };
    expect(verifyChain(rows)).toMatchObject({ ok: false, brokenAt: 3, reason: "entry was altered" });
  });
  it("finds a removed entry", () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(verifyChain(rows)).toMatchObject({ ok: false, brokenAt: 3 });
  });
});

describe.each(ENGINES)("audit log in the database (%s)", (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  it("chains concurrent appends and verifies them", async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        database.db.transaction((tx) =>
          appendAudit(tx, { actorId: null, action: "role.granted", subjectType: "test", subjectId: String(i) }),
        ),
      ),
    );
    const result = await verifyAuditLog(database.db);
    expect(result.ok).toBe(true);
    expect(result.entries).toBeGreaterThanOrEqual(20);
  });

  it("refuses updates, deletes and truncation at the database level", async () => {
    await database.db.transaction((tx) =>
      appendAudit(tx, { actorId: null, action: "role.granted", subjectType: "test" }),
    );
    await expect(database.exec("update audit_log set action = 'x'")).rejects.toThrow(/append-only/);
    await expect(database.exec("delete from audit_log")).rejects.toThrow(/append-only/);
    await expect(database.exec("truncate audit_log")).rejects.toThrow(/append-only/);
  });

  it("detects an entry altered behind the application's back", async () => {
    await database.exec("alter table audit_log disable trigger audit_log_no_update_or_delete");
    await database.exec("update audit_log set data = '{\"forged\":true}' where seq = (select min(seq) from audit_log)");
    await database.exec("alter table audit_log enable trigger audit_log_no_update_or_delete");
    const result = await verifyAuditLog(database.db);
    expect(result).toMatchObject({ ok: false, reason: "entry was altered" });
  });
});
