import { and, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../src/auth/passwords.js";
import { createSession } from "../../src/auth/sessions.js";
import { auditLog, memberships, persons, sessions } from "../../src/db/schema/index.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";

describe.each(ENGINES)("the member's account page (%s)", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t.close());

  const person = async (email: string) => (await t.deps.db.select().from(persons).where(eq(persons.email, email)))[0]!;
  const membershipsOf = async (email: string) =>
    t.deps.db
      .select()
      .from(memberships)
      .where(eq(memberships.personId, (await person(email)).id));

  async function signedIn(email: string, locale = "en") {
    const browser = new TestClient(t);
    await browser.signIn(email, undefined, locale);
    await browser.get(`/${locale}/account`);
    return browser;
  }

  it("sends visitors to sign in, for the page and for every form", async () => {
    const visitor = new TestClient(t);
    const page = await visitor.get("/en/account");
    expect(page.status).toBe(303);
    expect(page.location).toBe("/en/sign-in?next=%2Fen%2Faccount");
    const [m] = await membershipsOf("member@demo.letscoop.test");
    await visitor.get("/en/sign-in");
    for (const [path, fields] of [
      ["/en/account/profile", { name: "X", locale: "en" }],
      [`/en/account/memberships/${m!.id}/directory`, { optIn: "false" }],
      [
        "/en/account/password",
        { currentPassword: "letscoop-demo", newPassword: "x".repeat(12), newPasswordConfirmation: "x".repeat(12) },
      ],
    ] as const) {
      const res = await visitor.post(path, fields);
      expect(res.status, path).toBe(303);
      expect(res.location!.startsWith("/en/sign-in"), path).toBe(true);
    }
    expect((await membershipsOf("member@demo.letscoop.test"))[0]!.directoryOptIn).toBe(true);
  });

  it("shows the person, their language and each membership with labels in the page language", async () => {
    const browser = await signedIn("member@demo.letscoop.test");
    const page = await browser.get("/en/account");
    expect(page.status).toBe(200);
    expect(page.text).toContain("<h1>My account</h1>");
    expect(page.text).toContain("member@demo.letscoop.test");
    expect(page.text).toContain('value="Greta Schoonbroodt"');
    expect(page.text).toContain('<option value="fr" selected="">Français</option>');
    expect(page.text).toContain("Smart Belgique");
    expect(page.text).toContain("Member-workers");
    expect(page.text).toContain("D-0007");
    expect(page.text).toContain("Smart Bruxelles");
    expect(page.text).toContain("Arts de la scène");
    expect(page.text).toContain("You appear in the directory.");
    const nl = await browser.get("/nl/account");
    expect(nl.text).toContain("Gebruikers-leden");
    expect(nl.text).toContain("<h1>Mijn account</h1>");
  });

  it("saves the name and language, then shows the page in the language chosen", async () => {
    const browser = await signedIn("guest@demo.letscoop.test");
    const res = await browser.post("/en/account/profile", { name: "  Hugo L.  ", locale: "de" });
    expect(res.status).toBe(303);
    expect(res.location).toBe("/de/account?saved=profile");
    const page = await browser.follow(res);
    expect(page.text).toContain("Ihr Profil wurde gespeichert.");
    expect(page.text).toContain('lang="de"');
    const saved = await person("guest@demo.letscoop.test");
    expect(saved.name).toBe("Hugo L.");
    expect(saved.locale).toBe("de");
  });

  it("refuses an over-long or empty name and an unknown language, saving nothing", async () => {
    const browser = await signedIn("secretary@demo.letscoop.test");
    const before = await person("secretary@demo.letscoop.test");
    const long = await browser.post("/en/account/profile", { name: "D".repeat(201), locale: "nl" });
    expect(long.status).toBe(422);
    expect(long.text).toContain("This text is too long (at most 200 characters).");
    expect(long.text).toContain(`value="${"D".repeat(201)}"`);
    const empty = await browser.post("/en/account/profile", { name: "   ", locale: "nl" });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain("This field is required.");
    const locale = await browser.post("/en/account/profile", { name: "Dries", locale: "xx" });
    expect(locale.status).toBe(422);
    expect(locale.text).toContain("Choose one of the values offered.");
    expect(await person("secretary@demo.letscoop.test")).toEqual(before);
  });

  it("renders a name holding HTML as inert text", async () => {
    const browser = await signedIn("ethics@demo.letscoop.test");
    const res = await browser.post("/en/account/profile", {
      name: "<script>alert(1)</script><b>Farid</b>",
      locale: "en",
    });
    expect(res.status).toBe(303);
    const page = await browser.follow(res);
    expect(page.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;Farid&lt;/b&gt;");
    expect(page.text).not.toContain("<script>alert");
    expect(page.text).not.toContain("<b>Farid");
  });

  it("toggles the directory opt-in of one's own membership", async () => {
    const browser = await signedIn("board@demo.letscoop.test");
    const [m] = await membershipsOf("board@demo.letscoop.test");
    expect(m!.directoryOptIn).toBe(true);
    expect((await browser.get("/en/account")).text).toContain("Remove me from the directory of Smart Belgique");
    const res = await browser.post(`/en/account/memberships/${m!.id}/directory`, { optIn: "false" });
    expect(res.status).toBe(303);
    expect(res.location).toBe("/en/account?saved=directory");
    const page = await browser.follow(res);
    expect(page.text).toContain("Your directory choice has been saved.");
    expect(page.text).toContain("Appear in the directory of Smart Belgique");
    expect((await membershipsOf("board@demo.letscoop.test"))[0]!.directoryOptIn).toBe(false);
    const audit = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "membership.updated"), eq(auditLog.subjectId, m!.id)));
    expect(audit).toHaveLength(1);
    expect(await browser.post(`/en/account/memberships/${m!.id}/directory`, { optIn: "true" })).toMatchObject({
      status: 303,
    });
    expect((await membershipsOf("board@demo.letscoop.test"))[0]!.directoryOptIn).toBe(true);
  });

  it("answers 404 for another person's membership id and changes nothing", async () => {
    const browser = await signedIn("member@demo.letscoop.test");
    const others = await t.deps.db
      .select()
      .from(memberships)
      .where(ne(memberships.personId, (await person("member@demo.letscoop.test")).id))
      .limit(3);
    for (const other of others) {
      const res = await browser.post(`/en/account/memberships/${other.id}/directory`, {
        optIn: String(!other.directoryOptIn),
      });
      expect(res.status).toBe(404);
      const [after] = await t.deps.db.select().from(memberships).where(eq(memberships.id, other.id));
      expect(after!.directoryOptIn).toBe(other.directoryOptIn);
    }
    for (const id of ["00000000-0000-4000-8000-000000000000", "not-a-uuid", "1"]) {
      expect((await browser.post(`/en/account/memberships/${id}/directory`, { optIn: "true" })).status).toBe(404);
    }
  });

  it("refuses a forged CSRF token", async () => {
    const browser = await signedIn("member@demo.letscoop.test");
    const before = await person("member@demo.letscoop.test");
    const res = await browser.post("/en/account/profile", { _csrf: "forged", name: "Forged", locale: "en" });
    expect(res.status).toBe(403);
    expect(await person("member@demo.letscoop.test")).toEqual(before);
  });

  it("changes the password after checking the current one and ends every other session", async () => {
    const email = "member05@demo.letscoop.test";
    // Demo members 01..60 have no password: give one for this test.
    await t.deps.db
      .update(persons)
      .set({ passwordHash: await hashPassword("letscoop-demo") })
      .where(eq(persons.email, email));
    const other = await signedIn(email);
    const browser = await signedIn(email);
    const id = (await person(email)).id;
    expect((await t.deps.db.select().from(sessions).where(eq(sessions.personId, id))).length).toBe(2);

    const wrong = await browser.post("/en/account/password", {
      currentPassword: "not-the-password",
      newPassword: "a fresh passphrase",
      newPasswordConfirmation: "a fresh passphrase",
    });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain("The current password is wrong.");
    const differ = await browser.post("/en/account/password", {
      currentPassword: "letscoop-demo",
      newPassword: "a fresh passphrase",
      newPasswordConfirmation: "another passphrase",
    });
    expect(differ.status).toBe(422);
    expect(differ.text).toContain("The two passwords are not the same.");
    const short = await browser.post("/en/account/password", {
      currentPassword: "letscoop-demo",
      newPassword: "short",
      newPasswordConfirmation: "short",
    });
    expect(short.status).toBe(422);
    expect(short.text).toContain("The password must be at least 10 characters long.");
    expect(await verifyPassword((await person(email)).passwordHash, "letscoop-demo")).toBe(true);

    const res = await browser.post("/en/account/password", {
      currentPassword: "letscoop-demo",
      newPassword: "a fresh passphrase",
      newPasswordConfirmation: "a fresh passphrase",
    });
    expect(res.status).toBe(303);
    expect((await browser.follow(res)).text).toContain("Your password has been changed.");
    expect(await verifyPassword((await person(email)).passwordHash, "a fresh passphrase")).toBe(true);
    expect((await t.deps.db.select().from(sessions).where(eq(sessions.personId, id))).length).toBe(1);
    expect((await other.get("/en/account")).status).toBe(303);
    expect((await browser.get("/en/account")).status).toBe(200);
    const audit = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.password_changed"), eq(auditLog.subjectId, id)));
    expect(audit).toHaveLength(1);
  });

  it("limits wrong current passwords like sign-in (429 after 10)", async () => {
    const browser = await signedIn("admin@demo.letscoop.test");
    const fields = {
      currentPassword: "wrong-password",
      newPassword: "a fresh passphrase",
      newPasswordConfirmation: "a fresh passphrase",
    };
    for (let i = 1; i <= 10; i++) expect((await browser.post("/en/account/password", fields)).status).toBe(422);
    expect((await browser.post("/en/account/password", fields)).status).toBe(429);
  });

  it("offers a reset link instead of the form to someone without a password", async () => {
    const email = "member07@demo.letscoop.test";
    const id = (await person(email)).id;
    const { token } = await createSession(t.deps.db, id);
    // Signed in by e-mailed link only: a session without a password.
    const browser = new TestClient(t, { cookie: `lc_session=${token}` });
    const page = await browser.get("/en/account");
    expect(page.status).toBe(200);
    expect(page.text).toContain('href="/en/password/forgot"');
    expect(page.text).not.toContain('name="currentPassword"');
  });
});
