import { serve } from "@hono/node-server";
import { boot } from "./boot.js";
import { readEnv } from "./config/env.js";
import { lockEmbeddedDatabase } from "./db/embedded-lock.js";
import { jobsRunInProcess } from "./jobs/queue.js";
import { startJobRuntime } from "./jobs/runtime.js";
import { createLogger } from "./logging/logger.js";
import { createApp } from "./web/app.js";

const env = readEnv();
const logger = createLogger(env.LOG_LEVEL);
const unlock = env.DATABASE_URL ? () => {} : await lockEmbeddedDatabase(env.dataDir);
const deps = await boot(env, logger);
const app = createApp(deps);
// Jobs (scheduled opening and closing, e-mails) run here unless a separate `npm run worker` does.
const jobs = await startJobRuntime(deps, { work: jobsRunInProcess(deps.database) });

const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  logger.info({ port: info.port, database: deps.database.kind }, `LetsCoop is running at ${env.baseUrl}`);
});
// An idle keep-alive connection stays open longer than a reverse proxy or client keeps its own
// (Node's default of 5 s is shorter than most): otherwise a request sent on a connection the server
// is just closing fails with ECONNRESET (seen under load in `npm run bench:ballots`).
if ("keepAliveTimeout" in server) {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
}

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "stopping");
  server.close();
  await jobs.stop();
  await deps.database.close();
  unlock();
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
