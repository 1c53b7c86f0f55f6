import { renderCalendar, type CalendarEntry } from "../../../calendar/ics.js";
import type { GroupContext } from "../../../commands/groups/load.js";
import {
  feedOwner,
  groupCalendar,
  personCalendar,
  type CalendarMeeting,
} from "../../../commands/meetings/calendar-feeds.js";
import { meetingRevisions } from "../../../commands/meetings/read.js";
import { placeLine } from "../../../domain/meetings/describe.js";
import { endOf } from "../../../domain/meetings/schedule.js";
import { formatDate } from "../../../i18n/format.js";
import { Form } from "../../components/form.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute } from "../../routing.js";
import { groupTitle, loadGroup, UUID } from "../groups/shared.js";

/** The host name in meeting UIDs ("<meeting id>@<host>"): stable as long as the site's address is. */
function uidHost(c: Ctx): string {
  try {
    return new URL(c.var.deps.env.baseUrl).hostname || "letscoop";
  } catch {
    return "letscoop";
  }
}

async function entriesOf(c: Ctx, rows: CalendarMeeting[], withLinks: boolean): Promise<CalendarEntry[]> {
  const { t, locale } = c.var;
  const revisions = await meetingRevisions(
    c.var.deps.db,
    rows.map((r) => r.meeting.id),
  );
  const host = uidHost(c);
  return rows.map(({ meeting: m, office }) => {
    const parts = [m.agenda.trim()];
    const experts = m.experts.trim();
    if (experts) parts.push(t("meetings.labelled", { label: t("meetings.experts"), value: `\n${experts}` }));
    if (withLinks && m.place === "online" && m.onlineUrl)
      parts.push(t("meetings.labelled", { label: t("meetings.onlineLink"), value: m.onlineUrl }));
    return {
      uid: `${m.id}@${host}`,
      start: m.startsAt,
      end: endOf(m.startsAt, m.durationMinutes),
      summary: m.title,
      location: placeLine(t, m, office, withLinks),
      description: parts.filter((p) => p !== "").join("\n\n"),
      url: `${c.var.deps.env.baseUrl}/${locale}/meetings/${m.id}`,
      cancelled: m.cancelledAt !== null,
      sequence: revisions.get(m.id) ?? 0,
    };
  });
}

function calendarResponse(c: Ctx, body: string, fileName: string, personal: boolean) {
  return c.body(body, 200, {
    "Content-Type": "text/calendar; charset=utf-8",
    "Content-Disposition": `inline; filename="${fileName}"`,
    // A personal feed carries private links: never kept by a shared cache.
    "Cache-Control": personal ? "private, no-store" : "public, max-age=300",
    "X-Content-Type-Options": "nosniff",
  });
}

async function groupFeed(c: Ctx, context: GroupContext) {
  const title = await groupTitle(c, context);
  const rows = await groupCalendar(c.var.deps.db, context.group.id);
  const body = renderCalendar({
    name: `${title.value.title} — ${c.var.t("common.siteName")}`,
    language: c.var.locale,
    entries: await entriesOf(c, rows, false),
    now: new Date(),
  });
  return calendarResponse(c, body, `letscoop-${context.group.key}.ics`, false);
}

async function personalFeed(c: Ctx, owner: { personId: string }) {
  const rows = await personCalendar(c.var.deps.db, owner.personId);
  const body = renderCalendar({
    name: `${c.var.t("meetings.personalFeedName")} — ${c.var.t("common.siteName")}`,
    language: c.var.locale,
    entries: await entriesOf(c, rows, true),
    now: new Date(),
  });
  return calendarResponse(c, body, "letscoop.ics", true);
}

export const calendarRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: `/groups/:groupId${UUID}/calendar.ics`,
    action: "group.view",
    load: loadGroup,
    handler: (c, context) => groupFeed(c, context),
  }),
  route({
    method: "GET",
    path: "/calendar/:token{[a-z2-7]+}",
    action: "site.view",
    // The token is the key: an unknown one answers 404, whoever asks.
    async load(c) {
      const owner = await feedOwner(c.var.deps.db, c.req.param("token") ?? "");
      return owner ? { resource: { type: "site" }, data: owner } : null;
    },
    handler: (c, owner) => personalFeed(c, owner),
  }),
];

/** What the account page knows of the person's calendar feed. */
export interface CalendarFeedState {
  createdAt: Date | null;
  /** Just created: shown this once (only its hash is kept). */
  token?: string | undefined;
}

export function personalFeedUrl(c: Ctx, token: string): string {
  return `${c.var.deps.env.baseUrl}/${c.var.locale}/calendar/${token}`;
}

/** The "Calendar" section of the account page: the personal feed address and its button. */
export function CalendarSection({ c, feed }: { c: Ctx; feed: CalendarFeedState }) {
  const { t, locale } = c.var;
  const url = feed.token ? personalFeedUrl(c, feed.token) : null;
  return (
    <section aria-labelledby="calendar-heading">
      <h2 id="calendar-heading">{t("meetings.calendarHeading")}</h2>
      <p>{t("meetings.personalFeedIntro")}</p>
      {url ? (
        <>
          <div class="field">
            <label for="calendar-url">{t("meetings.personalFeedUrl")}</label>
            <p class="hint" id="calendar-url-hint">
              {t("meetings.personalFeedShownOnce")}
            </p>
            <input id="calendar-url" type="text" readonly value={url} aria-describedby="calendar-url-hint" />
          </div>
          <p>
            <a href={url.replace(/^https?:/, "webcal:")}>{t("meetings.subscribe")}</a>
          </p>
        </>
      ) : feed.createdAt ? (
        <p>{t("meetings.personalFeedExists", { date: formatDate(locale, feed.createdAt) })}</p>
      ) : null}
      <Form c={c} action={`/${locale}/account/calendar`}>
        <div class="actions">
          <button type="submit" class="secondary">
            {feed.createdAt || url ? t("meetings.personalFeedRegenerate") : t("meetings.personalFeedCreate")}
          </button>
        </div>
      </Form>
    </section>
  );
}
