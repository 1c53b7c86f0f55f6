/**
 * Member import benchmark: `npm run bench:import`.
 *
 * Generates a register of 10,000 invented members, then on each engine (PGlite always,
 * PostgreSQL when BENCH_DATABASE_URL is set) times: parsing, the first import (10,000 created),
 * the same file again (10,000 unchanged) and a file where every row changed (10,000 updated).
 * Each engine starts from a fresh migrated database holding the demo data.
 */
import os from "node:os";
import { importMemberRows, loadImportContext } from "../src/commands/import-members.js";
import { findOrganisationBySlug } from "../src/commands/organisations.js";
import { openDatabase, type Database } from "../src/db/client.js";
import { withScratchPostgres } from "./support/scratch-postgres.js";
import { migrate } from "../src/db/migrate.js";
import { seedDemo } from "../src/db/seed/demo.js";
import { parseMemberFile } from "../src/domain/members/csv-import.js";

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const LIMIT_MS = 10_000;

const FIRST = [
  "Amélie",
  "Bram",
  "Céline",
  "Daan",
  "Emma",
  "Florian",
  "Hanna",
  "Ilias",
  "Jana",
  "Karim",
  "Lotte",
  "Mathis",
];
const LAST = ["Aerts", "Bastin", "Claes", "Dumont", "Evrard", "Fontaine", "Goossens", "Hermans", "Jacobs", "Lambert"];
const COLLEGES = ["member-workers", "staff", "clients", "partners"];
const CITIES = [
  "Bruxelles",
  "Antwerpen",
  "Gent",
  "Liège",
  "Namur",
  "Charleroi",
  "Mons",
  "Leuven",
  "Brugge",
  "Hasselt",
  "Kortrijk",
  "Eupen",
];
const SECTORS = ["Musique", "Arts visuels", "Formation", "Informatique", "Audiovisuel", "Traduction"];
const LANGUAGES = ["fr", "nl", "de", "en"];

/** A register as a spreadsheet would export it; `edition` changes every row's shares and sector. */
function register(rows: number, edition: number): Uint8Array {
  const lines = ["courriel;nom;collège;sociétaire;parts;bureau;secteur;langue;annuaire;numéro"];
  for (let i = 0; i < rows; i++) {
    const shares = i % 3 === 0 ? 0 : 1 + ((i + edition) % 5);
    lines.push(
      [
        `bench.member${i}@example.org`,
        `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`,
        COLLEGES[i % COLLEGES.length],
        shares > 0 ? "oui" : "non",
        shares,
        CITIES[i % CITIES.length],
        `${SECTORS[(i + edition) % SECTORS.length]}`,
        LANGUAGES[i % LANGUAGES.length],
        i % 2 === 0 ? "oui" : "non",
        `B-${String(i).padStart(6, "0")}`,
      ].join(";"),
    );
  }
  return new TextEncoder().encode(`\uFEFF${lines.join("\r\n")}\r\n`);
}

interface Timing {
  step: string;
  /** Wall-clock time. */
  ms: number;
  /** CPU time of this process (user + system): on PGlite, all the work; on PostgreSQL, the client's share. */
  cpuMs: number;
  outcome: string;
}

async function time<T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number; cpuMs: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

async function runOn(database: Database): Promise<Timing[]> {
  await migrate(database);
  await seedDemo(database.db);
  const org = await findOrganisationBySlug(database.db, "smart-be");
  const context = await loadImportContext(database.db, org!.id);
  const timings: Timing[] = [];
  const files: Array<[string, Uint8Array]> = [
    ["first import (all new)", register(ROWS, 0)],
    ["same file again (all unchanged)", register(ROWS, 0)],
    ["every row changed (all updated)", register(ROWS, 1)],
  ];
  for (const [step, bytes] of files) {
    const parsed = await time(() => parseMemberFile(bytes, context!));
    if (parsed.value.fileErrors.length > 0 || parsed.value.rowIssueCount > 0)
      throw new Error(`the generated file has errors: ${JSON.stringify(parsed.value.rowIssues.slice(0, 3))}`);
    const imported = await time(() =>
      importMemberRows(database.db, { organisationId: org!.id, actorId: null, parsed: parsed.value, source: "cli" }),
    );
    const s = imported.value;
    timings.push({
      step: `${step}: parse`,
      ms: parsed.ms,
      cpuMs: parsed.cpuMs,
      outcome: `${parsed.value.rows.length} rows, ${(bytes.byteLength / 1024).toFixed(0)} KiB`,
    });
    timings.push({
      step: `${step}: import`,
      ms: imported.ms,
      cpuMs: imported.cpuMs,
      outcome: `${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged`,
    });
    timings.push({
      step: `${step}: total`,
      ms: parsed.ms + imported.ms,
      cpuMs: parsed.cpuMs + imported.cpuMs,
      outcome: parsed.ms + imported.ms < LIMIT_MS ? "under 10 s" : "OVER 10 s",
    });
  }
  return timings;
}

function print(engine: string, timings: Timing[]) {
  console.log(`\n${engine}`);
  console.log(`  ${"step".padEnd(46)} ${"wall".padStart(9)} ${"cpu".padStart(9)}   outcome`);
  for (const t of timings) {
    const wall = `${t.ms.toFixed(0)} ms`.padStart(9);
    const cpu = `${t.cpuMs.toFixed(0)} ms`.padStart(9);
    console.log(`  ${t.step.padEnd(46)} ${wall} ${cpu}   ${t.outcome}`);
  }
}

async function main() {
  const cpus = os.cpus();
  console.log(`Member import benchmark: ${ROWS} rows`);
  console.log(
    `Node ${process.version}, ${os.platform()} ${os.arch()}, ${cpus.length} cores (${cpus[0]?.model ?? "unknown CPU"}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, load average ${os.loadavg()[0]!.toFixed(1)}`,
  );

  const pglite = await openDatabase({ kind: "pglite" });
  try {
    print("PGlite (in memory, this process)", await runOn(pglite));
  } finally {
    await pglite.close();
  }

  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    console.log("\nPostgreSQL: skipped (set BENCH_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres)");
    return;
  }
  await withScratchPostgres(url, async (postgres, label) => print(label, await runOn(postgres)));
}

await main();
