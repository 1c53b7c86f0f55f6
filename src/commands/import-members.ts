import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { appendAudit } from "../audit/log.js";
import type { Db, Queryable, Tx } from "../db/client.js";
import {
  auditLog,
  colleges,
  memberships,
  offices,
  organisations,
  pendingImports,
  persons,
} from "../db/schema/index.js";
import type { ImportColumn, ImportContext, MemberRow, ParsedMemberFile } from "../domain/members/csv-import.js";

/** Rows written per INSERT statement. */
export const IMPORT_CHUNK = 1_000;

export interface ImportSummary {
  /** Memberships added to the organisation (the person may have existed already). */
  created: number;
  /** Existing memberships (or their person's name) changed by the file. */
  updated: number;
  /** Rows that matched what was already stored. */
  unchanged: number;
  /** Lines of the file left out because of their errors. */
  skipped: number;
  /** The sequence number of the "members.imported" audit entry. */
  auditSeq: number;
}

/** The colleges, offices and default language a member file of this organisation is checked against. */
export async function loadImportContext(db: Queryable, organisationId: string): Promise<ImportContext | null> {
  const [organisation] = await db
    .select({ defaultLanguage: organisations.defaultLanguage })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  if (!organisation) return null;
  const [collegeRows, officeRows] = await Promise.all([
    db
      .select({ id: colleges.id, key: colleges.key, labels: colleges.labels })
      .from(colleges)
      .where(eq(colleges.organisationId, organisationId))
      .orderBy(asc(colleges.position), asc(colleges.key)),
    db
      .select({ id: offices.id, name: offices.name, city: offices.city })
      .from(offices)
      .where(eq(offices.organisationId, organisationId))
      .orderBy(asc(offices.name)),
  ]);
  return { colleges: collegeRows, offices: officeRows, defaultLanguage: organisation.defaultLanguage };
}

export interface ImportInput {
  organisationId: string;
  /** Who imports; null from the command line. */
  actorId: string | null;
  /** A parsed file without file-level errors: its good rows are written, its bad rows skipped. */
  parsed: ParsedMemberFile;
  source: "web" | "cli";
  /** When the rows come from a stored pending import: it is consumed in the same transaction. */
  pending?: { id: string; uploadedBy: string };
}

/** Thrown when the pending import was already used or cancelled (e.g. a second click on "Import"). */
export class PendingImportGone extends Error {}

interface Existing {
  personId: string;
  name: string;
  /** Member of another organisation or holding a role beyond this one: the name is not ours to change. */
  shared: boolean;
  membership: {
    collegeId: string;
    isShareholder: boolean;
    shares: number;
    officeId: string | null;
    sector: string;
    language: string;
    directoryOptIn: boolean;
    memberNumber: string | null;
  } | null;
}

/**
 * Writes the good rows of a member file in ONE transaction: persons are upserted by e-mail, the
 * membership in the organisation inserted or updated, and one "members.imported" audit entry
 * records the counts (no personal data). One SELECT finds what exists; writes go in chunks of
 * IMPORT_CHUNK rows; rows equal to what is stored are not written.
 */
export async function importMemberRows(db: Db, input: ImportInput): Promise<ImportSummary> {
  if (input.parsed.fileErrors.length > 0) throw new Error("a file with file-level errors cannot be imported");
  const { organisationId } = input;
  const present = new Set<ImportColumn>(input.parsed.columns);
  const rows = input.parsed.rows;

  return db.transaction(async (tx) => {
    if (input.pending) {
      const consumed = await tx
        .delete(pendingImports)
        .where(
          and(
            eq(pendingImports.id, input.pending.id),
            eq(pendingImports.organisationId, organisationId),
            eq(pendingImports.uploadedBy, input.pending.uploadedBy),
          ),
        )
        .returning({ id: pendingImports.id });
      if (consumed.length === 0) throw new PendingImportGone();
    }

    const existing = await findExisting(
      tx,
      organisationId,
      rows.map((r) => r.email),
    );

    const personWrites: Array<{ email: string; name: string; locale: MemberRow["language"] }> = [];
    const membershipWrites: MemberRow[] = [];
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    for (const row of rows) {
      const found = existing.get(row.email);
      const renamed = found !== undefined && !found.shared && found.name !== row.name;
      if (!found || renamed) personWrites.push({ email: row.email, name: row.name, locale: row.language });
      if (!found?.membership) {
        created++;
        membershipWrites.push(row);
      } else if (renamed || membershipDiffers(found.membership, row, present)) {
        updated++;
        membershipWrites.push(row);
      } else {
        unchanged++;
      }
    }

    const personIds = new Map<string, string>();
    for (const [email, found] of existing) personIds.set(email, found.personId);
    for (let start = 0; start < personWrites.length; start += IMPORT_CHUNK) {
      for (const p of await upsertPersons(tx, personWrites.slice(start, start + IMPORT_CHUNK)))
        personIds.set(p.email, p.id);
    }
    for (let start = 0; start < membershipWrites.length; start += IMPORT_CHUNK) {
      await upsertMemberships(
        tx,
        organisationId,
        membershipWrites.slice(start, start + IMPORT_CHUNK),
        personIds,
        present,
      );
    }

    const skipped = input.parsed.badRowCount;
    await appendAudit(tx, {
      actorId: input.actorId,
      action: "members.imported",
      subjectType: "organisation",
      subjectId: organisationId,
      organisationId,
      data: { created, updated, unchanged, skipped, rows: input.parsed.dataRowCount, source: input.source },
    });
    // The audit lock is held until commit: the newest entry of this kind is ours.
    const [entry] = await tx
      .select({ seq: auditLog.seq })
      .from(auditLog)
      .where(and(eq(auditLog.action, "members.imported"), eq(auditLog.organisationId, organisationId)))
      .orderBy(desc(auditLog.seq))
      .limit(1);
    return { created, updated, unchanged, skipped, auditSeq: entry!.seq };
  });
}

async function findExisting(tx: Tx, organisationId: string, emails: string[]): Promise<Map<string, Existing>> {
  const out = new Map<string, Existing>();
  if (emails.length === 0) return out;
  const found = await tx
    .select({
      personId: persons.id,
      email: persons.email,
      name: persons.name,
      shared: sql<boolean>`(exists (select 1 from memberships other where other.person_id = ${persons.id} and other.organisation_id <> ${organisationId})
        or exists (select 1 from role_assignments r where r.person_id = ${persons.id} and (r.organisation_id is null or r.organisation_id <> ${organisationId})))`,
      membershipId: memberships.id,
      collegeId: memberships.collegeId,
      isShareholder: memberships.isShareholder,
      shares: memberships.shares,
      officeId: memberships.officeId,
      sector: memberships.sector,
      language: memberships.language,
      directoryOptIn: memberships.directoryOptIn,
      memberNumber: memberships.memberNumber,
    })
    .from(persons)
    .leftJoin(memberships, and(eq(memberships.personId, persons.id), eq(memberships.organisationId, organisationId)))
    .where(sql`${persons.email} = any(${sql.param(emails)}::text[])`);
  for (const r of found) {
    out.set(r.email, {
      personId: r.personId,
      name: r.name,
      shared: r.shared === true,
      membership:
        r.membershipId === null
          ? null
          : {
              collegeId: r.collegeId!,
              isShareholder: r.isShareholder!,
              shares: r.shares!,
              officeId: r.officeId,
              sector: r.sector!,
              language: r.language!,
              directoryOptIn: r.directoryOptIn!,
              memberNumber: r.memberNumber,
            },
    });
  }
  return out;
}

/** Shareholder status and shares are one fact: both change when the file has either column. */
function hasShares(present: Set<ImportColumn>) {
  return present.has("shareholder") || present.has("shares");
}

function membershipDiffers(
  stored: NonNullable<Existing["membership"]>,
  row: MemberRow,
  present: Set<ImportColumn>,
): boolean {
  return (
    stored.collegeId !== row.collegeId ||
    (hasShares(present) && (stored.isShareholder !== row.isShareholder || stored.shares !== row.shares)) ||
    (present.has("office") && stored.officeId !== row.officeId) ||
    (present.has("sector") && stored.sector !== row.sector) ||
    (present.has("language") && stored.language !== row.language) ||
    (present.has("directory") && stored.directoryOptIn !== row.directoryOptIn) ||
    (present.has("member_number") && stored.memberNumber !== row.memberNumber)
  );
}

/*
 * The writes are multi-row INSERT … ON CONFLICT … DO UPDATE statements whose rows come from
 * unnest() over one array parameter per column: a chunk of 1,000 rows is one statement with a
 * handful of parameters, which both engines parse far faster than 10,000 scalar parameters.
 */

function rowsOf(result: unknown): Array<Record<string, unknown>> {
  return (result as { rows: Array<Record<string, unknown>> }).rows;
}

async function upsertPersons(
  tx: Tx,
  people: Array<{ email: string; name: string; locale: string }>,
): Promise<Array<{ id: string; email: string }>> {
  const result = await tx.execute(sql`
    insert into persons (email, name, locale)
    select * from unnest(
      ${sql.param(people.map((p) => p.email))}::text[],
      ${sql.param(people.map((p) => p.name))}::text[],
      ${sql.param(people.map((p) => p.locale))}::text[])
    on conflict (email) do update set name = excluded.name
    returning id, email`);
  return rowsOf(result).map((r) => ({ id: String(r.id), email: String(r.email) }));
}

async function upsertMemberships(
  tx: Tx,
  organisationId: string,
  rows: MemberRow[],
  personIds: Map<string, string>,
  present: Set<ImportColumn>,
): Promise<void> {
  await tx.execute(sql`
    insert into memberships (person_id, organisation_id, college_id, is_shareholder, shares, office_id, sector, language, directory_opt_in, member_number)
    select u.person_id, ${organisationId}::uuid, u.college_id, u.is_shareholder, u.shares, u.office_id, u.sector, u.language, u.directory_opt_in, u.member_number
    from unnest(
      ${sql.param(rows.map((r) => personIds.get(r.email)!))}::uuid[],
      ${sql.param(rows.map((r) => r.collegeId))}::uuid[],
      ${sql.param(rows.map((r) => r.isShareholder))}::boolean[],
      ${sql.param(rows.map((r) => r.shares))}::integer[],
      ${sql.param(rows.map((r) => r.officeId))}::uuid[],
      ${sql.param(rows.map((r) => r.sector))}::text[],
      ${sql.param(rows.map((r) => r.language))}::text[],
      ${sql.param(rows.map((r) => r.directoryOptIn))}::boolean[],
      ${sql.param(rows.map((r) => r.memberNumber))}::text[]
    ) as u(person_id, college_id, is_shareholder, shares, office_id, sector, language, directory_opt_in, member_number)
    on conflict (person_id, organisation_id) do update set ${membershipUpdates(present)}`);
}

/** On an existing membership, only the columns the file has are overwritten. */
function membershipUpdates(present: Set<ImportColumn>): SQL {
  const set = ["college_id = excluded.college_id"];
  if (hasShares(present)) set.push("is_shareholder = excluded.is_shareholder", "shares = excluded.shares");
  if (present.has("office")) set.push("office_id = excluded.office_id");
  if (present.has("sector")) set.push("sector = excluded.sector");
  if (present.has("language")) set.push("language = excluded.language");
  if (present.has("directory")) set.push("directory_opt_in = excluded.directory_opt_in");
  if (present.has("member_number")) set.push("member_number = excluded.member_number");
  return sql.raw(set.join(", "));
}
