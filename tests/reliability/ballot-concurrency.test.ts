import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { castBallot, type CastOutcome } from "../../src/commands/ballots/cast.js";
import { openBallot } from "../../src/commands/ballots/open.js";
import type { Database } from "../../src/db/client.js";
import { ENGINES, openTestDatabase } from "../support/db.js";
import { addMembers, createBallot, demoOrg, rowsOf, votingCounts } from "../commands/ballots-fixtures.js";

const VOTERS = 200;
const ATTEMPTS = 10;

describe.each(ENGINES)("one ballot per voter under concurrency on %s", (engine) => {
  let database: Database;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(async () => {
    await database.close();
  });

  it(`${VOTERS} voters each sending the same ballot ${ATTEMPTS} times at once: ${VOTERS} ballots, ${VOTERS} receipts`, async () => {
    const db = database.db;
    const org = await demoOrg(db, "smart-fr");
    const voters = [
      ...(await addMembers(db, org, { count: VOTERS / 2, college: "staff" })),
      ...(await addMembers(db, org, { count: VOTERS / 2, college: "clients" })),
    ];
    const { ballotId, keys } = await createBallot(db, {
      organisationIds: [org.id],
      electorate: { collegeKeys: ["staff", "clients"] },
    });
    const opened = await openBallot(db, ballotId, { actorId: null });
    expect(opened.ok && opened.electors).toBeGreaterThanOrEqual(VOTERS);

    const ranking = keys.map((k) => [k]);
    const started = performance.now();
    const outcomes: CastOutcome[] = await Promise.all(
      voters.flatMap((personId) =>
        Array.from({ length: ATTEMPTS }, () => castBallot(db, { ballotId, personId, ranking })),
      ),
    );
    const ms = performance.now() - started;

    const accepted = outcomes.filter((o): o is Extract<CastOutcome, { ok: true }> => o.ok);
    const refused = outcomes.filter((o) => !o.ok);
    expect(accepted).toHaveLength(VOTERS);
    expect(refused).toHaveLength(VOTERS * (ATTEMPTS - 1));
    expect(new Set(refused.map((o) => !o.ok && o.reason))).toEqual(new Set(["already_voted"]));
    expect(new Set(accepted.map((o) => o.receipt)).size).toBe(VOTERS);
    expect(new Set(accepted.map((o) => o.tracker)).size).toBe(VOTERS);
    expect(await votingCounts(db, ballotId)).toEqual({ register: VOTERS, cast: VOTERS });
    const [stored] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(distinct tracker)::int as n from cast_ballots where ballot_id = ${ballotId}`),
    );
    expect(Number(stored!.n)).toBe(VOTERS);
    // Measured, not asserted: the time of the 2,000 attempts on this engine.
    console.info(`[${engine}] ${VOTERS * ATTEMPTS} concurrent cast attempts in ${Math.round(ms)} ms`);
  }, 120_000);
});
