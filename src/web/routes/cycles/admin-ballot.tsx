import { z } from "zod";
import {
  createThemeBallot,
  MIN_THEMES_ON_BALLOT,
  THEME_BALLOT_METHODS,
  updateDraftBallot,
  type ThemeBallotInput,
  type ThemeBallotMethod,
} from "../../../commands/ballots/create.js";
import { loadBallotResource, type Ballot } from "../../../commands/ballots/load.js";
import { BallotAdminActions } from "../ballots.js";
import { checkSchedule, fromBrusselsLocal, toBrusselsLocal } from "../../../commands/ballots/schedule.js";
import {
  ballotOptionsOf,
  collegesOf,
  cycleBallots,
  findCycleById,
  listThemes,
  type Cycle,
  type Theme,
} from "../../../commands/cycles/read.js";
import type { Labels } from "../../../db/schema/index.js";
import type { MessageKey } from "../../../i18n/index.js";
import { can } from "../../../policies/can.js";
import { ErrorSummary, Form, SelectField, SubmitButton, TextField, CheckboxField } from "../../components/form.js";
import { pickLabel } from "../../components/labels.js";
import { renderPage } from "../../components/layout.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute, type Loaded } from "../../routing.js";
import { errorMessage, field, parseForm, type FieldErrors } from "../../validation.js";
import { checkboxList, LIMITS } from "./forms.js";
import {
  actorId,
  adminCyclePath,
  BALLOT_STATUS_LABEL,
  CheckboxGroup,
  CycleAdminNav,
  cyclePath,
  formBody,
  ID,
  langOf,
  listOf,
  loadCycle,
  Moment,
  noticeOf,
  textValues,
  themeText,
  withNotice,
} from "./shared.js";

const METHOD_LABEL: Record<ThemeBallotMethod, MessageKey> = {
  schulze: "cycles.method_schulze",
  "ranked-pairs": "cycles.method_ranked_pairs",
  copeland: "cycles.method_copeland",
  borda: "cycles.method_borda",
  irv: "cycles.method_irv",
};

interface FormState {
  values: Record<string, string>;
  organisationIds: string[];
  collegeKeys: string[];
  errors?: FieldErrors;
}

const dateTime = () =>
  z
    .string()
    .trim()
    .max(40, { error: errorMessage("cycles.invalidDateTime") })
    .optional()
    .transform((v) => v ?? "");

const ballotSchema = z.object({
  title: field.text(LIMITS.ballotTitle),
  method: field.choice(THEME_BALLOT_METHODS),
  organisationIds: checkboxList(),
  shareholdersOnly: field.checkbox(),
  collegeKeys: checkboxList(),
  allowRecast: field.checkbox(),
  opensAt: dateTime(),
  closesAt: dateTime(),
  reminderHours: field.wholeNumber(LIMITS.reminderHours),
});

/** What the electorate may be chosen among: the cycle's organisations and their colleges. */
interface ElectorateChoices {
  organisations: Cycle["organisations"];
  colleges: Array<{ key: string; labels: Labels }>;
}

async function electorateChoices(c: Ctx, cycle: Cycle): Promise<ElectorateChoices> {
  const colleges = await collegesOf(
    c.var.deps.db,
    cycle.organisations.map((o) => o.id),
  );
  return { organisations: cycle.organisations, colleges };
}

function parseDateTime(value: string): { ok: true; date: Date | null } | { ok: false; error: string } {
  if (value === "") return { ok: true, date: null };
  const parsed = fromBrusselsLocal(value);
  if (parsed.ok) return { ok: true, date: parsed.date };
  return {
    ok: false,
    error: errorMessage(parsed.problem === "nonexistent" ? "cycles.nonexistentTime" : "cycles.invalidDateTime"),
  };
}

const SCHEDULE_MESSAGE = {
  opens_in_past: "cycles.opensInPast",
  closes_in_past: "cycles.closesInPast",
  closes_before_opens: "cycles.closesBeforeOpens",
} as const satisfies Record<string, MessageKey>;

/** Checks the ballot form against the cycle, the clock and the policy (the person must keep running the ballot). */
function parseBallotForm(
  c: Ctx,
  body: Record<string, string | string[]>,
  choices: ElectorateChoices,
  now: Date,
): { ok: true; input: ThemeBallotInput } | { ok: false; errors: FieldErrors } {
  const form = parseForm(ballotSchema, body);
  const errors: FieldErrors = form.ok ? {} : { ...form.errors };
  const organisationIds = [...new Set(listOf(body, "organisationIds"))];
  const collegeKeys = [...new Set(listOf(body, "collegeKeys"))];
  if (!errors.organisationIds) {
    if (organisationIds.some((id) => !choices.organisations.some((o) => o.id === id)))
      errors.organisationIds = errorMessage("errors.invalidChoice");
    else if (organisationIds.length === 0) errors.organisationIds = errorMessage("cycles.organisationRequired");
    else if (
      !can(c.var.actor, "ballot.manage", { type: "ballot", organisationIds, status: "draft", isElector: false })
    ) {
      errors.organisationIds = errorMessage("cycles.wouldLoseAccess");
    }
  }
  if (!errors.collegeKeys && collegeKeys.some((k) => !choices.colleges.some((col) => col.key === k))) {
    errors.collegeKeys = errorMessage("errors.invalidChoice");
  }
  if (!form.ok) return { ok: false, errors };
  const opens = parseDateTime(form.data.opensAt);
  const closes = parseDateTime(form.data.closesAt);
  if (!opens.ok) errors.opensAt = opens.error;
  if (!closes.ok) errors.closesAt = closes.error;
  if (opens.ok && closes.ok) {
    const problems = checkSchedule(opens.date, closes.date, now);
    if (problems.opensAt) errors.opensAt = errorMessage(SCHEDULE_MESSAGE[problems.opensAt]);
    if (problems.closesAt) errors.closesAt = errorMessage(SCHEDULE_MESSAGE[problems.closesAt]);
  }
  if (Object.keys(errors).length > 0 || !opens.ok || !closes.ok) return { ok: false, errors };
  return {
    ok: true,
    input: {
      title: form.data.title,
      method: form.data.method,
      electorate: { organisationIds, shareholdersOnly: form.data.shareholdersOnly, collegeKeys },
      allowRecast: form.data.allowRecast,
      opensAt: opens.date,
      closesAt: closes.date,
      reminderHours: form.data.reminderHours,
    },
  };
}

function ballotLabels(c: Ctx): Record<string, string> {
  const { t } = c.var;
  return {
    title: t("cycles.ballotTitle"),
    method: t("cycles.method"),
    organisationIds: t("cycles.electorateOrganisations"),
    collegeKeys: t("cycles.electorateColleges"),
    opensAt: t("cycles.opensAt"),
    closesAt: t("cycles.closesAt"),
    reminderHours: t("cycles.reminderHours"),
  };
}

function BallotFields({ c, state, choices }: { c: Ctx; state: FormState; choices: ElectorateChoices }) {
  const { t, locale } = c.var;
  return (
    <>
      <TextField
        c={c}
        name="title"
        label={t("cycles.ballotTitle")}
        maxlength={LIMITS.ballotTitle}
        required
        errors={state.errors}
        values={state.values}
      />
      <SelectField
        c={c}
        name="method"
        label={t("cycles.method")}
        hint={t("cycles.methodHint")}
        required
        errors={state.errors}
        values={state.values}
        options={THEME_BALLOT_METHODS.map((m) => ({ value: m, label: t(METHOD_LABEL[m]) }))}
      />
      <fieldset>
        <legend>{t("cycles.electorate")}</legend>
        <CheckboxGroup
          c={c}
          name="organisationIds"
          legend={t("cycles.electorateOrganisations")}
          options={choices.organisations.map((o) => ({ value: o.id, label: o.name }))}
          checked={state.organisationIds}
          errors={state.errors}
        />
        <CheckboxField
          c={c}
          name="shareholdersOnly"
          label={t("cycles.shareholdersOnly")}
          hint={t("cycles.shareholdersOnlyHint")}
          checked={state.values.shareholdersOnly === "on"}
        />
        <CheckboxGroup
          c={c}
          name="collegeKeys"
          legend={t("cycles.electorateColleges")}
          hint={t("cycles.collegesHint")}
          options={choices.colleges.map((col) => {
            const label = pickLabel(col.labels, locale, undefined, col.key);
            return { value: col.key, label: label.text, lang: label.lang };
          })}
          checked={state.collegeKeys}
          errors={state.errors}
        />
      </fieldset>
      <CheckboxField
        c={c}
        name="allowRecast"
        label={t("cycles.allowRecast")}
        hint={t("cycles.allowRecastHint")}
        checked={state.values.allowRecast === "on"}
      />
      <fieldset>
        <legend>{t("cycles.schedule")}</legend>
        <p class="hint">{t("cycles.scheduleHint")}</p>
        <TextField
          c={c}
          type="datetime-local"
          name="opensAt"
          label={t("cycles.opensAt")}
          errors={state.errors}
          values={state.values}
        />
        <TextField
          c={c}
          type="datetime-local"
          name="closesAt"
          label={t("cycles.closesAt")}
          errors={state.errors}
          values={state.values}
        />
        <TextField
          c={c}
          name="reminderHours"
          label={t("cycles.reminderHours")}
          hint={t("cycles.reminderHoursHint")}
          inputmode="numeric"
          maxlength={4}
          required
          errors={state.errors}
          values={state.values}
        />
      </fieldset>
    </>
  );
}

function OptionList({ c, options }: { c: Ctx; options: Theme[] }) {
  const { t, locale } = c.var;
  if (options.length === 0) return <p>{t("cycles.noOptions")}</p>;
  return (
    <ol>
      {options.map((theme) => {
        const picked = themeText(theme, locale);
        return (
          <li>
            <span lang={langOf(c, picked)}>{picked.value.title}</span> (<code>{theme.key}</code>)
          </li>
        );
      })}
    </ol>
  );
}

async function newBallotPage(c: Ctx, cycle: Cycle, state: FormState | null, status: 200 | 409 | 422 = 200) {
  const { t, locale } = c.var;
  const db = c.var.deps.db;
  const [ballots, themes, choices] = await Promise.all([
    cycleBallots(db, cycle.id),
    listThemes(db, cycle.id),
    electorateChoices(c, cycle),
  ]);
  const existing = ballots.find((b) => b.kind === "ranked");
  const onBallot = themes.filter((th) => th.status === "on_ballot");
  const title = t("cycles.newBallotTitle", { name: cycle.name });
  const form = state ?? {
    values: {
      title: t("cycles.defaultBallotTitle", { name: cycle.name }),
      method: "schulze",
      shareholdersOnly: "on",
      allowRecast: "on",
      reminderHours: "48",
    },
    organisationIds: cycle.organisations.map((o) => o.id),
    collegeKeys: [],
  };
  return renderPage(
    c,
    {
      title,
      children: (
        <>
          <CycleAdminNav c={c} cycle={cycle} current="ballot" ballotId={existing?.id ?? null} />
          <h1>{title}</h1>
          <ErrorSummary c={c} errors={form.errors} labels={ballotLabels(c)} />
          {existing ? (
            <p>
              {t("cycles.ballotExists")} <a href={`/${locale}/admin/ballots/${existing.id}`}>{existing.title}</a>
            </p>
          ) : (
            <>
              <h2>{t("cycles.ballotOptions")}</h2>
              <p class="hint">{t("cycles.ballotOptionsHint")}</p>
              <OptionList c={c} options={onBallot} />
              {onBallot.length < MIN_THEMES_ON_BALLOT && (
                <p class="warning">
                  {t("cycles.tooFewThemes", { min: MIN_THEMES_ON_BALLOT })}{" "}
                  <a href={adminCyclePath(c, cycle, "/themes")}>{t("cycles.navThemes")}</a>
                </p>
              )}
              <h2>{t("cycles.ballotSettings")}</h2>
              <Form c={c} action={adminCyclePath(c, cycle, "/ballots/new")}>
                <BallotFields c={c} state={form} choices={choices} />
                <SubmitButton label={t("cycles.createBallot")} />
              </Form>
            </>
          )}
        </>
      ),
    },
    status,
  );
}

function ballotValues(ballot: Ballot): FormState {
  return {
    values: {
      title: ballot.title,
      method: ballot.method,
      shareholdersOnly: ballot.electorate.shareholdersOnly ? "on" : "",
      allowRecast: ballot.allowRecast ? "on" : "",
      opensAt: ballot.opensAt ? toBrusselsLocal(ballot.opensAt) : "",
      closesAt: ballot.closesAt ? toBrusselsLocal(ballot.closesAt) : "",
      reminderHours: String(ballot.reminderHours),
    },
    organisationIds: [...ballot.electorate.organisationIds],
    collegeKeys: [...ballot.electorate.collegeKeys],
  };
}

/** The electorate rule in words: organisations, who among their members, which colleges. */
function ElectorateInWords({ c, ballot, choices }: { c: Ctx; ballot: Ballot; choices: ElectorateChoices | null }) {
  const { t, locale } = c.var;
  const rule = ballot.electorate;
  const known = (choices?.organisations ?? []).filter((o) => rule.organisationIds.includes(o.id));
  const names = [...known.map((o) => o.name), ...rule.organisationIds.filter((id) => !known.some((o) => o.id === id))];
  const colleges = rule.collegeKeys.map((k) => {
    const col = choices?.colleges.find((x) => x.key === k);
    return col ? pickLabel(col.labels, locale, undefined, k).text : k;
  });
  return (
    <p>
      {rule.shareholdersOnly
        ? t("cycles.electorateShareholdersOf", { organisations: names.join(", ") })
        : t("cycles.electorateMembersOf", { organisations: names.join(", ") })}{" "}
      {colleges.length === 0
        ? t("cycles.electorateAllColleges")
        : t("cycles.electorateOnlyColleges", { colleges: colleges.join(", ") })}
    </p>
  );
}

async function ballotPage(c: Ctx, ballot: Ballot, state: FormState | null, status: 200 | 409 | 422 = 200) {
  const { t } = c.var;
  const db = c.var.deps.db;
  const cycle = ballot.cycleId ? await findCycleById(db, ballot.cycleId) : null;
  const [choices, themes, options] = await Promise.all([
    cycle ? electorateChoices(c, cycle) : Promise.resolve(null),
    cycle ? listThemes(db, cycle.id) : Promise.resolve([] as Theme[]),
    ballotOptionsOf(db, ballot.id),
  ]);
  const optionThemes = options
    .map((o) => themes.find((th) => th.id === o.themeId))
    .filter((th): th is Theme => th !== undefined);
  const editable = ballot.status === "draft" && ballot.kind === "ranked" && cycle !== null && choices !== null;
  const method = (THEME_BALLOT_METHODS as readonly string[]).includes(ballot.method)
    ? t(METHOD_LABEL[ballot.method as ThemeBallotMethod])
    : ballot.method;
  const form = state ?? ballotValues(ballot);
  return renderPage(
    c,
    {
      title: ballot.title,
      notice: status === 200 ? noticeOf(c) : undefined,
      children: (
        <>
          {cycle && <CycleAdminNav c={c} cycle={cycle} current="ballot" ballotId={ballot.id} />}
          <h1>{ballot.title}</h1>
          <ErrorSummary c={c} errors={form.errors} labels={ballotLabels(c)} />
          <dl class="facts">
            {cycle && (
              <>
                <dt>{t("cycles.cycle")}</dt>
                <dd>
                  <a href={cyclePath(c, cycle)}>{cycle.name}</a>
                </dd>
              </>
            )}
            <dt>{t("cycles.ballotStatus")}</dt>
            <dd>{t(BALLOT_STATUS_LABEL[ballot.status])}</dd>
            <dt>{t("cycles.method")}</dt>
            <dd>{method}</dd>
            <dt>{t("cycles.opensAt")}</dt>
            <dd>{ballot.opensAt ? <Moment c={c} at={ballot.opensAt} /> : t("cycles.notScheduled")}</dd>
            <dt>{t("cycles.closesAt")}</dt>
            <dd>{ballot.closesAt ? <Moment c={c} at={ballot.closesAt} /> : t("cycles.notScheduled")}</dd>
            <dt>{t("cycles.reminderHours")}</dt>
            <dd>
              {ballot.reminderHours === 0
                ? t("cycles.noReminder")
                : t("cycles.reminderBefore", { hours: ballot.reminderHours })}
            </dd>
            <dt>{t("cycles.allowRecast")}</dt>
            <dd>{ballot.allowRecast ? t("common.yes") : t("common.no")}</dd>
          </dl>
          <h2>{t("cycles.electorate")}</h2>
          <ElectorateInWords c={c} ballot={ballot} choices={choices} />
          <h2>{t("cycles.ballotOptions")}</h2>
          <OptionList c={c} options={optionThemes} />
          {editable ? (
            <>
              <h2>{t("cycles.editBallot")}</h2>
              <p class="hint">{t("cycles.editBallotHint")}</p>
              <Form c={c} action={`/${c.var.locale}/admin/ballots/${ballot.id}`}>
                <BallotFields c={c} state={form} choices={choices} />
                <SubmitButton label={t("common.save")} />
              </Form>
            </>
          ) : (
            <p class="warning">{t("cycles.ballotNotDraft")}</p>
          )}
          <BallotAdminActions c={c} ballot={ballot} />
        </>
      ),
    },
    status,
  );
}

function formState(body: Record<string, string | string[]>, errors: FieldErrors): FormState {
  return {
    values: textValues(body),
    organisationIds: listOf(body, "organisationIds"),
    collegeKeys: listOf(body, "collegeKeys"),
    errors,
  };
}

async function loadBallot(c: Ctx): Promise<Loaded<Ballot> | null> {
  const actor = c.var.actor;
  return loadBallotResource(
    c.var.deps.db,
    c.req.param("ballotId") ?? "",
    actor.kind === "person" ? actor.personId : null,
  );
}

export const adminBallotRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: "/admin/cycles/:slug/ballots/new",
    action: "cycle.manage",
    load: loadCycle,
    handler: (c, cycle) => newBallotPage(c, cycle, null),
  }),
  route({
    method: "POST",
    path: "/admin/cycles/:slug/ballots/new",
    action: "cycle.manage",
    load: loadCycle,
    async handler(c, cycle) {
      const body = await formBody(c);
      const choices = await electorateChoices(c, cycle);
      const now = new Date();
      const form = parseBallotForm(c, body, choices, now);
      if (!form.ok) return newBallotPage(c, cycle, formState(body, form.errors), 422);
      const outcome = await createThemeBallot(c.var.deps.db, actorId(c), cycle.id, form.input, now);
      if (outcome.ok)
        return c.redirect(withNotice(`/${c.var.locale}/admin/ballots/${outcome.ballotId}`, "created"), 303);
      switch (outcome.reason) {
        case "ballot_exists":
          return newBallotPage(c, cycle, formState(body, { _form: errorMessage("cycles.ballotExists") }), 409);
        case "too_few_themes":
          return newBallotPage(
            c,
            cycle,
            formState(body, { _form: errorMessage("cycles.tooFewThemes", { min: MIN_THEMES_ON_BALLOT }) }),
            422,
          );
        case "unknown_college":
          return newBallotPage(c, cycle, formState(body, { collegeKeys: errorMessage("errors.invalidChoice") }), 422);
        case "schedule":
          return newBallotPage(c, cycle, formState(body, scheduleErrors(outcome.problems)), 422);
        default:
          return newBallotPage(
            c,
            cycle,
            formState(body, { organisationIds: errorMessage("errors.invalidChoice") }),
            422,
          );
      }
    },
  }),
  route({
    method: "GET",
    path: `/admin/ballots/:ballotId${ID}`,
    action: "ballot.manage",
    load: loadBallot,
    handler: (c, ballot) => ballotPage(c, ballot, null),
  }),
  route({
    method: "POST",
    path: `/admin/ballots/:ballotId${ID}`,
    action: "ballot.manage",
    load: loadBallot,
    async handler(c, ballot) {
      const body = await formBody(c);
      const cycle = ballot.cycleId ? await findCycleById(c.var.deps.db, ballot.cycleId) : null;
      if (ballot.status !== "draft" || ballot.kind !== "ranked" || !cycle) {
        return ballotPage(
          c,
          ballot,
          { ...ballotValues(ballot), errors: { _form: errorMessage("cycles.ballotNotDraft") } },
          409,
        );
      }
      const now = new Date();
      const form = parseBallotForm(c, body, await electorateChoices(c, cycle), now);
      if (!form.ok) return ballotPage(c, ballot, formState(body, form.errors), 422);
      const outcome = await updateDraftBallot(c.var.deps.db, actorId(c), ballot.id, form.input, now);
      if (outcome.ok) return c.redirect(withNotice(`/${c.var.locale}/admin/ballots/${ballot.id}`, "saved"), 303);
      switch (outcome.reason) {
        case "not_draft":
        case "unknown_ballot":
          return ballotPage(
            c,
            ballot,
            { ...ballotValues(ballot), errors: { _form: errorMessage("cycles.ballotNotDraft") } },
            409,
          );
        case "too_few_themes":
          return ballotPage(
            c,
            ballot,
            formState(body, { _form: errorMessage("cycles.tooFewThemes", { min: MIN_THEMES_ON_BALLOT }) }),
            422,
          );
        case "unknown_college":
          return ballotPage(c, ballot, formState(body, { collegeKeys: errorMessage("errors.invalidChoice") }), 422);
        case "schedule":
          return ballotPage(c, ballot, formState(body, scheduleErrors(outcome.problems)), 422);
        default:
          return ballotPage(c, ballot, formState(body, { organisationIds: errorMessage("errors.invalidChoice") }), 422);
      }
    },
  }),
];

function scheduleErrors(problems: {
  opensAt?: keyof typeof SCHEDULE_MESSAGE;
  closesAt?: keyof typeof SCHEDULE_MESSAGE;
}): FieldErrors {
  const errors: FieldErrors = {};
  if (problems.opensAt) errors.opensAt = errorMessage(SCHEDULE_MESSAGE[problems.opensAt]);
  if (problems.closesAt) errors.closesAt = errorMessage(SCHEDULE_MESSAGE[problems.closesAt]);
  return errors;
}
