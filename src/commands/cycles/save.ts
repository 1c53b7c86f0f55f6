import { eq } from "drizzle-orm";
import { appendAudit } from "../../audit/log.js";
import type { Db, Tx } from "../../db/client.js";
import { cycleOrganisations, cyclePhases, cycles, cycleTranslations } from "../../db/schema/index.js";
import { LOCALES, type Locale } from "../../i18n/locales.js";
import { FOREIGN_KEY_VIOLATION, isUniqueViolation, sqlState } from "../db-errors.js";
import type { Cycle, CycleText, PhaseDates } from "./read.js";
import { outdatedFlags } from "./texts.js";

export interface CycleTextInput {
  title: string;
  rules: string;
}

/** What a cycle manager sets on a cycle; the text in the source language is required. */
export interface CycleInput {
  name: string;
  sourceLanguage: Locale;
  /** At least one. */
  organisationIds: string[];
  texts: Partial<Record<Locale, CycleTextInput>>;
}

export type CreateCycleOutcome =
  | { ok: true; id: string }
  | { ok: false; reason: "slug_taken" | "unknown_organisation" | "source_text_missing" | "no_organisation" };

export type UpdateCycleOutcome =
  { ok: true } | { ok: false; reason: "unknown_organisation" | "source_text_missing" | "no_organisation" };

function precheck(input: CycleInput): "source_text_missing" | "no_organisation" | null {
  if (!input.texts[input.sourceLanguage]) return "source_text_missing";
  if (input.organisationIds.length === 0) return "no_organisation";
  return null;
}

const sameText = (a: CycleTextInput, b: CycleTextInput) => a.title === b.title && a.rules === b.rules;

async function writeTexts(tx: Tx, cycleId: string, before: Partial<Record<Locale, CycleText>>, input: CycleInput) {
  const flags = outdatedFlags(before, input.texts, input.sourceLanguage, sameText);
  await tx.delete(cycleTranslations).where(eq(cycleTranslations.cycleId, cycleId));
  const rows = LOCALES.flatMap((locale) => {
    const text = input.texts[locale];
    return text ? [{ cycleId, locale, title: text.title, rules: text.rules, outdated: flags[locale] ?? false }] : [];
  });
  if (rows.length > 0) await tx.insert(cycleTranslations).values(rows);
}

/** Creates a cycle with its organisations and texts; audited in the same transaction. */
export async function createCycle(
  db: Db,
  actorId: string,
  input: CycleInput & { slug: string },
): Promise<CreateCycleOutcome> {
  const problem = precheck(input);
  if (problem) return { ok: false, reason: problem };
  const organisationIds = [...new Set(input.organisationIds)];
  try {
    const id = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(cycles)
        .values({ slug: input.slug, name: input.name, sourceLanguage: input.sourceLanguage })
        .returning({ id: cycles.id });
      const cycleId = row!.id;
      await tx
        .insert(cycleOrganisations)
        .values(organisationIds.map((organisationId) => ({ cycleId, organisationId })));
      await writeTexts(tx, cycleId, {}, input);
      await appendAudit(tx, {
        actorId,
        action: "cycle.created",
        subjectType: "cycle",
        subjectId: cycleId,
        organisationId: organisationIds[0] ?? null,
        data: {
          slug: input.slug,
          organisationIds,
          sourceLanguage: input.sourceLanguage,
          languages: Object.keys(input.texts).sort(),
        },
      });
      return cycleId;
    });
    return { ok: true, id };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "slug_taken" };
    if (sqlState(error) === FOREIGN_KEY_VIOLATION) return { ok: false, reason: "unknown_organisation" };
    throw error;
  }
}

/** Names of what changed, for the audit log (never the texts themselves). */
function changedFields(cycle: Cycle, input: CycleInput & { phases: PhaseDates[] }): string[] {
  const changed: string[] = [];
  if (cycle.name !== input.name) changed.push("name");
  if (cycle.sourceLanguage !== input.sourceLanguage) changed.push("sourceLanguage");
  const orgsBefore = cycle.organisations.map((o) => o.id).sort();
  const orgsAfter = [...new Set(input.organisationIds)].sort();
  if (orgsBefore.join() !== orgsAfter.join()) changed.push("organisations");
  for (const l of LOCALES) {
    const a = cycle.texts[l];
    const b = input.texts[l];
    if (!a !== !b || (a && b && !sameText(a, b))) changed.push(`texts.${l}`);
  }
  const phaseKey = (p: PhaseDates[]) =>
    p
      .map((x) => `${x.phase}:${x.startsOn}:${x.endsOn}`)
      .sort()
      .join();
  if (phaseKey(cycle.phases) !== phaseKey(input.phases)) changed.push("phases");
  return changed;
}

/**
 * Saves a cycle's settings, texts and calendar. Translations whose source text changed
 * are marked outdated. Audited in the same transaction.
 */
export async function updateCycle(
  db: Db,
  actorId: string,
  cycle: Cycle,
  input: CycleInput & { phases: PhaseDates[] },
): Promise<UpdateCycleOutcome> {
  const problem = precheck(input);
  if (problem) return { ok: false, reason: problem };
  const organisationIds = [...new Set(input.organisationIds)];
  try {
    await db.transaction(async (tx) => {
      await tx.select({ id: cycles.id }).from(cycles).where(eq(cycles.id, cycle.id)).for("update");
      const current = await tx.select().from(cycleTranslations).where(eq(cycleTranslations.cycleId, cycle.id));
      const before: Partial<Record<Locale, CycleText>> = {};
      for (const r of current) before[r.locale] = { title: r.title, rules: r.rules, outdated: r.outdated };
      await tx
        .update(cycles)
        .set({ name: input.name, sourceLanguage: input.sourceLanguage })
        .where(eq(cycles.id, cycle.id));
      await tx.delete(cycleOrganisations).where(eq(cycleOrganisations.cycleId, cycle.id));
      await tx
        .insert(cycleOrganisations)
        .values(organisationIds.map((organisationId) => ({ cycleId: cycle.id, organisationId })));
      await writeTexts(tx, cycle.id, before, input);
      await tx.delete(cyclePhases).where(eq(cyclePhases.cycleId, cycle.id));
      if (input.phases.length > 0)
        await tx.insert(cyclePhases).values(input.phases.map((p) => ({ cycleId: cycle.id, ...p })));
      await appendAudit(tx, {
        actorId,
        action: "cycle.updated",
        subjectType: "cycle",
        subjectId: cycle.id,
        organisationId: organisationIds[0] ?? null,
        data: { slug: cycle.slug, fields: changedFields(cycle, input) },
      });
    });
    return { ok: true };
  } catch (error) {
    if (sqlState(error) === FOREIGN_KEY_VIOLATION) return { ok: false, reason: "unknown_organisation" };
    throw error;
  }
}
