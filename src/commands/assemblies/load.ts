import { and, eq, isNull, or } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import {
  assemblies,
  assemblyAttendance,
  assemblyItems,
  assemblySites,
  assemblyTellers,
  organisations,
} from "../../db/schema/index.js";
import type { AssemblyResource } from "../../policies/assemblies.js";
import { isUuid } from "../db-errors.js";

export type Assembly = typeof assemblies.$inferSelect;
export type AssemblyItem = typeof assemblyItems.$inferSelect;
export type AssemblySite = typeof assemblySites.$inferSelect;

export interface AssemblyContext {
  assembly: Assembly;
  organisation: { id: string; slug: string; name: string };
}

export interface ItemContext extends AssemblyContext {
  item: AssemblyItem;
}

export interface SiteItemContext extends ItemContext {
  site: AssemblySite;
}

async function assemblyById(db: Queryable, assemblyId: string): Promise<AssemblyContext | null> {
  if (!isUuid(assemblyId)) return null;
  const [row] = await db
    .select({
      assembly: assemblies,
      organisation: { id: organisations.id, slug: organisations.slug, name: organisations.name },
    })
    .from(assemblies)
    .innerJoin(organisations, eq(organisations.id, assemblies.organisationId))
    .where(eq(assemblies.id, assemblyId));
  return row ?? null;
}

/** Whether the person is a teller of the assembly: of the given site (or of every site) when one is named. */
async function isTellerOf(db: Queryable, assemblyId: string, personId: string | null, siteId?: string) {
  if (!personId) return false;
  const conditions = [eq(assemblyTellers.assemblyId, assemblyId), eq(assemblyTellers.personId, personId)];
  if (siteId) conditions.push(or(isNull(assemblyTellers.siteId), eq(assemblyTellers.siteId, siteId))!);
  const [row] = await db
    .select({ personId: assemblyTellers.personId })
    .from(assemblyTellers)
    .where(and(...conditions));
  return Boolean(row);
}

/** The person's attendance and the way their site votes, or null when not registered present. */
export async function attendanceOf(db: Queryable, assemblyId: string, personId: string | null) {
  if (!personId) return null;
  const [row] = await db
    .select({
      siteId: assemblyAttendance.siteId,
      siteName: assemblySites.name,
      voting: assemblySites.voting,
      collegeKey: assemblyAttendance.collegeKey,
      weight: assemblyAttendance.weight,
    })
    .from(assemblyAttendance)
    .innerJoin(assemblySites, eq(assemblySites.id, assemblyAttendance.siteId))
    .where(and(eq(assemblyAttendance.assemblyId, assemblyId), eq(assemblyAttendance.personId, personId)));
  return row ?? null;
}

export async function loadAssemblyResource(
  db: Queryable,
  assemblyId: string,
  personId: string | null,
): Promise<{ resource: AssemblyResource; data: AssemblyContext } | null> {
  const context = await assemblyById(db, assemblyId);
  if (!context) return null;
  return {
    resource: {
      type: "assembly",
      organisationId: context.assembly.organisationId,
      status: context.assembly.status,
      isTeller: await isTellerOf(db, assemblyId, personId),
    },
    data: context,
  };
}

/**
 * An item of the assembly (an item of another assembly is not found). `isPresent` is true only
 * for a member registered at a site that votes online: members at a paper site hand in slips.
 */
export async function loadItemResource(
  db: Queryable,
  assemblyId: string,
  itemId: string,
  personId: string | null,
): Promise<{ resource: AssemblyResource; data: ItemContext } | null> {
  if (!isUuid(itemId)) return null;
  const context = await assemblyById(db, assemblyId);
  if (!context) return null;
  const [item] = await db
    .select()
    .from(assemblyItems)
    .where(and(eq(assemblyItems.id, itemId), eq(assemblyItems.assemblyId, assemblyId)));
  if (!item) return null;
  const attendance = await attendanceOf(db, assemblyId, personId);
  return {
    resource: {
      type: "assembly_item",
      organisationId: context.assembly.organisationId,
      assemblyStatus: context.assembly.status,
      itemStatus: item.status,
      isPresent: attendance?.voting === "online",
      isTeller: await isTellerOf(db, assemblyId, personId),
    },
    data: { ...context, item },
  };
}

/** An item and one paper site of its assembly; `isTeller` means a teller of that site (or of all). */
export async function loadPaperResource(
  db: Queryable,
  assemblyId: string,
  itemId: string,
  siteId: string,
  personId: string | null,
): Promise<{ resource: AssemblyResource; data: SiteItemContext } | null> {
  if (!isUuid(siteId)) return null;
  const loaded = await loadItemResource(db, assemblyId, itemId, personId);
  if (!loaded || loaded.resource.type !== "assembly_item") return null;
  const [site] = await db
    .select()
    .from(assemblySites)
    .where(
      and(eq(assemblySites.id, siteId), eq(assemblySites.assemblyId, assemblyId), eq(assemblySites.voting, "paper")),
    );
  if (!site) return null;
  return {
    resource: { ...loaded.resource, isTeller: await isTellerOf(db, assemblyId, personId, siteId) },
    data: { ...loaded.data, site },
  };
}
