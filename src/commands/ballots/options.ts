import { asc, count, eq, inArray, like, and, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { ballotOptions, ballots, castBallots, colleges, themes, themeTranslations } from "../../db/schema/index.js";
import type { Locale } from "../../i18n/locales.js";
import { labelIn } from "../labels.js";

export interface BallotOptionText {
  key: string;
  title: string;
  description: string;
  /** The language the text is in (the reader's, else the theme's source language). */
  lang: Locale | null;
}

export interface BallotOptionKeys {
  /** Whether the ballot was a draft when read (its options may still change: never cached). */
  draft: boolean;
  /** Option keys in ballot order (position, then key); shared, never to be modified. */
  keys: readonly string[];
}

/**
 * Option keys of ballots that are no longer drafts, per database. They cannot change any more (a
 * ballot's options are edited only while it is a draft, and a ballot never goes back to draft), so
 * they are kept for as long as the process lives: casting needs them on every request, and reading
 * them costs a round trip. Bounded: cleared when it grows past MAX_CACHED_BALLOTS.
 */
const keyCache = new WeakMap<object, Map<string, readonly string[]>>();
const MAX_CACHED_BALLOTS = 1000;

/**
 * The option keys of a ballot in ballot order, or null when there is no such ballot. Served from
 * memory once the ballot has opened; a draft is read every time (its options may still change).
 */
export async function ballotOptionKeys(db: Queryable, ballotId: string): Promise<BallotOptionKeys | null> {
  let cache = keyCache.get(db);
  const cached = cache?.get(ballotId);
  if (cached) return { draft: false, keys: cached };
  const [row] = await db
    .select({
      status: ballots.status,
      keys: sql<
        string[]
      >`array(select o.key from ${ballotOptions} o where o.ballot_id = "ballots"."id" order by o.position, o.key)`,
    })
    .from(ballots)
    .where(eq(ballots.id, ballotId));
  if (!row) return null;
  if (row.status !== "draft") {
    if (!cache) keyCache.set(db, (cache = new Map()));
    if (cache.size >= MAX_CACHED_BALLOTS) cache.clear();
    cache.set(ballotId, Object.freeze(row.keys));
  }
  return { draft: row.status === "draft", keys: row.keys };
}

/**
 * The options of a ballot in ballot order, with each theme's title and description in the
 * reader's language, else in the theme's source language, else the option key.
 */
export async function ballotOptionTexts(db: Queryable, ballotId: string, locale: Locale): Promise<BallotOptionText[]> {
  const options = await db
    .select({ key: ballotOptions.key, themeId: ballotOptions.themeId, sourceLanguage: themes.sourceLanguage })
    .from(ballotOptions)
    .leftJoin(themes, eq(themes.id, ballotOptions.themeId))
    .where(eq(ballotOptions.ballotId, ballotId))
    .orderBy(asc(ballotOptions.position), asc(ballotOptions.key));
  const themeIds = options.map((o) => o.themeId).filter((id): id is string => id !== null);
  const texts = themeIds.length
    ? await db.select().from(themeTranslations).where(inArray(themeTranslations.themeId, themeIds))
    : [];
  return options.map((o) => {
    const mine = texts.filter((t) => t.themeId === o.themeId);
    const chosen = mine.find((t) => t.locale === locale) ?? mine.find((t) => t.locale === o.sourceLanguage) ?? mine[0];
    return chosen
      ? { key: o.key, title: chosen.title, description: chosen.description, lang: chosen.locale }
      : { key: o.key, title: o.key, description: "", lang: null };
  });
}

/** One page of the bulletin board: trackers in alphabetical order, optionally those starting with `prefix`. */
export async function trackersPage(
  db: Queryable,
  ballotId: string,
  opts: { prefix: string; offset: number; limit: number },
): Promise<{ total: number; matching: number; trackers: string[] }> {
  const where = opts.prefix
    ? and(eq(castBallots.ballotId, ballotId), like(castBallots.tracker, `${opts.prefix}%`))
    : eq(castBallots.ballotId, ballotId);
  const [all] = await db.select({ n: count() }).from(castBallots).where(eq(castBallots.ballotId, ballotId));
  const [matching] = opts.prefix ? await db.select({ n: count() }).from(castBallots).where(where) : [all];
  const rows = await db
    .select({ tracker: castBallots.tracker })
    .from(castBallots)
    .where(where)
    .orderBy(asc(castBallots.tracker))
    .offset(opts.offset)
    .limit(opts.limit);
  return { total: all?.n ?? 0, matching: matching?.n ?? 0, trackers: rows.map((r) => r.tracker) };
}

/** The labels of the colleges named by key in an electorate rule, in the reader's language. */
export async function collegeLabels(
  db: Queryable,
  organisationIds: string[],
  keys: string[],
  locale: Locale,
): Promise<string[]> {
  if (keys.length === 0 || organisationIds.length === 0) return [];
  const rows = await db
    .select({ key: colleges.key, labels: colleges.labels })
    .from(colleges)
    .where(and(inArray(colleges.organisationId, organisationIds), inArray(colleges.key, keys)))
    .orderBy(asc(colleges.position), asc(colleges.key));
  const seen = new Map<string, string>();
  for (const row of rows) if (!seen.has(row.key)) seen.set(row.key, labelIn(row.labels, locale, row.key));
  return keys.map((key) => seen.get(key) ?? key);
}
