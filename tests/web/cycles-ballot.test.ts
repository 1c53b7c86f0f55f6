import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createThemeBallot } from "../../src/commands/ballots/create.js";
import { loadBallotResource } from "../../src/commands/ballots/load.js";
import { fromBrusselsLocal, toBrusselsLocal } from "../../src/commands/ballots/schedule.js";
import { ballotElectors, ballotOptions, ballots, themes } from "../../src/db/schema/index.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import {
  ACCOUNTS,
  auditEntries,
  ballotIdOf,
  brusselsInDays,
  cycleBySlug,
  makeCycle,
  makeTheme,
  organisationId,
  personId,
  sessions,
  snapshot,
  themeIdOf,
} from "./cycles-helpers.js";

/** The last Sunday of March of next year at 02:30: skipped by the clock change in Brussels. */
function skippedTime(): string {
  const year = new Date().getUTCFullYear() + 1;
  const lastDay = new Date(Date.UTC(year, 2, 31));
  const sunday = 31 - lastDay.getUTCDay();
  return `${year}-03-${String(sunday).padStart(2, "0")}T02:30`;
}

describe.each(ENGINES)("theme ballot administration (%s)", (engine) => {
  let t: TestApp;
  let be: string;
  let fr: string;
  const as = sessions(() => new TestClient(t));

  function ballotForm(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
    return {
      title: "Classement des thèmes 2031",
      method: "ranked-pairs",
      organisationIds: be,
      shareholdersOnly: "on",
      collegeKeys: ["staff", "clients"],
      opensAt: brusselsInDays(1, "09:00"),
      closesAt: brusselsInDays(10, "18:00"),
      reminderHours: "24",
      ...overrides,
    };
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    be = await organisationId(t.deps.db, "smart-be");
    fr = await organisationId(t.deps.db, "smart-fr");
    for (const slug of ["ballot-test", "ballot-bad"]) {
      const cycle = await makeCycle(t.deps.db, slug, ["smart-be"]);
      await makeTheme(t.deps.db, cycle, "a", "on_ballot");
      await makeTheme(t.deps.db, cycle, "b", "on_ballot");
      await makeTheme(t.deps.db, cycle, "c", "on_ballot");
      await makeTheme(t.deps.db, cycle, "d", "carried_over");
      await makeTheme(t.deps.db, cycle, "e", "proposed");
    }
    const few = await makeCycle(t.deps.db, "ballot-few", ["smart-be"]);
    await makeTheme(t.deps.db, few, "only", "on_ballot");
    await makeTheme(t.deps.db, few, "later", "proposed");
    const france = await makeCycle(t.deps.db, "ballot-fr", ["smart-fr"]);
    await makeTheme(t.deps.db, france, "x", "on_ballot");
    await makeTheme(t.deps.db, france, "y", "on_ballot");
    const outcome = await createThemeBallot(t.deps.db, await personId(t.deps.db, ACCOUNTS.admin), france.id, {
      title: "Vote France",
      method: "schulze",
      electorate: { organisationIds: [fr], shareholdersOnly: true, collegeKeys: [] },
      allowRecast: true,
      opensAt: null,
      closesAt: null,
      reminderHours: 48,
    });
    if (!outcome.ok) throw new Error(outcome.reason);
  });
  afterAll(() => t.close());

  it("shows the themes on the ballot, in their order, on the creation form", async () => {
    const manager = await as("manager");
    const page = await manager.get("/en/admin/cycles/ballot-test/ballots/new");
    expect(page.status).toBe(200);
    const options = page.text.slice(
      page.text.indexOf("Options (themes to rank)"),
      page.text.indexOf("<h2>Settings</h2>"),
    );
    expect([...options.matchAll(/<code>([a-z-]+)<\/code>/g)].map((m) => m[1])).toEqual(["a", "b", "c"]);
    expect(page.text).toMatch(/value="schulze" selected/);
  });

  it("creates the ranked theme ballot as a draft, with the themes on the ballot as options, audited", async () => {
    const manager = await as("manager");
    await manager.get("/en/admin/cycles/ballot-test/ballots/new");
    const form = ballotForm();
    const res = await manager.post("/en/admin/cycles/ballot-test/ballots/new", form);
    expect(res.status).toBe(303);
    const id = await ballotIdOf(t.deps.db, "ballot-test");
    expect(res.location).toBe(`/en/admin/ballots/${id}?notice=created`);
    const [ballot] = await t.deps.db.select().from(ballots).where(eq(ballots.id, id));
    expect(ballot).toMatchObject({
      kind: "ranked",
      status: "draft",
      method: "ranked-pairs",
      seats: 1,
      allowRecast: false,
      reminderHours: 24,
      electorate: { organisationIds: [be], shareholdersOnly: true, collegeKeys: ["clients", "staff"] },
    });
    expect(toBrusselsLocal(ballot!.opensAt!)).toBe(form.opensAt);
    expect(toBrusselsLocal(ballot!.closesAt!)).toBe(form.closesAt);
    const options = await t.deps.db
      .select({ key: ballotOptions.key, themeId: ballotOptions.themeId })
      .from(ballotOptions)
      .where(eq(ballotOptions.ballotId, id))
      .orderBy(asc(ballotOptions.position));
    expect(options).toEqual([
      { key: "a", themeId: await themeIdOf(t.deps.db, "ballot-test", "a") },
      { key: "b", themeId: await themeIdOf(t.deps.db, "ballot-test", "b") },
      { key: "c", themeId: await themeIdOf(t.deps.db, "ballot-test", "c") },
    ]);
    const [entry] = await auditEntries(t.deps.db, "ballot.created");
    expect(entry).toMatchObject({
      subjectId: id,
      organisationId: be,
      actorId: await personId(t.deps.db, ACCOUNTS.manager),
    });
    expect(entry?.data).toMatchObject({ method: "ranked-pairs", options: ["a", "b", "c"] });
    const page = await manager.follow(res);
    expect(page.text).toContain("Created.");
  });

  it("refuses a second theme ballot for the same cycle", async () => {
    const manager = await as("manager");
    const page = await manager.get("/en/admin/cycles/ballot-test/ballots/new");
    expect(page.text).toContain("This cycle already has its theme ballot:");
    const before = await snapshot(t.deps.db);
    const res = await manager.post("/en/admin/cycles/ballot-test/ballots/new", ballotForm());
    expect(res.status).toBe(409);
    expect(await snapshot(t.deps.db)).toEqual(before);
  });

  const bad: Array<[string, () => Record<string, string | string[]>, string, string?]> = [
    ["an empty title", () => ballotForm({ title: "" }), "This field is required."],
    [
      "an over-long title",
      () => ballotForm({ title: "x".repeat(201) }),
      "This text is too long (at most 200 characters).",
    ],
    [
      "a close before the opening",
      () => ballotForm({ opensAt: brusselsInDays(5), closesAt: brusselsInDays(3) }),
      "The close must be after the opening.",
    ],
    [
      "a close equal to the opening",
      () => ballotForm({ opensAt: brusselsInDays(5), closesAt: brusselsInDays(5) }),
      "The close must be after the opening.",
    ],
    ["an opening in the past", () => ballotForm({ opensAt: brusselsInDays(-1) }), "The opening must be in the future."],
    [
      "a close in the past",
      () => ballotForm({ opensAt: "", closesAt: brusselsInDays(-2) }),
      "The close must be in the future.",
    ],
    [
      "a malformed time",
      () => ballotForm({ opensAt: "tomorrow morning" }),
      "Enter a date and time such as 2026-11-20 09:00.",
    ],
    [
      "a time skipped by the clock change",
      () => ballotForm({ opensAt: skippedTime() }),
      "This time does not exist in Brussels",
    ],
    ["no organisation", () => ballotForm({ organisationIds: [] }), "Choose at least one organisation."],
    [
      "an organisation outside the cycle",
      () => ballotForm({ organisationIds: "FR" }),
      "Choose one of the values offered.",
    ],
    ["an unknown college", () => ballotForm({ collegeKeys: ["staff", "aliens"] }), "Choose one of the values offered."],
    ["an unknown method", () => ballotForm({ method: "dictator" }), "Choose one of the values offered."],
    [
      "a reminder that is not a number",
      () => ballotForm({ reminderHours: "two days" }),
      "Enter a positive whole number.",
    ],
    ["a reminder over 30 days", () => ballotForm({ reminderHours: "721" }), "Enter a positive whole number."],
    [
      "fewer than two themes on the ballot",
      () => ballotForm(),
      "A ranked ballot needs at least 2 themes with the status “on the ballot”.",
      "ballot-few",
    ],
  ];

  it.each(bad)("refuses a ballot with %s, saving nothing", async (_name, make, message, slug = "ballot-bad") => {
    const manager = await as("manager");
    await manager.get(`/en/admin/cycles/${slug}/ballots/new`);
    const form = make();
    if (form.organisationIds === "FR") form.organisationIds = fr;
    const before = await snapshot(t.deps.db);
    const res = await manager.post(`/en/admin/cycles/${slug}/ballots/new`, form);
    expect(res.status).toBe(422);
    expect(res.text).toContain(message);
    expect(await snapshot(t.deps.db)).toEqual(before);
  });

  it("refuses an electorate the manager could no longer run", async () => {
    const cycle = await makeCycle(t.deps.db, "ballot-binational", ["smart-be", "smart-fr"]);
    await makeTheme(t.deps.db, cycle, "p", "on_ballot");
    await makeTheme(t.deps.db, cycle, "q", "on_ballot");
    const manager = await as("manager");
    await manager.get("/en/admin/cycles/ballot-binational/ballots/new");
    const before = await snapshot(t.deps.db);
    const res = await manager.post(
      "/en/admin/cycles/ballot-binational/ballots/new",
      ballotForm({ organisationIds: fr }),
    );
    expect(res.status).toBe(422);
    expect(res.text).toContain("Keep at least one organisation that you run");
    expect(await snapshot(t.deps.db)).toEqual(before);
  });

  it("shows the ballot's settings, schedule and electorate in words", async () => {
    const manager = await as("manager");
    const id = await ballotIdOf(t.deps.db, "ballot-test");
    const page = await manager.get(`/en/admin/ballots/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("<dd>Draft</dd>");
    expect(page.text).toContain("<dd>Ranked pairs (Tideman)</dd>");
    expect(page.text).toContain("The shareholders of Smart Belgique. Only these colleges: Clients, Staff.");
    expect(page.text).toContain("24 h before the close");
    expect(page.text).toMatch(/<time datetime="[^"]+">[^<]+ at 09:00<\/time>/);
    const demo = await manager.get(`/fr/admin/ballots/${await ballotIdOf(t.deps.db, "2020-2021")}`);
    expect(demo.status).toBe(200);
    expect(demo.text).toContain("Les sociétaires de Smart Belgique, Smart France. Tous les collèges sont admis.");
    expect(demo.text).toContain("Le projet politique");
    expect(demo.text).not.toContain("Penser et agir pour l’égalité");
  });

  it("edits a draft ballot, takes the themes on the ballot again, and audits the change", async () => {
    const manager = await as("manager");
    const id = await ballotIdOf(t.deps.db, "ballot-test");
    const cycle = await cycleBySlug(t.deps.db, "ballot-test");
    await t.deps.db
      .update(themes)
      .set({ status: "on_ballot" })
      .where(eq(themes.id, await themeIdOf(t.deps.db, "ballot-test", "d")));
    await manager.get(`/en/admin/ballots/${id}`);
    const form = ballotForm({ method: "schulze", closesAt: brusselsInDays(12, "20:00") });
    const res = await manager.post(`/en/admin/ballots/${id}`, form);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/en/admin/ballots/${id}?notice=saved`);
    const [ballot] = await t.deps.db.select().from(ballots).where(eq(ballots.id, id));
    expect(ballot?.method).toBe("schulze");
    expect(toBrusselsLocal(ballot!.closesAt!)).toBe(form.closesAt);
    const options = await t.deps.db
      .select({ key: ballotOptions.key })
      .from(ballotOptions)
      .where(eq(ballotOptions.ballotId, id))
      .orderBy(asc(ballotOptions.position));
    expect(options.map((o) => o.key)).toEqual(["a", "b", "c", "d"]);
    const [entry] = await auditEntries(t.deps.db, "ballot.updated");
    expect(entry).toMatchObject({ subjectId: id, organisationId: be });
    expect((entry?.data as { fields: string[] }).fields.sort()).toEqual(["closesAt", "method", "options"]);
    expect(cycle.id).toBe(ballot?.cycleId);
  });

  it("refuses a bad edit of a draft ballot, saving nothing", async () => {
    const manager = await as("manager");
    const id = await ballotIdOf(t.deps.db, "ballot-test");
    await manager.get(`/en/admin/ballots/${id}`);
    const before = await snapshot(t.deps.db);
    const [row] = await t.deps.db.select().from(ballots).where(eq(ballots.id, id));
    const res = await manager.post(
      `/en/admin/ballots/${id}`,
      ballotForm({ opensAt: brusselsInDays(4), closesAt: brusselsInDays(2) }),
    );
    expect(res.status).toBe(422);
    expect(res.text).toContain("The close must be after the opening.");
    expect(await snapshot(t.deps.db)).toEqual(before);
    expect(await t.deps.db.select().from(ballots).where(eq(ballots.id, id))).toEqual([row]);
  });

  it("refuses to edit a ballot that is no longer a draft", async () => {
    const manager = await as("manager");
    const id = await ballotIdOf(t.deps.db, "ballot-test");
    await t.deps.db.update(ballots).set({ status: "open", openedAt: new Date() }).where(eq(ballots.id, id));
    const page = await manager.get(`/en/admin/ballots/${id}`);
    expect(page.text).toContain("<dd>Open</dd>");
    expect(page.text).toContain("This ballot is no longer a draft: its settings can no longer be changed.");
    expect(page.text).not.toContain(`action="/en/admin/ballots/${id}"`);
    const [row] = await t.deps.db.select().from(ballots).where(eq(ballots.id, id));
    const before = await snapshot(t.deps.db);
    const res = await manager.post(`/en/admin/ballots/${id}`, ballotForm({ title: "Changed while open" }));
    expect(res.status).toBe(409);
    expect(res.text).toContain("This ballot is no longer a draft");
    expect(await snapshot(t.deps.db)).toEqual(before);
    expect(await t.deps.db.select().from(ballots).where(eq(ballots.id, id))).toEqual([row]);
  });

  it.each(["member", "board", "facilitator"] as const)("refuses the ballot screens to a %s (403)", async (who) => {
    const person = await as(who);
    const id = await ballotIdOf(t.deps.db, "2020-2021");
    expect((await person.get("/en/admin/cycles/ballot-bad/ballots/new")).status).toBe(403);
    expect((await person.get(`/en/admin/ballots/${id}`)).status).toBe(403);
    await person.get("/en/cycles");
    const before = await snapshot(t.deps.db);
    expect((await person.post("/en/admin/cycles/ballot-bad/ballots/new", ballotForm())).status).toBe(403);
    expect((await person.post(`/en/admin/ballots/${id}`, ballotForm())).status).toBe(403);
    expect(await snapshot(t.deps.db)).toEqual(before);
  });

  it("sends a visitor to the sign-in page", async () => {
    const visitor = await as(null);
    const id = await ballotIdOf(t.deps.db, "2020-2021");
    const res = await visitor.get(`/en/admin/ballots/${id}`);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/en/sign-in?next=${encodeURIComponent(`/en/admin/ballots/${id}`)}`);
    await visitor.get("/en/sign-in");
    const before = await snapshot(t.deps.db);
    expect((await visitor.post("/en/admin/cycles/ballot-bad/ballots/new", ballotForm())).location).toContain(
      "/en/sign-in",
    );
    expect(await snapshot(t.deps.db)).toEqual(before);
  });

  it("refuses a smart-be manager on a ballot of smart-fr (403), and answers 404 to unknown ids", async () => {
    const manager = await as("manager");
    const id = await ballotIdOf(t.deps.db, "ballot-fr");
    expect((await manager.get(`/en/admin/ballots/${id}`)).status).toBe(403);
    expect((await manager.get("/en/admin/cycles/ballot-fr/ballots/new")).status).toBe(403);
    await manager.get("/en/cycles");
    const before = await snapshot(t.deps.db);
    expect((await manager.post(`/en/admin/ballots/${id}`, ballotForm({ organisationIds: be }))).status).toBe(403);
    expect(await snapshot(t.deps.db)).toEqual(before);
    expect((await manager.get(`/en/admin/ballots/${randomUUID()}`)).status).toBe(404);
    expect((await manager.get("/en/admin/ballots/0000")).status).toBe(404);
    const admin = await as("admin");
    expect((await admin.get(`/en/admin/ballots/${id}`)).status).toBe(200);
  });

  it("renders a <script> in a ballot title inert", async () => {
    const manager = await as("manager");
    const id = await ballotIdOf(t.deps.db, "2020-2021");
    await manager.get(`/en/admin/ballots/${id}`);
    const current = await manager.get(`/en/admin/ballots/${id}`);
    const form = ballotForm({ title: "<script>alert('vote')</script>", organisationIds: [be, fr], collegeKeys: [] });
    const res = await manager.post(`/en/admin/ballots/${id}`, form);
    expect(res.status).toBe(303);
    const page = await manager.get(`/en/admin/ballots/${id}`);
    expect(page.text).toContain("&lt;script&gt;alert(&#39;vote&#39;)&lt;/script&gt;");
    expect(page.text).not.toContain("<script>alert");
    const cyclePage = await manager.get("/en/cycles/2020-2021");
    expect(cyclePage.text).not.toContain("<script>alert");
    expect(current.status).toBe(200);
  });

  it("builds the ballot resource from the electorate rule and the electorate snapshot", async () => {
    const id = await ballotIdOf(t.deps.db, "2020-2021");
    const member = await personId(t.deps.db, ACCOUNTS.member);
    const before = await loadBallotResource(t.deps.db, id, member);
    expect(before?.resource).toEqual({
      type: "ballot",
      organisationIds: [be, fr].sort(),
      status: "draft",
      isElector: false,
    });
    await t.deps.db.insert(ballotElectors).values({
      ballotId: id,
      personId: member,
      organisationId: be,
      collegeKey: "member-workers",
      weight: "1",
      language: "fr",
    });
    expect((await loadBallotResource(t.deps.db, id, member))?.resource.isElector).toBe(true);
    expect((await loadBallotResource(t.deps.db, id, null))?.resource.isElector).toBe(false);
    expect(await loadBallotResource(t.deps.db, randomUUID(), member)).toBeNull();
    expect(await loadBallotResource(t.deps.db, "not-an-id", null)).toBeNull();
    expect(fromBrusselsLocal("2026-03-29T02:30")).toEqual({ ok: false, problem: "nonexistent" });
  });
});
