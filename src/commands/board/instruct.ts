import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { appendAudit, type AuditAction } from "../../audit/log.js";
import type { Db, Tx } from "../../db/client.js";
import {
  amendments,
  boardDecisions,
  boardNotes,
  RECOMMENDATION_SECTIONS,
  recommendations,
  recommendationVersions,
  type BoardDecision,
  type RecommendationSection,
} from "../../db/schema/index.js";
import {
  applyAmendments,
  findConflicts,
  validateAmendment,
  type Amendment,
  type AmendmentConflict,
  type AmendmentProblem,
} from "../../domain/recommendations/amendments.js";
import { phaseOf, targets, type Workflow } from "../../domain/workflow/workflow.js";
import { transition } from "../workflow.js";
import { latestVersion, type AmendmentRow, type BoardContext, type RecommendationVersion } from "./load.js";

/** Why an instruction command did nothing; the page explains each. */
export type InstructRefusal =
  /** The recommendation changed state meanwhile (another tab, another board member). */
  | "stateChanged"
  /** The recommendation has no version to instruct. */
  | "noVersion"
  /** The version shown is no longer the current one (a merge happened meanwhile). */
  | "versionChanged";

function audit(
  tx: Tx,
  context: BoardContext,
  actorId: string,
  action: AuditAction,
  data: Record<string, unknown> = {},
) {
  return appendAudit(tx, {
    actorId,
    action,
    subjectType: "recommendation",
    subjectId: context.recommendation.id,
    organisationId: context.workflowOrganisationId,
    data,
  });
}

/**
 * Locks the recommendation for the transaction and reads its state again: the instruction
 * commands of two board members on the same recommendation follow one another.
 */
async function lockState(tx: Tx, recommendationId: string): Promise<string | null> {
  const [row] = await tx
    .select({ state: recommendations.state })
    .from(recommendations)
    .where(eq(recommendations.id, recommendationId))
    .for("update");
  return row?.state ?? null;
}

/**
 * The first instruction moves a submitted recommendation under review ("review"), when the
 * workflow has such a step from its state. Returns the state it is in afterwards, or null
 * when it is no longer in the board's hands.
 */
async function startReview(tx: Tx, context: BoardContext, actorId: string): Promise<string | null> {
  const state = await lockState(tx, context.recommendation.id);
  if (state === null || phaseOf(context.workflow, state) !== "board") return null;
  const [to] = targets(context.workflow, state, "review");
  if (to === undefined) return state;
  const moved = await transition(tx, context.workflow, {
    subject: "recommendation",
    subjectId: context.recommendation.id,
    from: state,
    to,
    action: "review",
    actorId,
  });
  if (!moved.ok) return null;
  await audit(tx, context, actorId, "board.review_started", { from: state, to });
  return to;
}

export async function addBoardNote(
  db: Db,
  actorId: string,
  context: BoardContext,
  body: string,
): Promise<{ ok: true } | { ok: false; reason: InstructRefusal }> {
  return db.transaction(async (tx) => {
    if ((await startReview(tx, context, actorId)) === null) return { ok: false, reason: "stateChanged" } as const;
    const [note] = await tx
      .insert(boardNotes)
      .values({ recommendationId: context.recommendation.id, authorId: actorId, body })
      .returning({ id: boardNotes.id });
    await audit(tx, context, actorId, "board.note_added", { noteId: note!.id });
    return { ok: true } as const;
  });
}

/** The text of one section of a version, numbered at the version's line length. */
export function sectionVersion(version: RecommendationVersion, section: RecommendationSection) {
  return { id: version.id, text: version.sections[section] ?? "", lineLength: version.lineLength };
}

export function asAmendment(row: AmendmentRow): Amendment {
  return {
    id: row.id,
    versionId: row.versionId,
    lineLength: row.lineLength,
    fromLine: row.fromLine,
    toLine: row.toLine,
    replacement: row.replacement,
  };
}

export interface AmendmentInput {
  /** The version the author read (its numbering), as the form sent it. */
  versionId: string;
  section: RecommendationSection;
  fromLine: number;
  toLine: number;
  replacement: string;
  reason: string;
}

export type ProposeOutcome =
  | { ok: true; amendmentId: string }
  | { ok: false; reason: InstructRefusal }
  | { ok: false; reason: "invalid"; problem: AmendmentProblem; lineCount: number };

/**
 * Proposes an amendment on the current version. Its lines are checked against that version's
 * numbering of the section: lines that no longer exist, another version's numbering or a
 * reversed range are refused, and nothing is written.
 */
export async function proposeAmendment(
  db: Db,
  actorId: string,
  context: BoardContext,
  input: AmendmentInput,
): Promise<ProposeOutcome> {
  const current = context.current;
  if (!current) return { ok: false, reason: "noVersion" };
  const check = validateAmendment(sectionVersion(current, input.section), {
    id: "new",
    versionId: input.versionId,
    lineLength: current.lineLength,
    fromLine: input.fromLine,
    toLine: input.toLine,
    replacement: input.replacement,
  });
  if (!check.ok) return { ok: false, reason: "invalid", problem: check.reason, lineCount: check.lineCount };
  return db.transaction(async (tx) => {
    const state = await startReview(tx, context, actorId);
    if (state === null) return { ok: false, reason: "stateChanged" } as const;
    // Checked on the version read before the lock: a merge meanwhile made it old.
    const latest = await latestVersion(tx, context.recommendation.id);
    if (latest?.id !== current.id) return { ok: false, reason: "versionChanged" } as const;
    const [row] = await tx
      .insert(amendments)
      .values({
        recommendationId: context.recommendation.id,
        versionId: current.id,
        section: input.section,
        lineLength: current.lineLength,
        fromLine: input.fromLine,
        toLine: input.toLine,
        replacement: check.replacement,
        reason: input.reason,
        authorId: actorId,
      })
      .returning({ id: amendments.id });
    await audit(tx, context, actorId, "amendment.proposed", { amendmentId: row!.id, versionId: current.id });
    return { ok: true, amendmentId: row!.id } as const;
  });
}

export type AmendmentDecisionOutcome =
  { ok: true } | { ok: false; reason: InstructRefusal | "alreadyDecided" | "notCurrent" };

/**
 * Accepts or rejects a proposed amendment, with who and when. Only an amendment of the current
 * version can be accepted (it could not be merged otherwise); any proposed one can be rejected.
 */
export async function decideAmendment(
  db: Db,
  actorId: string,
  context: BoardContext,
  amendment: AmendmentRow,
  accept: boolean,
  now = new Date(),
): Promise<AmendmentDecisionOutcome> {
  return db.transaction(async (tx) => {
    const state = await startReview(tx, context, actorId);
    if (state === null) return { ok: false, reason: "stateChanged" } as const;
    if (accept) {
      const current = await latestVersion(tx, context.recommendation.id);
      if (!current || current.id !== amendment.versionId) return { ok: false, reason: "notCurrent" } as const;
    }
    const updated = await tx
      .update(amendments)
      .set({ status: accept ? "accepted" : "rejected", decidedBy: actorId, decidedAt: now })
      .where(and(eq(amendments.id, amendment.id), eq(amendments.status, "proposed")))
      .returning({ id: amendments.id });
    if (updated.length === 0) return { ok: false, reason: "alreadyDecided" } as const;
    await audit(tx, context, actorId, accept ? "amendment.accepted" : "amendment.rejected", {
      amendmentId: amendment.id,
    });
    return { ok: true } as const;
  });
}

export type MergeOutcome =
  | { ok: true; versionNumber: number; merged: number }
  | { ok: false; reason: InstructRefusal | "nothingToMerge" | "tooLong" }
  | { ok: false; reason: "conflicts"; conflicts: Array<AmendmentConflict<AmendmentRow>> };

/**
 * Merges the accepted amendments of the current version into a new version (origin "amended",
 * number n+1, written by the board member, frozen as submitted), in one transaction; the
 * amendments are marked merged into it. Conflicting accepted amendments are refused, with the
 * conflicts, and nothing is written.
 */
export async function mergeAcceptedAmendments(
  db: Db,
  actorId: string,
  context: BoardContext,
  now = new Date(),
): Promise<MergeOutcome> {
  return db.transaction(async (tx) => {
    const state = await startReview(tx, context, actorId);
    if (state === null) return { ok: false, reason: "stateChanged" } as const;
    const current = await latestVersion(tx, context.recommendation.id);
    if (!current) return { ok: false, reason: "noVersion" } as const;
    const accepted = await tx
      .select()
      .from(amendments)
      .where(and(eq(amendments.versionId, current.id), eq(amendments.status, "accepted")))
      .orderBy(asc(amendments.createdAt), asc(sql`${amendments.id}`));
    if (accepted.length === 0) return { ok: false, reason: "nothingToMerge" } as const;
    const conflicts = conflictsBySection(accepted);
    if (conflicts.length > 0) return { ok: false, reason: "conflicts", conflicts } as const;
    const sections = { ...current.sections };
    for (const section of RECOMMENDATION_SECTIONS) {
      const own = accepted.filter((a) => a.section === section).map(asAmendment);
      if (own.length === 0) continue;
      const applied = applyAmendments(sectionVersion(current, section), own);
      if (!applied.ok) {
        if (applied.reason === "tooLong") return { ok: false, reason: "tooLong" } as const;
        return { ok: false, reason: "versionChanged" } as const;
      }
      sections[section] = applied.text;
    }
    const [version] = await tx
      .insert(recommendationVersions)
      .values({
        recommendationId: context.recommendation.id,
        number: current.number + 1,
        title: current.title,
        titleCheckOverridden: current.titleCheckOverridden,
        sections,
        quotes: current.quotes,
        footnotes: current.footnotes,
        origin: "amended",
        submittedAt: now,
        lineLength: current.lineLength,
        authorId: actorId,
        note: "",
        createdAt: now,
      })
      .returning({ id: recommendationVersions.id });
    await tx
      .update(amendments)
      .set({ status: "merged", mergedIntoVersionId: version!.id })
      .where(
        inArray(
          amendments.id,
          accepted.map((a) => a.id),
        ),
      );
    await audit(tx, context, actorId, "amendment.merged", {
      versionId: version!.id,
      fromVersionId: current.id,
      amendmentIds: accepted.map((a) => a.id),
    });
    return { ok: true, versionNumber: current.number + 1, merged: accepted.length } as const;
  });
}

/** Conflicts among amendments, section by section (line numbers are per section). */
export function conflictsBySection(rows: readonly AmendmentRow[]): Array<AmendmentConflict<AmendmentRow>> {
  return RECOMMENDATION_SECTIONS.flatMap((section) => findConflicts(rows.filter((r) => r.section === section)));
}

export interface DecisionInput {
  decision: BoardDecision;
  reasons: string;
  /** For "merged": the recommendation of the same cycle it is merged into. */
  mergedIntoId: string | null;
}

export type DecisionOutcome =
  { ok: true; state: string } | { ok: false; reason: InstructRefusal | "notAllowed" | "badMergeTarget" };

/**
 * The board's decision, with its reasons: stored (one per recommendation) and applied as the
 * workflow's "decide" transition to the state of that name, with the reasons as its why. A
 * workflow without that transition from the current state refuses the decision.
 */
export async function decideRecommendation(
  db: Db,
  actorId: string,
  context: BoardContext,
  input: DecisionInput,
  now = new Date(),
): Promise<DecisionOutcome> {
  const workflow: Workflow = context.workflow;
  return db.transaction(async (tx) => {
    const state = await lockState(tx, context.recommendation.id);
    if (state === null || phaseOf(workflow, state) !== "board") return { ok: false, reason: "stateChanged" } as const;
    if (input.decision === "merged") {
      if (input.mergedIntoId === null || input.mergedIntoId === context.recommendation.id) {
        return { ok: false, reason: "badMergeTarget" } as const;
      }
      const [target] = await tx
        .select({ id: recommendations.id })
        .from(recommendations)
        .where(
          and(eq(recommendations.id, input.mergedIntoId), eq(recommendations.cycleId, context.recommendation.cycleId)),
        );
      if (!target) return { ok: false, reason: "badMergeTarget" } as const;
    }
    const current = await latestVersion(tx, context.recommendation.id);
    if (!current) return { ok: false, reason: "noVersion" } as const;
    const moved = await transition(
      tx,
      workflow,
      {
        subject: "recommendation",
        subjectId: context.recommendation.id,
        from: state,
        to: input.decision,
        action: "decide",
        actorId,
        reason: input.reasons,
      },
      now,
    );
    if (!moved.ok)
      return { ok: false, reason: moved.reason === "not_allowed" ? "notAllowed" : "stateChanged" } as const;
    const values = {
      decision: input.decision,
      mergedIntoId: input.decision === "merged" ? input.mergedIntoId : null,
      versionId: current.id,
      reasons: input.reasons,
      decidedBy: actorId,
      decidedAt: now,
    };
    await tx
      .insert(boardDecisions)
      .values({ recommendationId: context.recommendation.id, ...values })
      .onConflictDoUpdate({ target: boardDecisions.recommendationId, set: values });
    await audit(tx, context, actorId, "board.decided", {
      decision: input.decision,
      versionId: current.id,
      mergedIntoId: values.mergedIntoId,
    });
    return { ok: true, state: input.decision } as const;
  });
}

export type ReturnOutcome = { ok: true; state: string } | { ok: false; reason: InstructRefusal | "notAllowed" };

/** Sends the recommendation back to its group (the workflow's "return"), with an optional why. */
export async function returnToGroup(
  db: Db,
  actorId: string,
  context: BoardContext,
  reason: string,
): Promise<ReturnOutcome> {
  return db.transaction(async (tx) => {
    const state = await lockState(tx, context.recommendation.id);
    if (state === null || phaseOf(context.workflow, state) !== "board")
      return { ok: false, reason: "stateChanged" } as const;
    const [to] = targets(context.workflow, state, "return");
    if (to === undefined) return { ok: false, reason: "notAllowed" } as const;
    const moved = await transition(tx, context.workflow, {
      subject: "recommendation",
      subjectId: context.recommendation.id,
      from: state,
      to,
      action: "return",
      actorId,
      reason,
    });
    if (!moved.ok) return { ok: false, reason: "stateChanged" } as const;
    await audit(tx, context, actorId, "board.returned", { from: state, to });
    return { ok: true, state: to } as const;
  });
}
