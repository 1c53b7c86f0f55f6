import { and, eq, gt, inArray, isNotNull, isNull, lte, notExists, or, sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { closeBallot } from "../commands/ballots/close.js";
import { openBallot } from "../commands/ballots/open.js";
import type { Db } from "../db/client.js";
import { ballotElectors, ballotRegister, ballots, persons, type BallotStatus } from "../db/schema/index.js";
import { isLocale, type Locale } from "../i18n/locales.js";
import type { Logger } from "../logging/logger.js";
import { ballotOpenedMail, ballotReminderMail } from "../mail/ballot-templates.js";
import type { Mailer } from "../mail/mailer.js";
import { BOSS_SCHEMA, deterministicJobId, QUEUES } from "./queue.js";

/** What the ballot handlers need; the web process and the worker build the same from their Deps. */
export interface JobContext {
  db: Db;
  mailer: Mailer;
  /** Public address for links in e-mails, without a trailing slash. */
  baseUrl: string;
  logger: Logger;
  now?: () => Date;
}

/** The times of a ballot that jobs follow. */
export interface BallotSchedule {
  id: string;
  status: BallotStatus;
  opensAt: Date | null;
  closesAt: Date | null;
  reminderHours: number;
  openedAt: Date | null;
}

export interface BallotJobData {
  ballotId: string;
}

export interface BallotMailJobData {
  kind: "opened" | "reminder";
  ballotId: string;
  personId: string;
}

/**
 * A job may start a little before the instant the application reads (the queue reads the database
 * clock): within this margin it is due. A job further ahead than this belongs to an earlier schedule.
 */
export const DUE_MARGIN_MS = 5_000;
/** The opening e-mails are sent for ballots opened this recently (by hand or by a job). */
export const OPENING_MAIL_WINDOW_MS = 60 * 60_000;
/** Electors read per query when enqueuing e-mails. */
const FAN_OUT_CHUNK = 1_000;
/** E-mails sent at once by one worker. */
const MAIL_CONCURRENCY = 4;

const HOUR = 3_600_000;
const NIL_UUID = "00000000-0000-0000-0000-000000000000";

const clock = (ctx: JobContext) => (ctx.now ? ctx.now() : new Date());

function isBallotJob(data: unknown): data is BallotJobData {
  return typeof data === "object" && data !== null && typeof (data as BallotJobData).ballotId === "string";
}

function isMailJob(data: unknown): data is BallotMailJobData {
  const d = data as BallotMailJobData;
  return isBallotJob(data) && typeof d.personId === "string" && (d.kind === "opened" || d.kind === "reminder");
}

/** When non-voters are reminded: `reminderHours` before the close, if that is after the opening. */
export function reminderTime(
  ballot: Pick<BallotSchedule, "opensAt" | "closesAt" | "reminderHours" | "openedAt">,
): Date | null {
  if (!ballot.closesAt || ballot.reminderHours <= 0) return null;
  const at = new Date(ballot.closesAt.getTime() - ballot.reminderHours * HOUR);
  const opening = ballot.openedAt ?? ballot.opensAt;
  if (opening && at.getTime() <= opening.getTime()) return null;
  return at;
}

async function readSchedule(db: Db, ballotId: string): Promise<BallotSchedule | null> {
  const [row] = await db
    .select({
      id: ballots.id,
      status: ballots.status,
      opensAt: ballots.opensAt,
      closesAt: ballots.closesAt,
      reminderHours: ballots.reminderHours,
      openedAt: ballots.openedAt,
    })
    .from(ballots)
    .where(eq(ballots.id, ballotId));
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// Scheduling

interface PendingJob {
  id: string;
  start_after: Date;
}

async function pendingJobs(boss: PgBoss, queue: string, singletonKey: string): Promise<PendingJob[]> {
  const { rows } = await boss
    .getDb()
    .executeSql(
      `select id, start_after from ${BOSS_SCHEMA}.job where name = $1 and singleton_key = $2 and state in ('created', 'retry')`,
      [queue, singletonKey],
    );
  return (rows as Array<{ id: string; start_after: Date | string }>).map((r) => ({
    id: r.id,
    start_after: new Date(r.start_after),
  }));
}

/**
 * Makes the pending job of one kind for one ballot match the wanted time: nothing to do when it
 * already does; otherwise the old job is cancelled and a new one sent. The singleton key (and the
 * queue's "short" policy) keeps at most one waiting job per ballot and kind.
 */
async function reconcile(
  boss: PgBoss,
  queue: string,
  ballotId: string,
  at: Date | null,
): Promise<"kept" | "scheduled" | "cancelled" | "none"> {
  const singletonKey = `${ballotId}:${queue}`;
  const pending = await pendingJobs(boss, queue, singletonKey);
  if (at && pending.length === 1 && pending[0]!.start_after.getTime() === at.getTime()) return "kept";
  if (pending.length > 0)
    await boss.cancel(
      queue,
      pending.map((j) => j.id),
    );
  if (!at) return pending.length > 0 ? "cancelled" : "none";
  const data: BallotJobData = { ballotId };
  await boss.sendAfter(queue, data, { singletonKey, retryLimit: 5, retryDelay: 30, retryBackoff: true }, at);
  return "scheduled";
}

/**
 * Schedules (or reschedules, or cancels) the jobs that follow a ballot's times: its opening at
 * `opensAt` (draft ballots), its closing at `closesAt`, and the reminder `reminderHours` before the
 * close. Calling it again with the same times changes nothing; with new times, the old jobs are
 * cancelled. A time already past still gets its job (it runs at once), except the reminder.
 */
export async function scheduleBallotJobs(boss: PgBoss, ballot: BallotSchedule, now = new Date()): Promise<void> {
  const active = ballot.status === "draft" || ballot.status === "open";
  const openAt = ballot.status === "draft" ? ballot.opensAt : null;
  const closeAt = active ? ballot.closesAt : null;
  const remindAt = active ? reminderTime(ballot) : null;
  await reconcile(boss, QUEUES.open, ballot.id, openAt);
  await reconcile(boss, QUEUES.close, ballot.id, closeAt);
  const pendingRemind = remindAt && remindAt.getTime() > now.getTime() ? remindAt : null;
  // A reminder time just passed keeps its job if it is still waiting to run.
  const keepPast =
    remindAt !== null &&
    pendingRemind === null &&
    (await pendingJobs(boss, QUEUES.remind, `${ballot.id}:${QUEUES.remind}`)).some(
      (j) => j.start_after.getTime() === remindAt.getTime(),
    );
  if (!keepPast) await reconcile(boss, QUEUES.remind, ballot.id, pendingRemind);
}

/** Reads a ballot and schedules its jobs (for callers that hold only its id). */
export async function scheduleBallotJobsById(boss: PgBoss, db: Db, ballotId: string, now = new Date()): Promise<void> {
  const ballot = await readSchedule(db, ballotId);
  if (ballot) await scheduleBallotJobs(boss, ballot, now);
}

// ---------------------------------------------------------------------------------------------
// Handlers

export type HandlerOutcome =
  { done: true; detail?: Record<string, number | string> } | { done: false; skipped: string };

async function jobExists(boss: PgBoss, queue: string, id: string): Promise<boolean> {
  const { rows } = await boss
    .getDb()
    .executeSql(
      `select 1 from ${BOSS_SCHEMA}.job where name = $1 and id = $2 union all select 1 from ${BOSS_SCHEMA}.archive where name = $1 and id = $2`,
      [queue, id],
    );
  return rows.length > 0;
}

/**
 * Enqueues the opening e-mails of a ballot once per opening: the job id comes from the ballot and
 * the instant it opened, so the job that opened it, a retry and the sweep all enqueue the same job.
 */
export async function enqueueOpeningMails(boss: PgBoss, ballotId: string, openedAt: Date): Promise<boolean> {
  const id = deterministicJobId(QUEUES.notify, ballotId, openedAt.toISOString());
  if (await jobExists(boss, QUEUES.notify, id)) return false;
  const data: BallotJobData = { ballotId };
  const sent = await boss.send(QUEUES.notify, data, { id, retryLimit: 5, retryDelay: 30, retryBackoff: true });
  return sent !== null;
}

/** "ballot-open": opens a draft ballot whose time has come, then enqueues the opening e-mails. */
export async function handleOpen(boss: PgBoss, ctx: JobContext, ballotId: string): Promise<HandlerOutcome> {
  const now = clock(ctx);
  let ballot = await readSchedule(ctx.db, ballotId);
  if (!ballot) return { done: false, skipped: "unknown_ballot" };
  if (ballot.status === "draft") {
    if (!ballot.opensAt || ballot.opensAt.getTime() > now.getTime() + DUE_MARGIN_MS)
      return { done: false, skipped: "not_due" };
    if (ballot.closesAt && ballot.closesAt.getTime() <= now.getTime()) return { done: false, skipped: "window_passed" };
    const opened = await openBallot(ctx.db, ballotId, { actorId: null, now });
    if (!opened.ok) ctx.logger.warn({ ballotId, reason: opened.reason }, "scheduled opening refused");
    else ctx.logger.info({ ballotId, electors: opened.electors }, "ballot opened on schedule");
    ballot = await readSchedule(ctx.db, ballotId);
    if (!ballot) return { done: false, skipped: "unknown_ballot" };
  }
  if (ballot.status !== "open") return { done: false, skipped: `status_${ballot.status}` };
  const openedAt = ballot.openedAt ?? ballot.opensAt;
  if (!openedAt || now.getTime() - openedAt.getTime() > OPENING_MAIL_WINDOW_MS)
    return { done: false, skipped: "opened_long_ago" };
  await enqueueOpeningMails(boss, ballotId, openedAt);
  return { done: true };
}

/** "ballot-close": closes and counts an open ballot whose closing time has come. */
export async function handleClose(ctx: JobContext, ballotId: string): Promise<HandlerOutcome> {
  const now = clock(ctx);
  const ballot = await readSchedule(ctx.db, ballotId);
  if (!ballot) return { done: false, skipped: "unknown_ballot" };
  if (ballot.status !== "open") return { done: false, skipped: `status_${ballot.status}` };
  if (!ballot.closesAt || ballot.closesAt.getTime() > now.getTime() + DUE_MARGIN_MS)
    return { done: false, skipped: "not_due" };
  const closed = await closeBallot(ctx.db, ballotId, { actorId: null, now });
  if (!closed.ok) {
    ctx.logger.warn({ ballotId, reason: closed.reason }, "scheduled closing refused");
    return { done: false, skipped: String(closed.reason) };
  }
  ctx.logger.info({ ballotId, counted: closed.result.ballotsCounted }, "ballot closed on schedule");
  return { done: true };
}

/** Inserts one "ballot-mail" job per person, with ids that make a second insertion a no-op. */
async function insertMailJobs(
  boss: PgBoss,
  kind: BallotMailJobData["kind"],
  ballotId: string,
  idParts: string[],
  personIds: string[],
) {
  if (personIds.length === 0) return;
  const jobs: PgBoss.JobInsert<BallotMailJobData>[] = personIds.map((personId) => ({
    id: deterministicJobId(QUEUES.mail, kind, ballotId, ...idParts, personId),
    name: QUEUES.mail,
    data: { kind, ballotId, personId },
  }));
  await boss.insert(jobs);
}

/** "ballot-notify": one "ballot-mail" job per elector of a ballot that just opened. */
export async function fanOutOpeningMails(boss: PgBoss, ctx: JobContext, ballotId: string): Promise<HandlerOutcome> {
  const ballot = await readSchedule(ctx.db, ballotId);
  if (!ballot || ballot.status !== "open") return { done: false, skipped: "not_open" };
  const openedAt = (ballot.openedAt ?? ballot.opensAt ?? new Date(0)).toISOString();
  let after = NIL_UUID;
  let total = 0;
  for (;;) {
    const page = await ctx.db
      .select({ personId: ballotElectors.personId })
      .from(ballotElectors)
      .where(and(eq(ballotElectors.ballotId, ballotId), gt(ballotElectors.personId, after)))
      .orderBy(ballotElectors.personId)
      .limit(FAN_OUT_CHUNK);
    if (page.length === 0) break;
    await insertMailJobs(
      boss,
      "opened",
      ballotId,
      [openedAt],
      page.map((p) => p.personId),
    );
    total += page.length;
    after = page[page.length - 1]!.personId;
    if (page.length < FAN_OUT_CHUNK) break;
  }
  ctx.logger.info({ ballotId, electors: total }, "opening e-mails enqueued");
  return { done: true, detail: { electors: total } };
}

/** "ballot-remind": one "ballot-mail" job per elector who has neither voted nor been reminded. */
export async function handleRemind(boss: PgBoss, ctx: JobContext, ballotId: string): Promise<HandlerOutcome> {
  const now = clock(ctx);
  const ballot = await readSchedule(ctx.db, ballotId);
  if (!ballot || ballot.status !== "open") return { done: false, skipped: "not_open" };
  const at = reminderTime(ballot);
  if (!at || at.getTime() > now.getTime() + DUE_MARGIN_MS) return { done: false, skipped: "not_due" };
  if (ballot.closesAt && ballot.closesAt.getTime() <= now.getTime()) return { done: false, skipped: "closed" };
  let after = NIL_UUID;
  let total = 0;
  for (;;) {
    const page = await ctx.db
      .select({ personId: ballotElectors.personId })
      .from(ballotElectors)
      .where(
        and(
          eq(ballotElectors.ballotId, ballotId),
          isNull(ballotElectors.remindedAt),
          gt(ballotElectors.personId, after),
          notExists(
            ctx.db
              .select({ one: sql`1` })
              .from(ballotRegister)
              .where(
                and(
                  eq(ballotRegister.ballotId, ballotElectors.ballotId),
                  eq(ballotRegister.personId, ballotElectors.personId),
                ),
              ),
          ),
        ),
      )
      .orderBy(ballotElectors.personId)
      .limit(FAN_OUT_CHUNK);
    if (page.length === 0) break;
    await insertMailJobs(
      boss,
      "reminder",
      ballotId,
      [],
      page.map((p) => p.personId),
    );
    total += page.length;
    after = page[page.length - 1]!.personId;
    if (page.length < FAN_OUT_CHUNK) break;
  }
  ctx.logger.info({ ballotId, electors: total }, "reminders enqueued");
  return { done: true, detail: { electors: total } };
}

interface Recipient {
  personId: string;
  email: string;
  name: string;
  language: string;
  remindedAt: Date | null;
  voted: boolean;
  disabled: boolean;
}

async function recipients(db: Db, ballotId: string, personIds: string[]): Promise<Map<string, Recipient>> {
  const rows = await db
    .select({
      personId: ballotElectors.personId,
      email: persons.email,
      name: persons.name,
      language: ballotElectors.language,
      remindedAt: ballotElectors.remindedAt,
      disabledAt: persons.disabledAt,
      voted: sql<boolean>`exists (select 1 from ${ballotRegister} where ${ballotRegister.ballotId} = ${ballotElectors.ballotId} and ${ballotRegister.personId} = ${ballotElectors.personId})`,
    })
    .from(ballotElectors)
    .innerJoin(persons, eq(persons.id, ballotElectors.personId))
    .where(and(eq(ballotElectors.ballotId, ballotId), inArray(ballotElectors.personId, personIds)));
  return new Map(
    rows.map((r) => [
      r.personId,
      {
        personId: r.personId,
        email: r.email,
        name: r.name,
        language: r.language,
        remindedAt: r.remindedAt,
        voted: Boolean(r.voted),
        disabled: r.disabledAt !== null,
      },
    ]),
  );
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

/**
 * "ballot-mail": sends each e-mail of a batch. An opening e-mail goes out while the ballot is open; a
 * reminder only to an elector who has still not voted and was not reminded, and `remindedAt` is set
 * right after it is sent. A failed send fails that job alone (pg-boss retries it later).
 */
export async function sendBallotMails(
  boss: PgBoss,
  ctx: JobContext,
  jobs: Array<PgBoss.Job<unknown>>,
): Promise<{ sent: number; skipped: number; failed: number }> {
  const byBallot = new Map<string, Array<{ jobId: string; data: BallotMailJobData }>>();
  for (const job of jobs) {
    if (!isMailJob(job.data)) continue;
    const list = byBallot.get(job.data.ballotId) ?? [];
    list.push({ jobId: job.id, data: job.data });
    byBallot.set(job.data.ballotId, list);
  }
  const failed: string[] = [];
  let sent = 0;
  let skipped = 0;
  for (const [ballotId, list] of byBallot) {
    const [ballot] = await ctx.db
      .select({ id: ballots.id, title: ballots.title, status: ballots.status, closesAt: ballots.closesAt })
      .from(ballots)
      .where(eq(ballots.id, ballotId));
    if (!ballot || ballot.status !== "open") {
      skipped += list.length;
      continue;
    }
    const people = await recipients(ctx.db, ballotId, [...new Set(list.map((j) => j.data.personId))]);
    await inBatches(list, MAIL_CONCURRENCY, async ({ jobId, data }) => {
      const who = people.get(data.personId);
      if (!who || who.disabled || (data.kind === "reminder" && (who.voted || who.remindedAt !== null))) {
        skipped++;
        return;
      }
      const locale: Locale = isLocale(who.language) ? who.language : "fr";
      const facts = {
        title: ballot.title,
        closesAt: ballot.closesAt,
        url: `${ctx.baseUrl}/${locale}/ballots/${ballotId}`,
      };
      try {
        const content =
          data.kind === "opened"
            ? await ballotOpenedMail({ locale, name: who.name, ballot: facts })
            : await ballotReminderMail({ locale, name: who.name, ballot: facts });
        await ctx.mailer.send({ to: who.email, ...content });
        sent++;
        if (data.kind === "reminder") {
          await ctx.db
            .update(ballotElectors)
            .set({ remindedAt: clock(ctx) })
            .where(
              and(
                eq(ballotElectors.ballotId, ballotId),
                eq(ballotElectors.personId, data.personId),
                isNull(ballotElectors.remindedAt),
              ),
            );
        }
      } catch (error) {
        failed.push(jobId);
        ctx.logger.warn(
          { ballotId, kind: data.kind, err: { message: (error as Error).message } },
          "ballot e-mail not sent",
        );
      }
    });
  }
  if (failed.length > 0) await boss.fail(QUEUES.mail, failed);
  return { sent, skipped, failed: failed.length };
}

/**
 * "ballot-sweep" (every minute, and at start): opens and closes ballots whose time passed without
 * their job (times saved without scheduling, a queue that was down), enqueues the opening e-mails of
 * ballots opened by hand, and (re)schedules the jobs of every ballot still to open or close.
 */
export async function sweep(
  boss: PgBoss,
  ctx: JobContext,
): Promise<{ opened: number; closed: number; scheduled: number }> {
  const now = clock(ctx);
  let opened = 0;
  let closed = 0;
  const dueOpen = await ctx.db
    .select({ id: ballots.id })
    .from(ballots)
    .where(
      and(
        eq(ballots.status, "draft"),
        isNotNull(ballots.opensAt),
        lte(ballots.opensAt, now),
        or(isNull(ballots.closesAt), gt(ballots.closesAt, now)),
      ),
    );
  for (const b of dueOpen) if ((await handleOpen(boss, ctx, b.id)).done) opened++;
  const dueClose = await ctx.db
    .select({ id: ballots.id })
    .from(ballots)
    .where(and(eq(ballots.status, "open"), isNotNull(ballots.closesAt), lte(ballots.closesAt, now)));
  for (const b of dueClose) if ((await handleClose(ctx, b.id)).done) closed++;
  const recentlyOpened = await ctx.db
    .select({ id: ballots.id, openedAt: ballots.openedAt })
    .from(ballots)
    .where(
      and(
        eq(ballots.status, "open"),
        isNotNull(ballots.openedAt),
        gt(ballots.openedAt, new Date(now.getTime() - OPENING_MAIL_WINDOW_MS)),
      ),
    );
  for (const b of recentlyOpened) await enqueueOpeningMails(boss, b.id, b.openedAt!);
  const upcoming = await ctx.db
    .select({
      id: ballots.id,
      status: ballots.status,
      opensAt: ballots.opensAt,
      closesAt: ballots.closesAt,
      reminderHours: ballots.reminderHours,
      openedAt: ballots.openedAt,
    })
    .from(ballots)
    .where(
      and(inArray(ballots.status, ["draft", "open"]), or(isNotNull(ballots.opensAt), isNotNull(ballots.closesAt))),
    );
  for (const b of upcoming) await scheduleBallotJobs(boss, b, now);
  return { opened, closed, scheduled: upcoming.length };
}

export interface WorkerOptions {
  /** How often idle workers look for jobs (pg-boss polls; at least 0.5 s). */
  pollingIntervalSeconds?: number;
  /** E-mails fetched at once by a mail worker. */
  mailBatchSize?: number;
  /** Run the sweep every minute (cron) and once now. */
  sweep?: boolean;
}

function one(jobs: Array<PgBoss.Job<unknown>>): string | null {
  const data = jobs[0]?.data;
  return isBallotJob(data) ? data.ballotId : null;
}

/** Registers the handlers of every ballot queue on a started boss. */
export async function registerBallotWorkers(boss: PgBoss, ctx: JobContext, options: WorkerOptions = {}): Promise<void> {
  const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 };
  await boss.work(QUEUES.open, polling, async (jobs) => {
    const id = one(jobs);
    return id ? handleOpen(boss, ctx, id) : null;
  });
  await boss.work(QUEUES.close, polling, async (jobs) => {
    const id = one(jobs);
    return id ? handleClose(ctx, id) : null;
  });
  await boss.work(QUEUES.remind, polling, async (jobs) => {
    const id = one(jobs);
    return id ? handleRemind(boss, ctx, id) : null;
  });
  await boss.work(QUEUES.notify, polling, async (jobs) => {
    const id = one(jobs);
    return id ? fanOutOpeningMails(boss, ctx, id) : null;
  });
  await boss.work(QUEUES.mail, { ...polling, batchSize: options.mailBatchSize ?? 50 }, async (jobs) =>
    sendBallotMails(boss, ctx, jobs),
  );
  await boss.work(QUEUES.sweep, polling, async () => sweep(boss, ctx));
  if (options.sweep ?? true) {
    await boss.schedule(QUEUES.sweep, "* * * * *", {}, { singletonKey: "sweep" });
    await boss.send(QUEUES.sweep, {}, { singletonKey: "sweep" });
  }
}
