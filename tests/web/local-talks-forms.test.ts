import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, localTalkContributions, localTalks, persons } from "../../src/db/schema/index.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import { demoIds, talkForm, talkSnapshot } from "./local-talks-helpers.js";

type Ids = Awaited<ReturnType<typeof demoIds>>;

const NEW = "/en/cycles/2020-2021/local-talks/new";

describe.each(ENGINES)("local talk forms (%s)", (engine) => {
  let t: TestApp;
  let ids: Ids;
  let manager: TestClient;
  beforeAll(async () => {
    t = await createTestApp(engine);
    ids = await demoIds(t.deps.db);
    manager = new TestClient(t);
    await manager.actAs("manager@demo.letscoop.test");
  });
  afterAll(() => t.close());

  it("lists the talks of a cycle publicly, with date, city, attendance and group", async () => {
    const visitor = new TestClient(t);
    const page = await visitor.get("/en/cycles/2015-2016/local-talks");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Small talk : qui sont les membres de demain ?");
    expect(page.text).toContain("<td>Liège</td>");
    expect(page.text).toContain('<td class="number">34</td>');
    expect(page.text).toContain(`href="/en/groups/${ids.publics2015.id}"`);
    expect(page.text).toContain("No group");
    expect(page.text).toContain('<td class="number">146</td>');
    expect(page.text).not.toContain("Record a local talk");
    expect((await visitor.get("/en/cycles/1999-2000/local-talks")).status).toBe(404);
  });

  it("shows a talk with its contributions; anonymous ones say so", async () => {
    const visitor = new TestClient(t);
    const page = await visitor.get(`/en/local-talks/${ids.equalityTalk}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("<h1>Small talk : l&#39;égalité, chez nous, ça ressemble à quoi ?</h1>");
    expect(page.text).toContain("27 people");
    expect(page.text).toContain("— Inès");
    expect(page.text).toContain("— Anonymous");
    expect(page.text).not.toContain("Add a contribution");
    expect((await visitor.get(`/en/local-talks/${randomUUID()}`)).status).toBe(404);
  });

  it("lets a cycle manager record a talk in an office: the city is the office's, the theme the group's, audited", async () => {
    const form = await manager.get(NEW);
    expect(form.status).toBe(200);
    expect(form.text).toContain(`value="${ids.liege}"`);
    // manager@ runs cycles in Smart Belgique only: the French offices are not theirs to choose.
    expect(form.text).not.toContain(`value="${ids.paris}"`);
    const res = await manager.post(
      NEW,
      talkForm({ officeId: ids.liege, city: "Ignored", groupId: ids.equality.id, title: "Small talk à Liège" }),
    );
    expect(res.status).toBe(303);
    const page = await manager.follow(res);
    expect(page.text).toContain("Local talk recorded.");
    const [talk] = await t.deps.db.select().from(localTalks).where(eq(localTalks.title, "Small talk à Liège"));
    expect(talk).toMatchObject({
      cycleId: ids.cycle2020,
      officeId: ids.liege,
      city: "Liège",
      groupId: ids.equality.id,
      themeId: ids.equality.themeId,
      attendance: 23,
      durationMinutes: 120,
      heldAt: new Date("2021-03-11T17:30:00Z"),
    });
    expect(res.location).toBe(`/en/local-talks/${talk!.id}?notice=created`);
    const [entry] = await t.deps.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, talk!.id))
      .orderBy(desc(auditLog.seq));
    const [me] = await t.deps.db.select().from(persons).where(eq(persons.email, "manager@demo.letscoop.test"));
    expect(entry).toMatchObject({ action: "local_talk.created", actorId: me!.id, subjectType: "local_talk" });
    expect(JSON.stringify(entry!.data)).not.toContain("Liège");
  });

  const bad: Array<[string, (ids: Ids) => Record<string, string>, string]> = [
    ["an empty title", () => talkForm({ title: "  " }), "This field is required."],
    ["a too long title", () => talkForm({ title: "x".repeat(201) }), "This text is too long (at most 200 characters)."],
    ["a negative attendance", () => talkForm({ attendance: "-3" }), "Enter a positive whole number."],
    ["a non-numeric attendance", () => talkForm({ attendance: "twenty" }), "Enter a positive whole number."],
    ["a decimal attendance", () => talkForm({ attendance: "2.5" }), "Enter a positive whole number."],
    ["no attendance", () => talkForm({ attendance: "" }), "Enter a positive whole number."],
    ["a date that does not exist", () => talkForm({ date: "2021-02-30" }), "This date does not exist."],
    ["a malformed date", () => talkForm({ date: "31/03/2021" }), "This date does not exist."],
    ["no date", () => talkForm({ date: "" }), "This field is required."],
    ["a time that is not one", () => talkForm({ startTime: "25:00" }), "Enter a time like 18:30."],
    [
      "a time skipped by the clock change",
      () => talkForm({ date: "2021-03-28", startTime: "02:30" }),
      "This time does not exist in Brussels on that day",
    ],
    ["a too short duration", () => talkForm({ durationMinutes: "10" }), "Enter a duration from 15 to 1440 minutes."],
    ["a too long duration", () => talkForm({ durationMinutes: "1441" }), "Enter a duration from 15 to 1440 minutes."],
    ["no office and no city", () => talkForm({ officeId: "", city: "" }), "Give the city, or choose an office."],
    ["an unknown office", () => talkForm({ officeId: randomUUID() }), "Choose one of the values offered."],
    ["an office id that is not one", () => talkForm({ officeId: "Smart Liège" }), "Choose one of the values offered."],
    ["a group of another cycle", (i) => talkForm({ groupId: i.publics2015.id }), "Choose one of the values offered."],
    ["an unknown group", () => talkForm({ groupId: randomUUID() }), "Choose one of the values offered."],
    [
      "a theme of another cycle",
      (i) => talkForm({ themeId: i.governanceTheme2015 }),
      "Choose one of the values offered.",
    ],
    [
      "a theme that is not the group's",
      (i) => talkForm({ themeId: i.supportTheme, groupId: i.equality.id }),
      "This group works on another theme.",
    ],
    [
      "a too long summary",
      () => talkForm({ summary: "y".repeat(5001) }),
      "This text is too long (at most 5000 characters).",
    ],
  ];
  it.each(bad)("refuses %s with a clear message and saves nothing", async (_, make, message) => {
    const before = await talkSnapshot(t.deps.db);
    await manager.get(NEW);
    const res = await manager.post(NEW, make(ids));
    expect(res.status).toBe(422);
    expect(res.text).toContain("error-summary");
    expect(res.text.replace(/&#39;/g, "'")).toContain(message);
    expect(await talkSnapshot(t.deps.db)).toEqual(before);
  });

  it("keeps what was typed when a form is refused, and escapes it", async () => {
    await manager.get(NEW);
    const res = await manager.post(NEW, talkForm({ title: '<script>alert("x")</script>', attendance: "-1" }));
    expect(res.status).toBe(422);
    expect(res.text).not.toContain('<script>alert("x")</script>');
    expect(res.text).toContain("&lt;script&gt;");
  });

  it("edits a talk, audited with the names of the changed fields; a refused edit changes nothing", async () => {
    const edit = `/en/local-talks/${ids.equalityTalk}/edit`;
    const form = await manager.get(edit);
    expect(form.status).toBe(200);
    expect(form.text).toContain('value="27"');
    const [before] = await t.deps.db.select().from(localTalks).where(eq(localTalks.id, ids.equalityTalk));
    const refused = await manager.post(edit, talkForm({ officeId: ids.brussels, attendance: "-5" }));
    expect(refused.status).toBe(422);
    expect((await t.deps.db.select().from(localTalks).where(eq(localTalks.id, ids.equalityTalk)))[0]).toEqual(before);

    await manager.get(edit);
    const values = {
      title: before!.title,
      officeId: before!.officeId!,
      city: "",
      date: "2021-01-14",
      startTime: "18:30",
      durationMinutes: "120",
      themeId: before!.themeId!,
      groupId: before!.groupId!,
      attendance: "31",
      summary: before!.summary,
    };
    const res = await manager.post(edit, values);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/en/local-talks/${ids.equalityTalk}?notice=saved`);
    const [after] = await t.deps.db.select().from(localTalks).where(eq(localTalks.id, ids.equalityTalk));
    expect(after).toMatchObject({ attendance: 31, heldAt: new Date("2021-01-14T17:30:00Z"), city: "Bruxelles" });
    const [entry] = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, ids.equalityTalk), eq(auditLog.action, "local_talk.updated" as never)));
    expect(entry!.data).toMatchObject({ changed: ["heldAt", "attendance"] });

    // Sending the same values again changes nothing and writes no audit entry.
    const audit = (await talkSnapshot(t.deps.db)).audit;
    await manager.get(edit);
    expect((await manager.post(edit, values)).status).toBe(303);
    expect((await talkSnapshot(t.deps.db)).audit).toBe(audit);
  });

  it("adds contributions, with or without a first name; refuses an empty or too long text", async () => {
    const path = `/en/local-talks/${ids.equalityTalk}/contributions`;
    const page = await manager.get(`/en/local-talks/${ids.equalityTalk}`);
    expect(page.text).toContain("Add a contribution");
    const res = await manager.post(path, { author: "Yasmina", body: "Des crèches près des bureaux.\nEt le soir." });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/en/local-talks/${ids.equalityTalk}?notice=contribution`);
    const shown = await manager.follow(res);
    expect(shown.text).toContain("Contribution added.");
    expect(shown.text).toContain("Des crèches près des bureaux.<br/>Et le soir.");
    expect(shown.text).toContain("— Yasmina");

    const before = await talkSnapshot(t.deps.db);
    const long = await manager.post(path, { author: "", body: "z".repeat(2001) });
    expect(long.status).toBe(422);
    expect(long.text).toContain("This text is too long (at most 2000 characters).");
    const empty = await manager.post(path, { author: "Léa", body: "   " });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain("This field is required.");
    expect(empty.text).toContain('value="Léa"');
    const html = await manager.post(path, { author: "", body: "<b>gras</b>" });
    expect(html.status).toBe(303);
    const escaped = await manager.get(`/en/local-talks/${ids.equalityTalk}`);
    expect(escaped.text).toContain("&lt;b&gt;gras&lt;/b&gt;");
    expect((await talkSnapshot(t.deps.db)).contributions).toBe(before.contributions + 1);
    const rows = await t.deps.db
      .select()
      .from(localTalkContributions)
      .where(eq(localTalkContributions.talkId, ids.equalityTalk));
    expect(rows.map((r) => r.author)).toContain("Yasmina");
  });

  it("answers 404 for a guessed talk id, on every route", async () => {
    const id = randomUUID();
    await manager.get(NEW);
    expect((await manager.get(`/en/local-talks/${id}/edit`)).status).toBe(404);
    expect((await manager.post(`/en/local-talks/${id}/edit`, talkForm())).status).toBe(404);
    expect((await manager.post(`/en/local-talks/${id}/contributions`, { body: "x" })).status).toBe(404);
  });
});
