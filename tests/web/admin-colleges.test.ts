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

const COLLEGES = "/en/admin/organisations/smart-be/colleges";

describe.each(ENGINES)("administration of colleges (%s)", (engine) => {
  let t: TestApp;
  let admin: TestClient;
  let be: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await signedIn(t, ADMIN);
    be = await orgId(t, "smart-be");
  });
  afterAll(() => t.close());

  it("lists colleges with their weight written the way each language writes numbers", async () => {
    const en = await admin.get(COLLEGES);
    expect(en.status).toBe(200);
    expect(en.text).toContain("<caption>Colleges of Smart Belgique</caption>");
    expect(en.text).toMatch(/>Clients<\/a>[\s\S]*?<td class="number">0\.5<\/td>/);
    const fr = await admin.get("/fr/admin/organisations/smart-be/colleges");
    expect(fr.text).toMatch(/>Clients<\/a>[\s\S]*?<td class="number">0,5<\/td>/);
    const nl = await admin.get("/nl/admin/organisations/smart-be/colleges");
    expect(nl.text).toContain(">Klanten</a>");
  });

  it("creates a college with an exact decimal weight and its labels", async () => {
    const since = await lastAuditSeq(t);
    const res = await submit(admin, COLLEGES, COLLEGES, {
      key: "volunteers",
      label_fr: "Bénévoles",
      label_nl: "Vrijwilligers",
      label_de: "",
      label_en: "",
      weight: "0,125",
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${COLLEGES}?notice=created`);
    const row = await one<{ labels: unknown; weight: string; position: number }>(
      t,
      sql`select labels, weight, position from colleges where organisation_id = ${be} and key = 'volunteers'`,
    );
    expect(row.labels).toEqual({ fr: "Bénévoles", nl: "Vrijwilligers" });
    expect(row.weight).toBe("0.125000");
    expect(row.position).toBe(4);
    expect((await auditActions(t, since))[0]).toMatchObject({
      action: "organisation.updated",
      subject_type: "college",
      data: { change: "college.created", key: "volunteers", weight: "0.125" },
    });
    // Shown in English from another language's label, marked with its language.
    const page = await admin.follow(res);
    expect(page.text).toContain('lang="fr">Bénévoles</a>');
    expect(page.text).toContain('<td class="number">0.125</td>');
  });

  it("refuses bad input with a clear message and saves nothing", async () => {
    const clients = await one<{ id: string }>(
      t,
      sql`select id from colleges where organisation_id = ${be} and key = 'clients'`,
    );
    const edit = `${COLLEGES}/${clients.id}`;
    const cases: Array<[string, string, Record<string, string>, string]> = [
      [
        "weight abc",
        COLLEGES,
        { key: "abc", label_fr: "Abc", weight: "abc" },
        "Vote weight: Enter a positive number, for example 1 or 0.5.",
      ],
      [
        "negative weight",
        COLLEGES,
        { key: "neg", label_fr: "Neg", weight: "-1" },
        "Vote weight: Enter a positive number",
      ],
      [
        "empty weight",
        COLLEGES,
        { key: "empty", label_fr: "Vide", weight: "" },
        "Vote weight: Enter a positive number",
      ],
      [
        "huge weight",
        COLLEGES,
        { key: "huge", label_fr: "Énorme", weight: "10000000" },
        "Vote weight: Enter a positive number",
      ],
      [
        "no label in the default language",
        COLLEGES,
        { key: "nolabel", label_fr: "", label_en: "Only English", weight: "1" },
        "Name in French: The name in French is required",
      ],
      [
        "over-long label",
        COLLEGES,
        { key: "long", label_fr: "x".repeat(121), weight: "1" },
        "Name in French: This text is too long (at most 120 characters).",
      ],
      ["empty key", COLLEGES, { key: "", label_fr: "Sans code", weight: "1" }, "College code: This field is required."],
      [
        "bad key",
        COLLEGES,
        { key: "Clé Bizarre", label_fr: "Bizarre", weight: "1" },
        "College code: Use 1 to 63 lower-case letters",
      ],
      [
        "duplicate key",
        COLLEGES,
        { key: "staff", label_fr: "Encore", weight: "1" },
        "College code: Another college of the organisation already uses this code.",
      ],
      ["weight abc on edit", edit, { label_fr: "Clients", weight: "abc" }, "Vote weight: Enter a positive number"],
      ["no default label on edit", edit, { label_fr: "", weight: "1" }, "The name in French is required"],
    ];
    const before = await snapshot(t);
    for (const [what, path, fields, message] of cases) {
      const res = await submit(admin, path, path, fields);
      expect(res.status, what).toBe(422);
      expect(errorsOf(res), what).toContain(message);
    }
    expect(await snapshot(t)).toBe(before);
  });

  it("edits labels and weight but not the key", async () => {
    const partners = await one<{ id: string }>(
      t,
      sql`select id from colleges where organisation_id = ${be} and key = 'partners'`,
    );
    const path = `${COLLEGES}/${partners.id}`;
    const page = await admin.get(path);
    expect(page.text).toContain('value="0.5"');
    expect(page.text).not.toContain('name="key"');
    const res = await submit(admin, path, path, {
      key: "renamed",
      label_fr: "Partenaires",
      label_nl: "Partners",
      label_de: "Partner",
      label_en: "Partners",
      weight: "0.75",
    });
    expect(res.status).toBe(303);
    expect(await one(t, sql`select key, weight from colleges where id = ${partners.id}`)).toEqual({
      key: "partners",
      weight: "0.750000",
    });
  });

  it("refuses to delete a college that still has members, and deletes an empty one", async () => {
    const staff = await one<{ id: string }>(
      t,
      sql`select id from colleges where organisation_id = ${be} and key = 'staff'`,
    );
    const [{ n }] = (await rows<{ n: number | string }>(
      t,
      sql`select count(*) as n from memberships where college_id = ${staff.id}`,
    )) as [{ n: number | string }];
    const before = await snapshot(t);
    await admin.get(`${COLLEGES}/${staff.id}`);
    const refused = await admin.post(`${COLLEGES}/${staff.id}/delete`);
    expect(refused.status).toBe(409);
    expect(errorsOf(refused)).toContain(
      `This college still has members (${Number(n)}). Move them to another college before deleting it.`,
    );
    expect(await snapshot(t)).toBe(before);

    const empty = await one<{ id: string }>(
      t,
      sql`select id from colleges where organisation_id = ${be} and key = 'volunteers'`,
    );
    await admin.get(`${COLLEGES}/${empty.id}`);
    const deleted = await admin.post(`${COLLEGES}/${empty.id}/delete`);
    expect(deleted.status).toBe(303);
    expect(await rows(t, sql`select 1 from colleges where id = ${empty.id}`)).toEqual([]);
  });

  it("renders markup in a label as inert text", async () => {
    const res = await submit(admin, COLLEGES, COLLEGES, {
      key: "xss",
      label_fr: "<script>alert(1)</script>",
      weight: "1",
    });
    expect(res.status).toBe(303);
    const page = await admin.get("/fr/organisations/smart-be");
    expect(page.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page.text).not.toContain("<script>alert(1)");
  });
});
