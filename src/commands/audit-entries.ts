import { count, desc, eq } from "drizzle-orm";
import type { Queryable } from "../db/client.js";
import { auditLog, organisations, persons } from "../db/schema/index.js";

/** The latest audit entries, newest first, with the actor's name and the organisation's slug. */
export async function listAuditEntries(db: Queryable, page: number, pageSize: number) {
  const [rows, [counted]] = await Promise.all([
    db
      .select({
        seq: auditLog.seq,
        at: auditLog.at,
        action: auditLog.action,
        subjectType: auditLog.subjectType,
        subjectId: auditLog.subjectId,
        actorId: auditLog.actorId,
        actorName: persons.name,
        organisationSlug: organisations.slug,
      })
      .from(auditLog)
      .leftJoin(persons, eq(persons.id, auditLog.actorId))
      .leftJoin(organisations, eq(organisations.id, auditLog.organisationId))
      .orderBy(desc(auditLog.seq))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(auditLog),
  ]);
  return { rows, total: counted?.n ?? 0 };
}
