import { asc, eq } from "drizzle-orm";
import { appendAudit } from "../../audit/log.js";
import type { Db } from "../../db/client.js";
import { ballotOptions, ballots, castBallots } from "../../db/schema/index.js";
import { writeBallotsPrefLib, type PrefLibExport } from "../../domain/ballots/preflib-export.js";
import { cryptoShuffle } from "../../domain/ballots/shuffle.js";
import { isUuid } from "../db-errors.js";

export class BallotExportError extends Error {
  override name = "BallotExportError";
  constructor(readonly reason: "not_found" | "not_counted") {
    super(reason === "not_found" ? "no such ballot" : "the ballot is not closed yet");
  }
}

export type BallotsFile = PrefLibExport;

/**
 * The anonymised ballots of a closed or published ballot as a PrefLib file (see
 * src/domain/ballots/preflib-export.ts). With `audit`, the download is recorded in the audit log
 * (who read the ballots, never what they hold).
 */
export async function exportBallotsFile(
  db: Db,
  ballotId: string,
  opts: { audit?: { actorId: string | null }; now?: Date } = {},
): Promise<BallotsFile> {
  if (!isUuid(ballotId)) throw new BallotExportError("not_found");
  return db.transaction(async (tx) => {
    const [ballot] = await tx.select().from(ballots).where(eq(ballots.id, ballotId));
    if (!ballot) throw new BallotExportError("not_found");
    if (ballot.status !== "closed" && ballot.status !== "published") throw new BallotExportError("not_counted");
    const options = await tx
      .select({ key: ballotOptions.key })
      .from(ballotOptions)
      .where(eq(ballotOptions.ballotId, ballotId))
      .orderBy(asc(ballotOptions.position), asc(ballotOptions.key));
    const cast = await tx
      .select({ ranking: castBallots.ranking, weight: castBallots.weight })
      .from(castBallots)
      .where(eq(castBallots.ballotId, ballotId));
    const keys = options.map((o) => o.key);
    const file = writeBallotsPrefLib({
      title: ballot.title,
      fileStem: `ballot-${ballotId}`,
      method: ballot.method,
      seats: Math.min(ballot.seats, Math.max(keys.length, 1)),
      options: keys,
      // Read in a random order whatever the table's; the writer then merges and sorts.
      ballots: cryptoShuffle(cast),
    });
    if (opts.audit) {
      await appendAudit(
        tx,
        {
          actorId: opts.audit.actorId,
          action: "ballot.exported",
          subjectType: "ballot",
          subjectId: ballotId,
          organisationId: ballot.electorate.organisationIds[0] ?? null,
          data: { format: file.dataType },
        },
        opts.now ?? new Date(),
      );
    }
    return file;
  });
}

/** The PrefLib text of the anonymised ballots, ready for `tally --method <method> FILE`. */
export async function exportBallotsPrefLib(db: Db, ballotId: string): Promise<string> {
  return (await exportBallotsFile(db, ballotId)).text;
}
