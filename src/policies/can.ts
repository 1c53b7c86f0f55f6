import type { DocumentVisibility, ExpenseStatus, GroupRole, MinutesVisibility } from "../db/schema/groups.js";
import type { Actor } from "./actor.js";
import { ACTION_PLAN_ACTIONS, canOnActionPlan, type ActionPlanAction } from "./action-plan.js";
import { ASSEMBLY_ACTIONS, canInAssembly, type AssemblyAction, type AssemblyResource } from "./assemblies.js";
import {
  RECOMMENDATION_ACTIONS,
  canOnRecommendations,
  type RecommendationAction,
  type RecommendationResource,
} from "./recommendations.js";
import { holds, inGroup, isInstanceAdmin, leads, memberOfAny, runsProcessIn } from "./shared.js";

/**
 * Every permission of LetsCoop is decided here, deny by default.
 * A route names its action and the resource it touches; see docs/ARCHITECTURE.md.
 */
export type Resource =
  | { type: "site" }
  | { type: "organisation"; organisationId: string }
  | { type: "person"; personId: string }
  /** A cycle spans one organisation or several (binational). */
  | { type: "cycle"; organisationIds: readonly string[] }
  | {
      type: "ballot";
      organisationIds: readonly string[];
      status: "draft" | "open" | "closed" | "published";
      /** Whether the actor is in the ballot's electorate snapshot (computed by the loader). */
      isElector: boolean;
    }
  | ({ type: "group" } & GroupFacts)
  | {
      type: "meeting";
      group: GroupFacts;
      cancelled: boolean;
      minutes: "none" | "draft" | "published";
    }
  | { type: "document"; group: GroupFacts; visibility: DocumentVisibility }
  | { type: "expense"; group: GroupFacts; submittedByActor: boolean; status: ExpenseStatus }
  /** A local talk of a cycle (organisations: the cycle's). */
  | { type: "local_talk"; organisationIds: readonly string[] }
  /** A personal API token (docs/decisions/017-rest-api.md). */
  | { type: "api_token"; ownerId: string }
  | RecommendationResource
  | AssemblyResource;

/** What the loader of a group (or of something in a group) knows about it and about the actor. */
export interface GroupFacts {
  /** The group's organisation, or every organisation of its cycle when binational. */
  organisationIds: readonly string[];
  /** The actor's role in the group while active; null otherwise. */
  groupRole: GroupRole | null;
  /** An invitation or a request of the actor awaiting an answer. */
  pending: "invited" | "requested" | null;
  openToRequests: boolean;
  minutesVisibility: MinutesVisibility;
}

export type Action =
  /** Public pages: home, organisation pages, sign-in forms. */
  | "site.view"
  /** The signed-in person's own account: profile, memberships, password. */
  | "account.use"
  /** The administration home (lists what the actor administers). */
  | "admin.enter"
  | "organisation.create"
  | "organisation.administer"
  | "members.manage"
  | "members.import"
  | "roles.manage"
  | "audit.view"
  | "directory.view"
  /** Create a cycle in an organisation (resource: the organisation). */
  | "cycle.create"
  /** Edit a cycle, its phases, themes and ballots (resource: the cycle). */
  | "cycle.manage"
  /** Open, close, publish, export a ballot before publication (resource: the ballot). */
  | "ballot.manage"
  /** A ballot's page and its bulletin board: public from the opening on; a draft only to those who run it. */
  | "ballot.view"
  | "ballot.cast"
  /** Results, the bulletin board of trackers and the anonymised export. */
  | "ballot.view_results"
  /** Create a working group in a cycle (resource: the cycle). */
  | "group.create"
  /** Edit a group: its settings, facilitator, referents, secretary, budget (resource: the group). */
  | "group.manage"
  /** A group's page: public. */
  | "group.view"
  | "group.request_join"
  | "group.answer_invitation"
  /** Invite people, accept or decline requests, remove participants. */
  | "group.members_manage"
  /** What only the group's active members see and do: its library, registering, expenses. */
  | "group.participate"
  /** Create (resource: the group), edit or cancel (resource: the meeting) a meeting. */
  | "meeting.manage"
  | "meeting.register"
  | "meeting.attendance"
  | "minutes.draft"
  | "minutes.publish"
  | "minutes.view"
  | "document.view"
  | "document.edit"
  /** The budget page and the expense list of a group (resource: the group). */
  | "budget.view"
  | "budget.export"
  | "expense.view"
  | "expense.decide"
  | "expense.reimburse"
  /** Record local talks of a cycle and what was said there (resource: cycle or local talk). */
  | "local_talk.manage"
  /** Create one's own API tokens and list them (a signed-in person). */
  | "api_token.create"
  /** Revoke a token (resource: the token): its owner, or an instance administrator. */
  | "api_token.revoke"
  /** See every person's tokens (instance administrators). */
  | "api_token.administer"
  | RecommendationAction
  | AssemblyAction
  | ActionPlanAction;

/** The facts of the group a resource belongs to, or null when it belongs to none. */
function groupOf(resource: Resource): GroupFacts | null {
  if (resource.type === "group") return resource;
  if (resource.type === "meeting" || resource.type === "document" || resource.type === "expense") {
    return resource.group;
  }
  return null;
}

function organisationOf(resource: Resource): string | null {
  return resource.type === "organisation" ? resource.organisationId : null;
}

export function can(actor: Actor, action: Action, resource: Resource = { type: "site" }): boolean {
  if (isRecommendationAction(action)) return canOnRecommendations(actor, action, resource);
  if (isAssemblyAction(action)) return canInAssembly(actor, action, resource);
  if (isActionPlanAction(action)) return canOnActionPlan(actor, action, resource);
  switch (action) {
    case "site.view":
      return true;
    case "account.use":
      return actor.kind === "person" && (resource.type !== "person" || resource.personId === actor.personId);
    case "admin.enter":
      return actor.kind === "person" && actor.roles.some((g) => g.role === "admin");
    case "organisation.create":
    case "audit.view":
    case "api_token.administer":
      return isInstanceAdmin(actor);
    case "api_token.create":
      return actor.kind === "person";
    case "api_token.revoke":
      return (
        actor.kind === "person" &&
        resource.type === "api_token" &&
        (resource.ownerId === actor.personId || isInstanceAdmin(actor))
      );
    case "organisation.administer":
    case "members.manage":
    case "members.import":
    case "roles.manage": {
      const org = organisationOf(resource);
      return org !== null && holds(actor, "admin", org);
    }
    case "directory.view": {
      const org = organisationOf(resource);
      if (org === null || actor.kind !== "person") return false;
      return actor.memberOf.includes(org) || holds(actor, "admin", org);
    }
    case "cycle.create": {
      const org = organisationOf(resource);
      return org !== null && (holds(actor, "admin", org) || holds(actor, "cycle_manager", org));
    }
    case "cycle.manage":
      return (
        (resource.type === "cycle" || resource.type === "ballot") && runsProcessIn(actor, resource.organisationIds)
      );
    case "ballot.manage":
      return resource.type === "ballot" && runsProcessIn(actor, resource.organisationIds);
    case "ballot.view":
      return (
        resource.type === "ballot" && (resource.status !== "draft" || runsProcessIn(actor, resource.organisationIds))
      );
    case "ballot.cast":
      return resource.type === "ballot" && actor.kind === "person" && resource.status === "open" && resource.isElector;
    case "ballot.view_results":
      if (resource.type !== "ballot") return false;
      if (resource.status === "published") return true;
      return resource.status === "closed" && runsProcessIn(actor, resource.organisationIds);
    case "group.create":
      return resource.type === "cycle" && runsProcessIn(actor, resource.organisationIds);
    case "group.manage":
      return resource.type === "group" && runsProcessIn(actor, resource.organisationIds);
    case "group.view":
      return resource.type === "group";
    case "group.request_join":
      return (
        resource.type === "group" &&
        resource.openToRequests &&
        resource.groupRole === null &&
        resource.pending === null &&
        memberOfAny(actor, resource.organisationIds)
      );
    case "group.answer_invitation":
      return resource.type === "group" && actor.kind === "person" && resource.pending === "invited";
    case "group.members_manage":
      return resource.type === "group" && leads(actor, resource);
    case "group.participate":
      return resource.type === "group" && (inGroup(resource) || runsProcessIn(actor, resource.organisationIds));
    case "meeting.manage": {
      const facts = groupOf(resource);
      if (facts === null || (resource.type !== "group" && resource.type !== "meeting")) return false;
      return leads(actor, facts) && (resource.type === "group" || !resource.cancelled);
    }
    case "meeting.register":
      return resource.type === "meeting" && !resource.cancelled && inGroup(resource.group);
    case "meeting.attendance":
      return (
        resource.type === "meeting" &&
        !resource.cancelled &&
        (inGroup(resource.group, "secretary", "facilitator") || runsProcessIn(actor, resource.group.organisationIds))
      );
    case "minutes.draft":
      return (
        resource.type === "meeting" &&
        !resource.cancelled &&
        resource.minutes !== "published" &&
        (inGroup(resource.group, "secretary", "facilitator") || runsProcessIn(actor, resource.group.organisationIds))
      );
    case "minutes.publish":
      return resource.type === "meeting" && resource.minutes === "draft" && leads(actor, resource.group);
    case "minutes.view": {
      if (resource.type !== "meeting" || resource.minutes === "none") return false;
      const g = resource.group;
      if (inGroup(g) || runsProcessIn(actor, g.organisationIds)) return true;
      if (resource.minutes !== "published") return false;
      return g.minutesVisibility === "public" || memberOfAny(actor, g.organisationIds);
    }
    case "document.view": {
      if (resource.type !== "document") return false;
      const g = resource.group;
      if (resource.visibility === "public" || inGroup(g) || runsProcessIn(actor, g.organisationIds)) return true;
      return resource.visibility === "members" && memberOfAny(actor, g.organisationIds);
    }
    case "document.edit":
      return (
        resource.type === "document" &&
        (inGroup(resource.group) || runsProcessIn(actor, resource.group.organisationIds))
      );
    case "budget.view":
      return resource.type === "group" && (inGroup(resource) || runsProcessIn(actor, resource.organisationIds));
    case "budget.export":
      return resource.type === "group" && leads(actor, resource);
    case "expense.view":
      return (
        resource.type === "expense" && (inGroup(resource.group) || runsProcessIn(actor, resource.group.organisationIds))
      );
    // Who decides and reimburses; whether the expense still waits (or is approved) is checked by
    // the command in its UPDATE, so that a second tab gets a clear answer rather than a refusal.
    case "expense.decide":
      return resource.type === "expense" && !resource.submittedByActor && leads(actor, resource.group);
    case "expense.reimburse":
      return resource.type === "expense" && runsProcessIn(actor, resource.group.organisationIds);
    case "local_talk.manage": {
      if (resource.type !== "cycle" && resource.type !== "local_talk") return false;
      return resource.organisationIds.some((org) => runsProcessIn(actor, [org]) || holds(actor, "facilitator", org));
    }
    default: {
      const unknown: never = action;
      void unknown;
      return false;
    }
  }
}

function isRecommendationAction(action: Action): action is RecommendationAction {
  return (RECOMMENDATION_ACTIONS as readonly string[]).includes(action);
}

function isActionPlanAction(action: Action): action is ActionPlanAction {
  return (ACTION_PLAN_ACTIONS as readonly string[]).includes(action);
}

function isAssemblyAction(action: Action): action is AssemblyAction {
  return (ASSEMBLY_ACTIONS as readonly string[]).includes(action);
}

/** Organisations whose administration the actor may open. */
export function administeredOrganisations<T extends { id: string }>(actor: Actor, all: T[]): T[] {
  return all.filter((o) => can(actor, "organisation.administer", { type: "organisation", organisationId: o.id }));
}
