import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit } from "../../src/audit/log.js";
import { createTestApp, type TestApp } from "../support/app.js";
import type { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import { ADMIN, one, signedIn, submit } from "./admin-helpers.js";

describe.each(ENGINES)("the audit log viewer (%s)", (engine) => {
  let t: TestApp;
  let admin: TestClient;

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await signedIn(t, ADMIN);
    // Enough entries for two pages, then one change made through the administration.
    await t.deps.db.transaction(async (tx) => {
      for (let i = 0; i < 55; i++)
        await appendAudit(tx, { actorId: null, action: "auth.sign_in_failed", subjectType: "person" });
    });
    const offices = "/en/admin/organisations/smart-fr/offices";
    expect((await submit(admin, offices, offices, { name: "Smart Test", city: "Test" })).status).toBe(303);
  });
  afterAll(() => t.close());

  it("shows the latest entries first, with the actor's name, and says the chain is verified", async () => {
    const total = Number((await one<{ n: string | number }>(t, sql`select count(*) as n from audit_log`)).n);
    const page = await admin.get("/en/admin/audit");
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Chain verified: all ${total} entries are intact.`);
    expect(page.text).toContain(`Entries in the log: ${total}`);
    expect(page.text).toContain("<caption>Latest entries of the audit log</caption>");
    const firstRow =
      /<tbody><tr><td class="number">(\d+)<\/td><td>([^<]+)<\/td><th scope="row"><code>([^<]+)<\/code><\/th><td>([^<]+)<\/td>/.exec(
        page.text,
      );
    expect(firstRow?.[1]).toBe(String(total));
    expect(firstRow?.[3]).toBe("organisation.updated");
    expect(firstRow?.[4]).toBe("Ada Lindqvist");
    expect(page.text).toContain("Page 1 of 2");
    const second = await admin.get("/en/admin/audit?page=2");
    expect(second.text).toContain("<code>auth.sign_in</code>");
    expect(second.text).toContain("System or visitor");
  });

  it("writes dates the way each language does", async () => {
    const year = new Date().getFullYear();
    const fr = await admin.get("/fr/admin/audit");
    expect(fr.text).toMatch(new RegExp(`<td>\\d{1,2} [a-zéû]+ ${year} à \\d{2}:\\d{2}</td>`));
    const en = await admin.get("/en/admin/audit");
    expect(en.text).toMatch(new RegExp(`<td>\\d{1,2} [A-Z][a-z]+ ${year} at \\d{2}:\\d{2}</td>`));
  });

  it("says so when an entry has been altered (runs last: it breaks the chain)", async () => {
    const victim = await one<{ seq: number }>(t, sql`select min(seq) as seq from audit_log`);
    await t.deps.db.execute(sql`alter table audit_log disable trigger audit_log_no_update_or_delete`);
    await t.deps.db.execute(sql`update audit_log set action = 'auth.sign_out' where seq = ${victim.seq}`);
    await t.deps.db.execute(sql`alter table audit_log enable trigger audit_log_no_update_or_delete`);
    const page = await admin.get("/en/admin/audit");
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Chain broken at entry no. ${victim.seq}: the log has been altered.`);
    expect(page.text).not.toContain("Chain verified");
  });
});
