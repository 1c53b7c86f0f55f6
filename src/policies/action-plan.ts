import type { Actor } from "./actor.js";
import type { Resource } from "./can.js";
import { runsProcessIn, sitsOnBoardIn } from "./shared.js";

/** Who may do what with an organisation's strategic plan and action plan. Called from can(). */
export const ACTION_PLAN_ACTIONS = [
  /** The action plan, its projects, the strategic axes and a cycle's dashboard: public (resource: organisation or cycle). */
  "action_plan.view",
  /** Create and edit programmes and projects, post progress updates, record strategic axes (resource: the organisation). */
  "action_plan.manage",
] as const;
export type ActionPlanAction = (typeof ACTION_PLAN_ACTIONS)[number];

export function canOnActionPlan(actor: Actor, action: ActionPlanAction, resource: Resource): boolean {
  switch (action) {
    case "action_plan.view":
      return resource.type === "organisation" || resource.type === "cycle";
    // Those who run the process in the organisation, and its board, follow the adopted proposals up.
    case "action_plan.manage":
      return (
        resource.type === "organisation" &&
        (runsProcessIn(actor, [resource.organisationId]) || sitsOnBoardIn(actor, [resource.organisationId]))
      );
    default: {
      const unknown: never = action;
      void unknown;
      return false;
    }
  }
}
