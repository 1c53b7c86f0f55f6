import type { Context } from "hono";
import type { SessionInfo } from "../auth/sessions.js";
import type { Env } from "../config/env.js";
import type { Database, Db } from "../db/client.js";
import type { Translate } from "../i18n/index.js";
import type { Locale } from "../i18n/locales.js";
import type { Logger } from "../logging/logger.js";
import type { Mailer } from "../mail/mailer.js";
import type { Actor } from "../policies/actor.js";
import type { FileStore } from "../storage/file-store.js";

/** What the web layer is given at start-up; tests build the same with a test database. */
export interface Deps {
  database: Database;
  db: Db;
  env: Env;
  logger: Logger;
  mailer: Mailer;
  /** Uploaded files (group documents, receipts): DATA_DIR/files by default. */
  files: FileStore;
  /** Signs CSRF tokens; from SECRET or generated once into the database. */
  secret: string;
  /** The client's address for rate limiting (the socket's, or X-Forwarded-For behind a proxy). */
  clientAddress: (c: Context) => string;
}

export interface AppEnv {
  Variables: {
    deps: Deps;
    locale: Locale;
    t: Translate;
    actor: Actor;
    session: SessionInfo | null;
    csrfToken: string;
  };
}

export type Ctx = Context<AppEnv>;
