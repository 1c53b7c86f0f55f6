import { sql } from "drizzle-orm";
import { boolean, check, customType, index, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import type { Locale } from "../../i18n/locales.js";
import { recommendations } from "./recommendations.js";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** The PostgreSQL text search configuration of each language (stemming and stop words). */
const CONFIG_OF_LANGUAGE = sql.raw(
  `case language when 'fr' then 'french'::regconfig when 'nl' then 'dutch'::regconfig ` +
    `when 'de' then 'german'::regconfig else 'english'::regconfig end`,
);

/**
 * One searchable text per recommendation and language: the latest version of the source, and
 * each translation. Written by database triggers on `recommendation_versions` and
 * `recommendation_translations` (migration 0008_catalogue_search), so no write path can forget it. The catalogue
 * searches `document` with the language's stemming, accent-insensitive (decision 019); a typo is
 * corrected with `search_words` first.
 */
export const recommendationSearch = pgTable(
  "recommendation_search",
  {
    recommendationId: uuid("recommendation_id")
      .notNull()
      .references(() => recommendations.id, { onDelete: "cascade" }),
    language: text("language").notNull().$type<Locale>(),
    /** The group's own text (true) or a translation. */
    isSource: boolean("is_source").notNull(),
    title: text("title").notNull(),
    /** Sections, quotes and footnotes, one after the other. */
    body: text("body").notNull(),
    document: tsvector("document")
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector(${CONFIG_OF_LANGUAGE}, immutable_unaccent(title)), 'A') || setweight(to_tsvector(${CONFIG_OF_LANGUAGE}, immutable_unaccent(body)), 'B')`,
      ),
  },
  (t) => [
    primaryKey({ columns: [t.recommendationId, t.language] }),
    index("recommendation_search_document_idx").using("gin", t.document),
    check("recommendation_search_language", sql`${t.language} in ('fr','nl','de','en')`),
  ],
);

/**
 * Every distinct word (unaccented, lower case) of the search texts, for correcting a typo: a word
 * of the query that is no word of the catalogue is replaced by the closest one by trigrams (the
 * method of the pg_trgm documentation). Filled by the same triggers; never pruned, which can only
 * suggest a word that then finds nothing.
 */
export const searchWords = pgTable("search_words", { word: text("word").primaryKey() }, (t) => [
  index("search_words_trgm_idx").using("gin", sql`${t.word} gin_trgm_ops`),
]);
