import type { GroupContext } from "../../../commands/groups/load.js";
import { listGroupMeetings, type MeetingSummary } from "../../../commands/meetings/read.js";
import { endOf } from "../../../domain/meetings/schedule.js";
import { formatNumber } from "../../../i18n/format.js";
import { can } from "../../../policies/can.js";
import { renderPage } from "../../components/layout.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute } from "../../routing.js";
import { langOf } from "../cycles/shared.js";
import { GroupNav, groupPath, groupTitle, loadGroup, UUID } from "../groups/shared.js";
import { noticeOf } from "./notices.js";
import { durationText, MeetingWhen, meetingPath, placeText } from "./shared.js";

/** The feed addresses of a group: https for downloads, webcal: for calendar applications. */
export function groupFeedUrls(c: Ctx, groupId: string): { https: string; webcal: string } {
  const https = `${c.var.deps.env.baseUrl}${groupPath(c, groupId, "/calendar.ics")}`;
  return { https, webcal: https.replace(/^https?:/, "webcal:") };
}

function MeetingItem({ c, context, item }: { c: Ctx; context: GroupContext; item: MeetingSummary }) {
  const { t, locale } = c.var;
  const m = item.meeting;
  const resource = {
    type: "meeting" as const,
    group: context.facts,
    cancelled: m.cancelledAt !== null,
    minutes: item.minutes,
  };
  const headingId = `meeting-${m.id}`;
  return (
    <article aria-labelledby={headingId}>
      <h3 id={headingId}>
        <a href={meetingPath(c, m.id)}>{m.title}</a>
        {m.cancelledAt && <> ({t("meetings.cancelledLabel")})</>}
      </h3>
      <dl class="facts">
        <dt>{t("meetings.when")}</dt>
        <dd>
          <MeetingWhen c={c} startsAt={m.startsAt} durationMinutes={m.durationMinutes} />
        </dd>
        <dt>{t("meetings.duration")}</dt>
        <dd>{durationText(c, m.durationMinutes)}</dd>
        <dt>{t("meetings.place")}</dt>
        <dd>{placeText(c, m, item.office)}</dd>
        <dt>{t("meetings.registered")}</dt>
        <dd>{formatNumber(locale, item.registered, 0)}</dd>
        {can(c.var.actor, "minutes.view", resource) && (
          <>
            <dt>{t("meetings.minutes")}</dt>
            <dd>
              <a href={meetingPath(c, m.id, "/minutes")}>
                {item.minutes === "published" ? t("meetings.readMinutes") : t("meetings.readDraftMinutes")}
              </a>
            </dd>
          </>
        )}
      </dl>
    </article>
  );
}

async function meetingsPage(c: Ctx, context: GroupContext) {
  const { t } = c.var;
  const db = c.var.deps.db;
  const [title, all] = await Promise.all([groupTitle(c, context), listGroupMeetings(db, context.group.id)]);
  const now = Date.now();
  const coming = all.filter((i) => endOf(i.meeting.startsAt, i.meeting.durationMinutes).getTime() > now);
  const past = all.filter((i) => !coming.includes(i)).reverse();
  const feeds = groupFeedUrls(c, context.group.id);
  const pageTitle = t("meetings.listTitle", { group: title.value.title });
  return renderPage(c, {
    title: pageTitle,
    notice: noticeOf(c),
    children: (
      <>
        <h1>
          {t("meetings.listHeading")} — <span lang={langOf(c, title)}>{title.value.title}</span>
        </h1>
        <GroupNav c={c} context={context} current="meetings" />
        {can(c.var.actor, "meeting.manage", { type: "group", ...context.facts }) && (
          <p>
            <a class="button" href={groupPath(c, context.group.id, "/meetings/new")}>
              {t("meetings.newMeeting")}
            </a>
          </p>
        )}
        <section aria-labelledby="coming-heading">
          <h2 id="coming-heading">{t("meetings.coming")}</h2>
          {coming.length === 0 ? (
            <p>{t("meetings.noComing")}</p>
          ) : (
            coming.map((item) => <MeetingItem c={c} context={context} item={item} />)
          )}
        </section>
        <section aria-labelledby="past-heading">
          <h2 id="past-heading">{t("meetings.past")}</h2>
          {past.length === 0 ? (
            <p>{t("meetings.noPast")}</p>
          ) : (
            past.map((item) => <MeetingItem c={c} context={context} item={item} />)
          )}
        </section>
        <section aria-labelledby="calendar-heading">
          <h2 id="calendar-heading">{t("meetings.calendarHeading")}</h2>
          <p>{t("meetings.groupFeedIntro")}</p>
          <ul>
            <li>
              <a href={feeds.webcal}>{t("meetings.subscribe")}</a>
            </li>
            <li>
              <a href={groupPath(c, context.group.id, "/calendar.ics")} type="text/calendar">
                {t("meetings.downloadIcs")}
              </a>
            </li>
          </ul>
        </section>
      </>
    ),
  });
}

export const meetingListRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: `/groups/:groupId${UUID}/meetings`,
    action: "group.view",
    load: loadGroup,
    handler: (c, context) => meetingsPage(c, context),
  }),
];
