import type PgBoss from "pg-boss";
import { readStatus, writeStatus } from "../booklet/cache.js";
import { buildBookletPdf } from "../booklet/generate.js";
import type { Database, Queryable } from "../db/client.js";
import { isLocale, type Locale } from "../i18n/locales.js";
import type { Logger } from "../logging/logger.js";
import { bossOf } from "./queue.js";

/** One job per booklet to print: a cycle in a language (the content hash it was asked for). */
export const BOOKLET_QUEUE = "booklet-pdf";

export interface BookletJobData {
  slug: string;
  lang: Locale;
  /** The content hash the request saw; the job prints the content it finds (its own hash). */
  hash: string;
}

export interface BookletJobContext {
  db: Queryable;
  /** DATA_DIR: the PDFs are cached in DATA_DIR/booklets. */
  dataDir: string;
  logger: Logger;
}

function isBookletJob(data: unknown): data is BookletJobData {
  const d = data as BookletJobData;
  return (
    typeof data === "object" &&
    data !== null &&
    typeof d.slug === "string" &&
    typeof d.hash === "string" &&
    typeof d.lang === "string" &&
    isLocale(d.lang)
  );
}

const ready = new WeakSet<PgBoss>();

export async function ensureBookletQueue(boss: PgBoss): Promise<void> {
  if (ready.has(boss)) return;
  if (!(await boss.getQueue(BOOKLET_QUEUE))) {
    try {
      // "short": at most one waiting job per booklet (its singleton key).
      await boss.createQueue(BOOKLET_QUEUE, { name: BOOKLET_QUEUE, policy: "short" });
    } catch (error) {
      if (!(await boss.getQueue(BOOKLET_QUEUE))) throw error;
    }
  }
  ready.add(boss);
}

/** Prints one booklet; progress and failure are written beside the cached PDF. */
export async function handleBookletJob(ctx: BookletJobContext, data: BookletJobData) {
  try {
    const built = await buildBookletPdf(ctx.db, ctx.dataDir, data.slug, data.lang);
    if (!built) return { done: false, skipped: "unknown_cycle" };
    ctx.logger.info({ cycle: data.slug, lang: data.lang, cached: built.cached, bytes: built.size }, "booklet printed");
    return { done: true, hash: built.hash };
  } catch (error) {
    ctx.logger.warn(
      { cycle: data.slug, lang: data.lang, err: { message: (error as Error).message } },
      "booklet not printed",
    );
    await writeStatus(ctx.dataDir, data.hash, { state: "failed", step: 0 }).catch(() => {});
    // Not thrown: printing again would fail the same way; the page offers to try again.
    return { done: false, skipped: "failed" };
  }
}

export async function registerBookletWorkers(
  boss: PgBoss,
  ctx: BookletJobContext,
  options: { pollingIntervalSeconds?: number } = {},
): Promise<void> {
  await ensureBookletQueue(boss);
  await boss.work(BOOKLET_QUEUE, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async (jobs) => {
    const data = jobs[0]?.data;
    return isBookletJob(data) ? handleBookletJob(ctx, data) : null;
  });
}

/** Booklets printed inside this process when it runs no queue (tests, a process without jobs). */
const inProcess = new Map<string, Promise<unknown>>();

/**
 * Asks for the PDF of a booklet: marks it queued, then sends a job to the queue of this process,
 * or, without one, prints it in the background here. Asking twice for the same content queues
 * it once.
 */
export async function requestBookletPdf(
  database: Database,
  ctx: BookletJobContext,
  data: BookletJobData,
): Promise<"queued" | "running"> {
  const status = await readStatus(ctx.dataDir, data.hash);
  if (status && (status.state === "queued" || status.state === "running")) return "running";
  await writeStatus(ctx.dataDir, data.hash, { state: "queued", step: 0 });
  const boss = bossOf(database);
  if (boss) {
    await ensureBookletQueue(boss);
    await boss.send(BOOKLET_QUEUE, data, {
      singletonKey: `${data.slug}:${data.lang}:${data.hash}`,
      retryLimit: 0,
      expireInSeconds: 600,
    });
    return "queued";
  }
  const key = `${ctx.dataDir}:${data.hash}`;
  if (!inProcess.has(key)) {
    const run = handleBookletJob(ctx, data).finally(() => inProcess.delete(key));
    inProcess.set(key, run);
  }
  return "queued";
}

/** The background printings of this process, for tests that wait for them. */
export function pendingBooklets(): Promise<unknown[]> {
  return Promise.all([...inProcess.values()]);
}
