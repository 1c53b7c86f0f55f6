import { randomUUID } from "node:crypto";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { castBallot } from "../../src/commands/ballots/cast.js";
import { openBallot } from "../../src/commands/ballots/open.js";
import { ballotElectors, ballotResults, ballots, persons } from "../../src/db/schema/index.js";
import { translator } from "../../src/i18n/index.js";
import { isLocale } from "../../src/i18n/locales.js";
import {
  enqueueOpeningMails,
  fanOutOpeningMails,
  handleRemind,
  scheduleBallotJobs,
  sendBallotMails,
  sweep,
  type BallotSchedule,
  type JobContext,
} from "../../src/jobs/ballot-jobs.js";
import { BOSS_SCHEMA, QUEUES } from "../../src/jobs/queue.js";
import { startJobRuntime, type JobRuntime } from "../../src/jobs/runtime.js";
import { createLogger } from "../../src/logging/logger.js";
import { createBallot, demoOrg, rowsOf } from "../commands/ballots-fixtures.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { ENGINES } from "../support/db.js";
import { parseEml, type ParsedMail } from "../mail/eml.js";

const BASE_URL = "https://vote.example.test";

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(ENGINES)("ballot jobs with pg-boss (%s)", (engine) => {
  let t: TestApp;
  let jobs: JobRuntime;
  let ctx: JobContext;
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
  });
  afterAll(async () => {
    await jobs?.stop();
    await t?.close();
  });

  async function schedule(ballotId: string): Promise<BallotSchedule> {
    const [b] = await t.database.db
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
    return b!;
  }

  async function electors(ballotId: string) {
    return t.database.db
      .select({
        personId: ballotElectors.personId,
        email: persons.email,
        language: ballotElectors.language,
        remindedAt: ballotElectors.remindedAt,
      })
      .from(ballotElectors)
      .innerJoin(persons, eq(persons.id, ballotElectors.personId))
      .where(eq(ballotElectors.ballotId, ballotId));
  }

  async function pending(queue: string, ballotId: string) {
    const { rows } = await jobs.boss
      .getDb()
      .executeSql(
        `select id, start_after from ${BOSS_SCHEMA}.job where name = $1 and singleton_key = $2 and state = 'created'`,
        [queue, `${ballotId}:${queue}`],
      );
    return rows as Array<{ id: string; start_after: Date }>;
  }

  it("opens a ballot scheduled 1 s ahead and e-mails every elector once, in their language", async () => {
    const db = t.database.db;
    const be = await demoOrg(db, "smart-be");
    const title = `Thèmes <script>alert(1)</script> ${engine}`;
    const now = Date.now();
    const { ballotId } = await createBallot(db, {
      organisationIds: [be.id],
      title,
      opensAt: new Date(now + 1_000),
      closesAt: new Date(now + 3 * 3_600_000),
    });
    await scheduleBallotJobs(jobs.boss, await schedule(ballotId));
    expect(await pending(QUEUES.open, ballotId)).toHaveLength(1);

    await waitFor("the ballot to open", async () => (await schedule(ballotId)).status === "open");
    const roll = await electors(ballotId);
    expect(roll.length).toBeGreaterThan(10);
    expect(new Set(roll.map((e) => e.language)).size).toBeGreaterThan(1);

    const received = await waitFor("one e-mail per elector", async () => {
      const all = (await mails()).filter((m) => m.text.includes(`/ballots/${ballotId}`));
      return all.length >= roll.length ? all : null;
    });
    expect(received).toHaveLength(roll.length);
    for (const elector of roll) {
      const mine = received.filter((m) => (m.headers.get("to") ?? "").includes(elector.email));
      expect(mine, elector.email).toHaveLength(1);
      const mail = mine[0]!;
      expect(isLocale(elector.language)).toBe(true);
      expect(mail.headers.get("content-language")).toBe(elector.language);
      const t9n = translator(elector.language);
      expect(mail.headers.get("subject")).toBe(t9n("jobs.openedSubject", { title }));
      expect(mail.text).toContain(`${BASE_URL}/${elector.language}/ballots/${ballotId}`);
      expect(mail.html).toContain(`href="${BASE_URL}/${elector.language}/ballots/${ballotId}"`);
      // The title is text in the HTML part, never markup.
      expect(mail.html).toContain("&lt;script&gt;");
      expect(mail.html).not.toContain("<script>");
    }

    // A retried fan-out, a second enqueue and the sweep send nothing more.
    await fanOutOpeningMails(jobs.boss, ctx, ballotId);
    const openedAt = (await schedule(ballotId)).openedAt!;
    expect(await enqueueOpeningMails(jobs.boss, ballotId, openedAt)).toBe(false);
    await sweep(jobs.boss, ctx);
    await new Promise((r) => setTimeout(r, 2_000));
    const after = (await mails()).filter((m) => m.text.includes(`/ballots/${ballotId}`));
    expect(after).toHaveLength(roll.length);
  });

  it("reminds only the electors who have not voted, once, and closes on time", async () => {
    const db = t.database.db;
    const fr = await demoOrg(db, "smart-fr");
    const { ballotId, keys } = await createBallot(db, { organisationIds: [fr.id], title: `Rappel ${engine}` });
    const opened = await openBallot(db, ballotId, { actorId: null });
    expect(opened.ok).toBe(true);
    const roll = await electors(ballotId);
    const voters = roll.slice(0, Math.ceil(roll.length / 2));
    for (const v of voters) {
      const cast = await castBallot(db, { ballotId, personId: v.personId, ranking: keys.map((k) => [k]) });
      expect(cast.ok).toBe(true);
    }
    const before = (await mails()).length;

    // Reminder 1 s from now (1 hour before a close 1 hour and 1 second away).
    const closesAt = new Date(Date.now() + 3_600_000 + 1_000);
    await db.update(ballots).set({ closesAt, reminderHours: 1 }).where(eq(ballots.id, ballotId));
    await scheduleBallotJobs(jobs.boss, await schedule(ballotId));
    expect(await pending(QUEUES.remind, ballotId)).toHaveLength(1);

    const nonVoters = roll.filter((e) => !voters.some((v) => v.personId === e.personId));
    const reminders = await waitFor("the reminders", async () => {
      const all = (await mails()).slice(before).filter((m) => m.text.includes(`/ballots/${ballotId}`));
      return all.length >= nonVoters.length ? all : null;
    });
    expect(reminders).toHaveLength(nonVoters.length);
    const recipients = reminders.map((m) => m.headers.get("to") ?? "");
    for (const e of nonVoters)
      expect(
        recipients.some((to) => to.includes(e.email)),
        e.email,
      ).toBe(true);
    for (const v of voters)
      expect(
        recipients.some((to) => to.includes(v.email)),
        v.email,
      ).toBe(false);
    for (const m of reminders) {
      const to = roll.find((e) => (m.headers.get("to") ?? "").includes(e.email))!;
      expect(m.headers.get("subject")).toBe(
        translator(to.language)("jobs.reminderSubject", { title: `Rappel ${engine}` }),
      );
    }
    await waitFor("remindedAt to be set", async () => {
      const rows = await db
        .select({ personId: ballotElectors.personId })
        .from(ballotElectors)
        .where(and(eq(ballotElectors.ballotId, ballotId), isNotNull(ballotElectors.remindedAt)));
      return rows.length === nonVoters.length;
    });
    const reminded = await electors(ballotId);
    for (const v of voters) expect(reminded.find((e) => e.personId === v.personId)!.remindedAt).toBeNull();

    // Running the reminder again sends nothing.
    const again = await handleRemind(jobs.boss, ctx, ballotId);
    expect(again).toEqual({ done: true, detail: { electors: 0 } });

    // Close 1.5 s from now: the job closes and counts it.
    await db
      .update(ballots)
      .set({ closesAt: new Date(Date.now() + 1_500) })
      .where(eq(ballots.id, ballotId));
    await scheduleBallotJobs(jobs.boss, await schedule(ballotId));
    await waitFor("the ballot to close", async () => (await schedule(ballotId)).status === "closed");
    const [result] = await db
      .select({ counted: ballotResults.ballotsCounted })
      .from(ballotResults)
      .where(eq(ballotResults.ballotId, ballotId));
    expect(result!.counted).toBe(voters.length);
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await mails()).slice(before).filter((m) => m.text.includes(`/ballots/${ballotId}`))).toHaveLength(
      nonVoters.length,
    );
  });

  it("reschedules without duplicating and cancels jobs a ballot no longer needs", async () => {
    const db = t.database.db;
    const be = await demoOrg(db, "smart-be");
    const now = Date.now();
    const { ballotId } = await createBallot(db, {
      organisationIds: [be.id],
      opensAt: new Date(now + 3_600_000),
      closesAt: new Date(now + 4 * 24 * 3_600_000),
    });
    const first = await schedule(ballotId);
    await scheduleBallotJobs(jobs.boss, first);
    await scheduleBallotJobs(jobs.boss, first);
    expect(await pending(QUEUES.open, ballotId)).toHaveLength(1);
    expect(await pending(QUEUES.close, ballotId)).toHaveLength(1);
    expect(await pending(QUEUES.remind, ballotId)).toHaveLength(1);

    const later = new Date(now + 2 * 3_600_000);
    await db.update(ballots).set({ opensAt: later }).where(eq(ballots.id, ballotId));
    await scheduleBallotJobs(jobs.boss, await schedule(ballotId));
    await scheduleBallotJobs(jobs.boss, await schedule(ballotId));
    const open = await pending(QUEUES.open, ballotId);
    expect(open).toHaveLength(1);
    expect(new Date(open[0]!.start_after).getTime()).toBe(later.getTime());

    // Opened by hand: the opening job goes; the sweep sends the opening e-mails once.
    const before = (await mails()).length;
    expect((await openBallot(db, ballotId, { actorId: null })).ok).toBe(true);
    await sweep(jobs.boss, ctx);
    await sweep(jobs.boss, ctx);
    expect(await pending(QUEUES.open, ballotId)).toHaveLength(0);
    expect(await pending(QUEUES.close, ballotId)).toHaveLength(1);
    const roll = await electors(ballotId);
    const received = await waitFor("the opening e-mails of a ballot opened by hand", async () => {
      const all = (await mails()).slice(before).filter((m) => m.text.includes(`/ballots/${ballotId}`));
      return all.length >= roll.length ? all : null;
    });
    expect(received).toHaveLength(roll.length);
    const notify = rowsOf<{ n: number }>(
      await db.execute(
        sql.raw(
          `select count(*)::int as n from ${BOSS_SCHEMA}.job where name = '${QUEUES.notify}' and data->>'ballotId' = '${ballotId}'`,
        ),
      ),
    );
    expect(Number(notify[0]!.n)).toBe(1);
  });

  it("retries an e-mail that could not be sent, and sends each reminder once", async () => {
    const db = t.database.db;
    const fr = await demoOrg(db, "smart-fr");
    const { ballotId } = await createBallot(db, { organisationIds: [fr.id], title: `Échec ${engine}` });
    expect((await openBallot(db, ballotId, { actorId: null })).ok).toBe(true);
    const [one] = await electors(ballotId);
    const job = {
      id: randomUUID(),
      name: QUEUES.mail,
      expireInSeconds: 900,
      data: { kind: "reminder", ballotId, personId: one!.personId },
    };
    const sent: string[] = [];
    const broken: JobContext = { ...ctx, mailer: { send: async () => Promise.reject(new Error("SMTP down")) } };
    const working: JobContext = { ...ctx, mailer: { send: async (m) => void sent.push(m.to) } };

    expect(await sendBallotMails(jobs.boss, broken, [job])).toEqual({ sent: 0, skipped: 0, failed: 1 });
    expect((await electors(ballotId)).find((e) => e.personId === one!.personId)!.remindedAt).toBeNull();
    expect(await sendBallotMails(jobs.boss, working, [job])).toEqual({ sent: 1, skipped: 0, failed: 0 });
    expect(await sendBallotMails(jobs.boss, working, [job])).toEqual({ sent: 0, skipped: 1, failed: 0 });
    expect(sent).toEqual([one!.email]);
    expect((await electors(ballotId)).find((e) => e.personId === one!.personId)!.remindedAt).not.toBeNull();
  });

  it("does not open a ballot whose job belongs to an earlier schedule", async () => {
    const db = t.database.db;
    const be = await demoOrg(db, "smart-be");
    const { ballotId } = await createBallot(db, { organisationIds: [be.id], opensAt: new Date(Date.now() + 600_000) });
    await jobs.boss.send(QUEUES.open, { ballotId }, { singletonKey: `${ballotId}:stale` });
    await new Promise((r) => setTimeout(r, 2_000));
    expect((await schedule(ballotId)).status).toBe("draft");
  });
});
