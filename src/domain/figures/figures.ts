import type { GroupMemberStatus, GroupRole } from "../../db/schema/groups.js";
import { TIME_ZONE } from "../../i18n/format.js";

/**
 * The participation figures of a cycle and of each of its groups, computed from the records
 * (never typed in). The definitions are in docs/participation-figures.md.
 */

export interface GroupRow {
  id: string;
  key: string;
}

export interface MemberRow {
  groupId: string;
  personId: string;
  role: GroupRole;
  status: GroupMemberStatus;
}

export interface MeetingRow {
  id: string;
  groupId: string;
  startsAt: Date;
  durationMinutes: number;
  cancelled: boolean;
}

export interface AttendanceRow {
  meetingId: string;
  personId: string;
  /** null until the secretary takes attendance. */
  attended: boolean | null;
}

export interface TalkRow {
  /** The group the talk feeds, or null. */
  groupId: string | null;
  attendance: number;
}

export interface Figures {
  /** Distinct people active in a group as participants. */
  participants: number;
  /** Distinct people active as facilitators or referent board members. */
  facilitators: number;
  /** Distinct people active as secretaries. */
  secretaries: number;
  /** Meetings not cancelled (held or scheduled). */
  meetings: number;
  /** Their total duration in hours, rounded to the hundredth (from integer minutes). */
  meetingHours: number;
  localTalks: number;
  /** Sum of the head counts of the local talks. */
  localTalkAttendance: number;
  /** Distinct people across every form of participation recorded by person. */
  distinctPeople: number;
  /** Brussels date ("2015-10-22") of the first and last meetings not cancelled; null without one. */
  firstMeeting: string | null;
  lastMeeting: string | null;
}

export interface GroupFigures extends Figures {
  groupId: string;
  key: string;
}

export interface CycleFigures extends Figures {
  groups: GroupFigures[];
  /** Local talks that feed no group (counted in the cycle's totals only). */
  unlinkedTalks: { localTalks: number; localTalkAttendance: number };
}

export interface FigureRows {
  groups: readonly GroupRow[];
  members: readonly MemberRow[];
  meetings: readonly MeetingRow[];
  attendance: readonly AttendanceRow[];
  talks: readonly TalkRow[];
}

/** Integer minutes as hours with at most two decimals: 3960 → 66, 330 → 5.5, 100 → 1.67. */
export function hoursOf(minutes: number): number {
  if (!Number.isSafeInteger(minutes) || minutes < 0) throw new Error("minutes are a whole number ≥ 0");
  // minutes × 100 / 60 has a fractional part of 0, 1/3 or 2/3: rounding it is never a tie.
  return Math.round((minutes * 5) / 3) / 100;
}

const DAY_FORMAT = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar date of an instant in Brussels, "2015-10-22". */
export function brusselsDay(at: Date): string {
  const parts: Record<string, string> = {};
  for (const p of DAY_FORMAT.formatToParts(at)) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * The months a period spans, counting a month begun as a month (at least 1):
 * 22 October 2015 – 14 April 2016 → 6 (five whole months and 23 days).
 */
export function monthsSpanned(first: string, last: string): number {
  const [y1, m1, d1] = first.split("-").map(Number) as [number, number, number];
  const [y2, m2, d2] = last.split("-").map(Number) as [number, number, number];
  if (last < first) return monthsSpanned(last, first);
  let whole = (y2 - y1) * 12 + (m2 - m1);
  if (d2 < d1) whole -= 1;
  // Whole months after `first`, then whether days remain past the last whole month.
  const anniversary = addMonths(y1, m1, d1, whole);
  const rest = anniversary < last;
  return Math.max(1, whole + (rest ? 1 : 0));
}

/** first + n months as an ISO date, clamped to the end of a shorter month (31 January + 1 → 28/29 February). */
function addMonths(year: number, month: number, day: number, n: number): string {
  const index = year * 12 + (month - 1) + n;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const d = Math.min(day, lastDay);
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

const FACILITATING: readonly GroupRole[] = ["facilitator", "referent"];

function figuresOf(
  members: readonly MemberRow[],
  meetings: readonly MeetingRow[],
  attendance: readonly AttendanceRow[],
  talks: readonly TalkRow[],
): Figures {
  const active = members.filter((m) => m.status === "active");
  const distinct = (rows: readonly MemberRow[]) => new Set(rows.map((m) => m.personId)).size;
  const held = meetings.filter((m) => !m.cancelled);
  const heldIds = new Set(held.map((m) => m.id));
  const people = new Set(active.map((m) => m.personId));
  for (const a of attendance) if (a.attended === true && heldIds.has(a.meetingId)) people.add(a.personId);
  let minutes = 0;
  let first: Date | null = null;
  let last: Date | null = null;
  for (const m of held) {
    minutes += m.durationMinutes;
    if (first === null || m.startsAt < first) first = m.startsAt;
    if (last === null || m.startsAt > last) last = m.startsAt;
  }
  return {
    participants: distinct(active.filter((m) => m.role === "participant")),
    facilitators: distinct(active.filter((m) => FACILITATING.includes(m.role))),
    secretaries: distinct(active.filter((m) => m.role === "secretary")),
    meetings: held.length,
    meetingHours: hoursOf(minutes),
    localTalks: talks.length,
    localTalkAttendance: talks.reduce((sum, t) => sum + t.attendance, 0),
    distinctPeople: people.size,
    firstMeeting: first ? brusselsDay(first) : null,
    lastMeeting: last ? brusselsDay(last) : null,
  };
}

/**
 * The figures of a cycle (every row given belongs to it) and of each of its groups, in the
 * order of `groups`. Rows of groups not listed are ignored.
 */
export function computeFigures(rows: FigureRows): CycleFigures {
  const known = new Set(rows.groups.map((g) => g.id));
  const members = rows.members.filter((m) => known.has(m.groupId));
  const meetings = rows.meetings.filter((m) => known.has(m.groupId));
  const meetingIds = new Set(meetings.map((m) => m.id));
  const attendance = rows.attendance.filter((a) => meetingIds.has(a.meetingId));
  const talks = rows.talks.filter((t) => t.groupId === null || known.has(t.groupId));
  const groups = rows.groups.map((g) => {
    const own = meetings.filter((m) => m.groupId === g.id);
    const ownIds = new Set(own.map((m) => m.id));
    return {
      groupId: g.id,
      key: g.key,
      ...figuresOf(
        members.filter((m) => m.groupId === g.id),
        own,
        attendance.filter((a) => ownIds.has(a.meetingId)),
        talks.filter((t) => t.groupId === g.id),
      ),
    };
  });
  const unlinked = talks.filter((t) => t.groupId === null);
  return {
    ...figuresOf(members, meetings, attendance, talks),
    groups,
    unlinkedTalks: {
      localTalks: unlinked.length,
      localTalkAttendance: unlinked.reduce((sum, t) => sum + t.attendance, 0),
    },
  };
}
