import { and, asc, eq } from "drizzle-orm";
import { appendAudit } from "../audit/log.js";
import type { Db, Queryable } from "../db/client.js";
import { memberships, persons, roleAssignments, type AssignedRole } from "../db/schema/index.js";
import { isUniqueViolation, isUuid } from "./db-errors.js";

/** Roles an organisation's administrators may grant, in the order they are offered. */
export const GRANTABLE_ROLES = [
  "cycle_manager",
  "facilitator",
  "secretary",
  "board_member",
  "ethics_committee",
  "guest_author",
  "translator",
  "admin",
] as const satisfies readonly AssignedRole[];

/** Role assignments held in this organisation (instance-wide ones are not listed here). */
export async function listOrganisationRoles(db: Queryable, organisationId: string) {
  return db
    .select({
      id: roleAssignments.id,
      personId: persons.id,
      name: persons.name,
      email: persons.email,
      role: roleAssignments.role,
      grantedAt: roleAssignments.grantedAt,
    })
    .from(roleAssignments)
    .innerJoin(persons, eq(persons.id, roleAssignments.personId))
    .where(eq(roleAssignments.organisationId, organisationId))
    .orderBy(asc(persons.name), asc(roleAssignments.role));
}

export type RoleAssignment = typeof roleAssignments.$inferSelect;

export async function findOrganisationRole(
  db: Queryable,
  organisationId: string,
  assignmentId: string,
): Promise<RoleAssignment | null> {
  if (!isUuid(assignmentId)) return null;
  const [row] = await db
    .select()
    .from(roleAssignments)
    .where(and(eq(roleAssignments.id, assignmentId), eq(roleAssignments.organisationId, organisationId)));
  return row ?? null;
}

export type GrantOutcome = { ok: true; id: string } | { ok: false; reason: "not_member" | "already_held" };

/** Grants a role in the organisation to one of its members, found by e-mail. */
export async function grantRole(
  db: Db,
  actorId: string,
  organisationId: string,
  email: string,
  role: AssignedRole,
): Promise<GrantOutcome> {
  try {
    return await db.transaction(async (tx): Promise<GrantOutcome> => {
      const [member] = await tx
        .select({ personId: persons.id })
        .from(persons)
        .innerJoin(
          memberships,
          and(eq(memberships.personId, persons.id), eq(memberships.organisationId, organisationId)),
        )
        .where(eq(persons.email, email.trim().toLowerCase()));
      if (!member) return { ok: false, reason: "not_member" };
      const [row] = await tx
        .insert(roleAssignments)
        .values({ personId: member.personId, organisationId, role })
        .onConflictDoNothing()
        .returning({ id: roleAssignments.id });
      if (!row) return { ok: false, reason: "already_held" };
      await appendAudit(tx, {
        actorId,
        action: "role.granted",
        subjectType: "role_assignment",
        subjectId: row.id,
        organisationId,
        data: { personId: member.personId, role },
      });
      return { ok: true, id: row.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "already_held" };
    throw error;
  }
}

export type RevokeOutcome = { ok: true } | { ok: false; reason: "own_admin" };

/** Revokes a role of this organisation; nobody removes their own administration of it. */
export async function revokeRole(db: Db, actorId: string, assignment: RoleAssignment): Promise<RevokeOutcome> {
  if (assignment.organisationId === null) throw new Error("instance-wide roles are not revoked here");
  if (assignment.role === "admin" && assignment.personId === actorId) return { ok: false, reason: "own_admin" };
  await db.transaction(async (tx) => {
    await tx
      .delete(roleAssignments)
      .where(
        and(eq(roleAssignments.id, assignment.id), eq(roleAssignments.organisationId, assignment.organisationId!)),
      );
    await appendAudit(tx, {
      actorId,
      action: "role.revoked",
      subjectType: "role_assignment",
      subjectId: assignment.id,
      organisationId: assignment.organisationId,
      data: { personId: assignment.personId, role: assignment.role },
    });
  });
  return { ok: true };
}
