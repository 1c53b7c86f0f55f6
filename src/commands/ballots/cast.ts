import { and, eq, sql } from "drizzle-orm";
import type { Db, Queryable } from "../../db/client.js";
import { ballotElectors, ballotOptions, ballotRegister, ballots, castBallots } from "../../db/schema/index.js";
import { checkRanking } from "../../domain/ballots/ranking.js";
import { newReceipt, normaliseReceipt, trackerOf } from "../../domain/ballots/receipt.js";
import { votingWindow } from "../../domain/ballots/window.js";
import { isUuid } from "../db-errors.js";
import { mixRows } from "./mixing.js";

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
 * In one query: the ballot (locked against closing while the vote is written; casts do not
 * block each other), the person's line in the electorate snapshot, whether they are in the
 * register, and the option keys in ballot order.
 */
async function readForVote(tx: Queryable, ballotId: string, personId: string) {
  const [row] = await tx
    .select({
      status: ballots.status,
      opensAt: ballots.opensAt,
      closesAt: ballots.closesAt,
      allowRecast: ballots.allowRecast,
      weight: ballotElectors.weight,
      collegeKey: ballotElectors.collegeKey,
      voted: sql<boolean>`exists (select 1 from ${ballotRegister} r where r.ballot_id = ${ballots.id} and r.person_id = ${personId})`,
      keys: sql<
        string[]
      >`array(select o.key from ${ballotOptions} o where o.ballot_id = ${ballots.id} order by o.position, o.key)`,
    })
    .from(ballots)
    .leftJoin(ballotElectors, and(eq(ballotElectors.ballotId, ballots.id), eq(ballotElectors.personId, personId)))
    .where(eq(ballots.id, ballotId))
    .for("share", { of: ballots });
  return row;
}

/** Options tied with each other are stored in one canonical order, whatever order they came in. */
function canonical(ranking: string[][]): string[][] {
  return ranking.map((group) => [...group].sort());
}

/**
 * Casts a secret ballot, in one transaction: the voter goes into the register (its primary key
 * refuses a second row, however many requests race), the ballot goes into cast_ballots with the
 * elector's weight and college and the tracker of a fresh receipt, and nothing links the two.
 * The receipt is returned once and never stored.
 */
export async function castBallot(
  db: Db,
  input: { ballotId: string; personId: string; ranking: string[][]; now?: Date },
): Promise<CastOutcome> {
  if (!isUuid(input.ballotId)) return { ok: false, reason: "not_open" };
  if (!isUuid(input.personId)) return { ok: false, reason: "not_elector" };
  const now = input.now ?? new Date();
  const { ballotId, personId } = input;
  return db.transaction(async (tx): Promise<CastOutcome> => {
    const ballot = await readForVote(tx, ballotId, personId);
    if (!ballot || votingWindow(ballot, now) !== "taking_votes") return { ok: false, reason: "not_open" };
    if (ballot.weight === null || ballot.collegeKey === null) return { ok: false, reason: "not_elector" };
    if (checkRanking(input.ranking, ballot.keys) !== null) return { ok: false, reason: "invalid_ranking" };

    const registered = await tx
      .insert(ballotRegister)
      .values({ ballotId, personId })
      .onConflictDoNothing()
      .returning({ personId: ballotRegister.personId });
    if (registered.length === 0) return { ok: false, reason: "already_voted" };

    const receipt = newReceipt();
    await tx.insert(castBallots).values({
      ballotId,
      ranking: canonical(input.ranking),
      weight: ballot.weight,
      collegeKey: ballot.collegeKey,
      tracker: receipt.tracker,
    });
    await mixRows(tx, ballotId, { tracker: receipt.tracker, personId });
    return { ok: true, receipt: receipt.code, tracker: receipt.tracker };
  });
}

/**
 * Replaces a ballot before the close, when the ballot allows it. The voter must be in the
 * register; the ballot is found only by the tracker of the receipt they present (nothing else
 * ties it to them), and keeps its tracker.
 */
export async function recastBallot(
  db: Db,
  input: { ballotId: string; personId: string; receipt: string; ranking: string[][]; now?: Date },
): Promise<RecastOutcome> {
  if (!isUuid(input.ballotId)) return { ok: false, reason: "not_open" };
  if (!isUuid(input.personId)) return { ok: false, reason: "not_elector" };
  const now = input.now ?? new Date();
  const { ballotId, personId } = input;
  return db.transaction(async (tx): Promise<RecastOutcome> => {
    const ballot = await readForVote(tx, ballotId, personId);
    if (!ballot || votingWindow(ballot, now) !== "taking_votes") return { ok: false, reason: "not_open" };
    if (!ballot.allowRecast) return { ok: false, reason: "recast_not_allowed" };
    if (ballot.weight === null) return { ok: false, reason: "not_elector" };
    if (!ballot.voted) return { ok: false, reason: "not_voted" };
    if (checkRanking(input.ranking, ballot.keys) !== null) return { ok: false, reason: "invalid_ranking" };
    const code = normaliseReceipt(input.receipt);
    if (!code) return { ok: false, reason: "wrong_receipt" };
    const tracker = trackerOf(code);
    const updated = await tx
      .update(castBallots)
      .set({ ranking: canonical(input.ranking) })
      .where(and(eq(castBallots.ballotId, ballotId), eq(castBallots.tracker, tracker)))
      .returning({ tracker: castBallots.tracker });
    if (updated.length === 0) return { ok: false, reason: "wrong_receipt" };
    await mixRows(tx, ballotId, { tracker, personId: null });
    return { ok: true, tracker };
  });
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
