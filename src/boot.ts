import path from "node:path";
import type { Context } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import { loadInstanceSecret } from "./auth/instance-secret.js";
import type { Env } from "./config/env.js";
import { openDatabase, type Database } from "./db/client.js";
import { migrate } from "./db/migrate.js";
import { isEmpty, seedDemo } from "./db/seed/demo.js";
import { createLogger, type Logger } from "./logging/logger.js";
import { diskFileStore } from "./storage/file-store.js";
import { outboxMailer, smtpMailer, type Mailer } from "./mail/mailer.js";
import type { Deps } from "./web/context.js";

export function databaseTarget(env: Env) {
  return env.DATABASE_URL
    ? ({ kind: "postgres", url: env.DATABASE_URL } as const)
    : ({ kind: "pglite", dataDir: path.join(env.dataDir, "pglite") } as const);
}

export function mailerFor(env: Env): Mailer {
  return env.SMTP_URL
    ? smtpMailer(env.SMTP_URL, env.MAIL_FROM)
    : outboxMailer(path.join(env.dataDir, "outbox"), env.MAIL_FROM);
}

/** The socket's address; X-Forwarded-For is not trusted (set TRUST_PROXY behind a proxy). */
export function socketAddress(c: Context): string {
  if (process.env.TRUST_PROXY === "true") {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}

/** config → database → migrations → demo data (first start only) → what the web layer needs. */
export async function boot(env: Env, logger: Logger = createLogger(env.LOG_LEVEL)): Promise<Deps> {
  const database: Database = await openDatabase(databaseTarget(env));
  await migrate(database);
  if (env.DEMO_SEED && (await isEmpty(database.db))) {
    await seedDemo(database.db);
    logger.info("demo data created");
  }
  const secret = await loadInstanceSecret(database.db, env.SECRET);
  return {
    database,
    db: database.db,
    env,
    logger,
    mailer: mailerFor(env),
    files: diskFileStore(path.join(env.dataDir, "files")),
    secret,
    clientAddress: socketAddress,
  };
}
