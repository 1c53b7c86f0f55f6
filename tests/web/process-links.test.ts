import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAssembly } from "../../src/commands/assemblies/admin.js";
import { organisations, workingGroups } from "../../src/db/schema/index.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import { mail, openAssemblyOf, personId } from "./assemblies-helpers.js";

/**
 * The ways in: from a cycle to its groups, recommendations, proposals and the board's review;
 * from a group to its recommendations; from an organisation to its general assemblies, and, for
 * those who run the process, to the assemblies' and workflows' settings.
 */
describe.each(ENGINES)("links to the recommendations, the board and the assemblies (%s)", (engine) => {
  let t: TestApp;
  let openId: string;
  let draftId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const db = t.deps.db;
    openId = (await openAssemblyOf(db, { title: "AG ouverte des liens" })).assemblyId;
    const [be] = await db.select().from(organisations).where(eq(organisations.slug, "smart-be"));
    const draft = await createAssembly(db, await personId(db, "admin"), be!.id, {
      title: "AG en préparation des liens",
      heldOn: "2026-12-12",
      cycleId: null,
    });
    if (!draft.ok) throw new Error("draft assembly");
    draftId = draft.id;
  });
  afterAll(() => t.close());

  async function as(who: string | null): Promise<TestClient> {
    const client = new TestClient(t);
    if (who) await client.actAs(mail(who));
    return client;
  }

  it("lists the organisation's assemblies in session or closed, never those in preparation", async () => {
    for (const who of [null, "member"]) {
      const page = await (await as(who)).get("/en/organisations/smart-be");
      expect(page.status).toBe(200);
      expect(page.text).toContain(`href="/en/assemblies/${openId}"`);
      expect(page.text).toContain("AG ouverte des liens");
      expect(page.text).not.toContain(draftId);
      expect(page.text).toContain('href="/en/organisations/smart-be/action-plan"');
      expect(page.text).toContain('href="/en/organisations/smart-be/axes"');
      expect(page.text).not.toContain("/admin/organisations/smart-be/assemblies");
      expect(page.text).not.toContain("/admin/organisations/smart-be/workflows");
    }
  });

  it("shows those who run the process the way to the assemblies' and workflows' settings", async () => {
    const page = await (await as("manager")).get("/en/organisations/smart-be");
    expect(page.text).toContain('href="/en/admin/organisations/smart-be/assemblies"');
    expect(page.text).toContain('href="/en/admin/organisations/smart-be/workflows"');
  });

  it("links a cycle to its groups, recommendations and proposals, and the board's review for the board only", async () => {
    const visitor = await (await as(null)).get("/en/cycles/2020-2021");
    for (const rest of ["/groups", "/recommendations", "/proposals", "/booklet", "/dashboard"])
      expect(visitor.text).toContain(`href="/en/cycles/2020-2021${rest}"`);
    expect(visitor.text).not.toContain('href="/en/cycles/2020-2021/board"');
    const board = await (await as("board")).get("/en/cycles/2020-2021");
    expect(board.text).toContain('href="/en/cycles/2020-2021/board"');
  });

  it("lists the recommendations among a group's sections", async () => {
    const [group] = await t.deps.db.select().from(workingGroups).where(eq(workingGroups.key, "equality"));
    const page = await (await as(null)).get(`/en/groups/${group!.id}`);
    expect(page.text).toContain(`href="/en/groups/${group!.id}/recommendations"`);
    const list = await (await as(null)).get(`/en/groups/${group!.id}/recommendations`);
    expect(list.status).toBe(200);
    expect(list.text).toMatch(/aria-current="page"[^>]*>Recommendations<|>Recommendations<\/a>/);
  });
});
