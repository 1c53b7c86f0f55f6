import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";

/** One event of a feed, as the calendar client will show it. */
export interface CalendarEntry {
  /** Stable across edits: the client replaces the event instead of adding a second one. */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  location: string;
  description: string;
  /** Absolute address of the event's page. */
  url: string;
  cancelled: boolean;
  /** Grows with every edit or cancellation, so that clients take the newer version. */
  sequence: number;
}

export interface CalendarFeed {
  name: string;
  /** BCP 47 language of the texts. */
  language: string;
  entries: CalendarEntry[];
  /** When the feed is generated (DTSTAMP of every event). */
  now: Date;
}

/** Control characters are not allowed in iCalendar text (RFC 5545, 3.3.11), tabs and line breaks aside. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "");
}

/**
 * An iCalendar feed (RFC 5545) of meetings. Times are written in UTC ("…Z"), which every client
 * converts to its own zone: no VTIMEZONE is needed and clock changes in Brussels are exact.
 * X-WR-TIMEZONE tells clients that show feeds in one zone which one the meetings are planned in.
 */
export function renderCalendar(feed: CalendarFeed): string {
  const calendar = ical({
    name: clean(feed.name),
    prodId: { company: "LetsCoop", product: "meetings", language: feed.language.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 3600,
  });
  calendar.x("X-WR-TIMEZONE", "Europe/Brussels");
  for (const e of feed.entries) {
    calendar.createEvent({
      id: e.uid,
      sequence: e.sequence,
      stamp: feed.now,
      start: e.start,
      end: e.end,
      summary: clean(e.summary.replace(/[\r\n]+/g, " ")),
      location: e.location ? clean(e.location) : null,
      description: e.description ? clean(e.description) : null,
      url: e.url,
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
