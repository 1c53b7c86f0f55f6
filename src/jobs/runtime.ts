import type PgBoss from "pg-boss";
import type { Database, Db } from "../db/client.js";
import type { Logger } from "../logging/logger.js";
import type { Mailer } from "../mail/mailer.js";
import { registerBallotWorkers, type WorkerOptions } from "./ballot-jobs.js";
import { registerMeetingWorkers } from "./meeting-jobs.js";
import { registerBookletWorkers } from "./booklet-jobs.js";
import { rememberBoss, startBoss, stopBoss } from "./queue.js";

export interface JobRuntimeDeps {
  database: Database;
  db: Db;
  mailer: Mailer;
  logger: Logger;
  /** dataDir: where printed booklets are cached; without it this process prints none. */
  env: { baseUrl: string; dataDir?: string };
}

export interface JobRuntime {
  boss: PgBoss;
  /** True when this process runs the handlers (in-process mode or the worker). */
  working: boolean;
  stop: () => Promise<void>;
}

/**
 * Starts the job queue of a process: with `work`, the ballot handlers, the minute sweep and the
 * queue's maintenance run here; without, the boss only sends (a web process next to `npm run worker`).
 */
export async function startJobRuntime(
  deps: JobRuntimeDeps,
  options: { work: boolean } & WorkerOptions,
): Promise<JobRuntime> {
  const boss = await startBoss(deps.database, { work: options.work, logger: deps.logger });
  if (options.work) {
    await registerBallotWorkers(
      boss,
      { db: deps.db, mailer: deps.mailer, baseUrl: deps.env.baseUrl, logger: deps.logger },
      options,
    );
    await registerMeetingWorkers(
      boss,
      {
        db: deps.db,
        mailer: deps.mailer,
        baseUrl: deps.env.baseUrl,
        logger: deps.logger,
      },
      options,
    );
    if (deps.env.dataDir)
      await registerBookletWorkers(boss, { db: deps.db, dataDir: deps.env.dataDir, logger: deps.logger }, options);
  }
  rememberBoss(deps.database, boss);
  return {
    boss,
    working: options.work,
    async stop() {
      rememberBoss(deps.database, null);
      await stopBoss(boss);
    },
  };
}
