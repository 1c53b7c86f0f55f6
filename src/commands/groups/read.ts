import { and, asc, count, eq, gte, inArray, isNull } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import {
  colleges,
  groupMembers,
  meetings,
  memberships,
  organisations,
  persons,
  themes,
  themeTranslations,
  workingGroups,
  type GroupMemberStatus,
  type GroupRole,
  type Labels,
} from "../../db/schema/index.js";
import type { Locale } from "../../i18n/locales.js";
import { pickText } from "../cycles/texts.js";
import type { WorkingGroup } from "./load.js";

/** A group's title (its theme's) in one language, else its theme's source language. */
export async function groupTitleIn(db: Queryable, themeId: string, locale: Locale, fallback: string): Promise<string> {
  const rows = await db
    .select({ locale: themeTranslations.locale, title: themeTranslations.title, source: themes.sourceLanguage })
    .from(themeTranslations)
    .innerJoin(themes, eq(themes.id, themeTranslations.themeId))
    .where(eq(themeTranslations.themeId, themeId));
  const texts: Partial<Record<Locale, { title: string }>> = {};
  for (const r of rows) texts[r.locale] = { title: r.title };
  return pickText(texts, locale, rows[0]?.source ?? "fr")?.value.title ?? fallback;
}

export interface GroupPerson {
  personId: string;
  name: string;
  role: GroupRole;
  status: GroupMemberStatus;
  /** The college's key: the same college of two organisations counts once in a binational group. */
  collegeKey: string | null;
  collegeLabels: Labels | null;
  collegePosition: number;
  /** Whether the person agreed to appear by name (directory opt-in of the membership of that college). */
  named: boolean;
  since: Date;
}

/** Everyone with a place in the group (any status), with their college and naming consent. */
export async function groupPeople(db: Queryable, groupId: string): Promise<GroupPerson[]> {
  const rows = await db
    .select({
      personId: groupMembers.personId,
      name: persons.name,
      role: groupMembers.role,
      status: groupMembers.status,
      collegeKey: colleges.key,
      collegeLabels: colleges.labels,
      collegePosition: colleges.position,
      optIn: memberships.directoryOptIn,
      since: groupMembers.createdAt,
      decidedAt: groupMembers.decidedAt,
    })
    .from(groupMembers)
    .innerJoin(persons, eq(persons.id, groupMembers.personId))
    .leftJoin(colleges, eq(colleges.id, groupMembers.collegeId))
    .leftJoin(
      memberships,
      and(eq(memberships.personId, groupMembers.personId), eq(memberships.organisationId, colleges.organisationId)),
    )
    .where(eq(groupMembers.groupId, groupId))
    .orderBy(asc(persons.name), asc(persons.id));
  return rows.map((r) => ({
    personId: r.personId,
    name: r.name,
    role: r.role,
    status: r.status,
    collegeKey: r.collegeKey,
    collegeLabels: r.collegeLabels,
    collegePosition: r.collegePosition ?? Number.MAX_SAFE_INTEGER,
    named: r.optIn === true,
    since: r.decidedAt ?? r.since,
  }));
}

export interface UpcomingMeeting {
  id: string;
  title: string;
  startsAt: Date;
}

/** The group's next meetings (not cancelled), soonest first. */
export function nextMeetings(db: Queryable, groupId: string, now = new Date(), limit = 5): Promise<UpcomingMeeting[]> {
  return db
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt })
    .from(meetings)
    .where(and(eq(meetings.groupId, groupId), gte(meetings.startsAt, now), isNull(meetings.cancelledAt)))
    .orderBy(asc(meetings.startsAt))
    .limit(limit);
}

export interface CycleGroup {
  group: WorkingGroup;
  organisationName: string | null;
  participants: number;
}

/** The groups of a cycle with their number of active people, by key. */
export async function cycleGroups(db: Queryable, cycleId: string): Promise<CycleGroup[]> {
  const rows = await db
    .select({ group: workingGroups, organisationName: organisations.name })
    .from(workingGroups)
    .leftJoin(organisations, eq(organisations.id, workingGroups.organisationId))
    .where(eq(workingGroups.cycleId, cycleId))
    .orderBy(asc(workingGroups.key));
  if (rows.length === 0) return [];
  const counts = await db
    .select({ groupId: groupMembers.groupId, n: count() })
    .from(groupMembers)
    .where(
      and(
        inArray(
          groupMembers.groupId,
          rows.map((r) => r.group.id),
        ),
        eq(groupMembers.status, "active"),
      ),
    )
    .groupBy(groupMembers.groupId);
  const byGroup = new Map(counts.map((c) => [c.groupId, Number(c.n)]));
  return rows.map((r) => ({
    group: r.group,
    organisationName: r.organisationName,
    participants: byGroup.get(r.group.id) ?? 0,
  }));
}

/** Names of the organisations of a group (its own, or every organisation of its cycle). */
export async function organisationNames(db: Queryable, organisationIds: readonly string[]): Promise<string[]> {
  if (organisationIds.length === 0) return [];
  const rows = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(inArray(organisations.id, [...organisationIds]))
    .orderBy(asc(organisations.name));
  return rows.map((r) => r.name);
}

/** The default language of the group's organisations, for college labels missing in the reader's. */
export async function defaultLanguageOf(
  db: Queryable,
  organisationIds: readonly string[],
): Promise<Locale | undefined> {
  if (organisationIds.length === 0) return undefined;
  const [row] = await db
    .select({ language: organisations.defaultLanguage })
    .from(organisations)
    .where(inArray(organisations.id, [...organisationIds]))
    .orderBy(asc(organisations.slug))
    .limit(1);
  return row?.language;
}
