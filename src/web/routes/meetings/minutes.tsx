import { z } from "zod";
import type { MeetingContext } from "../../../commands/groups/load.js";
import { publishMinutes, saveMinutesDraft } from "../../../commands/meetings/minutes.js";
import { minutesBlocks, MINUTES_MAX_LENGTH } from "../../../domain/meetings/minutes-text.js";
import { formatNumber } from "../../../i18n/format.js";
import { can } from "../../../policies/can.js";
import { ErrorSummary, Form, SubmitButton, TextAreaField } from "../../components/form.js";
import { renderPage } from "../../components/layout.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute } from "../../routing.js";
import { errorMessage, parseForm, type FieldErrors } from "../../validation.js";
import { formBody, Moment, textValues } from "../cycles/shared.js";
import { GroupNav, loadMeeting, UUID } from "../groups/shared.js";
import { noticeOf, withNotice } from "./notices.js";
import { actorId, MeetingWhen, meetingPath } from "./shared.js";

/** The minutes as typed: line breaks kept, nothing trimmed away but the NUL character. */
const minutesSchema = z.object({
  body: z
    .string({ error: errorMessage("errors.required") })
    // eslint-disable-next-line no-control-regex
    .transform((v) => v.replace(/\u0000/g, "").replace(/\r\n?/g, "\n"))
    .refine((v) => v.trim() !== "", { error: errorMessage("errors.required") })
    .refine((v) => v.length <= MINUTES_MAX_LENGTH, {
      error: errorMessage("errors.tooLong", { max: MINUTES_MAX_LENGTH }),
    }),
});

/** Paragraphs and "- " lists; every character goes through JSX, so typed HTML shows as text. */
export function MinutesText({ text }: { text: string }) {
  return (
    <>
      {minutesBlocks(text).map((block) =>
        block.kind === "list" ? (
          <ul>
            {block.items.map((item) => (
              <li>{item}</li>
            ))}
          </ul>
        ) : (
          <p>
            {block.lines.map((line, i) => (
              <>
                {i > 0 && <br />}
                {line}
              </>
            ))}
          </p>
        ),
      )}
    </>
  );
}

function minutesResource(context: MeetingContext) {
  return {
    type: "meeting" as const,
    group: context.facts,
    cancelled: context.meeting.cancelledAt !== null,
    minutes: context.minutes?.status ?? ("none" as const),
  };
}

function minutesView(c: Ctx, context: MeetingContext) {
  const { t } = c.var;
  const m = context.meeting;
  const minutes = context.minutes!;
  const res = minutesResource(context);
  const heading = t("meetings.minutesTitle", { title: m.title });
  return renderPage(c, {
    title: heading,
    notice: noticeOf(c),
    children: (
      <>
        <h1>{heading}</h1>
        <GroupNav c={c} context={context} current="meetings" />
        <p>
          <MeetingWhen c={c} startsAt={m.startsAt} durationMinutes={m.durationMinutes} />
        </p>
        {minutes.status === "published" && minutes.publishedAt ? (
          <p>
            {t("meetings.publishedOn")} <Moment c={c} at={minutes.publishedAt} />
          </p>
        ) : (
          <p class="warning">{t("meetings.draftNotice")}</p>
        )}
        <div class="minutes">
          <MinutesText text={minutes.body} />
        </div>
        {can(c.var.actor, "minutes.draft", res) && (
          <p>
            <a href={meetingPath(c, m.id, "/minutes/edit")}>{t("meetings.editMinutes")}</a>
          </p>
        )}
        {can(c.var.actor, "minutes.publish", res) && (
          <Form c={c} action={meetingPath(c, m.id, "/minutes/publish")}>
            <p class="hint">{t("meetings.publishHint")}</p>
            <div class="actions">
              <button type="submit">{t("meetings.publishMinutes")}</button>
            </div>
          </Form>
        )}
        <p>
          <a href={meetingPath(c, m.id)}>{t("meetings.backToMeeting")}</a>
        </p>
      </>
    ),
  });
}

function minutesForm(c: Ctx, context: MeetingContext, values: Record<string, string>, errors?: FieldErrors) {
  const { t } = c.var;
  const m = context.meeting;
  const heading = t("meetings.minutesEditTitle", { title: m.title });
  return renderPage(
    c,
    {
      title: heading,
      children: (
        <>
          <h1>{heading}</h1>
          <GroupNav c={c} context={context} current="meetings" />
          <ErrorSummary c={c} errors={errors} labels={{ body: t("meetings.minutesField") }} />
          <Form c={c} action={meetingPath(c, m.id, "/minutes/edit")}>
            <TextAreaField
              c={c}
              name="body"
              label={t("meetings.minutesField")}
              hint={t("meetings.minutesHint", { max: formatNumber(c.var.locale, MINUTES_MAX_LENGTH, 0) })}
              maxlength={MINUTES_MAX_LENGTH}
              rows={20}
              errors={errors}
              values={values}
            />
            <SubmitButton label={t("meetings.saveDraft")} />
          </Form>
          <p>
            <a href={meetingPath(c, m.id)}>{t("meetings.backToMeeting")}</a>
          </p>
        </>
      ),
    },
    errors ? 422 : 200,
  );
}

export const minutesRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: `/meetings/:meetingId${UUID}/minutes`,
    action: "minutes.view",
    load: loadMeeting,
    handler: (c, context) => minutesView(c, context),
  }),
  route({
    method: "GET",
    path: `/meetings/:meetingId${UUID}/minutes/edit`,
    action: "minutes.draft",
    load: loadMeeting,
    handler: (c, context) => minutesForm(c, context, { body: context.minutes?.body ?? "" }),
  }),
  route({
    method: "POST",
    path: `/meetings/:meetingId${UUID}/minutes/edit`,
    action: "minutes.draft",
    load: loadMeeting,
    async handler(c, context) {
      const body = await formBody(c);
      const form = parseForm(minutesSchema, body);
      if (!form.ok) return minutesForm(c, context, textValues(body), form.errors);
      const outcome = await saveMinutesDraft(c.var.deps.db, actorId(c), context.meeting.id, form.data.body);
      if (!outcome.ok)
        return minutesForm(c, context, textValues(body), { _form: errorMessage("meetings.errorMinutesPublished") });
      return c.redirect(withNotice(meetingPath(c, context.meeting.id, "/minutes"), "minutesSaved"), 303);
    },
  }),
  route({
    method: "POST",
    path: `/meetings/:meetingId${UUID}/minutes/publish`,
    action: "minutes.publish",
    load: loadMeeting,
    async handler(c, context) {
      await publishMinutes(c.var.deps.db, actorId(c), context, context.meeting.id);
      return c.redirect(withNotice(meetingPath(c, context.meeting.id, "/minutes"), "minutesPublished"), 303);
    },
  }),
];
