import { serve } from "@hono/node-server";
import { boot } from "./boot.js";
import { readEnv } from "./config/env.js";
import { createLogger } from "./logging/logger.js";
import { createApp } from "./web/app.js";

const env = readEnv();
const logger = createLogger(env.LOG_LEVEL);
const deps = await boot(env, logger);
const app = createApp(deps);

const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  logger.info({ port: info.port, database: deps.database.kind }, `LetsCoop is running at ${env.baseUrl}`);
});

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "stopping");
  server.close();
  await deps.database.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
