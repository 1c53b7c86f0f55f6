import { latestVersionOf, latestVersions } from "../recommendations/read.js";
import { and, asc, desc, eq, inArray, isNotNull } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import {
  actionProgrammes,
  actionProjects,
  actionProjectUpdates,
  actionProposalRecommendations,
  actionProposals,
  assemblies,
  assemblyItems,
  boardDecisions,
  cycleOrganisations,
  cycles,
  organisations,
  recommendations,
  recommendationVersions,
  workingGroups,
} from "../../db/schema/index.js";
import type { ItemDecision, Totals } from "../../domain/assembly/index.js";
import type { DatasetName, DatasetRow } from "../../domain/open-data/datasets.js";
import { defaultWorkflow, phaseOf, type Workflow } from "../../domain/workflow/workflow.js";
import type { Locale } from "../../i18n/locales.js";
import { VISITOR } from "../../policies/actor.js";
import { can } from "../../policies/can.js";
import { cycleFigures } from "../figures/read.js";
import { actionPlanRows } from "../action-plan/read.js";
import { loadWorkflow } from "../workflow.js";

export interface PublicRecommendation {
  id: string;
  cycleId: string;
  cycle: string;
  number: number;
  group: string;
  title: string;
  language: Locale;
  state: string;
  axes: string[];
  /** The latest version's context, for the feed's summary. */
  context: string;
  /** When the group submitted it (its first submitted version). */
  submittedAt: Date | null;
}

/**
 * Every recommendation a visitor may read (from its submission on, by the policy), with its
 * latest version's title: three queries, plus one per organisation for its workflow.
 */
export async function publicRecommendations(db: Queryable): Promise<PublicRecommendation[]> {
  const latest = latestVersions(db);
  const [rows, cycleOrgs, submissions] = await Promise.all([
    db
      .select({
        id: recommendations.id,
        cycleId: recommendations.cycleId,
        cycle: cycles.slug,
        number: recommendations.number,
        group: workingGroups.key,
        groupOrganisationId: workingGroups.organisationId,
        title: recommendationVersions.title,
        sections: recommendationVersions.sections,
        language: recommendations.sourceLanguage,
        state: recommendations.state,
        axes: recommendations.axes,
      })
      .from(recommendations)
      .innerJoin(cycles, eq(cycles.id, recommendations.cycleId))
      .innerJoin(workingGroups, eq(workingGroups.id, recommendations.groupId))
      .innerJoin(latest, eq(latest.recommendationId, recommendations.id))
      .innerJoin(recommendationVersions, latestVersionOf(latest))
      .orderBy(asc(cycles.slug), asc(recommendations.number)),
    db
      .select({ cycleId: cycleOrganisations.cycleId, organisationId: cycleOrganisations.organisationId })
      .from(cycleOrganisations),
    db
      .select({
        recommendationId: recommendationVersions.recommendationId,
        submittedAt: recommendationVersions.submittedAt,
      })
      .from(recommendationVersions)
      .where(isNotNull(recommendationVersions.submittedAt))
      .orderBy(asc(recommendationVersions.number)),
  ]);
  const orgsOfCycle = new Map<string, string[]>();
  for (const r of cycleOrgs) orgsOfCycle.set(r.cycleId, [...(orgsOfCycle.get(r.cycleId) ?? []), r.organisationId]);
  for (const list of orgsOfCycle.values()) list.sort();
  const firstSubmission = new Map<string, Date>();
  for (const s of submissions)
    if (!firstSubmission.has(s.recommendationId)) firstSubmission.set(s.recommendationId, s.submittedAt!);

  const workflows = new Map<string, Workflow>();
  const out: PublicRecommendation[] = [];
  for (const r of rows) {
    const organisationIds = r.groupOrganisationId ? [r.groupOrganisationId] : (orgsOfCycle.get(r.cycleId) ?? []);
    const workflowOrg = organisationIds[0];
    let workflow = workflowOrg ? workflows.get(workflowOrg) : defaultWorkflow("recommendation");
    if (!workflow && workflowOrg) {
      workflow = await loadWorkflow(db, workflowOrg, "recommendation");
      workflows.set(workflowOrg, workflow);
    }
    const phase = phaseOf(workflow ?? defaultWorkflow("recommendation"), r.state);
    const group = {
      organisationIds,
      groupRole: null,
      pending: null,
      openToRequests: false,
      minutesVisibility: "public" as const,
    };
    if (!can(VISITOR, "recommendation.view", { type: "recommendation", group, phase })) continue;
    out.push({
      id: r.id,
      cycleId: r.cycleId,
      cycle: r.cycle,
      number: r.number,
      group: r.group,
      title: r.title,
      language: r.language,
      state: r.state,
      axes: r.axes,
      context: r.sections.context,
      submittedAt: firstSubmission.get(r.id) ?? null,
    });
  }
  return out;
}

async function recommendationRows(db: Queryable, baseUrl: string, locale: Locale) {
  const recs = await publicRecommendations(db);
  const ids = recs.map((r) => r.id);
  const [decisions, proposals] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          db.select().from(boardDecisions).where(inArray(boardDecisions.recommendationId, ids)),
          db
            .select({
              recommendationId: actionProposalRecommendations.recommendationId,
              number: actionProposals.number,
              adopted: assemblyItems.adopted,
              status: assemblyItems.status,
            })
            .from(actionProposalRecommendations)
            .innerJoin(actionProposals, eq(actionProposals.id, actionProposalRecommendations.proposalId))
            .leftJoin(assemblyItems, eq(assemblyItems.proposalId, actionProposals.id))
            .where(inArray(actionProposalRecommendations.recommendationId, ids))
            .orderBy(asc(actionProposals.number)),
        ]);
  const decisionOf = new Map(decisions.map((d) => [d.recommendationId, d]));
  const proposalsOf = new Map<string, { numbers: number[]; adopted: boolean | null }>();
  for (const p of proposals) {
    const entry = proposalsOf.get(p.recommendationId) ?? { numbers: [], adopted: null };
    if (!entry.numbers.includes(p.number)) entry.numbers.push(p.number);
    // Adopted once any assembly item carrying one of its proposals passed.
    if (p.status === "closed" && p.adopted !== null) entry.adopted = entry.adopted === true || p.adopted;
    proposalsOf.set(p.recommendationId, entry);
  }
  return recs.map((r): DatasetRow<"recommendations"> => ({
    id: r.id,
    cycle: r.cycle,
    number: r.number,
    group: r.group,
    title: r.title,
    language: r.language,
    state: r.state,
    axes: r.axes,
    decision: decisionOf.get(r.id)?.decision ?? null,
    proposals: proposalsOf.get(r.id)?.numbers ?? [],
    adopted: proposalsOf.get(r.id)?.adopted ?? null,
    url: `${baseUrl}/${locale}/recommendations/${r.id}`,
  }));
}

async function decisionRows(db: Queryable) {
  const recs = await publicRecommendations(db);
  if (recs.length === 0) return [];
  const byId = new Map(recs.map((r) => [r.id, r]));
  const rows = await db
    .select()
    .from(boardDecisions)
    .where(
      inArray(
        boardDecisions.recommendationId,
        recs.map((r) => r.id),
      ),
    );
  return rows
    .map((d): DatasetRow<"decisions"> => ({
      recommendation_id: d.recommendationId,
      cycle: byId.get(d.recommendationId)!.cycle,
      number: byId.get(d.recommendationId)!.number,
      decision: d.decision,
      reasons: d.reasons,
      decided_at: d.decidedAt.toISOString(),
      merged_into: d.mergedIntoId ? (byId.get(d.mergedIntoId)?.number ?? null) : null,
    }))
    .sort((a, b) => a.cycle.localeCompare(b.cycle) || a.number - b.number);
}

function measures(totals: Totals) {
  return {
    yes_count: totals.yes.count,
    yes_weight: totals.yes.weight,
    no_count: totals.no.count,
    no_weight: totals.no.weight,
    abstain_count: totals.abstain.count,
    abstain_weight: totals.abstain.weight,
  };
}

/** The stored results of closed items of assemblies not in preparation: one row per college, then the combined row. */
async function assemblyResultRows(db: Queryable) {
  const rows = await db
    .select({
      assemblyId: assemblies.id,
      organisation: organisations.slug,
      assembly: assemblies.title,
      heldOn: assemblies.heldOn,
      itemId: assemblyItems.id,
      item: assemblyItems.title,
      decisionKind: assemblyItems.decisionKind,
      result: assemblyItems.result,
    })
    .from(assemblyItems)
    .innerJoin(assemblies, eq(assemblies.id, assemblyItems.assemblyId))
    .innerJoin(organisations, eq(organisations.id, assemblies.organisationId))
    .where(and(eq(assemblyItems.status, "closed"), isNotNull(assemblyItems.result)))
    .orderBy(desc(assemblies.heldOn), asc(assemblies.title), asc(assemblyItems.position));
  return rows.flatMap((r) => {
    const result = r.result as unknown as ItemDecision;
    const base = {
      assembly_id: r.assemblyId,
      organisation: r.organisation,
      assembly: r.assembly,
      held_on: r.heldOn,
      item_id: r.itemId,
      item: r.item,
      decision_kind: r.decisionKind,
      quorum_met: result.quorum.met,
      adopted: result.passed,
    };
    return [
      ...result.colleges.map((col): DatasetRow<"assembly_results"> => ({
        ...base,
        college: col.college,
        ...measures(col),
      })),
      { ...base, college: null, ...measures(result.combined) } satisfies DatasetRow<"assembly_results">,
    ];
  });
}

async function participationRows(db: Queryable) {
  const all = await db.select({ id: cycles.id, slug: cycles.slug }).from(cycles).orderBy(asc(cycles.slug));
  const out: DatasetRow<"participation">[] = [];
  for (const cycle of all) {
    const { figures } = await cycleFigures(db, cycle.id);
    const row = (group: string | null, f: typeof figures | (typeof figures.groups)[number]) => ({
      cycle: cycle.slug,
      group,
      participants: f.participants,
      facilitators: f.facilitators,
      meetings: f.meetings,
      meeting_hours: f.meetingHours,
      local_talks: f.localTalks,
      local_talk_attendance: f.localTalkAttendance,
      distinct_people: f.distinctPeople,
    });
    for (const g of figures.groups) out.push(row(g.key, g));
    out.push(row(null, figures));
  }
  return out;
}

/** The rows of one open dataset; links point at `baseUrl` in `locale`. */
export async function datasetRows(
  db: Queryable,
  name: DatasetName,
  opts: { baseUrl: string; locale: Locale },
): Promise<Array<Record<string, unknown>>> {
  switch (name) {
    case "recommendations":
      return recommendationRows(db, opts.baseUrl, opts.locale);
    case "decisions":
      return decisionRows(db);
    case "assembly_results":
      return assemblyResultRows(db);
    case "participation":
      return participationRows(db);
    case "action_plan":
      return actionPlanRows(db);
  }
}

export interface FeedUpdate {
  id: string;
  projectId: string;
  project: string;
  organisation: string;
  on: string;
  progress: number;
  status: string;
  body: string;
  createdAt: Date;
}

/** The latest progress updates of the action plans (all public), newest first. */
export function latestProgressUpdates(db: Queryable, limit: number): Promise<FeedUpdate[]> {
  return db
    .select({
      id: actionProjectUpdates.id,
      projectId: actionProjects.id,
      project: actionProjects.title,
      organisation: organisations.name,
      on: actionProjectUpdates.on,
      progress: actionProjectUpdates.progress,
      status: actionProjectUpdates.status,
      body: actionProjectUpdates.body,
      createdAt: actionProjectUpdates.createdAt,
    })
    .from(actionProjectUpdates)
    .innerJoin(actionProjects, eq(actionProjects.id, actionProjectUpdates.projectId))
    .innerJoin(actionProgrammes, eq(actionProgrammes.id, actionProjects.programmeId))
    .innerJoin(organisations, eq(organisations.id, actionProgrammes.organisationId))
    .orderBy(desc(actionProjectUpdates.createdAt), asc(actionProjectUpdates.id))
    .limit(limit);
}
