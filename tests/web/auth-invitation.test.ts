import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../src/auth/passwords.js";
import {
  auditLog,
  authTokens,
  colleges,
  memberships,
  offices,
  organisations,
  persons,
  roleAssignments,
} from "../../src/db/schema/index.js";
import { linkIn, mailsTo } from "../mail/eml.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";

const INVITE_BE = "/en/admin/organisations/smart-be/members/invite";
const INVITE_FR = "/en/admin/organisations/smart-fr/members/invite";
const PASSWORD = "correct horse battery";

describe.each(ENGINES)("invitations (%s)", (engine) => {
  let t: TestApp;
  let be: { id: string };
  let fr: { id: string };
  beforeAll(async () => {
    t = await createTestApp(engine);
    be = (await t.deps.db.select().from(organisations).where(eq(organisations.slug, "smart-be")))[0]!;
    fr = (await t.deps.db.select().from(organisations).where(eq(organisations.slug, "smart-fr")))[0]!;
  });
  afterAll(() => t.close());

  const collegeOf = async (orgId: string, key: string) =>
    (
      await t.deps.db
        .select()
        .from(colleges)
        .where(and(eq(colleges.organisationId, orgId), eq(colleges.key, key)))
    )[0]!;
  const firstOffice = async (orgId: string) =>
    (await t.deps.db.select().from(offices).where(eq(offices.organisationId, orgId)))[0]!;
  const personByEmail = async (email: string) =>
    (await t.deps.db.select().from(persons).where(eq(persons.email, email)))[0];
  const counts = async () => ({
    persons: (await t.deps.db.select({ n: sql<number>`count(*)::int` }).from(persons))[0]!.n,
    memberships: (await t.deps.db.select({ n: sql<number>`count(*)::int` }).from(memberships))[0]!.n,
    tokens: (await t.deps.db.select({ n: sql<number>`count(*)::int` }).from(authTokens))[0]!.n,
    audit: (await t.deps.db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0]!.n,
    mails: (await t.outbox()).length,
  });

  async function adminBrowser(email = "admin@demo.letscoop.test") {
    const browser = new TestClient(t);
    await browser.signIn(email);
    return browser;
  }

  async function validFields(orgId = be.id) {
    return {
      email: "new.person@example.org",
      name: "Nina Nieuw",
      collegeId: (await collegeOf(orgId, "staff")).id,
      officeId: "",
      language: "nl",
      shares: "",
    };
  }

  it("invites a new person, e-mails them in the chosen language, and lets them activate the account", async () => {
    const admin = await adminBrowser();
    const page = await admin.get(INVITE_BE);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Invite a member — Smart Belgique");
    expect(page.text).toContain(">Member-workers</option>");
    expect(page.text).toContain(">Smart Bruxelles</option>");
    // Labels follow the page language.
    expect((await admin.get("/de/admin/organisations/smart-be/members/invite")).text).toContain(
      ">Nutzende Mitglieder</option>",
    );

    const email = "nina@example.org";
    const office = await firstOffice(be.id);
    const res = await admin.post(INVITE_BE, {
      ...(await validFields()),
      email: "  Nina@Example.org ",
      name: 'Nina <script>alert("x")</script>',
      officeId: office.id,
      isShareholder: "on",
      shares: "3",
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${INVITE_BE}?sent=1`);
    expect((await admin.follow(res)).text).toContain("The invitation has been sent.");

    const person = (await personByEmail(email))!;
    expect(person.locale).toBe("nl");
    expect(person.passwordHash).toBeNull();
    const [membership] = await t.deps.db.select().from(memberships).where(eq(memberships.personId, person.id));
    expect(membership).toMatchObject({
      organisationId: be.id,
      officeId: office.id,
      isShareholder: true,
      shares: 3,
      language: "nl",
    });
    const [audit] = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "member.invited"), eq(auditLog.subjectId, membership!.id)));
    expect(audit).toBeDefined();
    expect(audit!.organisationId).toBe(be.id);
    expect(JSON.stringify(audit)).not.toContain("nina");
    expect(JSON.stringify(audit)).not.toContain("Nina");

    const [mail] = mailsTo(await t.outbox(), email);
    expect(mail).toBeDefined();
    expect(mail!.headers.get("content-language")).toBe("nl");
    expect(mail!.headers.get("subject")).toBe("Uitnodiging om Smart Belgique te vervoegen op LetsCoop");
    expect(mail!.html).toContain("Dag Nina &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;,");
    expect(mail!.html).not.toContain("<script>");
    const link = linkIn(mail!, "/invitation/");
    expect(link).toMatch(/^\/nl\/invitation\/[a-z2-7]{32}$/);

    // The person opens the link: the name is prefilled, inert.
    const invited = new TestClient(t);
    const form = await invited.get(link);
    expect(form.status).toBe(200);
    expect(form.text).toContain("Uw account activeren");
    expect(form.text).toContain('value="Nina &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"');
    expect(form.text).not.toContain("<script>alert");

    // A refused form does not use the invitation.
    const refused = await invited.post(link, {
      name: "Nina Nieuw",
      newPassword: "short",
      newPasswordConfirmation: "short",
    });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain("Het wachtwoord moet minstens 10 tekens lang zijn.");
    expect(refused.text).toContain('value="Nina Nieuw"');
    const tooLong = await invited.post(link, {
      name: "N".repeat(201),
      newPassword: PASSWORD,
      newPasswordConfirmation: PASSWORD,
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.text).toContain("Deze tekst is te lang (hoogstens 200 tekens).");
    expect((await personByEmail(email))!.passwordHash).toBeNull();

    const accepted = await invited.post(link, {
      name: "Nina Nieuw",
      newPassword: PASSWORD,
      newPasswordConfirmation: PASSWORD,
    });
    expect(accepted.status).toBe(303);
    expect(accepted.location).toBe("/nl/account");
    const account = await invited.follow(accepted);
    expect(account.text).toContain("Nina Nieuw");
    expect(account.text).toContain("Smart Belgique");
    expect(account.text).toContain("Vaste medewerkers");
    const after = (await personByEmail(email))!;
    expect(after.name).toBe("Nina Nieuw");
    expect(await verifyPassword(after.passwordHash, PASSWORD)).toBe(true);
    const acceptedAudit = await t.deps.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "auth.invitation_accepted"));
    expect(acceptedAudit.map((a) => a.subjectId)).toContain(after.id);

    // Used once.
    const again = new TestClient(t);
    const reused = await again.get(link);
    expect(reused.status).toBe(410);
    expect(reused.text).toContain("Deze link werd al gebruikt");
    expect(reused.text).toContain('href="/nl/sign-in"');
  });

  it("reuses an existing person invited into another organisation", async () => {
    const admin = await adminBrowser();
    await admin.get(INVITE_FR);
    const before = await counts();
    const member = (await personByEmail("member@demo.letscoop.test"))!;
    const res = await admin.post(INVITE_FR, {
      ...(await validFields(fr.id)),
      email: "member@demo.letscoop.test",
      name: "Someone Else",
      language: "en",
    });
    expect(res.status).toBe(303);
    const after = await counts();
    expect(after.persons).toBe(before.persons);
    expect(after.memberships).toBe(before.memberships + 1);
    expect((await personByEmail("member@demo.letscoop.test"))!.name).toBe(member.name);
    const mails = mailsTo(await t.outbox(), "member@demo.letscoop.test");
    const mail = mails[mails.length - 1]!;
    expect(mail.headers.get("content-language")).toBe("en");
    expect(mail.text).toContain(`Hello ${member.name},`);
    expect(linkIn(mail, "/invitation/").startsWith("/en/invitation/")).toBe(true);
  });

  it("refuses to invite someone already a member of the organisation, changing nothing", async () => {
    const admin = await adminBrowser();
    await admin.get(INVITE_BE);
    const before = await counts();
    const res = await admin.post(INVITE_BE, { ...(await validFields()), email: "member@demo.letscoop.test" });
    expect(res.status).toBe(422);
    expect(res.text).toContain("This person is already a member of Smart Belgique.");
    expect(res.text).toContain('value="member@demo.letscoop.test"');
    expect(await counts()).toEqual(before);
  });

  it("refuses bad input with messages and saves nothing", async () => {
    const admin = await adminBrowser();
    await admin.get(INVITE_BE);
    const before = await counts();
    const cases: Array<[Record<string, string>, string]> = [
      [{ name: "N".repeat(201) }, "This text is too long (at most 200 characters)."],
      [{ email: "not-an-address" }, "Enter a valid e-mail address"],
      [{ isShareholder: "on", shares: "" }, "A shareholder holds at least one share."],
      [{ isShareholder: "on", shares: "0" }, "A shareholder holds at least one share."],
      [{ isShareholder: "on", shares: "-2" }, "Enter a positive whole number."],
      [{ language: "xx" }, "Choose one of the values offered."],
      // Ids of another organisation are not choices here.
      [{ collegeId: (await collegeOf(fr.id, "staff")).id }, "Choose one of the values offered."],
      [{ officeId: (await firstOffice(fr.id)).id }, "Choose one of the values offered."],
      [{ collegeId: "not-an-id" }, "Choose one of the values offered."],
    ];
    for (const [change, message] of cases) {
      const res = await admin.post(INVITE_BE, { ...(await validFields()), email: "bad.input@example.org", ...change });
      expect(res.status, JSON.stringify(change)).toBe(422);
      expect(res.text, JSON.stringify(change)).toContain(message);
    }
    expect(await counts()).toEqual(before);
    expect(await personByEmail("bad.input@example.org")).toBeUndefined();
  });

  it("refuses members and facilitators (403) and sends visitors to sign in", async () => {
    for (const email of ["member@demo.letscoop.test", "facilitator@demo.letscoop.test", "manager@demo.letscoop.test"]) {
      const browser = await adminBrowser(email);
      expect((await browser.get(INVITE_BE)).status).toBe(403);
      await browser.get("/en/");
      const before = await counts();
      expect((await browser.post(INVITE_BE, await validFields())).status).toBe(403);
      expect(await counts()).toEqual(before);
    }
    const visitor = new TestClient(t);
    const page = await visitor.get(INVITE_BE);
    expect(page.status).toBe(303);
    expect(page.location).toBe(`/en/sign-in?next=${encodeURIComponent(INVITE_BE)}`);
    await visitor.get("/en/sign-in");
    const post = await visitor.post(INVITE_BE, await validFields());
    expect(post.status).toBe(303);
    expect(post.location!.startsWith("/en/sign-in")).toBe(true);
  });

  it("lets an organisation's administrator invite into it, and not into another organisation", async () => {
    const manager = (await personByEmail("manager@demo.letscoop.test"))!;
    await t.deps.db.insert(roleAssignments).values({ personId: manager.id, organisationId: be.id, role: "admin" });
    const browser = await adminBrowser("manager@demo.letscoop.test");
    expect((await browser.get(INVITE_BE)).status).toBe(200);
    expect((await browser.get(INVITE_FR)).status).toBe(403);
    const before = await counts();
    expect((await browser.post(INVITE_FR, { ...(await validFields(fr.id)), email: "sneaky@example.org" })).status).toBe(
      403,
    );
    expect(await counts()).toEqual(before);
    await browser.get(INVITE_BE);
    expect(
      (await browser.post(INVITE_BE, { ...(await validFields()), email: "by.org.admin@example.org" })).status,
    ).toBe(303);
  });

  it("answers 404 for an unknown organisation", async () => {
    const admin = await adminBrowser();
    expect((await admin.get("/en/admin/organisations/no-such-org/members/invite")).status).toBe(404);
  });

  it("refuses a forged CSRF token", async () => {
    const admin = await adminBrowser();
    await admin.get(INVITE_BE);
    const before = await counts();
    const res = await admin.post(INVITE_BE, { ...(await validFields()), _csrf: "forged" });
    expect(res.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it("says clearly when an invitation link is unknown or expired", async () => {
    const browser = new TestClient(t);
    const unknown = await browser.get(`/en/invitation/${"d".repeat(32)}`);
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain("This link is not valid");
    expect(unknown.text).toContain("For a new invitation, ask your cooperative.");

    const admin = await adminBrowser();
    await admin.get(INVITE_BE);
    await admin.post(INVITE_BE, { ...(await validFields()), email: "late@example.org", language: "en" });
    const link = linkIn(mailsTo(await t.outbox(), "late@example.org")[0]!, "/invitation/");
    const person = (await personByEmail("late@example.org"))!;
    await t.deps.db
      .update(authTokens)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(authTokens.personId, person.id));
    const expired = await browser.get(link);
    expect(expired.status).toBe(410);
    expect(expired.text).toContain("This link has expired");
    await browser.get("/en/sign-in");
    const post = await browser.post(link, { name: "Late", newPassword: PASSWORD, newPasswordConfirmation: PASSWORD });
    expect(post.status).toBe(410);
    expect((await personByEmail("late@example.org"))!.passwordHash).toBeNull();
  });
});
