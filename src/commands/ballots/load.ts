import { eq, getTableColumns, sql } from "drizzle-orm";
import type { Db, Queryable } from "../../db/client.js";
import { batchesInFlight, groupLoader, loaderPer } from "../../db/group-commit.js";
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
 * The ballot, and which of `personIds` (a JSON array of uuids) are in its electorate snapshot, in
 * one statement.
 */
function selectBallot(db: Queryable, ballotId: unknown, personIds: unknown) {
  return db
    .select({
      ...getTableColumns(ballots),
      electors: sql<string[] | string | null>`(select json_agg(e.person_id) from ${ballotElectors} e
        where e.ballot_id = "ballots"."id"
          and e.person_id in (select (jsonb_array_elements_text(${personIds}::jsonb))::uuid))`,
    })
    .from(ballots)
    .where(eq(ballots.id, sql`${ballotId}::uuid`));
}

type BallotRow = Awaited<ReturnType<typeof selectBallot>>[number];
type PreparedLoad = ReturnType<ReturnType<typeof selectBallot>["prepare"]>;

/** The loading query prepared once per database (built once; a named statement on PostgreSQL). */
const prepared = new WeakMap<object, PreparedLoad>();

function preparedFor(db: Db): PreparedLoad {
  let query = prepared.get(db);
  if (!query) {
    query = selectBallot(db, sql.placeholder("ballotId"), sql.placeholder("personIds")).prepare(
      "letscoop_load_ballot_v2",
    );
    prepared.set(db, query);
  }
  return query;
}

interface Found {
  ballot: Ballot;
  isElector: boolean;
}

function split(row: BallotRow | undefined, personIds: readonly string[]): Array<Found | null> {
  if (!row) return personIds.map(() => null);
  const { electors, ...ballot } = row;
  const inSnapshot = new Set(typeof electors === "string" ? (JSON.parse(electors) as string[]) : (electors ?? []));
  return personIds.map((personId) => ({ ballot, isElector: inSnapshot.has(personId) }));
}

/**
 * Requests for the same ballot that arrive together are answered by one statement (group
 * commit: src/db/group-commit.ts); a visitor is the empty person id.
 */
const ballotLoader = loaderPer<string, Found | null>((db, ballotId) =>
  groupLoader(
    async (personIds) => {
      const ids = JSON.stringify(personIds.filter((id) => id !== ""));
      const [row] = await preparedFor(db).execute({ ballotId, personIds: ids });
      return split(row, personIds);
    },
    { maxInFlight: batchesInFlight(db, 1), maxBatchSize: 100 },
  ),
);

/**
 * Loads a ballot and builds its permission resource: the organisations of its electorate
 * rule, its status, and whether `personId` is in its electorate snapshot (false for a
 * visitor, and before the ballot opens since the snapshot is taken then). Null when not found.
 * One query, shared by the requests for the same ballot that arrive together; inside a
 * transaction, a query of its own.
 */
export async function loadBallotResource(
  db: Queryable,
  ballotId: string,
  personId: string | null,
): Promise<LoadedBallot | null> {
  if (!isUuid(ballotId)) return null;
  const person = personId !== null && isUuid(personId) ? personId : "";
  const found =
    "$client" in db
      ? await ballotLoader(db as Db, ballotId).load(person)
      : split((await selectBallot(db, ballotId, JSON.stringify(person ? [person] : [])))[0], [person])[0]!;
  if (!found) return null;
  const { ballot, isElector } = found;
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
