import type { MeetingContext } from "../../../commands/groups/load.js";
import { placeLine } from "../../../domain/meetings/describe.js";
import { endOf } from "../../../domain/meetings/schedule.js";
import { formatDate, TIME_ZONE } from "../../../i18n/format.js";
import type { Locale } from "../../../i18n/locales.js";
import { bossOf } from "../../../jobs/queue.js";
import { scheduleMeetingReminder, type MeetingSchedule } from "../../../jobs/meeting-jobs.js";
import type { Resource } from "../../../policies/can.js";
import type { Ctx } from "../../context.js";
import type { Loaded } from "../../routing.js";
import { loadMeeting, personIdOf } from "../groups/shared.js";

export function meetingPath(c: Ctx, meetingId: string, rest = ""): string {
  return `/${c.var.locale}/meetings/${meetingId}${rest}`;
}

/** The signed-in person acting; handlers run only after can(), which refuses visitors. */
export function actorId(c: Ctx): string {
  const id = personIdOf(c);
  if (id === null) throw new Error("a meeting handler ran without a signed-in person");
  return id;
}

export interface PublicMeeting extends MeetingContext {
  /** The meeting as the policy sees it, for the links and buttons the page offers. */
  meetingResource: Extract<Resource, { type: "meeting" }>;
}

/**
 * A meeting's public page: the resource is its group (anyone may view a group), the meeting's own
 * resource rides along for the finer questions (may this person see the link, register…).
 */
export async function loadPublicMeeting(c: Ctx): Promise<Loaded<PublicMeeting> | null> {
  const loaded = await loadMeeting(c);
  if (!loaded) return null;
  return {
    resource: { type: "group", ...loaded.data.facts },
    data: { ...loaded.data, meetingResource: loaded.resource },
  };
}

const TIME_TAG: Record<Locale, string> = { fr: "fr-BE", nl: "nl-BE", de: "de-BE", en: "en-GB" };

export function timeOfDay(locale: Locale, at: Date): string {
  return new Intl.DateTimeFormat(TIME_TAG[locale], { timeStyle: "short", timeZone: TIME_ZONE }).format(at);
}

/** "20 November 2026, 14:00 – 16:30" in Brussels time, as two <time> elements. */
export function MeetingWhen({ c, startsAt, durationMinutes }: { c: Ctx; startsAt: Date; durationMinutes: number }) {
  const end = endOf(startsAt, durationMinutes);
  const locale = c.var.locale;
  const sameDay = formatDate(locale, startsAt) === formatDate(locale, end);
  return (
    <>
      <time datetime={startsAt.toISOString()}>{formatDate(locale, startsAt, "datetime")}</time>
      {" – "}
      <time datetime={end.toISOString()}>{sameDay ? timeOfDay(locale, end) : formatDate(locale, end, "datetime")}</time>
    </>
  );
}

/** "2 h 30 min" */
export function durationText(c: Ctx, minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return c.var.t("meetings.durationMinutes", { minutes: rest });
  if (rest === 0) return c.var.t("meetings.durationHours", { hours });
  return c.var.t("meetings.durationHoursMinutes", { hours, minutes: rest });
}

export function placeText(
  c: Ctx,
  meeting: { place: MeetingContext["meeting"]["place"]; location: string; onlineUrl: string },
  office: { name: string; city: string } | null,
): string {
  return placeLine(c.var.t, meeting, office, false);
}

/**
 * Schedules (or drops) a meeting's reminder on the queue of this process, if it runs one. A queue
 * that is down loses nothing: the minute sweep sends every reminder that is due.
 */
export async function followReminder(c: Ctx, meeting: MeetingSchedule): Promise<void> {
  const boss = bossOf(c.var.deps.database);
  if (!boss) return;
  try {
    await scheduleMeetingReminder(boss, meeting);
  } catch (error) {
    c.var.deps.logger.warn(
      { meetingId: meeting.id, err: { message: (error as Error).message } },
      "meeting reminder not scheduled",
    );
  }
}
