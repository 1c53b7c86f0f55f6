import { TIME_ZONE } from "../../i18n/format.js";

/**
 * The opening and closing times of a ballot, as people type them: a `datetime-local` value
 * ("2026-11-20T09:00") read as Brussels time, whatever the server's own time zone.
 */

const LOCAL_FORMAT = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

const LOCAL_VALUE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

function localParts(date: Date): { year: number; month: number; day: number; hour: number; minute: number } {
  const parts: Record<string, number> = {};
  for (const p of LOCAL_FORMAT.formatToParts(date)) if (p.type !== "literal") parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute! };
}

/** Minutes Brussels is ahead of UTC at that instant (60 in winter, 120 in summer). */
function offsetMinutes(instant: number): number {
  const p = localParts(new Date(instant));
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return Math.round((asUtc - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** The `datetime-local` value of an instant, in Brussels time ("2026-11-20T09:00"). */
export function toBrusselsLocal(date: Date): string {
  const p = localParts(date);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

export type LocalTimeProblem = "malformed" | "nonexistent";

/**
 * Reads a `datetime-local` value as Brussels time. A time skipped by the spring clock change
 * (02:30 on the last Sunday of March) does not exist; a time repeated in autumn is the first one.
 */
export function fromBrusselsLocal(value: string): { ok: true; date: Date } | { ok: false; problem: LocalTimeProblem } {
  const m = LOCAL_VALUE.exec(value.trim());
  if (!m) return { ok: false, problem: "malformed" };
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || year < 1900)
    return { ok: false, problem: "malformed" };
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return { ok: false, problem: "malformed" };
  const DAY = 86_400_000;
  const offsets = new Set([offsetMinutes(wall - DAY), offsetMinutes(wall), offsetMinutes(wall + DAY)]);
  const matches = [...offsets]
    .map((offset) => wall - offset * 60_000)
    .filter((instant) => {
      const p = localParts(new Date(instant));
      return p.year === year && p.month === month && p.day === day && p.hour === hour && p.minute === minute;
    })
    .sort((a, b) => a - b);
  const first = matches[0];
  return first === undefined ? { ok: false, problem: "nonexistent" } : { ok: true, date: new Date(first) };
}

export type ScheduleProblem = "opens_in_past" | "closes_in_past" | "closes_before_opens";

/**
 * Checks a ballot's window: a scheduled opening lies in the future, the close after the opening
 * (and in the future). Both may be left empty: the ballot is then opened and closed by hand.
 */
export function checkSchedule(
  opensAt: Date | null,
  closesAt: Date | null,
  now: Date,
): { opensAt?: ScheduleProblem; closesAt?: ScheduleProblem } {
  const problems: { opensAt?: ScheduleProblem; closesAt?: ScheduleProblem } = {};
  if (opensAt && opensAt.getTime() <= now.getTime()) problems.opensAt = "opens_in_past";
  if (closesAt) {
    if (opensAt && closesAt.getTime() <= opensAt.getTime()) problems.closesAt = "closes_before_opens";
    else if (closesAt.getTime() <= now.getTime()) problems.closesAt = "closes_in_past";
  }
  return problems;
}
