import { randomBytes, randomUUID } from "node:crypto";

/**
 * Rows written by one transaction share its transaction id (the hidden `xmin` column), so the
 * register row of a voter and their cast ballot, written together, could be joined on it by
 * anyone with SQL access while the ballot is open. Each cast (and recast) therefore also
 * rewrites a few randomly chosen earlier rows of both tables: they take the same `xmin` and a new
 * place in the table, so a transaction id and the physical order point to a group of ballots and
 * a group of voters, never to one pair. Closing the ballot rewrites both tables entirely
 * (see close.ts). Rows locked by concurrent casts are skipped: mixing never waits.
 * See docs/decisions/012-secret-ballot.md.
 *
 * The mixing is written as common table expressions appended to the WITH list of the statement
 * that writes the vote (cast.ts), so that it costs no round trip of its own and runs in the same
 * transaction. Its arguments are SQL expressions (parameters of that statement). Rows are taken
 * from a random point of the tracker (or person id) order, wrapping round to its start when too
 * few follow: that order says nothing of when they were cast. Nothing is touched unless `when`
 * holds (e.g. "the vote was written"). The statement's own new rows are not visible to it (one
 * snapshot), so it never rewrites them.
 */
export const MIX_ROWS = 3;

/** Random starting points in the tracker and person id orders, for one cast. */
export function mixingStarts(): { trackerStart: string; personStart: string } {
  return { trackerStart: randomBytes(32).toString("hex"), personStart: randomUUID() };
}

interface MixArgs {
  /** The ballot id (uuid). */
  ballot: string;
  /** The tracker (or person id) never to touch. */
  except: string;
  /** The random starting point (text for trackers, uuid for person ids). */
  start: string;
  /** Condition for doing anything at all. */
  when: string;
}

/**
 * Rewrites up to MIX_ROWS cast ballots of the ballot (never `except`). Row locks are not allowed
 * beside UNION: each side is its own CTE, read only as far as needed (the wrapped side only when
 * fewer than MIX_ROWS rows follow the random point). The rows picked are then updated by their
 * physical address (`ctid`, a TID scan; they are locked, so it cannot change): the update never
 * depends on the planner choosing well between a join and a scan of every row of the ballot.
 */
export function mixCastBallots(a: MixArgs): string {
  return `mix_cast_after as (
      select ctid as row_at from cast_ballots
      where ballot_id = ${a.ballot} and tracker > ${a.start} and tracker <> ${a.except}
      order by tracker limit ${MIX_ROWS} for update skip locked
    ),
    mix_cast_wrapped as (
      select ctid as row_at from cast_ballots
      where ballot_id = ${a.ballot} and tracker <= ${a.start} and tracker <> ${a.except}
      order by tracker limit ${MIX_ROWS} for update skip locked
    ),
    mix_cast as (
      update cast_ballots set ranking = ranking
      where ${a.when} and ctid = any (array(
        select row_at from (select row_at from mix_cast_after union all select row_at from mix_cast_wrapped) as picked
        limit ${MIX_ROWS}
      ))
      returning 1
    )`;
}

/** Rewrites up to MIX_ROWS register rows of the ballot (never the person `except`), as mixCastBallots. */
export function mixRegister(a: MixArgs): string {
  return `mix_register_after as (
      select ctid as row_at from ballot_register
      where ballot_id = ${a.ballot} and person_id > ${a.start} and person_id <> ${a.except}
      order by person_id limit ${MIX_ROWS} for update skip locked
    ),
    mix_register_wrapped as (
      select ctid as row_at from ballot_register
      where ballot_id = ${a.ballot} and person_id <= ${a.start} and person_id <> ${a.except}
      order by person_id limit ${MIX_ROWS} for update skip locked
    ),
    mix_register as (
      update ballot_register set person_id = person_id
      where ${a.when} and ctid = any (array(
        select row_at from (
          select row_at from mix_register_after union all select row_at from mix_register_wrapped
        ) as picked
        limit ${MIX_ROWS}
      ))
      returning 1
    )`;
}
