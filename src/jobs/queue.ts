import { createHash } from "node:crypto";
import PgBoss from "pg-boss";
import type { Database } from "../db/client.js";
import type { Logger } from "../logging/logger.js";

/** The queues of LetsCoop; each is a pg-boss queue (a partition of pgboss.job). */
export const QUEUES = {
  /** At `opensAt`: open the ballot, then enqueue its opening e-mails. */
  open: "ballot-open",
  /** At `closesAt`: close and count. */
  close: "ballot-close",
  /** At `closesAt − reminderHours`: one reminder per elector who has not voted. */
  remind: "ballot-remind",
  /** Once per opening: one "ballot-mail" job per elector. */
  notify: "ballot-notify",
  /** One e-mail to one elector (opening or reminder). */
  mail: "ballot-mail",
  /** Every minute: catches up what a missed or never-scheduled job should have done. */
  sweep: "ballot-sweep",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** pg-boss's own schema in the application database. */
export const BOSS_SCHEMA = "pgboss";

type Rows = { rows: unknown[] };

/**
 * pg-boss talks to the database through `executeSql(text, values)` returning `{ rows }`.
 * PGlite has one connection and no pool: queries go through it (PGlite queues them and never
 * runs one inside another caller's transaction). Its `query` takes one statement; pg-boss sends
 * its schema creation and migrations as several statements without parameters, which `exec` runs.
 * On PostgreSQL the application's pool serves both (node-postgres does the same split itself).
 */
export function bossDb(database: Database): PgBoss.Db {
  if (database.pglite) {
    const pglite = database.pglite;
    return {
      async executeSql(text: string, values?: unknown[]): Promise<Rows> {
        if (values && values.length > 0) return pglite.query(text, values as unknown[]);
        const results = await pglite.exec(text);
        return results[results.length - 1] ?? { rows: [] };
      },
    } as PgBoss.Db;
  }
  const pool = database.pool;
  if (!pool) throw new Error("a PostgreSQL database without a pool");
  return {
    async executeSql(text: string, values?: unknown[]): Promise<Rows> {
      return pool.query(text, values as unknown[] | undefined);
    },
  } as PgBoss.Db;
}

export interface BossOptions {
  /**
   * Run workers, cron and maintenance in this process (the in-process mode, and `npm run worker`).
   * False: the boss only sends jobs (a web process when a separate worker runs).
   */
  work: boolean;
  logger?: Logger;
}

/**
 * Creates pg-boss for a database, creates or migrates its schema and the queues, and starts it.
 * The caller stops it with `stopBoss` before closing the database.
 */
export async function startBoss(database: Database, options: BossOptions): Promise<PgBoss> {
  const boss = new PgBoss({
    db: bossDb(database),
    schema: BOSS_SCHEMA,
    migrate: true,
    supervise: options.work,
    schedule: options.work,
    // Finished jobs stay visible a day (the opening e-mails' ids guard against a second run).
    archiveCompletedAfterSeconds: 86_400,
  });
  boss.on("error", (error: Error) => {
    // The message only: job data holds ids, never personal data, but errors may quote SQL values.
    options.logger?.warn({ err: { message: error.message } }, "job queue error");
  });
  await boss.start();
  await createQueues(boss);
  return boss;
}

export async function createQueues(boss: PgBoss): Promise<void> {
  const existing = new Set((await boss.getQueues()).map((q) => q.name));
  const wanted: Array<{ name: QueueName; policy: PgBoss.QueuePolicy }> = [
    // "short": at most one waiting job per singleton key (one open/close/remind per ballot).
    { name: QUEUES.open, policy: "short" },
    { name: QUEUES.close, policy: "short" },
    { name: QUEUES.remind, policy: "short" },
    { name: QUEUES.notify, policy: "standard" },
    { name: QUEUES.mail, policy: "standard" },
    { name: QUEUES.sweep, policy: "short" },
  ];
  for (const q of wanted) {
    if (!existing.has(q.name)) await boss.createQueue(q.name, { name: q.name, policy: q.policy });
  }
}

/** Stops workers and timers, waiting for jobs in hand; the database stays open (its owner closes it). */
export async function stopBoss(boss: PgBoss, timeoutMs = 10_000): Promise<void> {
  await boss.stop({ graceful: true, timeout: timeoutMs, close: false });
}

/**
 * A job id derived from its parts: sending the same job twice inserts it once
 * (pg-boss inserts with ON CONFLICT DO NOTHING on (queue, id)).
 */
export function deterministicJobId(...parts: string[]): string {
  const hex = createHash("sha256").update(parts.join("\u0000")).digest("hex");
  // Shaped as an RFC 9562 version 8 (custom) UUID.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Where the jobs of this process run, from the environment (see docs/ARCHITECTURE.md). */
export function jobsRunInProcess(database: Database, source: NodeJS.ProcessEnv = process.env): boolean {
  return database.kind === "pglite" || source.JOBS_IN_PROCESS !== "false";
}

const running = new WeakMap<Database, PgBoss>();

/** The boss started for a database in this process, for code that schedules (e.g. a route). */
export function bossOf(database: Database): PgBoss | null {
  return running.get(database) ?? null;
}

export function rememberBoss(database: Database, boss: PgBoss | null): void {
  if (boss) running.set(database, boss);
  else running.delete(database);
}
