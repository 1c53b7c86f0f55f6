import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.js";
import type { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import {
  ADMIN,
  auditActions,
  countQueries,
  errorsOf,
  lastAuditSeq,
  MEMBER,
  one,
  orgId,
  rows,
  signedIn,
  snapshot,
  submit,
} from "./admin-helpers.js";

const MEMBERS = "/en/admin/organisations/smart-be/members";

/** Names in the members table (the row headers). */
function listedNames(html: string): string[] {
  return [...html.matchAll(/<th scope="row"><a href="[^"]*\/members\/[0-9a-f-]+">([^<]*)<\/a><\/th>/g)].map(
    (m) => m[1]!,
  );
}

describe.each(ENGINES)("administration of members (%s)", (engine) => {
  let t: TestApp;
  let admin: TestClient;
  let be: string;
  let total: number;

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await signedIn(t, ADMIN);
    be = await orgId(t, "smart-be");
    total = Number(
      (await one<{ n: string | number }>(t, sql`select count(*) as n from memberships where organisation_id = ${be}`))
        .n,
    );
  });
  afterAll(() => t.close());

  it("lists 50 members a page with the count, and links to the invitation and import pages", async () => {
    expect(total).toBeGreaterThan(50);
    const first = await admin.get(MEMBERS);
    expect(first.status).toBe(200);
    expect(first.text).toContain(`Members found: ${total}`);
    expect(listedNames(first.text)).toHaveLength(50);
    expect(first.text).toContain('href="/en/admin/organisations/smart-be/members/invite"');
    expect(first.text).toContain('href="/en/admin/organisations/smart-be/import"');
    const pages = Math.ceil(total / 50);
    expect(pages).toBeGreaterThan(1);
    expect(first.text).toContain(`Page 1 of ${pages}`);
    expect(first.text).toContain('href="/en/admin/organisations/smart-be/members?page=2"');
    const last = await admin.get(`${MEMBERS}?page=${pages}`);
    expect(listedNames(last.text)).toHaveLength(total - 50 * (pages - 1));
    expect(last.text).toContain(`Page ${pages} of ${pages}`);
    const second = await admin.get(`${MEMBERS}?page=2`);
    const beyond = await admin.get(`${MEMBERS}?page=${pages + 1}`);
    expect(beyond.status).toBe(200);
    expect(beyond.text).toContain(`Members found: ${total}`);
    expect(listedNames(beyond.text)).toEqual([]);
    // Never the members of another organisation.
    expect(first.text + second.text).not.toContain("member04@demo.letscoop.test");
  });

  it("reads a page of members with the same number of queries whatever its length (no query per row)", async () => {
    const full = await countQueries(t, () => admin.get(MEMBERS));
    const short = await countQueries(t, () => admin.get(`${MEMBERS}?page=2`));
    const one = await countQueries(t, () => admin.get(`${MEMBERS}?q=chloe`));
    expect(full).toBe(short);
    expect(full).toBe(one);
    expect(full).toBeGreaterThan(0);
    expect(full).toBeLessThanOrEqual(8);
  });

  it("searches names and e-mails ignoring case and accents", async () => {
    const noel = await admin.get(`${MEMBERS}?q=NOEL`);
    const names = listedNames(noel.text);
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n).toContain("Noël");
    const chloe = await admin.get(`${MEMBERS}?q=chloe`);
    expect(listedNames(chloe.text)).toEqual(["Chloé Verhaegen"]);
    const byEmail = await admin.get(`${MEMBERS}?q=${encodeURIComponent("MEMBER@demo")}`);
    expect(listedNames(byEmail.text)).toEqual(["Greta Schoonbroodt"]);
    expect(byEmail.text).toContain("Members found: 1");
    const wildcard = await admin.get(`${MEMBERS}?q=${encodeURIComponent("%")}`);
    expect(wildcard.text).toContain("Members found: 0");
  });

  it("filters by college, office and shareholding, and keeps the filters in the page links", async () => {
    const clients = await one<{ id: string }>(
      t,
      sql`select id from colleges where organisation_id = ${be} and key = 'clients'`,
    );
    const expected = Number(
      (
        await one<{ n: string | number }>(
          t,
          sql`select count(*) as n from memberships where college_id = ${clients.id}`,
        )
      ).n,
    );
    const byCollege = await admin.get(`${MEMBERS}?college=${clients.id}`);
    expect(byCollege.text).toContain(`Members found: ${expected}`);
    expect(byCollege.text).toMatch(new RegExp(`<option value="${clients.id}" selected="">Clients</option>`));

    const gent = await one<{ id: string }>(
      t,
      sql`select id from offices where organisation_id = ${be} and name = 'Smart Gent'`,
    );
    const inGent = Number(
      (await one<{ n: string | number }>(t, sql`select count(*) as n from memberships where office_id = ${gent.id}`)).n,
    );
    expect((await admin.get(`${MEMBERS}?office=${gent.id}`)).text).toContain(`Members found: ${inGent}`);

    const holders = Number(
      (
        await one<{ n: string | number }>(
          t,
          sql`select count(*) as n from memberships where organisation_id = ${be} and is_shareholder`,
        )
      ).n,
    );
    expect((await admin.get(`${MEMBERS}?shareholder=yes`)).text).toContain(`Members found: ${holders}`);
    expect((await admin.get(`${MEMBERS}?shareholder=no`)).text).toContain(`Members found: ${total - holders}`);
    // Unknown filter values are ignored rather than failing.
    expect((await admin.get(`${MEMBERS}?college=nonsense&office=x&shareholder=maybe&page=-3`)).text).toContain(
      `Members found: ${total}`,
    );

    const paged = await admin.get(`${MEMBERS}?office=&shareholder=any`);
    expect(paged.text).toContain(`Page 1 of ${Math.ceil(total / 50)}`);
    expect(paged.text).toContain(
      'href="/en/admin/organisations/smart-be/members?office=&amp;shareholder=any&amp;page=2"',
    );
  });

  it("edits a membership and records it in the audit log", async () => {
    const m = await one<{ id: string }>(
      t,
      sql`select m.id from memberships m join persons p on p.id = m.person_id where p.email = ${MEMBER}`,
    );
    const partners = await one<{ id: string }>(
      t,
      sql`select id from colleges where organisation_id = ${be} and key = 'partners'`,
    );
    const liege = await one<{ id: string }>(
      t,
      sql`select id from offices where organisation_id = ${be} and name = 'Smart Liège'`,
    );
    const path = `${MEMBERS}/${m.id}`;
    const since = await lastAuditSeq(t);
    const res = await submit(admin, path, path, {
      collegeId: partners.id,
      memberNumber: "B-1234",
      isShareholder: "on",
      shares: "7",
      officeId: liege.id,
      sector: "Musique",
      language: "nl",
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${MEMBERS}?notice=saved`);
    expect(
      await one(
        t,
        sql`select college_id, member_number, is_shareholder, shares, office_id, sector, language, directory_opt_in from memberships where id = ${m.id}`,
      ),
    ).toEqual({
      college_id: partners.id,
      member_number: "B-1234",
      is_shareholder: true,
      shares: 7,
      office_id: liege.id,
      sector: "Musique",
      language: "nl",
      directory_opt_in: false,
    });
    const [entry] = await auditActions(t, since);
    expect(entry?.action).toBe("membership.updated");
    expect((entry?.data as { fields: string[] }).fields).toEqual(
      expect.arrayContaining(["collegeId", "shares", "officeId", "directoryOptIn"]),
    );
    expect(JSON.stringify(entry?.data)).not.toContain("Musique");

    // No longer a shareholder, no office.
    const again = await submit(admin, path, path, {
      collegeId: partners.id,
      memberNumber: "",
      shares: "0",
      officeId: "",
      sector: "",
      language: "nl",
    });
    expect(again.status).toBe(303);
    expect(
      await one(t, sql`select is_shareholder, shares, office_id, member_number from memberships where id = ${m.id}`),
    ).toEqual({
      is_shareholder: false,
      shares: 0,
      office_id: null,
      member_number: null,
    });
  });

  it("refuses bad input with a clear message and saves nothing", async () => {
    const m = await one<{ id: string; college_id: string }>(
      t,
      sql`select m.id, m.college_id from memberships m join persons p on p.id = m.person_id where p.email = 'board@demo.letscoop.test'`,
    );
    const frCollege = await one<{ id: string }>(
      t,
      sql`select c.id from colleges c join organisations o on o.id = c.organisation_id where o.slug = 'smart-fr' limit 1`,
    );
    const frOffice = await one<{ id: string }>(
      t,
      sql`select f.id from offices f join organisations o on o.id = f.organisation_id where o.slug = 'smart-fr' limit 1`,
    );
    const path = `${MEMBERS}/${m.id}`;
    const valid = {
      collegeId: m.college_id,
      isShareholder: "on",
      shares: "1",
      language: "fr",
      sector: "",
      memberNumber: "",
      officeId: "",
    };
    const cases: Array<[string, Record<string, string>, string]> = [
      ["shares -1", { shares: "-1" }, "Shares: Enter a positive whole number."],
      ["shares abc", { shares: "abc" }, "Shares: Enter a positive whole number."],
      [
        "shareholder with 0 shares",
        { shares: "0" },
        "Shares: A shareholder holds at least one share: enter the number of shares.",
      ],
      ["shareholder with no shares", { shares: "" }, "Shares: A shareholder holds at least one share"],
      [
        "shares without being a shareholder",
        { isShareholder: "", shares: "3" },
        "Shares: Only a shareholder holds shares",
      ],
      [
        "unknown college id",
        { collegeId: "00000000-0000-4000-8000-000000000000" },
        "College: Choose one of the values offered.",
      ],
      ["college that is not an id", { collegeId: "clients" }, "College: Choose one of the values offered."],
      ["college of another organisation", { collegeId: frCollege.id }, "College: Choose one of the values offered."],
      ["office of another organisation", { officeId: frOffice.id }, "Office: Choose one of the values offered."],
      ["empty college", { collegeId: "" }, "College: This field is required."],
      ["over-long sector", { sector: "x".repeat(121) }, "Sector: This text is too long (at most 120 characters)."],
      [
        "over-long member number",
        { memberNumber: "9".repeat(51) },
        "Member number: This text is too long (at most 50 characters).",
      ],
      ["unknown language", { language: "es" }, "Language for messages: Choose one of the values offered."],
    ];
    const before = await snapshot(t);
    for (const [what, overrides, message] of cases) {
      const res = await submit(admin, path, path, { ...valid, ...overrides });
      expect(res.status, what).toBe(422);
      expect(errorsOf(res), what).toContain(message);
    }
    expect(await snapshot(t)).toBe(before);
  });

  it("renders markup in a sector as inert text", async () => {
    const m = await one<{ id: string; college_id: string }>(
      t,
      sql`select m.id, m.college_id from memberships m join persons p on p.id = m.person_id where p.email = 'secretary@demo.letscoop.test'`,
    );
    const path = `${MEMBERS}/${m.id}`;
    const res = await submit(admin, path, path, {
      collegeId: m.college_id,
      isShareholder: "on",
      shares: "1",
      language: "fr",
      sector: '<script>alert("sector")</script>',
      directoryOptIn: "on",
    });
    expect(res.status).toBe(303);
    const edit = await admin.get(path);
    expect(edit.text).toContain('value="&lt;script&gt;alert(&quot;sector&quot;)&lt;/script&gt;"');
    const directory = await admin.get("/en/organisations/smart-be/directory?page=1");
    const all = directory.text + (await admin.get("/en/organisations/smart-be/directory?page=2")).text;
    expect(all).toContain("&lt;script&gt;alert(&quot;sector&quot;)&lt;/script&gt;");
    expect(all).not.toContain('<script>alert("sector")');
  });

  it("removes a member from the organisation and keeps the person", async () => {
    const m = await one<{ id: string; person_id: string }>(
      t,
      sql`select m.id, m.person_id from memberships m join persons p on p.id = m.person_id where p.email = 'ethics@demo.letscoop.test'`,
    );
    const since = await lastAuditSeq(t);
    await admin.get(`${MEMBERS}/${m.id}`);
    const res = await admin.post(`${MEMBERS}/${m.id}/remove`);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${MEMBERS}?notice=removed`);
    expect(await rows(t, sql`select 1 from memberships where id = ${m.id}`)).toEqual([]);
    expect(await rows(t, sql`select 1 from persons where id = ${m.person_id}`)).toHaveLength(1);
    expect(await auditActions(t, since)).toEqual([
      { action: "membership.removed", subject_type: "membership", data: { personId: m.person_id } },
    ]);
    expect((await admin.follow(res)).text).toContain("The member has been removed from the organisation.");
    expect((await admin.get(`${MEMBERS}/${m.id}`)).status).toBe(404);
  });
});
