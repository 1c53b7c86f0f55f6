import { and, eq } from "drizzle-orm";
import { appendAudit } from "../../audit/log.js";
import type { Db, Queryable } from "../../db/client.js";
import { workflowConfigs } from "../../db/schema/index.js";
import {
  checkWorkflow,
  defaultWorkflow,
  type Phase,
  type Workflow,
  type WorkflowProblem,
  type WorkflowSubject,
} from "../../domain/workflow/workflow.js";

export const WORKFLOW_SUBJECTS = ["recommendation", "action_proposal"] as const satisfies readonly WorkflowSubject[];

/** A line of the textareas that could not be read, 1-based. */
export type LineProblem = { line: number; problem: "stateLine" | "transitionLine" };

export type ParsedWorkflow =
  { ok: true; workflow: Workflow } | { ok: false; lines: LineProblem[]; problems: WorkflowProblem[] };

const STATE_LINE = /^([^\s:]+)\s*:\s*(\S+)$/;
const TRANSITION_LINE = /^([^\s:>-]+)\s*->\s*([^\s:]+)\s*:\s*(\S+)$/;

function meaningfulLines(text: string): Array<{ line: number; text: string }> {
  return text
    .split(/\r\n|\r|\n/)
    .map((t, i) => ({ line: i + 1, text: t.trim() }))
    .filter((l) => l.text !== "" && !l.text.startsWith("#"));
}

/**
 * Reads a workflow from two texts: one state a line ("draft : drafting", the first is the
 * initial state) and one transition a line ("draft -> submitted : submit"). Blank lines and
 * lines starting with "#" are skipped. The result is checked with checkWorkflow.
 */
export function parseWorkflow(statesText: string, transitionsText: string): ParsedWorkflow {
  const lines: LineProblem[] = [];
  const states: Workflow["states"] = [];
  for (const l of meaningfulLines(statesText)) {
    const m = STATE_LINE.exec(l.text);
    if (!m) lines.push({ line: l.line, problem: "stateLine" });
    else states.push({ key: m[1]!, phase: m[2]! as Phase });
  }
  const transitions: Workflow["transitions"] = [];
  for (const l of meaningfulLines(transitionsText)) {
    const m = TRANSITION_LINE.exec(l.text);
    if (!m) lines.push({ line: l.line, problem: "transitionLine" });
    else transitions.push({ from: m[1]!, to: m[2]!, action: m[3]! });
  }
  const workflow = { states, transitions };
  const problems = lines.length === 0 ? checkWorkflow(workflow) : [];
  if (lines.length > 0 || problems.length > 0) return { ok: false, lines, problems };
  return { ok: true, workflow };
}

/** The two texts of a workflow, as the form shows them. */
export function workflowTexts(workflow: Workflow): { states: string; transitions: string } {
  return {
    states: workflow.states.map((s) => `${s.key} : ${s.phase}`).join("\n"),
    transitions: workflow.transitions.map((t) => `${t.from} -> ${t.to} : ${t.action}`).join("\n"),
  };
}

export interface StoredWorkflow {
  workflow: Workflow;
  /** False: the defaults hold (no configuration stored). */
  configured: boolean;
  updatedAt: Date | null;
}

export async function readWorkflow(
  db: Queryable,
  organisationId: string,
  subject: WorkflowSubject,
): Promise<StoredWorkflow> {
  const [row] = await db
    .select()
    .from(workflowConfigs)
    .where(and(eq(workflowConfigs.organisationId, organisationId), eq(workflowConfigs.subject, subject)));
  if (row && checkWorkflow(row.config).length === 0) {
    return { workflow: row.config, configured: true, updatedAt: row.updatedAt };
  }
  return { workflow: defaultWorkflow(subject), configured: false, updatedAt: null };
}

/** Stores an organisation's workflow (checked by parseWorkflow first), audited. */
export async function saveWorkflow(
  db: Db,
  actorId: string,
  organisationId: string,
  subject: WorkflowSubject,
  workflow: Workflow,
  now = new Date(),
): Promise<void> {
  if (checkWorkflow(workflow).length > 0) throw new Error("an invalid workflow reached saveWorkflow");
  await db.transaction(async (tx) => {
    await tx
      .insert(workflowConfigs)
      .values({ organisationId, subject, config: workflow, updatedAt: now })
      .onConflictDoUpdate({
        target: [workflowConfigs.organisationId, workflowConfigs.subject],
        set: { config: workflow, updatedAt: now },
      });
    await appendAudit(tx, {
      actorId,
      action: "workflow.updated",
      subjectType: "workflow",
      organisationId,
      data: { subject, states: workflow.states.length, transitions: workflow.transitions.length },
    });
  });
}

/** Goes back to the default workflow (removes the configuration), audited. */
export async function resetWorkflow(
  db: Db,
  actorId: string,
  organisationId: string,
  subject: WorkflowSubject,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .delete(workflowConfigs)
      .where(and(eq(workflowConfigs.organisationId, organisationId), eq(workflowConfigs.subject, subject)));
    await appendAudit(tx, {
      actorId,
      action: "workflow.reset",
      subjectType: "workflow",
      organisationId,
      data: { subject },
    });
  });
}
