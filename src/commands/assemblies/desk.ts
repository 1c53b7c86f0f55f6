import { and, eq, isNull } from "drizzle-orm";
import { appendAudit } from "../../audit/log.js";
import type { Db, Queryable, Tx } from "../../db/client.js";
import {
  assemblies,
  assemblyAttendance,
  assemblyItems,
  assemblyProxies,
  assemblySites,
  assemblyVoteRegister,
  colleges,
  memberships,
  organisations,
  persons,
} from "../../db/schema/index.js";
import { checkProxy, type ProxyRefusal } from "../../domain/assembly/index.js";
import type { AssemblyContext } from "./load.js";
import type { Refusal } from "./admin.js";
import { isUuid } from "../db-errors.js";

/**
 * Who may vote at the general assembly: the organisation's shareholders (a member "holds at least
 * one share; may vote at the AG", PRODUCT.md), with an account that is not disabled, as the ballots'
 * electorate rule with "shareholders only". Each with the college of their membership and its weight.
 */
export async function electorOf(db: Queryable, organisationId: string, email: string) {
  const [row] = await db
    .select({
      personId: persons.id,
      isShareholder: memberships.isShareholder,
      disabled: persons.disabledAt,
      collegeKey: colleges.key,
      weight: colleges.weight,
    })
    .from(persons)
    .innerJoin(memberships, and(eq(memberships.personId, persons.id), eq(memberships.organisationId, organisationId)))
    .innerJoin(colleges, eq(colleges.id, memberships.collegeId))
    .where(eq(persons.email, email));
  return row ?? null;
}

/** Members entitled to vote, per college key. */
export async function electorateByCollege(db: Queryable, organisationId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ collegeKey: colleges.key })
    .from(memberships)
    .innerJoin(colleges, eq(colleges.id, memberships.collegeId))
    .innerJoin(persons, eq(persons.id, memberships.personId))
    .where(
      and(
        eq(memberships.organisationId, organisationId),
        eq(memberships.isShareholder, true),
        isNull(persons.disabledAt),
      ),
    );
  const byCollege = new Map<string, number>();
  for (const r of rows) byCollege.set(r.collegeKey, (byCollege.get(r.collegeKey) ?? 0) + 1);
  return byCollege;
}

/** Serialises the desk's changes of one assembly (attendance and proxies depend on each other). */
async function lockForDesk(tx: Tx, assemblyId: string) {
  const [row] = await tx
    .select({ status: assemblies.status, statutes: organisations.statutes })
    .from(assemblies)
    .innerJoin(organisations, eq(organisations.id, assemblies.organisationId))
    .where(eq(assemblies.id, assemblyId))
    .for("update", { of: assemblies });
  return row ?? null;
}

export type AttendanceRefusal =
  "not_open" | "not_member" | "not_elector" | "unknown_site" | "already_present" | "gave_proxy";

/**
 * Registers a member present at a site, with their college and its weight as they are now. A member
 * who gave a proxy is refused: the desk removes the proxy first (while their vote was not yet cast
 * by the holder), so that nobody is both present and represented.
 */
export async function recordAttendance(
  db: Db,
  actorId: string,
  context: AssemblyContext,
  input: { email: string; siteId: string },
): Promise<{ ok: true; personId: string } | Refusal<AttendanceRefusal>> {
  if (!isUuid(input.siteId)) return { ok: false, reason: "unknown_site" };
  return db.transaction(async (tx) => {
    const assembly = await lockForDesk(tx, context.assembly.id);
    if (assembly?.status !== "open") return { ok: false, reason: "not_open" } as const;
    const [site] = await tx
      .select({ id: assemblySites.id })
      .from(assemblySites)
      .where(and(eq(assemblySites.id, input.siteId), eq(assemblySites.assemblyId, context.assembly.id)));
    if (!site) return { ok: false, reason: "unknown_site" } as const;
    const elector = await electorOf(tx, context.assembly.organisationId, input.email);
    if (!elector) return { ok: false, reason: "not_member" } as const;
    if (!elector.isShareholder || elector.disabled) return { ok: false, reason: "not_elector" } as const;
    const [gave] = await tx
      .select({ holderId: assemblyProxies.holderId })
      .from(assemblyProxies)
      .where(and(eq(assemblyProxies.assemblyId, context.assembly.id), eq(assemblyProxies.giverId, elector.personId)));
    if (gave) return { ok: false, reason: "gave_proxy" } as const;
    const inserted = await tx
      .insert(assemblyAttendance)
      .values({
        assemblyId: context.assembly.id,
        personId: elector.personId,
        siteId: site.id,
        collegeKey: elector.collegeKey,
        weight: elector.weight,
        recordedBy: actorId,
      })
      .onConflictDoNothing()
      .returning({ personId: assemblyAttendance.personId });
    if (inserted.length === 0) return { ok: false, reason: "already_present" } as const;
    await appendAudit(tx, {
      actorId,
      action: "assembly.attendance_recorded",
      subjectType: "assembly",
      subjectId: context.assembly.id,
      organisationId: context.assembly.organisationId,
      data: { personId: elector.personId, siteId: site.id },
    });
    return { ok: true, personId: elector.personId } as const;
  });
}

export type ProxyRecordRefusal = "not_open" | "giver_not_elector" | "holder_not_elector" | ProxyRefusal;

/** Records a proxy after checkProxy (self, chain, giver present, holder absent, holder's limit). */
export async function recordProxy(
  db: Db,
  actorId: string,
  context: AssemblyContext,
  input: { giverEmail: string; holderEmail: string },
): Promise<{ ok: true } | Refusal<ProxyRecordRefusal>> {
  return db.transaction(async (tx) => {
    const assembly = await lockForDesk(tx, context.assembly.id);
    if (assembly?.status !== "open") return { ok: false, reason: "not_open" } as const;
    const orgId = context.assembly.organisationId;
    const giver = await electorOf(tx, orgId, input.giverEmail);
    const holder = await electorOf(tx, orgId, input.holderEmail);
    if (input.giverEmail === input.holderEmail && giver) return { ok: false, reason: "self" } as const;
    if (!giver) return { ok: false, reason: "giver_not_member" } as const;
    if (!holder) return { ok: false, reason: "holder_not_member" } as const;
    if (!giver.isShareholder || giver.disabled) return { ok: false, reason: "giver_not_elector" } as const;
    if (!holder.isShareholder || holder.disabled) return { ok: false, reason: "holder_not_elector" } as const;
    const existing = await tx
      .select({ giver: assemblyProxies.giverId, holder: assemblyProxies.holderId })
      .from(assemblyProxies)
      .where(eq(assemblyProxies.assemblyId, context.assembly.id));
    const present = await tx
      .select({ personId: assemblyAttendance.personId })
      .from(assemblyAttendance)
      .where(eq(assemblyAttendance.assemblyId, context.assembly.id));
    const checked = checkProxy({ giver: giver.personId, holder: holder.personId }, existing, {
      members: [giver.personId, holder.personId],
      present: present.map((p) => p.personId),
      maxProxiesPerHolder: assembly.statutes.maxProxiesPerHolder,
    });
    if (!checked.ok) return { ok: false, reason: checked.reason } as const;
    await tx.insert(assemblyProxies).values({
      assemblyId: context.assembly.id,
      giverId: giver.personId,
      holderId: holder.personId,
      collegeKey: giver.collegeKey,
      weight: giver.weight,
      recordedBy: actorId,
    });
    await appendAudit(tx, {
      actorId,
      action: "assembly.proxy_recorded",
      subjectType: "assembly",
      subjectId: context.assembly.id,
      organisationId: orgId,
      data: { giverId: giver.personId, holderId: holder.personId },
    });
    return { ok: true } as const;
  });
}

/** Removes a proxy, unless the holder already voted with it on an item. */
export async function removeProxy(
  db: Db,
  actorId: string,
  context: AssemblyContext,
  giverId: string,
): Promise<{ ok: true } | Refusal<"not_open" | "no_proxy" | "already_voted">> {
  if (!isUuid(giverId)) return { ok: false, reason: "no_proxy" };
  return db.transaction(async (tx) => {
    const assembly = await lockForDesk(tx, context.assembly.id);
    if (assembly?.status !== "open") return { ok: false, reason: "not_open" } as const;
    const [voted] = await tx
      .select({ itemId: assemblyVoteRegister.itemId })
      .from(assemblyVoteRegister)
      .innerJoin(assemblyItems, eq(assemblyItems.id, assemblyVoteRegister.itemId))
      .where(and(eq(assemblyItems.assemblyId, context.assembly.id), eq(assemblyVoteRegister.personId, giverId)))
      .limit(1);
    if (voted) return { ok: false, reason: "already_voted" } as const;
    const removed = await tx
      .delete(assemblyProxies)
      .where(and(eq(assemblyProxies.assemblyId, context.assembly.id), eq(assemblyProxies.giverId, giverId)))
      .returning({ holderId: assemblyProxies.holderId });
    if (removed.length === 0) return { ok: false, reason: "no_proxy" } as const;
    await appendAudit(tx, {
      actorId,
      action: "assembly.proxy_removed",
      subjectType: "assembly",
      subjectId: context.assembly.id,
      organisationId: context.assembly.organisationId,
      data: { giverId, holderId: removed[0]!.holderId },
    });
    return { ok: true } as const;
  });
}
