import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  amendments,
  auditLog,
  boardDecisions,
  boardNotes,
  recommendations,
  recommendationVersions,
  stateChanges,
} from "../../src/db/schema/index.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import { ACCOUNTS, ARGUMENTATION, BOARD, personId, submittedRecommendation } from "./board-helpers.js";

describe.each(ENGINES)("the board's instruction of a submitted recommendation (%s)", (engine) => {
  let t: TestApp;
  let rec: string;
  let other: string;
  let boardId: string;
  const page = (id = rec, rest = "") => `/en/board/recommendations/${id}${rest}`;

  beforeAll(async () => {
    t = await createTestApp(engine);
    boardId = await personId(t.deps.db, BOARD);
    rec = await submittedRecommendation(t.deps.db, {
      title: "Publish the pay gaps every year",
      sections: { context: "Pay gaps exist.", argumentation: ARGUMENTATION },
    });
    other = await submittedRecommendation(t.deps.db, { title: "Train the recruiters", sections: { context: "Bias." } });
  });
  afterAll(() => t.close());

  async function as(email: string): Promise<TestClient> {
    const client = new TestClient(t);
    await client.actAs(email);
    return client;
  }

  async function board(id = rec): Promise<TestClient> {
    const client = await as(BOARD);
    expect((await client.get(page(id))).status).toBe(200);
    return client;
  }

  async function versionId(id = rec, number = 1): Promise<string> {
    const [v] = await t.deps.db
      .select({ id: recommendationVersions.id })
      .from(recommendationVersions)
      .where(and(eq(recommendationVersions.recommendationId, id), eq(recommendationVersions.number, number)));
    return v!.id;
  }

  const amendmentRows = (id = rec) =>
    t.deps.db.select().from(amendments).where(eq(amendments.recommendationId, id)).orderBy(asc(amendments.createdAt));

  it("lists the submitted recommendations by group in the cycle's queue, for the board and those who run the cycle", async () => {
    const res = await (await as(BOARD)).get("/en/cycles/2020-2021/board");
    expect(res.status).toBe(200);
    expect(res.text).toContain("Publish the pay gaps every year");
    expect(res.text).toContain("Submitted to the board");
    expect((await (await as(ACCOUNTS.manager)).get("/en/cycles/2020-2021/board")).status).toBe(200);
    expect((await (await as(ACCOUNTS.member)).get("/en/cycles/2020-2021/board")).status).toBe(403);
    expect((await (await as(ACCOUNTS.facilitator)).get("/en/cycles/2020-2021/board")).status).toBe(403);
    const visitor = await new TestClient(t).get("/en/cycles/2020-2021/board");
    expect(visitor.status).toBe(303);
    expect(visitor.location).toMatch(/^\/en\/sign-in\?next=/);
  });

  it("shows the frozen version with line numbers per section", async () => {
    const res = await (await board()).get(page());
    expect(res.text).toContain('<li value="3">employs them. Publishing the pay gaps</li>');
    expect(res.text).toContain('<li value="6">done.</li>');
    expect(res.text).toContain("numbered at 40 characters a line");
  });

  const badAmendments: Array<[string, Record<string, string>, string]> = [
    ["lines beyond the end", { fromLine: "5", toLine: "7" }, "the section Argumentation of this version has 6 lines"],
    ["a reversed range", { fromLine: "4", toLine: "3" }, "The first line must not come after the last one."],
    ["a line that is not a number", { fromLine: "two", toLine: "3" }, "A line number is a whole number from 1."],
    ["a line 0", { fromLine: "0", toLine: "3" }, "A line number is a whole number from 1."],
    ["an unknown section", { section: "preamble" }, "Choose one of the values offered."],
  ];

  it.each(badAmendments)(
    "refuses an amendment with %s, with a clear message and nothing saved",
    async (_, fields, message) => {
      const client = await board();
      const before = await t.deps.db.select().from(stateChanges).where(eq(stateChanges.subjectId, rec));
      const res = await client.post(page(rec, "/amendments"), {
        versionId: await versionId(),
        section: "argumentation",
        fromLine: "1",
        toLine: "2",
        replacement: "New text",
        amendReason: "Clearer",
        ...fields,
      });
      expect(res.status).toBe(422);
      expect(res.text).toContain("There is a problem with the form");
      expect(res.text).toContain(message);
      expect(await amendmentRows()).toHaveLength(0);
      // Not even the move under review: nothing half-saved.
      expect(await t.deps.db.select().from(stateChanges).where(eq(stateChanges.subjectId, rec))).toHaveLength(
        before.length,
      );
    },
  );

  it("refuses an amendment written on another version's numbering", async () => {
    const client = await board();
    const res = await client.post(page(rec, "/amendments"), {
      versionId: await versionId(other),
      section: "argumentation",
      fromLine: "1",
      toLine: "1",
      replacement: "x",
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain("This amendment was written on another version.");
    expect(await amendmentRows()).toHaveLength(0);
  });

  it("proposes amendments by line range, moves the recommendation under review, shows diffs and conflicts", async () => {
    const client = await board();
    const v1 = await versionId();
    const first = await client.post(page(rec, "/amendments"), {
      versionId: v1,
      section: "argumentation",
      fromLine: "3",
      toLine: "4",
      replacement: "employs them. Publishing the pay gaps each year",
      amendReason: "Plainer",
    });
    expect(first.status).toBe(303);
    expect(first.location).toBe(page(rec, "?done=amendment"));
    const [state] = await t.deps.db.select().from(recommendations).where(eq(recommendations.id, rec));
    expect(state!.state).toBe("under_review");
    const second = await client.post(page(rec, "/amendments"), {
      versionId: v1,
      section: "argumentation",
      fromLine: "4",
      toLine: "5",
      replacement: "<b>every</b> year",
    });
    expect(second.status).toBe(303);
    const res = await client.get(page());
    expect(res.text).toContain("Argumentation, lines 3 to 4 of version 1");
    expect(res.text).toMatch(/<ins><span class="visually-hidden">\[added: <\/span>each/);
    expect(res.text).toMatch(/<del><span class="visually-hidden">\[removed: <\/span>/);
    expect(res.text).toContain("&lt;b&gt;");
    expect(res.text).not.toContain("<b>every");
    expect(res.text).toContain("Conflicting amendments");
    expect(res.text).toContain("Amendments 1 and 2 both change lines 4 to 4 of the section Argumentation.");
    expect(res.text).toContain("Under review by the board");
    const rows = await amendmentRows();
    expect(rows.map((r) => [r.fromLine, r.toLine, r.status, r.authorId])).toEqual([
      [3, 4, "proposed", boardId],
      [4, 5, "proposed", boardId],
    ]);
  });

  it("refuses to merge conflicting accepted amendments, then merges the accepted one into version 2", async () => {
    const client = await board();
    const [a, b] = await amendmentRows();
    expect((await client.post(`/en/board/amendments/${a!.id}/accept`)).status).toBe(303);
    expect((await client.post(`/en/board/amendments/${b!.id}/accept`)).status).toBe(303);
    await client.get(page());
    const refused = await client.post(page(rec, "/merge"));
    expect(refused.status).toBe(422);
    expect(refused.text).toContain("Accepted amendments change the same lines.");
    expect(
      await t.deps.db.select().from(recommendationVersions).where(eq(recommendationVersions.recommendationId, rec)),
    ).toHaveLength(1);
    // Accepted once is accepted: it cannot be rejected again; a fresh conflicting pair is shown.
    expect((await client.post(`/en/board/amendments/${b!.id}/reject`)).status).toBe(409);
    await t.deps.db.update(amendments).set({ status: "proposed" }).where(eq(amendments.id, b!.id));
    await client.get(page());
    expect((await client.post(`/en/board/amendments/${b!.id}/reject`)).status).toBe(303);

    await client.get(page());
    const merged = await client.post(page(rec, "/merge"));
    expect(merged.status).toBe(303);
    expect(merged.location).toBe(page(rec, "?done=merged&n=2"));
    const versions = await t.deps.db
      .select()
      .from(recommendationVersions)
      .where(eq(recommendationVersions.recommendationId, rec))
      .orderBy(asc(recommendationVersions.number));
    expect(versions).toHaveLength(2);
    const v2 = versions[1]!;
    expect(v2.origin).toBe("amended");
    expect(v2.authorId).toBe(boardId);
    expect(v2.submittedAt).not.toBeNull();
    expect(v2.sections.argumentation).toBe(
      "Equal pay is a matter of trust between the members and the cooperative that " +
        "employs them. Publishing the pay gaps each year things stand and what remains to be done.",
    );
    expect(v2.sections.context).toBe("Pay gaps exist.");
    const rows = await amendmentRows();
    expect(rows.map((r) => [r.status, r.mergedIntoVersionId])).toEqual([
      ["merged", v2.id],
      ["rejected", null],
    ]);
    expect(rows[1]!.decidedBy).toBe(boardId);
    const audit = await t.deps.db.select().from(auditLog).where(eq(auditLog.action, "amendment.merged"));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.data)).not.toContain("@");
    const res = await client.follow(merged);
    expect(res.text).toContain("Version 2 (amended by the board)");
    expect(res.text).toContain("The accepted amendments were merged into version 2.");
  });

  it("refuses amendments on a version that is no longer current", async () => {
    const client = await board();
    const before = (await amendmentRows()).length;
    const res = await client.post(page(rec, "/amendments"), {
      versionId: await versionId(rec, 1),
      section: "argumentation",
      fromLine: "1",
      toLine: "1",
      replacement: "Old numbering",
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain("This amendment was written on another version.");
    expect(await amendmentRows()).toHaveLength(before);
    // An old proposed amendment can be rejected, not accepted.
    const [old] = await t.deps.db
      .insert(amendments)
      .values({
        recommendationId: rec,
        versionId: await versionId(rec, 1),
        section: "context",
        lineLength: 40,
        fromLine: 1,
        toLine: 1,
        replacement: "x",
      })
      .returning();
    await client.get(page());
    const accept = await client.post(`/en/board/amendments/${old!.id}/accept`);
    expect(accept.status).toBe(409);
    expect(accept.text).toContain("written on an earlier version and can no longer be accepted");
  });

  it("adds board notes; members, facilitators and cycle managers cannot instruct; visitors are sent to sign-in", async () => {
    const client = await board();
    const empty = await client.post(page(rec, "/notes"), { noteBody: "  " });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain("Note: This field is required.");
    expect((await client.post(page(rec, "/notes"), { noteBody: "Check with HR" })).status).toBe(303);
    expect((await client.get(page())).text).toContain("Check with HR");
    for (const email of [ACCOUNTS.member, ACCOUNTS.facilitator, ACCOUNTS.manager, ACCOUNTS.admin]) {
      const someone = await as(email);
      for (const path of ["/notes", "/decision", "/merge", "/amendments", "/return"]) {
        const res = await someone.post(page(rec, path), { noteBody: "x", decision: "retained", reasons: "x" });
        expect(res.status, `${email} ${path}`).toBe(403);
      }
    }
    expect((await (await as(ACCOUNTS.member)).get(page())).status).toBe(403);
    expect((await (await as(ACCOUNTS.manager)).get(page())).status).toBe(200);
    const visitor = new TestClient(t);
    await visitor.get("/en/sign-in");
    const res = await visitor.post(page(rec, "/notes"), { noteBody: "x" });
    expect(res.status).toBe(303);
    expect(res.location).toMatch(/^\/en\/sign-in\?next=/);
    expect(await t.deps.db.select().from(boardNotes).where(eq(boardNotes.recommendationId, rec))).toHaveLength(1);
  });

  it("answers guessed ids with 404", async () => {
    const client = await board();
    expect((await client.get("/en/board/recommendations/not-a-uuid")).status).toBe(404);
    expect((await client.get("/en/board/recommendations/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await client.post("/en/board/amendments/00000000-0000-4000-8000-000000000000/accept")).status).toBe(404);
    expect((await client.post("/en/board/amendments/123/reject")).status).toBe(404);
  });

  const badDecisions: Array<[string, () => Promise<Record<string, string>>, string]> = [
    ["empty reasons", async () => ({ decision: "retained", reasons: " " }), "Reasons: This field is required."],
    ["no decision", async () => ({ decision: "", reasons: "Because" }), "Decision: Choose one of the values offered."],
    [
      "a merge without its target",
      async () => ({ decision: "merged", reasons: "Same idea", mergedInto: "" }),
      "Choose the recommendation it is merged into.",
    ],
    [
      "a merge into itself",
      async () => ({ decision: "merged", reasons: "Same idea", mergedInto: rec }),
      "Choose another recommendation of the same cycle (not this one).",
    ],
    [
      "a merge into a recommendation of another cycle",
      async () => ({
        decision: "merged",
        reasons: "Same idea",
        mergedInto: await submittedRecommendation(t.deps.db, {
          cycleSlug: "2020-2021",
          title: "Elsewhere",
          state: "draft",
        }).then(async (id) => {
          // Moved to another cycle: the demo's 2015–2016 one.
          const { cycles } = await import("../../src/db/schema/index.js");
          const [old] = await t.deps.db.select().from(cycles).where(eq(cycles.slug, "2015-2016"));
          await t.deps.db
            .update(recommendations)
            .set({ cycleId: old!.id, number: 900 })
            .where(eq(recommendations.id, id));
          return id;
        }),
      }),
      "Choose another recommendation of the same cycle (not this one).",
    ],
  ];

  it.each(badDecisions)("refuses a decision with %s and saves nothing", async (_, fields, message) => {
    const client = await board();
    const res = await client.post(page(rec, "/decision"), await fields());
    expect(res.status).toBe(422);
    expect(res.text).toContain(message);
    expect(await t.deps.db.select().from(boardDecisions).where(eq(boardDecisions.recommendationId, rec))).toHaveLength(
      0,
    );
  });

  it("records the decision with its reasons, as a state change with who, when and why", async () => {
    const client = await board();
    const res = await client.post(page(rec, "/decision"), {
      decision: "retained_amended",
      reasons: "Retained with the yearly publication.",
    });
    expect(res.status).toBe(303);
    const [decision] = await t.deps.db.select().from(boardDecisions).where(eq(boardDecisions.recommendationId, rec));
    expect(decision).toMatchObject({ decision: "retained_amended", decidedBy: boardId, mergedIntoId: null });
    expect(decision!.versionId).toBe(await versionId(rec, 2));
    const changes = await t.deps.db
      .select()
      .from(stateChanges)
      .where(eq(stateChanges.subjectId, rec))
      .orderBy(asc(stateChanges.at));
    expect(changes.at(-1)).toMatchObject({
      fromState: "under_review",
      toState: "retained_amended",
      actorId: boardId,
      reason: "Retained with the yearly publication.",
    });
    const view = await client.get(page());
    expect(view.text).toContain("Retained with the yearly publication.");
    expect(view.text).toContain("Under review by the board → Retained as amended");
    // Decided: the board's forms are closed, the frozen versions cannot be amended.
    expect(view.text).not.toContain("Propose the amendment");
    const late = await client.post(page(rec, "/amendments"), {
      versionId: await versionId(rec, 2),
      section: "context",
      fromLine: "1",
      toLine: "1",
      replacement: "x",
    });
    expect(late.status).toBe(403);
    expect((await client.post(page(rec, "/decision"), { decision: "not_retained", reasons: "x" })).status).toBe(403);
  });

  it("merges a recommendation into another of the same cycle, and returns one to its group", async () => {
    const client = await board(other);
    const third = await submittedRecommendation(t.deps.db, { title: "Count the gaps", sections: { context: "x" } });
    const merged = await client.post(page(other, "/decision"), {
      decision: "merged",
      mergedInto: third,
      reasons: "Same idea as the other one.",
    });
    expect(merged.status).toBe(303);
    const [decision] = await t.deps.db.select().from(boardDecisions).where(eq(boardDecisions.recommendationId, other));
    expect(decision).toMatchObject({ decision: "merged", mergedIntoId: third });

    await client.get(page(third));
    const back = await client.post(page(third, "/return"), { returnReason: "Needs examples." });
    expect(back.status).toBe(303);
    const [row] = await t.deps.db.select().from(recommendations).where(eq(recommendations.id, third));
    expect(row!.state).toBe("draft");
    const [change] = await t.deps.db
      .select()
      .from(stateChanges)
      .where(
        and(
          eq(stateChanges.subjectId, third),
          eq(stateChanges.toState, "draft"),
          eq(stateChanges.fromState, "submitted"),
        ),
      );
    expect(change).toMatchObject({ actorId: boardId, reason: "Needs examples." });
  });
});
