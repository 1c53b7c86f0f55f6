import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import {
  actionProgrammes,
  actionProjectProposals,
  actionProjects,
  actionProjectUpdates,
  actionProposalRecommendations,
  actionProposals,
  assemblyItems,
  cycleOrganisations,
  cycles,
  organisations,
  persons,
  recommendations,
  strategicAxes,
  type ProjectStatus,
} from "../../db/schema/index.js";
import { implementationStatus, type ImplementationStatus } from "../../domain/action-plan/progress.js";
import type { DatasetRow } from "../../domain/open-data/datasets.js";
import type { Locale } from "../../i18n/locales.js";
import { cycleGroupsFor } from "../recommendations/read.js";

/** A proposal counts as adopted when its workflow says so or an assembly item adopted it. */
export const proposalAdopted = sql<boolean>`(${actionProposals.state} = 'adopted' or exists (select 1 from ${assemblyItems} where ${assemblyItems.proposalId} = ${actionProposals.id} and ${assemblyItems.adopted}))`;

export type Axis = typeof strategicAxes.$inferSelect;

/** The organisation's axes in the plan's order, each with how many submitted recommendations serve it. */
export async function listAxes(
  db: Queryable,
  organisationId: string,
): Promise<Array<Axis & { recommendations: number }>> {
  const axes = await db
    .select()
    .from(strategicAxes)
    .where(eq(strategicAxes.organisationId, organisationId))
    .orderBy(asc(strategicAxes.position), asc(strategicAxes.key));
  if (axes.length === 0) return [];
  const rows = await db
    .selectDistinct({ id: recommendations.id, axes: recommendations.axes })
    .from(recommendations)
    .innerJoin(cycleOrganisations, eq(cycleOrganisations.cycleId, recommendations.cycleId))
    .where(and(eq(cycleOrganisations.organisationId, organisationId), ne(recommendations.state, "draft")));
  const byKey = new Map<string, number>();
  for (const r of rows) for (const k of new Set(r.axes)) byKey.set(k, (byKey.get(k) ?? 0) + 1);
  return axes.map((a) => ({ ...a, recommendations: byKey.get(a.key) ?? 0 }));
}

export interface ProjectSummary {
  id: string;
  title: string;
  ownerTeam: string;
  startsOn: string;
  endsOn: string | null;
  status: ProjectStatus;
  progress: number;
}

export interface ProgrammeWithProjects {
  id: string;
  title: string;
  description: string;
  ownerTeam: string;
  projects: ProjectSummary[];
}

/** The action plan of an organisation: its programmes and their projects, in two queries. */
export async function actionPlanOf(db: Queryable, organisationId: string): Promise<ProgrammeWithProjects[]> {
  const programmes = await db
    .select()
    .from(actionProgrammes)
    .where(eq(actionProgrammes.organisationId, organisationId))
    .orderBy(asc(actionProgrammes.createdAt), asc(actionProgrammes.title));
  if (programmes.length === 0) return [];
  const projects = await db
    .select()
    .from(actionProjects)
    .where(
      inArray(
        actionProjects.programmeId,
        programmes.map((p) => p.id),
      ),
    )
    .orderBy(asc(actionProjects.startsOn), asc(actionProjects.title));
  return programmes.map((p) => ({
    id: p.id,
    title: p.title,
    description: p.description,
    ownerTeam: p.ownerTeam,
    projects: projects
      .filter((x) => x.programmeId === p.id)
      .map((x) => ({
        id: x.id,
        title: x.title,
        ownerTeam: x.ownerTeam,
        startsOn: x.startsOn,
        endsOn: x.endsOn,
        status: x.status,
        progress: x.progress,
      })),
  }));
}

export interface ProposalChoice {
  id: string;
  number: number;
  title: string;
  cycleSlug: string;
  cycleName: string;
  recommendations: Array<{ id: string; number: number }>;
}

/** Adopted action proposals whose assembly is the organisation's: those a project may implement. */
export async function adoptedProposals(db: Queryable, organisationId: string): Promise<ProposalChoice[]> {
  const rows = await db
    .select({
      id: actionProposals.id,
      number: actionProposals.number,
      title: actionProposals.title,
      cycleSlug: cycles.slug,
      cycleName: cycles.name,
    })
    .from(actionProposals)
    .innerJoin(cycles, eq(cycles.id, actionProposals.cycleId))
    .where(and(eq(actionProposals.organisationId, organisationId), proposalAdopted))
    .orderBy(desc(cycles.slug), asc(actionProposals.number));
  return withRecommendations(db, rows);
}

async function withRecommendations(
  db: Queryable,
  rows: Array<Omit<ProposalChoice, "recommendations">>,
): Promise<ProposalChoice[]> {
  if (rows.length === 0) return [];
  const links = await db
    .select({
      proposalId: actionProposalRecommendations.proposalId,
      id: recommendations.id,
      number: recommendations.number,
    })
    .from(actionProposalRecommendations)
    .innerJoin(recommendations, eq(recommendations.id, actionProposalRecommendations.recommendationId))
    .where(
      inArray(
        actionProposalRecommendations.proposalId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(recommendations.number));
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    cycleSlug: r.cycleSlug,
    cycleName: r.cycleName,
    recommendations: links.filter((l) => l.proposalId === r.id).map((l) => ({ id: l.id, number: l.number })),
  }));
}

export interface ProjectUpdate {
  id: string;
  on: string;
  body: string;
  progress: number;
  status: ProjectStatus;
  reason: string;
  authorName: string | null;
}

export interface ProjectDetail {
  id: string;
  organisationId: string;
  organisationSlug: string;
  organisationName: string;
  programme: { id: string; title: string; ownerTeam: string };
  title: string;
  description: string;
  ownerTeam: string;
  startsOn: string;
  endsOn: string | null;
  status: ProjectStatus;
  abandonReason: string;
  progress: number;
  proposals: ProposalChoice[];
  updates: ProjectUpdate[];
}

export async function findProject(db: Queryable, projectId: string): Promise<ProjectDetail | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(projectId)) return null;
  const [row] = await db
    .select({ project: actionProjects, programme: actionProgrammes, org: organisations })
    .from(actionProjects)
    .innerJoin(actionProgrammes, eq(actionProgrammes.id, actionProjects.programmeId))
    .innerJoin(organisations, eq(organisations.id, actionProgrammes.organisationId))
    .where(eq(actionProjects.id, projectId));
  if (!row) return null;
  const proposalRows = await db
    .select({
      id: actionProposals.id,
      number: actionProposals.number,
      title: actionProposals.title,
      cycleSlug: cycles.slug,
      cycleName: cycles.name,
    })
    .from(actionProjectProposals)
    .innerJoin(actionProposals, eq(actionProposals.id, actionProjectProposals.proposalId))
    .innerJoin(cycles, eq(cycles.id, actionProposals.cycleId))
    .where(eq(actionProjectProposals.projectId, projectId))
    .orderBy(asc(cycles.slug), asc(actionProposals.number));
  const proposals = await withRecommendations(db, proposalRows);
  const updates = await db
    .select({
      id: actionProjectUpdates.id,
      on: actionProjectUpdates.on,
      body: actionProjectUpdates.body,
      progress: actionProjectUpdates.progress,
      status: actionProjectUpdates.status,
      reason: actionProjectUpdates.reason,
      authorName: persons.name,
    })
    .from(actionProjectUpdates)
    .leftJoin(persons, eq(persons.id, actionProjectUpdates.authorId))
    .where(eq(actionProjectUpdates.projectId, projectId))
    .orderBy(desc(actionProjectUpdates.on), desc(actionProjectUpdates.createdAt));
  const p = row.project;
  return {
    id: p.id,
    organisationId: row.org.id,
    organisationSlug: row.org.slug,
    organisationName: row.org.name,
    programme: { id: row.programme.id, title: row.programme.title, ownerTeam: row.programme.ownerTeam },
    title: p.title,
    description: p.description,
    ownerTeam: p.ownerTeam,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    status: p.status,
    abandonReason: p.abandonReason,
    progress: p.progress,
    proposals,
    updates,
  };
}

export type StatusCounts = Record<ImplementationStatus, number>;
const zero = (): StatusCounts => ({ adopted: 0, in_progress: 0, done: 0, abandoned: 0 });

export interface Dashboard {
  totals: StatusCounts;
  groups: Array<{ id: string; title: string; counts: StatusCounts }>;
  axes: Array<{ key: string; title: string; counts: StatusCounts }>;
}

/**
 * Per cycle: every recommendation carried by an adopted proposal, counted once in the status of
 * its implementation (domain/action-plan/progress.ts), in total, per group and per axis. Axes
 * are the strategic axes of the cycle's organisations; a key no organisation records is shown as is.
 */
export async function cycleDashboard(db: Queryable, cycleId: string, locale: Locale): Promise<Dashboard> {
  const rows = await db
    .select({
      recommendationId: recommendations.id,
      groupId: recommendations.groupId,
      axes: recommendations.axes,
      projectId: actionProjects.id,
      projectStatus: actionProjects.status,
    })
    .from(recommendations)
    .innerJoin(actionProposalRecommendations, eq(actionProposalRecommendations.recommendationId, recommendations.id))
    .innerJoin(actionProposals, eq(actionProposals.id, actionProposalRecommendations.proposalId))
    .leftJoin(actionProjectProposals, eq(actionProjectProposals.proposalId, actionProposals.id))
    .leftJoin(actionProjects, eq(actionProjects.id, actionProjectProposals.projectId))
    .where(and(eq(recommendations.cycleId, cycleId), proposalAdopted));
  const byRec = new Map<string, { groupId: string; axes: string[]; projects: Map<string, ProjectStatus> }>();
  for (const r of rows) {
    const entry = byRec.get(r.recommendationId) ?? { groupId: r.groupId, axes: r.axes, projects: new Map() };
    byRec.set(r.recommendationId, entry);
    if (r.projectId !== null && r.projectStatus !== null) entry.projects.set(r.projectId, r.projectStatus);
  }
  const groups = await cycleGroupsFor(db, cycleId, null, locale);
  const axisRows = await db
    .select({ key: strategicAxes.key, title: strategicAxes.title, position: strategicAxes.position })
    .from(strategicAxes)
    .innerJoin(cycleOrganisations, eq(cycleOrganisations.organisationId, strategicAxes.organisationId))
    .where(eq(cycleOrganisations.cycleId, cycleId))
    .orderBy(asc(strategicAxes.position), asc(strategicAxes.key));
  const totals = zero();
  const perGroup = new Map<string, StatusCounts>();
  const perAxis = new Map<string, StatusCounts>();
  for (const rec of byRec.values()) {
    const status = implementationStatus([...rec.projects.values()]);
    totals[status] += 1;
    const g = perGroup.get(rec.groupId) ?? zero();
    g[status] += 1;
    perGroup.set(rec.groupId, g);
    for (const key of new Set(rec.axes)) {
      const a = perAxis.get(key) ?? zero();
      a[status] += 1;
      perAxis.set(key, a);
    }
  }
  const axisTitles = new Map<string, string>();
  for (const a of axisRows) if (!axisTitles.has(a.key)) axisTitles.set(a.key, a.title);
  const axisKeys = [...axisTitles.keys(), ...[...perAxis.keys()].filter((k) => !axisTitles.has(k)).sort()];
  return {
    totals,
    groups: groups
      .slice()
      .sort((a, b) => a.title.localeCompare(b.title, locale))
      .map((g) => ({ id: g.id, title: g.title, counts: perGroup.get(g.id) ?? zero() })),
    axes: axisKeys.map((k) => ({ key: k, title: axisTitles.get(k) ?? k, counts: perAxis.get(k) ?? zero() })),
  };
}

/** The cycles an organisation takes part in, newest first, for the links to their dashboards. */
export async function cyclesOf(db: Queryable, organisationId: string) {
  return db
    .select({ slug: cycles.slug, name: cycles.name })
    .from(cycles)
    .innerJoin(cycleOrganisations, eq(cycleOrganisations.cycleId, cycles.id))
    .where(eq(cycleOrganisations.organisationId, organisationId))
    .orderBy(desc(cycles.slug));
}

/**
 * The open dataset "action_plan": one row per project of every organisation, with the adopted
 * proposals and recommendations it implements ("cycle#number") and its latest update's date.
 */
export async function actionPlanRows(db: Queryable): Promise<Array<DatasetRow<"action_plan">>> {
  const rows = await db
    .select({ project: actionProjects, programme: actionProgrammes.title, organisation: organisations.slug })
    .from(actionProjects)
    .innerJoin(actionProgrammes, eq(actionProgrammes.id, actionProjects.programmeId))
    .innerJoin(organisations, eq(organisations.id, actionProgrammes.organisationId))
    .orderBy(
      asc(organisations.slug),
      asc(actionProgrammes.createdAt),
      asc(actionProjects.startsOn),
      asc(actionProjects.id),
    );
  const links = await db
    .select({
      projectId: actionProjectProposals.projectId,
      cycle: cycles.slug,
      proposal: actionProposals.number,
      recommendation: recommendations.number,
    })
    .from(actionProjectProposals)
    .innerJoin(actionProposals, eq(actionProposals.id, actionProjectProposals.proposalId))
    .innerJoin(cycles, eq(cycles.id, actionProposals.cycleId))
    .leftJoin(actionProposalRecommendations, eq(actionProposalRecommendations.proposalId, actionProposals.id))
    .leftJoin(recommendations, eq(recommendations.id, actionProposalRecommendations.recommendationId))
    .orderBy(asc(cycles.slug), asc(actionProposals.number), asc(recommendations.number));
  const updates = await db
    .select({
      projectId: actionProjectUpdates.projectId,
      n: sql<number>`count(*)::int`,
      last: sql<string>`max(${actionProjectUpdates.on})::text`,
    })
    .from(actionProjectUpdates)
    .groupBy(actionProjectUpdates.projectId);
  const updatesOf = new Map(updates.map((u) => [u.projectId, u]));
  return rows.map(({ project: p, programme, organisation }) => {
    const mine = links.filter((l) => l.projectId === p.id);
    const u = updatesOf.get(p.id);
    return {
      project_id: p.id,
      plan_organisation: organisation,
      programme,
      project: p.title,
      owner_team: p.ownerTeam,
      starts_on: p.startsOn,
      ends_on: p.endsOn,
      status: p.status,
      progress: p.progress,
      abandon_reason: p.abandonReason,
      implements_proposals: [...new Set(mine.map((l) => `${l.cycle}#${l.proposal}`))],
      implements_recommendations: [
        ...new Set(mine.filter((l) => l.recommendation !== null).map((l) => `${l.cycle}#${l.recommendation}`)),
      ],
      updates: u ? Number(u.n) : 0,
      last_update_on: u ? u.last : null,
    };
  });
}
