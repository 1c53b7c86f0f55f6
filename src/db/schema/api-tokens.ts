import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { persons } from "./people.js";

/**
 * Personal API tokens (decision 017): a signed-in person creates one for a script; it is shown
 * once and only its SHA-256 is kept. The owner or an instance administrator revokes it.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id, { onDelete: "cascade" }),
    /** What the person calls it ("export script"). */
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    /** The first characters of the token, to recognise it in a list. */
    prefix: text("prefix").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by").references(() => persons.id, { onDelete: "set null" }),
  },
  (t) => [index("api_tokens_person_idx").on(t.personId)],
);
