import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tally } from "../../src/cli/commands/tally.js";
import { castBallot } from "../../src/commands/ballots/cast.js";
import { closeBallot } from "../../src/commands/ballots/close.js";
import { exportBallotsFile, exportBallotsPrefLib } from "../../src/commands/ballots/export.js";
import { openBallot } from "../../src/commands/ballots/open.js";
import type { Database } from "../../src/db/client.js";
import { ballotResults } from "../../src/db/schema/index.js";
import type { StoredBallotResult } from "../../src/domain/ballots/stored-result.js";
import { countRanked, parsePrefLib, type RankedMethod } from "../../src/domain/voting/index.js";
import { ENGINES, openTestDatabase } from "../support/db.js";
import { addMembers, createBallot, demoOrg } from "../commands/ballots-fixtures.js";

const THEMES = ["housing", "care", "commons", "europe", "culture"];

/** A small deterministic generator, so that a failure can be replayed. */
function generator(seed: number) {
  let state = seed >>> 0;
  return (max: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % max;
  };
}

function randomOrder(next: (max: number) => number): string[][] {
  // Biased towards a few favourites so that the count has something to decide.
  const keys = [...THEMES];
  const out: string[][] = [];
  while (keys.length)
    out.push(keys.splice(next(keys.length) % (next(3) === 0 ? keys.length : Math.min(2, keys.length)), 1));
  return out;
}

async function runTally(file: string, method: RankedMethod) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await tally.run(["--method", method, file], { out: (l) => out.push(l), err: (l) => err.push(l) });
  expect(err.join("\n")).toBe("");
  expect(code).toBe(0);
  return JSON.parse(out.join("\n")) as { winners: string[]; ranking: string[][] };
}

describe.each(ENGINES)("recounting the exported ballots on %s", (engine) => {
  let database: Database;
  let dir: string;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    dir = await mkdtemp(path.join(os.tmpdir(), "letscoop-recount-"));
  });
  afterAll(async () => {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  });

  const methods: RankedMethod[] = ["schulze", "ranked-pairs", "copeland", "borda", "irv"];
  for (const [index, method] of methods.entries()) {
    it(`${method}: the tally of the export equals the published result (weights 1 and 0.5, two colleges)`, async () => {
      const db = database.db;
      const org = await demoOrg(db, "smart-fr");
      const staff = await addMembers(db, org, { count: 28, college: "staff" });
      const clients = await addMembers(db, org, { count: 24, college: "clients" });
      const { ballotId } = await createBallot(db, {
        organisationIds: [org.id],
        method,
        themes: THEMES.map((key) => ({ key, titles: { fr: key } })),
        electorate: { collegeKeys: ["staff", "clients"] },
      });
      expect((await openBallot(db, ballotId, { actorId: null })).ok).toBe(true);
      const next = generator(1000 + index);
      // Staff (weight 1) and clients (weight 0.5) lean different ways.
      for (const voter of staff)
        expect((await castBallot(db, { ballotId, personId: voter, ranking: randomOrder(next) })).ok).toBe(true);
      for (const voter of clients) {
        const ranking =
          next(4) === 0 ? randomOrder(next) : [["culture"], ["europe"], ["commons"], ["care"], ["housing"]];
        expect((await castBallot(db, { ballotId, personId: voter, ranking })).ok).toBe(true);
      }
      const closed = await closeBallot(db, ballotId, { actorId: null });
      if (!closed.ok) throw new Error(closed.reason);
      const [row] = await db.select().from(ballotResults).where(eq(ballotResults.ballotId, ballotId));
      const published = row!.result as unknown as StoredBallotResult;
      expect(published.ballotsCounted).toBe(52);

      const file = await exportBallotsFile(db, ballotId);
      expect(file.text).toBe(await exportBallotsPrefLib(db, ballotId));
      expect(file.text).toContain("# WEIGHT SCALE: 2");
      expect(file.text).toContain("# NUMBER BALLOTS: 52");
      expect(file.text).toContain(`# NUMBER VOTERS: ${28 * 2 + 24}`);
      expect(file.text).not.toMatch(/[0-9a-f]{64}/); // no tracker
      expect(file.text).not.toMatch(/staff|clients/); // no college

      // Parsed and counted with the library…
      const election = parsePrefLib(file.text, { dataType: file.dataType });
      const recount = countRanked(method, {
        candidates: election.candidates.map((c) => c.id),
        ballots: election.ballots,
        seats: election.seats ?? 1,
      });
      const name = new Map(election.candidates.map((c) => [c.id, c.name]));
      expect(recount.ranking.map((g) => g.map((id) => name.get(id)))).toEqual(published.combined.ranking);
      expect(recount.winners.map((id) => name.get(id))).toEqual(published.combined.winners);

      // …and with the real command line, on the downloaded file.
      const onDisk = path.join(dir, file.fileName);
      await writeFile(onDisk, file.text);
      const printed = await runTally(onDisk, method);
      expect(printed.ranking).toEqual(published.combined.ranking);
      expect(printed.winners).toEqual(published.combined.winners);
      expect(printed.ranking.flat().sort()).toEqual([...THEMES].sort());
    }, 60_000);
  }
});
