import { desc, eq } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { recommendationVersions, recommendations } from "../../db/schema/index.js";
import { defaultWorkflow, phaseOf, type Workflow } from "../../domain/workflow/workflow.js";
import type { Actor } from "../../policies/actor.js";
import type { RecommendationResource } from "../../policies/recommendations.js";
import { isUuid } from "../db-errors.js";
import { loadGroupContext, type GroupContext } from "../groups/load.js";
import { loadWorkflow } from "../workflow.js";

export type Recommendation = typeof recommendations.$inferSelect;
export type RecommendationVersion = typeof recommendationVersions.$inferSelect;

/** A recommendation with its group and cycle, as every recommendation route needs it. */
export interface RecommendationContext extends GroupContext {
  recommendation: Recommendation;
  /** The latest version (the highest number); null only for a row written without one. */
  version: RecommendationVersion | null;
  /** The workflow its state belongs to (the organisation's, else the default). */
  workflow: Workflow;
  /** The organisation whose workflow holds (see workflowOrganisationId). */
  workflowOrganisationId: string | null;
}

export interface LoadedRecommendation {
  resource: RecommendationResource;
  data: RecommendationContext;
}

/**
 * The organisation whose workflow a group's recommendations follow: the group's own, or, for a
 * binational group, the first organisation of its cycle (ids sorted, so always the same one).
 */
export function workflowOrganisationId(group: GroupContext): string | null {
  return group.group.organisationId ?? group.facts.organisationIds[0] ?? null;
}

/** Loads the workflow of a group's recommendations. */
export async function loadGroupWorkflow(db: Queryable, group: GroupContext): Promise<Workflow> {
  const org = workflowOrganisationId(group);
  return org ? loadWorkflow(db, org, "recommendation") : defaultWorkflow("recommendation");
}

/**
 * Loads a recommendation for can(): the row, its latest version, the group's facts about the
 * actor and the phase of its state. Null when the id is no recommendation's (404).
 * Stable signature: the board's routes use it too.
 */
export async function loadRecommendationResource(
  db: Queryable,
  actor: Actor,
  recommendationId: string,
): Promise<LoadedRecommendation | null> {
  if (!isUuid(recommendationId)) return null;
  const [recommendation] = await db.select().from(recommendations).where(eq(recommendations.id, recommendationId));
  if (!recommendation) return null;
  const personId = actor.kind === "person" ? actor.personId : null;
  const group = await loadGroupContext(db, recommendation.groupId, personId);
  if (!group) return null;
  const [version] = await db
    .select()
    .from(recommendationVersions)
    .where(eq(recommendationVersions.recommendationId, recommendationId))
    .orderBy(desc(recommendationVersions.number))
    .limit(1);
  const workflow = await loadGroupWorkflow(db, group);
  return {
    resource: { type: "recommendation", group: group.facts, phase: phaseOf(workflow, recommendation.state) },
    data: {
      ...group,
      recommendation,
      version: version ?? null,
      workflow,
      workflowOrganisationId: workflowOrganisationId(group),
    },
  };
}
