import { and, asc, eq } from "drizzle-orm";
import { appendAudit } from "../../audit/log.js";
import type { Db, Queryable } from "../../db/client.js";
import {
  ballotElectors,
  ballotOptions,
  ballotRegister,
  ballotResults,
  ballots,
  castBallots,
} from "../../db/schema/index.js";
import { countBallot } from "../../domain/ballots/count.js";
import { computeParticipation } from "../../domain/ballots/participation.js";
import { cryptoShuffle } from "../../domain/ballots/shuffle.js";
import type { StoredBallotResult } from "../../domain/ballots/stored-result.js";
import { isUuid } from "../db-errors.js";

export type CloseBallotOutcome =
  { ok: true; result: StoredBallotResult } | { ok: false; reason: "not_found" | "not_open" };

const BATCH = 1000;

/**
 * Rewrites the cast ballots and the register of a ballot in a fresh random order, inside the
 * closing transaction: every row then carries the same transaction id and a random place in its
 * table, so neither the hidden `xmin` nor the physical order can pair a voter with a ballot any
 * more. (Dead row versions stay on disk until VACUUM reuses their space: see decision 012.)
 */
async function reshuffle(tx: Queryable, ballotId: string): Promise<void> {
  const cast = await tx.select().from(castBallots).where(eq(castBallots.ballotId, ballotId));
  await tx.delete(castBallots).where(eq(castBallots.ballotId, ballotId));
  const shuffled = cryptoShuffle(cast);
  for (let i = 0; i < shuffled.length; i += BATCH) await tx.insert(castBallots).values(shuffled.slice(i, i + BATCH));

  const register = await tx.select().from(ballotRegister).where(eq(ballotRegister.ballotId, ballotId));
  await tx.delete(ballotRegister).where(eq(ballotRegister.ballotId, ballotId));
  const voters = cryptoShuffle(register);
  for (let i = 0; i < voters.length; i += BATCH) await tx.insert(ballotRegister).values(voters.slice(i, i + BATCH));
}

/**
 * Closes an open ballot: counts it with its method (options in ballot order; each ballot weighted,
 * grouped by college), computes turnout from the snapshot and the register, stores the result,
 * reshuffles the stored ballots and audits the close, in one transaction.
 */
export async function closeBallot(
  db: Db,
  ballotId: string,
  opts: { actorId: string | null; now?: Date },
): Promise<CloseBallotOutcome> {
  if (!isUuid(ballotId)) return { ok: false, reason: "not_found" };
  const now = opts.now ?? new Date();
  return db.transaction(async (tx): Promise<CloseBallotOutcome> => {
    const [ballot] = await tx.select().from(ballots).where(eq(ballots.id, ballotId)).for("update");
    if (!ballot) return { ok: false, reason: "not_found" };
    if (ballot.status !== "open") return { ok: false, reason: "not_open" };

    const options = await tx
      .select({ key: ballotOptions.key })
      .from(ballotOptions)
      .where(eq(ballotOptions.ballotId, ballotId))
      .orderBy(asc(ballotOptions.position), asc(ballotOptions.key));
    const cast = await tx
      .select({ ranking: castBallots.ranking, weight: castBallots.weight, collegeKey: castBallots.collegeKey })
      .from(castBallots)
      .where(eq(castBallots.ballotId, ballotId));
    const turnout = await tx
      .select({
        collegeKey: ballotElectors.collegeKey,
        officeId: ballotElectors.officeId,
        language: ballotElectors.language,
        voter: ballotRegister.personId,
      })
      .from(ballotElectors)
      .leftJoin(
        ballotRegister,
        and(eq(ballotRegister.ballotId, ballotElectors.ballotId), eq(ballotRegister.personId, ballotElectors.personId)),
      )
      .where(eq(ballotElectors.ballotId, ballotId));

    const result = countBallot({
      method: ballot.method,
      options: options.map((o) => o.key),
      seats: ballot.seats,
      ballots: cast,
      participation: computeParticipation(turnout.map((row) => ({ ...row, voted: row.voter !== null }))),
    });

    await tx.update(ballots).set({ status: "closed", closedAt: now }).where(eq(ballots.id, ballotId));
    await tx.insert(ballotResults).values({
      ballotId,
      result: result as unknown as Record<string, unknown>,
      ballotsCounted: result.ballotsCounted,
      computedAt: now,
    });
    await reshuffle(tx, ballotId);
    await appendAudit(
      tx,
      {
        actorId: opts.actorId,
        action: "ballot.closed",
        subjectType: "ballot",
        subjectId: ballotId,
        organisationId: ballot.electorate.organisationIds[0] ?? null,
        data: { ballotsCounted: result.ballotsCounted },
      },
      now,
    );
    return { ok: true, result };
  });
}
