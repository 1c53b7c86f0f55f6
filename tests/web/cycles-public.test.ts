import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ballotOptions, themes, themeTranslations } from "../../src/db/schema/index.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import { ballotIdOf, cycleBySlug, makeCycle, makeTheme, themeIdOf } from "./cycles-helpers.js";

/** Visible text of the <main> element, tags removed and entities decoded, whitespace collapsed. */
function mainText(html: string): string {
  const main = html.slice(html.indexOf("<main"), html.indexOf("</main>"));
  return main
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ");
}

const THEMES_2020 = {
  fr: [
    "L’accompagnement",
    "Le projet politique",
    "Un nouvel horizon post-crise sanitaire",
    "Penser et agir pour l’égalité",
  ],
  nl: [
    "Begeleiding",
    "Het politieke project",
    "Een nieuwe horizon na de gezondheidscrisis",
    "Denken en handelen voor gelijkheid",
  ],
  de: [
    "Die Begleitung",
    "Das politische Projekt",
    "Ein neuer Horizont nach der Gesundheitskrise",
    "Für Gleichheit denken und handeln",
  ],
  en: ["Support", "The political project", "A new horizon after the health crisis", "Thinking and acting for equality"],
} as const;

const THEMES_2015 = {
  fr: "Mutualiste, redistributif, solidaire : un modèle économique viable ?",
  nl: "Mutualistisch, herverdelend, solidair: een leefbaar economisch model?",
  de: "Auf Gegenseitigkeit, umverteilend, solidarisch: ein tragfähiges Wirtschaftsmodell?",
  en: "Mutualist, redistributive, solidarity-based: a viable economic model?",
} as const;

describe.each(ENGINES)("public cycle pages (%s)", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t.close());

  it("lists the cycles with their organisations and dates", async () => {
    const page = await new TestClient(t).get("/en/cycles");
    expect(page.status).toBe(200);
    const text = mainText(page.text);
    expect(text).toContain("Smart in Progress 2015–2016");
    expect(text).toContain("Smart in Progress 2020–2021");
    expect(text).toContain("1 October 2015 – 28 June 2016");
    expect(page.text).toContain('href="/en/cycles/2015-2016"');
    expect(page.text).toContain('href="/en/organisations/smart-fr"');
    // A visitor is offered neither the creation nor the management links.
    expect(page.text).not.toContain("/admin/cycles");
  });

  it.each(Object.keys(THEMES_2020) as Array<keyof typeof THEMES_2020>)(
    "shows the 2020–2021 themes in %s",
    async (locale) => {
      const page = await new TestClient(t).get(`/${locale}/cycles/2020-2021`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(`<html lang="${locale}"`);
      const text = mainText(page.text);
      for (const title of THEMES_2020[locale]) expect(text).toContain(title);
      // No fallback notice: everything is translated.
      expect(page.text).not.toContain('class="warning"');
    },
  );

  it.each(Object.keys(THEMES_2015) as Array<keyof typeof THEMES_2015>)(
    "shows the 2015–2016 themes, all selected, in %s",
    async (locale) => {
      const page = await new TestClient(t).get(`/${locale}/cycles/2015-2016`);
      expect(mainText(page.text)).toContain(THEMES_2015[locale]);
      expect(page.text).toContain('id="group-selected"');
      expect(page.text).not.toContain('id="group-on_ballot"');
    },
  );

  it("marks carried-over themes for information, with their scope, and keeps them out of the ballot options", async () => {
    const page = await new TestClient(t).get("/en/cycles/2020-2021");
    const text = mainText(page.text);
    const carried = text.slice(text.indexOf("Carried-over themes"));
    expect(carried).toContain("Thinking and acting for equality For information, not ranked");
    expect(carried).toContain(
      "Mutualist, redistributive, solidarity-based: a viable economic model? For information, not ranked Only for Smart France",
    );
    const ballotId = await ballotIdOf(t.deps.db, "2020-2021");
    const options = await t.deps.db
      .select({ key: ballotOptions.key })
      .from(ballotOptions)
      .where(eq(ballotOptions.ballotId, ballotId))
      .orderBy(asc(ballotOptions.position));
    expect(options.map((o) => o.key)).toEqual(["support", "political-project", "post-crisis", "staff-place"]);
  });

  it("shows the calendar and the draft ballot's schedule without a link", async () => {
    const page = await new TestClient(t).get("/fr/cycles/2015-2016");
    const text = mainText(page.text);
    expect(text).toContain("Groupes de travail : 22 octobre 2015 – 14 avril 2016");
    expect(text).toContain("Assemblée générale : 28 juin 2016");
    const current = await new TestClient(t).get("/en/cycles/2020-2021");
    expect(mainText(current.text)).toMatch(/Draft\. Opens on .* at 09:00 \. Closes on .* at 18:00/);
    expect(current.text).not.toContain("/en/ballots/");
  });

  it("publishes the rules of the game as escaped paragraphs, with who decides what and when", async () => {
    const page = await new TestClient(t).get("/de/cycles/2020-2021/rules");
    expect(page.status).toBe(200);
    expect(page.text).toContain("<h1>Spielregeln</h1>");
    expect(page.text).toContain("<p>Die Generalversammlung stimmt über die Vorschläge ab.</p>");
    const text = mainText(page.text);
    expect(text).toContain("Wer entscheidet was, und wann");
    expect(text).toContain("Der Verwaltungsrat schlägt die Themen vor; die Genossenschafter ordnen sie");
  });

  it("falls back to the source language with a notice when a translation is missing", async () => {
    const cycle = await makeCycle(t.deps.db, "fallback-test", ["smart-be"], {
      fr: { title: "Cycle en français", rules: "Première règle.\n\nDeuxième règle <b>grasse</b>." },
      nl: { title: "Cyclus in het Nederlands", rules: "Eerste regel." },
    });
    await makeTheme(t.deps.db, cycle, "only-french", "on_ballot", {
      fr: { title: "Thème seulement en français", description: "Texte." },
    });
    const de = await new TestClient(t).get("/de/cycles/fallback-test");
    expect(de.text).toContain('<h1 lang="fr">Cycle en français</h1>');
    expect(de.text).toContain("Dieser Text ist in Ihrer Sprache nicht verfügbar; er wird auf Französisch angezeigt.");
    expect(de.text).toContain('<h4 lang="fr">Thème seulement en français</h4>');
    const nl = await new TestClient(t).get("/nl/cycles/fallback-test");
    expect(nl.text).toContain("<h1>Cyclus in het Nederlands</h1>");
    expect(nl.text).toContain("Deze tekst is niet beschikbaar in uw taal; hij wordt getoond in het Frans.");
    const rules = await new TestClient(t).get("/en/cycles/fallback-test/rules");
    expect(rules.text).toContain("This text is not available in your language; it is shown in French.");
    expect(rules.text).toContain('<p lang="fr">Première règle.</p>');
    expect(rules.text).toContain("Deuxième règle &lt;b&gt;grasse&lt;/b&gt;.");
    expect(rules.text).not.toContain("<b>grasse</b>");
  });

  it("says when a translation may be outdated", async () => {
    const id = await themeIdOf(t.deps.db, "2015-2016", "publics");
    await t.deps.db
      .update(themeTranslations)
      .set({ outdated: true })
      .where(and(eq(themeTranslations.themeId, id), eq(themeTranslations.locale, "en")));
    const page = await new TestClient(t).get("/en/cycles/2015-2016");
    expect(page.text).toContain(
      "The original text has changed since this translation was written; it may be out of date.",
    );
  });

  it("renders a <script> in a theme title and description inert", async () => {
    const cycle = await cycleBySlug(t.deps.db, "fallback-test");
    await makeTheme(t.deps.db, cycle, "xss", "proposed", {
      fr: {
        title: "<script>alert('titre')</script>",
        description: "<script>alert('description')</script>\n\n<img src=x onerror=alert(1)>",
      },
    });
    const page = await new TestClient(t).get("/fr/cycles/fallback-test");
    expect(page.text).toContain("&lt;script&gt;alert(&#39;titre&#39;)&lt;/script&gt;");
    expect(page.text).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(page.text).not.toContain("<script>alert");
    expect(page.text).not.toContain("<img src=x");
  });

  it("answers 404 for an unknown cycle and for a malformed slug", async () => {
    expect((await new TestClient(t).get("/en/cycles/1999-2000")).status).toBe(404);
    expect((await new TestClient(t).get("/en/cycles/NOT_A_SLUG/rules")).status).toBe(404);
  });

  it("keeps the 2015–2016 themes in the order of the booklet", async () => {
    const cycle = await cycleBySlug(t.deps.db, "2015-2016");
    const rows = await t.deps.db
      .select({ key: themes.key, status: themes.status })
      .from(themes)
      .where(eq(themes.cycleId, cycle.id))
      .orderBy(asc(themes.position));
    expect(rows).toEqual([
      { key: "publics", status: "selected" },
      { key: "services", status: "selected" },
      { key: "economic-model", status: "selected" },
      { key: "governance", status: "selected" },
    ]);
  });
});
