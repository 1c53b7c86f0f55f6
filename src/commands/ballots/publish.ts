import { eq } from "drizzle-orm";
import { appendAudit } from "../../audit/log.js";
import type { Db } from "../../db/client.js";
import { ballots } from "../../db/schema/index.js";
import { isUuid } from "../db-errors.js";

export type PublishBallotOutcome = { ok: true } | { ok: false; reason: "not_found" | "not_closed" };

/** Makes the results of a closed ballot public (results page, anonymised export), and audits it. */
export async function publishBallot(
  db: Db,
  ballotId: string,
  opts: { actorId: string | null; now?: Date },
): Promise<PublishBallotOutcome> {
  if (!isUuid(ballotId)) return { ok: false, reason: "not_found" };
  const now = opts.now ?? new Date();
  return db.transaction(async (tx): Promise<PublishBallotOutcome> => {
    const [ballot] = await tx
      .select({ status: ballots.status, electorate: ballots.electorate })
      .from(ballots)
      .where(eq(ballots.id, ballotId))
      .for("update");
    if (!ballot) return { ok: false, reason: "not_found" };
    if (ballot.status !== "closed") return { ok: false, reason: "not_closed" };
    await tx.update(ballots).set({ status: "published", publishedAt: now }).where(eq(ballots.id, ballotId));
    await appendAudit(
      tx,
      {
        actorId: opts.actorId,
        action: "ballot.published",
        subjectType: "ballot",
        subjectId: ballotId,
        organisationId: ballot.electorate.organisationIds[0] ?? null,
      },
      now,
    );
    return { ok: true };
  });
}
