import { z } from "zod";
import type { Organisation } from "../../../commands/organisations.js";
import {
  findOrganisationRole,
  grantRole,
  GRANTABLE_ROLES,
  listOrganisationRoles,
  revokeRole,
} from "../../../commands/roles.js";
import type { AssignedRole } from "../../../db/schema/index.js";
import { formatDate } from "../../../i18n/format.js";
import type { MessageKey } from "../../../i18n/index.js";
import { ErrorSummary, Form, SelectField, SubmitButton, TextField } from "../../components/form.js";
import { renderPage } from "../../components/layout.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute } from "../../routing.js";
import { errorMessage, explain, field, parseForm, type FieldErrors } from "../../validation.js";
import {
  actorId,
  formBody,
  ID,
  loadOrganisation,
  loadWithin,
  noticeOf,
  OrgAdminNav,
  orgAdminPath,
  textValues,
  withNotice,
} from "./shared.js";

export const ROLE_LABEL: Record<AssignedRole, MessageKey> = {
  admin: "admin.role_admin",
  cycle_manager: "admin.role_cycle_manager",
  facilitator: "admin.role_facilitator",
  secretary: "admin.role_secretary",
  board_member: "admin.role_board_member",
  ethics_committee: "admin.role_ethics_committee",
  guest_author: "admin.role_guest_author",
  translator: "admin.role_translator",
};

const grantSchema = z.object({
  email: field.email(),
  role: field.choice(GRANTABLE_ROLES),
});

interface PageState {
  values: Record<string, string>;
  /** Problems of the grant form. */
  errors?: FieldErrors;
  /** A refused revocation. */
  refusal?: string;
}

async function rolesPage(c: Ctx, org: Organisation, state: PageState, status: 200 | 409 | 422 = 200) {
  const { t, locale, actor } = c.var;
  const rows = await listOrganisationRoles(c.var.deps.db, org.id);
  const self = actor.kind === "person" ? actor.personId : null;
  const title = t("admin.rolesTitle", { name: org.name });
  return renderPage(
    c,
    {
      title,
      notice: status === 200 ? noticeOf(c) : undefined,
      children: (
        <>
          <OrgAdminNav c={c} org={org} current="roles" />
          <h1>{title}</h1>
          {state.refusal && (
            <div class="error-summary" role="alert" tabindex={-1}>
              <p>{explain(t, state.refusal)}</p>
            </div>
          )}
          <p>{t("admin.rolesIntro")}</p>
          {rows.length === 0 ? (
            <p>{t("admin.noRoles")}</p>
          ) : (
            <div class="table-wrap">
              <table>
                <caption>{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("admin.personName")}</th>
                    <th scope="col">{t("admin.email")}</th>
                    <th scope="col">{t("admin.role")}</th>
                    <th scope="col">{t("admin.grantedAt")}</th>
                    <th scope="col">{t("common.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => {
                    const role = t(ROLE_LABEL[r.role]);
                    return (
                      <tr>
                        <th scope="row">{r.name}</th>
                        <td>{r.email}</td>
                        <td>{role}</td>
                        <td>{formatDate(locale, r.grantedAt)}</td>
                        <td>
                          {r.role === "admin" && r.personId === self ? (
                            t("admin.ownAdminRole")
                          ) : (
                            <Form c={c} action={orgAdminPath(c, org, `/roles/${r.id}/revoke`)} class="inline">
                              <button type="submit" class="secondary">
                                {t("admin.revoke")}
                                <span class="visually-hidden">{` ${t("admin.revokeWhat", { role, name: r.name })}`}</span>
                              </button>
                            </Form>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <h2>{t("admin.grantRole")}</h2>
          <ErrorSummary c={c} errors={state.errors} labels={{ email: t("admin.memberEmail"), role: t("admin.role") }} />
          <Form c={c} action={orgAdminPath(c, org, "/roles")}>
            <TextField
              c={c}
              name="email"
              type="email"
              label={t("admin.memberEmail")}
              hint={t("admin.memberEmailHint")}
              maxlength={254}
              required
              errors={state.errors}
              values={state.values}
            />
            <SelectField
              c={c}
              name="role"
              label={t("admin.role")}
              required
              errors={state.errors}
              values={state.values}
              options={GRANTABLE_ROLES.map((r) => ({ value: r, label: t(ROLE_LABEL[r]) }))}
            />
            <SubmitButton label={t("admin.grantRole")} />
          </Form>
        </>
      ),
    },
    status,
  );
}

export const adminRoleRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: "/admin/organisations/:slug/roles",
    action: "roles.manage",
    load: loadOrganisation,
    handler: (c, org) => rolesPage(c, org, { values: {} }),
  }),
  route({
    method: "POST",
    path: "/admin/organisations/:slug/roles",
    action: "roles.manage",
    load: loadOrganisation,
    async handler(c, org) {
      const body = await formBody(c);
      const form = parseForm(grantSchema, body);
      if (!form.ok) return rolesPage(c, org, { values: textValues(body), errors: form.errors }, 422);
      const outcome = await grantRole(c.var.deps.db, actorId(c), org.id, form.data.email, form.data.role);
      if (!outcome.ok) {
        const errors: FieldErrors =
          outcome.reason === "not_member"
            ? { email: errorMessage("admin.notAMember", { name: org.name }) }
            : { role: errorMessage("admin.roleAlreadyHeld") };
        return rolesPage(c, org, { values: textValues(body), errors }, 422);
      }
      return c.redirect(withNotice(orgAdminPath(c, org, "/roles"), "granted"), 303);
    },
  }),
  route({
    method: "POST",
    path: `/admin/organisations/:slug/roles/:assignmentId${ID}/revoke`,
    action: "roles.manage",
    load: (c) => loadWithin(c, (org) => findOrganisationRole(c.var.deps.db, org.id, c.req.param("assignmentId") ?? "")),
    async handler(c, { org, item }) {
      const outcome = await revokeRole(c.var.deps.db, actorId(c), item);
      if (!outcome.ok)
        return rolesPage(c, org, { values: {}, refusal: errorMessage("admin.cannotRevokeOwnAdmin") }, 409);
      return c.redirect(withNotice(orgAdminPath(c, org, "/roles"), "revoked"), 303);
    },
  }),
];
