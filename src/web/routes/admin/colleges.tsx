import { z } from "zod";
import {
  createCollege,
  deleteCollege,
  findCollege,
  listColleges,
  updateCollege,
  type College,
} from "../../../commands/colleges.js";
import type { Organisation } from "../../../commands/organisations.js";
import type { Labels } from "../../../db/schema/index.js";
import { formatNumber } from "../../../i18n/format.js";
import { LOCALES, type Locale } from "../../../i18n/locales.js";
import { ErrorSummary, Form, SubmitButton, TextField } from "../../components/form.js";
import { pickLabel } from "../../components/labels.js";
import { renderPage } from "../../components/layout.js";
import { languageName } from "../../components/regions.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute } from "../../routing.js";
import { errorMessage, field, parseForm, type FieldErrors } from "../../validation.js";
import {
  actorId,
  ID,
  formBody,
  loadOrganisation,
  loadWithin,
  noticeOf,
  OrgAdminNav,
  orgAdminPath,
  textValues,
  withNotice,
} from "./shared.js";

const labelField = (l: Locale) => `label_${l}` as const;

const collegeSchema = z.object({
  label_fr: field.optionalText(120),
  label_nl: field.optionalText(120),
  label_de: field.optionalText(120),
  label_en: field.optionalText(120),
  weight: field.decimal(),
});
const newCollegeSchema = collegeSchema.extend({
  key: z
    .string({ error: errorMessage("errors.required") })
    .trim()
    .min(1, { error: errorMessage("errors.required") })
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: errorMessage("admin.invalidCollegeKey") }),
});

type CollegeForm = { ok: true; key: string; labels: Labels; weight: string } | { ok: false; errors: FieldErrors };

/** Checks the form; the label in the organisation's default language is required. */
function parseCollegeForm(
  body: Record<string, string | string[]>,
  org: Organisation,
  withKey: boolean,
  locale: Locale,
): CollegeForm {
  const form = parseForm(withKey ? newCollegeSchema : collegeSchema, body);
  const errors: FieldErrors = form.ok ? {} : { ...form.errors };
  const required = labelField(org.defaultLanguage);
  const given = body[required];
  if (!errors[required] && (typeof given !== "string" || given.trim() === "")) {
    errors[required] = errorMessage("admin.labelRequiredDefault", {
      language: languageName(locale, org.defaultLanguage),
    });
  }
  if (!form.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  const labels: Labels = {};
  for (const l of LOCALES) {
    const text = form.data[labelField(l)];
    if (text) labels[l] = text;
  }
  const key = "key" in form.data && typeof form.data.key === "string" ? form.data.key : "";
  return { ok: true, key, labels, weight: form.data.weight };
}

function collegeLabels(c: Ctx): Record<string, string> {
  const { t, locale } = c.var;
  const labels: Record<string, string> = { key: t("admin.collegeKey"), weight: t("admin.weight") };
  for (const l of LOCALES) labels[labelField(l)] = t("admin.labelIn", { language: languageName(locale, l) });
  return labels;
}

interface FormState {
  values: Record<string, string>;
  errors?: FieldErrors;
}

function CollegeFields({ c, org, state, withKey }: { c: Ctx; org: Organisation; state: FormState; withKey: boolean }) {
  const { t, locale } = c.var;
  return (
    <>
      {withKey && (
        <TextField
          c={c}
          name="key"
          label={t("admin.collegeKey")}
          hint={t("admin.collegeKeyHint")}
          maxlength={63}
          required
          errors={state.errors}
          values={state.values}
        />
      )}
      <fieldset>
        <legend>{t("admin.collegeLabels")}</legend>
        <p class="hint">{t("admin.collegeLabelsHint", { language: languageName(locale, org.defaultLanguage) })}</p>
        {LOCALES.map((l) => (
          <TextField
            c={c}
            name={labelField(l)}
            label={t("admin.labelIn", { language: languageName(locale, l) })}
            maxlength={120}
            required={l === org.defaultLanguage}
            errors={state.errors}
            values={state.values}
          />
        ))}
      </fieldset>
      <TextField
        c={c}
        name="weight"
        label={t("admin.weight")}
        hint={t("admin.weightHint")}
        inputmode="decimal"
        maxlength={14}
        required
        errors={state.errors}
        values={state.values}
      />
    </>
  );
}

async function collegesPage(c: Ctx, org: Organisation, state: FormState, status: 200 | 422 = 200) {
  const { t, locale } = c.var;
  const rows = await listColleges(c.var.deps.db, org.id);
  const title = t("admin.collegesTitle", { name: org.name });
  return renderPage(
    c,
    {
      title,
      notice: status === 200 ? noticeOf(c) : undefined,
      children: (
        <>
          <OrgAdminNav c={c} org={org} current="colleges" />
          <h1>{title}</h1>
          {rows.length === 0 ? (
            <p>{t("admin.noColleges")}</p>
          ) : (
            <div class="table-wrap">
              <table>
                <caption>{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("admin.collegeLabel")}</th>
                    <th scope="col">{t("admin.collegeKey")}</th>
                    <th scope="col" class="number">
                      {t("admin.weight")}
                    </th>
                    <th scope="col" class="number">
                      {t("admin.membersCount")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((col) => {
                    const label = pickLabel(col.labels, locale, org.defaultLanguage, col.key);
                    return (
                      <tr>
                        <th scope="row">
                          <a href={orgAdminPath(c, org, `/colleges/${col.id}`)} lang={label.lang}>
                            {label.text}
                          </a>
                        </th>
                        <td>
                          <code>{col.key}</code>
                        </td>
                        <td class="number">{formatNumber(locale, col.weight)}</td>
                        <td class="number">{col.members}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <h2>{t("admin.addCollege")}</h2>
          <ErrorSummary c={c} errors={state.errors} labels={collegeLabels(c)} />
          <Form c={c} action={orgAdminPath(c, org, "/colleges")}>
            <CollegeFields c={c} org={org} state={state} withKey />
            <SubmitButton label={t("admin.addCollege")} />
          </Form>
        </>
      ),
    },
    status,
  );
}

function collegePage(c: Ctx, org: Organisation, college: College, state: FormState, status: 200 | 409 | 422 = 200) {
  const { t, locale } = c.var;
  const label = pickLabel(college.labels, locale, org.defaultLanguage, college.key);
  const title = t("admin.collegeTitle", { name: label.text });
  return renderPage(
    c,
    {
      title,
      children: (
        <>
          <OrgAdminNav c={c} org={org} current="colleges" />
          <h1>{title}</h1>
          <ErrorSummary c={c} errors={state.errors} labels={collegeLabels(c)} />
          <dl class="facts">
            <dt>{t("admin.collegeKey")}</dt>
            <dd>
              <code>{college.key}</code>
            </dd>
          </dl>
          <Form c={c} action={orgAdminPath(c, org, `/colleges/${college.id}`)}>
            <CollegeFields c={c} org={org} state={state} withKey={false} />
            <SubmitButton label={t("common.save")} />
          </Form>
          <h2>{t("admin.deleteCollege")}</h2>
          <p>{t("admin.deleteCollegeHint")}</p>
          <Form c={c} action={orgAdminPath(c, org, `/colleges/${college.id}/delete`)}>
            <div class="actions">
              <button type="submit" class="danger">
                {t("admin.deleteCollege")}
              </button>
            </div>
          </Form>
          <p>
            <a href={orgAdminPath(c, org, "/colleges")}>{t("admin.backToColleges")}</a>
          </p>
        </>
      ),
    },
    status,
  );
}

function collegeValues(college: College): Record<string, string> {
  const values: Record<string, string> = { weight: plainDecimal(college.weight) };
  for (const l of LOCALES) values[labelField(l)] = college.labels[l] ?? "";
  return values;
}

/** "0.500000" → "0.5", "1.000000" → "1": the stored decimal without its padding, exactly. */
function plainDecimal(stored: string): string {
  return stored.includes(".") ? stored.replace(/0+$/, "").replace(/\.$/, "") : stored;
}

const collegeOf = (c: Ctx) =>
  loadWithin(c, (org) => findCollege(c.var.deps.db, org.id, c.req.param("collegeId") ?? ""));

export const adminCollegeRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: "/admin/organisations/:slug/colleges",
    action: "organisation.administer",
    load: loadOrganisation,
    handler: (c, org) => collegesPage(c, org, { values: { weight: "1" } }),
  }),
  route({
    method: "POST",
    path: "/admin/organisations/:slug/colleges",
    action: "organisation.administer",
    load: loadOrganisation,
    async handler(c, org) {
      const body = await formBody(c);
      const form = parseCollegeForm(body, org, true, c.var.locale);
      if (!form.ok) return collegesPage(c, org, { values: textValues(body), errors: form.errors }, 422);
      const outcome = await createCollege(c.var.deps.db, actorId(c), org.id, {
        key: form.key,
        labels: form.labels,
        weight: form.weight,
      });
      if (!outcome.ok) {
        return collegesPage(
          c,
          org,
          { values: textValues(body), errors: { key: errorMessage("admin.collegeKeyTaken") } },
          422,
        );
      }
      return c.redirect(withNotice(orgAdminPath(c, org, "/colleges"), "created"), 303);
    },
  }),
  route({
    method: "GET",
    path: `/admin/organisations/:slug/colleges/:collegeId${ID}`,
    action: "organisation.administer",
    load: collegeOf,
    handler: (c, { org, item }) => collegePage(c, org, item, { values: collegeValues(item) }),
  }),
  route({
    method: "POST",
    path: `/admin/organisations/:slug/colleges/:collegeId${ID}`,
    action: "organisation.administer",
    load: collegeOf,
    async handler(c, { org, item }) {
      const body = await formBody(c);
      const form = parseCollegeForm(body, org, false, c.var.locale);
      if (!form.ok) return collegePage(c, org, item, { values: textValues(body), errors: form.errors }, 422);
      await updateCollege(c.var.deps.db, actorId(c), item, { labels: form.labels, weight: form.weight });
      return c.redirect(withNotice(orgAdminPath(c, org, "/colleges"), "saved"), 303);
    },
  }),
  route({
    method: "POST",
    path: `/admin/organisations/:slug/colleges/:collegeId${ID}/delete`,
    action: "organisation.administer",
    load: collegeOf,
    async handler(c, { org, item }) {
      const outcome = await deleteCollege(c.var.deps.db, actorId(c), item);
      if (!outcome.ok) {
        const errors = { _form: errorMessage("admin.collegeHasMembers", { total: outcome.members }) };
        return collegePage(c, org, item, { values: collegeValues(item), errors }, 409);
      }
      return c.redirect(withNotice(orgAdminPath(c, org, "/colleges"), "deleted"), 303);
    },
  }),
];
