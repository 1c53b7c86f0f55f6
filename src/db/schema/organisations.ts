import { sql } from "drizzle-orm";
import { boolean, check, integer, jsonb, numeric, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import type { Locale } from "../../i18n/locales.js";
import type { Statutes } from "../../domain/organisations/statutes.js";

/** Short labels of configuration entities, per interface language (see decision 005). */
export type Labels = Partial<Record<Locale, string>>;

export const organisations = pgTable(
  "organisations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    legalName: text("legal_name").notNull().default(""),
    country: text("country").notNull(),
    languages: text("languages").array().notNull().$type<Locale[]>(),
    defaultLanguage: text("default_language").notNull().$type<Locale>(),
    statutes: jsonb("statutes").notNull().$type<Statutes>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("organisations_slug_format", sql`${t.slug} ~ '^[a-z0-9][a-z0-9-]{1,62}$'`)],
);

export const offices = pgTable(
  "offices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    city: text("city").notNull(),
    isHeadOffice: boolean("is_head_office").notNull().default(false),
  },
  (t) => [unique("offices_org_name").on(t.organisationId, t.name)],
);

export const colleges = pgTable(
  "colleges",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    labels: jsonb("labels").notNull().$type<Labels>(),
    /** Exact decimal: vote weight of one member of this college. */
    weight: numeric("weight", { precision: 12, scale: 6 }).notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [
    unique("colleges_org_key").on(t.organisationId, t.key),
    check("colleges_key_format", sql`${t.key} ~ '^[a-z0-9][a-z0-9-]{0,62}$'`),
    check("colleges_weight_nonnegative", sql`${t.weight} >= 0`),
  ],
);
