import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import type { Locale } from "../../i18n/locales.js";
import { colleges, offices, organisations } from "./organisations.js";

export const persons = pgTable(
  "persons",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Always stored lower-cased and trimmed. */
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    locale: text("locale").notNull().$type<Locale>().default("fr"),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("persons_email_lower", sql`${t.email} = lower(${t.email})`)],
);

export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    collegeId: uuid("college_id")
      .notNull()
      .references(() => colleges.id),
    memberNumber: text("member_number"),
    isShareholder: boolean("is_shareholder").notNull().default(false),
    shares: integer("shares").notNull().default(0),
    officeId: uuid("office_id").references(() => offices.id, { onDelete: "set null" }),
    sector: text("sector").notNull().default(""),
    language: text("language").notNull().$type<Locale>(),
    directoryOptIn: boolean("directory_opt_in").notNull().default(false),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("memberships_person_org").on(t.personId, t.organisationId),
    index("memberships_org_idx").on(t.organisationId),
    check("memberships_shares_nonnegative", sql`${t.shares} >= 0`),
    check(
      "memberships_shareholder_has_shares",
      sql`(${t.isShareholder} and ${t.shares} > 0) or (not ${t.isShareholder} and ${t.shares} = 0)`,
    ),
  ],
);

export const ROLES = [
  "admin",
  "cycle_manager",
  "facilitator",
  "secretary",
  "board_member",
  "ethics_committee",
  "guest_author",
  "translator",
] as const;
/** Roles held by assignment. "member" comes from a membership, "visitor" from having no session. */
export type AssignedRole = (typeof ROLES)[number];

export const roleAssignments = pgTable(
  "role_assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id, { onDelete: "cascade" }),
    /** null: the role holds in every organisation of the instance (instance administrators). */
    organisationId: uuid("organisation_id").references(() => organisations.id, {
      onDelete: "cascade",
    }),
    role: text("role").notNull().$type<AssignedRole>(),
    grantedAt: timestamp("granted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("role_assignments_unique").on(t.personId, t.organisationId, t.role).nullsNotDistinct(),
    check(
      "role_assignments_known_role",
      sql`${t.role} in ('admin','cycle_manager','facilitator','secretary','board_member','ethics_committee','guest_author','translator')`,
    ),
  ],
);
