import { listOrganisations } from "../../../commands/organisations.js";
import { administeredOrganisations, can } from "../../../policies/can.js";
import { renderPage } from "../../components/layout.js";
import { countryName } from "../../components/regions.js";
import { route, type AnyRoute } from "../../routing.js";

export const adminHomeRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: "/admin",
    action: "admin.enter",
    async handler(c) {
      const { t, locale, actor } = c.var;
      const mine = administeredOrganisations(actor, await listOrganisations(c.var.deps.db));
      return renderPage(c, {
        title: t("admin.homeTitle"),
        children: (
          <>
            <h1>{t("admin.homeTitle")}</h1>
            {(can(actor, "organisation.create") || can(actor, "audit.view")) && (
              <ul class="actions-list">
                {can(actor, "organisation.create") && (
                  <li>
                    <a href={`/${locale}/admin/organisations/new`}>{t("admin.createOrganisation")}</a>
                  </li>
                )}
                {can(actor, "audit.view") && (
                  <li>
                    <a href={`/${locale}/admin/audit`}>{t("admin.auditTitle")}</a>
                  </li>
                )}
                {can(actor, "api_token.administer") && (
                  <li>
                    <a href={`/${locale}/admin/api-tokens`}>{t("apiTokens.adminLink")}</a>
                  </li>
                )}
              </ul>
            )}
            <h2>{t("admin.administeredOrganisations")}</h2>
            {mine.length === 0 ? (
              <p>{t("admin.noAdministeredOrganisations")}</p>
            ) : (
              <ul class="cards">
                {mine.map((o) => (
                  <li>
                    <a href={`/${locale}/admin/organisations/${o.slug}`}>{o.name}</a>
                    <br />
                    <span class="muted">{countryName(locale, o.country)}</span>
                  </li>
                ))}
              </ul>
            )}
          </>
        ),
      });
    },
  }),
];
