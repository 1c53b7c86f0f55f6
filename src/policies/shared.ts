import type { AssignedRole } from "../db/schema/people.js";
import type { GroupRole } from "../db/schema/groups.js";
import type { Actor } from "./actor.js";
import type { GroupFacts } from "./can.js";

/** Small predicates the policy files share. Decisions stay in can.ts and its area files. */
export function holds(actor: Actor, role: AssignedRole, organisationId: string | null): boolean {
  if (actor.kind !== "person") return false;
  return actor.roles.some(
    (g) =>
      g.role === role &&
      (g.organisationId === null || (organisationId !== null && g.organisationId === organisationId)),
  );
}

export function isInstanceAdmin(actor: Actor): boolean {
  return actor.kind === "person" && actor.roles.some((g) => g.role === "admin" && g.organisationId === null);
}

/** Admins and cycle managers of at least one organisation of a cycle or ballot run it. */
export function runsProcessIn(actor: Actor, organisationIds: readonly string[]): boolean {
  return organisationIds.some((org) => holds(actor, "admin", org) || holds(actor, "cycle_manager", org));
}

/** Board members of at least one of the organisations. */
export function sitsOnBoardIn(actor: Actor, organisationIds: readonly string[]): boolean {
  return organisationIds.some((org) => holds(actor, "board_member", org));
}

export function inGroup(facts: GroupFacts, ...roles: GroupRole[]): boolean {
  return facts.groupRole !== null && (roles.length === 0 || roles.includes(facts.groupRole));
}

export function memberOfAny(actor: Actor, organisationIds: readonly string[]): boolean {
  return actor.kind === "person" && organisationIds.some((o) => actor.memberOf.includes(o));
}

/** Those who run the cycle, and the group's facilitator, lead a group. */
export function leads(actor: Actor, facts: GroupFacts): boolean {
  return inGroup(facts, "facilitator") || runsProcessIn(actor, facts.organisationIds);
}
