import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meetings } from "../../src/db/schema/index.js";
import { meetings as messages } from "../../src/i18n/messages/meetings.js";
import { errors as errorMessages } from "../../src/i18n/messages/errors.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { ENGINES } from "../support/db.js";
import {
  auditOf,
  dayFromNow,
  demoMeetings,
  errorSummary,
  groupIdOf,
  makeOtherSecretary,
  latestMeeting,
  meetingForm,
  officeOf,
  personIdOf,
  sessions,
  snapshot,
  EMAIL,
} from "./meetings-helpers.js";

const en = messages.en;

describe.each(ENGINES)("planning meetings (%s)", (engine) => {
  let t: TestApp;
  let groupId: string;
  let frenchGroupId: string;
  let newPath: string;
  const as = sessions(() => t);

  beforeAll(async () => {
    t = await createTestApp(engine);
    groupId = await groupIdOf(t.deps.db, "equality");
    await makeOtherSecretary(t.deps.db);
    frenchGroupId = await groupIdOf(t.deps.db, "economic-model-fr");
    newPath = `/en/groups/${groupId}/meetings/new`;
  });
  afterAll(() => t.close());

  it("lists the group's coming and past meetings to anyone, with the feed links", async () => {
    const visitor = await as("visitor");
    const page = await visitor.get(`/en/groups/${groupId}/meetings`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(en.coming);
    expect(page.text).toContain("Écarts de rémunération : écouter les chiffres");
    expect(page.text).toContain("Réunion de lancement");
    expect(page.text).toContain(`/en/groups/${groupId}/calendar.ics`);
    expect(page.text).toContain("webcal://");
    // The online link is never on the public list; no "plan" link for a visitor.
    expect(page.text).not.toContain("meet.example.org");
    expect(page.text).not.toContain(newPath);
    // The past meeting's minutes are for members of the organisations.
    const { past } = await demoMeetings(t.deps.db, groupId);
    expect(page.text).not.toContain(`/en/meetings/${past}/minutes`);
    const ethics = await as("ethics");
    expect((await ethics.get(`/en/groups/${groupId}/meetings`)).text).toContain(`/en/meetings/${past}/minutes`);
    const facilitator = await as("facilitator");
    expect((await facilitator.get(`/en/groups/${groupId}/meetings`)).text).toContain(newPath);
  });

  it("lets the facilitator plan a meeting, audited, and shows it with its link to members only", async () => {
    const facilitator = await as("facilitator");
    const form = await facilitator.get(newPath);
    expect(form.status).toBe(200);
    expect(form.text).toContain('type="time"');
    const res = await facilitator.post(newPath, meetingForm({ title: "Plan A <b>bold</b>" }));
    expect(res.status, errorSummary(res.text)).toBe(303);
    const meeting = await latestMeeting(t.deps.db, groupId);
    expect(res.location).toBe(`/en/meetings/${meeting.id}?notice=created`);
    expect(meeting).toMatchObject({
      title: "Plan A <b>bold</b>",
      durationMinutes: 150,
      place: "online",
      officeId: null,
      onlineUrl: "https://meet.example.org/equality-2",
      interpretation: ["nl"],
      reminderSentAt: null,
      cancelledAt: null,
    });
    expect(meeting.startsAt.toISOString()).toBe(
      new Date(`${dayFromNow(30)}T14:00:00${brusselsOffset(dayFromNow(30))}`).toISOString(),
    );
    const [entry] = await auditOf(t.deps.db, "meeting.created", meeting.id);
    expect(entry).toMatchObject({ actorId: await personIdOf(t.deps.db, EMAIL.facilitator), subjectType: "meeting" });
    expect(JSON.stringify(entry!.data)).not.toContain("Plan A");

    const page = await facilitator.follow(res);
    expect(page.text).toContain(en.noticeCreated);
    expect(page.text).toContain("Plan A &lt;b&gt;bold&lt;/b&gt;");
    expect(page.text).not.toContain("<b>bold</b>");
    expect(page.text).toContain("https://meet.example.org/equality-2");
    const member = await as("member");
    expect((await member.get(`/en/meetings/${meeting.id}`)).text).toContain("https://meet.example.org/equality-2");
    for (const who of ["visitor", "ethics", "guest"] as const) {
      const other = await as(who);
      const seen = await other.get(`/en/meetings/${meeting.id}`);
      expect(seen.status).toBe(200);
      expect(seen.text, who).not.toContain("meet.example.org");
    }
  });

  it("shows on the meeting page the invited experts and the interpretation languages given in the form", async () => {
    const facilitator = await as("facilitator");
    await facilitator.get(newPath);
    const res = await facilitator.post(
      newPath,
      meetingForm({
        title: "Avec experts et interprètes",
        date: dayFromNow(33),
        experts: "Une juriste du travail\n\n  Un économiste <de l'ULB>  \r\nLa responsable RH",
        interpretation: ["en", "de", "nl"],
      }),
    );
    expect(res.status, errorSummary(res.text)).toBe(303);
    const meeting = await latestMeeting(t.deps.db, groupId);
    expect(meeting.interpretation).toEqual(["nl", "de", "en"]);
    for (const who of ["facilitator", "member", "visitor"] as const) {
      const page = await (await as(who)).get(`/en/meetings/${meeting.id}`);
      expect(page.status, who).toBe(200);
      expect(page.text, who).toContain(`<dt>${en.interpretation}</dt><dd>Dutch, German, English</dd>`);
      expect(page.text, who).toContain(
        `<h2>${en.experts}</h2><ul><li>Une juriste du travail</li><li>Un économiste &lt;de l&#39;ULB&gt;</li><li>La responsable RH</li></ul>`,
      );
    }
    // In another language, the languages are named in it.
    const fr = await (await as("visitor")).get(`/fr/meetings/${meeting.id}`);
    expect(fr.text).toContain(`<dt>${messages.fr.interpretation}</dt><dd>néerlandais, allemand, anglais</dd>`);
    expect(fr.text).toContain(`<h2>${messages.fr.experts}</h2>`);

    // A meeting without either says so, and lists no experts.
    await facilitator.get(newPath);
    const plain = await facilitator.post(
      newPath,
      meetingForm({ title: "Sans experts", date: dayFromNow(34), experts: "  \n ", interpretation: [] }),
    );
    expect(plain.status, errorSummary(plain.text)).toBe(303);
    const bare = await latestMeeting(t.deps.db, groupId);
    expect(bare).toMatchObject({ title: "Sans experts", interpretation: [] });
    const page = await facilitator.get(`/en/meetings/${bare.id}`);
    expect(page.text).toContain(`<dt>${en.interpretation}</dt><dd>${en.noInterpretation}</dd>`);
    expect(page.text).not.toContain(`<h2>${en.experts}</h2>`);
  });

  const bad: Array<[string, Record<string, string | string[]>, string, string]> = [
    ["a date in the past", { date: dayFromNow(-2) }, "date", en.errorInPast],
    ["a start earlier today", { date: dayFromNow(0), startTime: "00:00", endTime: "00:30" }, "date", en.errorInPast],
    ["an end before the start", { startTime: "16:00", endTime: "15:00" }, "endTime", en.errorEndBeforeStart],
    ["an end equal to the start", { startTime: "16:00", endTime: "16:00" }, "endTime", en.errorEndBeforeStart],
    ["a meeting of 10 minutes", { startTime: "16:00", endTime: "16:10" }, "endTime", en.errorTooShort],
    ["a malformed start", { startTime: "25:61" }, "startTime", en.errorTime],
    ["words for a time", { endTime: "late" }, "endTime", en.errorTime],
    ["a malformed date", { date: "next monday" }, "date", en.errorDate],
    ["a date that does not exist", { date: "2031-02-30" }, "date", en.errorDate],
    ["no date", { date: "" }, "date", errorMessages.en.required],
    ["no title", { title: "  " }, "title", errorMessages.en.required],
    ["a title too long", { title: "x".repeat(201) }, "title", errorMessages.en.tooLong.replace("{{max}}", "200")],
    [
      "an agenda too long",
      { agenda: "x".repeat(10_001) },
      "agenda",
      errorMessages.en.tooLong.replace("{{max}}", "10000"),
    ],
    ["an online meeting without link", { onlineUrl: "" }, "onlineUrl", en.errorLinkRequired],
    ["a plain http link", { onlineUrl: "http://meet.example.org/x" }, "onlineUrl", en.errorLinkHttps],
    ["a javascript: link", { onlineUrl: "javascript:alert(1)" }, "onlineUrl", en.errorLinkHttps],
    ["an office meeting without office", { place: "office", onlineUrl: "" }, "officeId", en.errorOfficeRequired],
    [
      "an unknown office",
      { place: "office", onlineUrl: "", officeId: randomUUID() },
      "officeId",
      en.errorUnknownOffice,
    ],
    ["a link for an office meeting", { place: "site_visit", location: "Rue X 1" }, "onlineUrl", en.errorLinkOnlyOnline],
    ["a site visit without address", { place: "site_visit", onlineUrl: "" }, "location", en.errorAddressRequired],
    ["an unknown kind of place", { place: "beach" }, "place", errorMessages.en.invalidChoice],
    ["an unknown language", { interpretation: ["fr", "xx"] }, "interpretation", errorMessages.en.invalidChoice],
  ];

  it.each(bad)("refuses %s with a clear message, keeps the values and saves nothing", async (_, fields, name, text) => {
    const facilitator = await as("facilitator");
    await facilitator.get(newPath);
    const before = await snapshot(t.deps.db);
    const res = await facilitator.post(newPath, meetingForm({ title: "Refusée", ...fields }));
    expect(res.status).toBe(422);
    expect(errorSummary(res.text)).toContain(text);
    expect(res.text).toContain(`href="#field-${name}"`);
    expect(res.text).toContain(`id="field-${name}"`);
    expect(await snapshot(t.deps.db)).toEqual(before);
  });

  it("refuses an office of an organisation outside a French group", async () => {
    const facilitator = await as("otherFacilitator");
    const path = `/en/groups/${frenchGroupId}/meetings/new`;
    await facilitator.get(path);
    const before = await snapshot(t.deps.db);
    const beOffice = await officeOf(t.deps.db, "smart-be", false);
    const res = await facilitator.post(path, meetingForm({ place: "office", onlineUrl: "", officeId: beOffice }));
    expect(res.status).toBe(422);
    expect(errorSummary(res.text)).toContain(en.errorUnknownOffice);
    expect(await snapshot(t.deps.db)).toEqual(before);
  });

  it("saves overlapping meetings at the same office and warns the organiser on the meeting page", async () => {
    const facilitator = await as("facilitator");
    const head = await officeOf(t.deps.db, "smart-be", true);
    const date = dayFromNow(40);
    const at = (title: string, startTime: string, endTime: string) =>
      meetingForm({ title, date, startTime, endTime, place: "head_office", officeId: head, onlineUrl: "" });
    await facilitator.get(newPath);
    const first = await facilitator.post(newPath, at("Première salle", "10:00", "12:00"));
    expect(first.status).toBe(303);
    const firstId = (await latestMeeting(t.deps.db, groupId)).id;
    const second = await facilitator.post(newPath, at("Deuxième salle", "11:30", "13:00"));
    expect(second.status).toBe(303);
    const secondId = (await latestMeeting(t.deps.db, groupId)).id;
    // Touching, not overlapping: no warning for this one.
    const third = await facilitator.post(newPath, at("Troisième salle", "13:00", "14:00"));
    expect(third.status).toBe(303);
    const thirdId = (await latestMeeting(t.deps.db, groupId)).id;

    const page = await facilitator.follow(second);
    expect(page.text).toContain(en.clashWarning);
    expect(page.text).toContain(`href="/en/meetings/${firstId}"`);
    expect(page.text).toContain("Première salle");
    const firstPage = await facilitator.get(`/en/meetings/${firstId}`);
    expect(firstPage.text).toContain("Deuxième salle");
    expect(firstPage.text).not.toContain("Troisième salle");
    expect((await facilitator.get(`/en/meetings/${thirdId}`)).text).not.toContain(en.clashWarning);
    // Participants and visitors see the meeting, not the organiser's warning.
    const member = await as("member");
    expect((await member.get(`/en/meetings/${secondId}`)).text).not.toContain(en.clashWarning);
  });

  it("edits a meeting (audited, reminder reset when moved) and cancels it", async () => {
    const facilitator = await as("facilitator");
    await facilitator.get(newPath);
    await facilitator.post(newPath, meetingForm({ title: "À déplacer" }));
    const meeting = await latestMeeting(t.deps.db, groupId);
    await t.deps.db.update(meetings).set({ reminderSentAt: new Date() }).where(eq(meetings.id, meeting.id));
    const edit = await facilitator.get(`/en/meetings/${meeting.id}/edit`);
    expect(edit.status).toBe(200);
    expect(edit.text).toContain('value="14:00"');
    expect(edit.text).toContain('value="16:30"');
    expect(edit.text).toContain(`value="${dayFromNow(30)}"`);

    // Bad input: nothing saved.
    const before = await snapshot(t.deps.db);
    const refused = await facilitator.post(
      `/en/meetings/${meeting.id}/edit`,
      meetingForm({ title: "À déplacer", endTime: "13:00" }),
    );
    expect(refused.status).toBe(422);
    expect(await snapshot(t.deps.db)).toEqual(before);

    const moved = await facilitator.post(
      `/en/meetings/${meeting.id}/edit`,
      meetingForm({ title: "Déplacée", date: dayFromNow(31), startTime: "09:00", endTime: "10:00" }),
    );
    expect(moved.status).toBe(303);
    const [after] = await t.deps.db.select().from(meetings).where(eq(meetings.id, meeting.id));
    expect(after).toMatchObject({ title: "Déplacée", durationMinutes: 60, reminderSentAt: null });
    const [updated] = await auditOf(t.deps.db, "meeting.updated", meeting.id);
    expect(updated!.data).toMatchObject({ changed: ["title", "startsAt", "durationMinutes"] });

    // Saving again unchanged writes no audit entry.
    await facilitator.post(
      `/en/meetings/${meeting.id}/edit`,
      meetingForm({ title: "Déplacée", date: dayFromNow(31), startTime: "09:00", endTime: "10:00" }),
    );
    expect(await auditOf(t.deps.db, "meeting.updated", meeting.id)).toHaveLength(1);

    await facilitator.get(`/en/meetings/${meeting.id}`);
    const unconfirmed = await facilitator.post(`/en/meetings/${meeting.id}/cancel`);
    expect(unconfirmed.status).toBe(422);
    expect(errorSummary(unconfirmed.text)).toContain(en.errorConfirmCancel);
    expect(await auditOf(t.deps.db, "meeting.cancelled", meeting.id)).toHaveLength(0);
    const cancelled = await facilitator.post(`/en/meetings/${meeting.id}/cancel`, { confirm: "on" });
    expect(cancelled.status).toBe(303);
    const page = await facilitator.follow(cancelled);
    expect(page.text).toContain(en.cancelledNotice);
    expect(await auditOf(t.deps.db, "meeting.cancelled", meeting.id)).toHaveLength(1);
    // A cancelled meeting can no longer be edited, cancelled again or registered for.
    expect((await facilitator.get(`/en/meetings/${meeting.id}/edit`)).status).toBe(403);
    expect((await facilitator.post(`/en/meetings/${meeting.id}/cancel`, { confirm: "on" })).status).toBe(403);
    const member = await as("member");
    await member.get(`/en/meetings/${meeting.id}`);
    expect((await member.post(`/en/meetings/${meeting.id}/register`)).status).toBe(403);
  });

  it("lets an edit keep the start of a meeting already held", async () => {
    const facilitator = await as("facilitator");
    const { past } = await demoMeetings(t.deps.db, groupId);
    const edit = await facilitator.get(`/en/meetings/${past}/edit`);
    const value = (name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(edit.text)?.[1] ?? "";
    const fields = {
      title: "Réunion de lancement",
      date: value("date"),
      startTime: value("startTime"),
      endTime: value("endTime"),
      place: "head_office",
      officeId: (await t.deps.db.select().from(meetings).where(eq(meetings.id, past)))[0]!.officeId!,
      location: "Salle du conseil (2e étage)",
      onlineUrl: "",
      agenda: "1. Tour de table",
      experts: "",
    };
    const kept = await facilitator.post(`/en/meetings/${past}/edit`, fields);
    expect(kept.status, errorSummary(kept.text)).toBe(303);
    const moved = await facilitator.post(`/en/meetings/${past}/edit`, { ...fields, startTime: "08:00" });
    expect(moved.status).toBe(422);
    expect(errorSummary(moved.text)).toContain(en.errorInPast);
  });

  it("refuses planning and editing to those who do not lead the group, and unknown ids", async () => {
    const { coming } = await demoMeetings(t.deps.db, groupId);
    const before = await snapshot(t.deps.db);
    for (const who of [
      "member",
      "secretary",
      "board",
      "ethics",
      "guest",
      "otherSecretary",
      "otherFacilitator",
    ] as const) {
      const client = await as(who);
      expect((await client.get(newPath)).status, who).toBe(403);
      expect((await client.post(newPath, meetingForm())).status, who).toBe(403);
      expect((await client.get(`/en/meetings/${coming}/edit`)).status, who).toBe(403);
      expect((await client.post(`/en/meetings/${coming}/edit`, meetingForm())).status, who).toBe(403);
      expect((await client.post(`/en/meetings/${coming}/cancel`, { confirm: "on" })).status, who).toBe(403);
    }
    const visitor = await as("visitor");
    const sent = await visitor.get(newPath);
    expect(sent.status).toBe(303);
    expect(sent.location).toMatch(/^\/en\/sign-in\?next=/);
    // The facilitator of the equality group cannot plan in the French group.
    const facilitator = await as("facilitator");
    expect((await facilitator.get(`/en/groups/${frenchGroupId}/meetings/new`)).status).toBe(403);
    // Guessed ids: not found, whoever asks.
    expect((await facilitator.get(`/en/meetings/${randomUUID()}/edit`)).status).toBe(404);
    expect((await facilitator.post(`/en/groups/${randomUUID()}/meetings/new`, meetingForm())).status).toBe(404);
    expect((await facilitator.get(`/en/meetings/not-a-uuid`)).status).toBe(404);
    expect(await snapshot(t.deps.db)).toEqual(before);
    // Those who run the cycle may plan.
    const manager = await as("manager");
    expect((await manager.get(newPath)).status).toBe(200);
  });
});

/** "+01:00" in winter, "+02:00" in summer, for a Brussels date. */
function brusselsOffset(date: string): string {
  const noon = new Date(`${date}T12:00:00Z`);
  const hour = Number(
    new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Brussels", hour: "2-digit", hourCycle: "h23" }).format(noon),
  );
  return hour === 14 ? "+02:00" : "+01:00";
}
