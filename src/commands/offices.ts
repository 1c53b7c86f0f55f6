import { and, asc, count, eq, ne } from "drizzle-orm";
import { appendAudit } from "../audit/log.js";
import type { Db, Queryable, Tx } from "../db/client.js";
import { memberships, offices } from "../db/schema/index.js";
import { isUniqueViolation, isUuid } from "./db-errors.js";

export type Office = typeof offices.$inferSelect;

export interface OfficeInput {
  name: string;
  city: string;
  isHeadOffice: boolean;
}

export type SaveOfficeOutcome = { ok: true; id: string } | { ok: false; reason: "name_taken" };

/** Offices of one organisation with how many members each holds. */
export async function listOffices(db: Queryable, organisationId: string) {
  return db
    .select({
      id: offices.id,
      name: offices.name,
      city: offices.city,
      isHeadOffice: offices.isHeadOffice,
      members: count(memberships.id),
    })
    .from(offices)
    .leftJoin(memberships, eq(memberships.officeId, offices.id))
    .where(eq(offices.organisationId, organisationId))
    .groupBy(offices.id)
    .orderBy(asc(offices.name));
}

/** An office of this organisation only: an id from elsewhere is not found. */
export async function findOffice(db: Queryable, organisationId: string, officeId: string): Promise<Office | null> {
  if (!isUuid(officeId)) return null;
  const [row] = await db
    .select()
    .from(offices)
    .where(and(eq(offices.id, officeId), eq(offices.organisationId, organisationId)));
  return row ?? null;
}

/** One head office per organisation: naming a new one unsets the previous. */
async function keepOneHeadOffice(tx: Tx, organisationId: string, officeId: string) {
  await tx
    .update(offices)
    .set({ isHeadOffice: false })
    .where(and(eq(offices.organisationId, organisationId), ne(offices.id, officeId), eq(offices.isHeadOffice, true)));
}

export async function createOffice(
  db: Db,
  actorId: string,
  organisationId: string,
  input: OfficeInput,
): Promise<SaveOfficeOutcome> {
  try {
    const id = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(offices)
        .values({ organisationId, ...input })
        .returning({ id: offices.id });
      if (input.isHeadOffice) await keepOneHeadOffice(tx, organisationId, row!.id);
      await appendAudit(tx, {
        actorId,
        action: "organisation.updated",
        subjectType: "office",
        subjectId: row!.id,
        organisationId,
        data: { change: "office.created", isHeadOffice: input.isHeadOffice },
      });
      return row!.id;
    });
    return { ok: true, id };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "name_taken" };
    throw error;
  }
}

export async function updateOffice(
  db: Db,
  actorId: string,
  office: Office,
  input: OfficeInput,
): Promise<SaveOfficeOutcome> {
  try {
    await db.transaction(async (tx) => {
      await tx
        .update(offices)
        .set(input)
        .where(and(eq(offices.id, office.id), eq(offices.organisationId, office.organisationId)));
      if (input.isHeadOffice) await keepOneHeadOffice(tx, office.organisationId, office.id);
      await appendAudit(tx, {
        actorId,
        action: "organisation.updated",
        subjectType: "office",
        subjectId: office.id,
        organisationId: office.organisationId,
        data: { change: "office.updated", isHeadOffice: input.isHeadOffice },
      });
    });
    return { ok: true, id: office.id };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "name_taken" };
    throw error;
  }
}

/** Deletes the office; its members keep their membership, with no office (ON DELETE SET NULL). */
export async function deleteOffice(db: Db, actorId: string, office: Office): Promise<{ membersDetached: number }> {
  return db.transaction(async (tx) => {
    const [held] = await tx.select({ n: count() }).from(memberships).where(eq(memberships.officeId, office.id));
    await tx.delete(offices).where(and(eq(offices.id, office.id), eq(offices.organisationId, office.organisationId)));
    const membersDetached = held?.n ?? 0;
    await appendAudit(tx, {
      actorId,
      action: "organisation.updated",
      subjectType: "office",
      subjectId: office.id,
      organisationId: office.organisationId,
      data: { change: "office.deleted", membersDetached },
    });
    return { membersDetached };
  });
}
