import { and, asc, eq, sql } from "drizzle-orm";
import type { Queryable } from "../db/client.js";
import { actionProposals, recommendations, stateChanges, workflowConfigs } from "../db/schema/index.js";
import {
  allows,
  checkWorkflow,
  defaultWorkflow,
  type Workflow,
  type WorkflowSubject,
} from "../domain/workflow/workflow.js";

/** The organisation's workflow for recommendations or proposals: its own, else the default. */
export async function loadWorkflow(db: Queryable, organisationId: string, subject: WorkflowSubject): Promise<Workflow> {
  const [row] = await db
    .select({ config: workflowConfigs.config })
    .from(workflowConfigs)
    .where(and(eq(workflowConfigs.organisationId, organisationId), eq(workflowConfigs.subject, subject)));
  if (row && checkWorkflow(row.config).length === 0) return row.config;
  return defaultWorkflow(subject);
}

export interface TransitionInput {
  subject: WorkflowSubject;
  subjectId: string;
  from: string;
  to: string;
  /** The command's action, checked against the workflow's transitions. */
  action: string;
  actorId: string | null;
  reason?: string;
}

export type TransitionOutcome = { ok: true } | { ok: false; reason: "not_allowed" | "state_changed" };

/**
 * Moves a recommendation or a proposal from one state to another, inside the caller's
 * transaction, and records who, when and why. The UPDATE is conditional on the state read
 * before: a second tab that acted meanwhile gets "state_changed" and nothing is written.
 */
export async function transition(
  tx: Queryable,
  workflow: Workflow,
  input: TransitionInput,
  now = new Date(),
): Promise<TransitionOutcome> {
  if (!allows(workflow, input.from, input.to, input.action)) return { ok: false, reason: "not_allowed" };
  const table = input.subject === "recommendation" ? recommendations : actionProposals;
  const updated = await tx
    .update(table)
    .set({ state: input.to })
    .where(and(eq(table.id, input.subjectId), eq(table.state, input.from)))
    .returning({ id: table.id });
  if (updated.length === 0) return { ok: false, reason: "state_changed" };
  await tx.insert(stateChanges).values({
    subject: input.subject,
    subjectId: input.subjectId,
    fromState: input.from,
    toState: input.to,
    actorId: input.actorId,
    reason: input.reason ?? "",
    at: now,
  });
  return { ok: true };
}

/** Records the first state of a new recommendation or proposal. */
export async function recordCreation(
  tx: Queryable,
  input: { subject: WorkflowSubject; subjectId: string; state: string; actorId: string | null },
  now = new Date(),
): Promise<void> {
  await tx.insert(stateChanges).values({
    subject: input.subject,
    subjectId: input.subjectId,
    fromState: null,
    toState: input.state,
    actorId: input.actorId,
    at: now,
  });
}

/** The state changes of one recommendation or proposal, oldest first. */
export function stateHistory(db: Queryable, subject: WorkflowSubject, subjectId: string) {
  return db
    .select()
    .from(stateChanges)
    .where(and(eq(stateChanges.subject, subject), eq(stateChanges.subjectId, subjectId)))
    .orderBy(asc(stateChanges.at), asc(sql`${stateChanges.id}`));
}
