import type { MeetingContext } from "../../../commands/groups/load.js";
import { attendanceList } from "../../../commands/meetings/read.js";
import { saveAttendance } from "../../../commands/meetings/participation.js";
import type { GroupRole } from "../../../db/schema/index.js";
import { formatNumber } from "../../../i18n/format.js";
import type { MessageKey } from "../../../i18n/index.js";
import { ErrorSummary, Form, SubmitButton } from "../../components/form.js";
import { renderPage } from "../../components/layout.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute } from "../../routing.js";
import { errorMessage, type FieldErrors } from "../../validation.js";
import { CheckboxGroup, formBody, listOf } from "../cycles/shared.js";
import { GroupNav, loadMeeting, UUID } from "../groups/shared.js";
import { noticeOf, withNotice } from "./notices.js";
import { MeetingWhen, meetingPath } from "./shared.js";

const ROLE_LABEL: Record<GroupRole, MessageKey> = {
  facilitator: "meetings.role_facilitator",
  referent: "meetings.role_referent",
  secretary: "meetings.role_secretary",
  participant: "meetings.role_participant",
};

async function attendancePage(c: Ctx, context: MeetingContext, refused?: { errors: FieldErrors; checked: string[] }) {
  const { t, locale } = c.var;
  const m = context.meeting;
  const members = await attendanceList(c.var.deps.db, m);
  const checked = refused?.checked ?? members.filter((p) => p.attended === true).map((p) => p.personId);
  const taken = members.some((p) => p.attended !== null);
  const heading = t("meetings.attendanceTitle", { title: m.title });
  return renderPage(
    c,
    {
      title: heading,
      notice: refused ? undefined : noticeOf(c),
      children: (
        <>
          <h1>{heading}</h1>
          <GroupNav c={c} context={context} current="meetings" />
          <p>
            <MeetingWhen c={c} startsAt={m.startsAt} durationMinutes={m.durationMinutes} />
          </p>
          <ErrorSummary c={c} errors={refused?.errors} labels={{ attended: t("meetings.attendedLegend") }} />
          <p>
            {t("meetings.attendanceSummary", {
              members: formatNumber(locale, members.length, 0),
              registered: formatNumber(locale, members.filter((p) => p.registered).length, 0),
            })}
          </p>
          {!taken && <p class="hint">{t("meetings.attendanceNotTaken")}</p>}
          {members.length === 0 ? (
            <p>{t("meetings.noMembers")}</p>
          ) : (
            <Form c={c} action={meetingPath(c, m.id, "/attendance")}>
              <CheckboxGroup
                c={c}
                name="attended"
                legend={t("meetings.attendedLegend")}
                hint={t("meetings.attendedHint")}
                options={members.map((p) => ({
                  value: p.personId,
                  label: `${p.name} — ${t(ROLE_LABEL[p.role])}${p.registered ? ` (${t("meetings.registeredMark")})` : ""}`,
                }))}
                checked={checked}
                errors={refused?.errors}
              />
              <SubmitButton label={t("meetings.saveAttendance")} />
            </Form>
          )}
          <p>
            <a href={meetingPath(c, m.id)}>{t("meetings.backToMeeting")}</a>
          </p>
        </>
      ),
    },
    refused ? 422 : 200,
  );
}

export const attendanceRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: `/meetings/:meetingId${UUID}/attendance`,
    action: "meeting.attendance",
    load: loadMeeting,
    handler: (c, context) => attendancePage(c, context),
  }),
  route({
    method: "POST",
    path: `/meetings/:meetingId${UUID}/attendance`,
    action: "meeting.attendance",
    load: loadMeeting,
    async handler(c, context) {
      const present = listOf(await formBody(c), "attended");
      const outcome = await saveAttendance(c.var.deps.db, context.meeting, present);
      if (!outcome.ok)
        return attendancePage(c, context, {
          errors: { attended: errorMessage("meetings.errorNotMember") },
          checked: present,
        });
      return c.redirect(withNotice(meetingPath(c, context.meeting.id, "/attendance"), "attendance"), 303);
    },
  }),
];
