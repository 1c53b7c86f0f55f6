import { z } from "zod";
import { allOrganisations, cycleBallots, type Cycle, type CycleOrganisation } from "../../../commands/cycles/read.js";
import { createCycle, updateCycle, type CycleInput } from "../../../commands/cycles/save.js";
import { PHASES } from "../../../db/schema/index.js";
import { LOCALES, type Locale } from "../../../i18n/locales.js";
import { can } from "../../../policies/can.js";
import { ErrorSummary, Form, SelectField, SubmitButton, TextAreaField, TextField } from "../../components/form.js";
import { renderPage } from "../../components/layout.js";
import { languageName } from "../../components/regions.js";
import type { Ctx } from "../../context.js";
import { refuse, route, type AnyRoute, type Loaded } from "../../routing.js";
import { errorMessage, field, parseForm, type FieldErrors } from "../../validation.js";
import { checkboxList, collectTexts, LIMITS, parsePhases, perLanguage } from "./forms.js";
import {
  actorId,
  adminCyclePath,
  CheckboxGroup,
  CycleAdminNav,
  formBody,
  listOf,
  loadCycle,
  noticeOf,
  PHASE_LABEL,
  textValues,
  withNotice,
} from "./shared.js";

interface FormState {
  values: Record<string, string>;
  organisationIds: string[];
  errors?: FieldErrors;
}

/** The organisations a person may put a cycle in, among all of them. */
interface Choices {
  all: CycleOrganisation[];
  allowed: CycleOrganisation[];
}

const baseShape = {
  name: field.text(LIMITS.name),
  sourceLanguage: field.locale(),
  organisationIds: checkboxList(),
  ...perLanguage("title", LIMITS.title),
  ...perLanguage("rules", LIMITS.rules),
};
const newCycleSchema = z.object({ ...baseShape, slug: field.slug() });
const editCycleSchema = z.object(baseShape);

/** "new" names the creation form: no cycle may take it. */
const RESERVED_SLUGS = new Set(["new"]);

type ParsedCycle =
  | { ok: true; input: CycleInput & { slug: string }; phases: ReturnType<typeof parsePhases> }
  | { ok: false; errors: FieldErrors };

/** `fixed`: organisations of the cycle that stay whatever the form says (they count as chosen). */
function parseCycleForm(
  c: Ctx,
  body: Record<string, string | string[]>,
  mode: "new" | "edit",
  known: CycleOrganisation[],
  fixed = 0,
): ParsedCycle {
  const form = parseForm(mode === "new" ? newCycleSchema : editCycleSchema, body);
  const errors: FieldErrors = form.ok ? {} : { ...form.errors };
  const data: Record<string, unknown> = form.ok ? form.data : {};
  const slug = typeof data.slug === "string" ? data.slug : "";
  if (mode === "new" && form.ok && RESERVED_SLUGS.has(slug)) errors.slug = errorMessage("cycles.slugReserved");
  const source = (typeof data.sourceLanguage === "string" ? data.sourceLanguage : "fr") as Locale;
  const texts = form.ok
    ? collectTexts(data, "title", "rules", "rules", source, languageName(c.var.locale, source), errors)
    : {};
  const organisationIds = listOf(body, "organisationIds");
  if (!errors.organisationIds && organisationIds.some((id) => !known.some((o) => o.id === id))) {
    errors.organisationIds = errorMessage("errors.invalidChoice");
  }
  if (!errors.organisationIds && organisationIds.length === 0 && fixed === 0)
    errors.organisationIds = errorMessage("cycles.organisationRequired");
  const phases = mode === "edit" ? parsePhases(body, errors) : [];
  if (!form.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      slug,
      name: form.data.name,
      sourceLanguage: form.data.sourceLanguage,
      organisationIds: [...new Set(organisationIds)],
      texts,
    },
    phases,
  };
}

function fieldLabels(c: Ctx): Record<string, string> {
  const { t, locale } = c.var;
  const labels: Record<string, string> = {
    name: t("cycles.name"),
    slug: t("cycles.slug"),
    sourceLanguage: t("cycles.sourceLanguage"),
    organisationIds: t("cycles.organisations"),
  };
  for (const l of LOCALES) {
    const language = languageName(locale, l);
    labels[`title_${l}`] = t("cycles.titleIn", { language });
    labels[`rules_${l}`] = t("cycles.rulesIn", { language });
  }
  for (const p of PHASES) {
    labels[`start_${p}`] = `${t(PHASE_LABEL[p])} — ${t("cycles.startsOn")}`;
    labels[`end_${p}`] = `${t(PHASE_LABEL[p])} — ${t("cycles.endsOn")}`;
  }
  return labels;
}

function CycleFields(p: {
  c: Ctx;
  state: FormState;
  choices: CycleOrganisation[];
  fixed: CycleOrganisation[];
  withSlug: boolean;
  withPhases: boolean;
}) {
  const { c, state } = p;
  const { t, locale } = c.var;
  return (
    <>
      {p.withSlug && (
        <TextField
          c={c}
          name="slug"
          label={t("cycles.slug")}
          hint={t("cycles.slugHint")}
          maxlength={63}
          required
          errors={state.errors}
          values={state.values}
        />
      )}
      <TextField
        c={c}
        name="name"
        label={t("cycles.name")}
        hint={t("cycles.nameHint")}
        maxlength={LIMITS.name}
        required
        errors={state.errors}
        values={state.values}
      />
      <SelectField
        c={c}
        name="sourceLanguage"
        label={t("cycles.sourceLanguage")}
        hint={t("cycles.sourceLanguageHint")}
        required
        errors={state.errors}
        values={state.values}
        options={LOCALES.map((l) => ({ value: l, label: languageName(locale, l) }))}
      />
      <CheckboxGroup
        c={c}
        name="organisationIds"
        legend={t("cycles.organisations")}
        hint={t("cycles.organisationsHint")}
        options={p.choices.map((o) => ({ value: o.id, label: o.name }))}
        checked={state.organisationIds}
        errors={state.errors}
      >
        {p.fixed.length > 0 && (
          <p class="hint">{t("cycles.fixedOrganisations", { names: p.fixed.map((o) => o.name).join(", ") })}</p>
        )}
      </CheckboxGroup>
      {LOCALES.map((l) => {
        const language = languageName(locale, l);
        return (
          <fieldset>
            <legend>{t("cycles.textsIn", { language })}</legend>
            <TextField
              c={c}
              name={`title_${l}`}
              label={t("cycles.titleIn", { language })}
              maxlength={LIMITS.title}
              errors={state.errors}
              values={state.values}
            />
            <TextAreaField
              c={c}
              name={`rules_${l}`}
              label={t("cycles.rulesIn", { language })}
              hint={t("cycles.rulesHint")}
              maxlength={LIMITS.rules}
              rows={10}
              lang={l}
              errors={state.errors}
              values={state.values}
            />
          </fieldset>
        );
      })}
      {p.withPhases && (
        <fieldset>
          <legend>{t("cycles.calendar")}</legend>
          <p class="hint">{t("cycles.calendarHint")}</p>
          {PHASES.map((phase) => (
            <fieldset>
              <legend>{t(PHASE_LABEL[phase])}</legend>
              <TextField
                c={c}
                type="date"
                name={`start_${phase}`}
                label={t("cycles.startsOn")}
                errors={state.errors}
                values={state.values}
              />
              <TextField
                c={c}
                type="date"
                name={`end_${phase}`}
                label={t("cycles.endsOn")}
                errors={state.errors}
                values={state.values}
              />
            </fieldset>
          ))}
        </fieldset>
      )}
    </>
  );
}

function newCyclePage(c: Ctx, choices: Choices, state: FormState, status: 200 | 422 = 200) {
  const { t, locale } = c.var;
  const title = t("cycles.newCycleTitle");
  return renderPage(
    c,
    {
      title,
      children: (
        <>
          <p class="breadcrumb">
            <a href={`/${locale}/cycles`}>{t("cycles.listTitle")}</a>
          </p>
          <h1>{title}</h1>
          <ErrorSummary c={c} errors={state.errors} labels={fieldLabels(c)} />
          <Form c={c} action={`/${locale}/admin/cycles/new`}>
            <CycleFields c={c} state={state} choices={choices.allowed} fixed={[]} withSlug withPhases={false} />
            <SubmitButton label={t("cycles.createCycle")} />
          </Form>
        </>
      ),
    },
    status,
  );
}

async function editCyclePage(c: Ctx, cycle: Cycle, state: FormState, status: 200 | 422 = 200) {
  const { t } = c.var;
  const db = c.var.deps.db;
  const [orgs, ballots] = await Promise.all([allOrganisations(db), cycleBallots(db, cycle.id)]);
  const { choices, fixed } = organisationChoices(c, cycle, orgs);
  const ballot = ballots.find((b) => b.kind === "ranked");
  const title = t("cycles.editCycleTitle", { name: cycle.name });
  return renderPage(
    c,
    {
      title,
      notice: status === 200 ? noticeOf(c) : undefined,
      children: (
        <>
          <CycleAdminNav c={c} cycle={cycle} current="settings" ballotId={ballot?.id ?? null} />
          <h1>{title}</h1>
          <dl class="facts">
            <dt>{t("cycles.slug")}</dt>
            <dd>
              <code>{cycle.slug}</code>
            </dd>
          </dl>
          <ErrorSummary c={c} errors={state.errors} labels={fieldLabels(c)} />
          <Form c={c} action={adminCyclePath(c, cycle)}>
            <CycleFields c={c} state={state} choices={choices} fixed={fixed} withSlug={false} withPhases />
            <SubmitButton label={t("common.save")} />
          </Form>
        </>
      ),
    },
    status,
  );
}

/** Organisations the person may add or remove (checkboxes), and those of the cycle they may not touch. */
function organisationChoices(c: Ctx, cycle: Cycle, all: CycleOrganisation[]) {
  const mayUse = (o: CycleOrganisation) =>
    can(c.var.actor, "cycle.create", { type: "organisation", organisationId: o.id });
  const choices = all.filter(mayUse);
  const fixed = cycle.organisations.filter((o) => !mayUse(o));
  return { choices, fixed };
}

function cycleValues(cycle: Cycle): FormState {
  const values: Record<string, string> = { name: cycle.name, sourceLanguage: cycle.sourceLanguage };
  for (const l of LOCALES) {
    values[`title_${l}`] = cycle.texts[l]?.title ?? "";
    values[`rules_${l}`] = cycle.texts[l]?.rules ?? "";
  }
  for (const p of cycle.phases) {
    values[`start_${p.phase}`] = p.startsOn;
    values[`end_${p.phase}`] = p.endsOn;
  }
  return { values, organisationIds: cycle.organisations.map((o) => o.id) };
}

/** Every organisation, and those where the person may create a cycle. */
async function loadChoices(c: Ctx): Promise<Loaded<Choices>> {
  const all = await allOrganisations(c.var.deps.db);
  const allowed = all.filter((o) => can(c.var.actor, "cycle.create", { type: "organisation", organisationId: o.id }));
  // The form opens for whoever may create a cycle in at least one organisation; can() refuses the others.
  return { resource: { type: "organisation", organisationId: allowed[0]?.id ?? "" }, data: { all, allowed } };
}

export const adminCycleRoutes: AnyRoute[] = [
  // Registered before /admin/cycles/:slug so that "new" is never read as a slug.
  route({
    method: "GET",
    path: "/admin/cycles/new",
    action: "cycle.create",
    load: loadChoices,
    handler: (c, choices) =>
      newCyclePage(c, choices, {
        values: { sourceLanguage: "fr" },
        organisationIds: choices.allowed.length === 1 ? [choices.allowed[0]!.id] : [],
      }),
  }),
  route({
    method: "POST",
    path: "/admin/cycles/new",
    action: "cycle.create",
    load: loadChoices,
    async handler(c, choices) {
      const body = await formBody(c);
      const chosen = listOf(body, "organisationIds");
      // Naming an organisation where the person may not create a cycle is refused outright.
      if (chosen.some((id) => choices.all.some((o) => o.id === id) && !choices.allowed.some((o) => o.id === id)))
        return refuse(c);
      const state = { values: textValues(body), organisationIds: chosen };
      const form = parseCycleForm(c, body, "new", choices.all);
      if (!form.ok) return newCyclePage(c, choices, { ...state, errors: form.errors }, 422);
      const outcome = await createCycle(c.var.deps.db, actorId(c), form.input);
      if (!outcome.ok) {
        const errors: FieldErrors =
          outcome.reason === "slug_taken"
            ? { slug: errorMessage("errors.slugTaken") }
            : outcome.reason === "no_organisation"
              ? { organisationIds: errorMessage("cycles.organisationRequired") }
              : { organisationIds: errorMessage("errors.invalidChoice") };
        return newCyclePage(c, choices, { ...state, errors }, 422);
      }
      return c.redirect(withNotice(`/${c.var.locale}/admin/cycles/${form.input.slug}`, "created"), 303);
    },
  }),
  route({
    method: "GET",
    path: "/admin/cycles/:slug",
    action: "cycle.manage",
    load: loadCycle,
    handler: (c, cycle) => editCyclePage(c, cycle, cycleValues(cycle)),
  }),
  route({
    method: "POST",
    path: "/admin/cycles/:slug",
    action: "cycle.manage",
    load: loadCycle,
    async handler(c, cycle) {
      const body = await formBody(c);
      const all = await allOrganisations(c.var.deps.db);
      const { choices, fixed } = organisationChoices(c, cycle, all);
      const submitted = listOf(body, "organisationIds");
      const may = (id: string) => choices.some((o) => o.id === id);
      const inCycle = (id: string) => cycle.organisations.some((o) => o.id === id);
      // Adding an organisation where the person may not create a cycle is refused outright.
      if (submitted.some((id) => all.some((o) => o.id === id) && !may(id) && !inCycle(id))) return refuse(c);
      const state = { values: textValues(body), organisationIds: submitted };
      const form = parseCycleForm(c, body, "edit", all, fixed.length);
      if (!form.ok) return editCyclePage(c, cycle, { ...state, errors: form.errors }, 422);
      // Organisations the person may not touch stay as they were.
      const organisationIds = [...new Set([...form.input.organisationIds.filter(may), ...fixed.map((o) => o.id)])];
      let problem: FieldErrors | null = null;
      if (organisationIds.length === 0) problem = { organisationIds: errorMessage("cycles.organisationRequired") };
      else if (!can(c.var.actor, "cycle.manage", { type: "cycle", organisationIds })) {
        problem = { organisationIds: errorMessage("cycles.wouldLoseAccess") };
      }
      if (problem) return editCyclePage(c, cycle, { ...state, errors: problem }, 422);
      const outcome = await updateCycle(c.var.deps.db, actorId(c), cycle, {
        ...form.input,
        organisationIds,
        phases: form.phases,
      });
      if (!outcome.ok) {
        const errors = {
          organisationIds: errorMessage(
            outcome.reason === "no_organisation" ? "cycles.organisationRequired" : "errors.invalidChoice",
          ),
        };
        return editCyclePage(c, cycle, { ...state, errors }, 422);
      }
      return c.redirect(withNotice(adminCyclePath(c, cycle), "saved"), 303);
    },
  }),
];
