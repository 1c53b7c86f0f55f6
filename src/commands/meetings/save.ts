import { and, eq, isNull } from "drizzle-orm";
import { appendAudit, type AuditInput } from "../../audit/log.js";
import type { Db, Queryable } from "../../db/client.js";
import { meetings, type MeetingPlace } from "../../db/schema/index.js";
import type { Locale } from "../../i18n/locales.js";
import type { GroupContext, Meeting } from "../groups/load.js";

/** What the organiser sets on a meeting, already checked (src/domain/meetings). */
export interface MeetingInput {
  title: string;
  startsAt: Date;
  durationMinutes: number;
  place: MeetingPlace;
  officeId: string | null;
  location: string;
  onlineUrl: string;
  agenda: string;
  experts: string;
  interpretation: Locale[];
}

export type MeetingAuditAction = "meeting.created" | "meeting.updated" | "meeting.cancelled" | "minutes.published";

/** The audit entry of a meeting (ids only: no title, no agenda, no link). */
export async function auditMeeting(
  tx: Queryable,
  entry: { actorId: string; action: MeetingAuditAction; meetingId: string; group: GroupContext; data?: object },
  now = new Date(),
): Promise<void> {
  const input: AuditInput = {
    actorId: entry.actorId,
    action: entry.action,
    subjectType: "meeting",
    subjectId: entry.meetingId,
    organisationId: entry.group.group.organisationId ?? entry.group.facts.organisationIds[0] ?? null,
    data: { groupId: entry.group.group.id, ...entry.data },
  };
  await appendAudit(tx, input, now);
}

const FIELDS = [
  "title",
  "startsAt",
  "durationMinutes",
  "place",
  "officeId",
  "location",
  "onlineUrl",
  "agenda",
  "experts",
  "interpretation",
] as const satisfies ReadonlyArray<keyof MeetingInput>;

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

/** The names of the fields an edit changes. */
export function changedFields(before: Meeting, input: MeetingInput): string[] {
  return FIELDS.filter((f) => !same(before[f], input[f]));
}

export async function createMeeting(
  db: Db,
  actorId: string,
  group: GroupContext,
  input: MeetingInput,
  now = new Date(),
): Promise<{ ok: true; meeting: Meeting }> {
  const meeting = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(meetings)
      .values({ ...input, interpretation: [...input.interpretation], groupId: group.group.id, createdBy: actorId })
      .returning();
    await auditMeeting(tx, { actorId, action: "meeting.created", meetingId: row!.id, group }, now);
    return row!;
  });
  return { ok: true, meeting };
}

export type UpdateMeetingOutcome =
  { ok: true; meeting: Meeting; changed: string[] } | { ok: false; reason: "cancelled" | "not_found" };

/**
 * Saves an edit. A meeting moved to another time gets its reminder again (reminderSentAt is
 * cleared). Nothing changed: no write, no audit entry.
 */
export async function updateMeeting(
  db: Db,
  actorId: string,
  group: GroupContext,
  before: Meeting,
  input: MeetingInput,
  now = new Date(),
): Promise<UpdateMeetingOutcome> {
  const changed = changedFields(before, input);
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(meetings).where(eq(meetings.id, before.id)).for("update");
    if (!current) return { ok: false, reason: "not_found" } as const;
    if (current.cancelledAt) return { ok: false, reason: "cancelled" } as const;
    if (changed.length === 0) return { ok: true, meeting: current, changed } as const;
    const moved = current.startsAt.getTime() !== input.startsAt.getTime();
    const [row] = await tx
      .update(meetings)
      .set({
        ...input,
        interpretation: [...input.interpretation],
        ...(moved ? { reminderSentAt: null } : {}),
      })
      .where(eq(meetings.id, before.id))
      .returning();
    await auditMeeting(tx, { actorId, action: "meeting.updated", meetingId: before.id, group, data: { changed } }, now);
    return { ok: true, meeting: row!, changed } as const;
  });
}

export async function cancelMeeting(
  db: Db,
  actorId: string,
  group: GroupContext,
  meetingId: string,
  now = new Date(),
): Promise<{ ok: true } | { ok: false; reason: "already_cancelled" }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(meetings)
      .set({ cancelledAt: now })
      .where(and(eq(meetings.id, meetingId), isNull(meetings.cancelledAt)))
      .returning({ id: meetings.id });
    if (!row) return { ok: false, reason: "already_cancelled" } as const;
    await auditMeeting(tx, { actorId, action: "meeting.cancelled", meetingId, group }, now);
    return { ok: true } as const;
  });
}
