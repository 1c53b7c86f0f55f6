import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db, Queryable } from "../../db/client.js";
import {
  actionProgrammes,
  actionProjectProposals,
  actionProjects,
  actionProjectUpdates,
  actionProposals,
  strategicAxes,
  type ProjectStatus,
} from "../../db/schema/index.js";
import { appendAudit } from "../../audit/log.js";
import { isUniqueViolation } from "../db-errors.js";
import { proposalAdopted } from "./read.js";

export interface ProgrammeInput {
  title: string;
  description: string;
  ownerTeam: string;
}

export async function createProgramme(db: Db, actorId: string, organisationId: string, input: ProgrammeInput) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(actionProgrammes)
      .values({ organisationId, ...input, createdBy: actorId })
      .returning({ id: actionProgrammes.id });
    await appendAudit(tx, {
      actorId,
      action: "action_plan.programme_created",
      subjectType: "action_programme",
      subjectId: row!.id,
      organisationId,
    });
    return row!.id;
  });
}

export interface ProjectInput {
  programmeId: string;
  title: string;
  description: string;
  ownerTeam: string;
  startsOn: string;
  endsOn: string | null;
  proposalIds: string[];
}

export type ProjectRefusal =
  | { reason: "badProgramme" }
  | { reason: "endBeforeStart" }
  /** A proposal that does not exist, is not the organisation's, or is not adopted. */
  | { reason: "badProposal"; proposalId: string };

async function checkProject(
  db: Queryable,
  organisationId: string,
  input: ProjectInput,
): Promise<ProjectRefusal | null> {
  if (input.endsOn !== null && input.endsOn < input.startsOn) return { reason: "endBeforeStart" };
  const [programme] = await db
    .select({ id: actionProgrammes.id })
    .from(actionProgrammes)
    .where(and(eq(actionProgrammes.id, input.programmeId), eq(actionProgrammes.organisationId, organisationId)));
  if (!programme) return { reason: "badProgramme" };
  if (input.proposalIds.length === 0) return null;
  const ok = await db
    .select({ id: actionProposals.id })
    .from(actionProposals)
    .where(
      and(
        inArray(actionProposals.id, input.proposalIds),
        eq(actionProposals.organisationId, organisationId),
        proposalAdopted,
      ),
    );
  const known = new Set(ok.map((p) => p.id));
  const bad = input.proposalIds.find((id) => !known.has(id));
  return bad === undefined ? null : { reason: "badProposal", proposalId: bad };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Creates a project with its links to adopted proposals, all or nothing. */
export async function createProject(
  db: Db,
  actorId: string,
  organisationId: string,
  input: ProjectInput,
): Promise<{ ok: true; projectId: string } | ({ ok: false } & ProjectRefusal)> {
  const bad = input.proposalIds.find((id) => !UUID.test(id));
  if (bad !== undefined) return { ok: false, reason: "badProposal", proposalId: bad };
  if (!UUID.test(input.programmeId)) return { ok: false, reason: "badProgramme" };
  return db.transaction(async (tx) => {
    const refused = await checkProject(tx, organisationId, input);
    if (refused) return { ok: false as const, ...refused };
    const [row] = await tx
      .insert(actionProjects)
      .values({
        programmeId: input.programmeId,
        title: input.title,
        description: input.description,
        ownerTeam: input.ownerTeam,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        createdBy: actorId,
      })
      .returning({ id: actionProjects.id });
    const projectId = row!.id;
    const ids = [...new Set(input.proposalIds)];
    if (ids.length > 0)
      await tx.insert(actionProjectProposals).values(ids.map((proposalId) => ({ projectId, proposalId })));
    await appendAudit(tx, {
      actorId,
      action: "action_plan.project_created",
      subjectType: "action_project",
      subjectId: projectId,
      organisationId,
      data: { proposalIds: ids },
    });
    return { ok: true as const, projectId };
  });
}

/** Replaces a project's fields and its links to proposals, all or nothing. */
export async function updateProject(
  db: Db,
  actorId: string,
  organisationId: string,
  projectId: string,
  input: ProjectInput,
): Promise<{ ok: true } | ({ ok: false } & ProjectRefusal)> {
  const bad = input.proposalIds.find((id) => !UUID.test(id));
  if (bad !== undefined) return { ok: false, reason: "badProposal", proposalId: bad };
  if (!UUID.test(input.programmeId)) return { ok: false, reason: "badProgramme" };
  return db.transaction(async (tx) => {
    const refused = await checkProject(tx, organisationId, input);
    if (refused) return { ok: false as const, ...refused };
    await tx
      .update(actionProjects)
      .set({
        programmeId: input.programmeId,
        title: input.title,
        description: input.description,
        ownerTeam: input.ownerTeam,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
      })
      .where(eq(actionProjects.id, projectId));
    await tx.delete(actionProjectProposals).where(eq(actionProjectProposals.projectId, projectId));
    const ids = [...new Set(input.proposalIds)];
    if (ids.length > 0)
      await tx.insert(actionProjectProposals).values(ids.map((proposalId) => ({ projectId, proposalId })));
    await appendAudit(tx, {
      actorId,
      action: "action_plan.project_changed",
      subjectType: "action_project",
      subjectId: projectId,
      organisationId,
      data: { proposalIds: ids },
    });
    return { ok: true as const };
  });
}

export interface UpdateInput {
  on: string;
  body: string;
  progress: number;
  status: ProjectStatus;
  reason: string;
}

/**
 * Posts a dated progress update; the project takes the status, progress and reason of its
 * latest update by date (an update dated in the past leaves a later one in force).
 */
export async function postUpdate(
  db: Db,
  actorId: string,
  projectId: string,
  input: UpdateInput,
): Promise<{ ok: true } | { ok: false; reason: "badProgress" | "reasonRequired" }> {
  if (!Number.isInteger(input.progress) || input.progress < 0 || input.progress > 100)
    return { ok: false, reason: "badProgress" };
  if (input.status === "abandoned" && input.reason.trim() === "") return { ok: false, reason: "reasonRequired" };
  await db.transaction(async (tx) => {
    await tx.insert(actionProjectUpdates).values({
      projectId,
      on: input.on,
      body: input.body,
      progress: input.progress,
      status: input.status,
      reason: input.status === "abandoned" ? input.reason : "",
      authorId: actorId,
    });
    const [latest] = await tx
      .select()
      .from(actionProjectUpdates)
      .where(eq(actionProjectUpdates.projectId, projectId))
      .orderBy(desc(actionProjectUpdates.on), desc(actionProjectUpdates.createdAt), desc(actionProjectUpdates.id))
      .limit(1);
    await tx
      .update(actionProjects)
      .set({ status: latest!.status, progress: latest!.progress, abandonReason: latest!.reason })
      .where(eq(actionProjects.id, projectId));
    await appendAudit(tx, {
      actorId,
      action: "action_plan.update_posted",
      subjectType: "action_project",
      subjectId: projectId,
      data: { on: input.on, progress: input.progress, status: input.status },
    });
  });
  return { ok: true };
}

export interface AxisInput {
  key: string;
  position: number;
  title: string;
  description: string;
}

export async function createAxis(
  db: Db,
  actorId: string,
  organisationId: string,
  input: AxisInput,
): Promise<{ ok: true } | { ok: false; reason: "keyTaken" }> {
  try {
    await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(strategicAxes)
        .values({ organisationId, ...input })
        .returning({ id: strategicAxes.id });
      await appendAudit(tx, {
        actorId,
        action: "action_plan.axis_created",
        subjectType: "strategic_axis",
        subjectId: row!.id,
        organisationId,
        data: { key: input.key },
      });
    });
    return { ok: true };
  } catch (e) {
    if (isUniqueViolation(e)) return { ok: false, reason: "keyTaken" };
    throw e;
  }
}
