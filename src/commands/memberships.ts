import { and, asc, eq, isNull, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { appendAudit } from "../audit/log.js";
import type { Db, Queryable } from "../db/client.js";
import { colleges, memberships, offices, persons } from "../db/schema/index.js";
import type { Locale } from "../i18n/locales.js";
import { isUuid } from "./db-errors.js";

export interface MemberFilters {
  /** Part of a name or an e-mail address; case and accents are ignored. */
  q?: string | undefined;
  collegeId?: string | undefined;
  officeId?: string | undefined;
  shareholder?: boolean | undefined;
}

export interface Page<T> {
  rows: T[];
  total: number;
}

/** A LIKE pattern matching the text anywhere, with the wildcards of the text taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** Case- and accent-insensitive: lower() then unaccent() (extension created by migration 0001). */
function folded(value: SQLWrapper): SQL {
  return sql`unaccent(lower(${value}))`;
}

function memberConditions(organisationId: string, filters: MemberFilters): SQL[] {
  const where: SQL[] = [eq(memberships.organisationId, organisationId)];
  const q = filters.q?.trim();
  if (q) {
    const pattern = sql`unaccent(lower(${containsPattern(q)}))`;
    where.push(sql`(${folded(persons.name)} like ${pattern} or ${folded(persons.email)} like ${pattern})`);
  }
  if (filters.collegeId && isUuid(filters.collegeId)) where.push(eq(memberships.collegeId, filters.collegeId));
  if (filters.officeId === "none") where.push(isNull(memberships.officeId));
  else if (filters.officeId && isUuid(filters.officeId)) where.push(eq(memberships.officeId, filters.officeId));
  if (filters.shareholder !== undefined) where.push(eq(memberships.isShareholder, filters.shareholder));
  return where;
}

/**
 * One page of the members of an organisation with their person, college and office, in one
 * query; the total comes from a window count over the same query.
 */
export async function searchMembers(
  db: Queryable,
  organisationId: string,
  filters: MemberFilters,
  page: number,
  pageSize: number,
) {
  const where = and(...memberConditions(organisationId, filters));
  const rows = await db
    .select({
      id: memberships.id,
      personId: persons.id,
      name: persons.name,
      email: persons.email,
      memberNumber: memberships.memberNumber,
      isShareholder: memberships.isShareholder,
      shares: memberships.shares,
      sector: memberships.sector,
      collegeLabels: colleges.labels,
      collegeKey: colleges.key,
      officeName: offices.name,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(memberships)
    .innerJoin(persons, eq(persons.id, memberships.personId))
    .innerJoin(colleges, eq(colleges.id, memberships.collegeId))
    .leftJoin(offices, eq(offices.id, memberships.officeId))
    .where(where)
    .orderBy(asc(persons.name), asc(memberships.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && page > 1) {
    const [counted] = await db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(memberships)
      .innerJoin(persons, eq(persons.id, memberships.personId))
      .where(where);
    total = counted?.n ?? 0;
  }
  return { rows: rows.map(({ total: _t, ...r }) => r), total };
}

/** The members who chose to appear in the directory: no e-mail, no member number, no shares. */
export async function listDirectory(db: Queryable, organisationId: string, page: number, pageSize: number) {
  const rows = await db
    .select({
      id: memberships.id,
      name: persons.name,
      sector: memberships.sector,
      collegeLabels: colleges.labels,
      collegeKey: colleges.key,
      officeName: offices.name,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(memberships)
    .innerJoin(persons, eq(persons.id, memberships.personId))
    .innerJoin(colleges, eq(colleges.id, memberships.collegeId))
    .leftJoin(offices, eq(offices.id, memberships.officeId))
    .where(
      and(
        eq(memberships.organisationId, organisationId),
        eq(memberships.directoryOptIn, true),
        isNull(persons.disabledAt),
      ),
    )
    .orderBy(asc(persons.name), asc(memberships.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && page > 1) {
    const [counted] = await db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(memberships)
      .innerJoin(persons, eq(persons.id, memberships.personId))
      .where(
        and(
          eq(memberships.organisationId, organisationId),
          eq(memberships.directoryOptIn, true),
          isNull(persons.disabledAt),
        ),
      );
    total = counted?.n ?? 0;
  }
  return { rows: rows.map(({ total: _t, ...r }) => r), total };
}

export type MembershipDetail = NonNullable<Awaited<ReturnType<typeof findMembership>>>;

/** A membership of this organisation only, with the person's name and e-mail. */
export async function findMembership(db: Queryable, organisationId: string, membershipId: string) {
  if (!isUuid(membershipId)) return null;
  const [row] = await db
    .select({
      id: memberships.id,
      organisationId: memberships.organisationId,
      personId: memberships.personId,
      name: persons.name,
      email: persons.email,
      collegeId: memberships.collegeId,
      memberNumber: memberships.memberNumber,
      isShareholder: memberships.isShareholder,
      shares: memberships.shares,
      officeId: memberships.officeId,
      sector: memberships.sector,
      language: memberships.language,
      directoryOptIn: memberships.directoryOptIn,
      joinedAt: memberships.joinedAt,
    })
    .from(memberships)
    .innerJoin(persons, eq(persons.id, memberships.personId))
    .where(and(eq(memberships.id, membershipId), eq(memberships.organisationId, organisationId)));
  return row ?? null;
}

export interface MembershipInput {
  collegeId: string;
  memberNumber: string | null;
  isShareholder: boolean;
  shares: number;
  officeId: string | null;
  sector: string;
  language: Locale;
  directoryOptIn: boolean;
}

export type UpdateMembershipOutcome = { ok: true } | { ok: false; field: "collegeId" | "officeId" };

/** Saves a membership; the college and office must belong to the same organisation. */
export async function updateMembership(
  db: Db,
  actorId: string,
  current: MembershipDetail,
  input: MembershipInput,
): Promise<UpdateMembershipOutcome> {
  return db.transaction(async (tx): Promise<UpdateMembershipOutcome> => {
    const [college] = isUuid(input.collegeId)
      ? await tx
          .select({ id: colleges.id })
          .from(colleges)
          .where(and(eq(colleges.id, input.collegeId), eq(colleges.organisationId, current.organisationId)))
      : [];
    if (!college) return { ok: false, field: "collegeId" };
    if (input.officeId !== null) {
      const [office] = isUuid(input.officeId)
        ? await tx
            .select({ id: offices.id })
            .from(offices)
            .where(and(eq(offices.id, input.officeId), eq(offices.organisationId, current.organisationId)))
        : [];
      if (!office) return { ok: false, field: "officeId" };
    }
    await tx
      .update(memberships)
      .set(input)
      .where(and(eq(memberships.id, current.id), eq(memberships.organisationId, current.organisationId)));
    const changed = (Object.keys(input) as Array<keyof MembershipInput>).filter((k) => input[k] !== current[k]);
    await appendAudit(tx, {
      actorId,
      action: "membership.updated",
      subjectType: "membership",
      subjectId: current.id,
      organisationId: current.organisationId,
      data: { fields: changed },
    });
    return { ok: true };
  });
}

/** Ends a membership; the person and their account stay. */
export async function removeMembership(db: Db, actorId: string, current: MembershipDetail): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .delete(memberships)
      .where(and(eq(memberships.id, current.id), eq(memberships.organisationId, current.organisationId)));
    await appendAudit(tx, {
      actorId,
      action: "membership.removed",
      subjectType: "membership",
      subjectId: current.id,
      organisationId: current.organisationId,
      data: { personId: current.personId },
    });
  });
}
