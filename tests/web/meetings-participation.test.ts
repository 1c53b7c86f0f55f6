import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMeeting } from "../../src/commands/meetings/save.js";
import { loadGroupContext } from "../../src/commands/groups/load.js";
import { meetingAttendance, minutes, workingGroups } from "../../src/db/schema/index.js";
import { errors as errorMessages } from "../../src/i18n/messages/errors.js";
import { meetings as messages } from "../../src/i18n/messages/meetings.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { ENGINES } from "../support/db.js";
import {
  auditOf,
  demoMeetings,
  errorSummary,
  groupIdOf,
  makeOtherSecretary,
  nameOf,
  personIdOf,
  sessions,
  snapshot,
  EMAIL,
} from "./meetings-helpers.js";

const en = messages.en;
const SCRIPT = `<script>alert(1)</script><img src=x onerror=alert(1)>`;

describe.each(ENGINES)("registration, attendance and minutes (%s)", (engine) => {
  let t: TestApp;
  let groupId: string;
  let coming: string;
  let past: string;
  const as = sessions(() => t);

  /** A meeting of the equality group planned directly, `hours` from now. */
  async function plan(title: string, hours: number): Promise<string> {
    const facilitator = await personIdOf(t.deps.db, EMAIL.facilitator);
    const context = (await loadGroupContext(t.deps.db, groupId, facilitator))!;
    const { meeting } = await createMeeting(t.deps.db, facilitator, context, {
      title,
      startsAt: new Date(Date.now() + hours * 3_600_000),
      durationMinutes: 90,
      place: "online",
      officeId: null,
      location: "",
      onlineUrl: "https://meet.example.org/p",
      agenda: "",
      experts: "",
      interpretation: [],
    });
    return meeting.id;
  }

  async function attendance(meetingId: string, email: string) {
    const personId = await personIdOf(t.deps.db, email);
    const [row] = await t.deps.db
      .select()
      .from(meetingAttendance)
      .where(and(eq(meetingAttendance.meetingId, meetingId), eq(meetingAttendance.personId, personId)));
    return row ?? null;
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    groupId = await groupIdOf(t.deps.db, "equality");
    await makeOtherSecretary(t.deps.db);
    ({ coming, past } = await demoMeetings(t.deps.db, groupId));
  });
  afterAll(() => t.close());

  it("lets a participant register and withdraw, and counts them", async () => {
    const id = await plan("Inscriptions", 48);
    const member = await as("secretary");
    const page = await member.get(`/en/meetings/${id}`);
    expect(page.text).toContain(en.youAreNotRegistered);
    const res = await member.post(`/en/meetings/${id}/register`);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/en/meetings/${id}?notice=registered`);
    const after = await member.follow(res);
    expect(after.text).toContain(en.youAreRegistered);
    expect(after.text).toContain(`<dt>${en.registered}</dt><dd>1</dd>`);
    expect((await attendance(id, EMAIL.secretary))?.registeredAt).not.toBeNull();
    // Twice: still one registration.
    await member.post(`/en/meetings/${id}/register`);
    expect((await member.get(`/en/meetings/${id}`)).text).toContain(`<dt>${en.registered}</dt><dd>1</dd>`);
    const out = await member.post(`/en/meetings/${id}/unregister`);
    expect(out.status).toBe(303);
    expect(await attendance(id, EMAIL.secretary)).toBeNull();
  });

  it("refuses registration after the start with a message, and to people outside the group", async () => {
    const started = await plan("Commencée", -0.5);
    const member = await as("member");
    await member.get(`/en/meetings/${started}`);
    const before = await snapshot(t.deps.db);
    const late = await member.post(`/en/meetings/${started}/register`);
    expect(late.status).toBe(409);
    expect(errorSummary(late.text)).toContain(en.errorStarted);
    expect((await member.post(`/en/meetings/${started}/unregister`)).status).toBe(409);
    expect(await snapshot(t.deps.db)).toEqual(before);
    expect((await member.get(`/en/meetings/${started}`)).text).toContain(en.registrationClosed);

    for (const who of ["ethics", "manager", "admin", "guest", "otherSecretary"] as const) {
      const outsider = await as(who);
      const page = await outsider.get(`/en/meetings/${coming}`);
      expect(page.text, who).not.toContain(`/en/meetings/${coming}/register`);
      expect((await outsider.post(`/en/meetings/${coming}/register`)).status, who).toBe(403);
    }
    const visitor = await as("visitor");
    await visitor.get("/en/sign-in");
    expect((await visitor.post(`/en/meetings/${coming}/register`)).status).toBe(303);
    expect(await snapshot(t.deps.db)).toEqual(before);
    expect((await member.post(`/en/meetings/${randomUUID()}/register`)).status).toBe(404);
  });

  it("lets the secretary take attendance of the group's active members only", async () => {
    const secretary = await as("secretary");
    const page = await secretary.get(`/en/meetings/${coming}/attendance`);
    expect(page.status).toBe(200);
    // member@ and member01 registered for the coming meeting in the demo.
    const name = await nameOf(t.deps.db, EMAIL.member);
    expect(page.text).toContain(`${name} — participant (registered)</label>`);
    const member = await personIdOf(t.deps.db, EMAIL.member);
    const secretaryId = await personIdOf(t.deps.db, EMAIL.secretary);
    const res = await secretary.post(`/en/meetings/${coming}/attendance`, { attended: [member, secretaryId] });
    expect(res.status).toBe(303);
    const rows = await t.deps.db.select().from(meetingAttendance).where(eq(meetingAttendance.meetingId, coming));
    expect(rows).toHaveLength(12);
    expect(
      rows
        .filter((r) => r.attended)
        .map((r) => r.personId)
        .sort(),
    ).toEqual([member, secretaryId].sort());
    // Registrations stay as they were.
    expect(rows.filter((r) => r.registeredAt !== null)).toHaveLength(2);
    const saved = await secretary.follow(res);
    expect(saved.text).toContain(en.noticeAttendance);
    expect(saved.text).toMatch(new RegExp(`value="${member}" checked`));

    // Someone outside the group: refused, nothing saved.
    const before = await snapshot(t.deps.db);
    const outsider = await personIdOf(t.deps.db, EMAIL.ethics);
    const bad = await secretary.post(`/en/meetings/${coming}/attendance`, { attended: [member, outsider] });
    expect(bad.status).toBe(422);
    expect(errorSummary(bad.text)).toContain(en.errorNotMember);
    const junk = await secretary.post(`/en/meetings/${coming}/attendance`, { attended: ["'; drop table x; --"] });
    expect(junk.status).toBe(422);
    expect(await snapshot(t.deps.db)).toEqual(before);
    const again = await t.deps.db.select().from(meetingAttendance).where(eq(meetingAttendance.meetingId, coming));
    expect(again.filter((r) => r.attended).length).toBe(2);

    for (const who of ["member", "board", "ethics", "otherSecretary"] as const) {
      const client = await as(who);
      expect((await client.get(`/en/meetings/${coming}/attendance`)).status, who).toBe(403);
      expect((await client.post(`/en/meetings/${coming}/attendance`, { attended: [member] })).status, who).toBe(403);
    }
  });

  it("keeps HTML typed in minutes as text, and lets only the facilitator publish", async () => {
    const id = await plan("Procès-verbal", 2);
    const secretary = await as("secretary");
    const form = await secretary.get(`/en/meetings/${id}/minutes/edit`);
    expect(form.status).toBe(200);
    const body = `Présents : neuf.\n\n${SCRIPT}\n- <b>point</b> un\n- point deux`;
    const res = await secretary.post(`/en/meetings/${id}/minutes/edit`, { body });
    expect(res.status).toBe(303);
    const [stored] = await t.deps.db.select().from(minutes).where(eq(minutes.meetingId, id));
    expect(stored).toMatchObject({ body, status: "draft" });
    const page = await secretary.follow(res);
    expect(page.text).toContain(en.draftNotice);
    expect(page.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;");
    expect(page.text).not.toMatch(/<script[\s>]/);
    expect(page.text).not.toMatch(/<img[\s>]/);
    expect(page.text).not.toContain("<b>");
    expect(page.text).toContain("<li>&lt;b&gt;point&lt;/b&gt; un</li>");
    // The edit form shows it back as text in the textarea.
    const again = await secretary.get(`/en/meetings/${id}/minutes/edit`);
    expect(again.text).not.toMatch(/<script[\s>]/);

    // Draft minutes: the group reads them, members of the organisations outside the group do not.
    const member = await as("member");
    expect((await member.get(`/en/meetings/${id}/minutes`)).status).toBe(200);
    const ethics = await as("ethics");
    expect((await ethics.get(`/en/meetings/${id}/minutes`)).status).toBe(403);

    // Neither the secretary nor a participant may publish; the facilitator does, audited.
    for (const who of ["secretary", "member", "board", "ethics"] as const) {
      const client = await as(who);
      expect((await client.post(`/en/meetings/${id}/minutes/publish`)).status, who).toBe(403);
    }
    const facilitator = await as("facilitator");
    const view = await facilitator.get(`/en/meetings/${id}/minutes`);
    expect(view.text).toContain(en.publishMinutes);
    const published = await facilitator.post(`/en/meetings/${id}/minutes/publish`);
    expect(published.status).toBe(303);
    const [row] = await t.deps.db.select().from(minutes).where(eq(minutes.meetingId, id));
    expect(row).toMatchObject({ status: "published", publishedBy: await personIdOf(t.deps.db, EMAIL.facilitator) });
    expect(await auditOf(t.deps.db, "minutes.published", id)).toHaveLength(1);
    // Published: readable by members of the organisations, no longer editable.
    const read = await ethics.get(`/en/meetings/${id}/minutes`);
    expect(read.status).toBe(200);
    expect(read.text).toContain("&lt;script&gt;");
    expect((await secretary.get(`/en/meetings/${id}/minutes/edit`)).status).toBe(403);
    expect((await secretary.post(`/en/meetings/${id}/minutes/edit`, { body: "x" })).status).toBe(403);
    expect((await facilitator.post(`/en/meetings/${id}/minutes/publish`)).status).toBe(403);
    const visitor = await as("visitor");
    expect((await visitor.get(`/en/meetings/${id}/minutes`)).status).toBe(303);
    const guest = await as("guest");
    expect((await guest.get(`/en/meetings/${id}/minutes`)).status).toBe(403);
  });

  it("refuses empty or too long minutes, and a secretary of another group", async () => {
    const id = await plan("Trop long", 3);
    const secretary = await as("secretary");
    await secretary.get(`/en/meetings/${id}/minutes/edit`);
    const before = await snapshot(t.deps.db);
    const empty = await secretary.post(`/en/meetings/${id}/minutes/edit`, { body: " \n " });
    expect(empty.status).toBe(422);
    expect(errorSummary(empty.text)).toContain(errorMessages.en.required);
    const long = await secretary.post(`/en/meetings/${id}/minutes/edit`, { body: "x".repeat(50_001) });
    expect(long.status).toBe(422);
    expect(errorSummary(long.text)).toContain(errorMessages.en.tooLong.replace("{{max}}", "50000"));
    expect(await snapshot(t.deps.db)).toEqual(before);
    const max = await secretary.post(`/en/meetings/${id}/minutes/edit`, { body: "y".repeat(50_000) });
    expect(max.status).toBe(303);

    const other = await as("otherSecretary");
    expect((await other.get(`/en/meetings/${id}/minutes/edit`)).status).toBe(403);
    expect((await other.post(`/en/meetings/${id}/minutes/edit`, { body: "x" })).status).toBe(403);
    expect((await other.get(`/en/meetings/${id}/minutes`)).status).toBe(403);
  });

  it("shows public minutes to everyone when the group says so", async () => {
    const visitor = await as("visitor");
    expect((await visitor.get(`/en/meetings/${past}/minutes`)).status).toBe(303);
    await t.deps.db.update(workingGroups).set({ minutesVisibility: "public" }).where(eq(workingGroups.id, groupId));
    try {
      const page = await visitor.get(`/en/meetings/${past}/minutes`);
      expect(page.status).toBe(200);
      expect(page.text).toContain("<li>publier chaque année les écarts de rémunération ;</li>");
      expect((await visitor.get(`/en/meetings/${past}`)).text).toContain(`/en/meetings/${past}/minutes`);
    } finally {
      await t.deps.db.update(workingGroups).set({ minutesVisibility: "members" }).where(eq(workingGroups.id, groupId));
    }
  });
});
