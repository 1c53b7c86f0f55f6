import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { organisations } from "./organisations.js";
import { persons } from "./people.js";
import { actionProposals } from "./recommendations.js";

/**
 * The strategic plan and the action plan of an organisation (PRODUCT.md step 7, issue 6): the
 * axes of its plan, which recommendations map to by key (`recommendations.axes`), and the
 * programmes and projects that implement adopted action proposals, with dated progress updates.
 */

/** One axis of the organisation's strategic plan ("Smart 2025": six axes). */
export const strategicAxes = pgTable(
  "strategic_axes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** The key recommendations name in `recommendations.axes` (e.g. "democracy"). */
    key: text("key").notNull(),
    /** The number the plan gives it ("axe 4"); also the order of the list. */
    position: integer("position").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("strategic_axes_org_key").on(t.organisationId, t.key),
    check("strategic_axes_key", sql`${t.key} ~ '^[a-z0-9][a-z0-9-]{0,62}$'`),
    check("strategic_axes_position", sql`${t.position} >= 1`),
  ],
);

export const PROJECT_STATUSES = ["planned", "in_progress", "done", "abandoned"] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** A programme groups projects under one owner team. */
export const actionProgrammes = pgTable(
  "action_programmes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    ownerTeam: text("owner_team").notNull(),
    createdBy: uuid("created_by").references(() => persons.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("action_programmes_org_idx").on(t.organisationId)],
);

/** A project of a programme; its status and progress are those of its latest update. */
export const actionProjects = pgTable(
  "action_projects",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    programmeId: uuid("programme_id")
      .notNull()
      .references(() => actionProgrammes.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    ownerTeam: text("owner_team").notNull(),
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    endsOn: date("ends_on", { mode: "string" }),
    status: text("status").notNull().$type<ProjectStatus>().default("planned"),
    /** Why it was abandoned (required when abandoned). */
    abandonReason: text("abandon_reason").notNull().default(""),
    progress: integer("progress").notNull().default(0),
    createdBy: uuid("created_by").references(() => persons.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("action_projects_programme_idx").on(t.programmeId),
    check("action_projects_status", sql`${t.status} in ('planned','in_progress','done','abandoned')`),
    check("action_projects_progress", sql`${t.progress} between 0 and 100`),
    check("action_projects_dates", sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
    check("action_projects_reason", sql`${t.status} <> 'abandoned' or length(trim(${t.abandonReason})) > 0`),
  ],
);

/** The adopted action proposals a project implements (and through them, recommendations). */
export const actionProjectProposals = pgTable(
  "action_project_proposals",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => actionProjects.id, { onDelete: "cascade" }),
    proposalId: uuid("proposal_id")
      .notNull()
      .references(() => actionProposals.id, { onDelete: "restrict" }),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.proposalId] }),
    index("action_project_proposals_proposal_idx").on(t.proposalId),
  ],
);

/** A dated progress update of a project: what was done, the progress and status from then on. */
export const actionProjectUpdates = pgTable(
  "action_project_updates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => actionProjects.id, { onDelete: "cascade" }),
    on: date("on", { mode: "string" }).notNull(),
    body: text("body").notNull(),
    progress: integer("progress").notNull(),
    status: text("status").notNull().$type<ProjectStatus>(),
    reason: text("reason").notNull().default(""),
    authorId: uuid("author_id").references(() => persons.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("action_project_updates_project_idx").on(t.projectId, t.on),
    check("action_project_updates_status", sql`${t.status} in ('planned','in_progress','done','abandoned')`),
    check("action_project_updates_progress", sql`${t.progress} between 0 and 100`),
    check("action_project_updates_reason", sql`${t.status} <> 'abandoned' or length(trim(${t.reason})) > 0`),
  ],
);
