import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { cycles } from "./cycles.js";
import { organisations } from "./organisations.js";
import { persons } from "./people.js";
import { actionProposals } from "./recommendations.js";

/**
 * The general assembly (PRODUCT.md step 7, issue 5): sites, attendance, proxies, an agenda of
 * action proposals and statutory items, each voted yes / no / abstain, secret or named.
 */

export const ASSEMBLY_STATUSES = ["draft", "open", "closed"] as const;
export type AssemblyStatus = (typeof ASSEMBLY_STATUSES)[number];

export const assemblies = pgTable(
  "assemblies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** The cycle whose proposals it votes (optional: a statutory assembly may have none). */
    cycleId: uuid("cycle_id").references(() => cycles.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    heldOn: date("held_on", { mode: "string" }).notNull(),
    status: text("status").notNull().$type<AssemblyStatus>().default("draft"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("assemblies_status", sql`${t.status} in ('draft','open','closed')`)],
);

/** A site of a decentralised assembly; on a paper site, tellers enter the count of the slips. */
export const assemblySites = pgTable(
  "assembly_sites",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    assemblyId: uuid("assembly_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    city: text("city").notNull().default(""),
    voting: text("voting").notNull().$type<"online" | "paper">().default("online"),
    position: integer("position").notNull().default(0),
  },
  (t) => [
    unique("assembly_sites_name").on(t.assemblyId, t.name),
    check("assembly_sites_voting", sql`${t.voting} in ('online','paper')`),
  ],
);

/** A member present at a site, with their college and its weight as of the registration. */
export const assemblyAttendance = pgTable(
  "assembly_attendance",
  {
    assemblyId: uuid("assembly_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id, { onDelete: "cascade" }),
    siteId: uuid("site_id")
      .notNull()
      .references(() => assemblySites.id, { onDelete: "restrict" }),
    collegeKey: text("college_key").notNull(),
    weight: numeric("weight", { precision: 12, scale: 6 }).notNull(),
    recordedBy: uuid("recorded_by").references(() => persons.id, { onDelete: "set null" }),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.assemblyId, t.personId] }), index("assembly_attendance_site_idx").on(t.siteId)],
);

/** A member who is absent gives their vote to a member present; one proxy per giver (the key). */
export const assemblyProxies = pgTable(
  "assembly_proxies",
  {
    assemblyId: uuid("assembly_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    giverId: uuid("giver_id")
      .notNull()
      .references(() => persons.id, { onDelete: "cascade" }),
    holderId: uuid("holder_id")
      .notNull()
      .references(() => persons.id, { onDelete: "cascade" }),
    /** The giver's college and weight: the vote carried is theirs. */
    collegeKey: text("college_key").notNull(),
    weight: numeric("weight", { precision: 12, scale: 6 }).notNull(),
    recordedBy: uuid("recorded_by").references(() => persons.id, { onDelete: "set null" }),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.assemblyId, t.giverId] }),
    index("assembly_proxies_holder_idx").on(t.assemblyId, t.holderId),
    check("assembly_proxies_not_self", sql`${t.giverId} <> ${t.holderId}`),
  ],
);

export const ITEM_STATUSES = ["pending", "open", "closed"] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** An agenda item: an action proposal or a statutory item, voted yes / no / abstain. */
export const assemblyItems = pgTable(
  "assembly_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    assemblyId: uuid("assembly_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: text("kind").notNull().$type<"proposal" | "statutory">(),
    proposalId: uuid("proposal_id").references(() => actionProposals.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** Which rule of the statutes applies. */
    decisionKind: text("decision_kind").notNull().$type<"ordinary" | "extraordinary">().default("ordinary"),
    /** Secret: anonymous votes with receipts, as the theme ballot; named: who voted what is kept. */
    secret: boolean("secret").notNull().default(true),
    status: text("status").notNull().$type<ItemStatus>().default("pending"),
    openedAt: timestamp("opened_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** decideItem's result, stored at the close (byte-stable JSON). */
    result: jsonb("result").$type<Record<string, unknown>>(),
    /** Whether the item passed, copied from the result for lists. */
    adopted: boolean("adopted"),
  },
  (t) => [
    unique("assembly_items_position").on(t.assemblyId, t.position),
    check("assembly_items_kind", sql`${t.kind} in ('proposal','statutory')`),
    check("assembly_items_proposal", sql`(${t.kind} = 'proposal') = (${t.proposalId} is not null)`),
    check("assembly_items_decision_kind", sql`${t.decisionKind} in ('ordinary','extraordinary')`),
    check("assembly_items_status", sql`${t.status} in ('pending','open','closed')`),
  ],
);

export const VOTE_CHOICES = ["yes", "no", "abstain"] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

/**
 * Who voted on an item (never how, for a secret item): its key makes a second vote for the same
 * member impossible, whether cast by them or by their proxy holder.
 */
export const assemblyVoteRegister = pgTable(
  "assembly_vote_register",
  {
    itemId: uuid("item_id")
      .notNull()
      .references(() => assemblyItems.id, { onDelete: "cascade" }),
    /** The member whose vote it is (the giver, for a proxy vote). */
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id, { onDelete: "cascade" }),
    /** Who cast it: the member, or their proxy holder. */
    castBy: uuid("cast_by")
      .notNull()
      .references(() => persons.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.personId] })],
);

/** Secret votes: no voter, no time, no id; the tracker is SHA-256 of the voter's receipt secret. */
export const assemblySecretVotes = pgTable(
  "assembly_secret_votes",
  {
    itemId: uuid("item_id")
      .notNull()
      .references(() => assemblyItems.id, { onDelete: "cascade" }),
    choice: text("choice").notNull().$type<VoteChoice>(),
    collegeKey: text("college_key").notNull(),
    weight: numeric("weight", { precision: 12, scale: 6 }).notNull(),
    proxy: boolean("proxy").notNull().default(false),
    tracker: text("tracker").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.tracker] }),
    check("assembly_secret_votes_choice", sql`${t.choice} in ('yes','no','abstain')`),
  ],
);

/** Named votes: who voted what, published with the result. */
export const assemblyNamedVotes = pgTable(
  "assembly_named_votes",
  {
    itemId: uuid("item_id")
      .notNull()
      .references(() => assemblyItems.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id, { onDelete: "cascade" }),
    castBy: uuid("cast_by")
      .notNull()
      .references(() => persons.id, { onDelete: "cascade" }),
    choice: text("choice").notNull().$type<VoteChoice>(),
    collegeKey: text("college_key").notNull(),
    weight: numeric("weight", { precision: 12, scale: 6 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.personId] }),
    check("assembly_named_votes_choice", sql`${t.choice} in ('yes','no','abstain')`),
  ],
);

/** The tellers' count of the paper slips of one site, per college (own and proxy votes together). */
export const assemblyPaperTallies = pgTable(
  "assembly_paper_tallies",
  {
    itemId: uuid("item_id")
      .notNull()
      .references(() => assemblyItems.id, { onDelete: "cascade" }),
    siteId: uuid("site_id")
      .notNull()
      .references(() => assemblySites.id, { onDelete: "cascade" }),
    collegeKey: text("college_key").notNull(),
    yes: integer("yes").notNull(),
    no: integer("no").notNull(),
    abstain: integer("abstain").notNull(),
    tellerId: uuid("teller_id").references(() => persons.id, { onDelete: "set null" }),
    enteredAt: timestamp("entered_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.siteId, t.collegeKey] }),
    check("assembly_paper_tallies_counts", sql`${t.yes} >= 0 and ${t.no} >= 0 and ${t.abstain} >= 0`),
  ],
);

/** Tellers of an assembly: who may enter paper counts (assigned by those who run the assembly). */
export const assemblyTellers = pgTable(
  "assembly_tellers",
  {
    assemblyId: uuid("assembly_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id, { onDelete: "cascade" }),
    siteId: uuid("site_id").references(() => assemblySites.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.assemblyId, t.personId] })],
);
