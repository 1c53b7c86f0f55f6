import { createOrganisation, updateOrganisation, type Organisation } from "../../../commands/organisations.js";
import { DEFAULT_STATUTES } from "../../../domain/organisations/statutes.js";
import { LOCALE_NAMES } from "../../../i18n/locales.js";
import { ErrorSummary, Form, SubmitButton } from "../../components/form.js";
import { renderPage } from "../../components/layout.js";
import { countryName } from "../../components/regions.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute } from "../../routing.js";
import { errorMessage, type FieldErrors } from "../../validation.js";
import {
  OrganisationFields,
  organisationLabels,
  organisationValues,
  parseOrganisationForm,
} from "./organisation-form.js";
import {
  actorId,
  formBody,
  loadOrganisation,
  noticeOf,
  OrgAdminNav,
  orgAdminPath,
  textValues,
  withNotice,
} from "./shared.js";

interface FormState {
  values: Record<string, string>;
  languages: string[];
  errors?: FieldErrors;
}

function newOrganisationPage(c: Ctx, state: FormState, status: 200 | 422 = 200) {
  const { t, locale } = c.var;
  return renderPage(
    c,
    {
      title: t("admin.newOrganisationTitle"),
      children: (
        <>
          <p class="breadcrumb">
            <a href={`/${locale}/admin`}>{t("admin.homeTitle")}</a>
          </p>
          <h1>{t("admin.newOrganisationTitle")}</h1>
          <ErrorSummary c={c} errors={state.errors} labels={organisationLabels(c)} />
          <Form c={c} action={`/${locale}/admin/organisations/new`}>
            <OrganisationFields
              c={c}
              withSlug
              values={state.values}
              languages={state.languages}
              errors={state.errors}
            />
            <SubmitButton label={t("admin.createOrganisation")} />
          </Form>
        </>
      ),
    },
    status,
  );
}

function organisationPage(c: Ctx, org: Organisation, state: FormState, status: 200 | 422 = 200) {
  const { t, locale } = c.var;
  const title = t("admin.organisationTitle", { name: org.name });
  return renderPage(
    c,
    {
      title,
      notice: status === 200 ? noticeOf(c) : undefined,
      children: (
        <>
          <OrgAdminNav c={c} org={org} current="overview" />
          <h1>{title}</h1>
          <dl class="facts">
            <dt>{t("admin.slug")}</dt>
            <dd>
              <code>{org.slug}</code>
            </dd>
            <dt>{t("admin.country")}</dt>
            <dd>{countryName(locale, org.country)}</dd>
            <dt>{t("admin.languages")}</dt>
            <dd>
              {org.languages.map((l, i) => (
                <>
                  {i > 0 && ", "}
                  <span lang={l}>{LOCALE_NAMES[l]}</span>
                </>
              ))}
            </dd>
            <dt>{t("admin.publicPage")}</dt>
            <dd>
              <a href={`/${locale}/organisations/${org.slug}`}>{t("admin.viewPublicPage")}</a>
            </dd>
          </dl>
          <h2>{t("admin.editOrganisation")}</h2>
          <ErrorSummary c={c} errors={state.errors} labels={organisationLabels(c)} />
          <Form c={c} action={orgAdminPath(c, org)}>
            <OrganisationFields
              c={c}
              withSlug={false}
              values={state.values}
              languages={state.languages}
              errors={state.errors}
            />
            <SubmitButton label={t("common.save")} />
          </Form>
        </>
      ),
    },
    status,
  );
}

const NEW_DEFAULTS: FormState = {
  values: {
    defaultLanguage: "fr",
    maxProxiesPerHolder: String(DEFAULT_STATUTES.maxProxiesPerHolder),
    ordinaryQuorum: DEFAULT_STATUTES.ordinary.quorum,
    ordinaryCollegeQuorum: "",
    ordinaryMajority: DEFAULT_STATUTES.ordinary.majority,
    ordinaryBase: DEFAULT_STATUTES.ordinary.base,
    extraordinaryQuorum: DEFAULT_STATUTES.extraordinary.quorum,
    extraordinaryCollegeQuorum: "",
    extraordinaryMajority: DEFAULT_STATUTES.extraordinary.majority,
    extraordinaryBase: DEFAULT_STATUTES.extraordinary.base,
  },
  languages: ["fr"],
};

export const adminOrganisationRoutes: AnyRoute[] = [
  // Registered before /admin/organisations/:slug so that "new" is never read as a slug.
  route({
    method: "GET",
    path: "/admin/organisations/new",
    action: "organisation.create",
    handler: (c) => newOrganisationPage(c, NEW_DEFAULTS),
  }),
  route({
    method: "POST",
    path: "/admin/organisations/new",
    action: "organisation.create",
    async handler(c) {
      const body = await formBody(c);
      const form = parseOrganisationForm(body, true);
      if (!form.ok) return newOrganisationPage(c, form, 422);
      const outcome = await createOrganisation(c.var.deps.db, actorId(c), form.data);
      if (!outcome.ok) {
        const errors = { slug: errorMessage("errors.slugTaken") };
        return newOrganisationPage(c, { values: textValues(body), languages: form.data.languages, errors }, 422);
      }
      return c.redirect(withNotice(`/${c.var.locale}/admin/organisations/${form.data.slug}`, "created"), 303);
    },
  }),
  route({
    method: "GET",
    path: "/admin/organisations/:slug",
    action: "organisation.administer",
    load: loadOrganisation,
    handler: (c, org) => organisationPage(c, org, organisationValues(org)),
  }),
  route({
    method: "POST",
    path: "/admin/organisations/:slug",
    action: "organisation.administer",
    load: loadOrganisation,
    async handler(c, org) {
      const form = parseOrganisationForm(await formBody(c), false);
      if (!form.ok) return organisationPage(c, org, form, 422);
      const { slug: _slug, ...input } = form.data;
      await updateOrganisation(c.var.deps.db, actorId(c), org, input);
      return c.redirect(withNotice(orgAdminPath(c, org), "saved"), 303);
    },
  }),
];
