import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.js";
import type { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import {
  ADMIN,
  auditActions,
  errorsOf,
  FR_ADMIN,
  grantOrgAdmin,
  lastAuditSeq,
  one,
  rows,
  signedIn,
  snapshot,
  submit,
} from "./admin-helpers.js";

const NEW = "/en/admin/organisations/new";

/** A complete, valid form for a new organisation; each test spoils one field. */
function validOrganisation(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    slug: "coop-lux",
    name: "Coop Luxembourg",
    legalName: "Coop Luxembourg SC",
    country: "lu",
    languages: ["fr", "de"],
    defaultLanguage: "de",
    ordinaryQuorum: "0",
    ordinaryCollegeQuorum: "",
    ordinaryMajority: "simple",
    ordinaryBase: "cast",
    extraordinaryQuorum: "1/2",
    extraordinaryCollegeQuorum: "0,25",
    extraordinaryMajority: "two_thirds",
    extraordinaryBase: "present",
    maxProxiesPerHolder: "3",
    ...overrides,
  };
}

describe.each(ENGINES)("administration of organisations (%s)", (engine) => {
  let t: TestApp;
  let admin: TestClient;
  let frAdmin: TestClient;

  beforeAll(async () => {
    t = await createTestApp(engine);
    await grantOrgAdmin(t, FR_ADMIN, "smart-fr");
    admin = await signedIn(t, ADMIN);
    frAdmin = await signedIn(t, FR_ADMIN);
  });
  afterAll(() => t.close());

  it("creates an organisation with its statutes and records it in the audit log", async () => {
    const since = await lastAuditSeq(t);
    const res = await submit(admin, NEW, NEW, validOrganisation());
    expect(res.status).toBe(303);
    expect(res.location).toBe("/en/admin/organisations/coop-lux?notice=created");
    const org = await one<Record<string, unknown>>(t, sql`select * from organisations where slug = 'coop-lux'`);
    expect(org).toMatchObject({
      name: "Coop Luxembourg",
      legal_name: "Coop Luxembourg SC",
      country: "LU",
      languages: ["fr", "de"],
      default_language: "de",
    });
    expect(org.statutes).toEqual({
      ordinary: { quorum: "0", collegeQuorum: null, majority: "simple", base: "cast" },
      extraordinary: { quorum: "1/2", collegeQuorum: "0.25", majority: "two_thirds", base: "present" },
      maxProxiesPerHolder: 3,
    });
    expect(await auditActions(t, since)).toEqual([
      { action: "organisation.created", subject_type: "organisation", data: { slug: "coop-lux" } },
    ]);
    const page = await admin.follow(res);
    expect(page.status).toBe(200);
    expect(page.text).toContain("The item has been created.");
    expect(page.text).toContain("<h1>Administration of Coop Luxembourg</h1>");
  });

  it("refuses bad input with a clear message next to the field and saves nothing", async () => {
    const cases: Array<[string, Record<string, string | string[]>, string]> = [
      ["empty name", { name: "  " }, "Name: This field is required."],
      ["over-long name", { name: "x".repeat(201) }, "Name: This text is too long (at most 200 characters)."],
      ["empty slug", { slug: "" }, "Identifier: Use 2 to 63 lower-case letters, digits or hyphens, without accents."],
      ["slug with accents", { slug: "coopé" }, "Identifier: Use 2 to 63 lower-case letters, digits or hyphens"],
      ["reserved slug", { slug: "new" }, "Identifier: This identifier is reserved."],
      [
        "bad fraction",
        { ordinaryQuorum: "half" },
        "Ordinary decisions, Attendance quorum: Enter a fraction such as 1/2 or a decimal such as 0.5.",
      ],
      [
        "fraction over one",
        { extraordinaryQuorum: "3/2" },
        "Extraordinary decisions, Attendance quorum: A share cannot be more than 1",
      ],
      [
        "division by zero",
        { ordinaryCollegeQuorum: "1/0" },
        "Ordinary decisions, Quorum per college (optional): Enter a fraction",
      ],
      [
        "unknown majority",
        { ordinaryMajority: "unanimity" },
        "Ordinary decisions, Required majority: Choose one of the values offered.",
      ],
      [
        "proxies not a number",
        { maxProxiesPerHolder: "-1" },
        "Proxies per member present (at most): Enter a positive whole number.",
      ],
      [
        "too many proxies",
        { maxProxiesPerHolder: "101" },
        "Proxies per member present (at most): Enter a positive whole number.",
      ],
      ["no language", { languages: [] }, "Languages of the organisation: Tick at least one language."],
      [
        "unknown language",
        { languages: ["fr", "xx"] },
        "Languages of the organisation: Choose one of the values offered.",
      ],
      [
        "default language not chosen",
        { languages: ["fr"], defaultLanguage: "nl" },
        "Default language: The default language must be one of the ticked languages.",
      ],
      ["country of three letters", { country: "BEL" }, "Country: Enter a two-letter ISO country code"],
      ["unknown country", { country: "QQ" }, "Country: Enter a two-letter ISO country code"],
      ["duplicate slug", { slug: "smart-be" }, "Identifier: This identifier is already in use."],
    ];
    const before = await snapshot(t);
    for (const [what, overrides, message] of cases) {
      const res = await submit(admin, NEW, NEW, validOrganisation({ slug: "coop-bad", ...overrides }));
      expect(res.status, what).toBe(422);
      expect(errorsOf(res), what).toContain(message);
      expect(res.text, what).toContain('aria-invalid="true"');
    }
    expect(await snapshot(t)).toBe(before);
  });

  it("keeps what was typed when it refuses a form", async () => {
    const res = await submit(
      admin,
      NEW,
      NEW,
      validOrganisation({ slug: "smart-be", name: "Kept <name>", languages: ["nl", "en"], defaultLanguage: "en" }),
    );
    expect(res.status).toBe(422);
    expect(res.text).toContain('value="Kept &lt;name&gt;"');
    expect(res.text).toMatch(/value="nl" checked/);
    expect(res.text).toMatch(/value="en" checked/);
    expect(res.text).not.toMatch(/value="fr" checked/);
    expect(res.text).toContain('value="1/2"');
  });

  it("edits an organisation but never its slug, and records the changed fields", async () => {
    const path = "/en/admin/organisations/smart-fr";
    const page = await admin.get(path);
    expect(page.text).not.toContain('name="slug"');
    const since = await lastAuditSeq(t);
    const res = await submit(
      admin,
      path,
      path,
      validOrganisation({
        slug: "hijacked",
        name: "Smart France (new name)",
        country: "FR",
        languages: ["fr", "en"],
        defaultLanguage: "fr",
      }),
    );
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${path}?notice=saved`);
    const org = await one<{ slug: string; name: string; statutes: { maxProxiesPerHolder: number } }>(
      t,
      sql`select slug, name, statutes from organisations where slug = 'smart-fr'`,
    );
    expect(org.name).toBe("Smart France (new name)");
    expect(org.statutes.maxProxiesPerHolder).toBe(3);
    expect(await rows(t, sql`select 1 from organisations where slug = 'hijacked'`)).toEqual([]);
    const [entry] = await auditActions(t, since);
    expect(entry?.action).toBe("organisation.updated");
    expect((entry?.data as { fields: string[] }).fields).toEqual(
      expect.arrayContaining(["name", "legalName", "statutes"]),
    );
    expect((await admin.follow(res)).text).toContain("Your changes have been saved.");
  });

  it("lets an organisation administrator edit their organisation, refuses bad input there too", async () => {
    const path = "/en/admin/organisations/smart-fr";
    const before = await snapshot(t);
    const bad = await submit(
      frAdmin,
      path,
      path,
      validOrganisation({ name: "", languages: ["en"], defaultLanguage: "fr" }),
    );
    expect(bad.status).toBe(422);
    expect(errorsOf(bad)).toContain("Name: This field is required.");
    expect(errorsOf(bad)).toContain("Default language: The default language must be one of the ticked languages.");
    expect(await snapshot(t)).toBe(before);
    const ok = await submit(
      frAdmin,
      path,
      path,
      validOrganisation({ name: "Smart France", country: "FR", languages: ["fr"], defaultLanguage: "fr" }),
    );
    expect(ok.status).toBe(303);
  });

  it("renders names with markup as inert text", async () => {
    const res = await submit(
      admin,
      NEW,
      NEW,
      validOrganisation({ slug: "coop-script", name: "<script>alert(1)</script>" }),
    );
    expect(res.status).toBe(303);
    const page = await admin.follow(res);
    expect(page.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page.text).not.toContain("<script>alert(1)");
    const list = await admin.get("/en/organisations");
    expect(list.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });
});
