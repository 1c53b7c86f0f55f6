import { describe, expect, it } from "vitest";
import {
  DEFAULT_PROPOSAL_WORKFLOW,
  DEFAULT_RECOMMENDATION_WORKFLOW,
  allows,
  checkWorkflow,
  initialState,
  phaseOf,
  targets,
  type Workflow,
} from "./workflow.js";

describe("default workflows", () => {
  it("are valid and start in draft / proposed", () => {
    expect(checkWorkflow(DEFAULT_RECOMMENDATION_WORKFLOW)).toEqual([]);
    expect(checkWorkflow(DEFAULT_PROPOSAL_WORKFLOW)).toEqual([]);
    expect(initialState(DEFAULT_RECOMMENDATION_WORKFLOW)).toBe("draft");
    expect(initialState(DEFAULT_PROPOSAL_WORKFLOW)).toBe("proposed");
  });

  it("let a group submit a draft, and the board decide only what was submitted", () => {
    const w = DEFAULT_RECOMMENDATION_WORKFLOW;
    expect(allows(w, "draft", "submitted", "submit")).toBe(true);
    expect(allows(w, "draft", "retained", "decide")).toBe(false);
    expect(allows(w, "submitted", "retained", "decide")).toBe(true);
    expect(allows(w, "retained", "draft", "return")).toBe(false);
    expect(targets(w, "under_review", "decide")).toEqual(["retained", "retained_amended", "merged", "not_retained"]);
    expect(allows(w, "not_retained", "in_proposal", "propose")).toBe(false);
    expect(allows(w, "retained_amended", "in_proposal", "propose")).toBe(true);
  });

  it("give each state a phase, and an unknown state the phase done", () => {
    const w = DEFAULT_RECOMMENDATION_WORKFLOW;
    expect(phaseOf(w, "draft")).toBe("drafting");
    expect(phaseOf(w, "under_review")).toBe("board");
    expect(phaseOf(w, "merged")).toBe("decided");
    expect(phaseOf(w, "in_proposal")).toBe("assembly");
    expect(phaseOf(w, "gone")).toBe("done");
  });
});

describe("checkWorkflow", () => {
  it("names each problem of a configured workflow", () => {
    const bad: Workflow = {
      states: [
        { key: "draft", phase: "drafting" },
        { key: "draft", phase: "board" },
        { key: "Bad Key", phase: "done" },
        { key: "odd", phase: "nowhere" as never },
      ],
      transitions: [
        { from: "draft", to: "missing", action: "submit" },
        { from: "draft", to: "odd", action: "go" },
        { from: "draft", to: "odd", action: "go" },
      ],
    };
    expect(checkWorkflow(bad)).toEqual([
      { problem: "duplicateState", state: "draft" },
      { problem: "badStateKey", state: "Bad Key" },
      { problem: "unknownPhase", state: "odd" },
      { problem: "unknownState", state: "missing" },
      { problem: "duplicateTransition", from: "draft", to: "odd" },
    ]);
    expect(checkWorkflow({ states: [], transitions: [] })).toEqual([{ problem: "empty" }]);
  });
});
