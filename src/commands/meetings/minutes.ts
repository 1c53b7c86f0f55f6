import { and, eq, ne } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { minutes } from "../../db/schema/index.js";
import type { GroupContext } from "../groups/load.js";
import { auditMeeting } from "./save.js";

export type MinutesOutcome = { ok: true } | { ok: false; reason: "published" | "no_draft" };

/**
 * Saves the draft of a meeting's minutes, as typed: the text is stored unchanged and only ever
 * shown as text. Published minutes are no longer changed.
 */
export async function saveMinutesDraft(
  db: Db,
  actorId: string,
  meetingId: string,
  body: string,
  now = new Date(),
): Promise<MinutesOutcome> {
  const [row] = await db
    .insert(minutes)
    .values({ meetingId, body, status: "draft", updatedBy: actorId, updatedAt: now })
    .onConflictDoUpdate({
      target: minutes.meetingId,
      set: { body, updatedBy: actorId, updatedAt: now },
      setWhere: ne(minutes.status, "published"),
    })
    .returning({ meetingId: minutes.meetingId });
  return row ? { ok: true } : { ok: false, reason: "published" };
}

/** Publishes the draft, once, with its audit entry. */
export async function publishMinutes(
  db: Db,
  actorId: string,
  group: GroupContext,
  meetingId: string,
  now = new Date(),
): Promise<MinutesOutcome> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(minutes)
      .set({ status: "published", publishedBy: actorId, publishedAt: now })
      .where(and(eq(minutes.meetingId, meetingId), eq(minutes.status, "draft")))
      .returning({ meetingId: minutes.meetingId });
    if (!row) return { ok: false, reason: "no_draft" } as const;
    await auditMeeting(tx, { actorId, action: "minutes.published", meetingId, group }, now);
    return { ok: true } as const;
  });
}
