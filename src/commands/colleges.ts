import { and, asc, count, eq, sql } from "drizzle-orm";
import { appendAudit } from "../audit/log.js";
import type { Db, Queryable } from "../db/client.js";
import { colleges, memberships, type Labels } from "../db/schema/index.js";
import { FOREIGN_KEY_VIOLATION, isUniqueViolation, isUuid, sqlState } from "./db-errors.js";

export type College = typeof colleges.$inferSelect;

export interface CollegeInput {
  labels: Labels;
  /** Exact decimal as text, e.g. "0.5". */
  weight: string;
}

export type SaveCollegeOutcome = { ok: true; id: string } | { ok: false; reason: "key_taken" };
export type DeleteCollegeOutcome = { ok: true } | { ok: false; reason: "has_members"; members: number };

/** Colleges of one organisation with their number of members. */
export async function listColleges(db: Queryable, organisationId: string) {
  return db
    .select({
      id: colleges.id,
      key: colleges.key,
      labels: colleges.labels,
      weight: colleges.weight,
      position: colleges.position,
      members: count(memberships.id),
    })
    .from(colleges)
    .leftJoin(memberships, eq(memberships.collegeId, colleges.id))
    .where(eq(colleges.organisationId, organisationId))
    .groupBy(colleges.id)
    .orderBy(asc(colleges.position), asc(colleges.key));
}

export async function findCollege(db: Queryable, organisationId: string, collegeId: string): Promise<College | null> {
  if (!isUuid(collegeId)) return null;
  const [row] = await db
    .select()
    .from(colleges)
    .where(and(eq(colleges.id, collegeId), eq(colleges.organisationId, organisationId)));
  return row ?? null;
}

export async function createCollege(
  db: Db,
  actorId: string,
  organisationId: string,
  input: CollegeInput & { key: string },
): Promise<SaveCollegeOutcome> {
  try {
    const id = await db.transaction(async (tx) => {
      const [last] = await tx
        .select({ position: sql<number>`coalesce(max(${colleges.position}), -1)`.mapWith(Number) })
        .from(colleges)
        .where(eq(colleges.organisationId, organisationId));
      const [row] = await tx
        .insert(colleges)
        .values({ organisationId, ...input, position: (last?.position ?? -1) + 1 })
        .returning({ id: colleges.id });
      await appendAudit(tx, {
        actorId,
        action: "organisation.updated",
        subjectType: "college",
        subjectId: row!.id,
        organisationId,
        data: { change: "college.created", key: input.key, weight: input.weight },
      });
      return row!.id;
    });
    return { ok: true, id };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "key_taken" };
    throw error;
  }
}

export async function updateCollege(db: Db, actorId: string, college: College, input: CollegeInput): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(colleges)
      .set(input)
      .where(and(eq(colleges.id, college.id), eq(colleges.organisationId, college.organisationId)));
    await appendAudit(tx, {
      actorId,
      action: "organisation.updated",
      subjectType: "college",
      subjectId: college.id,
      organisationId: college.organisationId,
      data: { change: "college.updated", key: college.key, weight: input.weight },
    });
  });
}

/** A college that still has members is kept: their vote weight depends on it. */
export async function deleteCollege(db: Db, actorId: string, college: College): Promise<DeleteCollegeOutcome> {
  try {
    return await db.transaction(async (tx): Promise<DeleteCollegeOutcome> => {
      const [held] = await tx.select({ n: count() }).from(memberships).where(eq(memberships.collegeId, college.id));
      const members = held?.n ?? 0;
      if (members > 0) return { ok: false, reason: "has_members", members };
      await tx
        .delete(colleges)
        .where(and(eq(colleges.id, college.id), eq(colleges.organisationId, college.organisationId)));
      await appendAudit(tx, {
        actorId,
        action: "organisation.updated",
        subjectType: "college",
        subjectId: college.id,
        organisationId: college.organisationId,
        data: { change: "college.deleted", key: college.key },
      });
      return { ok: true };
    });
  } catch (error) {
    // A member joined between the count and the delete: the foreign key refuses it.
    if (sqlState(error) === FOREIGN_KEY_VIOLATION) {
      const [held] = await db.select({ n: count() }).from(memberships).where(eq(memberships.collegeId, college.id));
      return { ok: false, reason: "has_members", members: held?.n ?? 1 };
    }
    throw error;
  }
}
