import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGroupContext } from "../../src/commands/groups/load.js";
import { cancelMeeting, createMeeting, type MeetingInput } from "../../src/commands/meetings/save.js";
import { groupMembers, meetings, persons, workingGroups } from "../../src/db/schema/index.js";
import { formatDate } from "../../src/i18n/format.js";
import { translator } from "../../src/i18n/index.js";
import { isLocale } from "../../src/i18n/locales.js";
import {
  handleMeetingReminder,
  MEETING_QUEUES,
  scheduleMeetingReminder,
  sendMeetingMails,
  sweepMeetings,
  type MeetingJobContext,
} from "../../src/jobs/meeting-jobs.js";
import { BOSS_SCHEMA } from "../../src/jobs/queue.js";
import { startJobRuntime, type JobRuntime } from "../../src/jobs/runtime.js";
import { createLogger } from "../../src/logging/logger.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { ENGINES } from "../support/db.js";
import { parseEml, type ParsedMail } from "../mail/eml.js";

const BASE_URL = "https://coop.example.test";
const HOUR = 3_600_000;

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.each(ENGINES)("meeting reminders with pg-boss (%s)", (engine) => {
  let t: TestApp;
  let jobs: JobRuntime;
  let ctx: MeetingJobContext;
  let groupId: string;
  let facilitator: string;
  let mails: () => Promise<ParsedMail[]>;

  beforeAll(async () => {
    t = await createTestApp(engine, { BASE_URL });
    const logger = createLogger("silent");
    jobs = await startJobRuntime(
      { database: t.database, db: t.database.db, mailer: t.deps.mailer, logger, env: { baseUrl: BASE_URL } },
      { work: true, pollingIntervalSeconds: 0.5, sweep: false },
    );
    ctx = { db: t.database.db, mailer: t.deps.mailer, baseUrl: BASE_URL, logger };
    mails = async () => (await t.outbox()).map(parseEml);
    const [group] = await t.deps.db
      .select({ id: workingGroups.id })
      .from(workingGroups)
      .where(eq(workingGroups.key, "equality"));
    groupId = group!.id;
    const [f] = await t.deps.db
      .select({ id: persons.id })
      .from(persons)
      .where(eq(persons.email, "facilitator@demo.letscoop.test"));
    facilitator = f!.id;
  });
  afterAll(async () => {
    await jobs?.stop();
    await t?.close();
  });

  async function plan(title: string, startsAt: Date, extra: Partial<MeetingInput> = {}): Promise<string> {
    const context = (await loadGroupContext(t.deps.db, groupId, facilitator))!;
    const { meeting } = await createMeeting(t.deps.db, facilitator, context, {
      title,
      startsAt,
      durationMinutes: 120,
      place: "online",
      officeId: null,
      location: "",
      onlineUrl: "https://meet.example.org/reminder",
      agenda: "",
      experts: "",
      interpretation: [],
      ...extra,
    });
    return meeting.id;
  }

  async function members() {
    return t.deps.db
      .select({ personId: persons.id, email: persons.email, locale: persons.locale })
      .from(groupMembers)
      .innerJoin(persons, eq(persons.id, groupMembers.personId))
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.status, "active")));
  }

  async function meeting(id: string) {
    const [m] = await t.deps.db.select().from(meetings).where(eq(meetings.id, id));
    return m!;
  }

  async function pending(id: string) {
    const { rows } = await jobs.boss
      .getDb()
      .executeSql(
        `select id, start_after from ${BOSS_SCHEMA}.job where name = $1 and singleton_key = $2 and state = 'created'`,
        [MEETING_QUEUES.remind, `${id}:${MEETING_QUEUES.remind}`],
      );
    return rows as Array<{ id: string; start_after: Date }>;
  }

  const about = (id: string) => (m: ParsedMail) => m.text.includes(`/meetings/${id}`);

  it("reminds every active member a day ahead, once, in their language, with the date, place and link", async () => {
    const title = `Rappel <script>alert(1)</script> ${engine}`;
    // Its reminder falls 1.5 s from now.
    const startsAt = new Date(Date.now() + 24 * HOUR + 1_500);
    const id = await plan(title, startsAt);
    expect(await scheduleMeetingReminder(jobs.boss, await meeting(id))).toBe("scheduled");
    expect(await pending(id)).toHaveLength(1);

    const roll = await members();
    expect(roll.length).toBe(12);
    const received = await waitFor("one reminder per member", async () => {
      const all = (await mails()).filter(about(id));
      return all.length >= roll.length ? all : null;
    });
    expect(received).toHaveLength(roll.length);
    expect((await meeting(id)).reminderSentAt).not.toBeNull();
    for (const person of roll) {
      const mine = received.filter((m) => (m.headers.get("to") ?? "").includes(person.email));
      expect(mine, person.email).toHaveLength(1);
      const mail = mine[0]!;
      const locale = isLocale(person.locale) ? person.locale : "fr";
      expect(mail.headers.get("content-language")).toBe(locale);
      const t9n = translator(locale);
      expect(mail.headers.get("subject")).toBe(
        t9n("meetings.reminderSubject", { title, date: formatDate(locale, startsAt) }),
      );
      expect(mail.text).toContain(`${BASE_URL}/${locale}/meetings/${id}`);
      expect(mail.text).toContain(
        t9n("meetings.labelled", { label: t9n("meetings.place_online"), value: "https://meet.example.org/reminder" }),
      );
      expect(mail.html).toContain(`href="${BASE_URL}/${locale}/meetings/${id}"`);
      expect(mail.html).toContain("&lt;script&gt;");
      expect(mail.html).not.toContain("<script>");
    }

    // Again by hand, by the sweep: nothing more.
    expect(await handleMeetingReminder(jobs.boss, ctx, id)).toEqual({ done: false, skipped: "already_sent" });
    await sweepMeetings(jobs.boss, ctx);
    await new Promise((r) => setTimeout(r, 2_500));
    expect((await mails()).filter(about(id))).toHaveLength(roll.length);
  });

  it("the handler skips cancelled, begun, not yet due and unknown meetings", async () => {
    const context = (await loadGroupContext(t.deps.db, groupId, facilitator))!;
    const cancelled = await plan("Annulée", new Date(Date.now() + 2 * HOUR));
    await cancelMeeting(t.deps.db, facilitator, context, cancelled);
    expect(await handleMeetingReminder(jobs.boss, ctx, cancelled)).toEqual({ done: false, skipped: "cancelled" });
    const begun = await plan("Commencée", new Date(Date.now() - HOUR));
    expect(await handleMeetingReminder(jobs.boss, ctx, begun)).toEqual({ done: false, skipped: "started" });
    const later = await plan("Plus tard", new Date(Date.now() + 3 * 24 * HOUR));
    expect(await handleMeetingReminder(jobs.boss, ctx, later)).toEqual({ done: false, skipped: "not_due" });
    expect(await handleMeetingReminder(jobs.boss, ctx, randomUUID())).toEqual({
      done: false,
      skipped: "unknown_meeting",
    });
    // The sweep sends none of them either.
    const before = (await mails()).length;
    await sweepMeetings(jobs.boss, ctx);
    await new Promise((r) => setTimeout(r, 1_500));
    const after = await mails();
    expect(after.slice(before).filter((m) => [cancelled, begun, later].some((id) => about(id)(m)))).toEqual([]);
    for (const id of [cancelled, begun, later]) expect((await meeting(id)).reminderSentAt).toBeNull();
  });

  it("the sweep catches up a due reminder that was never scheduled", async () => {
    const id = await plan("Planifiée sans file", new Date(Date.now() + 5 * HOUR));
    // The runtime's own sweep (every minute) may get there first: either way, one reminder each.
    await sweepMeetings(jobs.boss, ctx);
    expect((await meeting(id)).reminderSentAt).not.toBeNull();
    const roll = await members();
    await waitFor("the sweep's reminders", async () => (await mails()).filter(about(id)).length >= roll.length);
    expect(await sweepMeetings(jobs.boss, ctx)).toEqual({ reminded: 0 });
    await new Promise((r) => setTimeout(r, 2_500));
    expect((await mails()).filter(about(id))).toHaveLength(roll.length);
  });

  it("moves the reminder with the meeting and drops it when the meeting is cancelled", async () => {
    const context = (await loadGroupContext(t.deps.db, groupId, facilitator))!;
    const first = new Date(Date.now() + 10 * 24 * HOUR);
    const id = await plan("À déplacer", first);
    await scheduleMeetingReminder(jobs.boss, await meeting(id));
    expect(await scheduleMeetingReminder(jobs.boss, await meeting(id))).toBe("kept");
    const [job] = await pending(id);
    expect(new Date(job!.start_after).getTime()).toBe(first.getTime() - 24 * HOUR);

    const moved = new Date(first.getTime() + 2 * 24 * HOUR);
    await t.deps.db.update(meetings).set({ startsAt: moved }).where(eq(meetings.id, id));
    expect(await scheduleMeetingReminder(jobs.boss, await meeting(id))).toBe("scheduled");
    const jobsNow = await pending(id);
    expect(jobsNow).toHaveLength(1);
    expect(new Date(jobsNow[0]!.start_after).getTime()).toBe(moved.getTime() - 24 * HOUR);

    await cancelMeeting(t.deps.db, facilitator, context, id);
    expect(await scheduleMeetingReminder(jobs.boss, await meeting(id))).toBe("cancelled");
    expect(await pending(id)).toHaveLength(0);
  });

  it("retries an e-mail that could not be sent, and drops one announcing an old time", async () => {
    const id = await plan("Échec d'envoi", new Date(Date.now() + 3 * 24 * HOUR));
    const m = await meeting(id);
    const [person] = await members();
    const job = (startsAt: string) => ({
      id: randomUUID(),
      name: MEETING_QUEUES.mail,
      expireInSeconds: 900,
      data: { meetingId: id, personId: person!.personId, startsAt },
    });
    const sent: string[] = [];
    const broken: MeetingJobContext = { ...ctx, mailer: { send: async () => Promise.reject(new Error("SMTP down")) } };
    const working: MeetingJobContext = { ...ctx, mailer: { send: async (mail) => void sent.push(mail.to) } };
    const current = job(m.startsAt.toISOString());
    expect(await sendMeetingMails(jobs.boss, broken, [current])).toEqual({ sent: 0, skipped: 0, failed: 1 });
    expect(await sendMeetingMails(jobs.boss, working, [current])).toEqual({ sent: 1, skipped: 0, failed: 0 });
    const stale = job(new Date(m.startsAt.getTime() - HOUR).toISOString());
    expect(await sendMeetingMails(jobs.boss, working, [stale])).toEqual({ sent: 0, skipped: 1, failed: 0 });
    const outsider = {
      ...job(m.startsAt.toISOString()),
      data: { meetingId: id, personId: randomUUID(), startsAt: m.startsAt.toISOString() },
    };
    expect(await sendMeetingMails(jobs.boss, working, [outsider])).toEqual({ sent: 0, skipped: 1, failed: 0 });
    expect(sent).toEqual([person!.email]);
  });
});
