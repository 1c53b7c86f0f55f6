import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, memberships, organisations, pendingImports, persons } from "../../src/db/schema/index.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import {
  counts,
  IMPORT_PATH,
  memberFixture,
  membershipSnapshot,
  pendingIdOf,
  registerCsv,
  upload,
} from "./import-helpers.js";

const ADMIN = "admin@demo.letscoop.test";

describe.each(ENGINES)("member import pages (%s)", (engine) => {
  let t: TestApp;
  let admin: TestClient;
  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = new TestClient(t);
    await admin.signIn(ADMIN);
  });
  afterAll(() => t.close());

  async function membershipOf(email: string) {
    const [row] = await t.deps.db
      .select({
        name: persons.name,
        shares: memberships.shares,
        isShareholder: memberships.isShareholder,
        language: memberships.language,
        memberNumber: memberships.memberNumber,
      })
      .from(memberships)
      .innerJoin(persons, eq(persons.id, memberships.personId))
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .where(and(eq(persons.email, email), eq(organisations.slug, "smart-be")));
    return row;
  }

  it("shows the upload form and the column reference", async () => {
    const page = await admin.get(IMPORT_PATH);
    expect(page.status).toBe(200);
    expect(page.text.match(/<h1>/g)).toHaveLength(1);
    expect(page.text).toContain("<h1>Import members</h1>");
    expect(page.text).toContain('enctype="multipart/form-data"');
    expect(page.text).toMatch(/<label for="field-file">CSV file<\/label>/);
    expect(page.text).toContain('accept=".csv,text/csv"');
    expect(page.text).toContain("<caption>Recognised columns");
    expect(page.text).toContain("member-workers, staff, clients, partners");
    expect(page.text).toContain("<code>courriel</code>");
  });

  it("imports a file without errors at once, lower-cases e-mails and audits counts only", async () => {
    const before = await counts(t.deps.db);
    const res = await upload(admin, memberFixture("members-fr-semicolon-bom.csv"), "registre.csv");
    expect(res.status).toBe(303);
    expect(res.location).toMatch(/^\/en\/admin\/organisations\/smart-be\/import\/result\/\d+$/);
    const result = await admin.follow(res);
    expect(result.status).toBe(200);
    expect(result.text).toContain("<h1>Import done</h1>");
    expect(result.text).toMatch(/Members added<\/th>\s*<td class="number">5<\/td>/);
    expect(result.text).toMatch(/Members updated<\/th>\s*<td class="number">0<\/td>/);

    const after = await counts(t.deps.db);
    expect(after).toEqual({
      ...before,
      persons: before.persons + 5,
      members: before.members + 5,
      audit: before.audit + 1,
    });
    expect(await membershipOf("samir.ouali@example.org")).toMatchObject({
      name: "Samir Ouali",
      shares: 0,
      isShareholder: false,
      language: "fr",
    });
    expect(await membershipOf("noemie.carlier@example.org")).toMatchObject({
      shares: 12,
      isShareholder: true,
      language: "en",
      memberNumber: "R-0005",
    });

    const [entry] = await t.deps.db.select().from(auditLog).where(eq(auditLog.action, "members.imported"));
    expect(entry!.data).toEqual({ created: 5, updated: 0, unchanged: 0, skipped: 0, rows: 5, source: "web" });
    expect(JSON.stringify(entry)).not.toMatch(/@|Dubreuil|registre/);
  });

  it("re-importing the same file (or its `,` twin) changes nothing and creates no duplicates", async () => {
    const before = await membershipSnapshot(t.deps.db);
    const again = await admin.follow(await upload(admin, memberFixture("members-fr-semicolon-bom.csv")));
    expect(again.text).toMatch(/Members added<\/th>\s*<td class="number">0<\/td>/);
    expect(again.text).toMatch(/Members unchanged<\/th>\s*<td class="number">5<\/td>/);
    const twin = await admin.follow(await upload(admin, memberFixture("members-en-comma.csv")));
    expect(twin.text).toMatch(/Members unchanged<\/th>\s*<td class="number">5<\/td>/);
    expect(await membershipSnapshot(t.deps.db)).toBe(before);
    const found = await t.deps.db
      .select({ id: persons.id })
      .from(persons)
      .where(inArray(persons.email, ["lea.dubreuil@example.org", "samir.ouali@example.org"]));
    expect(found).toHaveLength(2);
  });

  it("updates what changed and leaves absent optional columns alone", async () => {
    const res = await upload(
      admin,
      "email,name,college,shares\nlea.dubreuil@example.org,Léa Dubreuil-Marchal,member-workers,5\nanke.hoffmann@example.org,Anke Hoffmann,staff,0\n",
    );
    const page = await admin.follow(res);
    expect(page.text).toMatch(/Members updated<\/th>\s*<td class="number">1<\/td>/);
    expect(page.text).toMatch(/Members unchanged<\/th>\s*<td class="number">1<\/td>/);
    expect(await membershipOf("lea.dubreuil@example.org")).toMatchObject({
      name: "Léa Dubreuil-Marchal",
      shares: 5,
      isShareholder: true,
      memberNumber: "R-0001",
      language: "fr",
    });
  });

  it("1,000 rows with 3 bad rows: shows the 3 reasons, changes nothing until confirmed, then imports 997", async () => {
    const csv = registerCsv(1000, { 99: "email", 499: "college", 899: "duplicate" });
    const before = await counts(t.deps.db);
    const snapshot = await membershipSnapshot(t.deps.db);

    const review = await upload(admin, csv, "register-2026.csv");
    expect(review.status).toBe(422);
    expect(review.text).toContain("<h1>The file has errors</h1>");
    expect(review.text).toContain("Lines read: 1,000. Good lines: 997. Lines with errors: 3.");
    expect(review.text).toContain("Nothing has been imported yet.");
    const rows = [
      ...review.text.matchAll(
        /<tr><th scope="row" class="number">(\d+)<\/th><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g,
      ),
    ].map((m) => [Number(m[1]), m[3], m[4]]);
    expect(rows).toEqual([
      [101, "courriel", "Not a valid e-mail address."],
      [501, "collège", "Unknown college “volunteers”: use the key of one of the organisation&#39;s colleges."],
      [901, "courriel", "Duplicate of line 2: same e-mail address."],
    ]);
    expect(review.text).toContain("Import the good lines (997)");
    expect(await membershipSnapshot(t.deps.db)).toBe(snapshot);
    expect(await counts(t.deps.db)).toEqual({ ...before, pending: before.pending + 1 });

    const id = pendingIdOf(review);
    const reopened = await admin.get(`${IMPORT_PATH}/${id}`);
    expect(reopened.status).toBe(200);
    expect(reopened.text).toContain("Duplicate of line 2: same e-mail address.");

    const started = performance.now();
    const confirmed = await admin.post(`${IMPORT_PATH}/${id}/confirm`);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(confirmed.status).toBe(303);
    const result = await admin.follow(confirmed);
    expect(result.text).toMatch(/Members added<\/th>\s*<td class="number">997<\/td>/);
    expect(result.text).toMatch(/Lines skipped \(errors\)<\/th>\s*<td class="number">3<\/td>/);
    expect(await counts(t.deps.db)).toEqual({
      persons: before.persons + 997,
      members: before.members + 997,
      audit: before.audit + 1,
      pending: before.pending,
    });
    expect(await membershipOf("reg99-at-example.org")).toBeUndefined();

    // The pending import is used up: a second click finds nothing.
    expect((await admin.post(`${IMPORT_PATH}/${id}/confirm`)).status).toBe(404);
    expect((await admin.get(`${IMPORT_PATH}/${id}`)).status).toBe(404);
  });

  it("cancel drops the pending import and changes nothing", async () => {
    const before = await counts(t.deps.db);
    const review = await upload(admin, registerCsv(20, { 3: "college" }, "cancel"));
    expect(review.status).toBe(422);
    const id = pendingIdOf(review);
    const cancelled = await admin.post(`${IMPORT_PATH}/${id}/cancel`);
    expect(cancelled.status).toBe(303);
    expect(cancelled.location).toBe(`${IMPORT_PATH}?cancelled=1`);
    expect((await admin.follow(cancelled)).text).toContain("The import was cancelled. Nothing was changed.");
    expect(await counts(t.deps.db)).toEqual(before);
    expect((await admin.post(`${IMPORT_PATH}/${id}/confirm`)).status).toBe(404);
  });

  it("drops pending imports older than a day when a new one is stored", async () => {
    const first = pendingIdOf(await upload(admin, registerCsv(5, { 1: "email" }, "old")));
    await t.deps.db
      .update(pendingImports)
      .set({ createdAt: new Date(Date.now() - 25 * 3600 * 1000) })
      .where(eq(pendingImports.id, first));
    expect((await admin.get(`${IMPORT_PATH}/${first}`)).status).toBe(404);
    const second = pendingIdOf(await upload(admin, registerCsv(5, { 1: "email" }, "new")));
    const left = await t.deps.db.select({ id: pendingImports.id }).from(pendingImports);
    expect(left.map((p) => p.id)).toContain(second);
    expect(left.map((p) => p.id)).not.toContain(first);
    await admin.post(`${IMPORT_PATH}/${second}/cancel`);
  });

  describe("refused files change nothing", () => {
    async function refused(bytes: Uint8Array | string, fileName = "members.csv") {
      const before = await counts(t.deps.db);
      const snapshot = await membershipSnapshot(t.deps.db);
      const page = await upload(admin, bytes, fileName);
      expect(await counts(t.deps.db)).toEqual(before);
      expect(await membershipSnapshot(t.deps.db)).toBe(snapshot);
      return page;
    }

    it("a Latin-1 file", async () => {
      const page = await refused(memberFixture("members-latin1.csv"));
      expect(page.status).toBe(422);
      expect(page.text).toContain("There is a problem");
      expect(page.text).toContain(
        "The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8 (comma delimited)”",
      );
      expect(page.text).toContain('aria-invalid="true"');
    });

    it("a file without the college column", async () => {
      const page = await refused(memberFixture("members-missing-college.csv"));
      expect(page.status).toBe(422);
      expect(page.text).toContain("Required columns missing from the first line: college.");
    });

    it("a malformed quote, with its line", async () => {
      const page = await refused(memberFixture("members-malformed-quote.csv"));
      expect(page.status).toBe(422);
      expect(page.text).toContain("Line 3: a quotation mark (&quot;) is not closed or is out of place.");
    });

    it("5 MB of junk, with one clear error and quickly", async () => {
      const junk = new Uint8Array(5 * 1024 * 1024);
      let seed = 7;
      for (let i = 0; i < junk.length; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        junk[i] = seed >> 16;
      }
      const started = performance.now();
      const page = await refused(junk, "junk.csv");
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(page.status).toBe(422);
      expect(page.text).toContain("The file is not UTF-8 text.");
      expect(page.text).not.toContain("<table><caption>Errors");
    });

    it("a file over 5 MB, and a request over the upload limit", async () => {
      const over = await refused(`email,name,college\n${"x".repeat(5 * 1024 * 1024)}`);
      expect(over.status).toBe(422);
      expect(over.text).toContain("The file is larger than 5 MB.");
      const huge = await refused(new Uint8Array(7 * 1024 * 1024).fill(0x41));
      expect(huge.status).toBe(413);
    });

    it("no file at all", async () => {
      await admin.get(IMPORT_PATH);
      const page = await admin.postMultipart(IMPORT_PATH, new FormData());
      expect(page.status).toBe(422);
      expect(page.text).toContain("Choose a CSV file.");
    });
  });

  it("keeps HTML and script in names inert on the review page, the result and the members page", async () => {
    const review = await upload(admin, memberFixture("members-bad-rows.csv"), "<img src=x onerror=alert(1)>.csv");
    expect(review.status).toBe(422);
    expect(review.text).not.toContain("<script>alert");
    expect(review.text).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    expect(review.text).toContain("File: &lt;img src=x onerror=alert(1)&gt;.csv");
    expect(review.text).not.toContain("<img");
    for (const reason of [
      "A shareholder holds at least one share: give the number of shares.",
      "Duplicate of line 2: same e-mail address.",
      "Unknown college “volunteers”",
      "Unknown office “Atlantis”",
      "Not a valid e-mail address.",
      "Too long: at most 200 characters.",
      "Shares are given for someone who is not a shareholder.",
    ]) {
      expect(review.text).toContain(reason);
    }
    expect(review.text).toContain("Import the good lines (2)");

    const result = await admin.follow(await admin.post(`${IMPORT_PATH}/${pendingIdOf(review)}/confirm`));
    expect(result.text).toMatch(/Members added<\/th>\s*<td class="number">2<\/td>/);
    expect(result.text).toMatch(/Lines skipped \(errors\)<\/th>\s*<td class="number">7<\/td>/);
    expect(await membershipOf("scriptalert1script@example.org")).toMatchObject({ name: "<script>alert(1)</script>" });

    const members = await admin.get("/en/admin/organisations/smart-be/members?q=scriptalert1script");
    expect(members.status).toBe(200);
    expect(members.text).not.toContain("<script>alert");
    expect(members.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("stores tricky text exactly, and never renames a person shared with another organisation", async () => {
    const tricky = `Zoë "Zozo" {O'Brien}, \\ NULL 🙂 中`;
    const [before] = await t.deps.db
      .select({ name: persons.name })
      .from(persons)
      .where(eq(persons.email, "member04@demo.letscoop.test"));
    const csv = [
      "email;name;college;sector;member_number",
      `tricky@example.org;"${tricky.replace(/"/g, '""')}";staff;"a;b,c";NULL`,
      "MEMBER04@demo.letscoop.test;Renamed By Import;staff;;",
      "admin@demo.letscoop.test;Mallory;staff;;",
    ].join("\n");
    const result = await admin.follow(await upload(admin, csv));
    expect(result.text).toMatch(/Members added<\/th>\s*<td class="number">3<\/td>/);
    expect(await membershipOf("tricky@example.org")).toMatchObject({ name: tricky, memberNumber: "NULL" });
    // member04 belongs to smart-fr, the demo admin holds an instance-wide role: their names stay.
    expect(await membershipOf("member04@demo.letscoop.test")).toMatchObject({ name: before!.name });
    expect(await membershipOf("admin@demo.letscoop.test")).toMatchObject({ name: "Ada Lindqvist" });
  });

  it("shows an import's result only to the admin who made it, in its organisation", async () => {
    const res = await upload(admin, "email,name,college\nresult.owner@example.org,Result Owner,staff\n");
    const resultPath = res.location!;
    expect((await admin.get(resultPath)).status).toBe(200);
    expect((await admin.get(resultPath.replace("smart-be", "smart-fr"))).status).toBe(404);
    expect((await admin.get(`${IMPORT_PATH}/result/1`)).status).toBe(404);
  });
});
