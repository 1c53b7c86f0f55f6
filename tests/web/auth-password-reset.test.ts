import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../src/auth/passwords.js";
import { auditLog, authTokens, persons, sessions } from "../../src/db/schema/index.js";
import { linkIn, mailsTo, settle, waitForMails } from "../mail/eml.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";

const NEW_PASSWORD = "a brand new passphrase";

describe.each(ENGINES)("password reset (%s)", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await settle(); // e-mails still being written after the last answer
    await t.close();
  });

  const person = async (email: string) => (await t.deps.db.select().from(persons).where(eq(persons.email, email)))[0]!;
  const resetTokensOf = async (email: string) =>
    t.deps.db
      .select()
      .from(authTokens)
      .where(and(eq(authTokens.personId, (await person(email)).id), eq(authTokens.purpose, "password_reset")));

  async function askReset(email: string, address = "192.0.2.10") {
    const browser = new TestClient(t, { "x-test-client-address": address });
    await browser.get("/en/password/forgot");
    const before = mailsTo(await t.outbox(), email).length;
    const res = await browser.post("/en/password/forgot", { email });
    expect(res.status).toBe(303);
    expect(res.location).toBe("/en/password/forgot/sent");
    const mails = await waitForMails(() => t.outbox(), email, before + 1);
    const mail = mails[mails.length - 1]!;
    return { mail, link: linkIn(mail, "/password/reset/") };
  }

  it("sets a new password by the e-mailed link, ends every session, signs in", async () => {
    const email = "board@demo.letscoop.test";
    const elsewhere = new TestClient(t);
    await elsewhere.signIn(email);
    expect((await elsewhere.get("/en/account")).status).toBe(200);

    const { mail, link } = await askReset(email);
    expect(mail.headers.get("content-language")).toBe("fr");
    expect(link).toMatch(/^\/fr\/password\/reset\/[a-z2-7]{32}$/);

    const browser = new TestClient(t);
    const form = await browser.get(link);
    expect(form.status).toBe(200);
    expect(form.text).toContain("Choisir un nouveau mot de passe");
    expect(form.text).toContain('autocomplete="new-password"');

    // Refused forms do not use the link.
    const short = await browser.post(link, { newPassword: "short", newPasswordConfirmation: "short" });
    expect(short.status).toBe(422);
    expect(short.text).toContain("Le mot de passe doit compter au moins 10 caractères.");
    const differ = await browser.post(link, {
      newPassword: NEW_PASSWORD,
      newPasswordConfirmation: "something else entirely",
    });
    expect(differ.status).toBe(422);
    expect(differ.text).toContain("Les deux mots de passe ne sont pas identiques.");
    const long = await browser.post(link, { newPassword: "x".repeat(201), newPasswordConfirmation: "x".repeat(201) });
    expect(long.status).toBe(422);
    expect(long.text).not.toContain("x".repeat(201));
    expect((await resetTokensOf(email)).every((r) => r.usedAt === null)).toBe(true);
    const before = await person(email);

    const res = await browser.post(link, { newPassword: NEW_PASSWORD, newPasswordConfirmation: NEW_PASSWORD });
    expect(res.status).toBe(303);
    expect(res.location).toBe("/fr/account");
    expect((await browser.follow(res)).text).toContain("Elena Moravec");

    const after = await person(email);
    expect(after.passwordHash).not.toBe(before.passwordHash);
    expect(after.passwordHash!.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(after.passwordHash, NEW_PASSWORD)).toBe(true);
    // The other browser's session has ended; only the new one remains.
    expect((await elsewhere.get("/en/account")).status).toBe(303);
    expect((await t.deps.db.select().from(sessions).where(eq(sessions.personId, after.id))).length).toBe(1);
    const audit = await t.deps.db.select().from(auditLog).where(eq(auditLog.action, "auth.password_reset"));
    expect(audit.map((a) => a.subjectId)).toContain(after.id);

    // The old password no longer signs in, the new one does.
    const fresh = new TestClient(t);
    await fresh.get("/en/sign-in");
    expect((await fresh.post("/en/sign-in", { email, password: "letscoop-demo" })).status).toBe(422);
    expect((await fresh.post("/en/sign-in", { email, password: NEW_PASSWORD })).status).toBe(303);

    // The link served once.
    const again = new TestClient(t);
    const reused = await again.get(link);
    expect(reused.status).toBe(410);
    expect(reused.text).toContain("Ce lien a déjà été utilisé");
    expect(reused.text).toContain('href="/fr/password/forgot"');
  });

  it("refuses an expired link and keeps the password", async () => {
    const email = "manager@demo.letscoop.test";
    const { link } = await askReset(email);
    await t.deps.db
      .update(authTokens)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(authTokens.personId, (await person(email)).id));
    const before = await person(email);
    const browser = new TestClient(t);
    const page = await browser.get(link);
    expect(page.status).toBe(410);
    expect(page.text).toContain("Ce lien a expiré");
    await browser.get("/fr/sign-in");
    const res = await browser.post(link, { newPassword: NEW_PASSWORD, newPasswordConfirmation: NEW_PASSWORD });
    expect(res.status).toBe(410);
    expect((await person(email)).passwordHash).toBe(before.passwordHash);
  });

  it("refuses an unknown link with 400", async () => {
    const browser = new TestClient(t);
    const page = await browser.get(`/en/password/reset/${"c".repeat(32)}`);
    expect(page.status).toBe(400);
    expect(page.text).toContain("This link is not valid");
    await browser.get("/en/sign-in");
    const res = await browser.post(`/en/password/reset/${"c".repeat(32)}`, {
      newPassword: NEW_PASSWORD,
      newPasswordConfirmation: NEW_PASSWORD,
    });
    expect(res.status).toBe(400);
  });

  it("refuses a forged CSRF token and keeps the password and the link", async () => {
    const email = "facilitator@demo.letscoop.test";
    const { link } = await askReset(email);
    const before = await person(email);
    const browser = new TestClient(t);
    await browser.get(link);
    const res = await browser.post(link, {
      _csrf: "forged",
      newPassword: NEW_PASSWORD,
      newPasswordConfirmation: NEW_PASSWORD,
    });
    expect(res.status).toBe(403);
    expect((await person(email)).passwordHash).toBe(before.passwordHash);
    expect((await resetTokensOf(email)).every((r) => r.usedAt === null)).toBe(true);
  });

  it("answers the same for an unknown address and writes no e-mail", async () => {
    const browser = new TestClient(t, { "x-test-client-address": "192.0.2.20" });
    await browser.get("/en/password/forgot");
    const count = (await t.outbox()).length;
    const unknown = await browser.post("/en/password/forgot", { email: "nobody@demo.letscoop.test" });
    const known = await browser.post("/en/password/forgot", { email: "member03@demo.letscoop.test" });
    await waitForMails(() => t.outbox(), "member03@demo.letscoop.test", 1);
    await settle();
    expect((await t.outbox()).length).toBe(count + 1);
    expect(mailsTo(await t.outbox(), "nobody@demo.letscoop.test")).toHaveLength(0);
    expect(unknown.location).toBe(known.location);
    expect((await browser.follow(unknown)).text).toBe((await browser.follow(known)).text);
  });

  it("refuses the 11th request for one address within the window with 429", async () => {
    const browser = new TestClient(t, { "x-test-client-address": "192.0.2.30" });
    await browser.get("/en/password/forgot");
    for (let i = 1; i <= 10; i++) {
      expect((await browser.post("/en/password/forgot", { email: "member04@demo.letscoop.test" })).status).toBe(303);
    }
    await waitForMails(() => t.outbox(), "member04@demo.letscoop.test", 10);
    const refused = await browser.post("/en/password/forgot", { email: "member04@demo.letscoop.test" });
    expect(refused.status).toBe(429);
    expect(refused.text).toContain("Too many attempts");
    await settle();
    expect(mailsTo(await t.outbox(), "member04@demo.letscoop.test")).toHaveLength(10);
  });
});
