import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromBrusselsLocal } from "../../src/commands/ballots/schedule.js";
import { cycleFigures } from "../../src/commands/figures/read.js";
import { cycles, groupMembers, meetings, persons, workingGroups } from "../../src/db/schema/index.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import { countQueries } from "./admin-helpers.js";

const at = (local: string) => {
  const parsed = fromBrusselsLocal(local);
  if (!parsed.ok) throw new Error(local);
  return parsed.date;
};

/** The text of the page without tags, spaces normalised (narrow no-break spaces of French numbers included). */
function plain(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/[\s\u00a0\u202f]+/g, " ");
}

/** The cells of the total row of the participation table. */
function totalRow(html: string): string[] {
  const foot = /<table id="participation-table">[\s\S]*?<tfoot>([\s\S]*?)<\/tfoot>/.exec(html)?.[1] ?? "";
  return [...foot.matchAll(/<td class="number">([^<]*)<\/td>/g)].map((m) => m[1]!);
}

describe.each(ENGINES)("participation figures of the cycle page (%s)", (engine) => {
  let t: TestApp;
  let visitor: TestClient;
  let cycle2015: string;
  let cycle2020: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    visitor = new TestClient(t);
    const rows = await t.deps.db.select({ id: cycles.id, slug: cycles.slug }).from(cycles);
    cycle2015 = rows.find((r) => r.slug === "2015-2016")!.id;
    cycle2020 = rows.find((r) => r.slug === "2020-2021")!.id;
  });
  afterAll(() => t.close());

  it("computes the published figures of 2015–2016 from the demo records", async () => {
    const { figures, groups } = await cycleFigures(t.deps.db, cycle2015);
    expect(figures).toMatchObject({
      participants: 58,
      facilitators: 12,
      secretaries: 3,
      meetings: 21,
      meetingHours: 66,
      localTalks: 5,
      localTalkAttendance: 146,
      distinctPeople: 75,
      firstMeeting: "2015-10-22",
      lastMeeting: "2016-04-14",
      unlinkedTalks: { localTalks: 1, localTalkAttendance: 48 },
    });
    expect(groups.map((g) => g.key)).toEqual(["publics", "services", "economic-model", "governance"]);
    expect(figures.groups.map((g) => [g.participants, g.facilitators, g.secretaries, g.meetings])).toEqual([
      [16, 3, 1, 5],
      [15, 3, 1, 5],
      [16, 3, 1, 6],
      [14, 3, 1, 5],
    ]);
  });

  it("reads the figures in a fixed number of queries, whatever the cycle's size", async () => {
    const big = await countQueries(t, () => cycleFigures(t.deps.db, cycle2015));
    const small = await countQueries(t, () => cycleFigures(t.deps.db, cycle2020));
    expect(big).toBe(small);
    expect(big).toBeLessThanOrEqual(5);
  });

  it("shows the sentence, the groups, a chart and the table on the public page, in four languages", async () => {
    const fr = await visitor.get("/fr/cycles/2015-2016");
    expect(fr.status).toBe(200);
    expect(plain(fr.text)).toContain(
      "58 personnes, encadrées par 12 animateurs et 3 secrétaires, ont participé à 66 heures de réunion réparties sur 21 réunions en 6 mois.",
    );
    expect(plain(fr.text)).toContain("Première réunion le 22 octobre 2015, dernière le 14 avril 2016.");
    expect(plain(fr.text)).toContain("5 débats locaux ont réuni 146 personnes.");
    expect(plain(fr.text)).toContain("En tout, 75 personnes différentes");
    expect(totalRow(fr.text)).toEqual(["58", "12", "3", "21", "66", "5", "146", "75"]);
    const { groups } = await cycleFigures(t.deps.db, cycle2015);
    for (const g of groups) expect(fr.text).toContain(`href="/fr/groups/${g.id}"`);
    expect(fr.text).toContain("Devenir une coopérative : pour qui et avec qui ?</a>");
    expect(plain(fr.text)).toContain("Smart Belgique · 16 participant·es");
    expect(fr.text).toMatch(/<svg[^>]*role="img"/);
    expect(fr.text).toContain("15,5 h");
    expect(fr.text).toContain('href="/fr/cycles/2015-2016/local-talks"');

    const en = plain((await visitor.get("/en/cycles/2015-2016")).text);
    expect(en).toContain(
      "58 people, supported by 12 facilitators and 3 secretaries, took part in 66 hours of meetings over 21 meetings in 6 months.",
    );
    expect(en).toContain("Becoming a cooperative: for whom and with whom?");
    const nl = plain((await visitor.get("/nl/cycles/2015-2016")).text);
    expect(nl).toContain(
      "58 personen, begeleid door 12 gespreksleiders en 3 secretarissen, namen deel aan 66 uur vergaderingen, verdeeld over 21 vergaderingen in 6 maanden.",
    );
    const de = plain((await visitor.get("/de/cycles/2015-2016")).text);
    expect(de).toContain(
      "58 Personen, begleitet von 12 Moderationspersonen und 3 Personen für das Protokoll, nahmen an 66 Sitzungsstunden in 21 Sitzungen innerhalb von 6 Monaten teil.",
    );
  });

  it("writes decimal hours and small counts in each language", async () => {
    const page = plain((await visitor.get("/fr/cycles/2020-2021")).text);
    expect(page).toMatch(/5,5 heures de réunion réparties sur 2 réunions en \d+ mois/);
    expect(page).toContain("1 débat local a réuni 27 personnes.");
    const en = plain((await visitor.get("/en/cycles/2020-2021")).text);
    expect(en).toMatch(/5\.5 hours of meetings over 2 meetings in \d+ months?\./);
    expect(en).toContain("1 local talk brought together 27 people.");
  });

  it("changes when a meeting is added or cancelled and when a participant joins", async () => {
    const db = t.deps.db;
    const [group] = await db
      .select({ id: workingGroups.id })
      .from(workingGroups)
      .where(and(eq(workingGroups.cycleId, cycle2015), eq(workingGroups.key, "governance")));
    const before = (await cycleFigures(db, cycle2015)).figures;

    const [extra] = await db
      .insert(meetings)
      .values({
        groupId: group!.id,
        title: "Réunion supplémentaire",
        startsAt: at("2016-04-28T18:00"),
        durationMinutes: 100,
        place: "online",
        onlineUrl: "https://meet.example.org/extra",
      })
      .returning({ id: meetings.id });
    const added = (await cycleFigures(db, cycle2015)).figures;
    expect(added.meetings).toBe(before.meetings + 1);
    expect(added.meetingHours).toBe(67.67);
    expect(added.lastMeeting).toBe("2016-04-28");
    expect(added.groups.find((g) => g.key === "governance")!.meetings).toBe(6);

    await db.update(meetings).set({ cancelledAt: new Date() }).where(eq(meetings.id, extra!.id));
    const cancelled = (await cycleFigures(db, cycle2015)).figures;
    expect(cancelled.meetings).toBe(before.meetings);
    expect(cancelled.meetingHours).toBe(66);
    expect(cancelled.lastMeeting).toBe("2016-04-14");

    const [newcomer] = await db
      .insert(persons)
      .values({ email: "newcomer-figures@demo.letscoop.test", name: "Nouvelle Venue" })
      .returning({ id: persons.id });
    await db
      .insert(groupMembers)
      .values({ groupId: group!.id, personId: newcomer!.id, role: "participant", status: "requested" });
    expect((await cycleFigures(db, cycle2015)).figures.participants).toBe(58);
    await db
      .update(groupMembers)
      .set({ status: "active" })
      .where(and(eq(groupMembers.groupId, group!.id), eq(groupMembers.personId, newcomer!.id)));
    const joined = (await cycleFigures(db, cycle2015)).figures;
    expect(joined.participants).toBe(59);
    expect(joined.distinctPeople).toBe(before.distinctPeople + 1);
    expect(totalRow((await visitor.get("/en/cycles/2015-2016")).text).slice(0, 5)).toEqual([
      "59",
      "12",
      "3",
      "21",
      "66",
    ]);
  });

  it("changes when a local talk is recorded through the form", async () => {
    const before = (await cycleFigures(t.deps.db, cycle2020)).figures;
    const manager = new TestClient(t);
    await manager.actAs("manager@demo.letscoop.test");
    await manager.get("/en/cycles/2020-2021/local-talks/new");
    const res = await manager.post("/en/cycles/2020-2021/local-talks/new", {
      title: "Small talk in Mons",
      officeId: "",
      city: "Mons",
      date: "2021-02-04",
      startTime: "18:30",
      durationMinutes: "90",
      themeId: "",
      groupId: "",
      attendance: "19",
      summary: "",
    });
    expect(res.status).toBe(303);
    const after = (await cycleFigures(t.deps.db, cycle2020)).figures;
    expect(after.localTalks).toBe(before.localTalks + 1);
    expect(after.localTalkAttendance).toBe(before.localTalkAttendance + 19);
    expect(after.unlinkedTalks.localTalks).toBe(before.unlinkedTalks.localTalks + 1);
    expect(after.meetings).toBe(before.meetings);
  });
});
