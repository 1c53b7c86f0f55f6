/**
 * Ballot benchmark: `npm run bench:ballots` (add `-- --quick` for a 10-second casting run).
 *
 * On PGlite, and on PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres,
 * in a fresh database created and dropped here; skipped if it cannot be reached):
 *
 * 1. Casting over HTTP: the real server (`src/server.ts`, a separate process, 127.0.0.1) with an open
 *    ballot of 10 options; each request is a different elector with their own session and CSRF token,
 *    prepared beforehand. Open loop at BENCH_RATE (500/s) for 60 s (10 s with --quick) after a short
 *    warm-up; 1 request in 100 is deliberately invalid (two options with the same rank: 422 expected).
 *    Reports throughput, p50/p99 latency and every unexpected answer, then checks the database:
 *    register = ballots = accepted requests.
 * 2. Counting 100,000 ranked ballots of 10 options (BENCH_COUNT_BALLOTS): stored in cast_ballots, then
 *    closeBallot timed end to end and step by step (rewrite and read the ballots, rewrite the
 *    register and read the turnout, count, store the result), and the count alone against the
 *    `votes` npm package on the same ballots (Schulze, Borda, IRV), as a ratio.
 *
 * Figures go to stdout and to .tmp/bench-ballots.json; docs/benchmarks.md quotes them.
 * BENCH_EXTRA_SQL is run after the migrations (to measure an index before writing its migration).
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import pg from "pg";
import { Borda, InstantRunoff, Schulze, utils } from "votes";
import { closeBallot, type CloseTimings } from "../src/commands/ballots/close.js";
import { openBallot } from "../src/commands/ballots/open.js";
import { openDatabase, type Database } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import { ballotElectors, castBallots } from "../src/db/schema/index.js";
import { seedDemo } from "../src/db/seed/demo.js";
import { countRanked, type RankedMethod } from "../src/domain/voting/index.js";
import {
  addElectorsInBulk,
  castFormBody,
  createRankedBallot,
  prepareOpenBallot,
  shuffled,
  type PreparedBallot,
} from "./support/casting-fixture.js";
import { driveLoad, keepAliveAgent, percentile, type LoadReport, type PlannedRequest } from "./support/http-load.js";
import { freePort, REPO_ROOT, startServer, stopServer } from "./support/server-process.js";

const args = new Set(process.argv.slice(2));
const QUICK = args.has("--quick");
const RATE = Number(process.env.BENCH_RATE ?? 500);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? (QUICK ? 10 : 60));
const WARMUP_S = QUICK ? 3 : 5;
const WARMUP_RATE = Number(process.env.BENCH_WARMUP_RATE ?? Math.min(RATE, 200));
const MAX_IN_FLIGHT = Number(process.env.BENCH_MAX_IN_FLIGHT ?? 256);
const OPTIONS = 10;
const COUNT_BALLOTS = Number(process.env.BENCH_COUNT_BALLOTS ?? 100_000);
const INVALID_EVERY = 100;
const PG_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const SECRET = `bench-secret-${randomBytes(16).toString("hex")}`;
const ENGINES = (process.env.BENCH_ENGINES ?? "pglite,postgres").split(",") as Array<"pglite" | "postgres">;
const SKIP_HTTP = args.has("--count-only");
const SKIP_COUNT = args.has("--http-only");
const TMP = path.join(REPO_ROOT, ".tmp");
/** SQL run after the migrations, e.g. an index to try before writing its migration. */
const EXTRA_SQL = process.env.BENCH_EXTRA_SQL ?? "";

/** Runs EXTRA_SQL once per engine (the casting and the counting parts share its database). */
async function extraSql(engine: Engine, database: Database) {
  if (!EXTRA_SQL || engine.extraSqlDone) return;
  await database.exec(EXTRA_SQL);
  engine.extraSqlDone = true;
}

function log(line: string) {
  process.stdout.write(`${line}\n`);
}

function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

/** A PostgreSQL array literal of text values (one parameter instead of thousands). */
function pgArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

async function median(runs: number, fn: () => unknown): Promise<{ ms: number; all: number[] }> {
  fn(); // warm-up (JIT), not timed
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    all.push(performance.now() - t0);
  }
  const sorted = [...all].sort((a, b) => a - b);
  return { ms: sorted[Math.floor(sorted.length / 2)]!, all };
}

// ---------------------------------------------------------------------------------------------
// Engines

interface Engine {
  kind: "pglite" | "postgres";
  /** Opens the bench database from this process (never while the server holds PGlite). */
  open: () => Promise<Database>;
  /** What the server needs to find the same database. */
  server: { dataDir: string; databaseUrl?: string };
  version: string;
  dispose: () => Promise<void>;
  extraSqlDone?: boolean;
}

async function pgliteEngine(): Promise<Engine> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "letscoop-bench-"));
  const pkg = JSON.parse(
    readFileSync(path.join(REPO_ROOT, "node_modules/@electric-sql/pglite/package.json"), "utf8"),
  ) as { version: string };
  const open = () => openDatabase({ kind: "pglite", dataDir: path.join(dataDir, "pglite") });
  const probe = await open();
  const [v] = rowsOf<{ version: string }>(await probe.db.execute(sql`select version()`));
  await probe.close();
  return {
    kind: "pglite",
    open,
    server: { dataDir },
    version: `PGlite ${pkg.version} (${v!.version.split(" on ")[0]})`,
    dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

async function postgresEngine(): Promise<Engine | null> {
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3_000 });
  try {
    await admin.connect();
  } catch (error) {
    log(`PostgreSQL at ${PG_URL.replace(/\/\/[^@]*@/, "//…@")} not reachable (${(error as Error).message}): skipped`);
    return null;
  }
  const name = `letscoop_bench_${randomBytes(4).toString("hex")}`;
  const { rows } = await admin.query<{ server_version: string }>("show server_version");
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "letscoop-bench-pg-"));
  return {
    kind: "postgres",
    open: () => openDatabase({ kind: "postgres", url: url.toString(), poolSize: 10 }),
    server: { dataDir, databaseUrl: url.toString() },
    version: `PostgreSQL ${rows[0]!.server_version}`,
    dispose: async () => {
      const cleaner = new pg.Client({ connectionString: PG_URL });
      await cleaner.connect();
      await cleaner.query(`drop database if exists "${name}" with (force)`);
      await cleaner.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 1. Casting over HTTP

interface CastingFigures {
  electorsPrepared: number;
  targetRate: number;
  durationS: number;
  sent: number;
  accepted: number;
  intendedRefusals: number;
  unexpected: Record<string, number>;
  networkFailures: number;
  networkFailureKinds: Record<string, number>;
  sustainedPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  p99FromScheduleMs: number;
  /** p99 of the requests due in each second of the run (where a slow patch is, if any). */
  p99BySecondMs: number[];
  lateStarts: number;
  serverCpuPercent: number | null;
  loadGeneratorCpuPercent: number;
  registerRows: number;
  castRows: number;
  consistent: boolean;
  /** Ballots stored whose request got no answer in time (client timeout). */
  storedWithoutAnswer: number;
  prepareS: number;
}

function castRequest(prepared: PreparedBallot, voterIndex: number, locale = "fr"): PlannedRequest {
  const voter = prepared.voters[voterIndex]!;
  const invalid = voterIndex % INVALID_EVERY === INVALID_EVERY - 1;
  return {
    method: "POST",
    path: `/${locale}/ballots/${prepared.ballotId}`,
    headers: { cookie: voter.cookie, "content-type": "application/x-www-form-urlencoded" },
    body: castFormBody(voter, prepared.keys, { invalid }),
    expect: invalid ? [422] : [303],
    intendedRefusal: invalid,
  };
}

async function benchCasting(engine: Engine): Promise<CastingFigures> {
  const warmupCount = Math.ceil(WARMUP_RATE * WARMUP_S);
  const measuredCount = Math.ceil(RATE * DURATION_S * 1.02) + 50;
  const t0 = performance.now();
  const database = await engine.open();
  await migrate(database);
  await extraSql(engine, database);
  await seedDemo(database.db);
  const prepared = await prepareOpenBallot(database.db, SECRET, {
    electors: warmupCount + measuredCount,
    options: OPTIONS,
  });
  await database.close();
  const prepareS = (performance.now() - t0) / 1000;
  log(`  prepared ${prepared.voters.length} signed-in electors and an open ballot in ${prepareS.toFixed(1)} s`);

  const port = await freePort();
  const logFile = path.join(TMP, `bench-server-${engine.kind}.log`);
  rmSync(logFile, { force: true });
  const profile = process.env.BENCH_CPU_PROF_DIR;
  const server = await startServer({
    port,
    secret: SECRET,
    logFile,
    ...engine.server,
    // A CPU profile of the server, written when it stops (for finding the bottleneck).
    ...(profile ? { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${profile}`] } : {}),
  });
  let report: LoadReport;
  let warmAccepted: number;
  let serverCpu: number | null = null;
  let loadCpu: number;
  try {
    // Warm-up (JIT, caches, connections): its own electors, not measured. The measured run goes on
    // over the connections it opened, as browsers keep theirs.
    const agent = keepAliveAgent(MAX_IN_FLIGHT);
    const warm = await driveLoad({
      agent,
      port,
      rate: WARMUP_RATE,
      durationMs: WARMUP_S * 1000 + 5_000,
      maxInFlight: MAX_IN_FLIGHT,
      next: (i) => (i < warmupCount ? castRequest(prepared, i) : null),
    });
    warmAccepted = warm.expected - warm.intendedRefusals;
    log(`  warm-up: ${warm.expected}/${warm.sent} as expected`);
    const cpuBefore = server.cpuMs();
    const usageBefore = process.cpuUsage();
    report = await driveLoad({
      agent,
      port,
      rate: RATE,
      durationMs: DURATION_S * 1000,
      maxInFlight: MAX_IN_FLIGHT,
      timeoutMs: 30_000,
      next: (i) => (warmupCount + i < prepared.voters.length ? castRequest(prepared, warmupCount + i) : null),
    });
    const cpuAfter = server.cpuMs();
    agent.destroy();
    const usage = process.cpuUsage(usageBefore);
    if (cpuBefore !== null && cpuAfter !== null) serverCpu = ((cpuAfter - cpuBefore) / report.wallMs) * 100;
    loadCpu = ((usage.user + usage.system) / 1000 / report.wallMs) * 100;
  } finally {
    await stopServer(server);
  }

  const check = await engine.open();
  const [counts] = rowsOf<{ register: number; cast: number }>(
    await check.db.execute(sql`
      select (select count(*)::int from ballot_register where ballot_id = ${prepared.ballotId}) as register,
             (select count(*)::int from cast_ballots where ballot_id = ${prepared.ballotId}) as cast`),
  );
  await check.close();
  const accepted = report.expected - report.intendedRefusals;
  const lat = [...report.latencies].sort((a, b) => a - b);
  const sched = [...report.fromSchedule].sort((a, b) => a - b);
  return {
    electorsPrepared: prepared.voters.length,
    targetRate: RATE,
    durationS: DURATION_S,
    sent: report.sent,
    accepted,
    intendedRefusals: report.intendedRefusals,
    unexpected: report.unexpected,
    networkFailures: report.failures,
    networkFailureKinds: report.failureKinds,
    sustainedPerSecond: report.answered / (report.wallMs / 1000),
    p50Ms: percentile(lat, 50),
    p90Ms: percentile(lat, 90),
    p99Ms: percentile(lat, 99),
    maxMs: lat[lat.length - 1] ?? NaN,
    p99FromScheduleMs: percentile(sched, 99),
    p99BySecondMs: p99BySecond(report.answers, RATE),
    lateStarts: report.lateStarts,
    serverCpuPercent: serverCpu,
    loadGeneratorCpuPercent: loadCpu,
    registerRows: Number(counts!.register),
    castRows: Number(counts!.cast),
    // The warm-up's accepted ballots are in the tables too. A request that got no answer (timeout)
    // may still have been stored: at most that many more ballots than acknowledged.
    consistent:
      Number(counts!.register) === Number(counts!.cast) &&
      Number(counts!.cast) >= accepted + warmAccepted &&
      Number(counts!.cast) <= accepted + warmAccepted + report.failures,
    storedWithoutAnswer: Number(counts!.cast) - accepted - warmAccepted,
    prepareS,
  };
}

/** The p99 latency of the answered requests due in each second of the open-loop schedule. */
function p99BySecond(
  answers: ReadonlyArray<{ index: number; status: number | null; latencyMs: number }>,
  rate: number,
) {
  const seconds: number[][] = [];
  for (const a of answers) {
    if (a.status === null) continue;
    (seconds[Math.floor(a.index / rate)] ??= []).push(a.latencyMs);
  }
  return Array.from(seconds, (latencies) =>
    percentile(
      [...(latencies ?? [])].sort((x, y) => x - y),
      99,
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// 2. Counting

interface CountFigures extends CloseTimings {
  ballots: number;
  options: number;
  prepareS: number;
  closeEndToEndMs: number;
  /**
   * End to end minus the steps in sequence: waiting for the rewrite of the ballots beyond the parse
   * and the count, BEGIN, COMMIT.
   */
  restMs: number;
  compare: Array<{ method: RankedMethod; oursMs: number; votesMs: number; ratio: number; sameWinner: boolean }>;
}

async function benchCounting(engine: Engine): Promise<CountFigures> {
  const t0 = performance.now();
  const database = await engine.open();
  const db = database.db;
  await migrate(database);
  await extraSql(engine, database);
  if (rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from organisations`))[0]!.n === 0)
    await seedDemo(db);
  const personIds = await addElectorsInBulk(db, "smart-fr", COUNT_BALLOTS);
  const { ballotId, keys } = await createRankedBallot(db, "smart-fr", { options: OPTIONS, method: "schulze" });
  const opened = await openBallot(db, ballotId, { actorId: null });
  if (!opened.ok) throw new Error(`open: ${opened.reason}`);
  // The register and the ballots, as 100,000 casts would have left them (written directly: the
  // casting path is measured above).
  const electors = await db
    .select({ personId: ballotElectors.personId, weight: ballotElectors.weight, collegeKey: ballotElectors.collegeKey })
    .from(ballotElectors)
    .where(eq(ballotElectors.ballotId, ballotId));
  const byPerson = new Map(electors.map((e) => [e.personId, e]));
  for (let i = 0; i < personIds.length; i += 2000) {
    const chunk = personIds.slice(i, i + 2000);
    await db.execute(
      sql`insert into ballot_register (ballot_id, person_id) select ${ballotId}::uuid, unnest(${`{${chunk.join(",")}}`}::uuid[])`,
    );
    const rows = chunk.map((personId) => ({
      e: byPerson.get(personId)!,
      ranking: JSON.stringify(shuffled(keys).map((k) => [k])),
    }));
    await db.execute(sql`
      insert into cast_ballots (ballot_id, ranking, weight, college_key, tracker)
      select ${ballotId}::uuid, r::jsonb, w::numeric, c, t
      from unnest(${pgArray(rows.map((x) => x.ranking))}::text[], ${pgArray(rows.map((x) => x.e.weight))}::text[],
                  ${pgArray(rows.map((x) => x.e.collegeKey))}::text[], ${pgArray(rows.map(() => randomBytes(32).toString("hex")))}::text[]) as u(r, w, c, t)`);
  }
  const prepareS = (performance.now() - t0) / 1000;
  log(`  stored ${personIds.length} ballots of ${OPTIONS} options in ${prepareS.toFixed(1)} s`);

  // The close, end to end, with the time of each of its steps (closeBallot fills `timings`).
  const timings: Partial<CloseTimings> = {};
  const e0 = performance.now();
  const closed = await closeBallot(db, ballotId, { actorId: null, timings });
  const closeEndToEndMs = performance.now() - e0;
  if (!closed.ok) throw new Error(`close: ${closed.reason}`);
  if (closed.result.ballotsCounted !== COUNT_BALLOTS) throw new Error(`counted ${closed.result.ballotsCounted}`);
  const steps = timings as CloseTimings;
  // The steps in sequence (the rewrite of the ballots overlaps the parse and the count on PostgreSQL).
  const counting = steps.readMs + steps.parseMs + steps.countMs + steps.turnoutMs;
  // On PostgreSQL the counting runs beside the rewrite (another connection); on PGlite after it.
  const sequentialMs =
    steps.lockMs +
    (engine.kind === "postgres" ? Math.max(counting, steps.rewriteBallotsMs) : counting + steps.rewriteBallotsMs) +
    steps.storeMs;

  // The same ballots, read again (not timed) for the comparison below.
  const cast = await db
    .select({ ranking: castBallots.ranking, weight: castBallots.weight })
    .from(castBallots)
    .where(eq(castBallots.ballotId, ballotId));

  // The count alone, ours against `votes`, on the same ballots in memory.
  const ours = cast.map((b) => ({ ranking: b.ranking, weight: b.weight }));
  const theirs = cast.map((b) => ({ ranking: b.ranking, weight: Number(b.weight) }));
  const compare: CountFigures["compare"] = [];
  for (const method of ["schulze", "borda", "irv"] as const) {
    let ourWinner: string[] = [];
    let theirWinner: string[] = [];
    const mine = await median(3, () => {
      ourWinner = countRanked(method, { candidates: keys, ballots: ours }).ranking[0] ?? [];
    });
    const other = await median(3, () => {
      const ranking =
        method === "schulze"
          ? new Schulze(utils.matrixFromBallots(theirs, keys)).ranking()
          : method === "borda"
            ? new Borda({ candidates: keys, ballots: theirs }).ranking()
            : new InstantRunoff({ candidates: keys, ballots: theirs }).ranking();
      theirWinner = ranking[0] ?? [];
    });
    compare.push({
      method,
      oursMs: mine.ms,
      votesMs: other.ms,
      ratio: mine.ms / other.ms,
      sameWinner: [...ourWinner].sort().join() === [...theirWinner].sort().join(),
    });
  }
  await database.close();
  return {
    ballots: COUNT_BALLOTS,
    options: OPTIONS,
    prepareS,
    closeEndToEndMs,
    ...steps,
    restMs: closeEndToEndMs - sequentialMs,
    compare,
  };
}
// ---------------------------------------------------------------------------------------------

function machine() {
  const cpus = os.cpus();
  return {
    loadAverage1m: Number(os.loadavg()[0]!.toFixed(2)),
    cores: cpus.length,
    cpu: cpus[0]?.model ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  };
}

async function main() {
  mkdirSync(TMP, { recursive: true });
  const started = Date.now();
  const m = machine();
  log(
    `Ballot benchmark${QUICK ? " (quick)" : ""}: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}`,
  );
  const results: Record<string, unknown> = {
    machine: m,
    quick: QUICK,
    command: `npm run bench:ballots${QUICK ? " -- --quick" : ""}`,
    ...(EXTRA_SQL ? { extraSql: EXTRA_SQL } : {}),
  };
  if (EXTRA_SQL) log(`extra SQL after the migrations: ${EXTRA_SQL}`);
  for (const kind of ENGINES) {
    const engine = kind === "pglite" ? await pgliteEngine() : await postgresEngine();
    if (!engine) {
      results[kind] = { skipped: "not reachable" };
      continue;
    }
    log(
      `\n== ${engine.version} (load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")})`,
    );
    const figures: Record<string, unknown> = { version: engine.version };
    try {
      if (!SKIP_HTTP) {
        log(`casting over HTTP: ${RATE}/s for ${DURATION_S} s, up to ${MAX_IN_FLIGHT} requests in flight`);
        const loadBefore = os.loadavg()[0]!;
        const c = await benchCasting(engine);
        figures.casting = { ...c, loadAverage1m: [loadBefore, os.loadavg()[0]!] };
        log(
          `  sent ${c.sent}, accepted ${c.accepted} (303), intended 422: ${c.intendedRefusals}, unexpected: ${JSON.stringify(c.unexpected)}, network failures: ${c.networkFailures} ${JSON.stringify(c.networkFailureKinds)}`,
        );
        log(
          `  sustained ${c.sustainedPerSecond.toFixed(0)}/s; latency p50 ${ms(c.p50Ms)}, p90 ${ms(c.p90Ms)}, p99 ${ms(c.p99Ms)}, max ${ms(c.maxMs)}; p99 from schedule ${ms(c.p99FromScheduleMs)}; late starts ${c.lateStarts}`,
        );
        log(`  p99 by second of the run (ms): ${c.p99BySecondMs.map((v) => v.toFixed(0)).join(" ")}`);
        log(
          `  server CPU ${c.serverCpuPercent === null ? "?" : c.serverCpuPercent.toFixed(0)} % of one core, load generator ${c.loadGeneratorCpuPercent.toFixed(0)} %`,
        );
        log(`  load average (1 min) before and after: ${loadBefore.toFixed(1)}, ${os.loadavg()[0]!.toFixed(1)}`);
        log(
          `  database: register ${c.registerRows}, ballots ${c.castRows}: ${c.consistent ? "consistent with the accepted requests" : "INCONSISTENT"} (stored without an answer in time: ${c.storedWithoutAnswer})`,
        );
      }
      if (!SKIP_COUNT) {
        log(`counting ${COUNT_BALLOTS} ranked ballots of ${OPTIONS} options`);
        const loadBefore = os.loadavg()[0]!;
        const k = await benchCounting(engine);
        figures.counting = { ...k, loadAverage1m: [loadBefore, os.loadavg()[0]!] };
        log(
          `  closeBallot end to end: ${ms(k.closeEndToEndMs)}: lock ${ms(k.lockMs)}; read ballots ${ms(k.readMs)}, parse ${ms(k.parseMs)}, count (all and by college) ${ms(k.countMs)}, read turnout ${ms(k.turnoutMs)}; rewrite of the ballots ${ms(k.rewriteBallotsMs)} (${engine.kind === "postgres" ? "beside the read and the count, on another connection" : "after them"}); store result, audit ${ms(k.storeMs)}; the rest (begin, commit, waits) ${ms(k.restMs)}`,
        );
        log(`  load average (1 min) before and after: ${loadBefore.toFixed(1)}, ${os.loadavg()[0]!.toFixed(1)}`);
        for (const c of k.compare) {
          log(
            `  ${c.method.padEnd(8)} LetsCoop ${ms(c.oursMs)}, votes ${ms(c.votesMs)}: ratio ${c.ratio.toFixed(2)} (same winner: ${c.sameWinner ? "yes" : "NO"})`,
          );
        }
      }
    } finally {
      await engine.dispose();
    }
    results[kind] = figures;
  }
  results.totalS = (Date.now() - started) / 1000;
  writeFileSync(path.join(TMP, "bench-ballots.json"), JSON.stringify(results, null, 2));
  log(`\nwritten to .tmp/bench-ballots.json (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

await main();
