import { asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  actionProposalRecommendations,
  actionProposals,
  cycles,
  organisations,
  recommendations,
  stateChanges,
} from "../../src/db/schema/index.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import { ACCOUNTS, BOARD, personId, submittedRecommendation } from "./board-helpers.js";

describe.each(ENGINES)("action proposals from retained recommendations (%s)", (engine) => {
  let t: TestApp;
  let first: string;
  let second: string;
  let submitted: string;
  let beId: string;
  let cycleId: string;
  const proposalsOfCycle = () => t.deps.db.select().from(actionProposals).where(eq(actionProposals.cycleId, cycleId));
  const NEW = "/en/cycles/2020-2021/proposals/new";

  beforeAll(async () => {
    t = await createTestApp(engine);
    first = await submittedRecommendation(t.deps.db, { title: "Publish the pay gaps", sections: { context: "a" } });
    second = await submittedRecommendation(t.deps.db, { title: "Train the recruiters", sections: { context: "b" } });
    submitted = await submittedRecommendation(t.deps.db, { title: "Count the gaps", sections: { context: "c" } });
    const [be] = await t.deps.db.select().from(organisations).where(eq(organisations.slug, "smart-be"));
    beId = be!.id;
    const [cycle] = await t.deps.db.select().from(cycles).where(eq(cycles.slug, "2020-2021"));
    cycleId = cycle!.id;
    const client = await as(BOARD);
    for (const id of [first, second]) {
      await client.get(`/en/board/recommendations/${id}`);
      const res = await client.post(`/en/board/recommendations/${id}/decision`, {
        decision: "retained",
        reasons: "Good idea.",
      });
      expect(res.status).toBe(303);
    }
  });
  afterAll(() => t.close());

  async function as(email: string): Promise<TestClient> {
    const client = new TestClient(t);
    await client.actAs(email);
    return client;
  }

  it("offers only retained recommendations that are in no proposal, to the board only", async () => {
    const client = await as(BOARD);
    const res = await client.get(NEW);
    expect(res.status).toBe(200);
    expect(res.text).toContain("Publish the pay gaps");
    expect(res.text).toContain("Train the recruiters");
    expect(res.text).not.toContain("Count the gaps");
    for (const email of [ACCOUNTS.member, ACCOUNTS.manager, ACCOUNTS.facilitator, ACCOUNTS.admin]) {
      expect((await (await as(email)).get(NEW)).status, email).toBe(403);
    }
  });

  const bad: Array<[string, () => Record<string, string | string[]>, string]> = [
    [
      "no title",
      () => ({ title: "", organisationId: beId, recommendations: [first] }),
      "Title: This field is required.",
    ],
    [
      "no recommendation",
      () => ({ title: "Equal pay", organisationId: beId }),
      "Choose at least one retained recommendation.",
    ],
    [
      "a recommendation that is not retained",
      () => ({ title: "Equal pay", organisationId: beId, recommendations: [first, submitted] }),
      "is not retained: only retained recommendations can be proposed.",
    ],
    [
      "an organisation outside the cycle",
      () => ({ title: "Equal pay", organisationId: "00000000-0000-4000-8000-000000000000", recommendations: [first] }),
      "Choose one of the values offered.",
    ],
    [
      "an unknown recommendation",
      () => ({ title: "Equal pay", organisationId: beId, recommendations: ["00000000-0000-4000-8000-000000000000"] }),
      "One of the recommendations chosen does not exist.",
    ],
    [
      "a guessed recommendation id",
      () => ({ title: "Equal pay", organisationId: beId, recommendations: ["not-an-id"] }),
      "One of the recommendations chosen does not exist.",
    ],
  ];

  it.each(bad)("refuses a proposal with %s and saves nothing", async (_, fields, message) => {
    const client = await as(BOARD);
    await client.get(NEW);
    const res = await client.post(NEW, fields());
    expect(res.status).toBe(422);
    expect(res.text).toContain(message);
    expect(await proposalsOfCycle()).toHaveLength(0);
  });

  it("refuses a recommendation of another cycle", async () => {
    const elsewhere = await submittedRecommendation(t.deps.db, { title: "Elsewhere", state: "retained" });
    const [old] = await t.deps.db.select().from(cycles).where(eq(cycles.slug, "2015-2016"));
    await t.deps.db
      .update(recommendations)
      .set({ cycleId: old!.id, number: 901 })
      .where(eq(recommendations.id, elsewhere));
    const client = await as(BOARD);
    await client.get(NEW);
    const res = await client.post(NEW, { title: "Equal pay", organisationId: beId, recommendations: [elsewhere] });
    expect(res.status).toBe(422);
    expect(res.text).toContain("Recommendation 901 belongs to another cycle.");
  });

  it("makes one proposal from two retained recommendations, moves them into it, and shows it publicly", async () => {
    const client = await as(BOARD);
    await client.get(NEW);
    const res = await client.post(NEW, {
      title: "An equal-pay plan",
      description: "Publish and reduce the gaps.",
      organisationId: beId,
      recommendations: [first, second],
    });
    expect(res.status).toBe(303);
    const [proposal] = await proposalsOfCycle();
    expect(proposal).toMatchObject({ number: 1, state: "proposed", organisationId: beId });
    expect(proposal!.createdBy).toBe(await personId(t.deps.db, BOARD));
    expect(res.location).toBe(`/en/proposals/${proposal!.id}?done=proposal&n=1`);
    const links = await t.deps.db
      .select()
      .from(actionProposalRecommendations)
      .where(eq(actionProposalRecommendations.proposalId, proposal!.id));
    expect(links.map((l) => l.recommendationId).sort()).toEqual([first, second].sort());
    const states = await t.deps.db
      .select({ state: recommendations.state })
      .from(recommendations)
      .where(inArray(recommendations.id, [first, second]));
    expect(states.map((s) => s.state)).toEqual(["in_proposal", "in_proposal"]);
    const created = await t.deps.db
      .select()
      .from(stateChanges)
      .where(eq(stateChanges.subjectId, proposal!.id))
      .orderBy(asc(stateChanges.at));
    expect(created).toMatchObject([{ subject: "action_proposal", fromState: null, toState: "proposed" }]);

    const visitor = new TestClient(t);
    const page = await visitor.get(`/en/proposals/${proposal!.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Action proposal 1: An equal-pay plan");
    expect(page.text).toContain(`/en/recommendations/${first}`);
    expect(page.text).toContain(`/en/recommendations/${second}`);
    expect(page.text).not.toContain("/board/recommendations/");
    const list = await visitor.get("/en/cycles/2020-2021/proposals");
    expect(list.status).toBe(200);
    expect(list.text).toContain("An equal-pay plan");
    expect((await visitor.get("/en/proposals/not-a-uuid")).status).toBe(404);
    expect((await visitor.get("/en/proposals/00000000-0000-4000-8000-000000000000")).status).toBe(404);

    // Already in a proposal: refused.
    await client.get(NEW);
    const again = await client.post(NEW, { title: "Again", organisationId: beId, recommendations: [first] });
    expect(again.status).toBe(422);
    expect(again.text).toContain("is already in an action proposal.");
    expect(await proposalsOfCycle()).toHaveLength(1);
  });
});
