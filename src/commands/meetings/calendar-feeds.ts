import { and, asc, eq, inArray } from "drizzle-orm";
import { hashToken, randomToken } from "../../auth/secrets.js";
import type { Queryable } from "../../db/client.js";
import { calendarFeeds, groupMembers, meetings, offices, persons } from "../../db/schema/index.js";
import type { Meeting } from "../groups/load.js";

/** Calendar tokens are random (160 bits, base32): the feed URL is the only key to it. */
export const FEED_TOKEN_PATTERN = /^[a-z2-7]{32}$/;

/**
 * Creates the person's calendar feed, or replaces it: the old address stops working at once.
 * Only the token's hash is kept; the token is returned to be shown this once.
 */
export async function issueCalendarFeed(db: Queryable, personId: string, now = new Date()): Promise<string> {
  const token = randomToken();
  await db
    .insert(calendarFeeds)
    .values({ personId, tokenHash: hashToken(token), createdAt: now })
    .onConflictDoUpdate({ target: calendarFeeds.personId, set: { tokenHash: hashToken(token), createdAt: now } });
  return token;
}

export async function calendarFeedOf(db: Queryable, personId: string): Promise<{ createdAt: Date } | null> {
  const [row] = await db
    .select({ createdAt: calendarFeeds.createdAt })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.personId, personId));
  return row ?? null;
}

/** The person a feed token belongs to (a disabled account's feed is gone). */
export async function feedOwner(db: Queryable, token: string): Promise<{ personId: string; locale: string } | null> {
  if (!FEED_TOKEN_PATTERN.test(token)) return null;
  const [row] = await db
    .select({ personId: calendarFeeds.personId, locale: persons.locale, disabledAt: persons.disabledAt })
    .from(calendarFeeds)
    .innerJoin(persons, eq(persons.id, calendarFeeds.personId))
    .where(eq(calendarFeeds.tokenHash, hashToken(token)));
  return row && row.disabledAt === null ? { personId: row.personId, locale: row.locale } : null;
}

/** A meeting as a calendar shows it, with its office. */
export interface CalendarMeeting {
  meeting: Meeting;
  office: { name: string; city: string } | null;
}

async function withOffices(db: Queryable, rows: Meeting[]): Promise<CalendarMeeting[]> {
  const ids = [...new Set(rows.flatMap((m) => (m.officeId ? [m.officeId] : [])))];
  const found =
    ids.length === 0
      ? []
      : await db
          .select({ id: offices.id, name: offices.name, city: offices.city })
          .from(offices)
          .where(inArray(offices.id, ids));
  const byId = new Map(found.map((o) => [o.id, { name: o.name, city: o.city }]));
  return rows.map((meeting) => ({ meeting, office: meeting.officeId ? (byId.get(meeting.officeId) ?? null) : null }));
}

/** Every meeting of a group, cancelled ones included (calendars must learn of a cancellation). */
export async function groupCalendar(db: Queryable, groupId: string): Promise<CalendarMeeting[]> {
  const rows = await db.select().from(meetings).where(eq(meetings.groupId, groupId)).orderBy(asc(meetings.startsAt));
  return withOffices(db, rows);
}

/** The meetings of every group the person is an active member of. */
export async function personCalendar(db: Queryable, personId: string): Promise<CalendarMeeting[]> {
  const rows = await db
    .select({ meeting: meetings })
    .from(meetings)
    .innerJoin(
      groupMembers,
      and(
        eq(groupMembers.groupId, meetings.groupId),
        eq(groupMembers.personId, personId),
        eq(groupMembers.status, "active"),
      ),
    )
    .orderBy(asc(meetings.startsAt));
  return withOffices(
    db,
    rows.map((r) => r.meeting),
  );
}
