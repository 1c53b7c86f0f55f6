import { createHash } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadBooklet } from "../../src/booklet/data.js";
import { bookletHash } from "../../src/booklet/render.js";
import { findCycleBySlug } from "../../src/commands/cycles/read.js";
import { loadGroupContext } from "../../src/commands/groups/load.js";
import { emptySections } from "../../src/commands/recommendations/content.js";
import { createRecommendation } from "../../src/commands/recommendations/write.js";
import {
  cycles,
  groupMembers,
  memberships,
  persons,
  recommendations,
  recommendationVersions,
  workingGroups,
} from "../../src/db/schema/index.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import { plain } from "../support/html.js";

const SLUG = "2015-2016";
const BASE = `/cycles/${SLUG}/booklet`;

/** The text of an HTML fragment as a reader sees it, whitespace collapsed. */
const text = (html: string) =>
  plain(html.replace(/<[^>]+>/g, " "))
    .replace(/\s+/g, " ")
    .trim();

/** The numbers and titles of the article headings of the page, in the order it shows them. */
function articleHeadings(html: string): Array<{ number: number; title: string }> {
  const out: Array<{ number: number; title: string }> = [];
  for (const m of html.matchAll(/<h3 id="rec-(\d+)-title">([\s\S]*?)<\/h3>/g)) {
    const title = /<span class="booklet-title"[^>]*>([\s\S]*?)<\/span>/.exec(m[2]!);
    out.push({ number: Number(m[1]), title: text(title?.[1] ?? "") });
  }
  return out;
}

const HEADINGS = {
  fr: ["Lettre d’accompagnement", "Table des matières", "Participants", "Remerciements"],
  nl: ["Begeleidende brief", "Inhoudsopgave", "Deelnemers", "Dankwoord"],
  de: ["Begleitschreiben", "Inhaltsverzeichnis", "Teilnehmende", "Dank"],
  en: ["Cover letter", "Contents", "Participants", "Acknowledgements"],
} as const;

describe.each(ENGINES)("the booklet of a cycle on the web (%s)", (engine) => {
  let t: TestApp;
  let client: TestClient;
  /** The 37 recommendations of 2015-2016 in the order of the booklet: by group (theme order), then number. */
  let expected: Array<{ number: number; title: string }>;
  const savedChromium = process.env.CHROMIUM_PATH;

  beforeAll(async () => {
    t = await createTestApp(engine);
    client = new TestClient(t);
    const cycle = await findCycleBySlug(t.deps.db, SLUG);
    const data = await loadBooklet(t.deps.db, cycle!, "fr");
    expected = data.groups.flatMap((g) => g.recommendations.map((r) => ({ number: r.number, title: r.title })));
  });
  afterAll(() => t.close());
  afterEach(() => {
    if (savedChromium === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = savedChromium;
  });

  it("holds the 37 recommendations of seed 003, numbered 1 to 37, each under its group", async () => {
    expect(expected.map((r) => r.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 37 }, (_, i) => i + 1));
    const res = await client.get(`/fr${BASE}`);
    expect(res.status).toBe(200);
    const headings = articleHeadings(res.text);
    expect(headings).toEqual(expected);
    // Each title as the latest version has it, in the database's order per group.
    const rows = await t.deps.db
      .select({ number: recommendations.number, title: recommendationVersions.title })
      .from(recommendations)
      .innerJoin(cycles, eq(cycles.id, recommendations.cycleId))
      .innerJoin(recommendationVersions, eq(recommendationVersions.recommendationId, recommendations.id))
      .where(eq(cycles.slug, SLUG))
      .orderBy(asc(recommendations.number), asc(recommendationVersions.number));
    const latest = new Map(rows.map((r) => [r.number, r.title]));
    for (const h of headings) expect(h.title).toBe(latest.get(h.number));
    expect(text(res.text)).toContain("Créer en son sein un comité d’éthique.");
  });

  it("follows seed 003's structure: cover, letter with the figures, contents, parts, outcomes, participants, thanks", async () => {
    const res = await client.get(`/fr${BASE}`);
    const html = res.text;
    const at = (needle: string) => {
      const i = html.indexOf(needle);
      expect(i, needle).toBeGreaterThan(-1);
      return i;
    };
    const order = [
      at('class="booklet-cover"'),
      at('id="letter-title"'),
      at('id="toc-title"'),
      at('id="group-publics-title"'),
      at('id="group-governance-title"'),
      at('id="outcomes-title"'),
      at('id="participants-title"'),
      at('id="acknowledgements-title"'),
    ];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const body = text(html);
    expect(body).toContain(
      "58 personnes, encadrées par 12 animateurs et 3 secrétaires, ont participé à 66 heures de réunion réparties sur 21 réunions en 6 mois.",
    );
    expect(body).toContain("Les groupes ont rédigé 37 recommandations.");
    // The table of contents links every recommendation to its article.
    for (const r of expected) expect(html).toContain(`href="#rec-${r.number}"`);
    // Facilitators and referents of each group, by name.
    const leads = await t.deps.db
      .select({ name: persons.name, role: groupMembers.role, key: workingGroups.key })
      .from(groupMembers)
      .innerJoin(persons, eq(persons.id, groupMembers.personId))
      .innerJoin(workingGroups, eq(workingGroups.id, groupMembers.groupId))
      .innerJoin(cycles, eq(cycles.id, workingGroups.cycleId))
      .where(
        and(
          eq(cycles.slug, SLUG),
          eq(groupMembers.status, "active"),
          inArray(groupMembers.role, ["facilitator", "referent"]),
        ),
      );
    expect(leads.length).toBeGreaterThanOrEqual(4);
    for (const lead of leads) {
      const part = html.slice(at(`id="group-${lead.key}"`));
      const end = part.indexOf("</dl>");
      expect(text(part.slice(0, end)), `${lead.name} in ${lead.key}`).toContain(lead.name);
    }
    // Board decisions and assembly results.
    const outcomes = text(html.slice(at('id="outcomes-title"'), at('id="participants-title"')));
    expect(outcomes).toMatch(/Retenue|retenue/);
    expect(outcomes).toMatch(/[Aa]doptée?/);
  });

  it("lists the participants who opted into the directory, and no one else", async () => {
    const res = await client.get(`/fr${BASE}`);
    const part = res.text.slice(
      res.text.indexOf('id="participants-title"'),
      res.text.indexOf('id="acknowledgements-title"'),
    );
    const people = await t.deps.db
      .selectDistinct({ id: persons.id, name: persons.name, optIn: memberships.directoryOptIn })
      .from(groupMembers)
      .innerJoin(persons, eq(persons.id, groupMembers.personId))
      .innerJoin(memberships, eq(memberships.personId, persons.id))
      .innerJoin(workingGroups, eq(workingGroups.id, groupMembers.groupId))
      .innerJoin(cycles, eq(cycles.id, workingGroups.cycleId))
      .where(and(eq(cycles.slug, SLUG), eq(groupMembers.status, "active"), eq(groupMembers.role, "participant")));
    const listed = people.filter((p) => p.optIn);
    const hidden = people.filter((p) => !people.some((q) => q.id === p.id && q.optIn));
    expect(listed.length).toBeGreaterThan(0);
    expect(hidden.length).toBeGreaterThan(0);
    const rows = [...part.matchAll(/<th scope="row">([^<]*)<\/th>/g)].map((m) => plain(m[1]!));
    for (const p of listed) expect(rows, p.name).toContain(p.name);
    for (const p of hidden) expect(rows, p.name).not.toContain(p.name);
  });

  it.each(Object.keys(HEADINGS) as Array<keyof typeof HEADINGS>)(
    "is written in %s, the French texts marked as such",
    async (lang) => {
      const res = await client.get(`/${lang}${BASE}`);
      expect(res.status).toBe(200);
      expect(res.text).toMatch(new RegExp(`<html lang="${lang}"`));
      const body = text(res.text);
      for (const h of HEADINGS[lang]) expect(body).toContain(h);
      const headings = articleHeadings(res.text);
      expect(headings.map((h) => h.number)).toEqual(expected.map((r) => r.number));
      if (lang === "fr") expect(res.text).not.toContain('class="booklet-title" lang="fr"');
      else expect(res.text.match(/class="booklet-title" lang="fr"/g)?.length).toBe(37);
    },
  );

  it("escapes what people typed", async () => {
    const fresh = await createTestApp(engine);
    try {
      const [three] = await fresh.deps.db
        .select({ id: recommendations.id })
        .from(recommendations)
        .innerJoin(cycles, eq(cycles.id, recommendations.cycleId))
        .where(and(eq(cycles.slug, SLUG), eq(recommendations.number, 3)));
      // Every version of number 3, so the latest one is changed whatever its number.
      await fresh.deps.db
        .update(recommendationVersions)
        .set({
          title: 'Créer <script>alert("t")</script> un comité',
          sections: { ...emptySections(), context: "Voir <img src=x onerror=alert(1)> et la recommandation 34." },
          quotes: [{ text: "</blockquote><b>cri</b>", firstName: "Zoé <i>", college: "Membres & co" }],
        })
        .where(eq(recommendationVersions.recommendationId, three!.id));
      const other = new TestClient(fresh);
      for (const path of [`/fr${BASE}`, `/fr${BASE}/print`]) {
        const res = await other.get(path);
        expect(res.status, path).toBe(200);
        expect(res.text, path).not.toContain("<script>alert");
        expect(res.text, path).not.toContain("<img src=x");
        expect(res.text, path).not.toContain("<b>cri</b>");
        expect(res.text, path).not.toContain("Zoé <i>");
        expect(res.text, path).toContain("&lt;script&gt;");
        expect(res.text, path).toContain("&lt;img src=x onerror=alert(1)&gt;");
        // The cross-reference is a link to recommendation 34 of the booklet.
        expect(res.text, path).toMatch(/la recommandation <a href="#rec-34">34<\/a>/);
      }
    } finally {
      await fresh.close();
    }
  });

  it("leaves drafts out, and its content hash follows the content", async () => {
    const fresh = await createTestApp(engine);
    try {
      const cycle = (await findCycleBySlug(fresh.deps.db, SLUG))!;
      const before = bookletHash(await loadBooklet(fresh.deps.db, cycle, "fr"));
      expect(bookletHash(await loadBooklet(fresh.deps.db, cycle, "fr"))).toBe(before);
      expect(bookletHash(await loadBooklet(fresh.deps.db, cycle, "nl"))).not.toBe(before);
      const [group] = await fresh.deps.db
        .select({ id: workingGroups.id })
        .from(workingGroups)
        .where(and(eq(workingGroups.cycleId, cycle.id), eq(workingGroups.key, "governance")));
      const [admin] = await fresh.deps.db
        .select({ id: persons.id })
        .from(persons)
        .where(eq(persons.email, "admin@demo.letscoop.test"));
      const context = (await loadGroupContext(fresh.deps.db, group!.id, admin!.id))!;
      const created = await createRecommendation(fresh.deps.db, admin!.id, context, {
        number: 38,
        title: "Publier un brouillon secret dans le livret",
        titleCheckOverridden: false,
        sections: emptySections(),
        quotes: [],
        footnotes: [],
        axes: [],
        attachmentIds: [],
        note: "",
      });
      expect(created.ok).toBe(true);
      const res = await new TestClient(fresh).get(`/fr${BASE}`);
      expect(res.text).not.toContain("brouillon secret");
      expect(articleHeadings(res.text)).toHaveLength(37);
      // A change to a published recommendation changes the hash (and so the cached PDF).
      const [three] = await fresh.deps.db
        .select({ id: recommendations.id })
        .from(recommendations)
        .where(and(eq(recommendations.cycleId, cycle.id), eq(recommendations.number, 3)));
      await fresh.deps.db
        .update(recommendationVersions)
        .set({ title: "Créer en son sein un comité d’éthique indépendant." })
        .where(eq(recommendationVersions.recommendationId, three!.id));
      expect(bookletHash(await loadBooklet(fresh.deps.db, cycle, "fr"))).not.toBe(before);
    } finally {
      await fresh.close();
    }
  });

  it("answers 404 for an unknown cycle, and refuses a language that is none of the four", async () => {
    for (const path of [`/fr/cycles/no-such-cycle/booklet`, "/fr/cycles/no-such-cycle/booklet/print"]) {
      expect((await client.get(path)).status, path).toBe(404);
    }
    expect((await client.get("/fr/cycles/no-such-cycle/booklet/pdf")).status).toBe(404);
    expect((await client.get("/fr/cycles/no-such-cycle/booklet/pdf/download")).status).toBe(404);
    await client.get(`/fr${BASE}`);
    expect((await client.post("/fr/cycles/no-such-cycle/booklet/pdf")).status).toBe(404);
    for (const lang of ["xx", "es", "it"]) {
      const res = await client.get(`/${lang}${BASE}`);
      expect(res.status, lang).toBe(404);
      expect(res.text).not.toContain("booklet-cover");
    }
  });

  it("serves the printable version with its own stylesheet, allowed by its hash only", async () => {
    const res = await client.get(`/de${BASE}/print`);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/^<!DOCTYPE html><html lang="de"/);
    const css = /<style>([\s\S]*?)<\/style>/.exec(res.text)![1]!;
    const hash = createHash("sha256").update(css).digest("base64");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
    expect(csp).toContain("default-src 'none'");
    expect(articleHeadings(res.text)).toHaveLength(37);
  });

  it("says so where Chromium is missing, and keeps the printable version", async () => {
    process.env.CHROMIUM_PATH = "/nonexistent/chromium";
    const res = await client.get(`/en${BASE}`);
    expect(res.status).toBe(200);
    expect(text(res.text)).toContain("Chromium is not installed on this server: the PDF version is not available.");
    expect(res.text).toContain(`href="/en${BASE}/print"`);
    expect(res.text).not.toContain(`action="/en${BASE}/pdf"`);
    const status = await client.get(`/en${BASE}/pdf`);
    expect(text(status.text)).toContain("the PDF version is not available");
    // Asking anyway queues nothing.
    const posted = await client.post(`/en${BASE}/pdf`);
    expect(posted.status).toBe(303);
    const after = await client.get(`/en${BASE}/pdf`);
    expect(after.text).not.toContain("<progress");
    const download = await client.get(`/en${BASE}/pdf/download`);
    expect(download.status).toBe(303);
    expect(download.location).toBe(`/en${BASE}/pdf`);
  });
});
