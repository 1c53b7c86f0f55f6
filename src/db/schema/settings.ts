import { pgTable, text } from "drizzle-orm/pg-core";

/** Instance-wide values shared by every app instance (e.g. the generated signing secret). */
export const instanceSettings = pgTable("instance_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});
