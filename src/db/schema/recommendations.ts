import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import type { Workflow } from "../../domain/workflow/workflow.js";
import type { Locale } from "../../i18n/locales.js";
import { cycles } from "./cycles.js";
import { groupDocuments, workingGroups } from "./groups.js";
import { organisations } from "./organisations.js";
import { persons } from "./people.js";

/**
 * Recommendations, from the working group's draft to the board's decision and the action
 * proposals put before the general assembly (PRODUCT.md steps 5–6, issue 5).
 */

/** The sections of a recommendation, in the order the booklet prints them. */
export const RECOMMENDATION_SECTIONS = ["context", "argumentation", "attention", "alreadyDoes", "examples"] as const;
export type RecommendationSection = (typeof RECOMMENDATION_SECTIONS)[number];
export type RecommendationSections = Record<RecommendationSection, string>;

/** A participant's words, as the booklet quotes them: text, first name and college. */
export interface ParticipantQuote {
  text: string;
  firstName: string;
  college: string;
}

/** A footnote; `minority` marks a minority opinion of the group. */
export interface Footnote {
  text: string;
  minority: boolean;
}

/**
 * Workflow states of a recommendation (the default workflow; an organisation may configure its
 * own, see `workflowConfigs`). Kept as text so that configured states need no migration.
 */
export type RecommendationState = string;

export const recommendations = pgTable(
  "recommendations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    groupId: uuid("group_id")
      .notNull()
      .references(() => workingGroups.id, { onDelete: "restrict" }),
    /** Number within the cycle, as the booklet prints it ("recommandation 34"). */
    number: integer("number").notNull(),
    /** The language the group writes in; translations are of this text. */
    sourceLanguage: text("source_language").notNull().$type<Locale>(),
    /** Current workflow state (default workflow: draft → submitted → under_review → retained … ). */
    state: text("state").notNull().$type<RecommendationState>().default("draft"),
    /** Keys of the strategic axes it serves (free keys of the cycle, e.g. "democracy"). */
    axes: text("axes")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdBy: uuid("created_by").references(() => persons.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("recommendations_cycle_number").on(t.cycleId, t.number),
    index("recommendations_group_idx").on(t.groupId),
    check("recommendations_number_positive", sql`${t.number} >= 1`),
  ],
);

/** Every save is a version; a version is never changed once written (frozen ones even less). */
export const recommendationVersions = pgTable(
  "recommendation_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    recommendationId: uuid("recommendation_id")
      .notNull()
      .references(() => recommendations.id, { onDelete: "cascade" }),
    /** 1, 2, 3 … within the recommendation. */
    number: integer("number").notNull(),
    title: text("title").notNull(),
    /** The facilitator kept a title that does not start with an infinitive, knowingly. */
    titleCheckOverridden: boolean("title_check_overridden").notNull().default(false),
    sections: jsonb("sections").notNull().$type<RecommendationSections>(),
    quotes: jsonb("quotes").notNull().$type<ParticipantQuote[]>().default([]),
    footnotes: jsonb("footnotes").notNull().$type<Footnote[]>().default([]),
    /** How the version came to be: a group member's save, or the board's merge of amendments. */
    origin: text("origin").notNull().$type<"draft" | "amended">().default("draft"),
    /** Set when the facilitator submits the group's set to the board: that version is frozen. */
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    /** Characters per line of the numbering amendments refer to (decided when the version is made). */
    lineLength: integer("line_length").notNull().default(80),
    authorId: uuid("author_id").references(() => persons.id, { onDelete: "set null" }),
    note: text("note").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("recommendation_versions_number").on(t.recommendationId, t.number),
    check("recommendation_versions_number_positive", sql`${t.number} >= 1`),
    check("recommendation_versions_origin", sql`${t.origin} in ('draft','amended')`),
    check("recommendation_versions_line_length", sql`${t.lineLength} between 20 and 200`),
  ],
);

/** A translation of a recommendation into one language, made from one version of the source. */
export const recommendationTranslations = pgTable(
  "recommendation_translations",
  {
    recommendationId: uuid("recommendation_id")
      .notNull()
      .references(() => recommendations.id, { onDelete: "cascade" }),
    language: text("language").notNull().$type<Locale>(),
    /** The source version translated; the translation is outdated when a newer version exists. */
    sourceVersionId: uuid("source_version_id")
      .notNull()
      .references(() => recommendationVersions.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    sections: jsonb("sections").notNull().$type<RecommendationSections>(),
    quotes: jsonb("quotes").notNull().$type<ParticipantQuote[]>().default([]),
    footnotes: jsonb("footnotes").notNull().$type<Footnote[]>().default([]),
    translatorId: uuid("translator_id").references(() => persons.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.recommendationId, t.language] }),
    check("recommendation_translations_language", sql`${t.language} in ('fr','nl','de','en')`),
  ],
);

export const recommendationComments = pgTable(
  "recommendation_comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    recommendationId: uuid("recommendation_id")
      .notNull()
      .references(() => recommendations.id, { onDelete: "cascade" }),
    /** The version on screen when the comment was written. */
    versionId: uuid("version_id").references(() => recommendationVersions.id, { onDelete: "set null" }),
    authorId: uuid("author_id").references(() => persons.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("recommendation_comments_rec_idx").on(t.recommendationId, t.createdAt)],
);

/** Documents of the group's library attached to a recommendation. */
export const recommendationAttachments = pgTable(
  "recommendation_attachments",
  {
    recommendationId: uuid("recommendation_id")
      .notNull()
      .references(() => recommendations.id, { onDelete: "cascade" }),
    documentId: uuid("document_id")
      .notNull()
      .references(() => groupDocuments.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.recommendationId, t.documentId] })],
);

/** The facilitator's submission of the group's set to the board. */
export const groupSubmissions = pgTable(
  "group_submissions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => workingGroups.id, { onDelete: "cascade" }),
    submittedBy: uuid("submitted_by").references(() => persons.id, { onDelete: "set null" }),
    note: text("note").notNull().default(""),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("group_submissions_group_idx").on(t.groupId)],
);

/** A board member's note on a submitted recommendation (internal to the board). */
export const boardNotes = pgTable(
  "board_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    recommendationId: uuid("recommendation_id")
      .notNull()
      .references(() => recommendations.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => persons.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("board_notes_rec_idx").on(t.recommendationId, t.createdAt)],
);

export const AMENDMENT_STATUSES = ["proposed", "accepted", "rejected", "merged"] as const;
export type AmendmentStatus = (typeof AMENDMENT_STATUSES)[number];

/**
 * "Replace lines 12–14 of section `argumentation` of version 3 (numbered at 80 characters)".
 * Lines are those of src/domain/recommendations/line-numbers.ts, per section.
 */
export const amendments = pgTable(
  "amendments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    recommendationId: uuid("recommendation_id")
      .notNull()
      .references(() => recommendations.id, { onDelete: "cascade" }),
    versionId: uuid("version_id")
      .notNull()
      .references(() => recommendationVersions.id, { onDelete: "cascade" }),
    section: text("section").notNull().$type<RecommendationSection>(),
    lineLength: integer("line_length").notNull(),
    fromLine: integer("from_line").notNull(),
    toLine: integer("to_line").notNull(),
    replacement: text("replacement").notNull(),
    /** Why the author proposes it. */
    reason: text("reason").notNull().default(""),
    status: text("status").notNull().$type<AmendmentStatus>().default("proposed"),
    authorId: uuid("author_id").references(() => persons.id, { onDelete: "set null" }),
    decidedBy: uuid("decided_by").references(() => persons.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    /** The version the accepted amendment was merged into. */
    mergedIntoVersionId: uuid("merged_into_version_id").references(() => recommendationVersions.id, {
      onDelete: "set null",
    }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("amendments_rec_idx").on(t.recommendationId),
    check("amendments_status", sql`${t.status} in ('proposed','accepted','rejected','merged')`),
    check("amendments_range", sql`${t.fromLine} >= 1 and ${t.toLine} >= ${t.fromLine}`),
    check("amendments_section", sql`${t.section} in ('context','argumentation','attention','alreadyDoes','examples')`),
  ],
);

export const BOARD_DECISIONS = ["retained", "retained_amended", "merged", "not_retained"] as const;
export type BoardDecision = (typeof BOARD_DECISIONS)[number];

/** The board's decision on a recommendation, published with it, with its reasons. */
export const boardDecisions = pgTable(
  "board_decisions",
  {
    recommendationId: uuid("recommendation_id")
      .primaryKey()
      .references(() => recommendations.id, { onDelete: "cascade" }),
    decision: text("decision").notNull().$type<BoardDecision>(),
    /** For "merged": the recommendation it was merged into. */
    mergedIntoId: uuid("merged_into_id").references(() => recommendations.id, { onDelete: "restrict" }),
    /** The version the decision is about (the submitted or the amended one). */
    versionId: uuid("version_id")
      .notNull()
      .references(() => recommendationVersions.id, { onDelete: "restrict" }),
    reasons: text("reasons").notNull(),
    decidedBy: uuid("decided_by").references(() => persons.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("board_decisions_known", sql`${t.decision} in ('retained','retained_amended','merged','not_retained')`),
    check(
      "board_decisions_merged_into",
      sql`(${t.decision} = 'merged') = (${t.mergedIntoId} is not null) and ${t.mergedIntoId} is distinct from ${t.recommendationId}`,
    ),
  ],
);

/** What the board puts before the general assembly; one can come from several recommendations. */
export const actionProposals = pgTable(
  "action_proposals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    /** The organisation whose assembly votes it. */
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** Workflow state: proposed, on_agenda, adopted, rejected, withdrawn (default workflow). */
    state: text("state").notNull().default("proposed"),
    createdBy: uuid("created_by").references(() => persons.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("action_proposals_cycle_number").on(t.cycleId, t.number),
    check("action_proposals_number_positive", sql`${t.number} >= 1`),
  ],
);

export const actionProposalRecommendations = pgTable(
  "action_proposal_recommendations",
  {
    proposalId: uuid("proposal_id")
      .notNull()
      .references(() => actionProposals.id, { onDelete: "cascade" }),
    recommendationId: uuid("recommendation_id")
      .notNull()
      .references(() => recommendations.id, { onDelete: "restrict" }),
  },
  (t) => [
    primaryKey({ columns: [t.proposalId, t.recommendationId] }),
    index("action_proposal_recommendations_rec_idx").on(t.recommendationId),
  ],
);

/** An organisation's own workflow for one kind of thing; without a row, the defaults in code hold. */
export const workflowConfigs = pgTable(
  "workflow_configs",
  {
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    subject: text("subject").notNull().$type<"recommendation" | "action_proposal">(),
    config: jsonb("config").notNull().$type<Workflow>(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.subject] }),
    check("workflow_configs_subject", sql`${t.subject} in ('recommendation','action_proposal')`),
  ],
);

/** Every state change, with who, when and why: the trace of a recommendation or proposal. */
export const stateChanges = pgTable(
  "state_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    subject: text("subject").notNull().$type<"recommendation" | "action_proposal">(),
    subjectId: uuid("subject_id").notNull(),
    fromState: text("from_state"),
    toState: text("to_state").notNull(),
    actorId: uuid("actor_id").references(() => persons.id, { onDelete: "set null" }),
    reason: text("reason").notNull().default(""),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("state_changes_subject_idx").on(t.subject, t.subjectId, t.at),
    check("state_changes_subject", sql`${t.subject} in ('recommendation','action_proposal')`),
  ],
);
