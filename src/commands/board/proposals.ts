import { eq, inArray, sql } from "drizzle-orm";
import { appendAudit } from "../../audit/log.js";
import type { Db } from "../../db/client.js";
import {
  actionProposalRecommendations,
  actionProposals,
  cycles,
  recommendations,
  workingGroups,
} from "../../db/schema/index.js";
import { initialState, targets } from "../../domain/workflow/workflow.js";
import { isUuid } from "../db-errors.js";
import { loadWorkflow, recordCreation, transition } from "../workflow.js";
import { cycleOrganisationIds } from "./read.js";

export interface ProposalInput {
  title: string;
  description: string;
  /** The organisation whose general assembly votes it: one of the cycle's. */
  organisationId: string;
  recommendationIds: string[];
}

/** Why a recommendation cannot be carried by a new proposal. */
export type ProposalRefusal = "unknown" | "otherCycle" | "notRetained" | "alreadyInProposal";

export type ProposalOutcome =
  | { ok: true; proposalId: string; number: number }
  | { ok: false; reason: "badOrganisation" | "noRecommendation" }
  | {
      ok: false;
      reason: "recommendations";
      refused: Array<{ id: string; number: number | null; why: ProposalRefusal }>;
    };

/**
 * Creates an action proposal of a cycle from one or several retained recommendations (number
 * next in the cycle), records its first state, and moves each recommendation on ("propose"),
 * in one transaction. A recommendation that is not retained, of another cycle or already in a
 * proposal is refused, and nothing is written.
 */
export async function createProposal(
  db: Db,
  actorId: string,
  cycleId: string,
  input: ProposalInput,
  now = new Date(),
): Promise<ProposalOutcome> {
  const orgIds = await cycleOrganisationIds(db, cycleId);
  if (!orgIds.includes(input.organisationId)) return { ok: false, reason: "badOrganisation" };
  const ids = [...new Set(input.recommendationIds)];
  if (ids.length === 0) return { ok: false, reason: "noRecommendation" };
  const guessed = ids.find((id) => !isUuid(id));
  if (guessed !== undefined) {
    return { ok: false, reason: "recommendations", refused: [{ id: guessed, number: null, why: "unknown" }] };
  }
  return db.transaction(async (tx) => {
    // One proposal at a time per cycle: numbers follow each other, a recommendation goes into one.
    await tx.select({ id: cycles.id }).from(cycles).where(eq(cycles.id, cycleId)).for("update");
    const rows = await tx
      .select({
        id: recommendations.id,
        number: recommendations.number,
        cycleId: recommendations.cycleId,
        state: recommendations.state,
        groupOrganisationId: workingGroups.organisationId,
      })
      .from(recommendations)
      .innerJoin(workingGroups, eq(workingGroups.id, recommendations.groupId))
      .where(inArray(recommendations.id, ids))
      .for("update", { of: recommendations });
    const linked = new Set(
      (
        await tx
          .select({ id: actionProposalRecommendations.recommendationId })
          .from(actionProposalRecommendations)
          .where(inArray(actionProposalRecommendations.recommendationId, ids))
      ).map((r) => r.id),
    );
    const refused: Array<{ id: string; number: number | null; why: ProposalRefusal }> = [];
    const moves: Array<{ id: string; from: string; to: string; workflow: Awaited<ReturnType<typeof loadWorkflow>> }> =
      [];
    for (const id of ids) {
      const row = rows.find((r) => r.id === id);
      if (!row) {
        refused.push({ id, number: null, why: "unknown" });
        continue;
      }
      if (row.cycleId !== cycleId) {
        refused.push({ id, number: row.number, why: "otherCycle" });
        continue;
      }
      if (linked.has(id)) {
        refused.push({ id, number: row.number, why: "alreadyInProposal" });
        continue;
      }
      const workflow = await loadWorkflow(tx, row.groupOrganisationId ?? orgIds[0]!, "recommendation");
      const [to] = targets(workflow, row.state, "propose");
      if (to === undefined) refused.push({ id, number: row.number, why: "notRetained" });
      else moves.push({ id, from: row.state, to, workflow });
    }
    if (refused.length > 0) return { ok: false, reason: "recommendations", refused } as const;
    const [last] = await tx
      .select({ max: sql<number | null>`max(${actionProposals.number})` })
      .from(actionProposals)
      .where(eq(actionProposals.cycleId, cycleId));
    const number = Number(last?.max ?? 0) + 1;
    const proposalWorkflow = await loadWorkflow(tx, input.organisationId, "action_proposal");
    const state = initialState(proposalWorkflow);
    const [proposal] = await tx
      .insert(actionProposals)
      .values({
        cycleId,
        organisationId: input.organisationId,
        number,
        title: input.title,
        description: input.description,
        state,
        createdBy: actorId,
        createdAt: now,
      })
      .returning({ id: actionProposals.id });
    const proposalId = proposal!.id;
    await recordCreation(tx, { subject: "action_proposal", subjectId: proposalId, state, actorId }, now);
    await tx.insert(actionProposalRecommendations).values(moves.map((m) => ({ proposalId, recommendationId: m.id })));
    for (const m of moves) {
      const moved = await transition(
        tx,
        m.workflow,
        {
          subject: "recommendation",
          subjectId: m.id,
          from: m.from,
          to: m.to,
          action: "propose",
          actorId,
          reason: `#${number}`,
        },
        now,
      );
      if (!moved.ok) throw new Error("a locked recommendation changed state");
    }
    await appendAudit(tx, {
      actorId,
      action: "proposal.created",
      subjectType: "action_proposal",
      subjectId: proposalId,
      organisationId: input.organisationId,
      data: { cycleId, number, recommendationIds: moves.map((m) => m.id) },
    });
    return { ok: true, proposalId, number } as const;
  });
}
