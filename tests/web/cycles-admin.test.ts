import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cycleOrganisations, cyclePhases, cycles, cycleTranslations, themes } from "../../src/db/schema/index.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import {
  ACCOUNTS,
  auditEntries,
  cycleBySlug,
  makeCycle,
  makeTheme,
  organisationId,
  personId,
  sessions,
  snapshot,
  themeIdOf,
  themeTexts,
} from "./cycles-helpers.js";

const NEW = "/en/admin/cycles/new";
const LOCALES = ["fr", "nl", "de", "en"] as const;

function cycleForm(organisationIds: string | string[], overrides: Record<string, string | string[]> = {}) {
  const form: Record<string, string | string[]> = {
    slug: "2030-2031",
    name: "SIP 2030–2031",
    sourceLanguage: "fr",
    organisationIds,
  };
  for (const l of LOCALES) {
    form[`title_${l}`] = l === "fr" ? "Les thèmes de 2030" : "";
    form[`rules_${l}`] = l === "fr" ? "Le Conseil propose.\n\nLes membres classent." : "";
  }
  return { ...form, ...overrides };
}

/** The edit form of a cycle with its current values, as the page would send it back. */
async function editForm(t: TestApp, slug: string, overrides: Record<string, string | string[]> = {}) {
  const cycle = await cycleBySlug(t.deps.db, slug);
  const form: Record<string, string | string[]> = {
    name: cycle.name,
    sourceLanguage: cycle.sourceLanguage,
    organisationIds: cycle.organisations.map((o) => o.id),
  };
  for (const l of LOCALES) {
    form[`title_${l}`] = cycle.texts[l]?.title ?? "";
    form[`rules_${l}`] = cycle.texts[l]?.rules ?? "";
  }
  for (const p of cycle.phases) {
    form[`start_${p.phase}`] = p.startsOn;
    form[`end_${p.phase}`] = p.endsOn;
  }
  return { ...form, ...overrides };
}

function themeForm(overrides: Record<string, string> = {}) {
  const form: Record<string, string> = { key: "new-theme", status: "on_ballot", organisationId: "" };
  for (const l of LOCALES) {
    form[`title_${l}`] = l === "fr" ? "Un nouveau thème" : "";
    form[`description_${l}`] = l === "fr" ? "Sa description." : "";
  }
  return { ...form, ...overrides };
}

describe.each(ENGINES)("cycle administration (%s)", (engine) => {
  let t: TestApp;
  let be: string;
  let fr: string;
  const browser = () => new TestClient(t);
  const as = sessions(browser);
  beforeAll(async () => {
    t = await createTestApp(engine);
    be = await organisationId(t.deps.db, "smart-be");
    fr = await organisationId(t.deps.db, "smart-fr");
    await makeCycle(t.deps.db, "france-only", ["smart-fr"]);
    await makeCycle(t.deps.db, "themes-test", ["smart-be"]);
  });
  afterAll(() => t.close());

  it("lets a cycle manager create a cycle in their organisation, audited", async () => {
    const manager = await as("manager");
    const form = await manager.get(NEW);
    expect(form.status).toBe(200);
    expect(form.text).toContain("Smart Belgique");
    expect(form.text).not.toContain(`value="${fr}"`);
    const res = await manager.post(NEW, cycleForm(be));
    expect(res.status).toBe(303);
    expect(res.location).toBe("/en/admin/cycles/2030-2031?notice=created");
    const page = await manager.follow(res);
    expect(page.text).toContain("Created.");
    const cycle = await cycleBySlug(t.deps.db, "2030-2031");
    expect(cycle.organisations.map((o) => o.slug)).toEqual(["smart-be"]);
    expect(cycle.texts.fr).toEqual({
      title: "Les thèmes de 2030",
      rules: "Le Conseil propose.\n\nLes membres classent.",
      outdated: false,
    });
    const [entry] = await auditEntries(t.deps.db, "cycle.created");
    expect(entry).toMatchObject({
      actorId: await personId(t.deps.db, ACCOUNTS.manager),
      subjectId: cycle.id,
      organisationId: be,
    });
  });

  const badCycles: Array<[string, (be: string) => Record<string, string | string[]>, string]> = [
    ["an empty title", (o) => cycleForm(o, { title_fr: "  " }), "Enter the title in French, the source language."],
    [
      "a bad slug",
      (o) => cycleForm(o, { slug: "Bad Slug!" }),
      "Use 2 to 63 lower-case letters, digits or hyphens, without accents.",
    ],
    ["a duplicate slug", (o) => cycleForm(o, { slug: "2015-2016" }), "This identifier is already in use."],
    ["the reserved slug", (o) => cycleForm(o, { slug: "new" }), "This identifier is reserved. Choose another one."],
    ["no organisation", () => cycleForm([]), "Choose at least one organisation."],
    ["an unknown organisation id", () => cycleForm(randomUUID()), "Choose one of the values offered."],
    ["an organisation id that is not one", () => cycleForm("smart-be"), "Choose one of the values offered."],
    ["an empty name", (o) => cycleForm(o, { name: "" }), "This field is required."],
    [
      "an over-long name",
      (o) => cycleForm(o, { name: "x".repeat(201) }),
      "This text is too long (at most 200 characters).",
    ],
    [
      "an over-long rules text",
      (o) => cycleForm(o, { rules_fr: "x".repeat(20_001) }),
      "This text is too long (at most 20000 characters).",
    ],
    [
      "rules without a title",
      (o) => cycleForm(o, { rules_nl: "Regels zonder titel" }),
      "Enter a title for this language, or leave its text empty.",
    ],
    ["an unknown source language", (o) => cycleForm(o, { sourceLanguage: "es" }), "Choose one of the values offered."],
  ];

  it.each(badCycles)("refuses a new cycle with %s, saving nothing", async (_name, make, message) => {
    const manager = await as("manager");
    await manager.get(NEW);
    const before = await snapshot(t.deps.db);
    const res = await manager.post(NEW, make(be));
    expect(res.status).toBe(422);
    expect(res.text).toContain(message);
    expect(res.text).toContain('class="error-summary"');
    expect(await snapshot(t.deps.db)).toEqual(before);
  });

  it("keeps what was typed in a refused form", async () => {
    const manager = await as("manager");
    await manager.get(NEW);
    const res = await manager.post(NEW, cycleForm(be, { slug: "Bad Slug", name: "Mon <cycle>" }));
    expect(res.text).toContain('value="Mon &lt;cycle&gt;"');
    expect(res.text).toContain("Le Conseil propose.");
    expect(res.text).toMatch(new RegExp(`value="${be}" checked`));
  });

  it("refuses a smart-be cycle manager creating a cycle in smart-fr (403), saving nothing", async () => {
    const manager = await as("manager");
    await manager.get(NEW);
    const before = await snapshot(t.deps.db);
    expect((await manager.post(NEW, cycleForm(fr, { slug: "fr-2030" }))).status).toBe(403);
    expect((await manager.post(NEW, cycleForm([be, fr], { slug: "both-2030" }))).status).toBe(403);
    expect(await snapshot(t.deps.db)).toEqual(before);
  });

  it("lets an instance admin create a binational cycle", async () => {
    const admin = await as("admin");
    await admin.get(NEW);
    const res = await admin.post(NEW, cycleForm([be, fr], { slug: "binational-2031" }));
    expect(res.status).toBe(303);
    expect((await cycleBySlug(t.deps.db, "binational-2031")).organisations.map((o) => o.slug)).toEqual([
      "smart-be",
      "smart-fr",
    ]);
  });

  it.each(["member", "board", "facilitator"] as const)("refuses the cycle forms to a %s (403)", async (who) => {
    const person = await as(who);
    expect((await person.get(NEW)).status).toBe(403);
    await person.get("/en/cycles");
    const before = await snapshot(t.deps.db);
    expect((await person.post(NEW, cycleForm(be, { slug: "refused-1" }))).status).toBe(403);
    expect((await person.get("/en/admin/cycles/2020-2021")).status).toBe(403);
    expect(
      (await person.post("/en/admin/cycles/2020-2021", await editForm(t, "2020-2021", { name: "Hijacked" }))).status,
    ).toBe(403);
    expect((await person.post("/en/admin/cycles/themes-test/themes", themeForm())).status).toBe(403);
    expect(await snapshot(t.deps.db)).toEqual(before);
  });

  it("sends a visitor to the sign-in page", async () => {
    const visitor = browser();
    const res = await visitor.get(NEW);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/en/sign-in?next=${encodeURIComponent(NEW)}`);
    const edit = await visitor.get("/en/admin/cycles/2020-2021/themes");
    expect(edit.location).toContain("/en/sign-in?next=");
    await visitor.get("/en/sign-in");
    const before = await snapshot(t.deps.db);
    const post = await visitor.post("/en/admin/cycles/2020-2021", await editForm(t, "2020-2021", { name: "Visitor" }));
    expect(post.status).toBe(303);
    expect(post.location).toContain("/en/sign-in");
    expect(await snapshot(t.deps.db)).toEqual(before);
  });

  it("saves the calendar and the texts, marking other translations outdated when the source changes", async () => {
    const manager = await as("manager");
    await manager.get("/en/admin/cycles/2015-2016");
    const res = await manager.post(
      "/en/admin/cycles/2015-2016",
      await editForm(t, "2015-2016", {
        rules_fr: "Nouvelles règles.",
        start_implementation: "2016-07-01",
        end_implementation: "2020-12-31",
      }),
    );
    expect(res.status).toBe(303);
    expect(res.location).toBe("/en/admin/cycles/2015-2016?notice=saved");
    const cycle = await cycleBySlug(t.deps.db, "2015-2016");
    expect(cycle.phases.at(-1)).toEqual({ phase: "implementation", startsOn: "2016-07-01", endsOn: "2020-12-31" });
    expect(cycle.texts.fr?.outdated).toBe(false);
    expect(cycle.texts.nl?.outdated).toBe(true);
    expect(cycle.texts.en?.outdated).toBe(true);
    const [entry] = await auditEntries(t.deps.db, "cycle.updated");
    expect(entry?.subjectId).toBe(cycle.id);
    expect((entry?.data as { fields: string[] }).fields).toEqual(["texts.fr", "phases"]);
  });

  const badPhases: Array<[string, Record<string, string>, string]> = [
    [
      "an end before the start",
      { start_board: "2016-06-27", end_board: "2016-04-15" },
      "The end must be on or after the start.",
    ],
    [
      "a start without an end",
      { start_implementation: "2016-07-01", end_implementation: "" },
      "Give both the start and the end of this phase, or neither.",
    ],
    ["a date that does not exist", { start_board: "2016-02-30" }, "Enter a date such as 2016-04-14."],
    ["an empty name", { name: "" }, "This field is required."],
    ["no organisation", { organisationIds: "" }, "Choose at least one organisation."],
  ];

  it.each(badPhases)("refuses an edit with %s, saving nothing", async (_name, overrides, message) => {
    const manager = await as("manager");
    await manager.get("/en/admin/cycles/themes-test");
    const before = await snapshot(t.deps.db);
    const phases = await t.deps.db.select().from(cyclePhases);
    const form = await editForm(t, "themes-test", { start_board: "2016-04-15", end_board: "2016-06-27", ...overrides });
    if (overrides.organisationIds === "") form.organisationIds = [];
    const res = await manager.post("/en/admin/cycles/themes-test", form);
    expect(res.status).toBe(422);
    expect(res.text).toContain(message);
    expect(await snapshot(t.deps.db)).toEqual(before);
    expect(await t.deps.db.select().from(cyclePhases)).toEqual(phases);
  });

  it("refuses a smart-be cycle manager on a smart-fr-only cycle (403)", async () => {
    const manager = await as("manager");
    expect((await manager.get("/en/admin/cycles/france-only")).status).toBe(403);
    expect((await manager.get("/en/admin/cycles/france-only/themes")).status).toBe(403);
    await manager.get("/en/cycles");
    const before = await snapshot(t.deps.db);
    expect(
      (await manager.post("/en/admin/cycles/france-only", await editForm(t, "france-only", { name: "Pris" }))).status,
    ).toBe(403);
    expect((await manager.post("/en/admin/cycles/france-only/themes", themeForm())).status).toBe(403);
    expect(await snapshot(t.deps.db)).toEqual(before);
  });

  it("keeps the organisations a manager may not touch, and refuses adding one (403)", async () => {
    const manager = await as("manager");
    const page = await manager.get("/en/admin/cycles/2020-2021");
    expect(page.text).toContain("Also part of this cycle, which you cannot change: Smart France.");
    const res = await manager.post(
      "/en/admin/cycles/2020-2021",
      await editForm(t, "2020-2021", { organisationIds: be }),
    );
    expect(res.status).toBe(303);
    expect((await cycleBySlug(t.deps.db, "2020-2021")).organisations.map((o) => o.slug)).toEqual([
      "smart-be",
      "smart-fr",
    ]);
    await manager.get("/en/admin/cycles/themes-test");
    const added = await manager.post(
      "/en/admin/cycles/themes-test",
      await editForm(t, "themes-test", { organisationIds: [be, fr] }),
    );
    expect(added.status).toBe(403);
    expect((await cycleBySlug(t.deps.db, "themes-test")).organisations.map((o) => o.slug)).toEqual(["smart-be"]);
  });

  it("lists the cycles a person manages with a link, and the creation link", async () => {
    const manager = await as("manager");
    const page = await manager.get("/en/cycles");
    expect(page.text).toContain('href="/en/admin/cycles/new"');
    expect(page.text).toContain('href="/en/admin/cycles/2020-2021"');
    expect(page.text).not.toContain('href="/en/admin/cycles/france-only"');
    const member = await as("member");
    expect((await member.get("/en/cycles")).text).not.toContain("/admin/cycles");
  });

  describe("themes", () => {
    it("adds a theme at the end, audited", async () => {
      const manager = await as("manager");
      await manager.get("/en/admin/cycles/themes-test/themes");
      const res = await manager.post("/en/admin/cycles/themes-test/themes", themeForm({ title_en: "A new theme" }));
      expect(res.status).toBe(303);
      expect(res.location).toBe("/en/admin/cycles/themes-test/themes?notice=created");
      const id = await themeIdOf(t.deps.db, "themes-test", "new-theme");
      const texts = await themeTexts(t.deps.db, id);
      expect(Object.keys(texts).sort()).toEqual(["en", "fr"]);
      const [entry] = await auditEntries(t.deps.db, "theme.created");
      expect(entry).toMatchObject({
        subjectId: id,
        organisationId: be,
        actorId: await personId(t.deps.db, ACCOUNTS.manager),
      });
    });

    const badThemes: Array<[string, Record<string, string>, string]> = [
      [
        "a key with spaces",
        { key: "my theme" },
        "Use 1 to 63 lower-case letters, digits or hyphens, without spaces or accents",
      ],
      ["an empty key", { key: "" }, "This field is required."],
      ["a duplicate key", { key: "new-theme" }, "This key is already used by another theme of the cycle."],
      [
        "no title in the source language",
        { title_fr: "", description_fr: "" },
        "Enter the title in French, the source language.",
      ],
      ["an over-long title", { title_fr: "x".repeat(301) }, "This text is too long (at most 300 characters)."],
      [
        "an over-long description",
        { description_de: "x".repeat(5001), title_de: "Titel" },
        "This text is too long (at most 5000 characters).",
      ],
      ["an organisation outside the cycle", { organisationId: "" }, "Choose one of the values offered."],
      ["an unknown status", { status: "elected" }, "Choose one of the values offered."],
    ];

    it.each(badThemes)("refuses a theme with %s, saving nothing", async (name, overrides, message) => {
      const manager = await as("manager");
      if (name === "a duplicate key") {
        // The theme "new-theme" exists (added above, or here when this case runs alone).
        await makeTheme(t.deps.db, await cycleBySlug(t.deps.db, "themes-test"), "new-theme", "proposed").catch(
          () => undefined,
        );
      }
      await manager.get("/en/admin/cycles/themes-test/themes");
      const before = await snapshot(t.deps.db);
      const form = themeForm({ key: "other-theme", ...overrides });
      if (name === "an organisation outside the cycle") form.organisationId = fr;
      const res = await manager.post("/en/admin/cycles/themes-test/themes", form);
      expect(res.status).toBe(422);
      expect(res.text).toContain(message);
      expect(await snapshot(t.deps.db)).toEqual(before);
    });

    it("marks the other translations outdated when the source text changes", async () => {
      const manager = await as("manager");
      const id = await themeIdOf(t.deps.db, "2020-2021", "support");
      const path = `/en/admin/cycles/2020-2021/themes/${id}`;
      const page = await manager.get(path);
      expect(page.status).toBe(200);
      const texts = await themeTexts(t.deps.db, id);
      const form: Record<string, string> = { status: "on_ballot", organisationId: "" };
      for (const l of LOCALES) {
        form[`title_${l}`] = texts[l]!.title;
        form[`description_${l}`] = texts[l]!.description;
      }
      const res = await manager.post(path, { ...form, description_fr: `${texts.fr!.description} Et vos envies ?` });
      expect(res.status).toBe(303);
      const after = await themeTexts(t.deps.db, id);
      expect([after.fr!.outdated, after.nl!.outdated, after.de!.outdated, after.en!.outdated]).toEqual([
        false,
        true,
        true,
        true,
      ]);
      // Rewriting one translation makes it current again; the others stay outdated.
      await manager.get(path);
      expect((await manager.get(path)).text).toContain("The source text changed after this translation was written");
      await manager.post(path, { ...form, description_fr: after.fr!.description, title_nl: "Begeleiding op maat" });
      const again = await themeTexts(t.deps.db, id);
      expect([again.fr!.outdated, again.nl!.outdated, again.de!.outdated, again.en!.outdated]).toEqual([
        false,
        false,
        true,
        true,
      ]);
      const [entry] = await auditEntries(t.deps.db, "theme.updated");
      expect(entry?.data).toMatchObject({ change: "edited", fields: ["texts.nl"] });
    });

    it("answers 404 to a theme id of another cycle, or not an id at all", async () => {
      const manager = await as("manager");
      const other = await themeIdOf(t.deps.db, "2020-2021", "political-project");
      expect((await manager.get(`/en/admin/cycles/themes-test/themes/${other}`)).status).toBe(404);
      expect((await manager.get(`/en/admin/cycles/themes-test/themes/${randomUUID()}`)).status).toBe(404);
      expect((await manager.get("/en/admin/cycles/themes-test/themes/12345")).status).toBe(404);
      await manager.get("/en/admin/cycles/themes-test/themes");
      const before = await snapshot(t.deps.db);
      expect((await manager.post(`/en/admin/cycles/themes-test/themes/${other}`, themeForm())).status).toBe(404);
      expect((await manager.post(`/en/admin/cycles/themes-test/themes/${other}/delete`)).status).toBe(404);
      expect(
        (await manager.post(`/en/admin/cycles/themes-test/themes/${other}/move`, { direction: "up" })).status,
      ).toBe(404);
      expect(await snapshot(t.deps.db)).toEqual(before);
    });

    it("refuses a smart-be manager on a theme of a smart-fr-only cycle (403)", async () => {
      const cycle = await cycleBySlug(t.deps.db, "france-only");
      const id = await makeTheme(t.deps.db, cycle, "fr-theme", "proposed");
      const manager = await as("manager");
      expect((await manager.get(`/en/admin/cycles/france-only/themes/${id}`)).status).toBe(403);
      await manager.get("/en/cycles");
      expect((await manager.post(`/en/admin/cycles/france-only/themes/${id}/delete`)).status).toBe(403);
      expect(await themeIdOf(t.deps.db, "france-only", "fr-theme")).toBe(id);
    });

    it("moves themes up and down without JavaScript", async () => {
      const cycle = await makeCycle(t.deps.db, "move-test", ["smart-be"]);
      const [a, b, c] = [
        await makeTheme(t.deps.db, cycle, "a", "proposed"),
        await makeTheme(t.deps.db, cycle, "b", "proposed"),
        await makeTheme(t.deps.db, cycle, "c", "proposed"),
      ];
      const order = async () =>
        (
          await t.deps.db
            .select({ key: themes.key })
            .from(themes)
            .where(eq(themes.cycleId, cycle.id))
            .orderBy(asc(themes.position))
        ).map((r) => r.key);
      const manager = await as("manager");
      await manager.get("/en/admin/cycles/move-test/themes");
      const res = await manager.post(`/en/admin/cycles/move-test/themes/${c}/move`, { direction: "up" });
      expect(res.status).toBe(303);
      expect(await order()).toEqual(["a", "c", "b"]);
      await manager.post(`/en/admin/cycles/move-test/themes/${a}/move`, { direction: "down" });
      expect(await order()).toEqual(["c", "a", "b"]);
      await manager.post(`/en/admin/cycles/move-test/themes/${c}/move`, { direction: "up" });
      expect(await order()).toEqual(["c", "a", "b"]);
      const bad = await manager.post(`/en/admin/cycles/move-test/themes/${b}/move`, { direction: "sideways" });
      expect(bad.status).toBe(422);
      expect(await order()).toEqual(["c", "a", "b"]);
      const [entry] = await auditEntries(t.deps.db, "theme.updated");
      // The last move did nothing (already first) and wrote nothing.
      expect(entry?.data).toMatchObject({ change: "moved", key: "a", direction: "down" });
    });

    it("refuses to delete a theme on a ballot, and deletes one that is not", async () => {
      const manager = await as("manager");
      const onBallot = await themeIdOf(t.deps.db, "2020-2021", "political-project");
      await manager.get("/en/admin/cycles/2020-2021/themes");
      const before = await snapshot(t.deps.db);
      const refused = await manager.post(`/en/admin/cycles/2020-2021/themes/${onBallot}/delete`);
      expect(refused.status).toBe(409);
      expect(refused.text).toContain("This theme is an option of a ballot: it cannot be deleted.");
      expect(await snapshot(t.deps.db)).toEqual(before);
      const free = await themeIdOf(t.deps.db, "move-test", "b");
      const res = await manager.post(`/en/admin/cycles/move-test/themes/${free}/delete`);
      expect(res.status).toBe(303);
      expect(await t.deps.db.select().from(themes).where(eq(themes.id, free))).toEqual([]);
      const [entry] = await auditEntries(t.deps.db, "theme.updated");
      expect(entry?.data).toMatchObject({ change: "deleted", key: "b" });
    });

    it("renders a <script> typed in a theme title inert on the admin pages", async () => {
      const manager = await as("manager");
      await manager.get("/en/admin/cycles/themes-test/themes");
      await manager.post(
        "/en/admin/cycles/themes-test/themes",
        themeForm({ key: "xss", title_fr: "<script>alert(1)</script>" }),
      );
      const page = await manager.get("/en/admin/cycles/themes-test/themes");
      expect(page.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
      expect(page.text).not.toContain("<script>alert(1)");
      const id = await themeIdOf(t.deps.db, "themes-test", "xss");
      const edit = await manager.get(`/en/admin/cycles/themes-test/themes/${id}`);
      expect(edit.text).not.toContain("<script>alert(1)");
    });
  });

  it("records the cycle's organisations, translations and nothing else for a created cycle", async () => {
    const cycle = await cycleBySlug(t.deps.db, "binational-2031");
    const orgRows = await t.deps.db.select().from(cycleOrganisations).where(eq(cycleOrganisations.cycleId, cycle.id));
    expect(orgRows).toHaveLength(2);
    const texts = await t.deps.db
      .select()
      .from(cycleTranslations)
      .where(and(eq(cycleTranslations.cycleId, cycle.id)));
    expect(texts.map((r) => r.locale)).toEqual(["fr"]);
    expect((await t.deps.db.select().from(cycles).where(eq(cycles.slug, "binational-2031")))[0]?.sourceLanguage).toBe(
      "fr",
    );
  });
});
