import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import { BOARD, MEMBER, one, rows, signedIn } from "./admin-helpers.js";

/** The names listed in the directory table (row headers). */
function directoryNames(html: string): string[] {
  return [...html.matchAll(/<tr><th scope="row">([^<]*)<\/th>/g)].map((m) => m[1]!);
}

describe.each(ENGINES)("public organisation pages and the member directory (%s)", (engine) => {
  let t: TestApp;
  let visitor: TestClient;
  let member: TestClient;

  beforeAll(async () => {
    t = await createTestApp(engine);
    visitor = new TestClient(t);
    member = await signedIn(t, MEMBER);
  });
  afterAll(() => t.close());

  it("lists the organisations with their country and number of members", async () => {
    const counts = await rows<{ slug: string; n: string | number }>(
      t,
      sql`select o.slug, count(m.id) as n from organisations o left join memberships m on m.organisation_id = o.id group by o.slug`,
    );
    const page = await visitor.get("/en/organisations");
    expect(page.status).toBe(200);
    expect(page.text).toContain("<h1>Organisations</h1>");
    for (const c of counts) {
      expect(page.text).toMatch(
        new RegExp(
          `href="/en/organisations/${c.slug}">[^<]+</a></th><td>[^<]+</td><td class="number">${Number(c.n)}</td>`,
        ),
      );
    }
    expect(page.text).toContain("<td>Belgium</td>");
    expect((await visitor.get("/fr/organisations")).text).toContain("<td>Belgique</td>");
    expect((await visitor.get("/nl/organisations")).text).toContain("<td>België</td>");
  });

  it("shows an organisation: legal name, country, languages, offices, colleges with weights, statutes in words", async () => {
    const page = await visitor.get("/en/organisations/smart-be");
    expect(page.status).toBe(200);
    expect(page.text).toContain("<h1>Smart Belgique</h1>");
    expect(page.text).toContain("Smart Coop SC");
    expect(page.text).toContain("French, Dutch, German, English");
    expect(page.text).toMatch(/<th scope="row">Smart Bruxelles<\/th><td>Bruxelles<\/td><td>Yes<\/td>/);
    expect(page.text).toMatch(/<th scope="row">Smart Gent<\/th><td>Gent<\/td><td>No<\/td>/);
    expect(page.text).toMatch(/<th scope="row">Clients<\/th><td class="number">0.5<\/td>/);
    expect(page.text).toContain("No attendance quorum is required.");
    expect(page.text).toContain("A proposal is adopted by a simple majority of the votes cast: more yes than no.");
    expect(page.text).toContain("At least 1/2 (50%) of the members must be present or represented.");
    expect(page.text).toContain("A proposal is adopted when at least two thirds of the votes cast are in favour.");
    expect(page.text).toContain("Largest number of proxies one member present may hold: 2.");
    // Visitors get no link to the directory.
    expect(page.text).not.toContain("/organisations/smart-be/directory");
    const fr = await visitor.get("/fr/organisations/smart-be");
    expect(fr.text).toMatch(/<th scope="row">Clients<\/th><td class="number">0,5<\/td>/);
    expect(fr.text).toMatch(/Au moins 1\/2 \(50\s%\) des membres doivent être présents ou représentés\./);
    const de = await visitor.get("/de/organisations/smart-be");
    expect(de.text).toMatch(/<th scope="row">Kunden<\/th><td class="number">0,5<\/td>/);
    expect((await member.get("/en/organisations/smart-be")).text).toContain(
      'href="/en/organisations/smart-be/directory"',
    );
  });

  it("the directory lists only members who opted in, without e-mails, in pages", async () => {
    const optedIn = await rows<{ name: string }>(
      t,
      sql`select p.name from memberships m join persons p on p.id = m.person_id join organisations o on o.id = m.organisation_id
          where o.slug = 'smart-be' and m.directory_opt_in order by p.name, m.id`,
    );
    const optedOut = await rows<{ name: string; email: string }>(
      t,
      sql`select p.name, p.email from memberships m join persons p on p.id = m.person_id join organisations o on o.id = m.organisation_id
          where o.slug = 'smart-be' and not m.directory_opt_in`,
    );
    expect(optedOut.length).toBeGreaterThan(0);
    const page = await member.get("/en/organisations/smart-be/directory");
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Members in the directory: ${optedIn.length}`);
    const listed = directoryNames(page.text);
    expect(listed).toEqual(optedIn.slice(0, 50).map((r) => r.name));
    expect(page.text).not.toContain("@demo.letscoop.test");
    for (const out of optedOut) expect(page.text).not.toContain(out.email);
    const outNames = new Set(optedOut.map((o) => o.name));
    const inNames = new Set(optedIn.map((o) => o.name));
    for (const name of listed) expect(!outNames.has(name) || inNames.has(name)).toBe(true);
  });

  it("a member who withdraws from the directory disappears from it", async () => {
    const greta = await one<{ id: string }>(
      t,
      sql`select m.id from memberships m join persons p on p.id = m.person_id where p.email = ${MEMBER}`,
    );
    const board = await signedIn(t, BOARD);
    expect(directoryNames((await board.get("/en/organisations/smart-be/directory")).text)).toContain(
      "Greta Schoonbroodt",
    );
    await t.deps.db.execute(sql`update memberships set directory_opt_in = false where id = ${greta.id}`);
    const after = await board.get("/en/organisations/smart-be/directory");
    expect(directoryNames(after.text)).not.toContain("Greta Schoonbroodt");
    expect(after.text).not.toContain("Greta Schoonbroodt");
  });

  it("pages the directory 50 at a time", async () => {
    await t.deps.db.execute(
      sql`update memberships set directory_opt_in = true where organisation_id = (select id from organisations where slug = 'smart-be')`,
    );
    const total = Number(
      (
        await one<{ n: string | number }>(
          t,
          sql`select count(*) as n from memberships m join organisations o on o.id = m.organisation_id where o.slug = 'smart-be'`,
        )
      ).n,
    );
    const first = await member.get("/en/organisations/smart-be/directory");
    expect(directoryNames(first.text)).toHaveLength(50);
    const pages = Math.ceil(total / 50);
    expect(first.text).toContain(`Page 1 of ${pages}`);
    const last = await member.get(`/en/organisations/smart-be/directory?page=${pages}`);
    expect(directoryNames(last.text)).toHaveLength(total - 50 * (pages - 1));
  });
});
