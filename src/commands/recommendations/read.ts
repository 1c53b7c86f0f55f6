import { aliasedTable, and, asc, desc, eq, exists, inArray, max, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Queryable } from "../../db/client.js";
import {
  actionProjectProposals,
  actionProjects,
  actionProjectUpdates,
  actionProposalRecommendations,
  actionProposals,
  assemblies,
  assemblyItems,
  boardDecisions,
  groupDocuments,
  groupMembers,
  groupSubmissions,
  memberships,
  persons,
  recommendationAttachments,
  recommendationComments,
  recommendationTranslations,
  recommendationVersions,
  recommendations,
  themes,
  themeTranslations,
  workingGroups,
  type DocumentVisibility,
  type GroupRole,
  type MinutesVisibility,
  type ProjectStatus,
} from "../../db/schema/index.js";
import { pickText } from "../cycles/texts.js";
import type { Locale } from "../../i18n/locales.js";
import type { Author } from "../documents/read.js";
import { stateHistory } from "../workflow.js";
import type { RecommendationVersion } from "./load.js";

/** Whether the person in `column` opted into the directory of one of the organisations. */
function listedIn(column: AnyPgColumn | SQL, organisationIds: readonly string[]) {
  return exists(
    sql`(select 1 from ${memberships} where ${memberships.personId} = ${column} and ${memberships.directoryOptIn} and ${
      organisationIds.length > 0 ? inArray(memberships.organisationId, [...organisationIds]) : sql`false`
    })`,
  ).mapWith(Boolean);
}

function author(name: string | null, listed: unknown): Author {
  return { name, listed: Boolean(listed) };
}

export interface RecommendationRow {
  id: string;
  number: number;
  groupId: string;
  state: string;
  sourceLanguage: Locale;
  axes: string[];
  /** The latest version's title, and the title of the translation in the reader's language. */
  title: string;
  translatedTitle: string | null;
  version: number;
  updatedAt: Date;
}

/** Each recommendation's latest version number, to join its latest version (`latestVersionOf`). */
export function latestVersions(db: Queryable) {
  return db
    .select({
      recommendationId: recommendationVersions.recommendationId,
      number: max(recommendationVersions.number).as("latest_number"),
    })
    .from(recommendationVersions)
    .groupBy(recommendationVersions.recommendationId)
    .as("latest");
}

/** The join condition of a recommendation's latest version, with `latestVersions` joined as `latest`. */
export function latestVersionOf(latest: ReturnType<typeof latestVersions>): SQL {
  return and(
    eq(recommendationVersions.recommendationId, recommendations.id),
    eq(recommendationVersions.number, latest.number),
  )!;
}

/** The recommendations of a group or of a cycle, by number, with their latest title; one query. */
export async function listRecommendations(
  db: Queryable,
  where: { groupId: string } | { cycleId: string },
  locale: Locale,
): Promise<RecommendationRow[]> {
  const latest = latestVersions(db);
  const rows = await db
    .select({
      id: recommendations.id,
      number: recommendations.number,
      groupId: recommendations.groupId,
      state: recommendations.state,
      sourceLanguage: recommendations.sourceLanguage,
      axes: recommendations.axes,
      title: recommendationVersions.title,
      version: recommendationVersions.number,
      updatedAt: recommendationVersions.createdAt,
      translatedTitle: recommendationTranslations.title,
    })
    .from(recommendations)
    .innerJoin(latest, eq(latest.recommendationId, recommendations.id))
    .innerJoin(recommendationVersions, latestVersionOf(latest))
    .leftJoin(
      recommendationTranslations,
      and(
        eq(recommendationTranslations.recommendationId, recommendations.id),
        eq(recommendationTranslations.language, locale),
      ),
    )
    .where("groupId" in where ? eq(recommendations.groupId, where.groupId) : eq(recommendations.cycleId, where.cycleId))
    .orderBy(asc(recommendations.number));
  return rows.map((r) => ({ ...r, translatedTitle: r.translatedTitle ?? null }));
}

/** Number → id of every recommendation of a cycle, for cross-references. */
export async function cycleNumbers(db: Queryable, cycleId: string): Promise<Map<number, string>> {
  const rows = await db
    .select({ id: recommendations.id, number: recommendations.number })
    .from(recommendations)
    .where(eq(recommendations.cycleId, cycleId));
  return new Map(rows.map((r) => [r.number, r.id]));
}

export interface VersionListRow {
  id: string;
  number: number;
  title: string;
  createdAt: Date;
  submittedAt: Date | null;
  origin: "draft" | "amended";
  note: string;
  titleCheckOverridden: boolean;
  author: Author;
}

/** The versions of a recommendation, newest first, with their authors. */
export async function listVersions(
  db: Queryable,
  recommendationId: string,
  organisationIds: readonly string[],
): Promise<VersionListRow[]> {
  const rows = await db
    .select({
      id: recommendationVersions.id,
      number: recommendationVersions.number,
      title: recommendationVersions.title,
      createdAt: recommendationVersions.createdAt,
      submittedAt: recommendationVersions.submittedAt,
      origin: recommendationVersions.origin,
      note: recommendationVersions.note,
      titleCheckOverridden: recommendationVersions.titleCheckOverridden,
      name: persons.name,
      listed: listedIn(recommendationVersions.authorId, organisationIds),
    })
    .from(recommendationVersions)
    .leftJoin(persons, eq(persons.id, recommendationVersions.authorId))
    .where(eq(recommendationVersions.recommendationId, recommendationId))
    .orderBy(desc(recommendationVersions.number));
  return rows.map(({ name, listed, ...r }) => ({ ...r, author: author(name, listed) }));
}

/** Some versions of a recommendation with their content, by number. */
export async function findVersions(
  db: Queryable,
  recommendationId: string,
  numbers: number[],
): Promise<Map<number, RecommendationVersion>> {
  if (numbers.length === 0) return new Map();
  const rows = await db
    .select()
    .from(recommendationVersions)
    .where(
      and(
        eq(recommendationVersions.recommendationId, recommendationId),
        inArray(recommendationVersions.number, numbers),
      ),
    );
  return new Map(rows.map((r) => [r.number, r]));
}

export type Translation = typeof recommendationTranslations.$inferSelect & {
  /** The number of the source version it was made from. */
  sourceVersion: number;
};

/** The translations of a recommendation, by language. */
export async function listTranslations(
  db: Queryable,
  recommendationId: string,
): Promise<Partial<Record<Locale, Translation>>> {
  const rows = await db
    .select({ translation: recommendationTranslations, sourceVersion: recommendationVersions.number })
    .from(recommendationTranslations)
    .innerJoin(recommendationVersions, eq(recommendationVersions.id, recommendationTranslations.sourceVersionId))
    .where(eq(recommendationTranslations.recommendationId, recommendationId));
  const out: Partial<Record<Locale, Translation>> = {};
  for (const r of rows) out[r.translation.language] = { ...r.translation, sourceVersion: r.sourceVersion };
  return out;
}

export interface CommentRow {
  id: string;
  body: string;
  createdAt: Date;
  version: number | null;
  author: Author;
}

export async function listComments(
  db: Queryable,
  recommendationId: string,
  organisationIds: readonly string[],
): Promise<CommentRow[]> {
  const rows = await db
    .select({
      id: recommendationComments.id,
      body: recommendationComments.body,
      createdAt: recommendationComments.createdAt,
      version: recommendationVersions.number,
      name: persons.name,
      listed: listedIn(recommendationComments.authorId, organisationIds),
    })
    .from(recommendationComments)
    .leftJoin(persons, eq(persons.id, recommendationComments.authorId))
    .leftJoin(recommendationVersions, eq(recommendationVersions.id, recommendationComments.versionId))
    .where(eq(recommendationComments.recommendationId, recommendationId))
    .orderBy(asc(recommendationComments.createdAt), asc(recommendationComments.id));
  return rows.map(({ name, listed, ...r }) => ({ ...r, author: author(name, listed) }));
}

export interface AttachmentRow {
  documentId: string;
  title: string;
  visibility: DocumentVisibility;
}

export async function listAttachments(db: Queryable, recommendationId: string): Promise<AttachmentRow[]> {
  return db
    .select({ documentId: groupDocuments.id, title: groupDocuments.title, visibility: groupDocuments.visibility })
    .from(recommendationAttachments)
    .innerJoin(groupDocuments, eq(groupDocuments.id, recommendationAttachments.documentId))
    .where(eq(recommendationAttachments.recommendationId, recommendationId))
    .orderBy(asc(recommendationAttachments.position));
}

/** The documents of a group's library that may be attached. */
export async function groupLibrary(db: Queryable, groupId: string): Promise<AttachmentRow[]> {
  return db
    .select({ documentId: groupDocuments.id, title: groupDocuments.title, visibility: groupDocuments.visibility })
    .from(groupDocuments)
    .where(eq(groupDocuments.groupId, groupId))
    .orderBy(asc(groupDocuments.title));
}

export interface Trace {
  submission: { submittedAt: Date; note: string; by: Author } | null;
  decision: {
    decision: string;
    reasons: string;
    decidedAt: Date;
    by: Author;
    version: number;
    mergedInto: { id: string; number: number } | null;
  } | null;
  proposals: Array<{
    id: string;
    number: number;
    title: string;
    state: string;
    items: Array<{
      assemblyId: string;
      assemblyTitle: string;
      heldOn: string;
      status: string;
      adopted: boolean | null;
    }>;
  }>;
  history: Array<{ id: string; from: string | null; to: string; reason: string; at: Date; by: Author }>;
  /** The projects of the action plan implementing it (through its proposals), with their dated updates. */
  projects: RecommendationProject[];
}

export interface RecommendationProject {
  id: string;
  title: string;
  status: ProjectStatus;
  progress: number;
  startsOn: string;
  endsOn: string | null;
  proposalNumber: number;
  updates: Array<{ id: string; on: string; body: string; progress: number; status: ProjectStatus; reason: string }>;
}

/** The projects implementing a recommendation (through its proposals), each with its updates; two queries. */
async function projectsForRecommendation(db: Queryable, recommendationId: string): Promise<RecommendationProject[]> {
  const rows = await db
    .select({
      id: actionProjects.id,
      title: actionProjects.title,
      status: actionProjects.status,
      progress: actionProjects.progress,
      startsOn: actionProjects.startsOn,
      endsOn: actionProjects.endsOn,
      proposalNumber: actionProposals.number,
    })
    .from(actionProposalRecommendations)
    .innerJoin(actionProposals, eq(actionProposals.id, actionProposalRecommendations.proposalId))
    .innerJoin(actionProjectProposals, eq(actionProjectProposals.proposalId, actionProposals.id))
    .innerJoin(actionProjects, eq(actionProjects.id, actionProjectProposals.projectId))
    .where(eq(actionProposalRecommendations.recommendationId, recommendationId))
    .orderBy(asc(actionProjects.startsOn), asc(actionProjects.title));
  const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
  if (unique.length === 0) return [];
  const updates = await db
    .select()
    .from(actionProjectUpdates)
    .where(
      inArray(
        actionProjectUpdates.projectId,
        unique.map((r) => r.id),
      ),
    )
    .orderBy(asc(actionProjectUpdates.on), asc(actionProjectUpdates.createdAt));
  return unique.map((r) => ({
    ...r,
    updates: updates
      .filter((u) => u.projectId === r.id)
      .map((u) => ({ id: u.id, on: u.on, body: u.body, progress: u.progress, status: u.status, reason: u.reason })),
  }));
}

/**
 * The whole trace of a recommendation after its drafting, in six queries whatever its length:
 * the group's submission that froze it, the board's decision, the action proposals that carry
 * it with the assembly items that voted them, every state change, and the projects of the action
 * plan implementing it with their dated progress updates (to today).
 */
export async function loadTrace(
  db: Queryable,
  recommendationId: string,
  groupId: string,
  organisationIds: readonly string[],
): Promise<Trace> {
  const submitter = aliasedTable(persons, "submitter");
  const [submission] = await db
    .select({
      submittedAt: groupSubmissions.submittedAt,
      note: groupSubmissions.note,
      name: submitter.name,
      listed: listedIn(groupSubmissions.submittedBy, organisationIds),
    })
    .from(recommendationVersions)
    .innerJoin(
      groupSubmissions,
      and(eq(groupSubmissions.groupId, groupId), eq(groupSubmissions.submittedAt, recommendationVersions.submittedAt)),
    )
    .leftJoin(submitter, eq(submitter.id, groupSubmissions.submittedBy))
    .where(eq(recommendationVersions.recommendationId, recommendationId))
    .orderBy(desc(groupSubmissions.submittedAt))
    .limit(1);

  const merged = aliasedTable(recommendations, "merged_into");
  const [decision] = await db
    .select({
      decision: boardDecisions.decision,
      reasons: boardDecisions.reasons,
      decidedAt: boardDecisions.decidedAt,
      version: recommendationVersions.number,
      mergedId: merged.id,
      mergedNumber: merged.number,
      name: persons.name,
      listed: listedIn(boardDecisions.decidedBy, organisationIds),
    })
    .from(boardDecisions)
    .innerJoin(recommendationVersions, eq(recommendationVersions.id, boardDecisions.versionId))
    .leftJoin(merged, eq(merged.id, boardDecisions.mergedIntoId))
    .leftJoin(persons, eq(persons.id, boardDecisions.decidedBy))
    .where(eq(boardDecisions.recommendationId, recommendationId));

  const proposalRows = await db
    .select({
      id: actionProposals.id,
      number: actionProposals.number,
      title: actionProposals.title,
      state: actionProposals.state,
      assemblyId: assemblies.id,
      assemblyTitle: assemblies.title,
      heldOn: assemblies.heldOn,
      itemStatus: assemblyItems.status,
      adopted: assemblyItems.adopted,
    })
    .from(actionProposalRecommendations)
    .innerJoin(actionProposals, eq(actionProposals.id, actionProposalRecommendations.proposalId))
    .leftJoin(assemblyItems, eq(assemblyItems.proposalId, actionProposals.id))
    .leftJoin(assemblies, eq(assemblies.id, assemblyItems.assemblyId))
    .where(eq(actionProposalRecommendations.recommendationId, recommendationId))
    .orderBy(asc(actionProposals.number), asc(assemblies.heldOn));
  const proposals: Trace["proposals"] = [];
  for (const r of proposalRows) {
    let p = proposals.find((x) => x.id === r.id);
    if (!p) proposals.push((p = { id: r.id, number: r.number, title: r.title, state: r.state, items: [] }));
    if (r.assemblyId && r.assemblyTitle && r.heldOn && r.itemStatus) {
      p.items.push({
        assemblyId: r.assemblyId,
        assemblyTitle: r.assemblyTitle,
        heldOn: r.heldOn,
        status: r.itemStatus,
        adopted: r.adopted,
      });
    }
  }

  const changes = await stateHistory(db, "recommendation", recommendationId);
  const projects = await projectsForRecommendation(db, recommendationId);
  const actorIds = [...new Set(changes.map((h) => h.actorId).filter((id): id is string => id !== null))];
  const actors =
    actorIds.length === 0
      ? []
      : await db
          .select({ id: persons.id, name: persons.name, listed: listedIn(persons.id, organisationIds) })
          .from(persons)
          .where(inArray(persons.id, actorIds));
  const actorById = new Map(actors.map((a) => [a.id, author(a.name, a.listed)]));

  return {
    submission: submission
      ? { submittedAt: submission.submittedAt, note: submission.note, by: author(submission.name, submission.listed) }
      : null,
    decision: decision
      ? {
          decision: decision.decision,
          reasons: decision.reasons,
          decidedAt: decision.decidedAt,
          version: decision.version,
          by: author(decision.name, decision.listed),
          mergedInto:
            decision.mergedId !== null && decision.mergedNumber !== null
              ? { id: decision.mergedId, number: decision.mergedNumber }
              : null,
        }
      : null,
    proposals,
    history: changes.map((h) => ({
      id: h.id,
      from: h.fromState,
      to: h.toState,
      reason: h.reason,
      at: h.at,
      by: (h.actorId !== null ? actorById.get(h.actorId) : undefined) ?? author(null, false),
    })),
    projects,
  };
}

export interface CycleGroupRow {
  id: string;
  organisationId: string | null;
  openToRequests: boolean;
  minutesVisibility: MinutesVisibility;
  key: string;
  /** The theme's title in the reader's language, else in its source language. */
  title: string;
  titleLang: Locale;
  /** The actor's role in the group while active. */
  role: GroupRole | null;
}

/** The groups of a cycle with their titles and the actor's role in each; two queries. */
export async function cycleGroupsFor(
  db: Queryable,
  cycleId: string,
  personId: string | null,
  locale: Locale,
): Promise<CycleGroupRow[]> {
  const rows = await db
    .select({
      group: workingGroups,
      source: themes.sourceLanguage,
      locale: themeTranslations.locale,
      title: themeTranslations.title,
    })
    .from(workingGroups)
    .innerJoin(themes, eq(themes.id, workingGroups.themeId))
    .leftJoin(themeTranslations, eq(themeTranslations.themeId, themes.id))
    .where(eq(workingGroups.cycleId, cycleId));
  const roles =
    personId === null
      ? []
      : await db
          .select({ groupId: groupMembers.groupId, role: groupMembers.role })
          .from(groupMembers)
          .innerJoin(workingGroups, eq(workingGroups.id, groupMembers.groupId))
          .where(
            and(
              eq(workingGroups.cycleId, cycleId),
              eq(groupMembers.personId, personId),
              eq(groupMembers.status, "active"),
            ),
          );
  const roleOf = new Map(roles.map((r) => [r.groupId, r.role]));
  const byId = new Map<string, { row: (typeof rows)[number]; texts: Partial<Record<Locale, { title: string }>> }>();
  for (const r of rows) {
    const entry = byId.get(r.group.id) ?? { row: r, texts: {} };
    if (r.locale && r.title) entry.texts[r.locale] = { title: r.title };
    byId.set(r.group.id, entry);
  }
  return [...byId.values()].map(({ row, texts }) => {
    const picked = pickText(texts, locale, row.source);
    return {
      id: row.group.id,
      organisationId: row.group.organisationId,
      openToRequests: row.group.openToRequests,
      minutesVisibility: row.group.minutesVisibility,
      key: row.group.key,
      title: picked?.value.title ?? row.group.key,
      titleLang: picked?.lang ?? row.source,
      role: roleOf.get(row.group.id) ?? null,
    };
  });
}
