import { and, asc, eq, sql } from "drizzle-orm";
import { appendAudit } from "../../audit/log.js";
import type { Db, Tx } from "../../db/client.js";
import {
  ballotOptions,
  cycles,
  themes,
  themeTranslations,
  workingGroups,
  type ThemeStatus,
} from "../../db/schema/index.js";
import { LOCALES, type Locale } from "../../i18n/locales.js";
import { FOREIGN_KEY_VIOLATION, isUniqueViolation, RESTRICT_VIOLATION, sqlState } from "../db-errors.js";
import type { Cycle, Theme, ThemeText } from "./read.js";
import { outdatedFlags } from "./texts.js";

export interface ThemeTextInput {
  title: string;
  description: string;
}

/** What a cycle manager sets on a theme; the text in the theme's source language is required. */
export interface ThemeInput {
  status: ThemeStatus;
  /** Narrower scope than the cycle: one of the cycle's organisations, or null for the whole cycle. */
  organisationId: string | null;
  texts: Partial<Record<Locale, ThemeTextInput>>;
}

export type CreateThemeOutcome =
  { ok: true; id: string } | { ok: false; reason: "key_taken" | "organisation_not_in_cycle" | "source_text_missing" };
export type UpdateThemeOutcome =
  { ok: true } | { ok: false; reason: "organisation_not_in_cycle" | "source_text_missing" };
export type DeleteThemeOutcome = { ok: true } | { ok: false; reason: "on_ballot" | "has_group" };

const sameText = (a: ThemeTextInput, b: ThemeTextInput) => a.title === b.title && a.description === b.description;

function audit(cycle: Cycle) {
  return { subjectType: "theme", organisationId: cycle.organisations[0]?.id ?? null };
}

function scopeAllowed(cycle: Cycle, organisationId: string | null): boolean {
  return organisationId === null || cycle.organisations.some((o) => o.id === organisationId);
}

async function writeTexts(
  tx: Tx,
  themeId: string,
  source: Locale,
  before: Partial<Record<Locale, ThemeText>>,
  texts: Partial<Record<Locale, ThemeTextInput>>,
) {
  const flags = outdatedFlags(before, texts, source, sameText);
  await tx.delete(themeTranslations).where(eq(themeTranslations.themeId, themeId));
  const rows = LOCALES.flatMap((locale) => {
    const text = texts[locale];
    return text
      ? [{ themeId, locale, title: text.title, description: text.description, outdated: flags[locale] ?? false }]
      : [];
  });
  if (rows.length > 0) await tx.insert(themeTranslations).values(rows);
}

/** Adds a theme at the end of the cycle's list; its source language is the cycle's. */
export async function createTheme(
  db: Db,
  actorId: string,
  cycle: Cycle,
  input: ThemeInput & { key: string },
): Promise<CreateThemeOutcome> {
  if (!scopeAllowed(cycle, input.organisationId)) return { ok: false, reason: "organisation_not_in_cycle" };
  if (!input.texts[cycle.sourceLanguage]) return { ok: false, reason: "source_text_missing" };
  try {
    const id = await db.transaction(async (tx) => {
      await tx.select({ id: cycles.id }).from(cycles).where(eq(cycles.id, cycle.id)).for("update");
      const [last] = await tx
        .select({ position: sql<number>`coalesce(max(${themes.position}), -1)`.mapWith(Number) })
        .from(themes)
        .where(eq(themes.cycleId, cycle.id));
      const [row] = await tx
        .insert(themes)
        .values({
          cycleId: cycle.id,
          key: input.key,
          position: (last?.position ?? -1) + 1,
          status: input.status,
          organisationId: input.organisationId,
          sourceLanguage: cycle.sourceLanguage,
        })
        .returning({ id: themes.id });
      await writeTexts(tx, row!.id, cycle.sourceLanguage, {}, input.texts);
      await appendAudit(tx, {
        actorId,
        action: "theme.created",
        ...audit(cycle),
        subjectId: row!.id,
        data: {
          cycleId: cycle.id,
          key: input.key,
          status: input.status,
          scope: input.organisationId,
          languages: Object.keys(input.texts).sort(),
        },
      });
      return row!.id;
    });
    return { ok: true, id };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "key_taken" };
    if (sqlState(error) === FOREIGN_KEY_VIOLATION) return { ok: false, reason: "organisation_not_in_cycle" };
    throw error;
  }
}

/**
 * Saves a theme's status, scope and texts. When the text in its source language changes,
 * every other translation not rewritten at the same time is marked outdated.
 */
export async function updateTheme(
  db: Db,
  actorId: string,
  cycle: Cycle,
  theme: Theme,
  input: ThemeInput,
): Promise<UpdateThemeOutcome> {
  if (!scopeAllowed(cycle, input.organisationId)) return { ok: false, reason: "organisation_not_in_cycle" };
  if (!input.texts[theme.sourceLanguage]) return { ok: false, reason: "source_text_missing" };
  await db.transaction(async (tx) => {
    await tx.select({ id: themes.id }).from(themes).where(eq(themes.id, theme.id)).for("update");
    const current = await tx.select().from(themeTranslations).where(eq(themeTranslations.themeId, theme.id));
    const before: Partial<Record<Locale, ThemeText>> = {};
    for (const r of current) before[r.locale] = { title: r.title, description: r.description, outdated: r.outdated };
    await tx
      .update(themes)
      .set({ status: input.status, organisationId: input.organisationId })
      .where(and(eq(themes.id, theme.id), eq(themes.cycleId, cycle.id)));
    await writeTexts(tx, theme.id, theme.sourceLanguage, before, input.texts);
    const fields: string[] = [];
    if (theme.status !== input.status) fields.push("status");
    if (theme.organisationId !== input.organisationId) fields.push("scope");
    for (const l of LOCALES) {
      const a = before[l];
      const b = input.texts[l];
      if (!a !== !b || (a && b && !sameText(a, b))) fields.push(`texts.${l}`);
    }
    await appendAudit(tx, {
      actorId,
      action: "theme.updated",
      ...audit(cycle),
      subjectId: theme.id,
      data: { cycleId: cycle.id, key: theme.key, change: "edited", fields },
    });
  });
  return { ok: true };
}

/** Swaps a theme with its neighbour above or below; nothing happens at either end. */
export async function moveTheme(
  db: Db,
  actorId: string,
  cycle: Cycle,
  theme: Theme,
  direction: "up" | "down",
): Promise<void> {
  await db.transaction(async (tx) => {
    const ordered = await tx
      .select({ id: themes.id })
      .from(themes)
      .where(eq(themes.cycleId, cycle.id))
      .orderBy(asc(themes.position), asc(themes.key))
      .for("update");
    const ids = ordered.map((r) => r.id);
    const from = ids.indexOf(theme.id);
    const to = direction === "up" ? from - 1 : from + 1;
    if (from === -1 || to < 0 || to >= ids.length) return;
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    for (const [position, id] of ids.entries()) await tx.update(themes).set({ position }).where(eq(themes.id, id));
    await appendAudit(tx, {
      actorId,
      action: "theme.updated",
      ...audit(cycle),
      subjectId: theme.id,
      data: { cycleId: cycle.id, key: theme.key, change: "moved", direction, position: to },
    });
  });
}

/** Deletes a theme, unless a ballot lists it (its ranking refers to it) or a working group works on it. */
export async function deleteTheme(db: Db, actorId: string, cycle: Cycle, theme: Theme): Promise<DeleteThemeOutcome> {
  try {
    return await db.transaction(async (tx): Promise<DeleteThemeOutcome> => {
      const used = await tx
        .select({ id: ballotOptions.id })
        .from(ballotOptions)
        .where(eq(ballotOptions.themeId, theme.id))
        .limit(1);
      if (used.length > 0) return { ok: false, reason: "on_ballot" };
      const grouped = await tx
        .select({ id: workingGroups.id })
        .from(workingGroups)
        .where(eq(workingGroups.themeId, theme.id))
        .limit(1);
      if (grouped.length > 0) return { ok: false, reason: "has_group" };
      await tx.delete(themes).where(and(eq(themes.id, theme.id), eq(themes.cycleId, cycle.id)));
      await appendAudit(tx, {
        actorId,
        action: "theme.updated",
        ...audit(cycle),
        subjectId: theme.id,
        data: { cycleId: cycle.id, key: theme.key, change: "deleted" },
      });
      return { ok: true };
    });
  } catch (error) {
    // A ballot listed the theme between the check and the delete: the foreign key refuses it.
    if (sqlState(error) === FOREIGN_KEY_VIOLATION) return { ok: false, reason: "on_ballot" };
    // A working group was created on the theme meanwhile (its foreign key restricts deletion).
    if (sqlState(error) === RESTRICT_VIOLATION) return { ok: false, reason: "has_group" };
    throw error;
  }
}
