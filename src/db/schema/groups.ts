import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import type { Locale } from "../../i18n/locales.js";
import { cycles, themes } from "./cycles.js";
import { colleges, offices, organisations } from "./organisations.js";
import { persons } from "./people.js";

/** Who may read a group's published minutes: the members of its organisations, or anyone. */
export type MinutesVisibility = "members" | "public";

/**
 * A working group: one selected (or carried-over) theme of a cycle, in one country
 * (organisationId set) or across every organisation of the cycle (organisationId null: binational).
 */
export const workingGroups = pgTable(
  "working_groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    themeId: uuid("theme_id")
      .notNull()
      .references(() => themes.id, { onDelete: "restrict" }),
    /** null: the group spans every organisation of its cycle. */
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    /** Short name within the cycle, e.g. "governance-be"; used in file names and feeds. */
    key: text("key").notNull(),
    /** Free text in the cycle's source language: the group's mandate, beyond the theme's description. */
    description: text("description").notNull().default(""),
    startsOn: date("starts_on", { mode: "string" }),
    endsOn: date("ends_on", { mode: "string" }),
    minutesVisibility: text("minutes_visibility").notNull().$type<MinutesVisibility>().default("members"),
    /** Whether members may ask to join (the facilitator accepts); invitations work either way. */
    openToRequests: boolean("open_to_requests").notNull().default(true),
    /** Exact decimal, in euros. */
    budgetAllocated: numeric("budget_allocated", { precision: 12, scale: 2 }).notNull().default("0"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("working_groups_cycle_key").on(t.cycleId, t.key),
    index("working_groups_theme_idx").on(t.themeId),
    check("working_groups_key_format", sql`${t.key} ~ '^[a-z0-9][a-z0-9-]{0,62}$'`),
    check("working_groups_dates", sql`${t.endsOn} is null or ${t.startsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
    check("working_groups_minutes_visibility", sql`${t.minutesVisibility} in ('members','public')`),
    check("working_groups_budget_nonnegative", sql`${t.budgetAllocated} >= 0`),
  ],
);

export const GROUP_ROLES = ["facilitator", "referent", "secretary", "participant"] as const;
/** A person's part in one group: referent = referent board member. */
export type GroupRole = (typeof GROUP_ROLES)[number];

export const GROUP_MEMBER_STATUSES = ["invited", "requested", "active", "declined", "left"] as const;
export type GroupMemberStatus = (typeof GROUP_MEMBER_STATUSES)[number];

/** One person in one group, with one role; invitations and requests wait here until accepted. */
export const groupMembers = pgTable(
  "group_members",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => workingGroups.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id, { onDelete: "cascade" }),
    role: text("role").notNull().$type<GroupRole>(),
    status: text("status").notNull().$type<GroupMemberStatus>(),
    /** The college the person took part from (copied from their membership when they joined). */
    collegeId: uuid("college_id").references(() => colleges.id, { onDelete: "set null" }),
    invitedBy: uuid("invited_by").references(() => persons.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.personId] }),
    index("group_members_person_idx").on(t.personId),
    check("group_members_role_known", sql`${t.role} in ('facilitator','referent','secretary','participant')`),
    check("group_members_status_known", sql`${t.status} in ('invited','requested','active','declined','left')`),
  ],
);

export const MEETING_PLACES = ["office", "head_office", "site_visit", "online"] as const;
export type MeetingPlace = (typeof MEETING_PLACES)[number];

export const meetings = pgTable(
  "meetings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => workingGroups.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    place: text("place").notNull().$type<MeetingPlace>(),
    /** For place = office or head_office. */
    officeId: uuid("office_id").references(() => offices.id, { onDelete: "set null" }),
    /** Address or description of a site visit; room name at an office. */
    location: text("location").notNull().default(""),
    /** For place = online: https link only. */
    onlineUrl: text("online_url").notNull().default(""),
    agenda: text("agenda").notNull().default(""),
    /** Invited experts, one per line. */
    experts: text("experts").notNull().default(""),
    /** Languages interpreters are needed for. */
    interpretation: text("interpretation")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`)
      .$type<Locale[]>(),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    reminderSentAt: timestamp("reminder_sent_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => persons.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("meetings_group_starts_idx").on(t.groupId, t.startsAt),
    check("meetings_duration_range", sql`${t.durationMinutes} between 15 and 1440`),
    check("meetings_place_known", sql`${t.place} in ('office','head_office','site_visit','online')`),
  ],
);

/** Registration (before) and attendance (taken by the secretary) of one person at one meeting. */
export const meetingAttendance = pgTable(
  "meeting_attendance",
  {
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id, { onDelete: "cascade" }),
    registeredAt: timestamp("registered_at", { withTimezone: true }),
    /** null until the secretary takes attendance. */
    attended: boolean("attended"),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.personId] }), index("meeting_attendance_person_idx").on(t.personId)],
);

/** The minutes of one meeting: drafted by the secretary, published by the facilitator. */
export const minutes = pgTable("minutes", {
  meetingId: uuid("meeting_id")
    .primaryKey()
    .references(() => meetings.id, { onDelete: "cascade" }),
  /** Plain text with light structure (paragraphs, "- " lists); never interpreted as HTML. */
  body: text("body").notNull(),
  status: text("status").notNull().$type<"draft" | "published">().default("draft"),
  updatedBy: uuid("updated_by").references(() => persons.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  publishedBy: uuid("published_by").references(() => persons.id, { onDelete: "set null" }),
  publishedAt: timestamp("published_at", { withTimezone: true }),
});

export const DOCUMENT_KINDS = ["working", "minutes", "expert_note", "sketch", "other"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_VISIBILITIES = ["group", "members", "public"] as const;
export type DocumentVisibility = (typeof DOCUMENT_VISIBILITIES)[number];

export const groupDocuments = pgTable(
  "group_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => workingGroups.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    kind: text("kind").notNull().$type<DocumentKind>(),
    visibility: text("visibility").notNull().$type<DocumentVisibility>().default("group"),
    createdBy: uuid("created_by").references(() => persons.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("group_documents_group_idx").on(t.groupId),
    check("group_documents_kind_known", sql`${t.kind} in ('working','minutes','expert_note','sketch','other')`),
    check("group_documents_visibility_known", sql`${t.visibility} in ('group','members','public')`),
  ],
);

/** One version of a document: an uploaded file, or text written on the site (diffable). */
export const documentVersions = pgTable(
  "document_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    documentId: uuid("document_id")
      .notNull()
      .references(() => groupDocuments.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    /** Key in the file store (src/storage); null for a text version. */
    storageKey: text("storage_key"),
    fileName: text("file_name"),
    mediaType: text("media_type"),
    size: integer("size"),
    sha256: text("sha256"),
    /** Text of a text version, or text extracted from a plain-text upload; used for diffs. */
    textContent: text("text_content"),
    note: text("note").notNull().default(""),
    createdBy: uuid("created_by").references(() => persons.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("document_versions_number").on(t.documentId, t.version),
    check("document_versions_positive", sql`${t.version} >= 1`),
    check("document_versions_has_content", sql`${t.storageKey} is not null or ${t.textContent} is not null`),
  ],
);

export const EXPENSE_CATEGORIES = ["travel", "meals", "visits", "interviews", "interpretation", "other"] as const;
export type ExpenseCategory = (typeof EXPENSE_CATEGORIES)[number];
export const EXPENSE_STATUSES = ["submitted", "approved", "refused", "reimbursed"] as const;
export type ExpenseStatus = (typeof EXPENSE_STATUSES)[number];

export const expenses = pgTable(
  "expenses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => workingGroups.id, { onDelete: "cascade" }),
    submittedBy: uuid("submitted_by")
      .notNull()
      .references(() => persons.id, { onDelete: "restrict" }),
    category: text("category").notNull().$type<ExpenseCategory>(),
    /** Exact decimal, in euros. */
    amount: numeric("amount", { precision: 12, scale: 2 }).notNull(),
    spentOn: date("spent_on", { mode: "string" }).notNull(),
    description: text("description").notNull(),
    receiptKey: text("receipt_key"),
    receiptName: text("receipt_name"),
    receiptType: text("receipt_type"),
    receiptSize: integer("receipt_size"),
    status: text("status").notNull().$type<ExpenseStatus>().default("submitted"),
    decidedBy: uuid("decided_by").references(() => persons.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    /** Required when refused. */
    reason: text("reason").notNull().default(""),
    reimbursedBy: uuid("reimbursed_by").references(() => persons.id, { onDelete: "set null" }),
    reimbursedAt: timestamp("reimbursed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("expenses_group_idx").on(t.groupId),
    check("expenses_amount_positive", sql`${t.amount} > 0`),
    check(
      "expenses_category_known",
      sql`${t.category} in ('travel','meals','visits','interviews','interpretation','other')`,
    ),
    check("expenses_status_known", sql`${t.status} in ('submitted','approved','refused','reimbursed')`),
    check("expenses_not_self_decided", sql`${t.decidedBy} is null or ${t.decidedBy} <> ${t.submittedBy}`),
  ],
);

/** A public debate in an office ("small talk"), feeding a working group. */
export const localTalks = pgTable(
  "local_talks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    /** The group it feeds (optional). */
    groupId: uuid("group_id").references(() => workingGroups.id, { onDelete: "set null" }),
    themeId: uuid("theme_id").references(() => themes.id, { onDelete: "set null" }),
    officeId: uuid("office_id").references(() => offices.id, { onDelete: "set null" }),
    city: text("city").notNull(),
    title: text("title").notNull(),
    heldAt: timestamp("held_at", { withTimezone: true }).notNull(),
    durationMinutes: integer("duration_minutes").notNull().default(120),
    /** Head count at the event (people are not registered individually). */
    attendance: integer("attendance").notNull().default(0),
    summary: text("summary").notNull().default(""),
    createdBy: uuid("created_by").references(() => persons.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("local_talks_cycle_idx").on(t.cycleId, t.heldAt),
    check("local_talks_attendance_nonnegative", sql`${t.attendance} >= 0`),
    check("local_talks_duration_range", sql`${t.durationMinutes} between 15 and 1440`),
  ],
);

/** What was said at a local talk, collected for the group. */
export const localTalkContributions = pgTable("local_talk_contributions", {
  id: uuid("id").primaryKey().defaultRandom(),
  talkId: uuid("talk_id")
    .notNull()
    .references(() => localTalks.id, { onDelete: "cascade" }),
  /** First name or "anonymous" as given; optional. */
  author: text("author").notNull().default(""),
  body: text("body").notNull(),
  createdBy: uuid("created_by").references(() => persons.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Secret token of a person's calendar feed (stored hashed); the feed URL carries the token. */
export const calendarFeeds = pgTable("calendar_feeds", {
  personId: uuid("person_id")
    .primaryKey()
    .references(() => persons.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
