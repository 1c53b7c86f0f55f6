import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import { ADMIN, BOARD, FR_ADMIN, grantOrgAdmin, MEMBER, one, signedIn, snapshot } from "./admin-helpers.js";

type Who = "admin" | "member" | "board" | "visitor" | "frAdmin";
type Expect = 200 | 403 | 404 | "sign-in";

describe.each(ENGINES)("administration: who may open what (%s)", (engine) => {
  let t: TestApp;
  const as = {} as Record<Who, TestClient>;
  let ids: {
    beOffice: string;
    beCollege: string;
    beMembership: string;
    beRole: string;
    frOffice: string;
    frCollege: string;
    frMembership: string;
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    await grantOrgAdmin(t, FR_ADMIN, "smart-fr");
    as.admin = await signedIn(t, ADMIN);
    as.member = await signedIn(t, MEMBER);
    as.board = await signedIn(t, BOARD);
    as.frAdmin = await signedIn(t, FR_ADMIN);
    as.visitor = new TestClient(t);
    await as.visitor.get("/en/");
    const pick = async (table: "offices" | "colleges" | "memberships", slug: string) =>
      (
        await one<{ id: string }>(
          t,
          sql`select x.id from ${sql.raw(table)} x join organisations o on o.id = x.organisation_id where o.slug = ${slug} order by x.id limit 1`,
        )
      ).id;
    ids = {
      beOffice: await pick("offices", "smart-be"),
      beCollege: await pick("colleges", "smart-be"),
      beMembership: await pick("memberships", "smart-be"),
      beRole: (
        await one<{ id: string }>(
          t,
          sql`select r.id from role_assignments r join organisations o on o.id = r.organisation_id where o.slug = 'smart-be' order by r.id limit 1`,
        )
      ).id,
      frOffice: await pick("offices", "smart-fr"),
      frCollege: await pick("colleges", "smart-fr"),
      frMembership: await pick("memberships", "smart-fr"),
    };
  });
  afterAll(() => t.close());

  async function expectStatus(who: Who, path: string, expected: Expect) {
    const page = await as[who].get(path);
    if (expected === "sign-in") {
      expect(page.status, `${who} GET ${path}`).toBe(303);
      expect(page.location, `${who} GET ${path}`).toBe(`/en/sign-in?next=${encodeURIComponent(path)}`);
    } else {
      expect(page.status, `${who} GET ${path}`).toBe(expected);
    }
  }

  it("the administration home opens for every administrator and nobody else", async () => {
    await expectStatus("admin", "/en/admin", 200);
    await expectStatus("frAdmin", "/en/admin", 200);
    await expectStatus("member", "/en/admin", 403);
    await expectStatus("board", "/en/admin", 403);
    await expectStatus("visitor", "/en/admin", "sign-in");
  });

  it("the home lists what the actor administers, with create and audit links for instance admins only", async () => {
    const instance = await as.admin.get("/en/admin");
    expect(instance.text).toContain('href="/en/admin/organisations/smart-be"');
    expect(instance.text).toContain('href="/en/admin/organisations/smart-fr"');
    expect(instance.text).toContain('href="/en/admin/organisations/new"');
    expect(instance.text).toContain('href="/en/admin/audit"');
    const fr = await as.frAdmin.get("/en/admin");
    expect(fr.text).toContain('href="/en/admin/organisations/smart-fr"');
    expect(fr.text).not.toContain('href="/en/admin/organisations/smart-be"');
    expect(fr.text).not.toContain('href="/en/admin/organisations/new"');
    expect(fr.text).not.toContain('href="/en/admin/audit"');
  });

  it("creating organisations and reading the audit log are for instance administrators", async () => {
    for (const path of ["/en/admin/organisations/new", "/en/admin/audit"]) {
      await expectStatus("admin", path, 200);
      await expectStatus("frAdmin", path, 403);
      await expectStatus("member", path, 403);
      await expectStatus("board", path, 403);
      await expectStatus("visitor", path, "sign-in");
    }
  });

  it("each organisation's administration opens for its administrators only", async () => {
    const sections = ["", "/offices", "/colleges", "/members", "/roles"];
    for (const section of sections) {
      const be = `/en/admin/organisations/smart-be${section}`;
      const fr = `/en/admin/organisations/smart-fr${section}`;
      await expectStatus("admin", be, 200);
      await expectStatus("admin", fr, 200);
      await expectStatus("frAdmin", fr, 200);
      await expectStatus("frAdmin", be, 403);
      await expectStatus("member", be, 403);
      await expectStatus("board", be, 403);
      await expectStatus("visitor", be, "sign-in");
    }
    const items = [`/offices/${ids.beOffice}`, `/colleges/${ids.beCollege}`, `/members/${ids.beMembership}`];
    for (const item of items) {
      const be = `/en/admin/organisations/smart-be${item}`;
      await expectStatus("admin", be, 200);
      await expectStatus("frAdmin", be, 403);
      await expectStatus("member", be, 403);
      await expectStatus("board", be, 403);
      await expectStatus("visitor", be, "sign-in");
    }
  });

  it("an id of another organisation, or an unknown slug or id, is not found", async () => {
    const guesses = [
      `/en/admin/organisations/smart-fr/offices/${ids.beOffice}`,
      `/en/admin/organisations/smart-fr/colleges/${ids.beCollege}`,
      `/en/admin/organisations/smart-fr/members/${ids.beMembership}`,
      "/en/admin/organisations/smart-fr/members/00000000-0000-4000-8000-000000000000",
      "/en/admin/organisations/smart-fr/offices/not-an-id",
      "/en/admin/organisations/nowhere",
      "/en/admin/organisations/nowhere/members",
    ];
    for (const path of guesses) {
      await expectStatus("frAdmin", path, 404);
      await expectStatus("admin", path, 404);
    }
    // And the organisation's own ids open for its administrator.
    await expectStatus("frAdmin", `/en/admin/organisations/smart-fr/offices/${ids.frOffice}`, 200);
    await expectStatus("frAdmin", `/en/admin/organisations/smart-fr/colleges/${ids.frCollege}`, 200);
    await expectStatus("frAdmin", `/en/admin/organisations/smart-fr/members/${ids.frMembership}`, 200);
  });

  it("refuses every change to people who may not make it, and changes nothing", async () => {
    const be = "/en/admin/organisations/smart-be";
    const posts: Array<[string, Record<string, string | string[]>]> = [
      [
        "/en/admin/organisations/new",
        { slug: "intruder", name: "Intruder", country: "BE", languages: "fr", defaultLanguage: "fr" },
      ],
      [be, { name: "Taken over", country: "BE", languages: "fr", defaultLanguage: "fr" }],
      [`${be}/offices`, { name: "Smart Intruder", city: "Nowhere" }],
      [`${be}/offices/${ids.beOffice}`, { name: "Renamed", city: "Nowhere" }],
      [`${be}/offices/${ids.beOffice}/delete`, {}],
      [`${be}/colleges`, { key: "intruders", label_fr: "Intrus", weight: "9" }],
      [`${be}/colleges/${ids.beCollege}`, { label_fr: "Renommé", weight: "9" }],
      [`${be}/colleges/${ids.beCollege}/delete`, {}],
      [
        `${be}/members/${ids.beMembership}`,
        { collegeId: ids.beCollege, language: "fr", isShareholder: "on", shares: "99" },
      ],
      [`${be}/members/${ids.beMembership}/remove`, {}],
      [`${be}/roles`, { email: MEMBER, role: "admin" }],
      [`${be}/roles/${ids.beRole}/revoke`, {}],
    ];
    const before = await snapshot(t);
    for (const [path, fields] of posts) {
      for (const who of ["member", "board", "frAdmin"] as const) {
        await as[who].get("/en/");
        const res = await as[who].post(path, fields);
        expect(res.status, `${who} POST ${path}`).toBe(403);
      }
      await as.visitor.get("/en/sign-in"); // a page with a form, for the CSRF token
      const res = await as.visitor.post(path, fields);
      expect(res.status, `visitor POST ${path}`).toBe(303);
      expect(res.location, `visitor POST ${path}`).toMatch(/^\/en\/sign-in\?next=/);
    }
    expect(await snapshot(t)).toBe(before);
  });

  it("an administrator of smart-fr cannot reach smart-be through smart-fr's paths", async () => {
    const before = await snapshot(t);
    const fr = "/en/admin/organisations/smart-fr";
    const attempts: Array<[string, Record<string, string>]> = [
      [`${fr}/offices/${ids.beOffice}`, { name: "Renamed", city: "Nowhere" }],
      [`${fr}/offices/${ids.beOffice}/delete`, {}],
      [`${fr}/colleges/${ids.beCollege}`, { label_fr: "Renommé", weight: "9" }],
      [`${fr}/colleges/${ids.beCollege}/delete`, {}],
      [`${fr}/members/${ids.beMembership}`, { collegeId: ids.frCollege, language: "fr" }],
      [`${fr}/members/${ids.beMembership}/remove`, {}],
      [`${fr}/roles/${ids.beRole}/revoke`, {}],
    ];
    for (const [path, fields] of attempts) {
      await as.frAdmin.get("/en/");
      const res = await as.frAdmin.post(path, fields);
      expect(res.status, `POST ${path}`).toBe(404);
    }
    // A smart-be college given to a smart-fr member is refused as an unknown choice.
    await as.frAdmin.get(`${fr}/members/${ids.frMembership}`);
    const moved = await as.frAdmin.post(`${fr}/members/${ids.frMembership}`, {
      collegeId: ids.beCollege,
      language: "fr",
    });
    expect(moved.status).toBe(422);
    expect(moved.text).toContain("Choose one of the values offered.");
    expect(await snapshot(t)).toBe(before);
  });

  it("public organisation pages are open to all; the directory to members and administrators", async () => {
    for (const who of ["admin", "member", "board", "visitor", "frAdmin"] as const) {
      await expectStatus(who, "/en/organisations", 200);
      await expectStatus(who, "/en/organisations/smart-be", 200);
    }
    await expectStatus("visitor", "/en/organisations/nowhere", 404);
    const directory = "/en/organisations/smart-be/directory";
    await expectStatus("admin", directory, 200);
    await expectStatus("member", directory, 200);
    await expectStatus("board", directory, 200);
    await expectStatus("frAdmin", directory, 403);
    await expectStatus("visitor", directory, "sign-in");
    await expectStatus("frAdmin", "/en/organisations/smart-fr/directory", 200);
    await expectStatus("member", "/en/organisations/smart-fr/directory", 403);
  });
});
