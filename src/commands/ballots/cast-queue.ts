import type { Db } from "../../db/client.js";
import { batchesInFlight, groupLoader, loaderPer } from "../../db/group-commit.js";
import { runStatement } from "../../db/statement.js";
import { mixCastBallots, mixingStarts, mixRegister } from "./mixing.js";

/**
 * Group commit for casting. Casts for the same ballot that arrive while an earlier group is being
 * written wait for it and then go to the database together, in one statement (one transaction):
 * under load a statement writes tens of ballots instead of one, and the database's work per ballot
 * (parse, plan, lock the ballot, commit) is shared. A cast is answered only when the statement that
 * holds it has committed, so every acknowledged ballot is stored, as before.
 *
 * What the database decides is unchanged: the register's primary key refuses a second row for a
 * voter (`ON CONFLICT DO NOTHING`), and a ballot is written only with the register row it goes
 * with. When a group holds the same voter twice (a request sent twice at once), the statement
 * writes the first and answers "already voted" to the other.
 *
 * Secrecy: a group's register rows are inserted in person-id order and its ballots in tracker
 * order, two orders that say nothing of each other or of the arrival order; all of them share
 * one transaction id, which then names the whole group (plus the rows mixed, see mixing.ts).
 * See docs/decisions/012-secret-ballot.md.
 */

/** One cast waiting for its group. `at` is when it arrived: the voting window is checked at that time. */
export interface QueuedCast {
  personId: string;
  at: string;
  valid: boolean;
  /** The ranking (null when invalid: nothing is written then). */
  ranking: string[][] | null;
  tracker: string;
}

export interface QueuedOutcome {
  taking: boolean;
  elector: boolean;
  written: boolean;
}

/** The most casts in one statement. */
export const MAX_GROUP = 64;

/**
 * $1 the ballot, $2 the group as JSON (n, person_id, at, valid, ranking, tracker), $3–$6 the
 * mixing's arguments. Returns one row per cast of the group: n, taking, elector, written.
 */
const CAST_GROUP = `with input as materialized (
      select * from jsonb_to_recordset($2::jsonb)
        as i(n int, person_id uuid, at timestamptz, valid boolean, ranking jsonb, tracker text)
    ),
    b as materialized (
      select id, opens_at, closes_at from ballots where id = $1::uuid and status = 'open' for share
    ),
    w as materialized (
      select i.* from input i, b
      where (b.opens_at is null or b.opens_at <= i.at) and (b.closes_at is null or b.closes_at > i.at)
    ),
    v as materialized (
      select w.n, w.person_id, w.valid, w.ranking, w.tracker, el.weight, el.college_key
      from w join ballot_electors el on el.ballot_id = $1::uuid and el.person_id = w.person_id
    ),
    e as materialized (
      select distinct on (v.person_id) v.* from v where v.valid order by v.person_id, v.n
    ),
    reg as (
      insert into ballot_register (ballot_id, person_id)
      select $1::uuid, e.person_id from e order by e.person_id
      on conflict do nothing
      returning person_id
    ),
    ins as (
      insert into cast_ballots (ballot_id, ranking, weight, college_key, tracker)
      select $1::uuid, e.ranking, e.weight, e.college_key, e.tracker from e join reg using (person_id)
      order by e.tracker
      returning tracker
    ),
    ${mixCastBallots({ ballot: "$1::uuid", except: "$3::text", start: "$4::text", when: "exists (select 1 from ins)" })},
    ${mixRegister({ ballot: "$1::uuid", except: "$5::uuid", start: "$6::uuid", when: "exists (select 1 from ins)" })}
    select i.n, exists (select 1 from w where w.n = i.n) as taking,
      exists (select 1 from v where v.n = i.n) as elector,
      exists (select 1 from ins where ins.tracker = i.tracker) as written
    from input i order by i.n`;

type CastRow = { n: number; taking: boolean; elector: boolean; written: boolean };

/** Writes one group of casts for a ballot, in one statement; one outcome per cast, in order. */
async function castGroup(db: Db, ballotId: string, group: readonly QueuedCast[]): Promise<QueuedOutcome[]> {
  const first = group[0]!;
  const { trackerStart, personStart } = mixingStarts();
  const rows = group.map((cast, n) => ({
    n,
    person_id: cast.personId,
    at: cast.at,
    valid: cast.valid,
    ranking: cast.ranking,
    tracker: cast.tracker,
  }));
  const result = await runStatement<CastRow>(db, CAST_GROUP, [
    ballotId,
    JSON.stringify(rows),
    first.tracker,
    trackerStart,
    first.personId,
    personStart,
  ]);
  const outcomes: QueuedOutcome[] = group.map(() => ({ taking: false, elector: false, written: false }));
  for (const row of result)
    outcomes[Number(row.n)] = { taking: row.taking, elector: row.elector, written: row.written };
  return outcomes;
}

const castLoader = loaderPer<QueuedCast, QueuedOutcome>((db, ballotId) =>
  groupLoader((group) => castGroup(db, ballotId, group), {
    maxInFlight: batchesInFlight(db, 2),
    maxBatchSize: MAX_GROUP,
  }),
);

/** Queues a cast for its ballot's next group; resolves once that group is committed. */
export function queueCast(db: Db, ballotId: string, cast: QueuedCast): Promise<QueuedOutcome> {
  return castLoader(db, ballotId).load(cast);
}
