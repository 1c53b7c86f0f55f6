import { and, asc, eq, sql } from "drizzle-orm";
import { appendAudit } from "../../audit/log.js";
import type { Db, Queryable } from "../../db/client.js";
import { assemblyAttendance, assemblyPaperTallies, assemblyProxies, colleges } from "../../db/schema/index.js";
import type { SiteItemContext } from "./load.js";

export interface PaperCount {
  yes: number;
  no: number;
  abstain: number;
}

/** Per college: members present at the site and members represented by a holder present there. */
export async function siteCapacity(
  db: Queryable,
  assemblyId: string,
  siteId: string,
): Promise<Map<string, { present: number; represented: number }>> {
  const present = await db
    .select({ collegeKey: assemblyAttendance.collegeKey, n: sql<number>`count(*)::int` })
    .from(assemblyAttendance)
    .where(and(eq(assemblyAttendance.assemblyId, assemblyId), eq(assemblyAttendance.siteId, siteId)))
    .groupBy(assemblyAttendance.collegeKey);
  const represented = await db
    .select({ collegeKey: assemblyProxies.collegeKey, n: sql<number>`count(*)::int` })
    .from(assemblyProxies)
    .innerJoin(
      assemblyAttendance,
      and(
        eq(assemblyAttendance.assemblyId, assemblyProxies.assemblyId),
        eq(assemblyAttendance.personId, assemblyProxies.holderId),
      ),
    )
    .where(and(eq(assemblyProxies.assemblyId, assemblyId), eq(assemblyAttendance.siteId, siteId)))
    .groupBy(assemblyProxies.collegeKey);
  const out = new Map<string, { present: number; represented: number }>();
  for (const r of present) out.set(r.collegeKey, { present: r.n, represented: 0 });
  for (const r of represented)
    out.set(r.collegeKey, { present: out.get(r.collegeKey)?.present ?? 0, represented: r.n });
  return out;
}

/** The organisation's college keys, in their order. */
export async function collegeKeys(db: Queryable, organisationId: string): Promise<string[]> {
  const rows = await db
    .select({ key: colleges.key })
    .from(colleges)
    .where(eq(colleges.organisationId, organisationId))
    .orderBy(asc(colleges.position), asc(colleges.key));
  return rows.map((r) => r.key);
}

export async function paperTalliesOf(db: Queryable, itemId: string, siteId: string) {
  return db
    .select()
    .from(assemblyPaperTallies)
    .where(and(eq(assemblyPaperTallies.itemId, itemId), eq(assemblyPaperTallies.siteId, siteId)));
}

export type PaperOutcome =
  { ok: true } | { ok: false; reason: "not_open" } | { ok: false; reason: "too_many"; colleges: string[] };

/**
 * Enters (or replaces) the tellers' count of one paper site for an open item, per college. Each
 * college's total may not exceed the members present at the site plus those represented by holders
 * present there. The item is locked FOR SHARE, as for online votes.
 */
export async function enterPaperCounts(
  db: Db,
  actorId: string,
  context: SiteItemContext,
  counts: ReadonlyMap<string, PaperCount>,
): Promise<PaperOutcome> {
  return db.transaction(async (tx): Promise<PaperOutcome> => {
    const open = await tx.execute(
      sql`select 1 from assembly_items i join assemblies a on a.id = i.assembly_id
          where i.id = ${context.item.id} and i.status = 'open' and a.status = 'open' for share of i`,
    );
    if ((open as unknown as { rows: unknown[] }).rows.length === 0) return { ok: false, reason: "not_open" };
    const capacity = await siteCapacity(tx, context.assembly.id, context.site.id);
    const tooMany = [...counts].filter(([key, c]) => {
      const cap = capacity.get(key) ?? { present: 0, represented: 0 };
      return c.yes + c.no + c.abstain > cap.present + cap.represented;
    });
    if (tooMany.length > 0) return { ok: false, reason: "too_many", colleges: tooMany.map(([k]) => k) };
    const previous = await tx
      .delete(assemblyPaperTallies)
      .where(and(eq(assemblyPaperTallies.itemId, context.item.id), eq(assemblyPaperTallies.siteId, context.site.id)))
      .returning({ collegeKey: assemblyPaperTallies.collegeKey });
    const rows = [...counts].map(([collegeKey, c]) => ({
      itemId: context.item.id,
      siteId: context.site.id,
      collegeKey,
      ...c,
      tellerId: actorId,
    }));
    if (rows.length > 0) await tx.insert(assemblyPaperTallies).values(rows);
    await appendAudit(tx, {
      actorId,
      action: "assembly.paper_entered",
      subjectType: "assembly_item",
      subjectId: context.item.id,
      organisationId: context.assembly.organisationId,
      data: {
        siteId: context.site.id,
        replaced: previous.length > 0,
        counts: Object.fromEntries([...counts].map(([k, c]) => [k, [c.yes, c.no, c.abstain]])),
      },
    });
    return { ok: true };
  });
}
