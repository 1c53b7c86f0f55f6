import { sql } from "drizzle-orm";
import { appendAudit } from "../../audit/log.js";
import { usesPool, type Db, type Queryable } from "../../db/client.js";
import type { ElectorateRule } from "../../db/schema/index.js";
import { countVotes, type CountedBallot, type CountedVotes } from "../../domain/ballots/count.js";
import { participationFromGroups, type TurnoutGroup } from "../../domain/ballots/participation.js";
import type { StoredBallotResult } from "../../domain/ballots/stored-result.js";
import { encodeRankingJson } from "../../domain/voting/ballot.js";
import { isUuid } from "../db-errors.js";

export type CloseBallotOutcome =
  { ok: true; result: StoredBallotResult } | { ok: false; reason: "not_found" | "not_open" };

/** Where the time of a close goes (for the benchmark), in milliseconds. */
export interface CloseTimings {
  /** Lock the ballot, read its method and options. */
  lockMs: number;
  /** Read the ballots, compactly (one statement, one text value). */
  readMs: number;
  /** Parse them (in Node). */
  parseMs: number;
  /** Count them (in Node): all ballots, then each college. */
  countMs: number;
  /**
   * Rewrite the cast ballots in tracker order (one statement), from sending it to its end. On
   * PostgreSQL the read, the parse, the count and the turnout run meanwhile on another connection.
   */
  rewriteBallotsMs: number;
  /** Read the turnout by college, office and language (one statement). */
  turnoutMs: number;
  /** Mark the ballot closed, store the result, audit. */
  storeMs: number;
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/**
 * The cast ballots of a ballot for the count, compactly: one line per ballot, "ranking TAB weight
 * TAB college" (the ranking as JSON; option keys and college keys hold no tab or line break), all in
 * one text value: one row to transfer instead of 100,000, and no JSON built around the rankings.
 * Identical ballots are not grouped here: the count merges them anyway, and grouping in SQL cost
 * more than it saved on 100,000 distinct rankings.
 */
async function readBallots(tx: Queryable, ballotId: string): Promise<string> {
  const result = await tx.execute(sql`
    select coalesce(string_agg(ranking::text || chr(9) || weight::text || chr(9) || college_key, chr(10)), '') as ballots
    from cast_ballots where ballot_id = ${ballotId}::uuid`);
  return rowsOf<{ ballots: string }>(result)[0]?.ballots ?? "";
}

/**
 * The ballots as the count takes them, from readBallots' text: each ranking encoded straight from
 * its JSON text for the options in ballot order (no arrays built for 100,000 rankings).
 */
function parseBallots(text: string, options: readonly string[]): CountedBallot[] {
  if (text === "") return [];
  const index = new Map(options.map((key, position) => [key, position]));
  const lines = text.split("\n");
  const ballots = new Array<CountedBallot>(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const second = line.lastIndexOf("\t");
    const first = line.lastIndexOf("\t", second - 1);
    ballots[i] = {
      code: encodeRankingJson(line.slice(0, first), index, i + 1),
      weight: line.slice(first + 1, second),
      collegeKey: line.slice(second + 1),
    };
  }
  return ballots;
}

/**
 * Rewrites the cast ballots of a ballot in a new order, inside the closing transaction, in one
 * statement: the rows are deleted and inserted again (same ranking, weight, college, tracker) in
 * tracker order. Every ballot then carries the closing transaction's id, which no register row
 * has, and a place that depends only on its tracker, the SHA-256 of a secret drawn at random: the
 * order is random with respect to when and by whom the ballots were cast, and says nothing the
 * row does not already show. (In key order the new index entries are appended instead of scattered:
 * measured, 1.1 s instead of 1.75 s for 100,000 ballots on PostgreSQL. Dead row versions stay on
 * disk until VACUUM reuses their space: see decision 012.)
 */
async function rewriteBallots(tx: Queryable, ballotId: string): Promise<number> {
  const result = await tx.execute(sql`
    with old as (
      delete from cast_ballots where ballot_id = ${ballotId}::uuid
      returning ranking, weight, college_key, tracker
    ),
    fresh as (
      insert into cast_ballots (ballot_id, ranking, weight, college_key, tracker)
      select ${ballotId}::uuid, ranking, weight, college_key, tracker from old
      order by tracker
      returning 1
    )
    select count(*)::int as n from fresh`);
  return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
}

/** The turnout: electors and voters by college, office and language, from the snapshot and the register. */
async function readTurnout(tx: Queryable, ballotId: string): Promise<TurnoutGroup[]> {
  const result = await tx.execute(sql`
    select e.college_key, e.office_id, e.language, count(*)::int as electors, count(r.person_id)::int as voters
    from ballot_electors e
    left join ballot_register r on r.ballot_id = e.ballot_id and r.person_id = e.person_id
    where e.ballot_id = ${ballotId}::uuid
    group by e.college_key, e.office_id, e.language`);
  return rowsOf<{ college_key: string; office_id: string | null; language: string; electors: number; voters: number }>(
    result,
  ).map((r) => ({
    collegeKey: r.college_key,
    officeId: r.office_id,
    language: r.language,
    electors: Number(r.electors),
    voters: Number(r.voters),
  }));
}

interface Counted {
  votes: CountedVotes;
  turnout: TurnoutGroup[];
  ballots: number;
}

/** Reads the ballots, counts them with the ballot's method, and reads the turnout. */
async function readAndCount(
  reader: Queryable,
  ballotId: string,
  ballot: { method: string; keys: string[]; seats: number },
  timings: Partial<CloseTimings>,
): Promise<Counted> {
  let t = performance.now();
  const lap = (step: keyof CloseTimings) => {
    const next = performance.now();
    timings[step] = next - t;
    t = next;
  };
  const text = await readBallots(reader, ballotId);
  lap("readMs");
  const cast = parseBallots(text, ballot.keys);
  lap("parseMs");
  const votes = countVotes({ method: ballot.method, options: ballot.keys, seats: Number(ballot.seats), ballots: cast });
  lap("countMs");
  const turnout = await readTurnout(reader, ballotId);
  lap("turnoutMs");
  return { votes, turnout, ballots: cast.length };
}

/**
 * Closes an open ballot, in one transaction: locks it (a close waits for the casts in flight, which
 * hold it FOR SHARE, and no cast can be written after), reads and counts the ballots with its
 * method (options in ballot order; each ballot weighted, grouped by college), rewrites them in a
 * new order (see rewriteBallots), reads the turnout from the snapshot and the register, stores the
 * result and audits the close. `timings`, when given, is filled with the time of each step.
 *
 * On PostgreSQL the reading and counting run on another connection of the pool while this
 * transaction rewrites the ballots: once the ballot is locked here no other cast can commit, so
 * that connection reads exactly the ballots being rewritten (the rewrite stays invisible to it
 * until the commit), and the number rewritten is checked against the number counted. PGlite has
 * one connection: there the steps run one after the other, inside the transaction.
 */
export async function closeBallot(
  db: Db,
  ballotId: string,
  opts: { actorId: string | null; now?: Date; timings?: Partial<CloseTimings> },
): Promise<CloseBallotOutcome> {
  if (!isUuid(ballotId)) return { ok: false, reason: "not_found" };
  const now = opts.now ?? new Date();
  const timings = opts.timings ?? {};
  const parallel = usesPool(db);
  return db.transaction(async (tx): Promise<CloseBallotOutcome> => {
    let t = performance.now();
    // Sorting 100,000 ballots needs more than the default 4 MB to stay in memory (this transaction only).
    const [ballot] = rowsOf<{
      status: string;
      method: string;
      seats: number;
      electorate: ElectorateRule | string;
      keys: string[];
    }>(
      await tx.execute(sql`
        select b.status, b.method, b.seats, b.electorate,
          array(select o.key from ballot_options o where o.ballot_id = b.id order by o.position, o.key) as keys,
          set_config('work_mem', '64MB', true) as work_mem
        from ballots b where b.id = ${ballotId}::uuid
        for update of b`),
    );
    if (!ballot) return { ok: false, reason: "not_found" };
    if (ballot.status !== "open") return { ok: false, reason: "not_open" };
    timings.lockMs = performance.now() - t;

    let counted: Counted;
    let rewritten: number;
    if (parallel) {
      const sent = performance.now();
      const rewriting = rewriteBallots(tx, ballotId).then((n) => {
        timings.rewriteBallotsMs = performance.now() - sent;
        return n;
      });
      rewriting.catch(() => {}); // awaited below; never an unhandled rejection if the count throws
      counted = await readAndCount(db, ballotId, ballot, timings);
      rewritten = await rewriting;
    } else {
      counted = await readAndCount(tx, ballotId, ballot, timings);
      t = performance.now();
      // The embedded database runs as its superuser: skip the per-row foreign-key trigger while the
      // same rows go back under the ballot this transaction holds FOR UPDATE (see decision 012).
      await tx.execute(sql`select set_config('session_replication_role', 'replica', true)`);
      rewritten = await rewriteBallots(tx, ballotId);
      await tx.execute(sql`select set_config('session_replication_role', 'origin', true)`);
      timings.rewriteBallotsMs = performance.now() - t;
    }
    if (rewritten !== counted.ballots) {
      throw new Error(`close: ${counted.ballots} ballots counted but ${rewritten} rewritten`);
    }
    t = performance.now();

    const result: StoredBallotResult = { ...counted.votes, participation: participationFromGroups(counted.turnout) };
    await tx.execute(sql`
      with closed as (
        update ballots set status = 'closed', closed_at = ${now.toISOString()}::timestamptz
        where id = ${ballotId}::uuid returning id
      )
      insert into ballot_results (ballot_id, result, ballots_counted, computed_at)
      select id, ${JSON.stringify(result)}::jsonb, ${result.ballotsCounted}::int, ${now.toISOString()}::timestamptz
      from closed`);
    const electorate =
      typeof ballot.electorate === "string" ? (JSON.parse(ballot.electorate) as ElectorateRule) : ballot.electorate;
    await appendAudit(
      tx,
      {
        actorId: opts.actorId,
        action: "ballot.closed",
        subjectType: "ballot",
        subjectId: ballotId,
        organisationId: electorate.organisationIds[0] ?? null,
        data: { ballotsCounted: result.ballotsCounted },
      },
      now,
    );
    timings.storeMs = performance.now() - t;
    return { ok: true, result };
  });
}
