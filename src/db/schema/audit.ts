import { bigserial, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Append-only, hash-chained log of security-relevant actions.
 * hash = SHA-256(previous hash + canonical JSON of the entry); see src/audit/chain.ts.
 */
export const auditLog = pgTable("audit_log", {
  seq: bigserial("seq", { mode: "number" }).primaryKey(),
  at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
  actorId: uuid("actor_id"),
  action: text("action").notNull(),
  subjectType: text("subject_type").notNull(),
  subjectId: text("subject_id"),
  organisationId: uuid("organisation_id"),
  data: jsonb("data").notNull().$type<Record<string, unknown>>(),
  prevHash: text("prev_hash").notNull(),
  hash: text("hash").notNull().unique(),
});
