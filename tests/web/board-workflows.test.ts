import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseWorkflow, workflowTexts } from "../../src/commands/board/workflows.js";
import { loadRecommendationResource } from "../../src/commands/recommendations/load.js";
import {
  auditLog,
  boardDecisions,
  organisations,
  recommendations,
  workflowConfigs,
} from "../../src/db/schema/index.js";
import { DEFAULT_RECOMMENDATION_WORKFLOW } from "../../src/domain/workflow/workflow.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import { ACCOUNTS, BOARD, submittedRecommendation } from "./board-helpers.js";

describe("workflow texts", () => {
  it("reads back the default workflow from its own texts", () => {
    const texts = workflowTexts(DEFAULT_RECOMMENDATION_WORKFLOW);
    expect(parseWorkflow(texts.states, texts.transitions)).toEqual({
      ok: true,
      workflow: DEFAULT_RECOMMENDATION_WORKFLOW,
    });
  });

  it("points at the lines it cannot read, and at what checkWorkflow refuses", () => {
    expect(parseWorkflow("draft : drafting\n\n# comment\nsubmitted", "draft -> : submit")).toEqual({
      ok: false,
      lines: [
        { line: 4, problem: "stateLine" },
        { line: 1, problem: "transitionLine" },
      ],
      problems: [],
    });
    expect(parseWorkflow("draft : drafting\ndone : finished", "draft -> gone : submit")).toEqual({
      ok: false,
      lines: [],
      problems: [
        { problem: "unknownPhase", state: "done" },
        { problem: "unknownState", state: "gone" },
      ],
    });
  });
});

describe.each(ENGINES)("configured workflows (%s)", (engine) => {
  let t: TestApp;
  let slug: string;
  let orgId: string;
  const page = () => `/en/admin/organisations/${slug}/workflows`;

  beforeAll(async () => {
    t = await createTestApp(engine);
    // The equality group is binational: its recommendations follow the workflow of one organisation.
    const probe = await submittedRecommendation(t.deps.db, { title: "Probe", sections: { context: "x" } });
    const loaded = await loadRecommendationResource(t.deps.db, { kind: "visitor" } as never, probe);
    orgId = loaded!.data.workflowOrganisationId!;
    const [org] = await t.deps.db.select().from(organisations).where(eq(organisations.id, orgId));
    slug = org!.slug;
  });
  afterAll(() => t.close());

  async function as(email: string): Promise<TestClient> {
    const client = new TestClient(t);
    await client.actAs(email);
    return client;
  }

  const stored = () =>
    t.deps.db
      .select()
      .from(workflowConfigs)
      .where(and(eq(workflowConfigs.organisationId, orgId), eq(workflowConfigs.subject, "recommendation")));

  it("is configured by the instance admin; members and board members are refused", async () => {
    const admin = await as(ACCOUNTS.admin);
    const res = await admin.get(page());
    expect(res.status).toBe(200);
    expect(res.text).toContain("draft -&gt; submitted : submit");
    expect(res.text).toContain("The default workflow applies.");
    for (const email of [ACCOUNTS.member, BOARD, ACCOUNTS.facilitator]) {
      expect((await (await as(email)).get(page())).status, email).toBe(403);
    }
  });

  const bad: Array<[string, string, string, string]> = [
    [
      "a state line without its phase",
      "draft : drafting\nsubmitted",
      "draft -> submitted : submit",
      "Line 2 is not a state",
    ],
    ["a transition line without its target", "draft : drafting", "draft -> : submit", "Line 1 is not a transition"],
    ["an unknown phase", "draft : drafting\nsubmitted : elsewhere", "", "The state “submitted” has an unknown phase"],
    [
      "an unknown state",
      "draft : drafting",
      "draft -> nowhere : submit",
      "The state “nowhere” is used in a transition",
    ],
    ["a bad key", "Draft : drafting", "", "“Draft” is not a valid state key"],
    ["no state", "", "", "A workflow needs at least one state."],
  ];

  it.each(bad)("refuses %s with a clear message and stores nothing", async (_, states, transitions, message) => {
    const admin = await as(ACCOUNTS.admin);
    await admin.get(page());
    const res = await admin.post(page(), {
      subject: "recommendation",
      "recommendation-states": states,
      "recommendation-transitions": transitions,
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain("There is a problem with the form");
    expect(res.text).toContain(message);
    expect(await stored()).toHaveLength(0);
  });

  it("applies a configured workflow: without submitted → retained, that decision is refused", async () => {
    const admin = await as(ACCOUNTS.admin);
    await admin.get(page());
    const texts = workflowTexts(DEFAULT_RECOMMENDATION_WORKFLOW);
    const transitions = texts.transitions
      .split("\n")
      .filter((l) => l !== "submitted -> retained : decide")
      .join("\n");
    const saved = await admin.post(page(), {
      subject: "recommendation",
      "recommendation-states": texts.states,
      "recommendation-transitions": transitions,
    });
    expect(saved.status).toBe(303);
    expect(await stored()).toHaveLength(1);
    expect(await t.deps.db.select().from(auditLog).where(eq(auditLog.action, "workflow.updated"))).toHaveLength(1);

    const rec = await submittedRecommendation(t.deps.db, { title: "Decide me", sections: { context: "x" } });
    const board = await as(BOARD);
    await board.get(`/en/board/recommendations/${rec}`);
    const refused = await board.post(`/en/board/recommendations/${rec}/decision`, {
      decision: "retained",
      reasons: "Fine.",
    });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain(
      "The workflow of the organisation does not allow this decision from the state “Submitted to the board”.",
    );
    expect(await t.deps.db.select().from(boardDecisions).where(eq(boardDecisions.recommendationId, rec))).toHaveLength(
      0,
    );
    // Under review first (a note), the decision is allowed again.
    expect((await board.post(`/en/board/recommendations/${rec}/notes`, { noteBody: "Let us look." })).status).toBe(303);
    await board.get(`/en/board/recommendations/${rec}`);
    const decided = await board.post(`/en/board/recommendations/${rec}/decision`, {
      decision: "retained",
      reasons: "Fine.",
    });
    expect(decided.status).toBe(303);
    const [row] = await t.deps.db.select().from(recommendations).where(eq(recommendations.id, rec));
    expect(row!.state).toBe("retained");

    const reset = await admin.post(`${page()}/reset`, { subject: "recommendation" });
    expect(reset.status).toBe(303);
    expect(await stored()).toHaveLength(0);
  });
});
