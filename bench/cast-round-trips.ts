/**
 * Counts the database round trips of one cast over HTTP: `npx tsx bench/cast-round-trips.ts`.
 *
 * The real application (createApp, in process) on a fresh database with an open ranked ballot of
 * 10 options and signed-in electors; each POST of the voting form is a different elector. Every
 * statement sent to the database is counted (BEGIN and COMMIT included): on PGlite each call into
 * the engine, on PostgreSQL each `query` of a pg client. Prints the statements of one cast and the
 * average over BENCH_CASTS casts (20) after one warm-up cast. BENCH_ENGINES=pglite,postgres and
 * BENCH_DATABASE_URL as in ballots.bench.ts.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { readEnv } from "../src/config/env.js";
import { openDatabase, type Database } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import { seedDemo } from "../src/db/seed/demo.js";
import { createLogger } from "../src/logging/logger.js";
import { outboxMailer } from "../src/mail/mailer.js";
import { diskFileStore } from "../src/storage/file-store.js";
import { createApp } from "../src/web/app.js";
import { castFormBody, prepareOpenBallot } from "./support/casting-fixture.js";

const CASTS = Number(process.env.BENCH_CASTS ?? 20);
const ENGINES = (process.env.BENCH_ENGINES ?? "pglite,postgres").split(",");
const PG_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const SECRET = `bench-secret-${randomBytes(16).toString("hex")}`;

let counting = false;
const statements: string[] = [];
function record(text: unknown) {
  if (!counting) return;
  const sqlText =
    typeof text === "string" ? text : ((text as { text?: string } | null)?.text ?? "(prepared statement)");
  statements.push(sqlText.replace(/\s+/g, " ").trim().slice(0, 110));
}

// PostgreSQL: every statement goes through Client#query (pool.query included).
const clientQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  record(args[0]);
  return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof clientQuery;

async function open(kind: string): Promise<{ database: Database; dispose: () => Promise<void> } | null> {
  if (kind === "pglite") {
    const database = await openDatabase({ kind: "pglite" });
    // PGlite: every query, exec, BEGIN and COMMIT runs through _runExclusiveQuery once.
    const engine = database.pglite as unknown as {
      _runExclusiveQuery: (fn: () => Promise<unknown>) => Promise<unknown>;
      query: (text: string, ...rest: unknown[]) => Promise<unknown>;
    };
    const exclusive = engine._runExclusiveQuery.bind(engine);
    engine._runExclusiveQuery = (fn) => {
      record("(pglite statement)");
      return exclusive(fn);
    };
    return { database, dispose: () => database.close() };
  }
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3_000 });
  try {
    await admin.connect();
  } catch {
    console.log(`PostgreSQL not reachable: skipped`);
    return null;
  }
  const name = `letscoop_rt_${randomBytes(4).toString("hex")}`;
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: "postgres", url: url.toString() });
  return {
    database,
    dispose: async () => {
      await database.close();
      const cleaner = new pg.Client({ connectionString: PG_URL });
      await cleaner.connect();
      await cleaner.query(`drop database if exists "${name}" with (force)`);
      await cleaner.end();
    },
  };
}

for (const kind of ENGINES) {
  const opened = await open(kind);
  if (!opened) continue;
  const { database } = opened;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "letscoop-rt-"));
  try {
    await migrate(database);
    await seedDemo(database.db);
    const prepared = await prepareOpenBallot(database.db, SECRET, { electors: CASTS + 1, options: 10 });
    const env = readEnv({ DATA_DIR: dataDir, DEMO_SEED: "false", LOG_LEVEL: "silent", SECRET });
    const app = createApp({
      database,
      db: database.db,
      env,
      logger: createLogger("silent"),
      mailer: outboxMailer(path.join(dataDir, "outbox"), env.MAIL_FROM),
      files: diskFileStore(path.join(dataDir, "files")),
      secret: SECRET,
      clientAddress: () => "127.0.0.1",
    });
    const cast = async (i: number) => {
      const voter = prepared.voters[i]!;
      const res = await app.request(`/fr/ballots/${prepared.ballotId}`, {
        method: "POST",
        headers: { cookie: voter.cookie, "content-type": "application/x-www-form-urlencoded" },
        body: castFormBody(voter, prepared.keys),
      });
      if (res.status !== 303) throw new Error(`cast ${i}: ${res.status}`);
    };
    await cast(0); // warm-up: caches, prepared plans
    counting = true;
    await cast(1);
    counting = false;
    console.log(`\n${kind}: statements of one cast (${statements.length})`);
    for (const s of statements) console.log(`  ${s}`);
    statements.length = 0;
    counting = true;
    for (let i = 2; i <= CASTS; i++) await cast(i);
    counting = false;
    console.log(`${kind}: ${(statements.length / (CASTS - 1)).toFixed(2)} statements per cast over ${CASTS - 1} casts`);
    statements.length = 0;
  } finally {
    await opened.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
