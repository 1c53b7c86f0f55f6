import { databaseTarget, mailerFor } from "./boot.js";
import { readEnv } from "./config/env.js";
import { openDatabase } from "./db/client.js";
import { migrate } from "./db/migrate.js";
import { startJobRuntime } from "./jobs/runtime.js";
import { createLogger } from "./logging/logger.js";

/**
 * `npm run worker`: the job queue's own process, for PostgreSQL deployments where the web
 * processes run with JOBS_IN_PROCESS=false. The embedded database serves one process only:
 * there, jobs always run inside the server.
 */
const env = readEnv();
const logger = createLogger(env.LOG_LEVEL);
if (!env.DATABASE_URL) {
  logger.error("the worker needs DATABASE_URL (PostgreSQL); with the embedded database, jobs run inside `npm start`");
  process.exit(2);
}
const database = await openDatabase(databaseTarget(env));
await migrate(database);
const jobs = await startJobRuntime({ database, db: database.db, mailer: mailerFor(env), logger, env }, { work: true });
logger.info({ database: database.kind }, "LetsCoop worker is running");

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "stopping");
  await jobs.stop();
  await database.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
