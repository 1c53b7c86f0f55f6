import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBallot } from "../../src/commands/ballots/open.js";
import { publishBallot } from "../../src/commands/ballots/publish.js";
import { results as messages } from "../../src/i18n/messages/results.js";
import { createBallot, demoOrg } from "../commands/ballots-fixtures.js";
import { countedBallot, THEMES } from "./results-helpers.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import { ADMIN, MEMBER, signedIn } from "./admin-helpers.js";

const MANAGER = "manager@demo.letscoop.test";

/** Text as JSX writes it into the page. */
function html(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
/** Made cycle manager of smart-fr only, below. */
const FR_MANAGER = "guest@demo.letscoop.test";

describe.each(ENGINES)("ballot results page (%s)", (engine) => {
  let t: TestApp;
  let published: string;
  let closedOnly: string;
  let irv: string;
  let borda: string;
  let openOne: string;
  let manager: TestClient;
  let member: TestClient;
  let admin: TestClient;
  let frManager: TestClient;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const db = t.deps.db;
    published = await countedBallot(db, "schulze", "Thèmes <b>2026</b>");
    expect((await publishBallot(db, published, { actorId: null })).ok).toBe(true);
    closedOnly = await countedBallot(db, "schulze", "Thèmes fermés");
    irv = await countedBallot(db, "irv", "Thèmes IRV");
    expect((await publishBallot(db, irv, { actorId: null })).ok).toBe(true);
    borda = await countedBallot(db, "borda", "Thèmes Borda");
    expect((await publishBallot(db, borda, { actorId: null })).ok).toBe(true);
    const be = await demoOrg(db, "smart-be");
    openOne = (await createBallot(db, { organisationIds: [be.id], themes: THEMES })).ballotId;
    expect((await openBallot(db, openOne, { actorId: null })).ok).toBe(true);
    await db.execute(
      sql`insert into role_assignments (person_id, organisation_id, role)
          select p.id, o.id, 'cycle_manager' from persons p, organisations o where p.email = ${FR_MANAGER} and o.slug = 'smart-fr'`,
    );
    manager = await signedIn(t, MANAGER);
    member = await signedIn(t, MEMBER);
    admin = await signedIn(t, ADMIN);
    frManager = await signedIn(t, FR_MANAGER);
  });
  afterAll(() => t.close());

  it("links the ballot page to its results once they may be read, and not before", async () => {
    const visitor = new TestClient(t);
    const publishedPage = await visitor.get(`/en/ballots/${published}`);
    expect(publishedPage.text).toContain(`href="/en/ballots/${published}/results"`);
    const openPage = await visitor.get(`/en/ballots/${openOne}`);
    expect(openPage.status).toBe(200);
    expect(openPage.text).not.toContain(`/ballots/${openOne}/results`);
    expect((await member.get(`/en/ballots/${closedOnly}`)).text).not.toContain(`/ballots/${closedOnly}/results`);
    expect((await manager.get(`/en/ballots/${closedOnly}`)).text).toContain(`/ballots/${closedOnly}/results`);
  });

  it("shows a published result to a visitor: ranking, method, duels, chart and tables", async () => {
    const page = await new TestClient(t).get(`/fr/ballots/${published}/results`);
    expect(page.status).toBe(200);
    const body = page.text;
    expect(body.match(/<h1[ >]/g)).toHaveLength(1);
    expect(body).toContain("Résultats : Thèmes &lt;b&gt;2026&lt;/b&gt;");
    // Staff (7 × 1) beat clients (7 × 0.5): housing wins.
    expect(body).toContain("Option gagnante : Se loger");
    expect(body).toContain(messages.fr.methodName_schulze);
    expect(body).toContain(html(messages.fr.methodExplain_schulze));
    // Pairwise matrix: caption, header cells with scope, the exact 3.5 written the French way.
    expect(body).toContain(`<caption>${html(messages.fr.duelsCaption)}</caption>`);
    expect(body).toContain('<th scope="col">');
    expect(body).toContain('<th scope="row">');
    expect(body).toContain("3,5");
    expect(body).not.toMatch(/>3\.5</);
    // The theme title with markup is text.
    expect(body).toContain("Prendre &lt;script&gt;alert(1)&lt;/script&gt; soin");
    expect(body).not.toContain("<script>alert(1)</script>");
    // SVG charts: an image with a title and a description, then a data table.
    const svgs = body.match(/<svg[^>]*>/g) ?? [];
    expect(svgs.length).toBe(2);
    for (const svg of svgs) {
      expect(svg).toContain('role="img"');
      expect(svg).toMatch(/aria-labelledby="chart-[a-z]+-title chart-[a-z]+-desc"/);
    }
    expect(body).toMatch(/<title id="chart-ranking-title">[^<]+<\/title><desc id="chart-ranking-desc">/);
    expect(body).toMatch(
      /<\/svg><\/figure><div class="table-wrap" role="region" aria-label="[^"]+" tabindex="0"><table><caption>/,
    );
    expect(body).not.toMatch(/<svg[^>]*style=/);
    expect(body).not.toContain("<script");
    // Participation tables, groups under 5 voters merged.
    expect(body).toContain(messages.fr.participationByCollege);
    expect(body).toContain(messages.fr.participationByOffice);
    expect(body).toContain(messages.fr.participationByLanguage);
    expect(body).toContain(messages.fr.otherGroup);
    expect(body).toContain("néerlandais");
    expect(body).toContain(messages.fr.byCollegeCaption);
  });

  it("writes the same exact value the English way in English, and translates the page", async () => {
    const browser = new TestClient(t);
    const en = await browser.get(`/en/ballots/${published}/results`);
    expect(en.status).toBe(200);
    expect(en.text).toContain("3.5");
    expect(en.text).toContain("Winning option: Housing");
    for (const locale of ["nl", "de"] as const) {
      const page = await browser.get(`/${locale}/ballots/${published}/results`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(html(messages[locale].methodExplain_schulze));
      expect(page.text).toContain("3,5");
    }
  });

  it("shows the rounds of an instant-runoff count as tables", async () => {
    const page = await manager.get(`/en/ballots/${irv}/results`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<caption>Round 1</caption>`);
    expect(page.text).toContain(html(messages.en.methodExplain_irv));
    expect(page.text).toContain(messages.en.measureFirstRound);
    // No duel matrix for a round-based method.
    expect(page.text).not.toContain(html(messages.en.duelsCaption));
  });

  it("shows Borda points, exact", async () => {
    const page = await member.get(`/fr/ballots/${borda}/results`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(messages.fr.measureBorda);
    expect(page.text).toMatch(/\d,5</);
  });

  it("keeps a closed, unpublished result to the people who run the ballot", async () => {
    const visitor = await new TestClient(t).get(`/fr/ballots/${closedOnly}/results`);
    expect(visitor.status).toBe(303);
    expect(visitor.location).toBe(`/fr/sign-in?next=${encodeURIComponent(`/fr/ballots/${closedOnly}/results`)}`);
    expect((await member.get(`/fr/ballots/${closedOnly}/results`)).status).toBe(403);
    expect((await frManager.get(`/fr/ballots/${closedOnly}/results`)).status).toBe(403);
    const seen = await manager.get(`/fr/ballots/${closedOnly}/results`);
    expect(seen.status).toBe(200);
    expect(seen.text).toContain(html(messages.fr.notPublished));
    expect((await admin.get(`/fr/ballots/${closedOnly}/results`)).status).toBe(200);
  });

  it("shows no result while the ballot is open, and 404 for an unknown ballot", async () => {
    expect((await manager.get(`/fr/ballots/${openOne}/results`)).status).toBe(403);
    expect((await admin.get(`/fr/ballots/${openOne}/results`)).status).toBe(403);
    expect((await manager.get(`/fr/ballots/00000000-0000-4000-8000-000000000000/results`)).status).toBe(404);
    expect((await manager.get(`/fr/ballots/not-a-ballot/results`)).status).toBe(404);
  });
});
