import { and, eq } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { ballotElectors, ballots } from "../../db/schema/index.js";
import type { Resource } from "../../policies/can.js";
import { isUuid } from "../db-errors.js";

export type Ballot = typeof ballots.$inferSelect;
export type BallotResource = Extract<Resource, { type: "ballot" }>;

/** A ballot and the resource every ballot route checks with can() (the shape of a route's `Loaded`). */
export interface LoadedBallot {
  resource: BallotResource;
  data: Ballot;
}

/**
 * Loads a ballot and builds its permission resource: the organisations of its electorate
 * rule, its status, and whether `personId` is in its electorate snapshot (false for a
 * visitor, and before the ballot opens since the snapshot is taken then). Null when not found.
 */
export async function loadBallotResource(
  db: Queryable,
  ballotId: string,
  personId: string | null,
): Promise<LoadedBallot | null> {
  if (!isUuid(ballotId)) return null;
  const [ballot] = await db.select().from(ballots).where(eq(ballots.id, ballotId));
  if (!ballot) return null;
  let isElector = false;
  if (personId !== null && isUuid(personId)) {
    const found = await db
      .select({ personId: ballotElectors.personId })
      .from(ballotElectors)
      .where(and(eq(ballotElectors.ballotId, ballot.id), eq(ballotElectors.personId, personId)))
      .limit(1);
    isElector = found.length > 0;
  }
  return {
    resource: {
      type: "ballot",
      organisationIds: [...ballot.electorate.organisationIds],
      status: ballot.status,
      isElector,
    },
    data: ballot,
  };
}
