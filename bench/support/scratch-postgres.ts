import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "../../src/db/client.js";

/**
 * Runs `fn` on a fresh PostgreSQL database created beside `url`'s and dropped afterwards, so a
 * benchmark never touches existing data. `label` names the server for the printout.
 */
export async function withScratchPostgres<T>(
  url: string,
  fn: (database: Database, label: string) => Promise<T>,
): Promise<T> {
  const name = `letscoop_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ kind: "postgres", url: target.toString(), poolSize: 4 });
  // Dropping the database ends the pool's idle connections: that is expected, not an error.
  database.pool?.on("error", () => {});
  try {
    const [{ server_version: version }] = (await admin.query<{ server_version: string }>("show server_version"))
      .rows as [{ server_version: string }];
    return await fn(database, `PostgreSQL ${version} (${target.host})`);
  } finally {
    await database.close();
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}
