import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromBrusselsLocal } from "../../src/commands/ballots/schedule.js";
import { loadGroupContext } from "../../src/commands/groups/load.js";
import { cancelMeeting, createMeeting, type MeetingInput } from "../../src/commands/meetings/save.js";
import { calendarFeeds, meetings } from "../../src/db/schema/index.js";
import { meetings as messages } from "../../src/i18n/messages/meetings.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { ENGINES } from "../support/db.js";
import { decode, groupIdOf, meetingForm, personIdOf, sessions, EMAIL } from "./meetings-helpers.js";

const en = messages.en;
const BASE_URL = "https://coop.example.test";

function brussels(local: string): Date {
  const parsed = fromBrusselsLocal(local);
  if (!parsed.ok) throw new Error(`${local} does not exist in Brussels`);
  return parsed.date;
}

/** The last Sunday of a month (1-based) of a year, as "YYYY-MM-DD". */
function lastSunday(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0));
  last.setUTCDate(last.getUTCDate() - last.getUTCDay());
  return last.toISOString().slice(0, 10);
}

interface ParsedEvent {
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  status: string | null;
  sequence: number;
  location: string;
  description: string;
  url: string;
  stamp: boolean;
}

/** Parses a feed with ical.js, an independent implementation of RFC 5545. */
function parseFeed(text: string): { name: string; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe("vcalendar");
  expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
  expect(calendar.getFirstPropertyValue("prodid")).toBeTruthy();
  return {
    name: String(calendar.getFirstPropertyValue("x-wr-calname") ?? ""),
    events: calendar.getAllSubcomponents("vevent").map((vevent) => {
      const event = new ICAL.Event(vevent);
      return {
        uid: event.uid,
        start: event.startDate.toJSDate(),
        end: event.endDate.toJSDate(),
        summary: event.summary,
        status: (vevent.getFirstPropertyValue("status") as string | null) ?? null,
        sequence: Number(vevent.getFirstPropertyValue("sequence") ?? 0),
        location: event.location ?? "",
        description: event.description ?? "",
        url: String(vevent.getFirstPropertyValue("url") ?? ""),
        stamp: vevent.getFirstPropertyValue("dtstamp") !== null,
      };
    }),
  };
}

describe.each(ENGINES)("calendar feeds (%s)", (engine) => {
  let t: TestApp;
  let groupId: string;
  const as = sessions(() => t);
  const year = new Date().getUTCFullYear() + 1;
  const spring = lastSunday(year, 3);
  const autumn = lastSunday(year, 10);
  const planned: Array<{ id: string; input: MeetingInput }> = [];

  beforeAll(async () => {
    t = await createTestApp(engine, { BASE_URL });
    groupId = await groupIdOf(t.deps.db, "equality");
    const facilitator = await personIdOf(t.deps.db, EMAIL.facilitator);
    const context = (await loadGroupContext(t.deps.db, groupId, facilitator))!;
    const base = {
      place: "online" as const,
      officeId: null,
      location: "",
      onlineUrl: "https://meet.example.org/secret-room",
      agenda: "1. Accueil, café ; suite\n2. Chiffres",
      experts: "Une économiste",
      interpretation: [],
    };
    const inputs: MeetingInput[] = [
      // Across the spring clock change: 01:00 to 04:00 on the wall, two real hours.
      { ...base, title: "Nuit du changement d'heure", startsAt: brussels(`${spring}T01:00`), durationMinutes: 120 },
      // Across the autumn change: 01:30 to 03:30 on the wall, three real hours.
      { ...base, title: "Nuit d'automne", startsAt: brussels(`${autumn}T01:30`), durationMinutes: 180 },
      {
        ...base,
        title: "Visite, avec virgule; et point-virgule",
        startsAt: brussels(`${year}-07-02T10:00`),
        durationMinutes: 240,
        place: "site_visit",
        location: "Rue Coenraets 72, Saint-Gilles",
        onlineUrl: "",
      },
      { ...base, title: "Annulée", startsAt: brussels(`${year}-05-05T18:00`), durationMinutes: 60 },
    ];
    for (const input of inputs) {
      const { meeting } = await createMeeting(t.deps.db, facilitator, context, input);
      planned.push({ id: meeting.id, input });
    }
    await cancelMeeting(t.deps.db, facilitator, context, planned[3]!.id);
  });
  afterAll(() => t.close());

  it("serves the group's meetings as a valid public feed, times exact across clock changes", async () => {
    const visitor = await as("visitor");
    const res = await visitor.get(`/en/groups/${groupId}/calendar.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    // No online link in the public feed, whatever the meeting.
    expect(res.text).not.toContain("meet.example.org");
    const feed = parseFeed(res.text);
    const all = await t.deps.db.select().from(meetings).where(eq(meetings.groupId, groupId));
    expect(feed.events).toHaveLength(all.length);
    for (const m of all) {
      const event = feed.events.find((e) => e.uid === `${m.id}@coop.example.test`);
      expect(event, m.title).toBeDefined();
      expect(event!.start.toISOString()).toBe(m.startsAt.toISOString());
      expect(event!.end.getTime() - event!.start.getTime()).toBe(m.durationMinutes * 60_000);
      expect(event!.summary).toBe(m.title);
      expect(event!.status).toBe(m.cancelledAt ? "CANCELLED" : "CONFIRMED");
      expect(event!.url).toBe(`${BASE_URL}/en/meetings/${m.id}`);
      expect(event!.stamp).toBe(true);
      expect(event!.description).toContain(m.agenda.trim());
    }
    const [springEvent, autumnEvent, visit] = planned.map((p) => feed.events.find((e) => e.uid.startsWith(p.id))!);
    // 01:00 in winter time is 00:00 UTC; 04:00 in summer time is 02:00 UTC.
    expect(springEvent!.start.toISOString()).toBe(`${spring}T00:00:00.000Z`);
    expect(springEvent!.end.toISOString()).toBe(`${spring}T02:00:00.000Z`);
    // 01:30 in summer time is 23:30 UTC the day before; 03:30 in winter time is 02:30 UTC.
    expect(autumnEvent!.end.toISOString()).toBe(`${autumn}T02:30:00.000Z`);
    expect(autumnEvent!.end.getTime() - autumnEvent!.start.getTime()).toBe(3 * 3_600_000);
    expect(visit!.summary).toBe("Visite, avec virgule; et point-virgule");
    expect(visit!.location).toBe(`${en.place_site_visit}: Rue Coenraets 72, Saint-Gilles`);
    expect(springEvent!.location).toBe(en.place_online);
  });

  it("raises the SEQUENCE of a meeting when it is edited, keeping its UID", async () => {
    const facilitator = await as("facilitator");
    await facilitator.get(`/en/groups/${groupId}/meetings/new`);
    const created = await facilitator.post(`/en/groups/${groupId}/meetings/new`, meetingForm({ title: "À suivre" }));
    expect(created.status).toBe(303);
    const id = /\/meetings\/([0-9a-f-]{36})/.exec(created.location!)![1]!;
    const before = parseFeed((await facilitator.get(`/en/groups/${groupId}/calendar.ics`)).text);
    expect(before.events.find((e) => e.uid.startsWith(id))!.sequence).toBe(0);
    const edited = await facilitator.post(
      `/en/meetings/${id}/edit`,
      meetingForm({ title: "À suivre", endTime: "17:00" }),
    );
    expect(edited.status).toBe(303);
    const after = parseFeed((await facilitator.get(`/en/groups/${groupId}/calendar.ics`)).text);
    const event = after.events.find((e) => e.uid === `${id}@coop.example.test`)!;
    expect(event.sequence).toBe(1);
    expect(event.end.getTime() - event.start.getTime()).toBe(3 * 3_600_000);
  });

  it("gives a member a secret personal feed with the online links, shown once, hashed, replaceable", async () => {
    const member = await as("member");
    const account = await member.get("/en/account");
    expect(account.text).toContain(en.personalFeedCreate);
    const created = await member.post("/en/account/calendar");
    expect(created.status).toBe(200);
    const url = /id="calendar-url"[^>]*value="([^"]+)"/.exec(created.text)?.[1];
    expect(url).toMatch(new RegExp(`^${BASE_URL}/en/calendar/[a-z2-7]{32}$`));
    const token = url!.split("/").pop()!;
    expect(created.text).toContain(`href="webcal://coop.example.test/en/calendar/${token}"`);
    const [stored] = await t.deps.db
      .select()
      .from(calendarFeeds)
      .where(eq(calendarFeeds.personId, await personIdOf(t.deps.db, EMAIL.member)));
    expect(stored!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.tokenHash).not.toContain(token);
    // The account page no longer shows it.
    const later = await member.get("/en/account");
    expect(later.text).not.toContain(token);
    expect(later.text).toContain(en.personalFeedRegenerate);

    // Anyone with the address reads it (a calendar application has no session).
    const anonymous = await as("visitor");
    const res = await anonymous.get(`/en/calendar/${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("cache-control")).toContain("private");
    const feed = parseFeed(res.text);
    expect(feed.name).toContain(en.personalFeedName);
    const ids = (await t.deps.db.select({ id: meetings.id }).from(meetings).where(eq(meetings.groupId, groupId))).map(
      (m) => m.id,
    );
    expect(feed.events.map((e) => e.uid.split("@")[0]).sort()).toEqual(ids.sort());
    const spring = feed.events.find((e) => e.uid.startsWith(planned[0]!.id))!;
    expect(spring.location).toBe(`${en.place_online}: https://meet.example.org/secret-room`);
    expect(spring.description).toContain("https://meet.example.org/secret-room");
    expect(spring.description).toContain("Une économiste");

    // A new address replaces the old one.
    const again = await member.post("/en/account/calendar");
    const newToken = /id="calendar-url"[^>]*value="[^"]*\/calendar\/([a-z2-7]{32})"/.exec(again.text)![1]!;
    expect(newToken).not.toBe(token);
    expect((await anonymous.get(`/en/calendar/${token}`)).status).toBe(404);
    expect((await anonymous.get(`/en/calendar/${newToken}`)).status).toBe(200);
    expect((await anonymous.get(`/en/calendar/${"a".repeat(32)}`)).status).toBe(404);
    expect((await anonymous.get(`/en/calendar/short`)).status).toBe(404);
  });

  it("serves an empty but valid feed to a person in no group, and asks visitors to sign in first", async () => {
    const guest = await as("guest");
    const created = await guest.post("/en/account/calendar");
    const token = /\/calendar\/([a-z2-7]{32})"/.exec(decode(created.text))![1]!;
    const feed = parseFeed((await guest.get(`/en/calendar/${token}`)).text);
    expect(feed.events).toEqual([]);
    const visitor = await as("visitor");
    await visitor.get("/en/sign-in");
    const res = await visitor.post("/en/account/calendar");
    expect(res.status).toBe(303);
    expect(res.location).toMatch(/^\/en\/sign-in\?next=/);
  });
});
