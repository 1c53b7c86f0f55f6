/**
 * Catalogue search benchmark: `npm run bench:catalogue`.
 *
 * On a fresh migrated database with the demo data (PGlite always, PostgreSQL too when
 * BENCH_DATABASE_URL is set), adds generated recommendations until the catalogue holds
 * BENCH_RECOMMENDATIONS (default 5,000), a fifth of them with a Dutch translation, their texts
 * made of the demo recommendations' own sentences, then times each kind of search through the
 * catalogue command (`searchCatalogue`, what the page runs): median and 95th percentile of
 * BENCH_RUNS runs (default 30) after 3 warm-up runs. Target: under 100 ms on the embedded database.
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import { asc, count, eq, sql } from "drizzle-orm";
import { searchCatalogue } from "../src/commands/catalogue/search.js";
import { openDatabase, type Database } from "../src/db/client.js";
import { withScratchPostgres } from "./support/scratch-postgres.js";
import { migrate } from "../src/db/migrate.js";
import {
  cycles,
  persons,
  recommendations,
  recommendationTranslations,
  recommendationVersions,
  workingGroups,
} from "../src/db/schema/index.js";
import { recommendationSearch } from "../src/db/schema/search.js";
import { seedDemo } from "../src/db/seed/demo.js";
import { parseCatalogueQuery } from "../src/domain/catalogue/query.js";

const TOTAL = Number(process.env.BENCH_RECOMMENDATIONS ?? 5_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const TARGET_MS = 100;
const BATCH = 250;

const DUTCH = [
  "De coöperatie moet haar leden beter begeleiden bij de start van hun activiteit.",
  "Een ethische commissie volgt de vragen op die sommige beroepen oproepen.",
  "De opleidingen worden in het Nederlands en het Frans aangeboden in elk kantoor.",
  "Het bestuur publiceert elk jaar de loonverschillen tussen de leden.",
];

/** Sentences of the demo recommendations, to make texts that stem and rank like real ones. */
async function corpus(db: Database["db"]): Promise<string[]> {
  const rows = await db
    .select({ title: recommendationVersions.title, sections: recommendationVersions.sections })
    .from(recommendationVersions);
  const sentences = rows.flatMap((r) =>
    [r.title, ...Object.values(r.sections)].flatMap((text) => text.split(/(?<=[.!?])\s+/)).filter((s) => s.length > 20),
  );
  if (sentences.length < 20) throw new Error("the demo data has too few sentences");
  return sentences;
}

async function fill(db: Database["db"]): Promise<number> {
  const sentences = await corpus(db);
  const [cycle] = await db.select().from(cycles).where(eq(cycles.slug, "2015-2016"));
  const groups = await db
    .select({ id: workingGroups.id })
    .from(workingGroups)
    .where(eq(workingGroups.cycleId, cycle!.id))
    .orderBy(asc(workingGroups.key));
  const [author] = await db.select({ id: persons.id }).from(persons).limit(1);
  const [existing] = await db.select({ n: count() }).from(recommendationSearch);
  const pick = (i: number, k: number) => sentences[(i * 7919 + k * 104729) % sentences.length]!;
  let number = 1000;
  for (let done = existing!.n; done < TOTAL; done += BATCH) {
    const size = Math.min(BATCH, TOTAL - done);
    const recs = Array.from({ length: size }, (_, j) => ({
      id: randomUUID(),
      cycleId: cycle!.id,
      groupId: groups[(done + j) % groups.length]!.id,
      number: number++,
      sourceLanguage: "fr" as const,
      state: ["submitted", "retained", "adopted", "not_retained"][(done + j) % 4]!,
      axes: [["democracy"], ["social-change"], ["services-for-each", "democracy"], []][(done + j) % 4]!,
      createdBy: author!.id,
    }));
    await db.insert(recommendations).values(recs);
    const versions = recs.map((r, j) => ({
      id: randomUUID(),
      recommendationId: r.id,
      number: 1,
      title: pick(done + j, 0).slice(0, 180),
      sections: {
        context: `${pick(done + j, 1)} ${pick(done + j, 2)}`,
        argumentation: `${pick(done + j, 3)} ${pick(done + j, 4)} ${pick(done + j, 5)}`,
        attention: pick(done + j, 6),
        alreadyDoes: pick(done + j, 7),
        examples: pick(done + j, 8),
      },
      submittedAt: new Date(),
    }));
    await db.insert(recommendationVersions).values(versions);
    const translated = versions.filter((_, j) => (done + j) % 5 === 0);
    if (translated.length > 0)
      await db.insert(recommendationTranslations).values(
        translated.map((v, j) => ({
          recommendationId: v.recommendationId,
          language: "nl" as const,
          sourceVersionId: v.id,
          title: DUTCH[j % DUTCH.length]!,
          sections: {
            context: DUTCH[(j + 1) % DUTCH.length]!,
            argumentation: DUTCH[(j + 2) % DUTCH.length]!,
            attention: "",
            alreadyDoes: "",
            examples: "",
          },
        })),
      );
  }
  await db.execute(sql`analyze`);
  const [{ n }] = (await db.select({ n: count() }).from(recommendations)) as [{ n: number }];
  return n;
}

const SEARCHES: Array<[string, Record<string, string>]> = [
  ["French words: comités d'éthique", { q: "comités d'éthique" }],
  ["French words, two filters", { q: "formation", cycle: "2015-2016", state: "adopted" }],
  ["Dutch words: ethische commissie", { q: "ethische commissie" }],
  ["a typo: comité d'étique (near spellings)", { q: "comité d'étique" }],
  ["search syntax: &|!():*", { q: "&|!():*" }],
  ["no words, filters only, page 3", { cycle: "2015-2016", axis: "democracy", page: "3" }],
  ["no words, sorted by number, page 1", {}],
];

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function runOn(label: string, database: Database) {
  await migrate(database);
  await seedDemo(database.db);
  const started = performance.now();
  const total = await fill(database.db);
  console.log(
    `\n${label}: ${total} recommendations (filled in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  console.log(
    `  ${"search".padEnd(44)} ${"results".padStart(8)} ${"median".padStart(9)} ${"p95".padStart(9)}   target`,
  );
  for (const [name, params] of SEARCHES) {
    const parsed = parseCatalogueQuery(params);
    if (!parsed.ok) throw new Error(`bad benchmark query ${name}`);
    let results = 0;
    const times: number[] = [];
    for (let i = 0; i < RUNS + 3; i++) {
      const t0 = performance.now();
      const r = await searchCatalogue(database.db, parsed.query, "fr");
      const ms = performance.now() - t0;
      results = r.total;
      if (i >= 3) times.push(ms);
    }
    times.sort((a, b) => a - b);
    const median = quantile(times, 0.5);
    const p95 = quantile(times, 0.95);
    console.log(
      `  ${name.padEnd(44)} ${String(results).padStart(8)} ${`${median.toFixed(1)} ms`.padStart(9)} ${`${p95.toFixed(1)} ms`.padStart(9)}   ${p95 < TARGET_MS ? "met" : "MISSED"}`,
    );
  }
}

async function main() {
  const cpus = os.cpus();
  console.log(`Catalogue search benchmark: ${TOTAL} recommendations, ${RUNS} runs per search`);
  console.log(
    `Node ${process.version}, ${os.platform()} ${os.arch()}, ${cpus.length} cores (${cpus[0]?.model ?? "unknown CPU"}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, load average ${os.loadavg()[0]!.toFixed(1)}`,
  );
  const pglite = await openDatabase({ kind: "pglite" });
  try {
    await runOn("PGlite (in memory, this process)", pglite);
  } finally {
    await pglite.close();
  }
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    console.log("\nPostgreSQL: skipped (set BENCH_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres)");
    return;
  }
  await withScratchPostgres(url, (postgres, label) => runOn(label, postgres));
}
await main();
