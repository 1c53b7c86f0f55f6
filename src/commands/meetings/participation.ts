import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { groupMembers, meetingAttendance, meetings } from "../../db/schema/index.js";

export type RegistrationOutcome = { ok: true } | { ok: false; reason: "started" | "cancelled" | "not_found" };

/** Whether a meeting still takes registrations: not cancelled and not begun. */
async function openForRegistration(db: Db, meetingId: string, now: Date): Promise<RegistrationOutcome> {
  const [m] = await db
    .select({ startsAt: meetings.startsAt, cancelledAt: meetings.cancelledAt })
    .from(meetings)
    .where(eq(meetings.id, meetingId));
  if (!m) return { ok: false, reason: "not_found" };
  if (m.cancelledAt) return { ok: false, reason: "cancelled" };
  if (m.startsAt.getTime() <= now.getTime()) return { ok: false, reason: "started" };
  return { ok: true };
}

/** Registers a member of the group for a meeting ahead; registering twice changes nothing. */
export async function register(db: Db, meetingId: string, personId: string, now = new Date()) {
  const open = await openForRegistration(db, meetingId, now);
  if (!open.ok) return open;
  await db
    .insert(meetingAttendance)
    .values({ meetingId, personId, registeredAt: now })
    .onConflictDoUpdate({
      target: [meetingAttendance.meetingId, meetingAttendance.personId],
      set: { registeredAt: now },
      setWhere: isNull(meetingAttendance.registeredAt),
    });
  return open;
}

/** Withdraws a registration ahead of the meeting; attendance already taken stays. */
export async function unregister(db: Db, meetingId: string, personId: string, now = new Date()) {
  const open = await openForRegistration(db, meetingId, now);
  if (!open.ok) return open;
  const where = and(eq(meetingAttendance.meetingId, meetingId), eq(meetingAttendance.personId, personId));
  await db.transaction(async (tx) => {
    await tx.delete(meetingAttendance).where(and(where, isNull(meetingAttendance.attended)));
    await tx.update(meetingAttendance).set({ registeredAt: null }).where(where);
  });
  return open;
}

export type AttendanceOutcome = { ok: true; saved: number } | { ok: false; reason: "not_members"; personIds: string[] };

/**
 * Takes attendance: every active member of the group is marked present (in `present`) or absent.
 * Someone in `present` who is not an active member refuses the whole list, and nothing is saved.
 */
export async function saveAttendance(
  db: Db,
  meeting: { id: string; groupId: string },
  present: string[],
): Promise<AttendanceOutcome> {
  return db.transaction(async (tx) => {
    const members = await tx
      .select({ personId: groupMembers.personId })
      .from(groupMembers)
      .where(and(eq(groupMembers.groupId, meeting.groupId), eq(groupMembers.status, "active")));
    const ids = new Set(members.map((m) => m.personId));
    const strangers = [...new Set(present)].filter((p) => !ids.has(p));
    if (strangers.length > 0) return { ok: false, reason: "not_members", personIds: strangers } as const;
    const wanted = new Set(present);
    const rows = [...ids].map((personId) => ({ meetingId: meeting.id, personId, attended: wanted.has(personId) }));
    if (rows.length > 0) {
      await tx
        .insert(meetingAttendance)
        .values(rows)
        .onConflictDoUpdate({
          target: [meetingAttendance.meetingId, meetingAttendance.personId],
          set: { attended: sql`excluded.attended` },
        });
    }
    return { ok: true, saved: rows.length } as const;
  });
}
