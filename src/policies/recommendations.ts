import type { Phase } from "../domain/workflow/workflow.js";
import type { Actor } from "./actor.js";
import type { GroupFacts, Resource } from "./can.js";
import { holds, inGroup, leads, runsProcessIn, sitsOnBoardIn } from "./shared.js";

/**
 * Who may do what with recommendations, the board's instruction and action proposals.
 * Called from can(). Rules look at the phase of the workflow state (src/domain/workflow): while
 * "drafting" the group writes; in "board" the submitted version is frozen and the board
 * instructs; from then on the recommendation and the board's decision are public.
 */
export const RECOMMENDATION_ACTIONS = [
  /** Start a recommendation in a group (resource: the group). */
  "recommendation.create",
  /** Read a recommendation: public from its submission on; a draft to its group and those who run the cycle or sit on the board. */
  "recommendation.view",
  /** Save a new version (the group's members while it is a draft). */
  "recommendation.edit",
  /** Keep a title that fails the infinitive check (the facilitator, or those who run the cycle). */
  "recommendation.override_title",
  /** Comment on a recommendation (the group, the board, those who run the cycle). */
  "recommendation.comment",
  /** Edit translations side by side with the source (translators of the organisation, those who run the cycle). */
  "recommendation.translate",
  /** Submit the group's set to the board (resource: the group). */
  "recommendation.submit",
  /** Board notes, amendments, merges and the decision on a submitted recommendation. */
  "recommendation.instruct",
  /** Read the board's internal notes and proposed amendments (resource: the recommendation, or the cycle for its queue). */
  "recommendation.view_board",
  /** Create and edit action proposals of a cycle (resource: the cycle). */
  "proposal.manage",
  /** Read action proposals (resource: the cycle): public. */
  "proposal.view",
] as const;
export type RecommendationAction = (typeof RECOMMENDATION_ACTIONS)[number];

export type RecommendationResource = {
  type: "recommendation";
  group: GroupFacts;
  /** The phase of its current workflow state (src/domain/workflow). */
  phase: Phase;
};

function boardOrRunner(actor: Actor, organisationIds: readonly string[]): boolean {
  return sitsOnBoardIn(actor, organisationIds) || runsProcessIn(actor, organisationIds);
}

export function canOnRecommendations(actor: Actor, action: RecommendationAction, resource: Resource): boolean {
  switch (action) {
    case "recommendation.create":
      return resource.type === "group" && (inGroup(resource) || runsProcessIn(actor, resource.organisationIds));
    case "recommendation.view": {
      if (resource.type !== "recommendation") return false;
      if (resource.phase !== "drafting") return true;
      return inGroup(resource.group) || boardOrRunner(actor, resource.group.organisationIds);
    }
    case "recommendation.edit":
      return (
        resource.type === "recommendation" &&
        resource.phase === "drafting" &&
        (inGroup(resource.group) || runsProcessIn(actor, resource.group.organisationIds))
      );
    case "recommendation.override_title":
      return resource.type === "recommendation" && resource.phase === "drafting" && leads(actor, resource.group);
    case "recommendation.comment":
      return (
        resource.type === "recommendation" &&
        actor.kind === "person" &&
        (inGroup(resource.group) || boardOrRunner(actor, resource.group.organisationIds))
      );
    case "recommendation.translate":
      return (
        resource.type === "recommendation" &&
        resource.group.organisationIds.some((o) => holds(actor, "translator", o) || runsProcessIn(actor, [o]))
      );
    case "recommendation.submit":
      return resource.type === "group" && leads(actor, resource);
    case "recommendation.instruct":
      return (
        resource.type === "recommendation" &&
        resource.phase === "board" &&
        sitsOnBoardIn(actor, resource.group.organisationIds)
      );
    // The board's queue of a cycle (resource: the cycle) and its work on one recommendation.
    case "recommendation.view_board":
      if (resource.type === "cycle") return boardOrRunner(actor, resource.organisationIds);
      return resource.type === "recommendation" && boardOrRunner(actor, resource.group.organisationIds);
    // The board turns its retained recommendations into proposals; no one decides for it.
    case "proposal.manage":
      return resource.type === "cycle" && sitsOnBoardIn(actor, resource.organisationIds);
    case "proposal.view":
      return resource.type === "cycle";
    default: {
      const unknown: never = action;
      void unknown;
      return false;
    }
  }
}
