import { fromBrusselsLocal } from "../../commands/ballots/schedule.js";

/** A local talk lasts from a quarter of an hour to a day (the database checks the same). */
export const MIN_TALK_MINUTES = 15;
export const MAX_TALK_MINUTES = 24 * 60;

export type TalkTimeProblem = "required" | "invalid_date" | "invalid_time" | "nonexistent_time";

export type TalkTime =
  { ok: true; heldAt: Date } | { ok: false; problems: Partial<Record<"date" | "startTime", TalkTimeProblem>> };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** "18:30", "9:30", "18h30", "18.30": what people type when the browser shows a plain text box. */
const TIME = /^(\d{1,2})[:hH.](\d{2})$/;

/** Whether "2016-02-30" is a day of the calendar (years 1900–2999). */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2999) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A wall-clock time as "HH:MM", or null. */
export function normaliseTime(value: string): string | null {
  const m = TIME.exec(value.trim());
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

/**
 * Reads when a talk took (or takes) place: a real calendar date and a time in Brussels. Past
 * dates are allowed: talks are often recorded after the evening. A time skipped by the spring
 * clock change does not exist.
 */
export function readTalkTime(date: string, startTime: string): TalkTime {
  const problems: Partial<Record<"date" | "startTime", TalkTimeProblem>> = {};
  const day = date.trim();
  const time = startTime.trim();
  if (day === "") problems.date = "required";
  else if (!isCalendarDate(day)) problems.date = "invalid_date";
  const hhmm = time === "" ? null : normaliseTime(time);
  if (time === "") problems.startTime = "required";
  else if (hhmm === null) problems.startTime = "invalid_time";
  if (problems.date || problems.startTime) return { ok: false, problems };
  const parsed = fromBrusselsLocal(`${day}T${hhmm}`);
  if (!parsed.ok) return { ok: false, problems: { startTime: "nonexistent_time" } };
  return { ok: true, heldAt: parsed.date };
}
