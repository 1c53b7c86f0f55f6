/**
 * Workflows: the states a recommendation or an action proposal goes through and the transitions
 * allowed between them. An organisation may configure its own (table `workflow_configs`); without
 * one, the defaults below hold. Every state belongs to a phase, and permissions look at the phase
 * (src/policies/recommendations.ts), so that a configured state needs no change in the policy.
 */

export type WorkflowSubject = "recommendation" | "action_proposal";

/**
 * - drafting: the group writes (versions can be saved);
 * - board: submitted, the version is frozen and the board instructs;
 * - decided: the board has decided (public, with its reasons);
 * - assembly: carried by an action proposal before the general assembly;
 * - done: the assembly has voted, or it was withdrawn.
 */
export const PHASES = ["drafting", "board", "decided", "assembly", "done"] as const;
export type Phase = (typeof PHASES)[number];

export interface WorkflowState {
  key: string;
  phase: Phase;
}

export interface WorkflowTransition {
  from: string;
  to: string;
  /** What the command does that makes this change: "submit", "decide", "return" … */
  action: string;
}

export interface Workflow {
  /** The first state is the initial one. */
  states: WorkflowState[];
  transitions: WorkflowTransition[];
}

const DECISIONS = ["retained", "retained_amended", "merged", "not_retained"] as const;

export const DEFAULT_RECOMMENDATION_WORKFLOW: Workflow = {
  states: [
    { key: "draft", phase: "drafting" },
    { key: "submitted", phase: "board" },
    { key: "under_review", phase: "board" },
    { key: "retained", phase: "decided" },
    { key: "retained_amended", phase: "decided" },
    { key: "merged", phase: "decided" },
    { key: "not_retained", phase: "decided" },
    { key: "in_proposal", phase: "assembly" },
    { key: "adopted", phase: "done" },
    { key: "rejected", phase: "done" },
  ],
  transitions: [
    { from: "draft", to: "submitted", action: "submit" },
    { from: "submitted", to: "under_review", action: "review" },
    { from: "submitted", to: "draft", action: "return" },
    { from: "under_review", to: "draft", action: "return" },
    ...DECISIONS.flatMap((d) => [
      { from: "submitted", to: d, action: "decide" },
      { from: "under_review", to: d, action: "decide" },
    ]),
    { from: "retained", to: "in_proposal", action: "propose" },
    { from: "retained_amended", to: "in_proposal", action: "propose" },
    { from: "in_proposal", to: "adopted", action: "adopt" },
    { from: "in_proposal", to: "rejected", action: "reject" },
  ],
};

export const DEFAULT_PROPOSAL_WORKFLOW: Workflow = {
  states: [
    { key: "proposed", phase: "decided" },
    { key: "on_agenda", phase: "assembly" },
    { key: "adopted", phase: "done" },
    { key: "rejected", phase: "done" },
    { key: "withdrawn", phase: "done" },
  ],
  transitions: [
    { from: "proposed", to: "on_agenda", action: "schedule" },
    { from: "on_agenda", to: "proposed", action: "unschedule" },
    { from: "on_agenda", to: "adopted", action: "adopt" },
    { from: "on_agenda", to: "rejected", action: "reject" },
    { from: "proposed", to: "withdrawn", action: "withdraw" },
  ],
};

export function defaultWorkflow(subject: WorkflowSubject): Workflow {
  return subject === "recommendation" ? DEFAULT_RECOMMENDATION_WORKFLOW : DEFAULT_PROPOSAL_WORKFLOW;
}

export type WorkflowProblem =
  | { problem: "empty" }
  | { problem: "duplicateState"; state: string }
  | { problem: "badStateKey"; state: string }
  | { problem: "unknownPhase"; state: string }
  | { problem: "unknownState"; state: string }
  | { problem: "duplicateTransition"; from: string; to: string };

const STATE_KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** Checks a configured workflow; returns the problems found (none: it can be stored). */
export function checkWorkflow(workflow: Workflow): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  if (workflow.states.length === 0) return [{ problem: "empty" }];
  const seen = new Set<string>();
  for (const s of workflow.states) {
    if (!STATE_KEY.test(s.key)) problems.push({ problem: "badStateKey", state: s.key });
    if (seen.has(s.key)) problems.push({ problem: "duplicateState", state: s.key });
    if (!(PHASES as readonly string[]).includes(s.phase)) problems.push({ problem: "unknownPhase", state: s.key });
    seen.add(s.key);
  }
  const pairs = new Set<string>();
  for (const t of workflow.transitions) {
    for (const end of [t.from, t.to]) {
      if (!seen.has(end)) problems.push({ problem: "unknownState", state: end });
    }
    const pair = `${t.from}\u0000${t.to}\u0000${t.action}`;
    if (pairs.has(pair)) problems.push({ problem: "duplicateTransition", from: t.from, to: t.to });
    pairs.add(pair);
  }
  return problems;
}

export function initialState(workflow: Workflow): string {
  const first = workflow.states[0];
  if (!first) throw new Error("a workflow has at least one state");
  return first.key;
}

/** The phase of a state; a state the workflow does not know (a configuration changed since) is "done". */
export function phaseOf(workflow: Workflow, state: string): Phase {
  return workflow.states.find((s) => s.key === state)?.phase ?? "done";
}

/** Whether `action` may take a thing from `from` to `to`. */
export function allows(workflow: Workflow, from: string, to: string, action: string): boolean {
  return workflow.transitions.some((t) => t.from === from && t.to === to && t.action === action);
}

/** The states `action` may lead to from `from`, in the workflow's order. */
export function targets(workflow: Workflow, from: string, action: string): string[] {
  const to = new Set(workflow.transitions.filter((t) => t.from === from && t.action === action).map((t) => t.to));
  return workflow.states.map((s) => s.key).filter((k) => to.has(k));
}
