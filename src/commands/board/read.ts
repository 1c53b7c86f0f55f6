import { aliasedTable, and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import {
  actionProposalRecommendations,
  actionProposals,
  amendments,
  boardDecisions,
  boardNotes,
  cycleOrganisations,
  organisations,
  persons,
  recommendations,
  recommendationVersions,
  themes,
  themeTranslations,
  workingGroups,
  type BoardDecision,
} from "../../db/schema/index.js";
import { phaseOf, targets, type Phase } from "../../domain/workflow/workflow.js";
import type { Locale } from "../../i18n/locales.js";
import { pickText } from "../cycles/texts.js";
import { loadWorkflow, stateHistory } from "../workflow.js";
import type { AmendmentRow, RecommendationVersion } from "./load.js";

const deciders = aliasedTable(persons, "deciders");

/** The title of each group of a cycle, in the reader's language (else the theme's source). */
export async function groupTitles(db: Queryable, cycleId: string, locale: Locale): Promise<Map<string, string>> {
  const rows = await db
    .select({
      groupId: workingGroups.id,
      key: workingGroups.key,
      locale: themeTranslations.locale,
      title: themeTranslations.title,
      source: themes.sourceLanguage,
    })
    .from(workingGroups)
    .innerJoin(themes, eq(themes.id, workingGroups.themeId))
    .leftJoin(themeTranslations, eq(themeTranslations.themeId, themes.id))
    .where(eq(workingGroups.cycleId, cycleId));
  const byGroup = new Map<string, { key: string; source: Locale; texts: Partial<Record<Locale, { title: string }>> }>();
  for (const r of rows) {
    const entry = byGroup.get(r.groupId) ?? { key: r.key, source: r.source, texts: {} };
    if (r.locale && r.title !== null) entry.texts[r.locale] = { title: r.title };
    byGroup.set(r.groupId, entry);
  }
  const out = new Map<string, string>();
  for (const [id, e] of byGroup) out.set(id, pickText(e.texts, locale, e.source)?.value.title ?? e.key);
  return out;
}

/** Latest version of each recommendation given (title, number). */
async function latestVersions(db: Queryable, ids: string[]): Promise<Map<string, RecommendationVersion>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(recommendationVersions)
    .where(inArray(recommendationVersions.recommendationId, ids))
    .orderBy(asc(recommendationVersions.number));
  const out = new Map<string, RecommendationVersion>();
  for (const r of rows) out.set(r.recommendationId, r);
  return out;
}

export interface QueueRow {
  id: string;
  number: number;
  title: string;
  groupId: string;
  groupTitle: string;
  state: string;
  phase: Phase;
  /** Amendments proposed or accepted, not merged yet. */
  pendingAmendments: number;
  decision: BoardDecision | null;
  /** Whether the board may turn it into an action proposal (retained, not yet in one). */
  proposable: boolean;
  proposalId: string | null;
}

/**
 * The recommendations of a cycle that reached the board (submitted or later), by group then
 * number, with their state, pending amendments and decision.
 */
export async function boardQueue(db: Queryable, cycleId: string, locale: Locale): Promise<QueueRow[]> {
  const rows = await db
    .select({
      id: recommendations.id,
      number: recommendations.number,
      groupId: recommendations.groupId,
      state: recommendations.state,
      groupOrganisationId: workingGroups.organisationId,
      decision: boardDecisions.decision,
    })
    .from(recommendations)
    .innerJoin(workingGroups, eq(workingGroups.id, recommendations.groupId))
    .leftJoin(boardDecisions, eq(boardDecisions.recommendationId, recommendations.id))
    .where(eq(recommendations.cycleId, cycleId))
    .orderBy(asc(recommendations.number));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [titles, versions, pending, inProposals, cycleOrgs] = await Promise.all([
    groupTitles(db, cycleId, locale),
    latestVersions(db, ids),
    db
      .select({ id: amendments.recommendationId, count: sql<number>`count(*)::int` })
      .from(amendments)
      .where(and(inArray(amendments.recommendationId, ids), inArray(amendments.status, ["proposed", "accepted"])))
      .groupBy(amendments.recommendationId),
    db
      .select({
        id: actionProposalRecommendations.recommendationId,
        proposalId: actionProposalRecommendations.proposalId,
      })
      .from(actionProposalRecommendations)
      .where(inArray(actionProposalRecommendations.recommendationId, ids)),
    cycleOrganisationIds(db, cycleId),
  ]);
  const workflows = new Map<string, Awaited<ReturnType<typeof loadWorkflow>>>();
  const workflowOf = async (orgId: string) => {
    const known = workflows.get(orgId);
    if (known) return known;
    const loaded = await loadWorkflow(db, orgId, "recommendation");
    workflows.set(orgId, loaded);
    return loaded;
  };
  const pendingOf = new Map(pending.map((p) => [p.id, Number(p.count)]));
  const proposalOf = new Map(inProposals.map((p) => [p.id, p.proposalId]));
  const out: QueueRow[] = [];
  for (const r of rows) {
    const workflow = await workflowOf(r.groupOrganisationId ?? cycleOrgs[0]!);
    const phase = phaseOf(workflow, r.state);
    if (phase === "drafting") continue;
    const proposalId = proposalOf.get(r.id) ?? null;
    out.push({
      id: r.id,
      number: r.number,
      title: versions.get(r.id)?.title ?? "",
      groupId: r.groupId,
      groupTitle: titles.get(r.groupId) ?? "",
      state: r.state,
      phase,
      pendingAmendments: pendingOf.get(r.id) ?? 0,
      decision: r.decision ?? null,
      proposable: proposalId === null && targets(workflow, r.state, "propose").length > 0,
      proposalId,
    });
  }
  return out.sort((a, b) => a.groupTitle.localeCompare(b.groupTitle, locale) || a.number - b.number);
}

export async function cycleOrganisationIds(db: Queryable, cycleId: string): Promise<string[]> {
  const rows = await db
    .select({ id: cycleOrganisations.organisationId })
    .from(cycleOrganisations)
    .where(eq(cycleOrganisations.cycleId, cycleId));
  return rows.map((r) => r.id).sort();
}

export interface VersionSummary {
  id: string;
  number: number;
  title: string;
  origin: "draft" | "amended";
  submittedAt: Date | null;
  createdAt: Date;
  authorName: string | null;
}

export async function listVersions(db: Queryable, recommendationId: string): Promise<VersionSummary[]> {
  return db
    .select({
      id: recommendationVersions.id,
      number: recommendationVersions.number,
      title: recommendationVersions.title,
      origin: recommendationVersions.origin,
      submittedAt: recommendationVersions.submittedAt,
      createdAt: recommendationVersions.createdAt,
      authorName: persons.name,
    })
    .from(recommendationVersions)
    .leftJoin(persons, eq(persons.id, recommendationVersions.authorId))
    .where(eq(recommendationVersions.recommendationId, recommendationId))
    .orderBy(desc(recommendationVersions.number));
}

export async function findVersionByNumber(
  db: Queryable,
  recommendationId: string,
  number: number,
): Promise<RecommendationVersion | null> {
  const [row] = await db
    .select()
    .from(recommendationVersions)
    .where(
      and(eq(recommendationVersions.recommendationId, recommendationId), eq(recommendationVersions.number, number)),
    );
  return row ?? null;
}

export interface NoteRow {
  id: string;
  body: string;
  authorName: string | null;
  createdAt: Date;
}

export async function listNotes(db: Queryable, recommendationId: string): Promise<NoteRow[]> {
  return db
    .select({ id: boardNotes.id, body: boardNotes.body, authorName: persons.name, createdAt: boardNotes.createdAt })
    .from(boardNotes)
    .leftJoin(persons, eq(persons.id, boardNotes.authorId))
    .where(eq(boardNotes.recommendationId, recommendationId))
    .orderBy(asc(boardNotes.createdAt), asc(sql`${boardNotes.id}`));
}

export interface AmendmentView extends AmendmentRow {
  authorName: string | null;
  deciderName: string | null;
  /** The number of the version it was written on. */
  versionNumber: number;
}

export async function listAmendments(db: Queryable, recommendationId: string): Promise<AmendmentView[]> {
  const rows = await db
    .select({
      amendment: amendments,
      authorName: persons.name,
      deciderName: deciders.name,
      versionNumber: recommendationVersions.number,
    })
    .from(amendments)
    .innerJoin(recommendationVersions, eq(recommendationVersions.id, amendments.versionId))
    .leftJoin(persons, eq(persons.id, amendments.authorId))
    .leftJoin(deciders, eq(deciders.id, amendments.decidedBy))
    .where(eq(amendments.recommendationId, recommendationId))
    .orderBy(asc(amendments.createdAt), asc(sql`${amendments.id}`));
  return rows.map((r) => ({
    ...r.amendment,
    authorName: r.authorName,
    deciderName: r.deciderName,
    versionNumber: r.versionNumber,
  }));
}

/** The versions amendments were written on, by id (to number and diff them). */
export async function versionsById(db: Queryable, ids: string[]): Promise<Map<string, RecommendationVersion>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(recommendationVersions).where(inArray(recommendationVersions.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

export interface DecisionView {
  decision: BoardDecision;
  reasons: string;
  decidedAt: Date;
  deciderName: string | null;
  versionNumber: number;
  mergedInto: { id: string; number: number } | null;
}

export async function findDecision(db: Queryable, recommendationId: string): Promise<DecisionView | null> {
  const target = aliasedTable(recommendations, "target");
  const [row] = await db
    .select({
      decision: boardDecisions.decision,
      reasons: boardDecisions.reasons,
      decidedAt: boardDecisions.decidedAt,
      deciderName: persons.name,
      versionNumber: recommendationVersions.number,
      targetId: target.id,
      targetNumber: target.number,
    })
    .from(boardDecisions)
    .innerJoin(recommendationVersions, eq(recommendationVersions.id, boardDecisions.versionId))
    .leftJoin(persons, eq(persons.id, boardDecisions.decidedBy))
    .leftJoin(target, eq(target.id, boardDecisions.mergedIntoId))
    .where(eq(boardDecisions.recommendationId, recommendationId));
  if (!row) return null;
  return {
    decision: row.decision,
    reasons: row.reasons,
    decidedAt: row.decidedAt,
    deciderName: row.deciderName,
    versionNumber: row.versionNumber,
    mergedInto:
      row.targetId !== null && row.targetNumber !== null ? { id: row.targetId, number: row.targetNumber } : null,
  };
}

/** The other recommendations of the cycle, as targets of a merge decision. */
export async function mergeTargets(
  db: Queryable,
  cycleId: string,
  exceptId: string,
): Promise<Array<{ id: string; number: number; title: string }>> {
  const rows = await db
    .select({ id: recommendations.id, number: recommendations.number })
    .from(recommendations)
    .where(and(eq(recommendations.cycleId, cycleId), ne(recommendations.id, exceptId)))
    .orderBy(asc(recommendations.number));
  const versions = await latestVersions(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, title: versions.get(r.id)?.title ?? "" }));
}

export interface HistoryRow {
  fromState: string | null;
  toState: string;
  reason: string;
  at: Date;
  actorName: string | null;
}

/** Who changed the state, when and why, oldest first. */
export async function historyOf(
  db: Queryable,
  subject: "recommendation" | "action_proposal",
  subjectId: string,
): Promise<HistoryRow[]> {
  const rows = await stateHistory(db, subject, subjectId);
  const ids = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => id !== null))];
  const names =
    ids.length === 0
      ? new Map<string, string>()
      : new Map(
          (await db.select({ id: persons.id, name: persons.name }).from(persons).where(inArray(persons.id, ids))).map(
            (p) => [p.id, p.name],
          ),
        );
  return rows.map((r) => ({
    fromState: r.fromState,
    toState: r.toState,
    reason: r.reason,
    at: r.at,
    actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
  }));
}

export interface ProposalRow {
  id: string;
  number: number;
  title: string;
  description: string;
  state: string;
  organisationName: string;
  createdAt: Date;
  recommendations: Array<{ id: string; number: number; title: string }>;
}

async function proposalRecommendations(
  db: Queryable,
  proposalIds: string[],
): Promise<Map<string, Array<{ id: string; number: number; title: string }>>> {
  if (proposalIds.length === 0) return new Map();
  const links = await db
    .select({
      proposalId: actionProposalRecommendations.proposalId,
      id: recommendations.id,
      number: recommendations.number,
    })
    .from(actionProposalRecommendations)
    .innerJoin(recommendations, eq(recommendations.id, actionProposalRecommendations.recommendationId))
    .where(inArray(actionProposalRecommendations.proposalId, proposalIds))
    .orderBy(asc(recommendations.number));
  const versions = await latestVersions(
    db,
    links.map((l) => l.id),
  );
  const out = new Map<string, Array<{ id: string; number: number; title: string }>>();
  for (const l of links) {
    const list = out.get(l.proposalId) ?? [];
    list.push({ id: l.id, number: l.number, title: versions.get(l.id)?.title ?? "" });
    out.set(l.proposalId, list);
  }
  return out;
}

export async function listProposals(db: Queryable, cycleId: string): Promise<ProposalRow[]> {
  const rows = await db
    .select({ proposal: actionProposals, organisationName: organisations.name })
    .from(actionProposals)
    .innerJoin(organisations, eq(organisations.id, actionProposals.organisationId))
    .where(eq(actionProposals.cycleId, cycleId))
    .orderBy(asc(actionProposals.number));
  const recs = await proposalRecommendations(
    db,
    rows.map((r) => r.proposal.id),
  );
  return rows.map((r) => ({
    id: r.proposal.id,
    number: r.proposal.number,
    title: r.proposal.title,
    description: r.proposal.description,
    state: r.proposal.state,
    organisationName: r.organisationName,
    createdAt: r.proposal.createdAt,
    recommendations: recs.get(r.proposal.id) ?? [],
  }));
}

export async function findProposal(db: Queryable, proposalId: string): Promise<ProposalRow | null> {
  const [row] = await db
    .select({ proposal: actionProposals, organisationName: organisations.name })
    .from(actionProposals)
    .innerJoin(organisations, eq(organisations.id, actionProposals.organisationId))
    .where(eq(actionProposals.id, proposalId));
  if (!row) return null;
  const recs = await proposalRecommendations(db, [proposalId]);
  return {
    id: row.proposal.id,
    number: row.proposal.number,
    title: row.proposal.title,
    description: row.proposal.description,
    state: row.proposal.state,
    organisationName: row.organisationName,
    createdAt: row.proposal.createdAt,
    recommendations: recs.get(proposalId) ?? [],
  };
}
