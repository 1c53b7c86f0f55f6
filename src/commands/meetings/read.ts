import { and, asc, count, eq, inArray, isNotNull, isNull, ne, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import {
  auditLog,
  groupMembers,
  meetingAttendance,
  meetings,
  minutes,
  offices,
  persons,
  type GroupRole,
} from "../../db/schema/index.js";
import { endOf } from "../../domain/meetings/schedule.js";
import type { Meeting } from "../groups/load.js";

/** An office a group may meet in, with what a page shows of it. */
export interface GroupOffice {
  id: string;
  organisationId: string;
  name: string;
  city: string;
  isHeadOffice: boolean;
}

/** The offices of a group's organisations (its own, or every one of its cycle when binational). */
export async function groupOffices(db: Queryable, organisationIds: readonly string[]): Promise<GroupOffice[]> {
  if (organisationIds.length === 0) return [];
  return db
    .select({
      id: offices.id,
      organisationId: offices.organisationId,
      name: offices.name,
      city: offices.city,
      isHeadOffice: offices.isHeadOffice,
    })
    .from(offices)
    .where(inArray(offices.organisationId, [...organisationIds]))
    .orderBy(asc(offices.city), asc(offices.name));
}

export async function findOffice(db: Queryable, officeId: string | null): Promise<GroupOffice | null> {
  if (!officeId) return null;
  const [row] = await db
    .select({
      id: offices.id,
      organisationId: offices.organisationId,
      name: offices.name,
      city: offices.city,
      isHeadOffice: offices.isHeadOffice,
    })
    .from(offices)
    .where(eq(offices.id, officeId));
  return row ?? null;
}

/** One line of a group's list of meetings. */
export interface MeetingSummary {
  meeting: Meeting;
  office: { name: string; city: string } | null;
  registered: number;
  minutes: "none" | "draft" | "published";
}

export async function listGroupMeetings(db: Queryable, groupId: string): Promise<MeetingSummary[]> {
  const rows = await db
    .select({
      meeting: meetings,
      officeName: offices.name,
      officeCity: offices.city,
      minutesStatus: minutes.status,
      registered:
        sql<number>`(select count(*) from ${meetingAttendance} where ${meetingAttendance.meetingId} = ${meetings.id} and ${meetingAttendance.registeredAt} is not null)`.mapWith(
          Number,
        ),
    })
    .from(meetings)
    .leftJoin(offices, eq(offices.id, meetings.officeId))
    .leftJoin(minutes, eq(minutes.meetingId, meetings.id))
    .where(eq(meetings.groupId, groupId))
    .orderBy(asc(meetings.startsAt));
  return rows.map((r) => ({
    meeting: r.meeting,
    office: r.officeName !== null ? { name: r.officeName, city: r.officeCity ?? "" } : null,
    registered: r.registered,
    minutes: r.minutesStatus ?? "none",
  }));
}

export async function registeredCount(db: Queryable, meetingId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(meetingAttendance)
    .where(and(eq(meetingAttendance.meetingId, meetingId), isNotNull(meetingAttendance.registeredAt)));
  return row?.n ?? 0;
}

/** The person's registration and attendance at a meeting, if any. */
export async function attendanceOf(
  db: Queryable,
  meetingId: string,
  personId: string,
): Promise<{ registeredAt: Date | null; attended: boolean | null } | null> {
  const [row] = await db
    .select({ registeredAt: meetingAttendance.registeredAt, attended: meetingAttendance.attended })
    .from(meetingAttendance)
    .where(and(eq(meetingAttendance.meetingId, meetingId), eq(meetingAttendance.personId, personId)));
  return row ?? null;
}

/** A member of the group on the attendance list. */
export interface AttendanceLine {
  personId: string;
  name: string;
  role: GroupRole;
  registered: boolean;
  attended: boolean | null;
}

/** The group's active members, with their registration and attendance at the meeting, by name. */
export async function attendanceList(db: Queryable, meeting: Meeting): Promise<AttendanceLine[]> {
  const rows = await db
    .select({
      personId: groupMembers.personId,
      name: persons.name,
      role: groupMembers.role,
      registeredAt: meetingAttendance.registeredAt,
      attended: meetingAttendance.attended,
    })
    .from(groupMembers)
    .innerJoin(persons, eq(persons.id, groupMembers.personId))
    .leftJoin(
      meetingAttendance,
      and(eq(meetingAttendance.meetingId, meeting.id), eq(meetingAttendance.personId, groupMembers.personId)),
    )
    .where(and(eq(groupMembers.groupId, meeting.groupId), eq(groupMembers.status, "active")))
    .orderBy(asc(persons.name), asc(persons.id));
  return rows.map((r) => ({
    personId: r.personId,
    name: r.name,
    role: r.role,
    registered: r.registeredAt !== null,
    attended: r.attended,
  }));
}

/** Another meeting at the same office at an overlapping time. */
export interface Clash {
  id: string;
  groupId: string;
  title: string;
  startsAt: Date;
  durationMinutes: number;
}

/**
 * The other meetings, not cancelled, at the same office as this one and overlapping it in time.
 * They are allowed (rooms differ, plans change) but the organiser is warned.
 */
export async function clashingMeetings(db: Queryable, meeting: Meeting): Promise<Clash[]> {
  if (!meeting.officeId || meeting.cancelledAt) return [];
  const end = endOf(meeting.startsAt, meeting.durationMinutes);
  return db
    .select({
      id: meetings.id,
      groupId: meetings.groupId,
      title: meetings.title,
      startsAt: meetings.startsAt,
      durationMinutes: meetings.durationMinutes,
    })
    .from(meetings)
    .where(
      and(
        eq(meetings.officeId, meeting.officeId),
        ne(meetings.id, meeting.id),
        isNull(meetings.cancelledAt),
        sql`${meetings.startsAt} < ${end.toISOString()}::timestamptz`,
        sql`${meetings.startsAt} + make_interval(mins => ${meetings.durationMinutes}) > ${meeting.startsAt.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(meetings.startsAt));
}

/**
 * The revision number of each meeting for calendar clients (SEQUENCE): how many times it was
 * edited or cancelled, counted from the audit log.
 */
export async function meetingRevisions(db: Queryable, meetingIds: string[]): Promise<Map<string, number>> {
  if (meetingIds.length === 0) return new Map();
  const rows = await db
    .select({ id: auditLog.subjectId, n: count() })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.subjectType, "meeting"),
        inArray(auditLog.action, ["meeting.updated", "meeting.cancelled"]),
        inArray(auditLog.subjectId, meetingIds),
      ),
    )
    .groupBy(auditLog.subjectId);
  return new Map(rows.flatMap((r) => (r.id ? [[r.id, r.n] as const] : [])));
}
