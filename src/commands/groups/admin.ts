import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.js";
import {
  groupMembers,
  memberships,
  persons,
  roleAssignments,
  themes,
  workingGroups,
  type MinutesVisibility,
} from "../../db/schema/index.js";
import { planRoleAssignment, sitsOnBoardOf, type LeadingRole } from "../../domain/groups/rules.js";
import type { Cycle } from "../cycles/read.js";
import { isUniqueViolation, isUuid } from "../db-errors.js";
import { appendGroupAudit } from "./audit.js";
import type { GroupContext, WorkingGroup } from "./load.js";

/** What the cycle team sets on a group; values already checked by the form. */
export interface GroupInput {
  themeId: string;
  /** One organisation of the cycle, or null: binational (every organisation of the cycle). */
  organisationId: string | null;
  key: string;
  description: string;
  startsOn: string | null;
  endsOn: string | null;
  minutesVisibility: MinutesVisibility;
  openToRequests: boolean;
  /** Exact decimal text, e.g. "1500.50". */
  budgetAllocated: string;
}

export type SaveGroupRefusal = "unknown_theme" | "theme_not_selected" | "organisation_not_in_cycle" | "key_taken";
export type CreateGroupOutcome = { ok: true; id: string } | { ok: false; reason: SaveGroupRefusal };
export type UpdateGroupOutcome = { ok: true } | { ok: false; reason: SaveGroupRefusal };

/** Only a theme the cycle retained becomes a group. */
export const GROUP_THEME_STATUSES = ["selected", "carried_over"] as const;

async function checkInput(tx: Tx, cycle: Cycle, input: GroupInput): Promise<SaveGroupRefusal | null> {
  if (input.organisationId !== null && !cycle.organisations.some((o) => o.id === input.organisationId))
    return "organisation_not_in_cycle";
  if (!isUuid(input.themeId)) return "unknown_theme";
  const [theme] = await tx
    .select({ status: themes.status })
    .from(themes)
    .where(and(eq(themes.id, input.themeId), eq(themes.cycleId, cycle.id)));
  if (!theme) return "unknown_theme";
  if (!(GROUP_THEME_STATUSES as readonly string[]).includes(theme.status)) return "theme_not_selected";
  return null;
}

function auditData(input: GroupInput) {
  return {
    themeId: input.themeId,
    scope: input.organisationId,
    key: input.key,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    minutesVisibility: input.minutesVisibility,
    openToRequests: input.openToRequests,
    budgetAllocated: input.budgetAllocated,
  };
}

function auditOrganisation(cycle: Cycle, organisationId: string | null): string | null {
  return organisationId ?? cycle.organisations[0]?.id ?? null;
}

/** Creates a working group for a selected or carried-over theme of the cycle, audited. */
export async function createGroup(
  db: Db,
  actorId: string,
  cycle: Cycle,
  input: GroupInput,
): Promise<CreateGroupOutcome> {
  try {
    return await db.transaction(async (tx): Promise<CreateGroupOutcome> => {
      const refusal = await checkInput(tx, cycle, input);
      if (refusal) return { ok: false, reason: refusal };
      const [row] = await tx
        .insert(workingGroups)
        .values({ cycleId: cycle.id, ...input })
        .returning({ id: workingGroups.id });
      await appendGroupAudit(tx, {
        actorId,
        action: "group.created",
        subjectType: "working_group",
        subjectId: row!.id,
        organisationId: auditOrganisation(cycle, input.organisationId),
        data: { cycleId: cycle.id, ...auditData(input) },
      });
      return { ok: true, id: row!.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "key_taken" };
    throw error;
  }
}

/** Saves a group's settings, audited with the values before and after. */
export async function updateGroup(
  db: Db,
  actorId: string,
  cycle: Cycle,
  group: WorkingGroup,
  input: GroupInput,
): Promise<UpdateGroupOutcome> {
  try {
    return await db.transaction(async (tx): Promise<UpdateGroupOutcome> => {
      const refusal = await checkInput(tx, cycle, input);
      if (refusal) return { ok: false, reason: refusal };
      await tx.update(workingGroups).set(input).where(eq(workingGroups.id, group.id));
      await appendGroupAudit(tx, {
        actorId,
        action: "group.updated",
        subjectType: "working_group",
        subjectId: group.id,
        organisationId: auditOrganisation(cycle, input.organisationId),
        data: {
          before: auditData(group),
          after: auditData(input),
        },
      });
      return { ok: true };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "key_taken" };
    throw error;
  }
}

/**
 * The person (by e-mail or id) and their college, when they hold a membership in one of the
 * group's organisations (the group's own organisation first); null otherwise.
 */
export async function findGroupCandidate(
  db: Db | Tx,
  context: GroupContext,
  who: { email: string } | { personId: string },
): Promise<{ personId: string; collegeId: string } | null> {
  if ("personId" in who && !isUuid(who.personId)) return null;
  const rows = await db
    .select({ personId: persons.id, collegeId: memberships.collegeId, organisationId: memberships.organisationId })
    .from(persons)
    .innerJoin(memberships, eq(memberships.personId, persons.id))
    .where(
      and(
        "email" in who ? eq(persons.email, who.email.trim().toLowerCase()) : eq(persons.id, who.personId),
        isNull(persons.disabledAt),
        inArray(memberships.organisationId, [...context.facts.organisationIds]),
      ),
    );
  if (rows.length === 0) return null;
  rows.sort((a, b) => a.organisationId.localeCompare(b.organisationId));
  const own = rows.find((r) => r.organisationId === context.group.organisationId) ?? rows[0]!;
  return { personId: own.personId, collegeId: own.collegeId };
}

export type AssignRoleRefusal = "not_member" | "not_board_member" | "referents_full";
export type AssignRoleOutcome = { ok: true; personId: string } | { ok: false; reason: AssignRoleRefusal };

async function lockGroup(tx: Tx, groupId: string) {
  await tx.select({ id: workingGroups.id }).from(workingGroups).where(eq(workingGroups.id, groupId)).for("update");
}

function organisationOf(context: GroupContext): string | null {
  return context.group.organisationId ?? context.cycle.organisationIds[0] ?? null;
}

/**
 * Gives a leading role to a member of the group's organisations (who becomes an active member
 * of the group if not yet). A new facilitator or secretary replaces the previous one, who stays
 * as a participant. A referent must hold the board-member role in one of the group's
 * organisations; a third referent is refused.
 */
export async function assignGroupRole(
  db: Db,
  actorId: string,
  context: GroupContext,
  input: { email: string; role: LeadingRole },
  now = new Date(),
): Promise<AssignRoleOutcome> {
  return db.transaction(async (tx): Promise<AssignRoleOutcome> => {
    const candidate = await findGroupCandidate(tx, context, { email: input.email });
    if (!candidate) return { ok: false, reason: "not_member" };
    if (input.role === "referent") {
      const grants = await tx
        .select({ role: roleAssignments.role, organisationId: roleAssignments.organisationId })
        .from(roleAssignments)
        .where(and(eq(roleAssignments.personId, candidate.personId), eq(roleAssignments.role, "board_member")));
      if (!sitsOnBoardOf(grants, context.facts.organisationIds)) return { ok: false, reason: "not_board_member" };
    }
    const groupId = context.group.id;
    await lockGroup(tx, groupId);
    const active = await tx
      .select({ personId: groupMembers.personId, role: groupMembers.role })
      .from(groupMembers)
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.status, "active")));
    const plan = planRoleAssignment(active, candidate.personId, input.role);
    if (!plan.ok) return { ok: false, reason: plan.reason };
    if (plan.demote.length > 0) {
      await tx
        .update(groupMembers)
        .set({ role: "participant" })
        .where(and(eq(groupMembers.groupId, groupId), inArray(groupMembers.personId, plan.demote)));
    }
    const [existing] = await tx
      .select({ status: groupMembers.status, collegeId: groupMembers.collegeId })
      .from(groupMembers)
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.personId, candidate.personId)));
    if (existing) {
      await tx
        .update(groupMembers)
        .set({
          role: input.role,
          status: "active",
          collegeId: existing.collegeId ?? candidate.collegeId,
          ...(existing.status === "active" ? {} : { decidedAt: now }),
        })
        .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.personId, candidate.personId)));
    } else {
      await tx.insert(groupMembers).values({
        groupId,
        personId: candidate.personId,
        role: input.role,
        status: "active",
        collegeId: candidate.collegeId,
        invitedBy: actorId,
        decidedAt: now,
      });
    }
    await appendGroupAudit(
      tx,
      {
        actorId,
        action: "group.role_assigned",
        subjectType: "working_group",
        subjectId: groupId,
        organisationId: organisationOf(context),
        data: {
          personId: candidate.personId,
          role: input.role,
          previousStatus: existing?.status ?? null,
          demoted: plan.demote,
        },
      },
      now,
    );
    return { ok: true, personId: candidate.personId };
  });
}

export type RemoveRoleOutcome = { ok: true } | { ok: false; reason: "no_role" };

/** Takes a leading role back: the person stays in the group as a participant. */
export async function removeGroupRole(
  db: Db,
  actorId: string,
  context: GroupContext,
  personId: string,
): Promise<RemoveRoleOutcome> {
  if (!isUuid(personId)) return { ok: false, reason: "no_role" };
  return db.transaction(async (tx): Promise<RemoveRoleOutcome> => {
    const groupId = context.group.id;
    await lockGroup(tx, groupId);
    const [row] = await tx
      .select({ role: groupMembers.role, status: groupMembers.status })
      .from(groupMembers)
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.personId, personId)));
    if (!row || row.status !== "active" || row.role === "participant") return { ok: false, reason: "no_role" };
    await tx
      .update(groupMembers)
      .set({ role: "participant" })
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.personId, personId)));
    await appendGroupAudit(tx, {
      actorId,
      action: "group.role_removed",
      subjectType: "working_group",
      subjectId: groupId,
      organisationId: organisationOf(context),
      data: { personId, role: row.role },
    });
    return { ok: true };
  });
}
