import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { appendAudit } from "../../audit/log.js";
import type { Db, Queryable } from "../../db/client.js";
import {
  ballotElectors,
  ballotOptions,
  ballots,
  colleges,
  memberships,
  persons,
  type ElectorateRule,
} from "../../db/schema/index.js";
import { Rational } from "../../domain/voting/rational.js";
import type { Locale } from "../../i18n/locales.js";
import { isUuid } from "../db-errors.js";

export type OpenBallotOutcome =
  { ok: true; electors: number } | { ok: false; reason: "not_found" | "not_draft" | "no_options" | "no_electors" };

interface ElectorRow {
  personId: string;
  organisationId: string;
  collegeKey: string;
  weight: string;
  officeId: string | null;
  language: Locale;
}

/**
 * Who may vote, by the ballot's rule: members of its organisations (shareholders only if set,
 * the listed colleges only if any), with accounts that are not disabled. A person who is a member
 * of several of the organisations votes once, with their heaviest college (then the organisation
 * listed first in the rule).
 */
export async function electorateOf(tx: Queryable, rule: ElectorateRule): Promise<ElectorRow[]> {
  if (rule.organisationIds.length === 0) return [];
  const conditions = [inArray(memberships.organisationId, rule.organisationIds), isNull(persons.disabledAt)];
  if (rule.shareholdersOnly) conditions.push(eq(memberships.isShareholder, true));
  if (rule.collegeKeys.length > 0) conditions.push(inArray(colleges.key, rule.collegeKeys));
  const rows = await tx
    .select({
      personId: memberships.personId,
      organisationId: memberships.organisationId,
      collegeKey: colleges.key,
      weight: colleges.weight,
      officeId: memberships.officeId,
      language: memberships.language,
    })
    .from(memberships)
    .innerJoin(colleges, eq(colleges.id, memberships.collegeId))
    .innerJoin(persons, eq(persons.id, memberships.personId))
    .where(and(...conditions));
  const orgRank = new Map(rule.organisationIds.map((id, index) => [id, index]));
  const best = new Map<string, ElectorRow>();
  for (const row of rows) {
    const current = best.get(row.personId);
    if (!current) {
      best.set(row.personId, row);
      continue;
    }
    const heavier = Rational.parse(row.weight).compare(Rational.parse(current.weight));
    if (heavier > 0 || (heavier === 0 && orgRank.get(row.organisationId)! < orgRank.get(current.organisationId)!)) {
      best.set(row.personId, row);
    }
  }
  return [...best.values()];
}

/**
 * Opens a draft ballot: takes the electorate snapshot (each elector's college, weight, office
 * and language as they are now), marks it open, and audits it, in one transaction.
 */
export async function openBallot(
  db: Db,
  ballotId: string,
  opts: { actorId: string | null; now?: Date },
): Promise<OpenBallotOutcome> {
  if (!isUuid(ballotId)) return { ok: false, reason: "not_found" };
  const now = opts.now ?? new Date();
  return db.transaction(async (tx): Promise<OpenBallotOutcome> => {
    const [ballot] = await tx
      .select({ id: ballots.id, status: ballots.status, electorate: ballots.electorate })
      .from(ballots)
      .where(eq(ballots.id, ballotId))
      .for("update");
    if (!ballot) return { ok: false, reason: "not_found" };
    if (ballot.status !== "draft") return { ok: false, reason: "not_draft" };
    const [options] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(ballotOptions)
      .where(eq(ballotOptions.ballotId, ballotId));
    if (!options || options.n === 0) return { ok: false, reason: "no_options" };

    const electors = await electorateOf(tx, ballot.electorate);
    if (electors.length === 0) return { ok: false, reason: "no_electors" };
    // A snapshot from an earlier, aborted opening never survives: the draft starts clean.
    await tx.delete(ballotElectors).where(eq(ballotElectors.ballotId, ballotId));
    for (let i = 0; i < electors.length; i += 1000) {
      await tx.insert(ballotElectors).values(electors.slice(i, i + 1000).map((e) => ({ ballotId, ...e })));
    }
    await tx.update(ballots).set({ status: "open", openedAt: now }).where(eq(ballots.id, ballotId));
    await appendAudit(
      tx,
      {
        actorId: opts.actorId,
        action: "ballot.opened",
        subjectType: "ballot",
        subjectId: ballotId,
        organisationId: ballot.electorate.organisationIds[0] ?? null,
        data: { electors: electors.length },
      },
      now,
    );
    return { ok: true, electors: electors.length };
  });
}
