import { and, count, eq } from "drizzle-orm";
import type { Db } from "../../src/db/client.js";
import {
  auditLog,
  colleges,
  cycles,
  localTalkContributions,
  localTalks,
  memberships,
  offices,
  organisations,
  persons,
  roleAssignments,
  themes,
  workingGroups,
} from "../../src/db/schema/index.js";

/** Rows the local talk forms write; compared before and after a refused form. */
export async function talkSnapshot(db: Db) {
  const n = async (table: typeof localTalks | typeof localTalkContributions | typeof auditLog) =>
    (await db.select({ n: count() }).from(table))[0]!.n;
  return { talks: await n(localTalks), contributions: await n(localTalkContributions), audit: await n(auditLog) };
}

/** Ids the tests need from the demo: offices, groups, themes and the equality group's talk. */
export async function demoIds(db: Db) {
  const cycleRows = await db.select({ id: cycles.id, slug: cycles.slug }).from(cycles);
  const cycleId = (slug: string) => cycleRows.find((r) => r.slug === slug)!.id;
  const officeId = async (name: string) =>
    (await db.select({ id: offices.id }).from(offices).where(eq(offices.name, name)))[0]!.id;
  const group = async (slug: string, key: string) =>
    (
      await db
        .select({ id: workingGroups.id, themeId: workingGroups.themeId })
        .from(workingGroups)
        .where(and(eq(workingGroups.cycleId, cycleId(slug)), eq(workingGroups.key, key)))
    )[0]!;
  const themeId = async (slug: string, key: string) =>
    (
      await db
        .select({ id: themes.id })
        .from(themes)
        .where(and(eq(themes.cycleId, cycleId(slug)), eq(themes.key, key)))
    )[0]!.id;
  const equality = await group("2020-2021", "equality");
  const [talk] = await db.select({ id: localTalks.id }).from(localTalks).where(eq(localTalks.groupId, equality.id));
  return {
    cycle2015: cycleId("2015-2016"),
    cycle2020: cycleId("2020-2021"),
    liege: await officeId("Smart Liège"),
    brussels: await officeId("Smart Bruxelles"),
    paris: await officeId("Smart Paris"),
    equality,
    economicFr: await group("2020-2021", "economic-model-fr"),
    publics2015: await group("2015-2016", "publics"),
    supportTheme: await themeId("2020-2021", "support"),
    governanceTheme2015: await themeId("2015-2016", "governance"),
    equalityTalk: talk!.id,
  };
}

/** A facilitator (by role) of Smart France only, member there, with no role in Belgium. */
export async function frenchFacilitator(db: Db): Promise<string> {
  const email = "facilitateur-fr@demo.letscoop.test";
  const [fr] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, "smart-fr"));
  const [college] = await db.select({ id: colleges.id }).from(colleges).where(eq(colleges.organisationId, fr!.id));
  const [person] = await db.insert(persons).values({ email, name: "Camille Faure" }).returning({ id: persons.id });
  await db.insert(roleAssignments).values({ personId: person!.id, role: "facilitator", organisationId: fr!.id });
  await db
    .insert(memberships)
    .values({ personId: person!.id, organisationId: fr!.id, collegeId: college!.id, language: "fr" });
  return email;
}

/** A complete, valid talk form; tests override one field at a time. */
export function talkForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    title: "Small talk : la coopérative à Liège",
    officeId: "",
    city: "Liège",
    date: "2021-03-11",
    startTime: "18:30",
    durationMinutes: "120",
    themeId: "",
    groupId: "",
    attendance: "23",
    summary: "Une soirée d'échanges.",
    ...overrides,
  };
}
