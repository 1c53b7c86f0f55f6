import { z } from "zod";
import type { Cycle, Theme } from "../../../commands/cycles/read.js";
import type { LocalTalk, TalkGroup, TalkOffice } from "../../../commands/local-talks/read.js";
import type { TalkInput, TalkProblem } from "../../../commands/local-talks/save.js";
import { toBrusselsLocal } from "../../../commands/ballots/schedule.js";
import { MAX_TALK_MINUTES, MIN_TALK_MINUTES, readTalkTime } from "../../../domain/local-talks/talk-time.js";
import type { MessageKey } from "../../../i18n/index.js";
import { can } from "../../../policies/can.js";
import { ErrorSummary, Form, SelectField, SubmitButton, TextAreaField, TextField } from "../../components/form.js";
import { renderPage } from "../../components/layout.js";
import type { Ctx } from "../../context.js";
import { errorMessage, field, parseForm, type FieldErrors } from "../../validation.js";
import { cyclePath, cycleTitle, langOf, themeText } from "../cycles/shared.js";
import { groupNames, talkPath, talksPath } from "./shared.js";

export const TALK_LIMITS = { title: 200, city: 100, summary: 5000, author: 100, contribution: 2000 } as const;

export interface TalkFormState {
  values: Record<string, string>;
  errors?: FieldErrors;
}

/** The choices of the form: offices the actor may record talks in, the cycle's themes and groups. */
export interface TalkChoices {
  cycle: Cycle;
  offices: TalkOffice[];
  themes: Theme[];
  groups: TalkGroup[];
}

/**
 * Offices of the cycle's organisations where the actor may record talks (a facilitator of
 * Smart France records the French talks of a binational cycle), and the talk's own office.
 */
export function allowedOffices(c: Ctx, offices: TalkOffice[], keep: string | null = null): TalkOffice[] {
  return offices.filter(
    (o) =>
      o.id === keep || can(c.var.actor, "local_talk.manage", { type: "cycle", organisationIds: [o.organisationId] }),
  );
}

const optionalId = () =>
  z
    .string()
    .trim()
    .max(100, { error: errorMessage("errors.invalidChoice") })
    .optional()
    .transform((v) => v ?? "");

const schema = z.object({
  title: field.text(TALK_LIMITS.title),
  officeId: optionalId(),
  city: field.optionalText(TALK_LIMITS.city),
  date: z.string().optional(),
  startTime: z.string().optional(),
  durationMinutes: field.wholeNumber(100_000).refine((n) => n >= MIN_TALK_MINUTES && n <= MAX_TALK_MINUTES, {
    error: errorMessage("localTalks.durationRange"),
  }),
  themeId: optionalId(),
  groupId: optionalId(),
  attendance: field.wholeNumber(1_000_000),
  summary: field.optionalText(TALK_LIMITS.summary),
});

const TIME_PROBLEM: Record<string, MessageKey> = {
  required: "errors.required",
  invalid_date: "localTalks.invalidDate",
  invalid_time: "localTalks.invalidTime",
  nonexistent_time: "localTalks.nonexistentTime",
};

/** Reads the form: every problem at once, each on its field; nothing is saved unless all is well. */
export function parseTalkForm(
  body: Record<string, string | string[]>,
  choices: TalkChoices,
  offices: TalkOffice[],
): { ok: true; input: TalkInput } | { ok: false; errors: FieldErrors } {
  const form = parseForm(schema, body);
  const errors: FieldErrors = form.ok ? {} : { ...form.errors };
  const text = (name: string) => (typeof body[name] === "string" ? (body[name] as string).trim() : "");
  const officeId = text("officeId");
  const themeId = text("themeId");
  const groupId = text("groupId");
  if (!errors.officeId && officeId !== "" && !offices.some((o) => o.id === officeId))
    errors.officeId = errorMessage("errors.invalidChoice");
  if (!errors.city && officeId === "" && text("city") === "") errors.city = errorMessage("localTalks.cityRequired");
  if (!errors.themeId && themeId !== "" && !choices.themes.some((th) => th.id === themeId))
    errors.themeId = errorMessage("errors.invalidChoice");
  const group = choices.groups.find((g) => g.id === groupId);
  if (!errors.groupId && groupId !== "" && !group) errors.groupId = errorMessage("errors.invalidChoice");
  if (!errors.themeId && !errors.groupId && group && themeId !== "" && group.themeId !== themeId)
    errors.themeId = errorMessage("localTalks.groupThemeMismatch");
  const time = readTalkTime(text("date"), text("startTime"));
  if (!time.ok) {
    for (const [name, problem] of Object.entries(time.problems))
      if (!errors[name]) errors[name] = errorMessage(TIME_PROBLEM[problem] ?? "errors.invalidChoice");
  }
  if (!form.ok || !time.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      title: form.data.title,
      officeId: officeId === "" ? null : officeId,
      city: officeId === "" ? form.data.city : "",
      heldAt: time.heldAt,
      durationMinutes: form.data.durationMinutes,
      themeId: themeId === "" ? null : themeId,
      groupId: groupId === "" ? null : groupId,
      attendance: form.data.attendance,
      summary: form.data.summary,
    },
  };
}

/** The command's refusals (a race with another edit), on the field concerned. */
export function problemErrors(problem: TalkProblem): FieldErrors {
  switch (problem) {
    case "office_not_in_cycle":
      return { officeId: errorMessage("errors.invalidChoice") };
    case "theme_not_in_cycle":
      return { themeId: errorMessage("errors.invalidChoice") };
    case "group_not_in_cycle":
      return { groupId: errorMessage("errors.invalidChoice") };
    case "group_theme_mismatch":
      return { themeId: errorMessage("localTalks.groupThemeMismatch") };
    case "city_required":
      return { city: errorMessage("localTalks.cityRequired") };
  }
}

/** The form's values for an existing talk. */
export function talkValues(talk: LocalTalk): Record<string, string> {
  const local = toBrusselsLocal(talk.heldAt);
  return {
    title: talk.title,
    officeId: talk.officeId ?? "",
    city: talk.officeId ? "" : talk.city,
    date: local.slice(0, 10),
    startTime: local.slice(11, 16),
    durationMinutes: String(talk.durationMinutes),
    themeId: talk.themeId ?? "",
    groupId: talk.groupId ?? "",
    attendance: String(talk.attendance),
    summary: talk.summary,
  };
}

function labels(c: Ctx): Record<string, string> {
  const { t } = c.var;
  return {
    title: t("localTalks.fieldTitle"),
    officeId: t("localTalks.fieldOffice"),
    city: t("localTalks.fieldCity"),
    date: t("localTalks.fieldDate"),
    startTime: t("localTalks.fieldStartTime"),
    durationMinutes: t("localTalks.fieldDuration"),
    themeId: t("localTalks.fieldTheme"),
    groupId: t("localTalks.fieldGroup"),
    attendance: t("localTalks.fieldAttendance"),
    summary: t("localTalks.fieldSummary"),
  };
}

/** The creation form (no talk) or the edit form of a talk. */
export function talkFormPage(
  c: Ctx,
  choices: TalkChoices,
  offices: TalkOffice[],
  state: TalkFormState,
  talk: LocalTalk | null,
  status: 200 | 422 = 200,
) {
  const { t } = c.var;
  const { cycle } = choices;
  const picked = cycleTitle(cycle, c.var.locale);
  const names = groupNames(c, cycle, choices.themes, choices.groups);
  const orgName = (id: string) => cycle.organisations.find((o) => o.id === id)?.name ?? "";
  const title = talk ? t("localTalks.editTitle") : t("localTalks.newTitle");
  const l = labels(c);
  return renderPage(
    c,
    {
      title,
      children: (
        <>
          <p class="breadcrumb">
            <a href={cyclePath(c, cycle)} lang={langOf(c, picked)}>
              {picked.value.title}
            </a>
            {" › "}
            <a href={talksPath(c, cycle)}>{t("localTalks.listTitle")}</a>
          </p>
          <h1>{title}</h1>
          {talk && <p class="lead">{talk.title}</p>}
          <ErrorSummary c={c} errors={state.errors} labels={l} />
          <Form c={c} action={talk ? talkPath(c, talk.id, "/edit") : talksPath(c, cycle, "/new")}>
            <TextField
              c={c}
              name="title"
              label={l.title!}
              maxlength={TALK_LIMITS.title}
              required
              errors={state.errors}
              values={state.values}
            />
            <SelectField
              c={c}
              name="officeId"
              label={l.officeId!}
              hint={t("localTalks.officeHint")}
              emptyLabel={t("localTalks.officeOther")}
              options={offices.map((o) => ({
                value: o.id,
                label: cycle.organisations.length > 1 ? `${o.name} (${orgName(o.organisationId)})` : o.name,
              }))}
              errors={state.errors}
              values={state.values}
            />
            <TextField
              c={c}
              name="city"
              label={l.city!}
              hint={t("localTalks.cityHint")}
              maxlength={TALK_LIMITS.city}
              autocomplete="address-level2"
              errors={state.errors}
              values={state.values}
            />
            <TextField
              c={c}
              type="date"
              name="date"
              label={l.date!}
              hint={t("localTalks.dateHint")}
              required
              errors={state.errors}
              values={state.values}
            />
            <TextField
              c={c}
              name="startTime"
              label={l.startTime!}
              hint={t("localTalks.startTimeHint")}
              maxlength={5}
              required
              errors={state.errors}
              values={state.values}
            />
            <TextField
              c={c}
              name="durationMinutes"
              label={l.durationMinutes!}
              hint={t("localTalks.durationHint")}
              inputmode="numeric"
              maxlength={5}
              required
              errors={state.errors}
              values={state.values}
            />
            <SelectField
              c={c}
              name="themeId"
              label={l.themeId!}
              hint={t("localTalks.themeHint")}
              emptyLabel={t("localTalks.themeNone")}
              options={choices.themes.map((th) => ({ value: th.id, label: themeText(th, c.var.locale).value.title }))}
              errors={state.errors}
              values={state.values}
            />
            <SelectField
              c={c}
              name="groupId"
              label={l.groupId!}
              emptyLabel={t("localTalks.groupNone")}
              options={choices.groups.map((g) => {
                const name = names.get(g.id);
                return { value: g.id, label: name ? `${name.title} (${name.scope})` : g.key };
              })}
              errors={state.errors}
              values={state.values}
            />
            <TextField
              c={c}
              name="attendance"
              label={l.attendance!}
              hint={t("localTalks.attendanceHint")}
              inputmode="numeric"
              maxlength={7}
              required
              errors={state.errors}
              values={state.values}
            />
            <TextAreaField
              c={c}
              name="summary"
              label={l.summary!}
              maxlength={TALK_LIMITS.summary}
              rows={6}
              errors={state.errors}
              values={state.values}
            />
            <SubmitButton label={talk ? t("common.save") : t("localTalks.create")} />
          </Form>
          {talk && (
            <p>
              <a href={talkPath(c, talk.id)}>{t("localTalks.backToTalk")}</a>
            </p>
          )}
        </>
      ),
    },
    status,
  );
}
