import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, authTokens, persons, sessions } from "../../src/db/schema/index.js";
import { linkIn, mailsTo, settle, waitForMails } from "../mail/eml.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";

describe.each(ENGINES)("sign-in by e-mailed link (%s)", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await settle(); // e-mails still being written after the last answer
    await t.close();
  });

  const personId = async (email: string) =>
    (await t.deps.db.select({ id: persons.id }).from(persons).where(eq(persons.email, email)))[0]!.id;
  const tokensOf = async (email: string) =>
    t.deps.db
      .select()
      .from(authTokens)
      .where(and(eq(authTokens.personId, await personId(email)), eq(authTokens.purpose, "magic_link")));

  /** Asks for a link as a person would and reads it from the e-mail they receive. */
  async function askLink(email: string, locale = "en", address = "198.51.100.1") {
    const browser = new TestClient(t, { "x-test-client-address": address });
    await browser.get(`/${locale}/sign-in/magic-link`);
    const before = mailsTo(await t.outbox(), email).length;
    const res = await browser.post(`/${locale}/sign-in/magic-link`, { email });
    expect(res.status).toBe(303);
    const mails = await waitForMails(() => t.outbox(), email, before + 1);
    expect(mails.length).toBe(before + 1);
    const mail = mails[mails.length - 1]!;
    return { mail, link: linkIn(mail, "/sign-in/magic/") };
  }

  it("sends a link in the person's language; GET only confirms, POST signs in once", async () => {
    const { mail, link } = await askLink("member@demo.letscoop.test");
    // The member's language is French, whatever the language of the page that asked.
    expect(mail.headers.get("content-language")).toBe("fr");
    expect(mail.headers.get("subject")).toBe("Votre lien de connexion à LetsCoop");
    expect(link).toMatch(/^\/fr\/sign-in\/magic\/[a-z2-7]{32}$/);
    expect(mail.text).toContain("Bonjour Greta Schoonbroodt,");

    const browser = new TestClient(t);
    // A mail scanner (or the person) fetching the link twice uses nothing.
    for (let i = 0; i < 2; i++) {
      const page = await browser.get(link);
      expect(page.status).toBe(200);
      expect(page.text).toContain("Confirmer la connexion");
      expect(page.text).toContain(`action="${link}"`);
    }
    expect((await tokensOf("member@demo.letscoop.test")).every((r) => r.usedAt === null)).toBe(true);

    const res = await browser.post(link);
    expect(res.status).toBe(303);
    expect(res.location).toBe("/fr/account");
    const account = await browser.follow(res);
    expect(account.status).toBe(200);
    expect(account.text).toContain("Greta Schoonbroodt");

    const audit = await t.deps.db.select().from(auditLog).where(eq(auditLog.action, "auth.magic_link_used"));
    expect(audit.map((a) => a.subjectId)).toContain(await personId("member@demo.letscoop.test"));
    expect(JSON.stringify(audit)).not.toContain("member@demo");

    // Used once: a second use, in any browser, is refused and says why.
    const other = new TestClient(t);
    const again = await other.get(link);
    expect(again.status).toBe(410);
    expect(again.text).toContain("Ce lien a déjà été utilisé");
    expect(again.text).toContain('href="/fr/sign-in/magic-link"');
    await other.get("/fr/sign-in"); // a page with a form, for a valid CSRF token
    const reuse = await other.post(link);
    expect(reuse.status).toBe(410);
    expect((await other.get("/fr/account")).status).toBe(303);
  });

  it("writes to each person in their own language", async () => {
    const { mail, link } = await askLink("member02@demo.letscoop.test", "fr");
    expect(mail.headers.get("content-language")).toBe("nl");
    expect(mail.headers.get("subject")).toBe("Uw aanmeldlink voor LetsCoop");
    expect(link.startsWith("/nl/sign-in/magic/")).toBe(true);
    const en = await askLink("member06@demo.letscoop.test", "fr");
    expect(en.mail.headers.get("content-language")).toBe("en");
    expect(en.mail.html).toContain('lang="en"');
  });

  it("answers the same for an unknown address and writes no e-mail", async () => {
    const browser = new TestClient(t, { "x-test-client-address": "198.51.100.2" });
    await browser.get("/en/sign-in/magic-link");
    const count = (await t.outbox()).length;
    const unknown = await browser.post("/en/sign-in/magic-link", { email: "nobody@demo.letscoop.test" });
    const known = await browser.post("/en/sign-in/magic-link", { email: "board@demo.letscoop.test" });
    await waitForMails(() => t.outbox(), "board@demo.letscoop.test", 1);
    await settle();
    expect((await t.outbox()).length).toBe(count + 1);
    expect(mailsTo(await t.outbox(), "nobody@demo.letscoop.test")).toHaveLength(0);
    expect(unknown.status).toBe(303);
    expect(known.status).toBe(303);
    expect(unknown.location).toBe(known.location);
    const a = await browser.follow(unknown);
    const b = await browser.follow(known);
    expect(a.text).toBe(b.text);
    expect(a.text).toContain("If an account exists for this address");
  });

  it("refuses a malformed address with a clear message", async () => {
    const browser = new TestClient(t);
    await browser.get("/en/sign-in/magic-link");
    const res = await browser.post("/en/sign-in/magic-link", { email: "not-an-address" });
    expect(res.status).toBe(422);
    expect(res.text).toContain("Enter a valid e-mail address");
    expect(res.text).toContain('value="not-an-address"');
  });

  it("refuses an expired link and changes nothing", async () => {
    const { link } = await askLink("secretary@demo.letscoop.test");
    await t.deps.db
      .update(authTokens)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(authTokens.personId, await personId("secretary@demo.letscoop.test")));
    const browser = new TestClient(t);
    const page = await browser.get(link);
    expect(page.status).toBe(410);
    expect(page.text).toContain("Ce lien a expiré");
    const sessionsBefore = (await t.deps.db.select().from(sessions)).length;
    await browser.get("/en/sign-in"); // a page with a form, for a valid CSRF token
    const res = await browser.post(link);
    expect(res.status).toBe(410);
    expect((await t.deps.db.select().from(sessions)).length).toBe(sessionsBefore);
    expect((await tokensOf("secretary@demo.letscoop.test")).every((r) => r.usedAt === null)).toBe(true);
  });

  it("refuses an unknown or malformed link with 400", async () => {
    const browser = new TestClient(t);
    for (const token of ["a".repeat(32), "not-a-token", "<script>"]) {
      const page = await browser.get(`/en/sign-in/magic/${encodeURIComponent(token)}`);
      expect(page.status).toBe(400);
      expect(page.text).toContain("This link is not valid");
      expect(page.text).toContain('href="/en/sign-in/magic-link"');
    }
    await browser.get("/en/sign-in/magic-link");
    const res = await browser.post(`/en/sign-in/magic/${"b".repeat(32)}`);
    expect(res.status).toBe(400);
  });

  it("refuses a forged CSRF token without using the link", async () => {
    const { link } = await askLink("ethics@demo.letscoop.test");
    const browser = new TestClient(t);
    await browser.get(link);
    const res = await browser.post(link, { _csrf: "forged" });
    expect(res.status).toBe(403);
    expect((await tokensOf("ethics@demo.letscoop.test")).every((r) => r.usedAt === null)).toBe(true);
    expect((await browser.post(link)).status).toBe(303);
  });

  it("ends the browser's previous session when the link signs someone in", async () => {
    const browser = new TestClient(t);
    await browser.signIn("admin@demo.letscoop.test");
    const adminId = await personId("admin@demo.letscoop.test");
    expect((await t.deps.db.select().from(sessions).where(eq(sessions.personId, adminId))).length).toBe(1);
    const { link } = await askLink("guest@demo.letscoop.test");
    await browser.get(link);
    const res = await browser.post(link);
    expect(res.status).toBe(303);
    expect((await t.deps.db.select().from(sessions).where(eq(sessions.personId, adminId))).length).toBe(0);
    expect((await browser.follow(res)).text).toContain("Hugo Lemaire");
  });

  it("refuses the 11th request for one address within the window with 429", async () => {
    const browser = new TestClient(t, { "x-test-client-address": "198.51.100.99" });
    await browser.get("/en/sign-in/magic-link");
    for (let i = 1; i <= 10; i++) {
      expect((await browser.post("/en/sign-in/magic-link", { email: "rate@demo.letscoop.test" })).status).toBe(303);
    }
    const refused = await browser.post("/en/sign-in/magic-link", { email: "rate@demo.letscoop.test" });
    expect(refused.status).toBe(429);
    expect(refused.text).toContain("Too many attempts");
  });

  it("limits requests per client address across many e-mail addresses", async () => {
    const browser = new TestClient(t, { "x-test-client-address": "198.51.100.123" });
    await browser.get("/en/sign-in/magic-link");
    for (let i = 1; i <= 50; i++) {
      expect((await browser.post("/en/sign-in/magic-link", { email: `spray${i}@example.org` })).status).toBe(303);
    }
    expect((await browser.post("/en/sign-in/magic-link", { email: "spray51@example.org" })).status).toBe(429);
  });
});
