/**
 * The date an expense was made: a real calendar day, not after today (Brussels), and not before
 * the group's work began (the earlier of the group's start and its cycle's start). Without any
 * start date, a year back is the bound.
 */
export type SpentOnProblem = "required" | "invalid" | "future" | "tooEarly";

export type SpentOnCheck = { ok: true; date: string } | { ok: false; problem: SpentOnProblem };

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Day first, as typed where no date picker is offered: 14/04/2016, 14.04.2016, 14-04-2016. */
const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

function isoOf(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** A calendar day as "YYYY-MM-DD", or null when the text is not a real day. */
export function readDay(raw: string): string | null {
  const text = raw.trim();
  const iso = ISO.exec(text);
  if (iso) return isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) return isoOf(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]));
  return null;
}

/** `days` days before an ISO day. */
export function daysBefore(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** The first day an expense may carry: the earliest known start, else a year before today. */
export function earliestSpentOn(today: string, starts: ReadonlyArray<string | null | undefined>): string {
  const known = starts.filter((s): s is string => typeof s === "string" && ISO.test(s)).sort();
  return known[0] ?? daysBefore(today, 365);
}

/** ISO days compare as text. */
export function checkSpentOn(raw: string, bounds: { today: string; earliest: string }): SpentOnCheck {
  if (raw.trim() === "") return { ok: false, problem: "required" };
  const date = readDay(raw);
  if (date === null) return { ok: false, problem: "invalid" };
  if (date > bounds.today) return { ok: false, problem: "future" };
  if (date < bounds.earliest) return { ok: false, problem: "tooEarly" };
  return { ok: true, date };
}
