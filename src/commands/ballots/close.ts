import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { appendAudit } from "../../audit/log.js";
import type { Db, Queryable } from "../../db/client.js";
import type { ElectorateRule } from "../../db/schema/index.js";
import { countVotes, type CountedBallot } from "../../domain/ballots/count.js";
import { participationFromGroups, type TurnoutGroup } from "../../domain/ballots/participation.js";
import type { StoredBallotResult } from "../../domain/ballots/stored-result.js";
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
   * Rewrite the cast ballots in a random order (one statement), from sending it to its end. On
   * PostgreSQL the parse and the count run meanwhile, so this overlaps parseMs and countMs.
   */
  rewriteBallotsMs: number;
  /** Rewrite the register in a random order, returning the turnout by group (one statement). */
  registerMs: number;
  /** Mark the ballot closed, store the result, audit. */
  storeMs: number;
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/**
 * The order in which rows are written back: SHA-256 of a 256-bit key drawn from the operating
 * system's cryptographic generator for this close only (never stored, never logged) followed by the
 * row's id. Without the key the order cannot be predicted or reconstructed; it says nothing of
 * when a row was first written.
 */
function shuffleKey(): string {
  return randomBytes(32).toString("hex");
}

/**
 * The cast ballots of a ballot for the count, compactly: one JSON array [ranking, weight, college]
 * per ballot, all in one text value (one row to transfer and one JSON.parse, instead of a row, its
 * mapping and a parse per ballot). Identical ballots are not grouped here: the count merges them
 * anyway, and grouping in SQL cost more than it saved on 100,000 distinct rankings.
 */
async function readBallots(tx: Queryable, ballotId: string): Promise<string> {
  const result = await tx.execute(sql`
    select coalesce(json_agg(json_build_array(ranking, weight::text, college_key)), '[]')::text as ballots
    from cast_ballots where ballot_id = ${ballotId}::uuid`);
  return rowsOf<{ ballots: string }>(result)[0]?.ballots ?? "[]";
}

/** The ballots as the count takes them, from readBallots' text. */
function parseBallots(text: string): CountedBallot[] {
  const rows = JSON.parse(text) as Array<[string[][], string, string]>;
  return rows.map(([ranking, weight, collegeKey]) => ({ ranking, weight, collegeKey }));
}

/**
 * Rewrites the cast ballots of a ballot in a fresh random order, inside the closing transaction, in
 * one statement: the rows are deleted and inserted again (same id, ranking, weight, college,
 * tracker) sorted by a keyed hash. Every row then carries the closing transaction's id and a
 * random place in the table, so neither the hidden `xmin` nor the physical order can pair a voter
 * with a ballot any more. (Dead row versions stay on disk until VACUUM reuses their space: see
 * decision 012.)
 */
function rewriteBallots(tx: Queryable, ballotId: string): Promise<void> {
  // Drizzle's execute() is lazy: calling then() is what sends it.
  return tx
    .execute(
      sql`
    with old as (
      delete from cast_ballots where ballot_id = ${ballotId}::uuid
      returning id, ranking, weight, college_key, tracker
    )
    insert into cast_ballots (id, ballot_id, ranking, weight, college_key, tracker)
    select id, ${ballotId}::uuid, ranking, weight, college_key, tracker from old
    order by sha256(decode(${shuffleKey()}, 'hex') || uuid_send(id))`,
    )
    .then(() => undefined);
}

/**
 * Rewrites the register of a ballot in a fresh random order (as rewriteBallots), and returns in
 * the same statement the turnout: electors and voters by college, office and language.
 */
async function rewriteRegister(tx: Queryable, ballotId: string): Promise<TurnoutGroup[]> {
  const result = await tx.execute(sql`
    with old as (
      delete from ballot_register where ballot_id = ${ballotId}::uuid returning person_id
    ),
    fresh as (
      insert into ballot_register (ballot_id, person_id)
      select ${ballotId}::uuid, person_id from old
      order by sha256(decode(${shuffleKey()}, 'hex') || uuid_send(person_id))
      returning person_id
    )
    select e.college_key, e.office_id, e.language, count(*)::int as electors, count(f.person_id)::int as voters
    from ballot_electors e left join fresh f on f.person_id = e.person_id
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

/** Lets the database driver send what it was given before synchronous work holds the thread. */
function yieldToDriver(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Closes an open ballot, in one transaction: locks it (a close waits for the casts in flight, which
 * hold it FOR SHARE), reads the ballots, rewrites them and the register in a random order, counts
 * with its method (options in ballot order; each ballot weighted, grouped by college) while the
 * database rewrites, computes turnout from the snapshot and the register, stores the result and
 * audits the close. `timings`, when given, is filled with the time of each step.
 */
export async function closeBallot(
  db: Db,
  ballotId: string,
  opts: { actorId: string | null; now?: Date; timings?: Partial<CloseTimings> },
): Promise<CloseBallotOutcome> {
  if (!isUuid(ballotId)) return { ok: false, reason: "not_found" };
  const now = opts.now ?? new Date();
  const timings = opts.timings ?? {};
  let t = performance.now();
  const lap = (step: keyof CloseTimings) => {
    const next = performance.now();
    timings[step] = next - t;
    t = next;
  };
  return db.transaction(async (tx): Promise<CloseBallotOutcome> => {
    // Sorting and grouping 100,000 ballots needs more than the default 4 MB to stay in memory
    // (this transaction only).
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
    lap("lockMs");

    const text = await readBallots(tx, ballotId);
    lap("readMs");
    // The rewrite runs in the database while this process parses and counts.
    const sent = performance.now();
    let rewritten = sent;
    const rewriting = rewriteBallots(tx, ballotId).then(() => {
      rewritten = performance.now();
    });
    rewriting.catch(() => {}); // awaited below; never an unhandled rejection if the count throws
    await yieldToDriver();
    t = performance.now();
    const cast = parseBallots(text);
    lap("parseMs");
    const votes = countVotes({
      method: ballot.method,
      options: ballot.keys,
      seats: Number(ballot.seats),
      ballots: cast,
    });
    lap("countMs");
    await rewriting;
    timings.rewriteBallotsMs = rewritten - sent;
    t = performance.now();
    const turnout = await rewriteRegister(tx, ballotId);
    lap("registerMs");

    const result: StoredBallotResult = { ...votes, participation: participationFromGroups(turnout) };
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
    lap("storeMs");
    return { ok: true, result };
  });
}
