import { and, asc, eq } from "drizzle-orm";
import { appendAudit } from "../../audit/log.js";
import type { Db, Queryable } from "../../db/client.js";
import {
  actionProposalRecommendations,
  actionProposals,
  assemblyAttendance,
  assemblyItems,
  assemblyNamedVotes,
  assemblyPaperTallies,
  assemblyProxies,
  assemblySecretVotes,
  colleges,
  organisations,
  recommendations,
} from "../../db/schema/index.js";
import {
  decideItem,
  ruleForItem,
  VotingInputError,
  type AssemblyVote,
  type DecideInput,
  type ItemDecision,
} from "../../domain/assembly/index.js";
import type { Statutes } from "../../domain/organisations/statutes.js";
import { loadWorkflow, transition } from "../workflow.js";
import { electorateByCollege } from "./desk.js";
import { siteCapacity } from "./paper.js";
import type { ItemContext } from "./load.js";

/**
 * The tellers count own and proxy slips together. For the decision's consistency checks, the part
 * of a site's count above the members present there in that college is marked as proxy votes
 * (it can only come from members represented by holders at that site); the proxy mark changes no
 * weight, only which limit (present or represented) the votes are checked against.
 */
function paperVotes(
  tally: { collegeKey: string; yes: number; no: number; abstain: number },
  presentAtSite: number,
): AssemblyVote[] {
  let proxyLeft = Math.max(0, tally.yes + tally.no + tally.abstain - presentAtSite);
  const votes: AssemblyVote[] = [];
  for (const choice of ["yes", "no", "abstain"] as const) {
    const n = tally[choice];
    const proxy = Math.min(proxyLeft, n);
    proxyLeft -= proxy;
    if (proxy > 0) votes.push({ choice, college: tally.collegeKey, proxy: true, count: proxy });
    if (n - proxy > 0) votes.push({ choice, college: tally.collegeKey, count: n - proxy });
  }
  return votes;
}

/** Everything the decision of an item is computed from, read from the database. */
export async function decisionInput(db: Queryable, context: ItemContext): Promise<DecideInput> {
  return (await gatherDecision(db, context)).input;
}

/** The decision's input, and the paper votes with the site they were counted at (for the export). */
export async function gatherDecision(
  db: Queryable,
  context: ItemContext,
): Promise<{ input: DecideInput; paper: Array<AssemblyVote & { siteId: string }> }> {
  const orgId = context.assembly.organisationId;
  const [org] = await db
    .select({ statutes: organisations.statutes })
    .from(organisations)
    .where(eq(organisations.id, orgId));
  const collegeRows = await db
    .select({ key: colleges.key, weight: colleges.weight })
    .from(colleges)
    .where(eq(colleges.organisationId, orgId))
    .orderBy(asc(colleges.key));
  const rule = ruleForItem({ statutes: org!.statutes as Statutes, colleges: collegeRows }, context.item.decisionKind);
  const electorate = await electorateByCollege(db, orgId);
  const present = await db
    .select({ collegeKey: assemblyAttendance.collegeKey })
    .from(assemblyAttendance)
    .where(eq(assemblyAttendance.assemblyId, context.assembly.id));
  const represented = await db
    .select({ collegeKey: assemblyProxies.collegeKey })
    .from(assemblyProxies)
    .where(eq(assemblyProxies.assemblyId, context.assembly.id));
  const countBy = (rows: Array<{ collegeKey: string }>, key: string) => rows.filter((r) => r.collegeKey === key).length;
  const votes: AssemblyVote[] = [];
  if (context.item.secret) {
    const rows = await db
      .select({
        choice: assemblySecretVotes.choice,
        collegeKey: assemblySecretVotes.collegeKey,
        proxy: assemblySecretVotes.proxy,
      })
      .from(assemblySecretVotes)
      .where(eq(assemblySecretVotes.itemId, context.item.id));
    for (const r of rows) votes.push({ choice: r.choice, college: r.collegeKey, proxy: r.proxy });
  } else {
    const rows = await db
      .select({
        choice: assemblyNamedVotes.choice,
        collegeKey: assemblyNamedVotes.collegeKey,
        personId: assemblyNamedVotes.personId,
        castBy: assemblyNamedVotes.castBy,
      })
      .from(assemblyNamedVotes)
      .where(eq(assemblyNamedVotes.itemId, context.item.id));
    for (const r of rows) votes.push({ choice: r.choice, college: r.collegeKey, proxy: r.personId !== r.castBy });
  }
  const tallies = await db.select().from(assemblyPaperTallies).where(eq(assemblyPaperTallies.itemId, context.item.id));
  const capacities = new Map<string, Awaited<ReturnType<typeof siteCapacity>>>();
  const paper: Array<AssemblyVote & { siteId: string }> = [];
  for (const tally of tallies) {
    if (!capacities.has(tally.siteId))
      capacities.set(tally.siteId, await siteCapacity(db, context.assembly.id, tally.siteId));
    const counted = paperVotes(tally, capacities.get(tally.siteId)!.get(tally.collegeKey)?.present ?? 0);
    votes.push(...counted);
    paper.push(...counted.map((v) => ({ ...v, siteId: tally.siteId })));
  }
  const input: DecideInput = {
    rule,
    electorate: rule.colleges.map((c) => ({ college: c.key, members: electorate.get(c.key) ?? 0 })),
    attendance: rule.colleges.map((c) => ({
      college: c.key,
      present: countBy(present, c.key),
      represented: countBy(represented, c.key),
    })),
    votes,
  };
  return { input, paper };
}

export type CloseOutcome =
  { ok: true; decision: ItemDecision } | { ok: false; reason: "not_open" | "inconsistent" | "proposal_state" };

/**
 * Closes an open item: locks it FOR UPDATE (votes in flight finish first, later ones find it
 * closed), decides it by the statutes (decideItem), stores the result and whether it passed, moves
 * the proposal (adopt / reject) and each of its recommendations still "in_proposal" the same way,
 * rewrites the secret votes in tracker order (no trace of the casting order), and audits, in one
 * transaction.
 */
export async function closeItem(
  db: Db,
  actorId: string,
  context: ItemContext,
  now = new Date(),
): Promise<CloseOutcome> {
  return db
    .transaction(async (tx): Promise<CloseOutcome> => {
      const [item] = await tx
        .select({ status: assemblyItems.status })
        .from(assemblyItems)
        .where(eq(assemblyItems.id, context.item.id))
        .for("update");
      if (item?.status !== "open") return { ok: false, reason: "not_open" };
      let decision: ItemDecision;
      try {
        decision = decideItem(await decisionInput(tx, context));
      } catch (error) {
        if (error instanceof VotingInputError) return { ok: false, reason: "inconsistent" };
        throw error;
      }
      await tx
        .update(assemblyItems)
        .set({
          status: "closed",
          closedAt: now,
          result: decision as unknown as Record<string, unknown>,
          adopted: decision.passed,
        })
        .where(eq(assemblyItems.id, context.item.id));
      if (context.item.secret) {
        const rows = await tx.select().from(assemblySecretVotes).where(eq(assemblySecretVotes.itemId, context.item.id));
        if (rows.length > 0) {
          await tx.delete(assemblySecretVotes).where(eq(assemblySecretVotes.itemId, context.item.id));
          rows.sort((a, b) => (a.tracker < b.tracker ? -1 : 1));
          for (let i = 0; i < rows.length; i += 1000)
            await tx.insert(assemblySecretVotes).values(rows.slice(i, i + 1000));
        }
      }
      if (context.item.proposalId) {
        const moved = await moveProposal(tx, actorId, context, decision.passed, now);
        if (!moved) throw new ProposalStateError();
      }
      await appendAudit(
        tx,
        {
          actorId,
          action: "assembly.item_closed",
          subjectType: "assembly_item",
          subjectId: context.item.id,
          organisationId: context.assembly.organisationId,
          data: { passed: decision.passed, reason: decision.reason },
        },
        now,
      );
      return { ok: true, decision };
    })
    .catch((error: unknown) => {
      if (error instanceof ProposalStateError) return { ok: false, reason: "proposal_state" } as const;
      throw error;
    });
}

class ProposalStateError extends Error {}

async function moveProposal(
  tx: Queryable,
  actorId: string,
  context: ItemContext,
  passed: boolean,
  now: Date,
): Promise<boolean> {
  const [proposal] = await tx
    .select({ id: actionProposals.id, state: actionProposals.state, organisationId: actionProposals.organisationId })
    .from(actionProposals)
    .where(eq(actionProposals.id, context.item.proposalId!));
  if (!proposal) return false;
  const action = passed ? "adopt" : "reject";
  const to = passed ? "adopted" : "rejected";
  const reason = `${context.assembly.title} — ${context.item.title}`;
  const proposalWorkflow = await loadWorkflow(tx, proposal.organisationId, "action_proposal");
  const moved = await transition(
    tx,
    proposalWorkflow,
    { subject: "action_proposal", subjectId: proposal.id, from: proposal.state, to, action, actorId, reason },
    now,
  );
  if (!moved.ok) return false;
  const recommendationWorkflow = await loadWorkflow(tx, proposal.organisationId, "recommendation");
  const linked = await tx
    .select({ id: recommendations.id, state: recommendations.state })
    .from(actionProposalRecommendations)
    .innerJoin(recommendations, eq(recommendations.id, actionProposalRecommendations.recommendationId))
    .where(and(eq(actionProposalRecommendations.proposalId, proposal.id), eq(recommendations.state, "in_proposal")));
  for (const rec of linked) {
    await transition(
      tx,
      recommendationWorkflow,
      { subject: "recommendation", subjectId: rec.id, from: rec.state, to, action, actorId, reason },
      now,
    );
  }
  return true;
}
