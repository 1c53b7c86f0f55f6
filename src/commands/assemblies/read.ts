import { and, asc, desc, eq, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "../../db/client.js";
import {
  assemblies,
  assemblyAttendance,
  assemblyItems,
  assemblyNamedVotes,
  assemblyPaperTallies,
  assemblyProxies,
  assemblySecretVotes,
  assemblySites,
  assemblyTellers,
  assemblyVoteRegister,
  persons,
} from "../../db/schema/index.js";

export function listAssemblies(db: Queryable, organisationId: string, opts: { drafts: boolean }) {
  const conditions = [eq(assemblies.organisationId, organisationId)];
  if (!opts.drafts) conditions.push(ne(assemblies.status, "draft"));
  return db
    .select()
    .from(assemblies)
    .where(and(...conditions))
    .orderBy(desc(assemblies.heldOn), asc(assemblies.title));
}

export function sitesOf(db: Queryable, assemblyId: string) {
  return db
    .select()
    .from(assemblySites)
    .where(eq(assemblySites.assemblyId, assemblyId))
    .orderBy(asc(assemblySites.position), asc(assemblySites.name));
}

export function itemsOf(db: Queryable, assemblyId: string) {
  return db
    .select()
    .from(assemblyItems)
    .where(eq(assemblyItems.assemblyId, assemblyId))
    .orderBy(asc(assemblyItems.position));
}

export function tellersOf(db: Queryable, assemblyId: string) {
  return db
    .select({ personId: assemblyTellers.personId, name: persons.name, siteId: assemblyTellers.siteId })
    .from(assemblyTellers)
    .innerJoin(persons, eq(persons.id, assemblyTellers.personId))
    .where(eq(assemblyTellers.assemblyId, assemblyId))
    .orderBy(asc(persons.name));
}

export function attendanceList(db: Queryable, assemblyId: string) {
  return db
    .select({
      personId: assemblyAttendance.personId,
      name: persons.name,
      siteId: assemblyAttendance.siteId,
      collegeKey: assemblyAttendance.collegeKey,
      weight: assemblyAttendance.weight,
    })
    .from(assemblyAttendance)
    .innerJoin(persons, eq(persons.id, assemblyAttendance.personId))
    .where(eq(assemblyAttendance.assemblyId, assemblyId))
    .orderBy(asc(persons.name));
}

export function proxyList(db: Queryable, assemblyId: string) {
  const giver = alias(persons, "giver");
  const holder = alias(persons, "holder");
  return db
    .select({
      giverId: assemblyProxies.giverId,
      giverName: giver.name,
      holderId: assemblyProxies.holderId,
      holderName: holder.name,
      collegeKey: assemblyProxies.collegeKey,
    })
    .from(assemblyProxies)
    .innerJoin(giver, eq(giver.id, assemblyProxies.giverId))
    .innerJoin(holder, eq(holder.id, assemblyProxies.holderId))
    .where(eq(assemblyProxies.assemblyId, assemblyId))
    .orderBy(asc(giver.name));
}

/** The public list of trackers of a secret item, in tracker order, with the choice each stands for. */
export function trackersOf(db: Queryable, itemId: string) {
  return db
    .select({ tracker: assemblySecretVotes.tracker, choice: assemblySecretVotes.choice })
    .from(assemblySecretVotes)
    .where(eq(assemblySecretVotes.itemId, itemId))
    .orderBy(asc(assemblySecretVotes.tracker));
}

/** Who voted what on a named item (published with the result). */
export function namedVotesOf(db: Queryable, itemId: string) {
  const caster = alias(persons, "caster");
  return db
    .select({
      name: persons.name,
      choice: assemblyNamedVotes.choice,
      collegeKey: assemblyNamedVotes.collegeKey,
      castByName: caster.name,
      proxy: ne(assemblyNamedVotes.personId, assemblyNamedVotes.castBy),
    })
    .from(assemblyNamedVotes)
    .innerJoin(persons, eq(persons.id, assemblyNamedVotes.personId))
    .innerJoin(caster, eq(caster.id, assemblyNamedVotes.castBy))
    .where(eq(assemblyNamedVotes.itemId, itemId))
    .orderBy(asc(persons.name));
}

export async function registerCount(db: Queryable, itemId: string): Promise<number> {
  const rows = await db
    .select({ personId: assemblyVoteRegister.personId })
    .from(assemblyVoteRegister)
    .where(eq(assemblyVoteRegister.itemId, itemId));
  return rows.length;
}

export function paperTalliesOfItem(db: Queryable, itemId: string) {
  return db.select().from(assemblyPaperTallies).where(eq(assemblyPaperTallies.itemId, itemId));
}
