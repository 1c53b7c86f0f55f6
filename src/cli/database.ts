import path from "node:path";
import { databaseTarget } from "../boot.js";
import { readEnv, type Env } from "../config/env.js";
import { openDatabase, type Database } from "../db/client.js";
import { lockEmbeddedDatabase } from "../db/embedded-lock.js";
import { migrate } from "../db/migrate.js";

/** Opens the configured database for a command (migrated), refusing while a server holds the embedded one. */
export async function withDatabase<T>(
  fn: (database: Database, env: Env) => Promise<T>,
  env: Env = readEnv(),
): Promise<T> {
  const target = databaseTarget(env);
  const unlock = target.kind === "pglite" ? await lockEmbeddedDatabase(env.dataDir) : () => {};
  const database = await openDatabase(target);
  try {
    await migrate(database);
    return await fn(database, env);
  } finally {
    await database.close();
    unlock();
  }
}

export function embeddedDir(env: Env) {
  return path.join(env.dataDir, "pglite");
}

/** `--name value` from an argument list. */
export function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i === -1) return undefined;
  const value = argv[i + 1];
  return value && !value.startsWith("--") ? value : undefined;
}

export function positionals(argv: string[], withValues: string[] = []): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith("--")) {
      if (withValues.includes(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}
