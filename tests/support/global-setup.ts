import { mkdir, writeFile } from "node:fs/promises";
import pg from "pg";
import { openDatabase } from "../../src/db/client.js";
import { migrate } from "../../src/db/migrate.js";
import { seedDemo } from "../../src/db/seed/demo.js";
import { PG_TEMPLATE_DB, PGLITE_TEMPLATE, TMP_DIR } from "./paths.js";

/**
 * Builds, once per run, a migrated database holding the demo data: a PGlite dump that each
 * test file loads, and (when TEST_DATABASE_URL is set) a PostgreSQL template database.
 */
export default async function setup() {
  await mkdir(TMP_DIR, { recursive: true });
  const pglite = await openDatabase({ kind: "pglite" });
  await migrate(pglite);
  await seedDemo(pglite.db);
  const dump = await pglite.pglite!.dumpDataDir("gzip");
  await writeFile(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();

  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const leftovers = await admin.query<{ datname: string }>(
      "select datname from pg_database where datname like 'letscoop_test_%'",
    );
    for (const { datname } of leftovers.rows) await admin.query(`drop database if exists "${datname}" with (force)`);
    await admin.query(`create database "${PG_TEMPLATE_DB}"`);
    await admin.end();
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${PG_TEMPLATE_DB}`;
    const template = await openDatabase({ kind: "postgres", url: templateUrl.toString(), poolSize: 1 });
    await migrate(template);
    await seedDemo(template.db);
    await template.close();
  }
}
