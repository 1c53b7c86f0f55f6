import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { readEnv } from "../../src/config/env.js";
import type { Database } from "../../src/db/client.js";
import { createLogger } from "../../src/logging/logger.js";
import { outboxMailer } from "../../src/mail/mailer.js";
import { diskFileStore } from "../../src/storage/file-store.js";
import { createApp } from "../../src/web/app.js";
import type { Deps } from "../../src/web/context.js";
import { openTestDatabase, type EngineKind } from "./db.js";

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: Deps;
  database: Database;
  outboxDir: string;
  /** The e-mails written so far, oldest first, as raw RFC 822 text. */
  outbox: () => Promise<string[]>;
  close: () => Promise<void>;
}

/** The real application on a fresh copy of the demo database, with a file outbox. */
export async function createTestApp(kind: EngineKind, envOverrides: Record<string, string> = {}): Promise<TestApp> {
  const database = await openTestDatabase(kind);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "letscoop-test-"));
  const env = readEnv({
    DATA_DIR: dataDir,
    DEMO_SEED: "false",
    LOG_LEVEL: "silent",
    SECRET: "test-secret-".padEnd(40, "x"),
    ...envOverrides,
  });
  const outboxDir = path.join(dataDir, "outbox");
  const deps: Deps = {
    database,
    db: database.db,
    env,
    logger: createLogger("silent"),
    mailer: outboxMailer(outboxDir, env.MAIL_FROM),
    files: diskFileStore(path.join(dataDir, "files")),
    secret: env.SECRET!,
    clientAddress: (c) => c.req.header("x-test-client-address") ?? "203.0.113.7",
  };
  return {
    app: createApp(deps),
    deps,
    database,
    outboxDir,
    async outbox() {
      const files = await readdir(outboxDir).catch(() => [] as string[]);
      files.sort();
      return Promise.all(files.map((f) => readFile(path.join(outboxDir, f), "utf8")));
    },
    async close() {
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
