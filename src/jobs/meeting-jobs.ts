import { and, eq, gt, inArray, isNull, lte } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { pickText } from "../commands/cycles/texts.js";
import type { Db } from "../db/client.js";
import {
  groupMembers,
  meetings,
  offices,
  persons,
  themes,
  themeTranslations,
  workingGroups,
} from "../db/schema/index.js";
import { reminderTime } from "../domain/meetings/schedule.js";
import { isLocale, type Locale } from "../i18n/locales.js";
import type { Logger } from "../logging/logger.js";
import type { Mailer } from "../mail/mailer.js";
import { meetingReminderMail } from "../mail/meeting-mails.js";
import { BOSS_SCHEMA, deterministicJobId } from "./queue.js";

export interface MeetingJobContext {
  db: Db;
  mailer: Mailer;
  /** Public address for links in e-mails, without a trailing slash. */
  baseUrl: string;
  logger: Logger;
  now?: () => Date;
}

/** The queues of meeting reminders (pg-boss queues, created on first use). */
export const MEETING_QUEUES = {
  /** A day before a meeting: one "meeting-mail" job per active member of its group. */
  remind: "meeting-remind",
  /** One reminder to one member. */
  mail: "meeting-mail",
  /** Every minute: reminders whose job was missed or never scheduled. */
  sweep: "meeting-sweep",
} as const;

export interface MeetingJobData {
  meetingId: string;
}

export interface MeetingMailJobData {
  meetingId: string;
  personId: string;
  /** The start the reminder was sent for: a meeting moved since is not announced at the old time. */
  startsAt: string;
}

/** A reminder job may run a little before its time (the queue reads the database clock). */
export const DUE_MARGIN_MS = 5_000;
const MAIL_CONCURRENCY = 4;

const clock = (ctx: MeetingJobContext) => (ctx.now ? ctx.now() : new Date());

function isMeetingJob(data: unknown): data is MeetingJobData {
  return typeof data === "object" && data !== null && typeof (data as MeetingJobData).meetingId === "string";
}

function isMailJob(data: unknown): data is MeetingMailJobData {
  const d = data as MeetingMailJobData;
  return isMeetingJob(data) && typeof d.personId === "string" && typeof d.startsAt === "string";
}

const ready = new WeakSet<PgBoss>();

/** Creates the meeting queues once per boss (a web process may schedule before any worker ran). */
export async function ensureMeetingQueues(boss: PgBoss): Promise<void> {
  if (ready.has(boss)) return;
  const existing = new Set((await boss.getQueues()).map((q) => q.name));
  const wanted: Array<{ name: string; policy: PgBoss.QueuePolicy }> = [
    // "short": at most one waiting reminder per meeting (its singleton key).
    { name: MEETING_QUEUES.remind, policy: "short" },
    { name: MEETING_QUEUES.mail, policy: "standard" },
    { name: MEETING_QUEUES.sweep, policy: "short" },
  ];
  for (const q of wanted) {
    if (existing.has(q.name)) continue;
    try {
      await boss.createQueue(q.name, { name: q.name, policy: q.policy });
    } catch (error) {
      // Another process created it meanwhile.
      if (!(await boss.getQueue(q.name))) throw error;
    }
  }
  ready.add(boss);
}

// ---------------------------------------------------------------------------------------------
// Scheduling

/** The times of a meeting that its reminder follows. */
export interface MeetingSchedule {
  id: string;
  startsAt: Date;
  cancelledAt: Date | null;
  reminderSentAt: Date | null;
}

async function pendingReminders(boss: PgBoss, meetingId: string): Promise<Array<{ id: string; startAfter: Date }>> {
  const { rows } = await boss
    .getDb()
    .executeSql(
      `select id, start_after from ${BOSS_SCHEMA}.job where name = $1 and singleton_key = $2 and state in ('created', 'retry')`,
      [MEETING_QUEUES.remind, `${meetingId}:${MEETING_QUEUES.remind}`],
    );
  return (rows as Array<{ id: string; start_after: Date | string }>).map((r) => ({
    id: r.id,
    startAfter: new Date(r.start_after),
  }));
}

/**
 * Schedules the reminder of a meeting a day before it starts (at once when that time has passed),
 * replaces it when the meeting moves and drops it when the meeting is cancelled, begun or already
 * announced. Calling it again with the same meeting changes nothing.
 */
export async function scheduleMeetingReminder(
  boss: PgBoss,
  meeting: MeetingSchedule,
  now = new Date(),
): Promise<"kept" | "scheduled" | "cancelled" | "none"> {
  await ensureMeetingQueues(boss);
  const wanted =
    meeting.cancelledAt === null && meeting.reminderSentAt === null && meeting.startsAt.getTime() > now.getTime()
      ? reminderTime(meeting.startsAt)
      : null;
  const pending = await pendingReminders(boss, meeting.id);
  if (wanted && pending.length === 1 && pending[0]!.startAfter.getTime() === wanted.getTime()) return "kept";
  if (pending.length > 0)
    await boss.cancel(
      MEETING_QUEUES.remind,
      pending.map((j) => j.id),
    );
  if (!wanted) return pending.length > 0 ? "cancelled" : "none";
  const data: MeetingJobData = { meetingId: meeting.id };
  await boss.sendAfter(
    MEETING_QUEUES.remind,
    data,
    { singletonKey: `${meeting.id}:${MEETING_QUEUES.remind}`, retryLimit: 5, retryDelay: 30, retryBackoff: true },
    wanted,
  );
  return "scheduled";
}

async function readSchedule(db: Db, meetingId: string) {
  const [row] = await db
    .select({
      id: meetings.id,
      groupId: meetings.groupId,
      startsAt: meetings.startsAt,
      cancelledAt: meetings.cancelledAt,
      reminderSentAt: meetings.reminderSentAt,
    })
    .from(meetings)
    .where(eq(meetings.id, meetingId));
  return row ?? null;
}

/** Reads a meeting and schedules its reminder (for callers that hold only its id). */
export async function scheduleMeetingReminderById(
  boss: PgBoss,
  db: Db,
  meetingId: string,
  now = new Date(),
): Promise<void> {
  const meeting = await readSchedule(db, meetingId);
  if (meeting) await scheduleMeetingReminder(boss, meeting, now);
}

// ---------------------------------------------------------------------------------------------
// Handlers

export type HandlerOutcome =
  { done: true; detail?: Record<string, number | string> } | { done: false; skipped: string };

/**
 * "meeting-remind": a day before a meeting, one "meeting-mail" job per active member of its group,
 * then `reminderSentAt` is set. The jobs' ids come from the meeting, its start and the member: a
 * retry, a second run or the sweep insert nothing new. Skips a meeting cancelled, begun, already
 * announced or whose reminder is not due (a job left from an earlier time).
 */
export async function handleMeetingReminder(
  boss: PgBoss,
  ctx: MeetingJobContext,
  meetingId: string,
): Promise<HandlerOutcome> {
  const now = clock(ctx);
  const meeting = await readSchedule(ctx.db, meetingId);
  if (!meeting) return { done: false, skipped: "unknown_meeting" };
  if (meeting.cancelledAt) return { done: false, skipped: "cancelled" };
  if (meeting.reminderSentAt) return { done: false, skipped: "already_sent" };
  if (meeting.startsAt.getTime() <= now.getTime()) return { done: false, skipped: "started" };
  if (reminderTime(meeting.startsAt).getTime() > now.getTime() + DUE_MARGIN_MS)
    return { done: false, skipped: "not_due" };
  await ensureMeetingQueues(boss);
  const members = await ctx.db
    .select({ personId: groupMembers.personId })
    .from(groupMembers)
    .innerJoin(persons, eq(persons.id, groupMembers.personId))
    .where(
      and(eq(groupMembers.groupId, meeting.groupId), eq(groupMembers.status, "active"), isNull(persons.disabledAt)),
    );
  const startsAt = meeting.startsAt.toISOString();
  if (members.length > 0) {
    const jobs: PgBoss.JobInsert<MeetingMailJobData>[] = members.map((m) => ({
      id: deterministicJobId(MEETING_QUEUES.mail, meetingId, startsAt, m.personId),
      name: MEETING_QUEUES.mail,
      data: { meetingId, personId: m.personId, startsAt },
      retryLimit: 5,
      retryDelay: 60,
      retryBackoff: true,
    }));
    await boss.insert(jobs);
  }
  await ctx.db
    .update(meetings)
    .set({ reminderSentAt: now })
    .where(and(eq(meetings.id, meetingId), isNull(meetings.reminderSentAt), eq(meetings.startsAt, meeting.startsAt)));
  ctx.logger.info({ meetingId, members: members.length }, "meeting reminders enqueued");
  return { done: true, detail: { members: members.length } };
}

/** The group's title (its theme's) in each language it exists in, and its source language. */
async function groupTitles(db: Db, groupId: string) {
  const rows = await db
    .select({
      key: workingGroups.key,
      source: themes.sourceLanguage,
      locale: themeTranslations.locale,
      title: themeTranslations.title,
      outdated: themeTranslations.outdated,
    })
    .from(workingGroups)
    .innerJoin(themes, eq(themes.id, workingGroups.themeId))
    .leftJoin(themeTranslations, eq(themeTranslations.themeId, themes.id))
    .where(eq(workingGroups.id, groupId));
  const texts: Partial<Record<Locale, { title: string; outdated: boolean }>> = {};
  for (const r of rows)
    if (r.locale && r.title !== null) texts[r.locale] = { title: r.title, outdated: r.outdated ?? false };
  const key = rows[0]?.key ?? "";
  const source = rows[0]?.source ?? "fr";
  return (locale: Locale) => pickText(texts, locale, source)?.value.title ?? key;
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

/**
 * "meeting-mail": sends each reminder of a batch, in the member's language, while the meeting is
 * still ahead, not cancelled, at the time announced, and the person still an active member. A failed
 * send fails that job alone (pg-boss retries it later).
 */
export async function sendMeetingMails(
  boss: PgBoss,
  ctx: MeetingJobContext,
  jobs: Array<PgBoss.Job<unknown>>,
): Promise<{ sent: number; skipped: number; failed: number }> {
  const now = clock(ctx);
  const byMeeting = new Map<string, Array<{ jobId: string; data: MeetingMailJobData }>>();
  for (const job of jobs) {
    if (!isMailJob(job.data)) continue;
    const list = byMeeting.get(job.data.meetingId) ?? [];
    list.push({ jobId: job.id, data: job.data });
    byMeeting.set(job.data.meetingId, list);
  }
  const failed: string[] = [];
  let sent = 0;
  let skipped = 0;
  for (const [meetingId, list] of byMeeting) {
    const [row] = await ctx.db
      .select({ meeting: meetings, officeName: offices.name, officeCity: offices.city })
      .from(meetings)
      .leftJoin(offices, eq(offices.id, meetings.officeId))
      .where(eq(meetings.id, meetingId));
    const meeting = row?.meeting;
    if (!meeting || meeting.cancelledAt || meeting.startsAt.getTime() <= now.getTime()) {
      skipped += list.length;
      continue;
    }
    const titleIn = await groupTitles(ctx.db, meeting.groupId);
    const people = await ctx.db
      .select({ personId: persons.id, email: persons.email, name: persons.name, locale: persons.locale })
      .from(groupMembers)
      .innerJoin(persons, eq(persons.id, groupMembers.personId))
      .where(
        and(
          eq(groupMembers.groupId, meeting.groupId),
          eq(groupMembers.status, "active"),
          isNull(persons.disabledAt),
          inArray(
            groupMembers.personId,
            list.map((j) => j.data.personId),
          ),
        ),
      );
    const byPerson = new Map(people.map((p) => [p.personId, p]));
    await inBatches(list, MAIL_CONCURRENCY, async ({ jobId, data }) => {
      const who = byPerson.get(data.personId);
      if (!who || data.startsAt !== meeting.startsAt.toISOString()) {
        skipped++;
        return;
      }
      const locale: Locale = isLocale(who.locale) ? who.locale : "fr";
      try {
        const content = await meetingReminderMail({
          locale,
          name: who.name,
          meeting: {
            title: meeting.title,
            groupTitle: titleIn(locale),
            startsAt: meeting.startsAt,
            durationMinutes: meeting.durationMinutes,
            place: meeting.place,
            location: meeting.location,
            onlineUrl: meeting.onlineUrl,
            office: row.officeName !== null ? { name: row.officeName, city: row.officeCity ?? "" } : null,
            url: `${ctx.baseUrl}/${locale}/meetings/${meetingId}`,
          },
        });
        await ctx.mailer.send({ to: who.email, ...content });
        sent++;
      } catch (error) {
        failed.push(jobId);
        ctx.logger.warn({ meetingId, err: { message: (error as Error).message } }, "meeting reminder not sent");
      }
    });
  }
  if (failed.length > 0) await boss.fail(MEETING_QUEUES.mail, failed);
  return { sent, skipped, failed: failed.length };
}

/**
 * "meeting-sweep" (every minute, and at start): sends the reminders now due that no job sent
 * (meetings saved while the queue was down, or by a process without one).
 */
export async function sweepMeetings(boss: PgBoss, ctx: MeetingJobContext): Promise<{ reminded: number }> {
  const now = clock(ctx);
  const due = await ctx.db
    .select({ id: meetings.id })
    .from(meetings)
    .where(
      and(
        isNull(meetings.cancelledAt),
        isNull(meetings.reminderSentAt),
        gt(meetings.startsAt, now),
        lte(meetings.startsAt, new Date(now.getTime() + 24 * 3_600_000)),
      ),
    );
  let reminded = 0;
  for (const m of due) if ((await handleMeetingReminder(boss, ctx, m.id)).done) reminded++;
  return { reminded };
}

/** Registers the meeting reminder handlers on a started boss, and the sweep every minute. */
export async function registerMeetingWorkers(
  boss: PgBoss,
  ctx: MeetingJobContext,
  options: { pollingIntervalSeconds?: number; sweep?: boolean } = {},
): Promise<void> {
  await ensureMeetingQueues(boss);
  const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 };
  await boss.work(MEETING_QUEUES.remind, polling, async (jobs) => {
    const data = jobs[0]?.data;
    return isMeetingJob(data) ? handleMeetingReminder(boss, ctx, data.meetingId) : null;
  });
  await boss.work(MEETING_QUEUES.mail, { ...polling, batchSize: 20 }, async (jobs) =>
    sendMeetingMails(boss, ctx, jobs),
  );
  await boss.work(MEETING_QUEUES.sweep, polling, async () => sweepMeetings(boss, ctx));
  if (options.sweep ?? true) {
    await boss.schedule(MEETING_QUEUES.sweep, "* * * * *", {}, { singletonKey: "sweep" });
    await boss.send(MEETING_QUEUES.sweep, {}, { singletonKey: "sweep" });
  }
}
