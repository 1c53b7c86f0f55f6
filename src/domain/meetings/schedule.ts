import { fromBrusselsLocal, toBrusselsLocal } from "../../commands/ballots/schedule.js";

/** A meeting lasts at least a quarter of an hour and at most a day (the database checks the same). */
export const MIN_DURATION_MINUTES = 15;
export const MAX_DURATION_MINUTES = 24 * 60;

export type TimeProblem =
  | "required"
  | "malformed_date"
  | "malformed_time"
  | "nonexistent_time"
  | "in_past"
  | "end_not_after_start"
  | "too_short"
  | "too_long";

export interface MeetingTimesInput {
  /** "2026-11-20", Brussels calendar date. */
  date: string;
  /** "14:00", Brussels wall-clock time. */
  startTime: string;
  endTime: string;
}

export type MeetingTimes =
  | { ok: true; startsAt: Date; durationMinutes: number }
  | { ok: false; problems: Partial<Record<keyof MeetingTimesInput, TimeProblem>> };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** "14:00", "9:30", "14h00", "14.00": what people type when the browser shows a plain text box. */
const TIME = /^(\d{1,2})[:hH.](\d{2})$/;

/** A wall-clock time as "HH:MM", or null when it is not one. */
export function normaliseTime(value: string): string | null {
  const m = TIME.exec(value.trim());
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

/**
 * Reads a meeting's date, start and end as Brussels time: the end is on the same day, after the
 * start, and the meeting lasts between 15 minutes and 24 hours (counted in real minutes, so a
 * clock change during the meeting is taken into account). The start must lie ahead, unless it is
 * `keptStart`: an edit that leaves the start of a past meeting as it was.
 */
export function readMeetingTimes(
  input: MeetingTimesInput,
  now: Date,
  options: { keptStart?: Date | undefined } = {},
): MeetingTimes {
  const problems: Partial<Record<keyof MeetingTimesInput, TimeProblem>> = {};
  const date = input.date.trim();
  if (date === "") problems.date = "required";
  else if (!DATE.test(date)) problems.date = "malformed_date";
  const start = input.startTime.trim() === "" ? null : normaliseTime(input.startTime);
  const end = input.endTime.trim() === "" ? null : normaliseTime(input.endTime);
  if (input.startTime.trim() === "") problems.startTime = "required";
  else if (start === null) problems.startTime = "malformed_time";
  if (input.endTime.trim() === "") problems.endTime = "required";
  else if (end === null) problems.endTime = "malformed_time";
  if (problems.date || problems.startTime || problems.endTime) return { ok: false, problems };

  const startsAt = fromBrusselsLocal(`${date}T${start}`);
  const endsAt = fromBrusselsLocal(`${date}T${end}`);
  if (!startsAt.ok && startsAt.problem === "malformed") return { ok: false, problems: { date: "malformed_date" } };
  if (!startsAt.ok) problems.startTime = "nonexistent_time";
  if (!endsAt.ok) problems.endTime = endsAt.problem === "malformed" ? "malformed_date" : "nonexistent_time";
  if (!startsAt.ok || !endsAt.ok) return { ok: false, problems };

  const minutes = Math.round((endsAt.date.getTime() - startsAt.date.getTime()) / 60_000);
  if (minutes <= 0) problems.endTime = "end_not_after_start";
  else if (minutes < MIN_DURATION_MINUTES) problems.endTime = "too_short";
  else if (minutes > MAX_DURATION_MINUTES) problems.endTime = "too_long";
  const kept = options.keptStart?.getTime() === startsAt.date.getTime();
  if (!kept && startsAt.date.getTime() <= now.getTime()) problems.date = "in_past";
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, startsAt: startsAt.date, durationMinutes: minutes };
}

/** The form values (date, start, end, in Brussels time) of a stored meeting. */
export function meetingTimeValues(startsAt: Date, durationMinutes: number): MeetingTimesInput {
  const start = toBrusselsLocal(startsAt);
  const end = toBrusselsLocal(endOf(startsAt, durationMinutes));
  return { date: start.slice(0, 10), startTime: start.slice(11, 16), endTime: end.slice(11, 16) };
}

export function endOf(startsAt: Date, durationMinutes: number): Date {
  return new Date(startsAt.getTime() + durationMinutes * 60_000);
}

/** Whether two meetings share some time (touching ends do not overlap). */
export function overlaps(
  a: { startsAt: Date; durationMinutes: number },
  b: { startsAt: Date; durationMinutes: number },
): boolean {
  return (
    a.startsAt.getTime() < endOf(b.startsAt, b.durationMinutes).getTime() &&
    b.startsAt.getTime() < endOf(a.startsAt, a.durationMinutes).getTime()
  );
}

/** When members are reminded of a meeting: a day before it starts. */
export const REMINDER_LEAD_MS = 24 * 3_600_000;

export function reminderTime(startsAt: Date): Date {
  return new Date(startsAt.getTime() - REMINDER_LEAD_MS);
}
