import { z } from "zod";
import type { GroupContext, Meeting, MeetingContext } from "../../../commands/groups/load.js";
import { groupOffices, type GroupOffice } from "../../../commands/meetings/read.js";
import { createMeeting, updateMeeting, type MeetingInput } from "../../../commands/meetings/save.js";
import { MEETING_PLACES, type MeetingPlace } from "../../../db/schema/index.js";
import { readPlace, PLACE_LIMITS, type PlaceProblem } from "../../../domain/meetings/place.js";
import { meetingTimeValues, readMeetingTimes, type TimeProblem } from "../../../domain/meetings/schedule.js";
import type { MessageKey } from "../../../i18n/index.js";
import { isLocale, LOCALES, type Locale } from "../../../i18n/locales.js";
import { ErrorSummary, Form, SelectField, SubmitButton, TextAreaField, TextField } from "../../components/form.js";
import { renderPage } from "../../components/layout.js";
import { languageName } from "../../components/regions.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute } from "../../routing.js";
import { errorMessage, explain, field, parseForm, type FieldErrors } from "../../validation.js";
import { CheckboxGroup, formBody, langOf, listOf, textValues } from "../cycles/shared.js";
import { GroupNav, groupPath, groupTitle, loadGroup, loadMeeting, UUID } from "../groups/shared.js";
import { withNotice } from "./notices.js";
import { actorId, followReminder, meetingPath } from "./shared.js";

export const MEETING_LIMITS = { title: 200, agenda: 10_000, experts: 2_000 } as const;

interface FormState {
  values: Record<string, string>;
  interpretation: string[];
  errors?: FieldErrors | undefined;
}

/** Text as typed, without the characters a database or a calendar cannot hold. */
// eslint-disable-next-line no-control-regex
const stripNul = (v: string) => v.replace(/\u0000/g, "");
// eslint-disable-next-line no-control-regex
const oneLine = (v: string) => v.replace(/[\u0000-\u001F\u007F]+/g, " ");

const text = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => stripNul(v ?? "").trim())
    .pipe(z.string().max(max, { error: errorMessage("errors.tooLong", { max }) }));

const meetingSchema = z.object({
  title: z
    .string({ error: errorMessage("errors.required") })
    .transform(oneLine)
    .pipe(field.text(MEETING_LIMITS.title)),
  date: text(20),
  startTime: text(20),
  endTime: text(20),
  place: text(40),
  officeId: text(100),
  location: z
    .string()
    .optional()
    .transform((v) => stripNul(v ?? "")),
  onlineUrl: z
    .string()
    .optional()
    .transform((v) => stripNul(v ?? "")),
  agenda: text(MEETING_LIMITS.agenda),
  experts: text(MEETING_LIMITS.experts),
});

const TIME_MESSAGES: Record<TimeProblem, MessageKey> = {
  required: "errors.required",
  malformed_date: "meetings.errorDate",
  malformed_time: "meetings.errorTime",
  nonexistent_time: "meetings.errorNonexistentTime",
  in_past: "meetings.errorInPast",
  end_not_after_start: "meetings.errorEndBeforeStart",
  too_short: "meetings.errorTooShort",
  too_long: "meetings.errorTooLong",
};

const PLACE_MESSAGES: Record<Exclude<PlaceProblem, "too_long">, MessageKey> = {
  invalid_place: "errors.invalidChoice",
  office_required: "meetings.errorOfficeRequired",
  unknown_office: "meetings.errorUnknownOffice",
  head_office_required: "meetings.errorHeadOfficeRequired",
  not_a_head_office: "meetings.errorNotHeadOffice",
  address_required: "meetings.errorAddressRequired",
  link_required: "meetings.errorLinkRequired",
  link_not_https: "meetings.errorLinkHttps",
  link_only_online: "meetings.errorLinkOnlyOnline",
};

type Parsed = { ok: true; input: MeetingInput } | { ok: false; errors: FieldErrors };

/**
 * Reads the meeting form: every problem is reported at once, with its field. `keptStart`: the
 * start of the meeting being edited, which may stay in the past.
 */
function parseMeetingForm(
  body: Record<string, string | string[]>,
  offices: GroupOffice[],
  now: Date,
  keptStart?: Date,
): Parsed {
  const form = parseForm(meetingSchema, body);
  const errors: FieldErrors = form.ok ? {} : { ...form.errors };
  const str = (name: string) => (typeof body[name] === "string" ? stripNul(body[name]) : "");
  const times = readMeetingTimes({ date: str("date"), startTime: str("startTime"), endTime: str("endTime") }, now, {
    keptStart,
  });
  if (!times.ok)
    for (const [name, problem] of Object.entries(times.problems)) errors[name] ??= errorMessage(TIME_MESSAGES[problem]);
  const place = readPlace(
    { place: str("place"), officeId: str("officeId"), location: str("location"), onlineUrl: str("onlineUrl") },
    offices,
  );
  if (!place.ok)
    for (const [name, problem] of Object.entries(place.problems)) {
      errors[name] ??=
        problem === "too_long"
          ? errorMessage("errors.tooLong", { max: PLACE_LIMITS[name as keyof typeof PLACE_LIMITS] })
          : errorMessage(PLACE_MESSAGES[problem]);
    }
  const languages = listOf(body, "interpretation");
  if (languages.some((l) => !isLocale(l))) errors.interpretation = errorMessage("errors.invalidChoice");
  if (!form.ok || !times.ok || !place.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      title: form.data.title,
      startsAt: times.startsAt,
      durationMinutes: times.durationMinutes,
      ...place.value,
      agenda: form.data.agenda,
      experts: form.data.experts,
      interpretation: LOCALES.filter((l) => languages.includes(l)),
    },
  };
}

function fieldLabels(c: Ctx): Record<string, string> {
  const t = c.var.t;
  return {
    title: t("meetings.fieldTitle"),
    date: t("meetings.fieldDate"),
    startTime: t("meetings.fieldStart"),
    endTime: t("meetings.fieldEnd"),
    place: t("meetings.fieldPlace"),
    officeId: t("meetings.fieldOffice"),
    location: t("meetings.fieldLocation"),
    onlineUrl: t("meetings.fieldOnlineUrl"),
    agenda: t("meetings.fieldAgenda"),
    experts: t("meetings.fieldExperts"),
    interpretation: t("meetings.fieldInterpretation"),
  };
}

const PLACE_LABEL: Record<MeetingPlace, MessageKey> = {
  office: "meetings.place_office",
  head_office: "meetings.place_head_office",
  site_visit: "meetings.place_site_visit",
  online: "meetings.place_online",
};

/** A time of day: a native time picker, a text box where the browser has none ("14:00"). */
function TimeField(p: { c: Ctx; name: string; label: string; state: FormState }) {
  const error = p.state.errors?.[p.name];
  const id = `field-${p.name}`;
  const hintId = `${id}-hint`;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div class={error ? "field has-error" : "field"}>
      <label for={id}>{p.label}</label>
      <p class="hint" id={hintId}>
        {p.c.var.t("meetings.timeHint")}
      </p>
      {error && (
        <p class="error" id={errorId}>
          {explain(p.c.var.t, error)}
        </p>
      )}
      <input
        id={id}
        name={p.name}
        type="time"
        value={p.state.values[p.name] ?? ""}
        required
        aria-invalid={error ? "true" : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ")}
      />
    </div>
  );
}

function MeetingFields({ c, state, offices }: { c: Ctx; state: FormState; offices: GroupOffice[] }) {
  const { t, locale } = c.var;
  const common = { c, errors: state.errors, values: state.values };
  return (
    <>
      <TextField {...common} name="title" label={t("meetings.fieldTitle")} maxlength={MEETING_LIMITS.title} required />
      <TextField
        {...common}
        name="date"
        type="date"
        label={t("meetings.fieldDate")}
        hint={t("meetings.dateHint")}
        required
      />
      <TimeField c={c} name="startTime" label={t("meetings.fieldStart")} state={state} />
      <TimeField c={c} name="endTime" label={t("meetings.fieldEnd")} state={state} />
      <SelectField
        {...common}
        name="place"
        label={t("meetings.fieldPlace")}
        hint={t("meetings.placeHint")}
        required
        options={MEETING_PLACES.map((p) => ({ value: p, label: t(PLACE_LABEL[p]) }))}
      />
      <SelectField
        {...common}
        name="officeId"
        label={t("meetings.fieldOffice")}
        hint={t("meetings.officeHint")}
        emptyLabel={t("meetings.noOffice")}
        options={offices.map((o) => ({
          value: o.id,
          label: o.isHeadOffice
            ? t("meetings.headOfficeOption", { name: o.name, city: o.city })
            : `${o.name}, ${o.city}`,
        }))}
      />
      <TextField
        {...common}
        name="location"
        label={t("meetings.fieldLocation")}
        hint={t("meetings.locationHint")}
        maxlength={PLACE_LIMITS.location}
      />
      <TextField
        {...common}
        name="onlineUrl"
        type="url"
        label={t("meetings.fieldOnlineUrl")}
        hint={t("meetings.onlineUrlHint")}
        maxlength={PLACE_LIMITS.onlineUrl}
      />
      <TextAreaField
        {...common}
        name="agenda"
        label={t("meetings.fieldAgenda")}
        hint={t("meetings.agendaHint")}
        maxlength={MEETING_LIMITS.agenda}
        rows={8}
      />
      <TextAreaField
        {...common}
        name="experts"
        label={t("meetings.fieldExperts")}
        hint={t("meetings.expertsHint")}
        maxlength={MEETING_LIMITS.experts}
        rows={3}
      />
      <CheckboxGroup
        c={c}
        name="interpretation"
        legend={t("meetings.fieldInterpretation")}
        hint={t("meetings.interpretationHint")}
        options={LOCALES.map((l: Locale) => ({ value: l, label: languageName(locale, l) }))}
        checked={state.interpretation}
        errors={state.errors}
      />
    </>
  );
}

async function formPage(
  c: Ctx,
  context: GroupContext,
  state: FormState,
  mode: { kind: "new" } | { kind: "edit"; meeting: Meeting },
  status: 200 | 422 = 200,
) {
  const { t } = c.var;
  const [title, offices] = await Promise.all([
    groupTitle(c, context),
    groupOffices(c.var.deps.db, context.facts.organisationIds),
  ]);
  const heading = mode.kind === "new" ? t("meetings.newTitle") : t("meetings.editTitle", { title: mode.meeting.title });
  const action =
    mode.kind === "new" ? groupPath(c, context.group.id, "/meetings/new") : meetingPath(c, mode.meeting.id, "/edit");
  return renderPage(
    c,
    {
      title: heading,
      children: (
        <>
          <h1>{heading}</h1>
          <GroupNav c={c} context={context} current="meetings" />
          <dl class="facts">
            <dt>{t("meetings.groupLabel")}</dt>
            <dd lang={langOf(c, title)}>{title.value.title}</dd>
          </dl>
          <ErrorSummary c={c} errors={state.errors} labels={fieldLabels(c)} />
          <Form c={c} action={action}>
            <MeetingFields c={c} state={state} offices={offices} />
            <SubmitButton label={mode.kind === "new" ? t("meetings.create") : t("meetings.save")} />
          </Form>
          <p>
            <a
              href={mode.kind === "new" ? groupPath(c, context.group.id, "/meetings") : meetingPath(c, mode.meeting.id)}
            >
              {t("meetings.back")}
            </a>
          </p>
        </>
      ),
    },
    status,
  );
}

function valuesOf(meeting: Meeting): FormState {
  return {
    values: {
      title: meeting.title,
      ...meetingTimeValues(meeting.startsAt, meeting.durationMinutes),
      place: meeting.place,
      officeId: meeting.officeId ?? "",
      location: meeting.location,
      onlineUrl: meeting.onlineUrl,
      agenda: meeting.agenda,
      experts: meeting.experts,
    },
    interpretation: [...meeting.interpretation],
  };
}

function refused(body: Record<string, string | string[]>, errors: FieldErrors): FormState {
  return { values: textValues(body), interpretation: listOf(body, "interpretation"), errors };
}

export const meetingFormRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: `/groups/:groupId${UUID}/meetings/new`,
    action: "meeting.manage",
    load: loadGroup,
    handler: (c, context) => formPage(c, context, { values: { place: "office" }, interpretation: [] }, { kind: "new" }),
  }),
  route({
    method: "POST",
    path: `/groups/:groupId${UUID}/meetings/new`,
    action: "meeting.manage",
    load: loadGroup,
    async handler(c, context) {
      const body = await formBody(c);
      const offices = await groupOffices(c.var.deps.db, context.facts.organisationIds);
      const form = parseMeetingForm(body, offices, new Date());
      if (!form.ok) return formPage(c, context, refused(body, form.errors), { kind: "new" }, 422);
      const { meeting } = await createMeeting(c.var.deps.db, actorId(c), context, form.input);
      await followReminder(c, meeting);
      return c.redirect(withNotice(meetingPath(c, meeting.id), "created"), 303);
    },
  }),
  route({
    method: "GET",
    path: `/meetings/:meetingId${UUID}/edit`,
    action: "meeting.manage",
    load: loadMeeting,
    handler: (c, context: MeetingContext) =>
      formPage(c, context, valuesOf(context.meeting), { kind: "edit", meeting: context.meeting }),
  }),
  route({
    method: "POST",
    path: `/meetings/:meetingId${UUID}/edit`,
    action: "meeting.manage",
    load: loadMeeting,
    async handler(c, context: MeetingContext) {
      const body = await formBody(c);
      const offices = await groupOffices(c.var.deps.db, context.facts.organisationIds);
      const form = parseMeetingForm(body, offices, new Date(), context.meeting.startsAt);
      const mode = { kind: "edit" as const, meeting: context.meeting };
      if (!form.ok) return formPage(c, context, refused(body, form.errors), mode, 422);
      const outcome = await updateMeeting(c.var.deps.db, actorId(c), context, context.meeting, form.input);
      if (!outcome.ok)
        return formPage(c, context, refused(body, { _form: errorMessage("meetings.errorCancelled") }), mode, 422);
      await followReminder(c, outcome.meeting);
      return c.redirect(withNotice(meetingPath(c, context.meeting.id), "saved"), 303);
    },
  }),
];
