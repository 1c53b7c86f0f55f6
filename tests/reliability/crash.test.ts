import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { castFormBody, prepareOpenBallot, type PreparedBallot } from "../../bench/support/casting-fixture.js";
import { driveLoad, type PlannedRequest, type Sent } from "../../bench/support/http-load.js";
import { freePort, startServer, stopServer, type ServerProcess } from "../../bench/support/server-process.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { migrate } from "../../src/db/migrate.js";
import { seedDemo } from "../../src/db/seed/demo.js";
import { trackerOf } from "../../src/domain/ballots/receipt.js";
import { ENGINES, type EngineKind } from "../support/db.js";
import { PG_TEMPLATE_DB } from "../support/paths.js";

const ELECTORS = 3_000;
/** The server is killed once this many ballots were acknowledged (or after KILL_AFTER_MS). */
const KILL_AT_ACKNOWLEDGED = 250;
const KILL_AFTER_MS = 8_000;
const IN_FLIGHT = 24;
const SECRET = `crash-secret-${randomBytes(16).toString("hex")}`;
const RECEIPT_COOKIE = /(?:^|;\s*)lc_receipt=([^;]+)/;

interface Target {
  /** Opens the database from the test process (never while a server holds PGlite). */
  open: () => Promise<Database>;
  server: { dataDir: string; databaseUrl?: string };
  dispose: () => Promise<void>;
}

async function targetFor(engine: EngineKind): Promise<Target> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "letscoop-crash-"));
  if (engine === "pglite") {
    const open = () => openDatabase({ kind: "pglite", dataDir: path.join(dataDir, "pglite") });
    const database = await open();
    await migrate(database);
    await seedDemo(database.db);
    await database.close();
    return { open, server: { dataDir }, dispose: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const name = `letscoop_test_crash_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database "${name}" template "${PG_TEMPLATE_DB}"`);
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  return {
    open: () => openDatabase({ kind: "postgres", url: dbUrl.toString(), poolSize: 4 }),
    server: { dataDir, databaseUrl: dbUrl.toString() },
    dispose: async () => {
      const cleaner = new pg.Client({ connectionString: url });
      await cleaner.connect();
      await cleaner.query(`drop database if exists "${name}" with (force)`);
      await cleaner.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function castRequest(prepared: PreparedBallot, voter: number): PlannedRequest {
  return {
    method: "POST",
    path: `/fr/ballots/${prepared.ballotId}`,
    headers: { cookie: prepared.voters[voter]!.cookie, "content-type": "application/x-www-form-urlencoded" },
    body: castFormBody(prepared.voters[voter]!, prepared.keys),
    // 303 to the receipt; 409 "already voted" when a ballot sent before the crash did land.
    expect: [303, 409],
  };
}

/** The tracker of the receipt a 303 hands over (in its short-lived receipt cookie). */
function trackerOfAnswer(answer: Sent): string | null {
  for (const line of answer.setCookie) {
    const value = RECEIPT_COOKIE.exec(line)?.[1];
    if (value) return trackerOf(decodeURIComponent(value).split(".").pop()!);
  }
  return null;
}

describe.each(ENGINES)("a server killed with SIGKILL while ballots stream in (%s)", (engine) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  });

  it(
    "keeps every acknowledged ballot once, and the register agrees with the ballots",
    { timeout: 180_000 },
    async () => {
      const target = await targetFor(engine);
      cleanups.push(target.dispose);
      const setup = await target.open();
      const prepared = await prepareOpenBallot(setup.db, SECRET, { electors: ELECTORS, options: 5 });
      await setup.close();

      const logFile = path.join(target.server.dataDir, "server.log");
      let server: ServerProcess = await startServer({
        port: await freePort(),
        secret: SECRET,
        logFile,
        logLevel: "warn",
        ...target.server,
      });
      const killServer = async () => {
        server.child.kill("SIGKILL");
        await server.exited;
      };
      cleanups.push(async () => {
        if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGKILL");
      });

      // 1. Stream ballots from distinct electors; kill the server in the middle of the stream.
      const acknowledged = new Map<number, string>();
      let killed = false;
      const started = Date.now();
      const firstRun = driveLoad({
        port: Number(new URL(server.baseUrl).port),
        rate: Infinity,
        durationMs: 60_000,
        maxInFlight: IN_FLIGHT,
        timeoutMs: 20_000,
        next: (i) => (i < ELECTORS ? castRequest(prepared, i) : null),
        stop: () => killed,
        onAnswer: (answer) => {
          if (answer.status === 303) {
            const tracker = trackerOfAnswer(answer);
            if (tracker) acknowledged.set(answer.index, tracker);
          }
          if (!killed && (acknowledged.size >= KILL_AT_ACKNOWLEDGED || Date.now() - started > KILL_AFTER_MS)) {
            killed = true;
            void killServer();
          }
        },
      });
      const first = await firstRun;
      await server.exited;
      expect(killed).toBe(true);
      expect(acknowledged.size).toBeGreaterThan(0);
      // Requests in flight at the kill got no answer: their outcome is unknown to the voter.
      const unanswered = first.answers.filter((a) => a.status === null).map((a) => a.index);
      const acknowledgedBeforeKill = acknowledged.size;
      expect(first.unexpected).toEqual({});

      // 2. Restart on the same data (the dead process's lock does not hold it) and go on voting:
      //    voters whose request got no answer try again, and new voters vote.
      server = await startServer({
        port: await freePort(),
        secret: SECRET,
        logFile,
        logLevel: "warn",
        ...target.server,
      });
      const retries = [...unanswered, ...Array.from({ length: 50 }, (_, k) => first.sent + k)];
      const second = await driveLoad({
        port: Number(new URL(server.baseUrl).port),
        rate: Infinity,
        durationMs: 60_000,
        maxInFlight: IN_FLIGHT,
        next: (i) => (i < retries.length ? castRequest(prepared, retries[i]!) : null),
        onAnswer: (answer) => {
          const voter = retries[answer.index]!;
          if (answer.status === 303) {
            const tracker = trackerOfAnswer(answer);
            if (tracker) acknowledged.set(voter, tracker);
          }
        },
      });
      expect(second.failures).toBe(0);
      expect(second.unexpected).toEqual({});
      await stopServer(server);

      // 3. Every acknowledged ballot is there, once; register and ballots agree.
      const check = await target.open();
      const rows = (r: unknown) => (r as { rows: Array<Record<string, unknown>> }).rows;
      const trackers = new Set(
        rows(await check.db.execute(sql`select tracker from cast_ballots where ballot_id = ${prepared.ballotId}`)).map(
          (r) => String(r.tracker),
        ),
      );
      const [counts] = rows(
        await check.db.execute(sql`
        select (select count(*)::int from ballot_register where ballot_id = ${prepared.ballotId}) as register,
               (select count(*)::int from cast_ballots where ballot_id = ${prepared.ballotId}) as cast,
               (select count(distinct tracker)::int from cast_ballots where ballot_id = ${prepared.ballotId}) as distinct_trackers`),
      );
      const voters = new Set(
        rows(
          await check.db.execute(sql`select person_id from ballot_register where ballot_id = ${prepared.ballotId}`),
        ).map((r) => String(r.person_id)),
      );
      await check.close();

      const missing = [...acknowledged.values()].filter((tracker) => !trackers.has(tracker));
      expect(missing, `${missing.length} acknowledged ballots lost`).toEqual([]);
      for (const voter of acknowledged.keys()) expect(voters.has(prepared.voters[voter]!.personId)).toBe(true);
      expect(Number(counts!.cast)).toBe(Number(counts!.distinct_trackers));
      expect(Number(counts!.register)).toBe(Number(counts!.cast));
      // At most one ballot per elector who sent one, and none from anyone else.
      expect(Number(counts!.cast)).toBeLessThanOrEqual(first.sent + retries.length);
      expect(Number(counts!.cast)).toBeGreaterThanOrEqual(acknowledged.size);
      console.info(
        `[crash ${engine}] acknowledged before the kill ${acknowledgedBeforeKill}, unanswered at the kill ${unanswered.length} ` +
          `(after the restart: ${second.answers.filter((a) => a.status === 409 && a.index < unanswered.length).length} had landed, ` +
          `${second.answers.filter((a) => a.status === 303 && a.index < unanswered.length).length} had not), ` +
          `acknowledged in all ${acknowledged.size}, stored ${String(counts!.cast)}, ${Math.round((Date.now() - started) / 1000)} s`,
      );
    },
  );
});
