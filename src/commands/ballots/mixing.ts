import { randomBytes, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";

/**
 * Rows written by one transaction share its transaction id (the hidden `xmin` column), so the
 * register row of a voter and their cast ballot, written together, could be joined on it by
 * anyone with SQL access while the ballot is open. Each cast (and recast) therefore also
 * rewrites a few randomly chosen earlier rows of both tables: they take the same `xmin` and a new
 * place in the table, so a transaction id and the physical order point to a group of ballots and
 * a group of voters, never to one pair. Closing the ballot rewrites both tables entirely
 * (see close.ts). Rows locked by concurrent casts are skipped: mixing never waits.
 * See docs/decisions/012-secret-ballot.md.
 */
export const MIX_ROWS = 3;

interface Window {
  /** Rows after a random point of the key space, then, when too few, from its start (wrapping round). */
  from: "after" | "wrapped";
  trackerStart: string;
  personStart: string;
  castRows: number;
  registerRows: number;
}

function cte(ballotId: string, except: { tracker: string; personId: string | null }, w: Window) {
  const trackerSide = w.from === "after" ? sql`tracker > ${w.trackerStart}` : sql`tracker <= ${w.trackerStart}`;
  const personSide =
    w.from === "after" ? sql`person_id > ${w.personStart}::uuid` : sql`person_id <= ${w.personStart}::uuid`;
  const cast = sql`cast_rows as (
      update cast_ballots set ranking = ranking
      where id in (
        select id from cast_ballots
        where ballot_id = ${ballotId} and ${trackerSide} and tracker <> ${except.tracker}
        order by tracker
        limit ${w.castRows}
        for update skip locked
      )
      returning 1
    )`;
  const register =
    except.personId && w.registerRows > 0
      ? sql`, register_rows as (
      update ballot_register set person_id = person_id
      where ballot_id = ${ballotId} and person_id in (
        select person_id from ballot_register
        where ballot_id = ${ballotId} and ${personSide} and person_id <> ${except.personId}::uuid
        order by person_id
        limit ${w.registerRows}
        for update skip locked
      )
      returning 1
    )`
      : sql`, register_rows as (select 1 where false)`;
  return sql`with ${cast}${register}
    select (select count(*)::int from cast_rows) as cast_rows, (select count(*)::int from register_rows) as register_rows`;
}

/**
 * Rewrites up to MIX_ROWS random cast ballots of the ballot (never `except.tracker`) and, unless
 * `except.personId` is null, as many register rows (never that person's). Rows are taken from a
 * random point of the tracker (or person id) order, which says nothing of when they were cast.
 */
export async function mixRows(
  tx: Queryable,
  ballotId: string,
  except: { tracker: string; personId: string | null },
): Promise<void> {
  const w: Window = {
    from: "after",
    trackerStart: randomBytes(32).toString("hex"),
    personStart: randomUUID(),
    castRows: MIX_ROWS,
    registerRows: except.personId ? MIX_ROWS : 0,
  };
  const result = await tx.execute(cte(ballotId, except, w));
  const [done] = (result as unknown as { rows: Array<{ cast_rows: number; register_rows: number }> }).rows;
  const castLeft = MIX_ROWS - Number(done?.cast_rows ?? 0);
  const registerLeft = w.registerRows - Number(done?.register_rows ?? 0);
  if (castLeft > 0 || registerLeft > 0) {
    await tx.execute(
      cte(ballotId, except, {
        ...w,
        from: "wrapped",
        castRows: Math.max(castLeft, 0),
        registerRows: Math.max(registerLeft, 0),
      }),
    );
  }
}
