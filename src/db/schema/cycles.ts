import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import type { Locale } from "../../i18n/locales.js";
import { organisations } from "./organisations.js";

/** An edition of the participatory process, e.g. "2020–2021"; one organisation or several (binational). */
export const cycles = pgTable(
  "cycles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    sourceLanguage: text("source_language").notNull().$type<Locale>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("cycles_slug_format", sql`${t.slug} ~ '^[a-z0-9][a-z0-9-]{1,62}$'`)],
);

/** "Rules of the game" and other long text of a cycle, per language. */
export const cycleTranslations = pgTable(
  "cycle_translations",
  {
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    locale: text("locale").notNull().$type<Locale>(),
    title: text("title").notNull(),
    rules: text("rules").notNull().default(""),
    outdated: boolean("outdated").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.locale] })],
);

export const cycleOrganisations = pgTable(
  "cycle_organisations",
  {
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.cycleId, t.organisationId] }),
    index("cycle_organisations_org_idx").on(t.organisationId),
  ],
);

export const PHASES = ["themes", "working_groups", "recommendations", "board", "assembly", "implementation"] as const;
export type Phase = (typeof PHASES)[number];

export const cyclePhases = pgTable(
  "cycle_phases",
  {
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    phase: text("phase").notNull().$type<Phase>(),
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    endsOn: date("ends_on", { mode: "string" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.cycleId, t.phase] }),
    check("cycle_phases_order", sql`${t.endsOn} >= ${t.startsOn}`),
    check(
      "cycle_phases_known",
      sql`${t.phase} in ('themes','working_groups','recommendations','board','assembly','implementation')`,
    ),
  ],
);

export const THEME_STATUSES = ["proposed", "on_ballot", "carried_over", "selected", "not_selected"] as const;
export type ThemeStatus = (typeof THEME_STATUSES)[number];

export const themes = pgTable(
  "themes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    /** Short stable key within the cycle (used in exports and PrefLib files). */
    key: text("key").notNull(),
    position: integer("position").notNull().default(0),
    status: text("status").notNull().$type<ThemeStatus>().default("proposed"),
    /** Where the theme applies when narrower than the cycle, e.g. "France only" (organisation id). */
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    sourceLanguage: text("source_language").notNull().$type<Locale>(),
  },
  (t) => [
    unique("themes_cycle_key").on(t.cycleId, t.key),
    check("themes_key_format", sql`${t.key} ~ '^[a-z0-9][a-z0-9-]{0,62}$'`),
    check("themes_status_known", sql`${t.status} in ('proposed','on_ballot','carried_over','selected','not_selected')`),
  ],
);

export const themeTranslations = pgTable(
  "theme_translations",
  {
    themeId: uuid("theme_id")
      .notNull()
      .references(() => themes.id, { onDelete: "cascade" }),
    locale: text("locale").notNull().$type<Locale>(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** Set when the source text changed after this translation was written. */
    outdated: boolean("outdated").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.themeId, t.locale] })],
);
