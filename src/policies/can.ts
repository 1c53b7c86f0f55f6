import type { AssignedRole } from "../db/schema/people.js";
import type { Actor } from "./actor.js";

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
    };

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
  | "ballot.view_results";

function holds(actor: Actor, role: AssignedRole, organisationId: string | null): boolean {
  if (actor.kind !== "person") return false;
  return actor.roles.some(
    (g) =>
      g.role === role &&
      (g.organisationId === null || (organisationId !== null && g.organisationId === organisationId)),
  );
}

function isInstanceAdmin(actor: Actor): boolean {
  return actor.kind === "person" && actor.roles.some((g) => g.role === "admin" && g.organisationId === null);
}

/** Admins and cycle managers of at least one organisation of a cycle or ballot run it. */
function runsProcessIn(actor: Actor, organisationIds: readonly string[]): boolean {
  return organisationIds.some((org) => holds(actor, "admin", org) || holds(actor, "cycle_manager", org));
}

function organisationOf(resource: Resource): string | null {
  return resource.type === "organisation" ? resource.organisationId : null;
}

export function can(actor: Actor, action: Action, resource: Resource = { type: "site" }): boolean {
  switch (action) {
    case "site.view":
      return true;
    case "account.use":
      return actor.kind === "person" && (resource.type !== "person" || resource.personId === actor.personId);
    case "admin.enter":
      return actor.kind === "person" && actor.roles.some((g) => g.role === "admin");
    case "organisation.create":
    case "audit.view":
      return isInstanceAdmin(actor);
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
    default: {
      const unknown: never = action;
      void unknown;
      return false;
    }
  }
}

/** Organisations whose administration the actor may open. */
export function administeredOrganisations<T extends { id: string }>(actor: Actor, all: T[]): T[] {
  return all.filter((o) => can(actor, "organisation.administer", { type: "organisation", organisationId: o.id }));
}
