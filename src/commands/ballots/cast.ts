import { and, eq } from "drizzle-orm";
import type { Db, Queryable } from "../../db/client.js";
import { ballotRegister } from "../../db/schema/index.js";
import { checkRanking } from "../../domain/ballots/ranking.js";
import { newReceipt, normaliseReceipt, trackerOf } from "../../domain/ballots/receipt.js";
import { isUuid } from "../db-errors.js";
import { queueCast } from "./cast-queue.js";
import { mixCastBallots, mixingStarts } from "./mixing.js";
import { ballotOptionKeys } from "./options.js";
import { runStatement } from "../../db/statement.js";

export type CastOutcome =
  | { ok: true; receipt: string; tracker: string }
  | { ok: false; reason: "not_open" | "not_elector" | "already_voted" | "invalid_ranking" };

export type RecastOutcome =
  | { ok: true; tracker: string }
  | {
      ok: false;
      reason: "not_open" | "not_elector" | "not_voted" | "recast_not_allowed" | "wrong_receipt" | "invalid_ranking";
    };

/**
 * The first common table expressions of both statements below: the ballot if it takes votes at
 * $3 (open and inside its window), locked against closing while the vote is written (FOR SHARE:
 * casts do not block each other, a close waits for them), and the line of person $2 in the
 * electorate snapshot of ballot $1.
 */
const BALLOT_AND_ELECTOR = `b as materialized (
      select id, allow_recast from ballots
      where id = $1::uuid and status = 'open'
        and (opens_at is null or opens_at <= $3::timestamptz)
        and (closes_at is null or closes_at > $3::timestamptz)
      for share
    ),
    e as materialized (
      select el.weight, el.college_key from ballot_electors el
      where el.ballot_id = $1::uuid and el.person_id = $2::uuid and exists (select 1 from b)
    )`;

/**
 * Recasting, in one statement: $1 ballot, $2 person, $3 now, $4 whether to write (valid ranking
 * and well-formed receipt), $5 the ranking (JSON), $6 the tracker of the receipt, $7 the mixing's
 * random starting point.
 */
const RECAST = `with ${BALLOT_AND_ELECTOR},
    r as materialized (
      select 1 from ballot_register where ballot_id = $1::uuid and person_id = $2::uuid
    ),
    upd as (
      update cast_ballots set ranking = $5::jsonb
      where ballot_id = $1::uuid and tracker = $6::text and $4::boolean
        and exists (select 1 from b where b.allow_recast) and exists (select 1 from e) and exists (select 1 from r)
      returning 1
    ),
    ${mixCastBallots({ ballot: "$1::uuid", except: "$6::text", start: "$7::text", when: "exists (select 1 from upd)" })}
    select exists (select 1 from b) as taking, coalesce((select allow_recast from b), false) as allow_recast,
      exists (select 1 from e) as elector, exists (select 1 from r) as voted, exists (select 1 from upd) as written`;

/** Options tied with each other are stored in one canonical order, whatever order they came in. */
function canonical(ranking: string[][]): string[][] {
  return ranking.map((group) => [...group].sort());
}

/**
 * Casts a secret ballot in one statement (its own transaction, committed before the answer, shared
 * with the casts for the same ballot that arrive meanwhile: cast-queue.ts): the voter goes into
 * the register (its primary key refuses a second row, however many requests race:
 * `ON CONFLICT DO NOTHING`, and only the request that inserted the row goes on), the ballot goes into cast_ballots with the elector's weight and college and the tracker of a
 * fresh receipt, a few earlier rows are rewritten (mixing.ts), and nothing links the two. Every
 * write is conditional on the ballot taking votes and the person being an elector, checked in the
 * same statement. The receipt is returned once and never stored.
 */
export async function castBallot(
  db: Db,
  input: { ballotId: string; personId: string; ranking: string[][]; now?: Date },
): Promise<CastOutcome> {
  if (!isUuid(input.ballotId)) return { ok: false, reason: "not_open" };
  if (!isUuid(input.personId)) return { ok: false, reason: "not_elector" };
  const now = input.now ?? new Date();
  const { ballotId, personId } = input;
  // The option keys never change once the ballot is open: from memory (no round trip).
  const options = await ballotOptionKeys(db, ballotId);
  if (!options || options.draft) return { ok: false, reason: "not_open" };
  const valid = checkRanking(input.ranking, options.keys) === null;
  const receipt = newReceipt();
  const row = await queueCast(db, ballotId, {
    personId,
    at: now.toISOString(),
    valid,
    ranking: valid ? canonical(input.ranking) : null,
    tracker: receipt.tracker,
  });
  if (!row?.taking) return { ok: false, reason: "not_open" };
  if (!row.elector) return { ok: false, reason: "not_elector" };
  if (!valid) return { ok: false, reason: "invalid_ranking" };
  if (!row.written) return { ok: false, reason: "already_voted" };
  return { ok: true, receipt: receipt.code, tracker: receipt.tracker };
}

/**
 * Replaces a ballot before the close, when the ballot allows it, in one statement. The voter must
 * be in the register; the ballot is found only by the tracker of the receipt they present (nothing
 * else ties it to them), and keeps its tracker.
 */
export async function recastBallot(
  db: Db,
  input: { ballotId: string; personId: string; receipt: string; ranking: string[][]; now?: Date },
): Promise<RecastOutcome> {
  if (!isUuid(input.ballotId)) return { ok: false, reason: "not_open" };
  if (!isUuid(input.personId)) return { ok: false, reason: "not_elector" };
  const now = input.now ?? new Date();
  const { ballotId, personId } = input;
  const options = await ballotOptionKeys(db, ballotId);
  if (!options || options.draft) return { ok: false, reason: "not_open" };
  const valid = checkRanking(input.ranking, options.keys) === null;
  const code = normaliseReceipt(input.receipt);
  const tracker = code ? trackerOf(code) : "";
  const [row] = await runStatement<{
    taking: boolean;
    allow_recast: boolean;
    elector: boolean;
    voted: boolean;
    written: boolean;
  }>(db, RECAST, [
    ballotId,
    personId,
    now.toISOString(),
    valid && code !== null,
    valid ? JSON.stringify(canonical(input.ranking)) : "null",
    tracker,
    mixingStarts().trackerStart,
  ]);
  if (!row?.taking) return { ok: false, reason: "not_open" };
  if (!row.allow_recast) return { ok: false, reason: "recast_not_allowed" };
  if (!row.elector) return { ok: false, reason: "not_elector" };
  if (!row.voted) return { ok: false, reason: "not_voted" };
  if (!valid) return { ok: false, reason: "invalid_ranking" };
  if (!code || !row.written) return { ok: false, reason: "wrong_receipt" };
  return { ok: true, tracker };
}

/** Whether the person is in the register of the ballot (voted), never what they voted. */
export async function hasVoted(db: Queryable, ballotId: string, personId: string): Promise<boolean> {
  if (!isUuid(ballotId) || !isUuid(personId)) return false;
  const [row] = await db
    .select({ personId: ballotRegister.personId })
    .from(ballotRegister)
    .where(and(eq(ballotRegister.ballotId, ballotId), eq(ballotRegister.personId, personId)));
  return Boolean(row);
}
