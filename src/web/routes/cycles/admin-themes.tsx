import { z } from "zod";
import { cycleBallots, listThemes, themesOnBallots, type Cycle, type Theme } from "../../../commands/cycles/read.js";
import { createTheme, deleteTheme, moveTheme, updateTheme, type ThemeInput } from "../../../commands/cycles/themes.js";
import { THEME_STATUSES } from "../../../db/schema/index.js";
import { LOCALES, type Locale } from "../../../i18n/locales.js";
import { ErrorSummary, Form, SelectField, SubmitButton, TextAreaField, TextField } from "../../components/form.js";
import { renderPage } from "../../components/layout.js";
import { languageName } from "../../components/regions.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute } from "../../routing.js";
import { errorMessage, field, parseForm, type FieldErrors } from "../../validation.js";
import { collectTexts, LIMITS, perLanguage } from "./forms.js";
import {
  actorId,
  adminCyclePath,
  CycleAdminNav,
  formBody,
  ID,
  langOf,
  loadCycle,
  loadCycleTheme,
  noticeOf,
  STATUS_LABEL,
  textValues,
  themeText,
  withNotice,
} from "./shared.js";

interface FormState {
  values: Record<string, string>;
  errors?: FieldErrors;
}

const themeShape = {
  status: field.choice(THEME_STATUSES),
  organisationId: z
    .string()
    .trim()
    .max(100, { error: errorMessage("errors.invalidChoice") })
    .optional()
    .transform((v) => v ?? ""),
  ...perLanguage("title", LIMITS.themeTitle),
  ...perLanguage("description", LIMITS.description),
};
const newThemeSchema = z.object({
  ...themeShape,
  key: z
    .string({ error: errorMessage("errors.required") })
    .trim()
    .min(1, { error: errorMessage("errors.required") })
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: errorMessage("cycles.invalidThemeKey") }),
});
const editThemeSchema = z.object(themeShape);

type ParsedTheme = { ok: true; key: string; input: ThemeInput } | { ok: false; errors: FieldErrors };

function parseThemeForm(
  c: Ctx,
  body: Record<string, string | string[]>,
  cycle: Cycle,
  source: Locale,
  withKey: boolean,
): ParsedTheme {
  const form = parseForm(withKey ? newThemeSchema : editThemeSchema, body);
  const errors: FieldErrors = form.ok ? {} : { ...form.errors };
  const data: Record<string, unknown> = form.ok ? form.data : {};
  const texts = form.ok
    ? collectTexts(data, "title", "description", "description", source, languageName(c.var.locale, source), errors)
    : {};
  const scope = typeof data.organisationId === "string" ? data.organisationId : "";
  if (scope !== "" && !cycle.organisations.some((o) => o.id === scope))
    errors.organisationId = errorMessage("errors.invalidChoice");
  if (!form.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    key: "key" in form.data && typeof form.data.key === "string" ? form.data.key : "",
    input: { status: form.data.status, organisationId: scope === "" ? null : scope, texts },
  };
}

function themeLabels(c: Ctx): Record<string, string> {
  const { t, locale } = c.var;
  const labels: Record<string, string> = {
    key: t("cycles.themeKey"),
    status: t("cycles.themeStatus"),
    organisationId: t("cycles.themeScope"),
  };
  for (const l of LOCALES) {
    const language = languageName(locale, l);
    labels[`title_${l}`] = t("cycles.titleIn", { language });
    labels[`description_${l}`] = t("cycles.descriptionIn", { language });
  }
  return labels;
}

function ThemeFields({
  c,
  cycle,
  state,
  withKey,
  theme,
}: {
  c: Ctx;
  cycle: Cycle;
  state: FormState;
  withKey: boolean;
  theme?: Theme;
}) {
  const { t, locale } = c.var;
  const source = theme?.sourceLanguage ?? cycle.sourceLanguage;
  return (
    <>
      {withKey && (
        <TextField
          c={c}
          name="key"
          label={t("cycles.themeKey")}
          hint={t("cycles.themeKeyHint")}
          maxlength={LIMITS.key}
          required
          errors={state.errors}
          values={state.values}
        />
      )}
      <SelectField
        c={c}
        name="status"
        label={t("cycles.themeStatus")}
        hint={t("cycles.themeStatusHint")}
        required
        errors={state.errors}
        values={state.values}
        options={THEME_STATUSES.map((s) => ({ value: s, label: t(STATUS_LABEL[s]) }))}
      />
      <SelectField
        c={c}
        name="organisationId"
        label={t("cycles.themeScope")}
        hint={t("cycles.themeScopeHint")}
        emptyLabel={t("cycles.wholeCycle")}
        errors={state.errors}
        values={state.values}
        options={cycle.organisations.map((o) => ({ value: o.id, label: t("cycles.onlyIn", { organisation: o.name }) }))}
      />
      <p class="hint">{t("cycles.themeTextsHint", { language: languageName(locale, source) })}</p>
      {LOCALES.map((l) => {
        const language = languageName(locale, l);
        return (
          <fieldset>
            <legend>{t("cycles.textsIn", { language })}</legend>
            {theme?.texts[l]?.outdated && l !== source && <p class="warning">{t("cycles.translationOutdatedAdmin")}</p>}
            <TextField
              c={c}
              name={`title_${l}`}
              label={t("cycles.titleIn", { language })}
              maxlength={LIMITS.themeTitle}
              errors={state.errors}
              values={state.values}
            />
            <TextAreaField
              c={c}
              name={`description_${l}`}
              label={t("cycles.descriptionIn", { language })}
              maxlength={LIMITS.description}
              lang={l}
              errors={state.errors}
              values={state.values}
            />
          </fieldset>
        );
      })}
    </>
  );
}

function themePath(c: Ctx, cycle: Cycle, theme: { id: string }, rest = "") {
  return adminCyclePath(c, cycle, `/themes/${theme.id}${rest}`);
}

async function ballotIdOf(c: Ctx, cycle: Cycle): Promise<string | null> {
  const ballots = await cycleBallots(c.var.deps.db, cycle.id);
  return ballots.find((b) => b.kind === "ranked")?.id ?? null;
}

async function themesPage(c: Ctx, cycle: Cycle, state: FormState, status: 200 | 409 | 422 = 200) {
  const { t, locale } = c.var;
  const db = c.var.deps.db;
  const [list, used, ballotId] = await Promise.all([
    listThemes(db, cycle.id),
    themesOnBallots(db, cycle.id),
    ballotIdOf(c, cycle),
  ]);
  const title = t("cycles.themesTitle", { name: cycle.name });
  return renderPage(
    c,
    {
      title,
      notice: status === 200 ? noticeOf(c) : undefined,
      children: (
        <>
          <CycleAdminNav c={c} cycle={cycle} current="themes" ballotId={ballotId} />
          <h1>{title}</h1>
          <ErrorSummary c={c} errors={state.errors} labels={themeLabels(c)} />
          {list.length === 0 ? (
            <p>{t("cycles.noThemes")}</p>
          ) : (
            <div class="table-wrap">
              <table>
                <caption>{title}</caption>
                <thead>
                  <tr>
                    <th scope="col" class="number">
                      {t("cycles.order")}
                    </th>
                    <th scope="col">{t("cycles.theme")}</th>
                    <th scope="col">{t("cycles.themeKey")}</th>
                    <th scope="col">{t("cycles.themeStatus")}</th>
                    <th scope="col">{t("cycles.themeScope")}</th>
                    <th scope="col">{t("cycles.translations")}</th>
                    <th scope="col">{t("common.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((theme, i) => {
                    const picked = themeText(theme, locale);
                    const scope = cycle.organisations.find((o) => o.id === theme.organisationId);
                    return (
                      <tr>
                        <td class="number">{i + 1}</td>
                        <th scope="row">
                          <a href={themePath(c, cycle, theme)} lang={langOf(c, picked)}>
                            {picked.value.title}
                          </a>
                        </th>
                        <td>
                          <code>{theme.key}</code>
                        </td>
                        <td>{t(STATUS_LABEL[theme.status])}</td>
                        <td>{scope ? scope.name : t("cycles.wholeCycle")}</td>
                        <td>
                          {LOCALES.filter((l) => theme.texts[l]).map((l, j) => (
                            <>
                              {j > 0 && ", "}
                              <abbr title={languageName(locale, l)}>{l.toUpperCase()}</abbr>
                              {theme.texts[l]?.outdated && l !== theme.sourceLanguage && ` (${t("cycles.outdated")})`}
                            </>
                          ))}
                        </td>
                        <td>
                          <ul class="actions-list">
                            {i > 0 && (
                              <li>
                                <Form c={c} action={themePath(c, cycle, theme, "/move")} class="inline">
                                  <input type="hidden" name="direction" value="up" />
                                  <button
                                    type="submit"
                                    class="secondary"
                                    aria-label={`${t("cycles.moveUp")}: ${picked.value.title}`}
                                  >
                                    {t("cycles.moveUp")}
                                  </button>
                                </Form>
                              </li>
                            )}
                            {i < list.length - 1 && (
                              <li>
                                <Form c={c} action={themePath(c, cycle, theme, "/move")} class="inline">
                                  <input type="hidden" name="direction" value="down" />
                                  <button
                                    type="submit"
                                    class="secondary"
                                    aria-label={`${t("cycles.moveDown")}: ${picked.value.title}`}
                                  >
                                    {t("cycles.moveDown")}
                                  </button>
                                </Form>
                              </li>
                            )}
                            {!used.has(theme.id) && (
                              <li>
                                <Form c={c} action={themePath(c, cycle, theme, "/delete")} class="inline">
                                  <button
                                    type="submit"
                                    class="danger"
                                    aria-label={`${t("common.delete")}: ${picked.value.title}`}
                                  >
                                    {t("common.delete")}
                                  </button>
                                </Form>
                              </li>
                            )}
                          </ul>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <h2>{t("cycles.addTheme")}</h2>
          <Form c={c} action={adminCyclePath(c, cycle, "/themes")}>
            <ThemeFields c={c} cycle={cycle} state={state} withKey />
            <SubmitButton label={t("cycles.addTheme")} />
          </Form>
        </>
      ),
    },
    status,
  );
}

async function themePage(c: Ctx, cycle: Cycle, theme: Theme, state: FormState, status: 200 | 422 = 200) {
  const { t, locale } = c.var;
  const picked = themeText(theme, locale);
  const title = t("cycles.editThemeTitle", { title: picked.value.title });
  const ballotId = await ballotIdOf(c, cycle);
  return renderPage(
    c,
    {
      title,
      children: (
        <>
          <CycleAdminNav c={c} cycle={cycle} current="themes" ballotId={ballotId} />
          <h1>{title}</h1>
          <dl class="facts">
            <dt>{t("cycles.themeKey")}</dt>
            <dd>
              <code>{theme.key}</code>
            </dd>
            <dt>{t("cycles.sourceLanguage")}</dt>
            <dd>{languageName(locale, theme.sourceLanguage)}</dd>
          </dl>
          <ErrorSummary c={c} errors={state.errors} labels={themeLabels(c)} />
          <Form c={c} action={themePath(c, cycle, theme)}>
            <ThemeFields c={c} cycle={cycle} state={state} withKey={false} theme={theme} />
            <SubmitButton label={t("common.save")} />
          </Form>
          <p>
            <a href={adminCyclePath(c, cycle, "/themes")}>{t("cycles.backToThemes")}</a>
          </p>
        </>
      ),
    },
    status,
  );
}

function themeValues(theme: Theme): FormState {
  const values: Record<string, string> = { status: theme.status, organisationId: theme.organisationId ?? "" };
  for (const l of LOCALES) {
    values[`title_${l}`] = theme.texts[l]?.title ?? "";
    values[`description_${l}`] = theme.texts[l]?.description ?? "";
  }
  return { values };
}

const moveSchema = z.object({ direction: z.enum(["up", "down"], { error: errorMessage("errors.invalidChoice") }) });

export const adminThemeRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: "/admin/cycles/:slug/themes",
    action: "cycle.manage",
    load: loadCycle,
    handler: (c, cycle) => themesPage(c, cycle, { values: { status: "proposed" } }),
  }),
  route({
    method: "POST",
    path: "/admin/cycles/:slug/themes",
    action: "cycle.manage",
    load: loadCycle,
    async handler(c, cycle) {
      const body = await formBody(c);
      const form = parseThemeForm(c, body, cycle, cycle.sourceLanguage, true);
      if (!form.ok) return themesPage(c, cycle, { values: textValues(body), errors: form.errors }, 422);
      const outcome = await createTheme(c.var.deps.db, actorId(c), cycle, { key: form.key, ...form.input });
      if (!outcome.ok) {
        const errors: FieldErrors =
          outcome.reason === "key_taken"
            ? { key: errorMessage("cycles.themeKeyTaken") }
            : outcome.reason === "organisation_not_in_cycle"
              ? { organisationId: errorMessage("errors.invalidChoice") }
              : {
                  [`title_${cycle.sourceLanguage}`]: errorMessage("cycles.sourceTitleRequired", {
                    language: languageName(c.var.locale, cycle.sourceLanguage),
                  }),
                };
        return themesPage(c, cycle, { values: textValues(body), errors }, 422);
      }
      return c.redirect(withNotice(adminCyclePath(c, cycle, "/themes"), "created"), 303);
    },
  }),
  route({
    method: "GET",
    path: `/admin/cycles/:slug/themes/:themeId${ID}`,
    action: "cycle.manage",
    load: loadCycleTheme,
    handler: (c, { cycle, theme }) => themePage(c, cycle, theme, themeValues(theme)),
  }),
  route({
    method: "POST",
    path: `/admin/cycles/:slug/themes/:themeId${ID}`,
    action: "cycle.manage",
    load: loadCycleTheme,
    async handler(c, { cycle, theme }) {
      const body = await formBody(c);
      const form = parseThemeForm(c, body, cycle, theme.sourceLanguage, false);
      if (!form.ok) return themePage(c, cycle, theme, { values: textValues(body), errors: form.errors }, 422);
      const outcome = await updateTheme(c.var.deps.db, actorId(c), cycle, theme, form.input);
      if (!outcome.ok) {
        const errors: FieldErrors =
          outcome.reason === "organisation_not_in_cycle"
            ? { organisationId: errorMessage("errors.invalidChoice") }
            : {
                [`title_${theme.sourceLanguage}`]: errorMessage("cycles.sourceTitleRequired", {
                  language: languageName(c.var.locale, theme.sourceLanguage),
                }),
              };
        return themePage(c, cycle, theme, { values: textValues(body), errors }, 422);
      }
      return c.redirect(withNotice(adminCyclePath(c, cycle, "/themes"), "saved"), 303);
    },
  }),
  route({
    method: "POST",
    path: `/admin/cycles/:slug/themes/:themeId${ID}/move`,
    action: "cycle.manage",
    load: loadCycleTheme,
    async handler(c, { cycle, theme }) {
      const form = parseForm(moveSchema, await formBody(c));
      if (!form.ok)
        return themesPage(
          c,
          cycle,
          { values: { status: "proposed" }, errors: { _form: errorMessage("errors.invalidChoice") } },
          422,
        );
      await moveTheme(c.var.deps.db, actorId(c), cycle, theme, form.data.direction);
      return c.redirect(withNotice(adminCyclePath(c, cycle, "/themes"), "moved"), 303);
    },
  }),
  route({
    method: "POST",
    path: `/admin/cycles/:slug/themes/:themeId${ID}/delete`,
    action: "cycle.manage",
    load: loadCycleTheme,
    async handler(c, { cycle, theme }) {
      const outcome = await deleteTheme(c.var.deps.db, actorId(c), cycle, theme);
      if (!outcome.ok) {
        return themesPage(
          c,
          cycle,
          {
            values: { status: "proposed" },
            errors: {
              _form: errorMessage(outcome.reason === "has_group" ? "cycles.themeHasGroup" : "cycles.themeOnBallot"),
            },
          },
          409,
        );
      }
      return c.redirect(withNotice(adminCyclePath(c, cycle, "/themes"), "deleted"), 303);
    },
  }),
];
