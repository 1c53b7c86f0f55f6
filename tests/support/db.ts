import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import pg from "pg";
import { openDatabase, type Database } from "../../src/db/client.js";
import { PG_TEMPLATE_DB, PGLITE_TEMPLATE } from "./paths.js";

export type EngineKind = "pglite" | "postgres";

/** The engines every database test runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const ENGINES: EngineKind[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

/** A fresh copy of the migrated demo database, for one test file or one test. */
export async function openTestDatabase(kind: EngineKind): Promise<Database> {
  if (kind === "pglite") {
    const dump = await readFile(PGLITE_TEMPLATE);
    return openDatabase({ kind: "pglite", loadDataDir: new Blob([dump]) });
  }
  const url = process.env.TEST_DATABASE_URL!;
  const name = `letscoop_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database "${name}" template "${PG_TEMPLATE_DB}"`);
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const database = await openDatabase({ kind: "postgres", url: dbUrl.toString(), poolSize: 20 });
  const close = database.close;
  database.close = async () => {
    await close();
    const cleaner = new pg.Client({ connectionString: url });
    await cleaner.connect();
    // pool.end() resolves before every backend has gone: dropping with FORCE at once would kill a
    // connection that is still saying goodbye, and its client would raise an uncaught error.
    for (let i = 0; i < 50; i++) {
      const { rows } = await cleaner.query<{ n: number }>(
        "select count(*)::int as n from pg_stat_activity where datname = $1",
        [name],
      );
      if (rows[0]!.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await cleaner.query(`drop database if exists "${name}" with (force)`);
    await cleaner.end();
  };
  return database;
}
