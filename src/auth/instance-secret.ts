import { eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { instanceSettings } from "../db/schema/index.js";
import { randomToken } from "./secrets.js";

/** SECRET from the environment, else one generated once and shared by every instance through the database. */
export async function loadInstanceSecret(db: Db, fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return fromEnv;
  await db
    .insert(instanceSettings)
    .values({ key: "secret", value: randomToken() + randomToken() })
    .onConflictDoNothing();
  const [row] = await db.select().from(instanceSettings).where(eq(instanceSettings.key, "secret"));
  return row!.value;
}
