import { and, desc, eq } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import {
  amendments,
  actionProposals,
  cycleOrganisations,
  type recommendations,
  recommendationVersions,
} from "../../db/schema/index.js";
import type { Phase, Workflow } from "../../domain/workflow/workflow.js";
import type { Actor } from "../../policies/actor.js";
import type { RecommendationResource } from "../../policies/recommendations.js";
import type { Resource } from "../../policies/can.js";
import { isUuid } from "../db-errors.js";
import type { GroupContext } from "../groups/load.js";
import { loadRecommendationResource } from "../recommendations/load.js";

export type Recommendation = typeof recommendations.$inferSelect;
export type RecommendationVersion = typeof recommendationVersions.$inferSelect;
export type AmendmentRow = typeof amendments.$inferSelect;
export type ActionProposal = typeof actionProposals.$inferSelect;

/** A recommendation as the board's pages and commands need it. */
export interface BoardContext extends GroupContext {
  recommendation: Recommendation;
  workflowOrganisationId: string;
  workflow: Workflow;
  phase: Phase;
  /** The latest version (the one the board instructs); null only for a recommendation without any. */
  current: RecommendationVersion | null;
}

export async function latestVersion(db: Queryable, recommendationId: string): Promise<RecommendationVersion | null> {
  const [row] = await db
    .select()
    .from(recommendationVersions)
    .where(eq(recommendationVersions.recommendationId, recommendationId))
    .orderBy(desc(recommendationVersions.number))
    .limit(1);
  return row ?? null;
}

/**
 * A recommendation with its group, workflow and current version, loaded as the drafting area
 * loads it (same workflow organisation, same phase); null for an unknown id (404).
 */
export async function loadBoardContext(
  db: Queryable,
  actor: Actor,
  recommendationId: string,
): Promise<BoardContext | null> {
  const loaded = await loadRecommendationResource(db, actor, recommendationId);
  if (!loaded) return null;
  const { version, workflowOrganisationId, ...rest } = loaded.data;
  const organisationId = workflowOrganisationId ?? rest.facts.organisationIds[0];
  if (!organisationId) return null;
  return { ...rest, workflowOrganisationId: organisationId, phase: loaded.resource.phase, current: version };
}

export function boardResource(context: BoardContext): RecommendationResource {
  return { type: "recommendation", group: context.facts, phase: context.phase };
}

export async function loadBoardResource(
  db: Queryable,
  actor: Actor,
  recommendationId: string,
): Promise<{ resource: Resource; data: BoardContext } | null> {
  const context = await loadBoardContext(db, actor, recommendationId);
  return context ? { resource: boardResource(context), data: context } : null;
}

export interface AmendmentContext extends BoardContext {
  amendment: AmendmentRow;
}

/** An amendment and its recommendation; the resource is the recommendation. */
export async function loadAmendmentResource(
  db: Queryable,
  actor: Actor,
  amendmentId: string,
): Promise<{ resource: Resource; data: AmendmentContext } | null> {
  if (!isUuid(amendmentId)) return null;
  const [amendment] = await db.select().from(amendments).where(eq(amendments.id, amendmentId));
  if (!amendment) return null;
  const context = await loadBoardContext(db, actor, amendment.recommendationId);
  if (!context) return null;
  return { resource: boardResource(context), data: { ...context, amendment } };
}

export interface ProposalContext {
  proposal: ActionProposal;
  organisationIds: string[];
}

/** An action proposal; the resource is its cycle (public, managed by the board). */
export async function loadProposalResource(
  db: Queryable,
  proposalId: string,
): Promise<{ resource: Resource; data: ProposalContext } | null> {
  if (!isUuid(proposalId)) return null;
  const [proposal] = await db.select().from(actionProposals).where(eq(actionProposals.id, proposalId));
  if (!proposal) return null;
  const orgs = await db
    .select({ id: cycleOrganisations.organisationId })
    .from(cycleOrganisations)
    .where(and(eq(cycleOrganisations.cycleId, proposal.cycleId)));
  const organisationIds = orgs.map((o) => o.id).sort();
  return { resource: { type: "cycle", organisationIds }, data: { proposal, organisationIds } };
}
