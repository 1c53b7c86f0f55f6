import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { appendAudit } from "../../audit/log.js";
import type { Db, Queryable, Tx } from "../../db/client.js";
import {
  cycles,
  groupDocuments,
  groupSubmissions,
  organisations,
  recommendationAttachments,
  recommendationComments,
  recommendationTranslations,
  recommendationVersions,
  recommendations,
} from "../../db/schema/index.js";
import { initialState, phaseOf, targets, type Workflow } from "../../domain/workflow/workflow.js";
import type { Locale } from "../../i18n/locales.js";
import { isUniqueViolation } from "../db-errors.js";
import type { GroupContext } from "../groups/load.js";
import { recordCreation, transition } from "../workflow.js";
import type { TranslationInput, VersionInput } from "./content.js";
import { loadGroupWorkflow, workflowOrganisationId, type RecommendationContext } from "./load.js";

function auditScope(group: GroupContext) {
  return { subjectType: "recommendation", organisationId: workflowOrganisationId(group) };
}

/** The language a group writes in: its organisation's default, or the cycle's source language. */
export async function sourceLanguageOf(tx: Queryable, group: GroupContext): Promise<Locale> {
  if (group.group.organisationId) {
    const [org] = await tx
      .select({ language: organisations.defaultLanguage })
      .from(organisations)
      .where(eq(organisations.id, group.group.organisationId));
    if (org) return org.language;
  }
  const [cycle] = await tx
    .select({ language: cycles.sourceLanguage })
    .from(cycles)
    .where(eq(cycles.id, group.cycle.id));
  return cycle?.language ?? "fr";
}

/** Keeps the attachments that are documents of the group's library, in the order given. */
async function groupDocumentIds(tx: Tx, groupId: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .select({ id: groupDocuments.id })
    .from(groupDocuments)
    .where(and(eq(groupDocuments.groupId, groupId), inArray(groupDocuments.id, [...ids])));
  const known = new Set(rows.map((r) => r.id));
  return ids.filter((id) => known.has(id));
}

async function replaceAttachments(tx: Tx, recommendationId: string, documentIds: readonly string[]) {
  await tx.delete(recommendationAttachments).where(eq(recommendationAttachments.recommendationId, recommendationId));
  if (documentIds.length > 0) {
    await tx
      .insert(recommendationAttachments)
      .values(documentIds.map((documentId, position) => ({ recommendationId, documentId, position })));
  }
}

function versionValues(input: VersionInput) {
  return {
    title: input.title,
    titleCheckOverridden: input.titleCheckOverridden,
    sections: input.sections,
    quotes: input.quotes,
    footnotes: input.footnotes,
    note: input.note,
  };
}

export type CreateOutcome =
  { ok: true; recommendationId: string; number: number } | { ok: false; reason: "numberTaken" | "badAttachment" };

/**
 * Starts a recommendation in a group with its first version: the number given, or the next
 * free one of the cycle; its first workflow state, recorded; audited. One transaction.
 */
export async function createRecommendation(
  db: Db,
  actorId: string,
  group: GroupContext,
  input: VersionInput & { number: number | null },
  now = new Date(),
): Promise<CreateOutcome> {
  const workflow = await loadGroupWorkflow(db, group);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async (tx): Promise<CreateOutcome> => {
        const attachments = await groupDocumentIds(tx, group.group.id, input.attachmentIds);
        if (attachments.length !== input.attachmentIds.length) return { ok: false, reason: "badAttachment" };
        let number = input.number;
        if (number === null) {
          const [row] = await tx
            .select({ last: sql<number>`coalesce(max(${recommendations.number}), 0)`.mapWith(Number) })
            .from(recommendations)
            .where(eq(recommendations.cycleId, group.cycle.id));
          number = (row?.last ?? 0) + 1;
        } else {
          const [taken] = await tx
            .select({ id: recommendations.id })
            .from(recommendations)
            .where(and(eq(recommendations.cycleId, group.cycle.id), eq(recommendations.number, number)));
          if (taken) return { ok: false, reason: "numberTaken" };
        }
        const state = initialState(workflow);
        const [rec] = await tx
          .insert(recommendations)
          .values({
            cycleId: group.cycle.id,
            groupId: group.group.id,
            number,
            sourceLanguage: await sourceLanguageOf(tx, group),
            state,
            axes: input.axes,
            createdBy: actorId,
            createdAt: now,
          })
          .returning({ id: recommendations.id });
        const recommendationId = rec!.id;
        await tx.insert(recommendationVersions).values({
          recommendationId,
          number: 1,
          ...versionValues(input),
          authorId: actorId,
          createdAt: now,
        });
        await replaceAttachments(tx, recommendationId, attachments);
        await recordCreation(tx, { subject: "recommendation", subjectId: recommendationId, state, actorId }, now);
        await appendAudit(tx, {
          actorId,
          action: "recommendation.created",
          ...auditScope(group),
          subjectId: recommendationId,
          data: { groupId: group.group.id, number, titleCheckOverridden: input.titleCheckOverridden },
        });
        return { ok: true, recommendationId, number };
      });
    } catch (error) {
      // Two people took the same next number at once: the second takes the one after.
      if (attempt < 5 && input.number === null && isUniqueViolation(error)) continue;
      if (input.number !== null && isUniqueViolation(error)) return { ok: false, reason: "numberTaken" };
      throw error;
    }
  }
}

export type SaveOutcome =
  | { ok: true; version: number }
  /** Someone saved a newer version since the form was opened. */
  | { ok: false; reason: "stale"; latest: number }
  /** The recommendation left the drafting phase (submitted) since the form was opened. */
  | { ok: false; reason: "frozen" }
  | { ok: false; reason: "badAttachment" };

/**
 * Saves the next version of a draft. The recommendation's row is locked while its state and
 * latest version are checked: a form based on an older version, or sent after the submission,
 * is refused and nothing is written.
 */
export async function saveVersion(
  db: Db,
  actorId: string,
  context: RecommendationContext,
  input: VersionInput & { baseVersion: number },
  now = new Date(),
): Promise<SaveOutcome> {
  const id = context.recommendation.id;
  return db.transaction(async (tx): Promise<SaveOutcome> => {
    const [row] = await tx
      .select({ state: recommendations.state })
      .from(recommendations)
      .where(eq(recommendations.id, id))
      .for("update");
    if (!row || phaseOf(context.workflow, row.state) !== "drafting") return { ok: false, reason: "frozen" };
    const [latest] = await tx
      .select({ number: recommendationVersions.number, submittedAt: recommendationVersions.submittedAt })
      .from(recommendationVersions)
      .where(eq(recommendationVersions.recommendationId, id))
      .orderBy(desc(recommendationVersions.number))
      .limit(1);
    const last = latest?.number ?? 0;
    if (last !== input.baseVersion) return { ok: false, reason: "stale", latest: last };
    const attachments = await groupDocumentIds(tx, context.group.id, input.attachmentIds);
    if (attachments.length !== input.attachmentIds.length) return { ok: false, reason: "badAttachment" };
    const version = last + 1;
    await tx.insert(recommendationVersions).values({
      recommendationId: id,
      number: version,
      ...versionValues(input),
      authorId: actorId,
      createdAt: now,
    });
    await tx.update(recommendations).set({ axes: input.axes }).where(eq(recommendations.id, id));
    await replaceAttachments(tx, id, attachments);
    await appendAudit(tx, {
      actorId,
      action: "recommendation.version_saved",
      ...auditScope(context),
      subjectId: id,
      data: { groupId: context.group.id, version, titleCheckOverridden: input.titleCheckOverridden },
    });
    return { ok: true, version };
  });
}

/** A comment on a recommendation, tied to the version on screen. */
export async function addComment(
  db: Db,
  actorId: string,
  context: RecommendationContext,
  body: string,
  now = new Date(),
): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(recommendationComments)
      .values({
        recommendationId: context.recommendation.id,
        versionId: context.version?.id ?? null,
        authorId: actorId,
        body,
        createdAt: now,
      })
      .returning({ id: recommendationComments.id });
    await appendAudit(tx, {
      actorId,
      action: "recommendation.commented",
      ...auditScope(context),
      subjectId: context.recommendation.id,
      data: { commentId: row!.id },
    });
    return { id: row!.id };
  });
}

export type TranslationOutcome = { ok: true } | { ok: false; reason: "sourceLanguage" | "unknownVersion" };

/**
 * Writes (or rewrites) the translation of a recommendation into one language, made from the
 * source version the translator had on screen: it is outdated as soon as a newer version exists.
 */
export async function saveTranslation(
  db: Db,
  actorId: string,
  context: RecommendationContext,
  language: Locale,
  input: TranslationInput & { sourceVersionId: string },
  now = new Date(),
): Promise<TranslationOutcome> {
  const rec = context.recommendation;
  if (language === rec.sourceLanguage) return { ok: false, reason: "sourceLanguage" };
  return db.transaction(async (tx): Promise<TranslationOutcome> => {
    const [version] = await tx
      .select({ id: recommendationVersions.id, number: recommendationVersions.number })
      .from(recommendationVersions)
      .where(
        and(eq(recommendationVersions.id, input.sourceVersionId), eq(recommendationVersions.recommendationId, rec.id)),
      );
    if (!version) return { ok: false, reason: "unknownVersion" };
    const values = {
      sourceVersionId: version.id,
      title: input.title,
      sections: input.sections,
      quotes: input.quotes,
      footnotes: input.footnotes,
      translatorId: actorId,
      updatedAt: now,
    };
    await tx
      .insert(recommendationTranslations)
      .values({ recommendationId: rec.id, language, ...values })
      .onConflictDoUpdate({
        target: [recommendationTranslations.recommendationId, recommendationTranslations.language],
        set: values,
      });
    await appendAudit(tx, {
      actorId,
      action: "recommendation.translated",
      ...auditScope(context),
      subjectId: rec.id,
      data: { language, sourceVersion: version.number },
    });
    return { ok: true };
  });
}

export type SubmitOutcome =
  | { ok: true; submissionId: string; recommendationIds: string[] }
  | { ok: false; reason: "nothingToSubmit" | "notAllowed" | "stateChanged" };

class Rollback extends Error {
  constructor(readonly reason: "notAllowed" | "stateChanged") {
    super(reason);
  }
}

/**
 * The facilitator submits the group's set to the board, in one transaction: the submission,
 * the latest version of each draft frozen (submittedAt), each draft moved by the workflow's
 * "submit" transition, and the audit entry. Any refusal leaves everything as it was.
 */
export async function submitGroup(
  db: Db,
  actorId: string,
  group: GroupContext,
  note: string,
  now = new Date(),
): Promise<SubmitOutcome> {
  const workflow: Workflow = await loadGroupWorkflow(db, group);
  try {
    return await db.transaction(async (tx): Promise<SubmitOutcome> => {
      const rows = await tx
        .select({ id: recommendations.id, state: recommendations.state })
        .from(recommendations)
        .where(eq(recommendations.groupId, group.group.id))
        .orderBy(recommendations.number)
        .for("update");
      const drafts = rows.filter((r) => phaseOf(workflow, r.state) === "drafting");
      if (drafts.length === 0) return { ok: false, reason: "nothingToSubmit" };
      const [submission] = await tx
        .insert(groupSubmissions)
        .values({ groupId: group.group.id, submittedBy: actorId, note, submittedAt: now })
        .returning({ id: groupSubmissions.id });
      const ids = drafts.map((d) => d.id);
      // The latest version of each draft, frozen.
      await tx.execute(sql`
        update ${recommendationVersions} v set submitted_at = ${now.toISOString()}::timestamptz
        where v.recommendation_id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})
          and v.number = (select max(w.number) from ${recommendationVersions} w where w.recommendation_id = v.recommendation_id)`);
      for (const draft of drafts) {
        const to = targets(workflow, draft.state, "submit")[0];
        if (!to) throw new Rollback("notAllowed");
        const moved = await transition(
          tx,
          workflow,
          { subject: "recommendation", subjectId: draft.id, from: draft.state, to, action: "submit", actorId },
          now,
        );
        if (!moved.ok) throw new Rollback(moved.reason === "not_allowed" ? "notAllowed" : "stateChanged");
      }
      await appendAudit(tx, {
        actorId,
        action: "recommendation.submitted",
        subjectType: "group_submission",
        subjectId: submission!.id,
        organisationId: workflowOrganisationId(group),
        data: { groupId: group.group.id, recommendationIds: ids },
      });
      return { ok: true, submissionId: submission!.id, recommendationIds: ids };
    });
  } catch (error) {
    if (error instanceof Rollback) return { ok: false, reason: error.reason };
    throw error;
  }
}
