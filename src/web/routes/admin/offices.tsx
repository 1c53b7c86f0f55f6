import { z } from "zod";
import {
  createOffice,
  deleteOffice,
  findOffice,
  listOffices,
  updateOffice,
  type Office,
} from "../../../commands/offices.js";
import type { Organisation } from "../../../commands/organisations.js";
import { CheckboxField, ErrorSummary, Form, SubmitButton, TextField } from "../../components/form.js";
import { renderPage } from "../../components/layout.js";
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

const officeSchema = z.object({
  name: field.text(120),
  city: field.text(120),
  isHeadOffice: field.checkbox(),
});

interface FormState {
  values: Record<string, string>;
  errors?: FieldErrors;
}

function officeLabels(c: Ctx) {
  const { t } = c.var;
  return { name: t("admin.officeName"), city: t("admin.city") };
}

function OfficeFields({ c, state }: { c: Ctx; state: FormState }) {
  const { t } = c.var;
  return (
    <>
      <TextField
        c={c}
        name="name"
        label={t("admin.officeName")}
        maxlength={120}
        required
        errors={state.errors}
        values={state.values}
      />
      <TextField
        c={c}
        name="city"
        label={t("admin.city")}
        maxlength={120}
        required
        errors={state.errors}
        values={state.values}
      />
      <CheckboxField
        c={c}
        name="isHeadOffice"
        label={t("admin.headOffice")}
        hint={t("admin.headOfficeHint")}
        checked={state.values.isHeadOffice === "on"}
      />
    </>
  );
}

async function officesPage(c: Ctx, org: Organisation, state: FormState, status: 200 | 422 = 200) {
  const { t } = c.var;
  const rows = await listOffices(c.var.deps.db, org.id);
  const title = t("admin.officesTitle", { name: org.name });
  return renderPage(
    c,
    {
      title,
      notice: status === 200 ? noticeOf(c) : undefined,
      children: (
        <>
          <OrgAdminNav c={c} org={org} current="offices" />
          <h1>{title}</h1>
          {rows.length === 0 ? (
            <p>{t("admin.noOffices")}</p>
          ) : (
            <div class="table-wrap">
              <table>
                <caption>{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("admin.officeName")}</th>
                    <th scope="col">{t("admin.city")}</th>
                    <th scope="col">{t("admin.headOffice")}</th>
                    <th scope="col" class="number">
                      {t("admin.membersCount")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((o) => (
                    <tr>
                      <th scope="row">
                        <a href={orgAdminPath(c, org, `/offices/${o.id}`)}>{o.name}</a>
                      </th>
                      <td>{o.city}</td>
                      <td>{o.isHeadOffice ? t("common.yes") : t("common.no")}</td>
                      <td class="number">{o.members}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h2 id="new-office">{t("admin.addOffice")}</h2>
          <ErrorSummary c={c} errors={state.errors} labels={officeLabels(c)} />
          <Form c={c} action={orgAdminPath(c, org, "/offices")}>
            <OfficeFields c={c} state={state} />
            <SubmitButton label={t("admin.addOffice")} />
          </Form>
        </>
      ),
    },
    status,
  );
}

function officePage(c: Ctx, org: Organisation, office: Office, state: FormState, status: 200 | 422 = 200) {
  const { t } = c.var;
  const title = t("admin.officeTitle", { name: office.name });
  return renderPage(
    c,
    {
      title,
      children: (
        <>
          <OrgAdminNav c={c} org={org} current="offices" />
          <h1>{title}</h1>
          <ErrorSummary c={c} errors={state.errors} labels={officeLabels(c)} />
          <Form c={c} action={orgAdminPath(c, org, `/offices/${office.id}`)}>
            <OfficeFields c={c} state={state} />
            <SubmitButton label={t("common.save")} />
          </Form>
          <h2>{t("admin.deleteOffice")}</h2>
          <p>{t("admin.deleteOfficeWarning")}</p>
          <Form c={c} action={orgAdminPath(c, org, `/offices/${office.id}/delete`)}>
            <div class="actions">
              <button type="submit" class="danger">
                {t("admin.deleteOffice")}
              </button>
            </div>
          </Form>
          <p>
            <a href={orgAdminPath(c, org, "/offices")}>{t("admin.backToOffices")}</a>
          </p>
        </>
      ),
    },
    status,
  );
}

const officeOf = (c: Ctx) => loadWithin(c, (org) => findOffice(c.var.deps.db, org.id, c.req.param("officeId") ?? ""));

function officeValues(o: Office): Record<string, string> {
  return { name: o.name, city: o.city, isHeadOffice: o.isHeadOffice ? "on" : "" };
}

export const adminOfficeRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: "/admin/organisations/:slug/offices",
    action: "organisation.administer",
    load: loadOrganisation,
    handler: (c, org) => officesPage(c, org, { values: {} }),
  }),
  route({
    method: "POST",
    path: "/admin/organisations/:slug/offices",
    action: "organisation.administer",
    load: loadOrganisation,
    async handler(c, org) {
      const body = await formBody(c);
      const form = parseForm(officeSchema, body);
      if (!form.ok) return officesPage(c, org, { values: textValues(body), errors: form.errors }, 422);
      const outcome = await createOffice(c.var.deps.db, actorId(c), org.id, form.data);
      if (!outcome.ok)
        return officesPage(
          c,
          org,
          { values: textValues(body), errors: { name: errorMessage("errors.nameTaken") } },
          422,
        );
      return c.redirect(withNotice(orgAdminPath(c, org, "/offices"), "created"), 303);
    },
  }),
  route({
    method: "GET",
    path: `/admin/organisations/:slug/offices/:officeId${ID}`,
    action: "organisation.administer",
    load: officeOf,
    handler: (c, { org, item }) => officePage(c, org, item, { values: officeValues(item) }),
  }),
  route({
    method: "POST",
    path: `/admin/organisations/:slug/offices/:officeId${ID}`,
    action: "organisation.administer",
    load: officeOf,
    async handler(c, { org, item }) {
      const body = await formBody(c);
      const form = parseForm(officeSchema, body);
      if (!form.ok) return officePage(c, org, item, { values: textValues(body), errors: form.errors }, 422);
      const outcome = await updateOffice(c.var.deps.db, actorId(c), item, form.data);
      if (!outcome.ok)
        return officePage(
          c,
          org,
          item,
          { values: textValues(body), errors: { name: errorMessage("errors.nameTaken") } },
          422,
        );
      return c.redirect(withNotice(orgAdminPath(c, org, "/offices"), "saved"), 303);
    },
  }),
  route({
    method: "POST",
    path: `/admin/organisations/:slug/offices/:officeId${ID}/delete`,
    action: "organisation.administer",
    load: officeOf,
    async handler(c, { org, item }) {
      await deleteOffice(c.var.deps.db, actorId(c), item);
      return c.redirect(withNotice(orgAdminPath(c, org, "/offices"), "deleted"), 303);
    },
  }),
];
