import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.js";
import type { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import {
  ADMIN,
  auditActions,
  errorsOf,
  lastAuditSeq,
  one,
  orgId,
  rows,
  signedIn,
  snapshot,
  submit,
} from "./admin-helpers.js";

const OFFICES = "/en/admin/organisations/smart-be/offices";

describe.each(ENGINES)("administration of offices (%s)", (engine) => {
  let t: TestApp;
  let admin: TestClient;
  let be: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await signedIn(t, ADMIN);
    be = await orgId(t, "smart-be");
  });
  afterAll(() => t.close());

  const headOffices = () =>
    rows<{ name: string }>(t, sql`select name from offices where organisation_id = ${be} and is_head_office`);

  it("lists the offices in a table with the head office", async () => {
    const page = await admin.get(OFFICES);
    expect(page.status).toBe(200);
    expect(page.text).toContain("<caption>Offices of Smart Belgique</caption>");
    expect(page.text).toContain('<th scope="col">City</th>');
    expect(page.text).toContain("Smart Bruxelles");
    expect(page.text).not.toContain("Smart Paris");
  });

  it("creates an office, and a new head office replaces the previous one", async () => {
    const since = await lastAuditSeq(t);
    const res = await submit(admin, OFFICES, OFFICES, { name: "Smart Arlon", city: "Arlon", isHeadOffice: "on" });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${OFFICES}?notice=created`);
    expect(await headOffices()).toEqual([{ name: "Smart Arlon" }]);
    const [entry] = await auditActions(t, since);
    expect(entry).toMatchObject({
      action: "organisation.updated",
      subject_type: "office",
      data: { change: "office.created", isHeadOffice: true },
    });
    // smart-fr keeps its own head office.
    const fr = await orgId(t, "smart-fr");
    expect(await rows(t, sql`select name from offices where organisation_id = ${fr} and is_head_office`)).toEqual([
      { name: "Smart Paris" },
    ]);
  });

  it("edits an office and can move the head office back", async () => {
    const brussels = await one<{ id: string }>(
      t,
      sql`select id from offices where organisation_id = ${be} and name = 'Smart Bruxelles'`,
    );
    const path = `${OFFICES}/${brussels.id}`;
    const res = await submit(admin, path, path, {
      name: "Smart Brussel-Bruxelles",
      city: "Bruxelles",
      isHeadOffice: "on",
    });
    expect(res.status).toBe(303);
    expect(await headOffices()).toEqual([{ name: "Smart Brussel-Bruxelles" }]);
  });

  it("refuses bad input with a clear message and saves nothing", async () => {
    const gent = await one<{ id: string }>(
      t,
      sql`select id from offices where organisation_id = ${be} and name = 'Smart Gent'`,
    );
    const cases: Array<[string, string, Record<string, string>, string]> = [
      ["empty name", OFFICES, { name: "", city: "Arlon" }, "Name of the office: This field is required."],
      ["empty city", OFFICES, { name: "Smart Spa", city: " " }, "City: This field is required."],
      [
        "over-long name",
        OFFICES,
        { name: "x".repeat(121), city: "Spa" },
        "Name of the office: This text is too long (at most 120 characters).",
      ],
      [
        "duplicate name",
        OFFICES,
        { name: "Smart Liège", city: "Liège" },
        "Name of the office: This name is already in use.",
      ],
      [
        "duplicate name on edit",
        `${OFFICES}/${gent.id}`,
        { name: "Smart Liège", city: "Gent" },
        "Name of the office: This name is already in use.",
      ],
      [
        "empty name on edit",
        `${OFFICES}/${gent.id}`,
        { name: "", city: "Gent" },
        "Name of the office: This field is required.",
      ],
    ];
    const before = await snapshot(t);
    for (const [what, path, fields, message] of cases) {
      const res = await submit(admin, path, path, fields);
      expect(res.status, what).toBe(422);
      expect(errorsOf(res), what).toContain(message);
    }
    expect(await snapshot(t)).toBe(before);
  });

  it("deletes an office; its members keep their membership with no office", async () => {
    const namur = await one<{ id: string }>(
      t,
      sql`select id from offices where organisation_id = ${be} and name = 'Smart Namur'`,
    );
    const members = await rows<{ id: string }>(t, sql`select id from memberships where office_id = ${namur.id}`);
    expect(members.length).toBeGreaterThan(0);
    const since = await lastAuditSeq(t);
    await admin.get(`${OFFICES}/${namur.id}`);
    const res = await admin.post(`${OFFICES}/${namur.id}/delete`);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${OFFICES}?notice=deleted`);
    expect(await rows(t, sql`select 1 from offices where id = ${namur.id}`)).toEqual([]);
    for (const m of members) {
      expect(await one(t, sql`select office_id from memberships where id = ${m.id}`)).toEqual({ office_id: null });
    }
    const [entry] = await auditActions(t, since);
    expect(entry).toMatchObject({
      action: "organisation.updated",
      data: { change: "office.deleted", membersDetached: members.length },
    });
    expect((await admin.get(`${OFFICES}/${namur.id}`)).status).toBe(404);
  });

  it("renders markup in an office name as inert text", async () => {
    const res = await submit(admin, OFFICES, OFFICES, { name: "<script>alert('office')</script>", city: "<b>Spa</b>" });
    expect(res.status).toBe(303);
    const page = await admin.follow(res);
    expect(page.text).toContain("&lt;script&gt;alert(&#39;office&#39;)&lt;/script&gt;");
    expect(page.text).toContain("&lt;b&gt;Spa&lt;/b&gt;");
    expect(page.text).not.toContain("<script>alert");
    const publicPage = await admin.get("/en/organisations/smart-be");
    expect(publicPage.text).toContain("&lt;script&gt;alert(&#39;office&#39;)&lt;/script&gt;");
    expect(publicPage.text).not.toContain("<script>alert");
  });
});
