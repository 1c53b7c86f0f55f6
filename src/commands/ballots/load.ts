import { eq, getTableColumns, sql } from "drizzle-orm";
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

function selectBallot(db: Queryable, ballotId: unknown, personId: unknown) {
  return db
    .select({
      ...getTableColumns(ballots),
      isElector: sql<boolean>`exists (select 1 from ${ballotElectors} e where e.ballot_id = "ballots"."id" and e.person_id = ${personId}::uuid)`,
    })
    .from(ballots)
    .where(eq(ballots.id, sql`${ballotId}::uuid`));
}

type PreparedLoad = ReturnType<ReturnType<typeof selectBallot>["prepare"]>;

/** The loading query prepared once per database (built once; a named statement on PostgreSQL). */
const prepared = new WeakMap<object, PreparedLoad>();

function preparedFor(db: Queryable): PreparedLoad | null {
  // Only on the database itself: a statement prepared on it would run outside a transaction.
  if (!("$client" in db)) return null;
  let query = prepared.get(db);
  if (!query) {
    query = selectBallot(db, sql.placeholder("ballotId"), sql.placeholder("personId")).prepare(
      "letscoop_load_ballot_v1",
    );
    prepared.set(db, query);
  }
  return query;
}

/**
 * Loads a ballot and builds its permission resource: the organisations of its electorate
 * rule, its status, and whether `personId` is in its electorate snapshot (false for a
 * visitor, and before the ballot opens since the snapshot is taken then). Null when not found.
 * One query: the snapshot line is looked up in the same statement as the ballot.
 */
export async function loadBallotResource(
  db: Queryable,
  ballotId: string,
  personId: string | null,
): Promise<LoadedBallot | null> {
  if (!isUuid(ballotId)) return null;
  const person = personId !== null && isUuid(personId) ? personId : null;
  const query = preparedFor(db);
  const [row] = query ? await query.execute({ ballotId, personId: person }) : await selectBallot(db, ballotId, person);
  if (!row) return null;
  const { isElector, ...ballot } = row;
  return {
    resource: {
      type: "ballot",
      organisationIds: [...ballot.electorate.organisationIds],
      status: ballot.status,
      isElector: isElector === true,
    },
    data: ballot,
  };
}
