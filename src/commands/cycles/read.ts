import { and, asc, eq, inArray } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import {
  ballotOptions,
  ballots,
  colleges,
  cycleOrganisations,
  cyclePhases,
  cycles,
  cycleTranslations,
  organisations,
  PHASES,
  themes,
  themeTranslations,
  type BallotStatus,
  type Labels,
  type Phase,
  type ThemeStatus,
} from "../../db/schema/index.js";
import type { Locale } from "../../i18n/locales.js";
import { isUuid } from "../db-errors.js";

export interface CycleOrganisation {
  id: string;
  slug: string;
  name: string;
}

export interface CycleText {
  title: string;
  rules: string;
  outdated: boolean;
}

export interface PhaseDates {
  phase: Phase;
  /** ISO dates, "2015-10-22". */
  startsOn: string;
  endsOn: string;
}

export interface Cycle {
  id: string;
  slug: string;
  name: string;
  sourceLanguage: Locale;
  organisations: CycleOrganisation[];
  texts: Partial<Record<Locale, CycleText>>;
  /** In the order of PHASES; phases without dates are absent. */
  phases: PhaseDates[];
}

export interface ThemeText {
  title: string;
  description: string;
  outdated: boolean;
}

export interface Theme {
  id: string;
  cycleId: string;
  key: string;
  position: number;
  status: ThemeStatus;
  organisationId: string | null;
  sourceLanguage: Locale;
  texts: Partial<Record<Locale, ThemeText>>;
}

export interface CycleBallot {
  id: string;
  title: string;
  kind: "ranked" | "approval" | "yes_no";
  status: BallotStatus;
  opensAt: Date | null;
  closesAt: Date | null;
}

const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

function byPhase(a: { phase: Phase }, b: { phase: Phase }) {
  return PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase);
}

/** Organisations, translations and phases of the given cycles, in three queries. */
async function detailsOf(db: Queryable, rows: Array<typeof cycles.$inferSelect>): Promise<Cycle[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [orgRows, textRows, phaseRows] = await Promise.all([
    db
      .select({
        cycleId: cycleOrganisations.cycleId,
        id: organisations.id,
        slug: organisations.slug,
        name: organisations.name,
      })
      .from(cycleOrganisations)
      .innerJoin(organisations, eq(organisations.id, cycleOrganisations.organisationId))
      .where(inArray(cycleOrganisations.cycleId, ids))
      .orderBy(asc(organisations.slug)),
    db.select().from(cycleTranslations).where(inArray(cycleTranslations.cycleId, ids)),
    db.select().from(cyclePhases).where(inArray(cyclePhases.cycleId, ids)),
  ]);
  return rows.map((r) => {
    const texts: Partial<Record<Locale, CycleText>> = {};
    for (const t of textRows)
      if (t.cycleId === r.id) texts[t.locale] = { title: t.title, rules: t.rules, outdated: t.outdated };
    return {
      id: r.id,
      slug: r.slug,
      name: r.name,
      sourceLanguage: r.sourceLanguage,
      organisations: orgRows.filter((o) => o.cycleId === r.id).map(({ id, slug, name }) => ({ id, slug, name })),
      texts,
      phases: phaseRows
        .filter((p) => p.cycleId === r.id)
        .map(({ phase, startsOn, endsOn }) => ({ phase, startsOn, endsOn }))
        .sort(byPhase),
    };
  });
}

/** Every cycle, the most recent first (by first phase, then by creation). */
export async function listCycles(db: Queryable): Promise<Cycle[]> {
  const rows = await db.select().from(cycles).orderBy(asc(cycles.createdAt), asc(cycles.slug));
  const all = await detailsOf(db, rows);
  const start = (c: Cycle) =>
    c.phases.reduce<string>((min, p) => (min === "" || p.startsOn < min ? p.startsOn : min), "");
  return all.sort((a, b) => start(b).localeCompare(start(a)) || b.slug.localeCompare(a.slug));
}

export async function findCycleBySlug(db: Queryable, slug: string): Promise<Cycle | null> {
  if (!SLUG.test(slug)) return null;
  const rows = await db.select().from(cycles).where(eq(cycles.slug, slug));
  const [cycle] = await detailsOf(db, rows);
  return cycle ?? null;
}

export async function findCycleById(db: Queryable, id: string): Promise<Cycle | null> {
  if (!isUuid(id)) return null;
  const rows = await db.select().from(cycles).where(eq(cycles.id, id));
  const [cycle] = await detailsOf(db, rows);
  return cycle ?? null;
}

/** The first and last dates of a cycle's calendar, or null when no phase is dated. */
export function cycleSpan(cycle: Pick<Cycle, "phases">): { first: string; last: string } | null {
  if (cycle.phases.length === 0) return null;
  let first = cycle.phases[0]!.startsOn;
  let last = cycle.phases[0]!.endsOn;
  for (const p of cycle.phases) {
    if (p.startsOn < first) first = p.startsOn;
    if (p.endsOn > last) last = p.endsOn;
  }
  return { first, last };
}

async function themesWhere(db: Queryable, cycleId: string, themeId?: string): Promise<Theme[]> {
  const rows = await db
    .select()
    .from(themes)
    .where(themeId ? and(eq(themes.cycleId, cycleId), eq(themes.id, themeId)) : eq(themes.cycleId, cycleId))
    .orderBy(asc(themes.position), asc(themes.key));
  if (rows.length === 0) return [];
  const texts = await db
    .select()
    .from(themeTranslations)
    .where(
      inArray(
        themeTranslations.themeId,
        rows.map((r) => r.id),
      ),
    );
  return rows.map((r) => {
    const byLocale: Partial<Record<Locale, ThemeText>> = {};
    for (const t of texts)
      if (t.themeId === r.id) byLocale[t.locale] = { title: t.title, description: t.description, outdated: t.outdated };
    return { ...r, texts: byLocale };
  });
}

/** The themes of a cycle in their order. */
export function listThemes(db: Queryable, cycleId: string): Promise<Theme[]> {
  return themesWhere(db, cycleId);
}

/** A theme of this cycle; a theme of another cycle is not found. */
export async function findTheme(db: Queryable, cycleId: string, themeId: string): Promise<Theme | null> {
  if (!isUuid(themeId)) return null;
  const [theme] = await themesWhere(db, cycleId, themeId);
  return theme ?? null;
}

/** Ids of the themes of a cycle that are options of a ballot. */
export async function themesOnBallots(db: Queryable, cycleId: string): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ themeId: ballotOptions.themeId })
    .from(ballotOptions)
    .innerJoin(themes, eq(themes.id, ballotOptions.themeId))
    .where(eq(themes.cycleId, cycleId));
  return new Set(rows.map((r) => r.themeId).filter((id): id is string => id !== null));
}

export async function cycleBallots(db: Queryable, cycleId: string): Promise<CycleBallot[]> {
  return db
    .select({
      id: ballots.id,
      title: ballots.title,
      kind: ballots.kind,
      status: ballots.status,
      opensAt: ballots.opensAt,
      closesAt: ballots.closesAt,
    })
    .from(ballots)
    .where(eq(ballots.cycleId, cycleId))
    .orderBy(asc(ballots.createdAt));
}

/** Colleges of the given organisations, by key, with their labels (for the electorate choice). */
export async function collegesOf(
  db: Queryable,
  organisationIds: string[],
): Promise<Array<{ key: string; labels: Labels }>> {
  if (organisationIds.length === 0) return [];
  const rows = await db
    .select({ key: colleges.key, labels: colleges.labels, position: colleges.position })
    .from(colleges)
    .where(inArray(colleges.organisationId, organisationIds))
    .orderBy(asc(colleges.position), asc(colleges.key));
  const seen = new Map<string, Labels>();
  for (const r of rows) if (!seen.has(r.key)) seen.set(r.key, r.labels);
  return [...seen].map(([key, labels]) => ({ key, labels }));
}

/** Every organisation (id, slug, name), for choosing those of a cycle. */
export async function allOrganisations(db: Queryable): Promise<CycleOrganisation[]> {
  return db
    .select({ id: organisations.id, slug: organisations.slug, name: organisations.name })
    .from(organisations)
    .orderBy(asc(organisations.name), asc(organisations.slug));
}

/** The options of a ballot in their order: key and theme. */
export async function ballotOptionsOf(
  db: Queryable,
  ballotId: string,
): Promise<Array<{ key: string; themeId: string | null }>> {
  if (!isUuid(ballotId)) return [];
  return db
    .select({ key: ballotOptions.key, themeId: ballotOptions.themeId })
    .from(ballotOptions)
    .where(eq(ballotOptions.ballotId, ballotId))
    .orderBy(asc(ballotOptions.position), asc(ballotOptions.key));
}
