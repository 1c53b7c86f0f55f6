import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import type { Locale } from "../../i18n/locales.js";
import { cycles, themes } from "./cycles.js";
import { offices, organisations } from "./organisations.js";
import { persons } from "./people.js";

export const BALLOT_STATUSES = ["draft", "open", "closed", "published"] as const;
export type BallotStatus = (typeof BALLOT_STATUSES)[number];

/** Who may vote: a rule evaluated once, when the ballot opens (the electorate snapshot). */
export interface ElectorateRule {
  organisationIds: string[];
  shareholdersOnly: boolean;
  /** Colleges admitted (keys); empty: all. */
  collegeKeys: string[];
}

/** A vote: the ranked theme ballot now; assembly items and elections reuse it. */
export const ballots = pgTable(
  "ballots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cycleId: uuid("cycle_id").references(() => cycles.id, { onDelete: "cascade" }),
    kind: text("kind").notNull().$type<"ranked" | "approval" | "yes_no">(),
    /** Counting method of src/domain/voting (schulze by default). */
    method: text("method").notNull().default("schulze"),
    seats: integer("seats").notNull().default(1),
    title: text("title").notNull(),
    status: text("status").notNull().$type<BallotStatus>().default("draft"),
    electorate: jsonb("electorate").notNull().$type<ElectorateRule>(),
    /** May a voter replace their ballot before the close (with the secret only they hold)? */
    allowRecast: boolean("allow_recast").notNull().default(true),
    opensAt: timestamp("opens_at", { withTimezone: true }),
    closesAt: timestamp("closes_at", { withTimezone: true }),
    /** Hours before the close when non-voters get a reminder. */
    reminderHours: integer("reminder_hours").notNull().default(48),
    openedAt: timestamp("opened_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("ballots_status_known", sql`${t.status} in ('draft','open','closed','published')`),
    check("ballots_window", sql`${t.closesAt} is null or ${t.opensAt} is null or ${t.closesAt} > ${t.opensAt}`),
    check("ballots_seats_positive", sql`${t.seats} >= 1`),
  ],
);

export const ballotOptions = pgTable(
  "ballot_options",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ballotId: uuid("ballot_id")
      .notNull()
      .references(() => ballots.id, { onDelete: "cascade" }),
    /** Stable short key (the theme key), written in exports. */
    key: text("key").notNull(),
    themeId: uuid("theme_id").references(() => themes.id, { onDelete: "restrict" }),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("ballot_options_ballot_idx").on(t.ballotId)],
);

/** The electorate snapshot taken when the ballot opens, with each voter's weight. */
export const ballotElectors = pgTable(
  "ballot_electors",
  {
    ballotId: uuid("ballot_id")
      .notNull()
      .references(() => ballots.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    collegeKey: text("college_key").notNull(),
    weight: numeric("weight", { precision: 12, scale: 6 }).notNull(),
    officeId: uuid("office_id").references(() => offices.id, { onDelete: "set null" }),
    language: text("language").notNull().$type<Locale>(),
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.ballotId, t.personId] })],
);

/**
 * Who voted (never how): one row per voter, its primary key is what makes a second ballot
 * impossible whatever the number of concurrent requests.
 */
export const ballotRegister = pgTable(
  "ballot_register",
  {
    ballotId: uuid("ballot_id")
      .notNull()
      .references(() => ballots.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.ballotId, t.personId] })],
);

/**
 * The secret ballots: no voter id, no timestamp, no id of their own (nothing can point to one).
 * `tracker` is SHA-256 of a secret that only the voter holds (their receipt code): it is listed on
 * the public bulletin board, and presenting the secret is the only way to replace the ballot. The
 * key (ballot, tracker) is the one index: it serves the board, recasting and the mixing, and a
 * close rewrites a single index (decision 012).
 */
export const castBallots = pgTable(
  "cast_ballots",
  {
    ballotId: uuid("ballot_id")
      .notNull()
      .references(() => ballots.id, { onDelete: "cascade" }),
    /** Groups of tied option keys, best first. */
    ranking: jsonb("ranking").notNull().$type<string[][]>(),
    weight: numeric("weight", { precision: 12, scale: 6 }).notNull(),
    collegeKey: text("college_key").notNull(),
    tracker: text("tracker").notNull(),
  },
  (t) => [primaryKey({ name: "cast_ballots_pkey", columns: [t.ballotId, t.tracker] })],
);

/** The counted result, stored when the ballot closes (byte-stable JSON from src/domain/voting). */
export const ballotResults = pgTable("ballot_results", {
  ballotId: uuid("ballot_id")
    .primaryKey()
    .references(() => ballots.id, { onDelete: "cascade" }),
  result: jsonb("result").notNull().$type<Record<string, unknown>>(),
  ballotsCounted: integer("ballots_counted").notNull(),
  computedAt: timestamp("computed_at", { withTimezone: true }).notNull(),
});
