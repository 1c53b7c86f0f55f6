import { loadGroupContext } from "../../../commands/groups/load.js";
import {
  attendanceOf,
  clashingMeetings,
  findOffice,
  registeredCount,
  type Clash,
} from "../../../commands/meetings/read.js";
import { register, unregister } from "../../../commands/meetings/participation.js";
import { cancelMeeting } from "../../../commands/meetings/save.js";
import { formatNumber } from "../../../i18n/format.js";
import type { MessageKey } from "../../../i18n/index.js";
import { can } from "../../../policies/can.js";
import { CheckboxField, ErrorSummary, Form } from "../../components/form.js";
import { renderPage } from "../../components/layout.js";
import { languageName } from "../../components/regions.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute } from "../../routing.js";
import { errorMessage, type FieldErrors } from "../../validation.js";
import { formBody, langOf, TextParagraphs } from "../cycles/shared.js";
import { GroupNav, groupPath, groupTitle, loadMeeting, personIdOf, UUID } from "../groups/shared.js";
import { noticeOf, withNotice } from "./notices.js";
import {
  actorId,
  durationText,
  followReminder,
  loadPublicMeeting,
  MeetingWhen,
  meetingPath,
  placeText,
  type PublicMeeting,
} from "./shared.js";

/** The clashes the actor may know of: meetings of groups they may view. */
async function visibleClashes(c: Ctx, data: PublicMeeting): Promise<Clash[]> {
  if (!can(c.var.actor, "meeting.manage", data.meetingResource)) return [];
  const clashes = await clashingMeetings(c.var.deps.db, data.meeting);
  const visible: Clash[] = [];
  for (const clash of clashes) {
    const group = await loadGroupContext(c.var.deps.db, clash.groupId, personIdOf(c));
    if (group && can(c.var.actor, "group.view", { type: "group", ...group.facts })) visible.push(clash);
  }
  return visible;
}

async function meetingPage(c: Ctx, data: PublicMeeting, errors?: FieldErrors, status: 200 | 409 | 422 = 200) {
  const { t, locale, actor } = c.var;
  const db = c.var.deps.db;
  const m = data.meeting;
  const res = data.meetingResource;
  const me = personIdOf(c);
  const [title, office, registered, mine, clashes] = await Promise.all([
    groupTitle(c, data),
    findOffice(db, m.officeId),
    registeredCount(db, m.id),
    me ? attendanceOf(db, m.id, me) : Promise.resolve(null),
    visibleClashes(c, data),
  ]);
  const mayJoin = can(actor, "meeting.register", res);
  const manages = can(actor, "meeting.manage", res);
  const started = m.startsAt.getTime() <= Date.now();
  const experts = m.experts
    .split(/\r?\n/)
    .map((e) => e.trim())
    .filter((e) => e !== "");
  return renderPage(
    c,
    {
      title: m.title,
      notice: status === 200 ? noticeOf(c) : undefined,
      children: (
        <>
          <h1>{m.title}</h1>
          <GroupNav c={c} context={data} current="meetings" />
          <ErrorSummary c={c} errors={errors} labels={{ confirm: t("meetings.cancelMeeting") }} />
          {m.cancelledAt && <p class="warning">{t("meetings.cancelledNotice")}</p>}
          {clashes.map((clash) => (
            <p class="warning">
              {t("meetings.clashWarning")} <a href={meetingPath(c, clash.id)}>{clash.title}</a> (
              <MeetingWhen c={c} startsAt={clash.startsAt} durationMinutes={clash.durationMinutes} />)
            </p>
          ))}
          <dl class="facts">
            <dt>{t("meetings.groupLabel")}</dt>
            <dd>
              <a href={groupPath(c, data.group.id)} lang={langOf(c, title)}>
                {title.value.title}
              </a>
            </dd>
            <dt>{t("meetings.when")}</dt>
            <dd>
              <MeetingWhen c={c} startsAt={m.startsAt} durationMinutes={m.durationMinutes} />
            </dd>
            <dt>{t("meetings.duration")}</dt>
            <dd>{durationText(c, m.durationMinutes)}</dd>
            <dt>{t("meetings.place")}</dt>
            <dd>{placeText(c, m, office)}</dd>
            {m.place === "online" && (mayJoin || manages) && (
              <>
                <dt>{t("meetings.onlineLink")}</dt>
                <dd>
                  <a href={m.onlineUrl} rel="noopener noreferrer">
                    {m.onlineUrl}
                  </a>
                </dd>
              </>
            )}
            <dt>{t("meetings.interpretation")}</dt>
            <dd>
              {m.interpretation.length === 0
                ? t("meetings.noInterpretation")
                : m.interpretation.map((l) => languageName(locale, l)).join(", ")}
            </dd>
            <dt>{t("meetings.registered")}</dt>
            <dd>{formatNumber(locale, registered, 0)}</dd>
          </dl>

          <h2>{t("meetings.agenda")}</h2>
          {m.agenda.trim() === "" ? <p>{t("meetings.noAgenda")}</p> : <TextParagraphs text={m.agenda} />}

          {experts.length > 0 && (
            <>
              <h2>{t("meetings.experts")}</h2>
              <ul>
                {experts.map((e) => (
                  <li>{e}</li>
                ))}
              </ul>
            </>
          )}

          {mayJoin && (
            <section aria-labelledby="registration-heading">
              <h2 id="registration-heading">{t("meetings.registration")}</h2>
              {mine?.registeredAt ? (
                <p>{t("meetings.youAreRegistered")}</p>
              ) : (
                <p>{t("meetings.youAreNotRegistered")}</p>
              )}
              {started ? (
                <p>{t("meetings.registrationClosed")}</p>
              ) : mine?.registeredAt ? (
                <Form c={c} action={meetingPath(c, m.id, "/unregister")}>
                  <div class="actions">
                    <button type="submit" class="secondary">
                      {t("meetings.unregister")}
                    </button>
                  </div>
                </Form>
              ) : (
                <Form c={c} action={meetingPath(c, m.id, "/register")}>
                  <div class="actions">
                    <button type="submit">{t("meetings.register")}</button>
                  </div>
                </Form>
              )}
            </section>
          )}

          {(can(actor, "minutes.view", res) || can(actor, "minutes.draft", res)) && (
            <section aria-labelledby="minutes-heading">
              <h2 id="minutes-heading">{t("meetings.minutes")}</h2>
              <ul>
                {can(actor, "minutes.view", res) && (
                  <li>
                    <a href={meetingPath(c, m.id, "/minutes")}>
                      {res.minutes === "published" ? t("meetings.readMinutes") : t("meetings.readDraftMinutes")}
                    </a>
                  </li>
                )}
                {can(actor, "minutes.draft", res) && (
                  <li>
                    <a href={meetingPath(c, m.id, "/minutes/edit")}>
                      {res.minutes === "none" ? t("meetings.writeMinutes") : t("meetings.editMinutes")}
                    </a>
                  </li>
                )}
              </ul>
            </section>
          )}

          {(manages || can(actor, "meeting.attendance", res)) && (
            <section aria-labelledby="organise-heading">
              <h2 id="organise-heading">{t("meetings.organise")}</h2>
              <ul>
                {can(actor, "meeting.attendance", res) && (
                  <li>
                    <a href={meetingPath(c, m.id, "/attendance")}>{t("meetings.takeAttendance")}</a>
                  </li>
                )}
                {manages && (
                  <li>
                    <a href={meetingPath(c, m.id, "/edit")}>{t("meetings.editMeeting")}</a>
                  </li>
                )}
              </ul>
              {manages && (
                <Form c={c} action={meetingPath(c, m.id, "/cancel")}>
                  <p class="hint">{t("meetings.cancelHint")}</p>
                  <CheckboxField c={c} name="confirm" label={t("meetings.confirmCancel")} checked={false} />
                  <div class="actions">
                    <button type="submit" class="danger">
                      {t("meetings.cancelMeeting")}
                    </button>
                  </div>
                </Form>
              )}
            </section>
          )}
        </>
      ),
    },
    status,
  );
}

const REGISTRATION_PROBLEMS: Record<"started" | "cancelled" | "not_found", MessageKey> = {
  started: "meetings.errorStarted",
  cancelled: "meetings.errorCancelled",
  not_found: "meetings.errorCancelled",
};

async function reloadPublic(c: Ctx): Promise<PublicMeeting | null> {
  return (await loadPublicMeeting(c))?.data ?? null;
}

export const meetingPageRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: `/meetings/:meetingId${UUID}`,
    action: "group.view",
    load: loadPublicMeeting,
    handler: (c, data) => meetingPage(c, data),
  }),
  ...(["register", "unregister"] as const).map((kind) =>
    route({
      method: "POST",
      path: `/meetings/:meetingId${UUID}/${kind}`,
      action: "meeting.register",
      load: loadMeeting,
      async handler(c, context) {
        const act = kind === "register" ? register : unregister;
        const outcome = await act(c.var.deps.db, context.meeting.id, actorId(c));
        if (!outcome.ok) {
          const data = await reloadPublic(c);
          if (!data) return c.redirect(groupPath(c, context.group.id, "/meetings"), 303);
          return meetingPage(c, data, { _form: errorMessage(REGISTRATION_PROBLEMS[outcome.reason]) }, 409);
        }
        return c.redirect(
          withNotice(meetingPath(c, context.meeting.id), kind === "register" ? "registered" : "unregistered"),
          303,
        );
      },
    }),
  ),
  route({
    method: "POST",
    path: `/meetings/:meetingId${UUID}/cancel`,
    action: "meeting.manage",
    load: loadMeeting,
    // A cancellation is final: the organiser ticks a box to confirm it.
    async handler(c, context) {
      const body = await formBody(c);
      if (body.confirm !== "on") {
        const data = await reloadPublic(c);
        if (!data) return c.redirect(groupPath(c, context.group.id, "/meetings"), 303);
        return meetingPage(c, data, { confirm: errorMessage("meetings.errorConfirmCancel") }, 422);
      }
      const now = new Date();
      await cancelMeeting(c.var.deps.db, actorId(c), context, context.meeting.id, now);
      await followReminder(c, { ...context.meeting, cancelledAt: now });
      return c.redirect(withNotice(meetingPath(c, context.meeting.id), "cancelled"), 303);
    },
  }),
];
