import { EQUALITY_GROUP, EVERYONE, NOBODY, RUNS_CYCLES, SIGNED_IN, type Who } from "./roles.js";

/** Those who lead the sample group: its facilitator, and the admin and manager who run the cycle. */
const LEADS: Who[] = [...RUNS_CYCLES, "facilitator"];
/** Those who take attendance and draft minutes: the secretary too. */
const RECORDS: Who[] = [...LEADS, "secretary"];

/**
 * Who may use each meetings route in the walk's state (see roles.ts for the sample group). The
 * sample meeting is the equality group's coming meeting: not cancelled, no minutes yet (so nobody
 * may read or publish its minutes).
 */
export const MEETING_ROUTES: Record<string, Who[]> = {
  "GET /groups/:groupId/meetings": EVERYONE,
  "GET /groups/:groupId/meetings/new": LEADS,
  "POST /groups/:groupId/meetings/new": LEADS,
  "GET /groups/:groupId/calendar.ics": EVERYONE,
  "GET /meetings/:meetingId": EVERYONE,
  "GET /meetings/:meetingId/edit": LEADS,
  "POST /meetings/:meetingId/edit": LEADS,
  "POST /meetings/:meetingId/cancel": LEADS,
  "POST /meetings/:meetingId/register": EQUALITY_GROUP,
  "POST /meetings/:meetingId/unregister": EQUALITY_GROUP,
  "GET /meetings/:meetingId/attendance": RECORDS,
  "POST /meetings/:meetingId/attendance": RECORDS,
  "GET /meetings/:meetingId/minutes": NOBODY,
  "GET /meetings/:meetingId/minutes/edit": RECORDS,
  "POST /meetings/:meetingId/minutes/edit": RECORDS,
  "POST /meetings/:meetingId/minutes/publish": NOBODY,
  /** A personal feed: the token is the key; the walk's made-up token answers 404 to everyone. */
  "GET /calendar/:token": EVERYONE,
  /** The "Calendar" section of the account page (src/web/routes/account.tsx). */
  "POST /account/calendar": SIGNED_IN,
};
