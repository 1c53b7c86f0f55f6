import { and, asc, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import {
  boardDecisions,
  cycleOrganisations,
  cycles,
  organisations,
  recommendations,
  themes,
  themeTranslations,
  workflowConfigs,
  workingGroups,
} from "../../db/schema/index.js";
import { recommendationSearch, searchWords } from "../../db/schema/search.js";
import { CATALOGUE_LIMITS, type CatalogueQuery } from "../../domain/catalogue/query.js";
import { checkWorkflow, defaultWorkflow, type Workflow } from "../../domain/workflow/workflow.js";
import type { Locale } from "../../i18n/locales.js";

export interface CatalogueHit {
  id: string;
  cycle: string;
  number: number;
  groupKey: string;
  state: string;
  decision: string | null;
  /** The title in the reader's language where a translation exists, else the source's. */
  title: string;
  titleLanguage: Locale;
  /** Every language the recommendation can be read in (source first). */
  languages: Locale[];
}

export interface CatalogueResult {
  hits: CatalogueHit[];
  total: number;
  /** "words": matched by stemmed words; "similar": nothing matched, these are near spellings. */
  matched: "all" | "words" | "similar";
}

/**
 * The states in which a recommendation is still a draft in any workflow in use: never listed
 * in the catalogue (a state that is a draft somewhere is kept out everywhere, which can only
 * hide, never show, a draft).
 */
async function draftingStates(db: Queryable): Promise<string[]> {
  const rows = await db
    .select({ config: workflowConfigs.config })
    .from(workflowConfigs)
    .where(eq(workflowConfigs.subject, "recommendation"));
  const workflows: Workflow[] = [
    defaultWorkflow("recommendation"),
    ...rows.map((r) => r.config).filter((w) => checkWorkflow(w).length === 0),
  ];
  return [...new Set(workflows.flatMap((w) => w.states.filter((s) => s.phase === "drafting").map((s) => s.key)))];
}

const CONFIGS: Record<Locale, string> = { fr: "french", nl: "dutch", de: "german", en: "english" };

/** The search text as a query of each language's stemmer; websearch syntax, so any input is valid. */
function tsqueryOf(text: string, language: Locale): SQL {
  return sql`websearch_to_tsquery(${sql.raw(`'${CONFIGS[language]}'`)}::regconfig, immutable_unaccent(${text}))`;
}

function wordsMatch(text: string): { where: SQL; rank: SQL } {
  const s = recommendationSearch;
  const languages = Object.keys(CONFIGS) as Locale[];
  const where = sql.join(
    languages.map((l) => sql`(${s.language} = ${l} and ${s.document} @@ ${tsqueryOf(text, l)})`),
    sql` or `,
  );
  const rank = sql`max(ts_rank(${s.document}, case ${s.language} ${sql.join(
    languages.map((l) => sql`when ${l} then ${tsqueryOf(text, l)}`),
    sql` `,
  )} end))`;
  return { where: sql`(${where})`, rank };
}

/**
 * The query's words (unaccented, lower case), each replaced, when the catalogue has no such word,
 * by its closest word by trigrams; null when nothing changes or the query has no word at all.
 */
async function correctedText(db: Queryable, text: string): Promise<string | null> {
  const result = await db.execute(sql`
    select q.word,
      exists (select 1 from ${searchWords} w where w.word = q.word) as known,
      (select w.word from ${searchWords} w where w.word % q.word
        order by similarity(w.word, q.word) desc, w.word limit 1) as best
    from unnest(tsvector_to_array(to_tsvector('simple', lower(immutable_unaccent(${text}))))) as q(word)`);
  const words = (result as unknown as { rows: Array<{ word: string; known: boolean; best: string | null }> }).rows;
  if (words.length === 0) return null;
  const corrected = words.map((w) => (w.known || !w.best ? w.word : w.best));
  return corrected.some((w, i) => w !== words[i]!.word) ? corrected.join(" ") : null;
}

async function filterConditions(db: Queryable, query: CatalogueQuery, drafting: string[]): Promise<SQL[] | null> {
  const f = query.filters;
  const conditions: SQL[] = [];
  if (drafting.length > 0)
    conditions.push(
      sql`${recommendations.state} not in (${sql.join(
        drafting.map((d) => sql`${d}`),
        sql`, `,
      )})`,
    );
  if (f.cycle) conditions.push(eq(cycles.slug, f.cycle));
  if (f.group) conditions.push(eq(workingGroups.key, f.group));
  if (f.theme) conditions.push(eq(themes.key, f.theme));
  if (f.axis) conditions.push(sql`${f.axis} = any(${recommendations.axes})`);
  if (f.state) conditions.push(eq(recommendations.state, f.state));
  if (f.decision === "none") conditions.push(isNull(boardDecisions.recommendationId));
  else if (f.decision) conditions.push(eq(boardDecisions.decision, f.decision as "retained"));
  if (f.organisation) {
    const [org] = await db
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.slug, f.organisation));
    if (!org) return null;
    conditions.push(
      sql`(${workingGroups.organisationId} = ${org.id} or (${workingGroups.organisationId} is null and exists (
        select 1 from ${cycleOrganisations} where ${cycleOrganisations.cycleId} = ${recommendations.cycleId}
        and ${cycleOrganisations.organisationId} = ${org.id})))`,
    );
  }
  return conditions;
}

async function run(
  db: Queryable,
  query: CatalogueQuery,
  locale: Locale,
  conditions: SQL[],
  match: { where: SQL; rank: SQL } | null,
): Promise<{ hits: CatalogueHit[]; total: number }> {
  const s = recommendationSearch;
  const hits = db.$with("hits").as(
    db
      .select({
        recommendationId: s.recommendationId,
        rank: (match ? match.rank : sql<number>`0`).mapWith(Number).as("rank"),
      })
      .from(s)
      .where(match ? match.where : eq(s.isSource, true))
      .groupBy(s.recommendationId),
  );
  const order =
    query.sort === "relevance"
      ? [desc(hits.rank), desc(cycles.slug), asc(recommendations.number)]
      : query.sort === "newest"
        ? [desc(cycles.slug), asc(recommendations.number)]
        : [asc(cycles.slug), asc(recommendations.number)];
  const rows = await db
    .with(hits)
    .select({
      id: recommendations.id,
      cycle: cycles.slug,
      number: recommendations.number,
      groupKey: workingGroups.key,
      state: recommendations.state,
      sourceLanguage: recommendations.sourceLanguage,
      decision: boardDecisions.decision,
      total: sql<number>`count(*) over ()`.mapWith(Number),
      title: sql<string>`coalesce(
        (select ${s.title} from ${s} where ${s.recommendationId} = ${recommendations.id} and ${s.language} = ${locale}),
        (select ${s.title} from ${s} where ${s.recommendationId} = ${recommendations.id} and ${s.isSource}))`,
      titleLanguage: sql<Locale>`coalesce(
        (select ${s.language} from ${s} where ${s.recommendationId} = ${recommendations.id} and ${s.language} = ${locale}),
        ${recommendations.sourceLanguage})`,
      languages: sql<Locale[]>`array(select ${s.language} from ${s} where ${s.recommendationId} = ${recommendations.id}
        order by not ${s.isSource}, ${s.language})`,
    })
    .from(recommendations)
    .innerJoin(hits, eq(hits.recommendationId, recommendations.id))
    .innerJoin(cycles, eq(cycles.id, recommendations.cycleId))
    .innerJoin(workingGroups, eq(workingGroups.id, recommendations.groupId))
    .innerJoin(themes, eq(themes.id, workingGroups.themeId))
    .leftJoin(boardDecisions, eq(boardDecisions.recommendationId, recommendations.id))
    .where(and(...conditions))
    .orderBy(...order)
    .limit(CATALOGUE_LIMITS.pageSize)
    .offset((query.page - 1) * CATALOGUE_LIMITS.pageSize);
  return {
    total: rows[0]?.total ?? 0,
    hits: rows.map((r) => ({
      id: r.id,
      cycle: r.cycle,
      number: r.number,
      groupKey: r.groupKey,
      state: r.state,
      decision: r.decision,
      title: r.title,
      titleLanguage: r.titleLanguage,
      languages: r.languages,
    })),
  };
}

/**
 * Searches the catalogue of every public recommendation of every cycle: by stemmed words in each
 * language (accent-insensitive), or, when nothing matches, with each unknown word replaced by the
 * closest word of the catalogue (trigrams), so a typo still finds its recommendation. Three to
 * five queries whatever the number of results.
 */
export async function searchCatalogue(db: Queryable, query: CatalogueQuery, locale: Locale): Promise<CatalogueResult> {
  const conditions = await filterConditions(db, query, await draftingStates(db));
  if (conditions === null) return { hits: [], total: 0, matched: "all" };
  if (query.text === "") return { ...(await run(db, query, locale, conditions, null)), matched: "all" };
  const byWords = await run(db, query, locale, conditions, wordsMatch(query.text));
  if (byWords.total > 0) return { ...byWords, matched: "words" };
  const corrected = await correctedText(db, query.text);
  if (corrected === null) return { ...byWords, matched: "words" };
  return { ...(await run(db, query, locale, conditions, wordsMatch(corrected))), matched: "similar" };
}

/** Picks, per key, the title in the reader's language, else in the source language. */
function titlesByKey(
  rows: Array<{ key: string; locale: Locale; title: string; source: Locale; suffix: string | null }>,
  locale: Locale,
): Array<{ key: string; label: string }> {
  const picked = new Map<string, { label: string; rank: number }>();
  for (const r of rows) {
    const rank = r.locale === locale ? 2 : r.locale === r.source ? 1 : 0;
    const current = picked.get(r.key);
    const label = r.suffix ? `${r.title} (${r.suffix})` : r.title;
    if (!current || rank > current.rank) picked.set(r.key, { label, rank });
  }
  return [...picked]
    .map(([key, v]) => ({ key, label: v.label }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
}

/** What the filters offer: the cycles, organisations, groups, themes, axes and states in use. */
export async function catalogueChoices(db: Queryable, locale: Locale) {
  const drafting = await draftingStates(db);
  const visible =
    drafting.length > 0
      ? sql`${recommendations.state} not in (${sql.join(
          drafting.map((d) => sql`${d}`),
          sql`, `,
        )})`
      : sql`true`;
  const [cycleRows, orgRows, groupRows, axisRows, stateRows] = await Promise.all([
    db.select({ slug: cycles.slug, name: cycles.name }).from(cycles).orderBy(desc(cycles.slug)),
    db
      .select({ slug: organisations.slug, name: organisations.name })
      .from(organisations)
      .orderBy(asc(organisations.name)),
    db
      .select({
        groupKey: workingGroups.key,
        themeKey: themes.key,
        locale: themeTranslations.locale,
        title: themeTranslations.title,
        source: themes.sourceLanguage,
        organisation: organisations.name,
      })
      .from(workingGroups)
      .innerJoin(themes, eq(themes.id, workingGroups.themeId))
      .innerJoin(themeTranslations, eq(themeTranslations.themeId, themes.id))
      .leftJoin(organisations, eq(organisations.id, workingGroups.organisationId)),
    db
      .selectDistinct({ axis: sql<string>`unnest(${recommendations.axes})`.as("axis") })
      .from(recommendations)
      .where(visible),
    db
      .selectDistinct({ state: recommendations.state })
      .from(recommendations)
      .where(visible)
      .orderBy(asc(recommendations.state)),
  ]);
  return {
    cycles: cycleRows,
    organisations: orgRows,
    groups: titlesByKey(
      groupRows.map((g) => ({ ...g, key: g.groupKey, suffix: g.organisation })),
      locale,
    ),
    themes: titlesByKey(
      groupRows.map((g) => ({ ...g, key: g.themeKey, suffix: null })),
      locale,
    ),
    axes: axisRows.map((a) => a.axis).sort(),
    states: stateRows.map((s) => s.state),
  };
}

export type CatalogueChoices = Awaited<ReturnType<typeof catalogueChoices>>;
