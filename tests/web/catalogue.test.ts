import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGroupContext } from "../../src/commands/groups/load.js";
import { emptySections } from "../../src/commands/recommendations/content.js";
import { createRecommendation } from "../../src/commands/recommendations/write.js";
import {
  cycles,
  recommendations,
  recommendationTranslations,
  recommendationVersions,
  workingGroups,
} from "../../src/db/schema/index.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import { plain } from "../support/html.js";
import { personId } from "./board-helpers.js";

/** The numbers of the results on a catalogue page, in order ("2015-2016#3"). */
function results(html: string): string[] {
  return [
    ...html.matchAll(
      /(?:Cycle|cycle|Cyclus|Zyklus) ([a-z0-9-]+), (?:recommendation|recommandation|aanbeveling|Empfehlung) (\d+)/g,
    ),
  ].map((m) => `${m[1]}#${m[2]}`);
}

/**
 * The catalogue of every public recommendation: stemmed, accent-insensitive search in each
 * language, a typo still found, other language versions found with their recommendation,
 * filters, sort, permalinks, and bad input refused with a clear message.
 */
describe.each(ENGINES)("the catalogue of recommendations (%s)", (engine) => {
  let t: TestApp;
  let third: string;
  let draftId: string;
  const get = (path: string) => new TestClient(t).get(path);

  beforeAll(async () => {
    t = await createTestApp(engine);
    const db = t.deps.db;
    const [row] = await db
      .select({ id: recommendations.id })
      .from(recommendations)
      .innerJoin(cycles, eq(cycles.id, recommendations.cycleId))
      .where(and(eq(cycles.slug, "2015-2016"), eq(recommendations.number, 3)));
    third = row!.id;
    // A Dutch translation of recommendation 3, written as the translator's command does.
    const [v] = await db
      .select()
      .from(recommendationVersions)
      .where(eq(recommendationVersions.recommendationId, third));
    await db.insert(recommendationTranslations).values({
      recommendationId: third,
      language: "nl",
      sourceVersionId: v!.id,
      title: "Een ethische commissie oprichten",
      sections: { ...emptySections(), context: "Sommige beroepen roepen ethische vragen op." },
    });
    // A draft with a word of its own: never in the catalogue.
    const facilitator = await personId(db, "facilitator@demo.letscoop.test");
    const [group] = await db.select().from(workingGroups).where(eq(workingGroups.key, "equality"));
    const draft = await createRecommendation(db, facilitator, (await loadGroupContext(db, group!.id, facilitator))!, {
      number: null,
      title: "Créer un zyxomètre confidentiel",
      titleCheckOverridden: false,
      sections: { ...emptySections(), context: "Le zyxomètre reste un brouillon." },
      quotes: [],
      footnotes: [],
      axes: [],
      attachmentIds: [],
      note: "",
    });
    if (!draft.ok) throw new Error("draft");
    draftId = draft.recommendationId;
  });
  afterAll(() => t.close());

  it("finds recommendation 3 of 2015–2016 first for a French search of “comités d'éthique”", async () => {
    const page = await get(`/fr/recommendations?q=${encodeURIComponent("comités d'éthique")}`);
    expect(page.status).toBe(200);
    expect(results(page.text)[0]).toBe("2015-2016#3");
    expect(plain(page.text)).toContain("Créer en son sein un comité d’éthique.");
    expect(page.text).toContain(`href="/fr/recommendations/${third}"`);
  });

  it("ignores accents and finds inflected forms in each language", async () => {
    expect(results((await get(`/fr/recommendations?q=${encodeURIComponent("COMITE ethique")}`)).text)).toContain(
      "2015-2016#3",
    );
    // Dutch stemming: "commissies" finds "commissie" in the Dutch version.
    const dutch = await get(`/nl/recommendations?q=commissies`);
    expect(results(dutch.text)).toEqual(["2015-2016#3"]);
    // The reader in Dutch sees the Dutch title; the French reader the French one, with a link to the other version.
    expect(dutch.text).toContain("Een ethische commissie oprichten");
    const french = await get(`/fr/recommendations?q=commissie`);
    expect(results(french.text)).toEqual(["2015-2016#3"]);
    expect(plain(french.text)).toContain("Créer en son sein un comité d’éthique.");
    expect(french.text).toContain(`href="/nl/recommendations/${third}"`);
  });

  it("still finds it with a typo, and says the words were near matches", async () => {
    const page = await get(`/en/recommendations?q=${encodeURIComponent("comité d'étique")}`);
    expect(page.status).toBe(200);
    expect(results(page.text)).toContain("2015-2016#3");
    expect(page.text).toContain("No recommendation contains these words: here are those with a close spelling.");
  });

  it("keeps drafts out, and follows a new version and a changed translation at once", async () => {
    expect(results((await get("/en/recommendations?q=zyxom%C3%A8tre")).text)).toEqual([]);
    expect((await get("/en/recommendations")).text).not.toContain(draftId);
    // A new version of recommendation 3 (as the board's merge writes one): its new words are found.
    await t.deps.db.insert(recommendationVersions).values({
      recommendationId: third,
      number: 99,
      title: "Créer en son sein un comité d’éthique et de déontologie",
      sections: { ...emptySections(), context: "Une déontologie partagée." },
      origin: "amended",
    });
    expect(results((await get("/fr/recommendations?q=d%C3%A9ontologie")).text)).toEqual(["2015-2016#3"]);
    await t.deps.db
      .update(recommendationTranslations)
      .set({ title: "Een ethisch en deontologisch comité oprichten" })
      .where(eq(recommendationTranslations.recommendationId, third));
    expect((await get("/nl/recommendations?q=deontologisch")).text).toContain(
      "Een ethisch en deontologisch comité oprichten",
    );
  });

  it("filters by cycle, group, theme, axis, state and decision, sorts, and pages", async () => {
    const all = await get("/en/recommendations?cycle=2015-2016");
    expect(plain(all.text)).toContain("Recommendations found: 37");
    expect(results(all.text)).toHaveLength(20);
    expect(results(all.text)[0]).toBe("2015-2016#1");
    const second = await get("/en/recommendations?cycle=2015-2016&page=2");
    expect(results(second.text)).toHaveLength(17);
    expect(results(second.text)[0]).toBe("2015-2016#21");
    const none = await get("/en/recommendations?cycle=2020-2021&q=%C3%A9thique");
    expect(plain(none.text)).toContain("Recommendations found: 0");
    const governance = results((await get("/en/recommendations?cycle=2015-2016&group=governance")).text);
    expect(governance.length).toBeGreaterThan(0);
    expect(governance.length).toBeLessThan(37);
    const theme = results((await get("/en/recommendations?cycle=2015-2016&theme=governance")).text);
    expect(theme).toEqual(governance);
    const retained = await get("/en/recommendations?cycle=2015-2016&decision=retained");
    const notRetained = await get("/en/recommendations?cycle=2015-2016&decision=not_retained");
    const count = (html: string) => Number(/Recommendations found: (\d+)/.exec(plain(html))![1]);
    expect(count(retained.text)).toBeGreaterThan(0);
    expect(count(retained.text) + count(notRetained.text)).toBeLessThanOrEqual(37);
    const adopted = await get("/en/recommendations?state=adopted");
    expect(count(adopted.text)).toBeGreaterThan(0);
    const democracy = await get("/en/recommendations?axis=democracy");
    expect(count(democracy.text)).toBeGreaterThan(0);
    expect(count(democracy.text)).toBeLessThan(count(all.text) + 1);
    const be = await get("/en/recommendations?organisation=smart-be&cycle=2015-2016");
    expect(count(be.text)).toBe(37);
  });

  it("refuses unknown filters, unknown values, a text too long and a bad page with a clear message, and takes any search syntax", async () => {
    for (const [query, message] of [
      ["colour=red", "The address asks for filters the catalogue does not know: colour."],
      ["cycle=1999-2000", "This value does not exist here"],
      ["decision=maybe", "This value does not exist here"],
      ["sort=random", "This value does not exist here"],
      [`q=${"x".repeat(10_000)}`, "The search text is too long: 200 characters at the most."],
      ["page=0", "The page is a whole number from 1 to 500."],
      ["page=99999", "The page is a whole number from 1 to 500."],
    ] as const) {
      const res = await get(`/en/recommendations?${query}`);
      expect(res.status, query).toBe(400);
      expect(plain(res.text), query).toContain(message);
    }
    for (const q of [
      "&|!():*",
      "a & !b | (c:*",
      "'; drop table recommendations; --",
      '"unclosed',
      "<script>alert(1)</script>",
    ]) {
      const res = await get(`/en/recommendations?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
      expect(res.text).not.toContain("<script>alert(1)</script>");
    }
    expect((await t.deps.db.select({ id: recommendations.id }).from(recommendations)).length).toBeGreaterThan(37);
  });

  it("gives each recommendation a permalink by cycle and number", async () => {
    const res = await get("/en/cycles/2015-2016/recommendations/3");
    expect(res.status).toBe(301);
    expect(res.location).toBe(`/en/recommendations/${third}`);
    expect((await get("/en/cycles/2015-2016/recommendations/999")).status).toBe(404);
    expect((await get("/en/cycles/1999-2000/recommendations/3")).status).toBe(404);
  });
});
