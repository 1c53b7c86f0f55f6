import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cycleGroupsFor } from "../../src/commands/recommendations/read.js";
import { columnsOf } from "../../src/domain/open-data/datasets.js";
import {
  auditLog,
  actionProgrammes,
  actionProjectProposals,
  actionProjects,
  actionProjectUpdates,
  actionProposals,
  cycles,
  organisations,
  recommendations,
  strategicAxes,
} from "../../src/db/schema/index.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import { ACCOUNTS, BOARD } from "./board-helpers.js";

const BE_PLAN = "/en/organisations/smart-be/action-plan";

/** The cells of the table row whose header cell is `label` (the dashboard's data tables). */
function rowOf(html: string, label: string): string[] | null {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/'/g, "(?:'|&#39;)");
  const m = new RegExp(`<tr><th scope="row">${escaped}</th>((?:<td>[^<]*</td>)+)</tr>`).exec(html);
  return m ? [...m[1]!.matchAll(/<td>([^<]*)<\/td>/g)].map((x) => x[1]!) : null;
}

describe.each(ENGINES)("action plan (%s)", (engine) => {
  let t: TestApp;
  let beId: string;
  let cycleId: string;
  let proposal1: string;
  let rec3: string;
  let rec37: string;
  let programmeId: string;
  let frProposal: string;
  let notAdopted: string;

  async function as(email: string): Promise<TestClient> {
    const client = new TestClient(t);
    await client.actAs(email);
    return client;
  }

  const projectCount = async () => (await t.deps.db.select().from(actionProjects)).length;
  const updateCount = async () => (await t.deps.db.select().from(actionProjectUpdates)).length;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const db = t.deps.db;
    const [be] = await db.select().from(organisations).where(eq(organisations.slug, "smart-be"));
    const [fr] = await db.select().from(organisations).where(eq(organisations.slug, "smart-fr"));
    beId = be!.id;
    const [cycle] = await db.select().from(cycles).where(eq(cycles.slug, "2015-2016"));
    cycleId = cycle!.id;
    const [p1] = await db
      .select()
      .from(actionProposals)
      .where(and(eq(actionProposals.cycleId, cycleId), eq(actionProposals.number, 1)));
    proposal1 = p1!.id;
    const recId = async (n: number) =>
      (
        await db
          .select({ id: recommendations.id })
          .from(recommendations)
          .where(and(eq(recommendations.cycleId, cycleId), eq(recommendations.number, n)))
      )[0]!.id;
    rec3 = await recId(3);
    rec37 = await recId(37);
    // Proposals a project must not take: another organisation's adopted one, and one not adopted.
    const [other] = await db
      .insert(actionProposals)
      .values({ cycleId, organisationId: fr!.id, number: 90, title: "Adopted in France", state: "adopted" })
      .returning();
    frProposal = other!.id;
    const [pending] = await db
      .insert(actionProposals)
      .values({ cycleId, organisationId: beId, number: 91, title: "Still proposed", state: "proposed" })
      .returning();
    notAdopted = pending!.id;
  });
  afterAll(() => t.close());

  it("shows the demo plan: the six axes of Smart 2025 with the recommendations serving each, and two projects", async () => {
    const visitor = new TestClient(t);
    const axes = await visitor.get("/en/organisations/smart-be/axes");
    expect(axes.status).toBe(200);
    expect(axes.text).toContain("Axis 4: Smart comme expérience démocratique et participative");
    expect(axes.text).toContain("Axis 6: Une entreprise solide pour porter le projet commun");
    // Counted by hand in the demo data (demo-recommendations-data.ts): nine recommendations name
    // "democracy" and nine "economic-model", two "services-for-each".
    expect(axes.text).toMatch(/<code>democracy<\/code><\/td><td>9<\/td>/);
    expect(axes.text).toMatch(/<code>economic-model<\/code><\/td><td>9<\/td>/);
    expect(axes.text).toMatch(/<code>services-for-each<\/code><\/td><td>2<\/td>/);
    const rows = await t.deps.db.select().from(strategicAxes).where(eq(strategicAxes.organisationId, beId));
    expect(rows).toHaveLength(6);
    const plan = await visitor.get(BE_PLAN);
    expect(plan.status).toBe(200);
    expect(plan.text).toContain("Rencontres décentralisées des sociétaires");
    expect(plan.text).toContain("Comité d&#39;éthique et accompagnement des membres");
    expect(plan.text).toContain("60%");
    expect(plan.text).not.toContain("New programme");
  });

  it("a project linked to two recommendations through a proposal gets an update; both recommendation pages show it", async () => {
    const board = await as(BOARD);
    await board.get(`${BE_PLAN}/programmes/new`);
    const created = await board.post(`${BE_PLAN}/programmes/new`, {
      title: "Ethics <b>programme</b>",
      ownerTeam: "Ethics team",
      description: "",
    });
    expect(created.status).toBe(303);
    const [programme] = await t.deps.db
      .select()
      .from(actionProgrammes)
      .where(eq(actionProgrammes.ownerTeam, "Ethics team"));
    programmeId = programme!.id;

    const form = await board.get(`${BE_PLAN}/projects/new`);
    expect(form.status).toBe(200);
    expect(form.text).toContain("Créer un comité d&#39;éthique");
    expect(form.text).not.toContain("Adopted in France");
    expect(form.text).not.toContain("Still proposed");
    const res = await board.post(`${BE_PLAN}/projects/new`, {
      programmeId,
      title: "Ethics charter <script>alert(1)</script>",
      ownerTeam: "Ethics team",
      description: "",
      startsOn: "2016-09-01",
      endsOn: "2017-06-30",
      proposals: [proposal1],
    });
    expect(res.status, res.text.slice(0, 400)).toBe(303);
    const projectUrl = new URL(res.location!, "http://x").pathname;
    const projectId = projectUrl.split("/").pop()!;
    const links = await t.deps.db
      .select()
      .from(actionProjectProposals)
      .where(eq(actionProjectProposals.projectId, projectId));
    expect(links.map((l) => l.proposalId)).toEqual([proposal1]);

    await board.get(`${projectUrl}/updates/new`);
    const update = await board.post(`${projectUrl}/updates/new`, {
      on: "2016-11-15",
      body: "Charter drafted with <em>all</em> colleges",
      progress: "40",
      status: "in_progress",
      reason: "",
    });
    expect(update.status, update.text.slice(0, 400)).toBe(303);
    // The creation and the update are in the audit log, in the transactions that made them.
    const audited = await t.deps.db.select().from(auditLog).where(eq(auditLog.subjectId, projectId));
    expect(audited.map((a) => a.action)).toEqual(["action_plan.project_created", "action_plan.update_posted"]);

    const page = await new TestClient(t).get(projectUrl);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Charter drafted with &lt;em&gt;all&lt;/em&gt; colleges");
    expect(page.text).not.toContain("<script>alert(1)</script>");
    expect(page.text).toContain("Ethics charter &lt;script&gt;");
    expect(page.text).toContain("In progress");
    expect(page.text).toContain("40%");
    expect(page.text).toContain(`/en/recommendations/${rec3}`);
    expect(page.text).toContain(`/en/recommendations/${rec37}`);

    for (const id of [rec3, rec37]) {
      const rec = await new TestClient(t).get(`/en/recommendations/${id}`);
      expect(rec.status, id).toBe(200);
      expect(rec.text, id).toContain("Charter drafted with &lt;em&gt;all&lt;/em&gt; colleges");
      expect(rec.text, id).toContain(`href="/en/projects/${projectId}"`);
      expect(rec.text, id).toContain("Today: In progress, 40%");
      expect(rec.text, id).not.toContain("<em>all</em>");
    }
    const [stored] = await t.deps.db.select().from(actionProjects).where(eq(actionProjects.id, projectId));
    expect(stored!.status).toBe("in_progress");
    expect(stored!.progress).toBe(40);
  });

  describe("bad input is refused with a clear error and nothing saved", () => {
    const project = (over: Record<string, string | string[]>) => ({
      programmeId,
      title: "Refused project",
      ownerTeam: "Team",
      description: "",
      startsOn: "2017-01-01",
      endsOn: "",
      proposals: [proposal1],
      ...over,
    });
    const cases: Array<[string, () => Record<string, string | string[]>, string]> = [
      ["end before start", () => project({ endsOn: "2016-12-31" }), "The end date cannot be before the start date."],
      ["an impossible date", () => project({ startsOn: "2017-02-30" }), "Enter a valid date, for example 2016-09-01."],
      [
        "an unknown proposal id",
        () => project({ proposals: [proposal1, "00000000-0000-4000-8000-000000000000"] }),
        "Choose proposals adopted by this organisation&#39;s general assembly.",
      ],
      ["a proposal id that is no id", () => project({ proposals: ["1 or 1=1"] }), "Choose proposals adopted"],
      ["another organisation's proposal", () => project({ proposals: [frProposal] }), "Choose proposals adopted"],
      ["a proposal not adopted", () => project({ proposals: [notAdopted] }), "Choose proposals adopted"],
      ["no title", () => project({ title: " " }), "Title: This field is required."],
    ];
    it.each(cases)("project: %s", async (_, body, message) => {
      const board = await as(BOARD);
      const before = await projectCount();
      await board.get(`${BE_PLAN}/projects/new`);
      const res = await board.post(`${BE_PLAN}/projects/new`, body());
      expect(res.status).toBe(422);
      expect(res.text).toContain(message);
      expect(res.text).toContain('value="Team"');
      expect(await projectCount()).toBe(before);
    });

    const updates: Array<[string, Record<string, string>, string]> = [
      ["percent 150", { progress: "150" }, "Progress (in %): Enter a whole percentage from 0 to 100."],
      ["percent -5", { progress: "-5" }, "Enter a whole percentage from 0 to 100."],
      [
        "abandoned without a reason",
        { status: "abandoned", reason: "  " },
        "Why it is abandoned: Say why the project is abandoned.",
      ],
      ["an unknown status", { status: "paused" }, "Choose one of the values offered."],
      ["no text", { body: "" }, "What was done: This field is required."],
    ];
    it.each(updates)("update: %s", async (_, over, message) => {
      const [demo] = await t.deps.db.select().from(actionProjects).where(eq(actionProjects.status, "in_progress"));
      const board = await as(BOARD);
      const before = await updateCount();
      await board.get(`/en/projects/${demo!.id}/updates/new`);
      const res = await board.post(`/en/projects/${demo!.id}/updates/new`, {
        on: "2018-03-01",
        body: "Refused update",
        progress: "70",
        status: "in_progress",
        reason: "",
        ...over,
      });
      expect(res.status).toBe(422);
      expect(res.text).toContain(message);
      expect(await updateCount()).toBe(before);
      const [after] = await t.deps.db.select().from(actionProjects).where(eq(actionProjects.id, demo!.id));
      expect(after!.progress).toBe(demo!.progress);
    });

    it("an abandoned project with its reason is shown with it", async () => {
      const [demo] = await t.deps.db.select().from(actionProjects).where(eq(actionProjects.status, "in_progress"));
      const board = await as(BOARD);
      await board.get(`/en/projects/${demo!.id}/updates/new`);
      const res = await board.post(`/en/projects/${demo!.id}/updates/new`, {
        on: "2019-01-10",
        body: "Stopped.",
        progress: "60",
        status: "abandoned",
        reason: "Replaced by the <i>assembly</i> reform",
      });
      expect(res.status).toBe(303);
      const page = await new TestClient(t).get(`/en/projects/${demo!.id}`);
      expect(page.text).toContain("Why it was abandoned: Replaced by the &lt;i&gt;assembly&lt;/i&gt; reform");
      const [after] = await t.deps.db.select().from(actionProjects).where(eq(actionProjects.id, demo!.id));
      expect(after!.status).toBe("abandoned");
    });
  });

  it("refuses members, visitors and guessed ids", async () => {
    const [demo] = await t.deps.db.select().from(actionProjects).limit(1);
    const member = await as(ACCOUNTS.member);
    for (const path of [
      `${BE_PLAN}/projects/new`,
      `${BE_PLAN}/programmes/new`,
      `/en/projects/${demo!.id}/updates/new`,
      `/en/projects/${demo!.id}/edit`,
      "/en/admin/organisations/smart-be/axes",
    ]) {
      expect((await member.get(path)).status, path).toBe(403);
      const posted = await member.post(path, {
        title: "x",
        ownerTeam: "y",
        on: "2020-01-01",
        body: "z",
        progress: "1",
        status: "done",
      });
      expect(posted.status, path).toBe(403);
      const visitor = new TestClient(t);
      const res = await visitor.get(path);
      expect(res.status, path).toBe(303);
      expect(res.location, path).toMatch(/^\/en\/sign-in\?next=/);
    }
    expect(await updateCount()).toBeGreaterThan(0);
    const before = await updateCount();
    const board = await as(BOARD);
    const guessed = "00000000-0000-4000-8000-000000000000";
    expect((await board.get(`/en/projects/${guessed}`)).status).toBe(404);
    expect((await board.get(`/en/projects/not-an-id`)).status).toBe(404);
    await board.get(BE_PLAN);
    expect(
      (
        await board.post(`/en/projects/${guessed}/updates/new`, {
          on: "2020-01-01",
          body: "x",
          progress: "1",
          status: "done",
        })
      ).status,
    ).toBe(404);
    // A project of Smart France: board@ sits on the Belgian board only.
    const [fr] = await t.deps.db.select().from(organisations).where(eq(organisations.slug, "smart-fr"));
    const [frProgramme] = await t.deps.db
      .insert(actionProgrammes)
      .values({ organisationId: fr!.id, title: "French programme", ownerTeam: "FR" })
      .returning();
    const [frProject] = await t.deps.db
      .insert(actionProjects)
      .values({ programmeId: frProgramme!.id, title: "French project", ownerTeam: "FR", startsOn: "2020-01-01" })
      .returning();
    expect((await board.get(`/en/projects/${frProject!.id}/updates/new`)).status).toBe(403);
    await board.get(BE_PLAN);
    expect(
      (
        await board.post(`/en/projects/${frProject!.id}/updates/new`, {
          on: "2020-01-01",
          body: "x",
          progress: "1",
          status: "done",
        })
      ).status,
    ).toBe(403);
    // Nor may the Belgian board move a project into a French programme.
    const [own] = await t.deps.db
      .select()
      .from(actionProjects)
      .where(eq(actionProjects.title, "Rencontres décentralisées des sociétaires"));
    await board.get(`/en/projects/${own!.id}/edit`);
    const moved = await board.post(`/en/projects/${own!.id}/edit`, {
      programmeId: frProgramme!.id,
      title: "Moved",
      ownerTeam: "x",
      startsOn: "2016-09-01",
    });
    expect(moved.status).toBe(422);
    const [still] = await t.deps.db.select().from(actionProjects).where(eq(actionProjects.id, own!.id));
    expect(still!.title).toBe("Rencontres décentralisées des sociétaires");
    expect(await updateCount()).toBe(before);
    expect((await new TestClient(t).get(`/en/projects/${frProject!.id}`)).status).toBe(200);
  });

  it("records a new axis, refuses a taken key, and counts recommendations serving it", async () => {
    const manager = await as(ACCOUNTS.manager);
    await manager.get("/en/admin/organisations/smart-be/axes");
    const taken = await manager.post("/en/admin/organisations/smart-be/axes", {
      key: "democracy",
      position: "7",
      title: "Again",
    });
    expect(taken.status).toBe(422);
    expect(taken.text).toContain("Another axis already uses this key.");
    const bad = await manager.post("/en/admin/organisations/smart-be/axes", {
      key: "Not A Key",
      position: "7",
      title: "x",
    });
    expect(bad.status).toBe(422);
    const ok = await manager.post("/en/admin/organisations/smart-be/axes", {
      key: "ecology",
      position: "7",
      title: "Ecology <u>first</u>",
    });
    expect(ok.status).toBe(303);
    await t.deps.db
      .update(recommendations)
      .set({ axes: ["ecology", "democracy"] })
      .where(eq(recommendations.id, rec3));
    const page = await new TestClient(t).get("/en/organisations/smart-be/axes");
    expect(page.text).toContain("Axis 7: Ecology &lt;u&gt;first&lt;/u&gt;");
    expect(page.text).toMatch(/<code>ecology<\/code><\/td><td>1<\/td>/);
    expect(page.text).toMatch(/<code>democracy<\/code><\/td><td>10<\/td>/);
  });
});

describe.each(ENGINES)("follow-up dashboard of a cycle (%s)", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t.close());

  it("counts the demo's adopted recommendations per state, group and axis as counted by hand", async () => {
    const page = await new TestClient(t).get("/en/cycles/2015-2016/dashboard");
    expect(page.status).toBe(200);
    expect(page.text).toContain("<svg");
    // Six adopted proposals carry 21 recommendations; proposal 5 (4 recommendations) is in a
    // project in progress; proposals 1 and 6 (2 + 4) in a done project; the 11 others wait.
    const [cycle] = await t.deps.db.select().from(cycles).where(eq(cycles.slug, "2015-2016"));
    const totals =
      /<caption>The cycle&#39;s adopted recommendations, by state<\/caption>.*?<tbody><tr><th scope="row">[^<]*<\/th>((?:<td>[^<]*<\/td>)+)/s.exec(
        page.text,
      );
    expect([...totals![1]!.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1])).toEqual(["11", "4", "6", "0", "21"]);
    // Columns: adopted, in progress, done, abandoned, total.
    expect(rowOf(page.text, "Smart comme expérience démocratique et participative")).toEqual(["4", "4", "0", "0", "8"]);
    expect(rowOf(page.text, "Smart au service de mon projet")).toEqual(["0", "0", "4", "0", "4"]);
    expect(rowOf(page.text, "Une entreprise solide pour porter le projet commun")).toEqual(["6", "0", "0", "0", "6"]);
    expect(rowOf(page.text, "Smart ouverte à toutes celles et ceux qui en ont besoin")).toEqual([
      "3",
      "0",
      "1",
      "0",
      "4",
    ]);
    expect(rowOf(page.text, "Smart comme actrice de transformation sociale")).toEqual(["0", "0", "1", "0", "1"]);
    expect(rowOf(page.text, "Smart pour chacun·e")).toEqual(["0", "0", "0", "0", "0"]);
    const groups = await cycleGroupsFor(t.deps.db, cycle!.id, null, "en");
    const title = (key: string) => groups.find((g) => g.key === key)!.title;
    expect(rowOf(page.text, title("publics"))).toEqual(["0", "1", "4", "0", "5"]);
    expect(rowOf(page.text, title("governance"))).toEqual(["6", "3", "1", "0", "10"]);
    expect(rowOf(page.text, title("economic-model"))).toEqual(["5", "0", "0", "0", "5"]);
    expect(rowOf(page.text, title("services"))).toEqual(["0", "0", "1", "0", "1"]);
  });

  it("publishes the action plan as an open dataset, one row per project", async () => {
    const res = await new TestClient(t).get("/en/open-data/action_plan.csv");
    expect(res.status).toBe(200);
    const lines = res.text.trim().split(/\r?\n/);
    expect(lines[0]).toBe(columnsOf("action_plan").join(","));
    expect(lines).toHaveLength(3);
    const participation = lines.find((l) => l.includes("Rencontres décentralisées"))!;
    expect(participation).toContain(
      ",in_progress,60,,2015-2016#5,2015-2016#9;2015-2016#33;2015-2016#34;2015-2016#35,2,2018-01-20",
    );
    const ethics = lines.find((l) => l.includes("Comité d'éthique"))!;
    expect(ethics).toContain(
      ",done,100,,2015-2016#1;2015-2016#6,2015-2016#3;2015-2016#37;2015-2016#4;2015-2016#5;2015-2016#6;2015-2016#11,2,2017-12-15",
    );
    const json = await new TestClient(t).get("/en/open-data/action_plan.json");
    expect((JSON.parse(json.text) as { rows: unknown[] }).rows).toHaveLength(2);
  });

  it("shows an empty dashboard for a cycle with nothing adopted", async () => {
    const page = await new TestClient(t).get("/en/cycles/2020-2021/dashboard");
    expect(page.status).toBe(200);
    expect(page.text).toContain("No recommendation of this cycle has been adopted yet.");
  });
});
