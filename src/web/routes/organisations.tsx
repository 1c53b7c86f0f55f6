import { listAssemblies } from "../../commands/assemblies/read.js";
import { listDirectory } from "../../commands/memberships.js";
import {
  findOrganisationBySlug,
  listOrganisationsWithMemberCounts,
  organisationStructure,
  type Organisation,
} from "../../commands/organisations.js";
import type { DecisionRule, Statutes } from "../../domain/organisations/statutes.js";
import { formatNumber } from "../../i18n/format.js";
import type { MessageKey } from "../../i18n/index.js";
import { can } from "../../policies/can.js";
import { pickLabel } from "../components/labels.js";
import { renderPage } from "../components/layout.js";
import { PAGE_SIZE, pageFromQuery, Pagination } from "../components/pagination.js";
import { countryName, languageName } from "../components/regions.js";
import { ASSEMBLY_STATUS, assemblyPath } from "./assemblies/shared.js";
import { Day } from "./cycles/shared.js";
import { formatShare, shareValue } from "../components/share.js";
import type { Ctx } from "../context.js";
import { route, type AnyRoute, type Loaded } from "../routing.js";

async function loadOrganisation(c: Ctx): Promise<Loaded<Organisation> | null> {
  const org = await findOrganisationBySlug(c.var.deps.db, c.req.param("slug") ?? "");
  return org ? { resource: { type: "organisation", organisationId: org.id }, data: org } : null;
}

const RULE_SENTENCE: Record<DecisionRule["majority"], Record<DecisionRule["base"], MessageKey>> = {
  simple: { cast: "organisations.rule_simple_cast", present: "organisations.rule_simple_present" },
  absolute: { cast: "organisations.rule_absolute_cast", present: "organisations.rule_absolute_present" },
  two_thirds: { cast: "organisations.rule_two_thirds_cast", present: "organisations.rule_two_thirds_present" },
  three_quarters: {
    cast: "organisations.rule_three_quarters_cast",
    present: "organisations.rule_three_quarters_present",
  },
};

/** One kind of decision's rules as sentences. */
function RuleInWords({ c, rule }: { c: Ctx; rule: DecisionRule }) {
  const { t, locale } = c.var;
  return (
    <ul>
      <li>
        {shareValue(rule.quorum) === 0
          ? t("organisations.noQuorum")
          : t("organisations.quorum", { quorum: formatShare(locale, rule.quorum) })}
      </li>
      {rule.collegeQuorum !== null && shareValue(rule.collegeQuorum) > 0 && (
        <li>{t("organisations.collegeQuorum", { quorum: formatShare(locale, rule.collegeQuorum) })}</li>
      )}
      <li>{t(RULE_SENTENCE[rule.majority][rule.base])}</li>
    </ul>
  );
}

function StatutesInWords({ c, statutes }: { c: Ctx; statutes: Statutes }) {
  const { t } = c.var;
  return (
    <>
      <h3>{t("organisations.ordinaryDecisions")}</h3>
      <RuleInWords c={c} rule={statutes.ordinary} />
      <h3>{t("organisations.extraordinaryDecisions")}</h3>
      <RuleInWords c={c} rule={statutes.extraordinary} />
      <h3>{t("organisations.proxies")}</h3>
      <p>
        {statutes.maxProxiesPerHolder === 0
          ? t("organisations.noProxies")
          : t("organisations.maxProxies", { total: statutes.maxProxiesPerHolder })}
      </p>
    </>
  );
}

async function organisationPage(c: Ctx, org: Organisation) {
  const { t, locale, actor } = c.var;
  const [{ offices, colleges }, assemblies] = await Promise.all([
    organisationStructure(c.var.deps.db, org.id),
    listAssemblies(c.var.deps.db, org.id, { drafts: false }),
  ]);
  const resource = { type: "organisation", organisationId: org.id } as const;
  const runsAssemblies = can(actor, "assembly.create", resource);
  const configuresWorkflows = can(actor, "cycle.create", resource);
  return renderPage(c, {
    title: org.name,
    children: (
      <>
        <h1>{org.name}</h1>
        <dl class="facts">
          {org.legalName && (
            <>
              <dt>{t("organisations.legalName")}</dt>
              <dd>{org.legalName}</dd>
            </>
          )}
          <dt>{t("organisations.country")}</dt>
          <dd>{countryName(locale, org.country)}</dd>
          <dt>{t("organisations.languages")}</dt>
          <dd>{org.languages.map((l) => languageName(locale, l)).join(", ")}</dd>
        </dl>
        {(can(actor, "directory.view", resource) ||
          can(actor, "organisation.administer", resource) ||
          runsAssemblies ||
          configuresWorkflows) && (
          <ul class="actions-list">
            {can(actor, "directory.view", resource) && (
              <li>
                <a href={`/${locale}/organisations/${org.slug}/directory`}>{t("organisations.directoryLink")}</a>
              </li>
            )}
            {can(actor, "organisation.administer", resource) && (
              <li>
                <a href={`/${locale}/admin/organisations/${org.slug}`}>{t("organisations.administerLink")}</a>
              </li>
            )}
            {runsAssemblies && (
              <li>
                <a href={`/${locale}/admin/organisations/${org.slug}/assemblies`}>
                  {t("organisations.assembliesAdminLink")}
                </a>
              </li>
            )}
            {configuresWorkflows && (
              <li>
                <a href={`/${locale}/admin/organisations/${org.slug}/workflows`}>{t("organisations.workflowsLink")}</a>
              </li>
            )}
          </ul>
        )}
        <ul class="actions-list">
          <li>
            <a href={`/${locale}/organisations/${org.slug}/action-plan`}>
              {t("actionPlan.planTitle", { organisation: org.name })}
            </a>
          </li>
          <li>
            <a href={`/${locale}/organisations/${org.slug}/axes`}>{t("actionPlan.axesLink")}</a>
          </li>
        </ul>
        <h2>{t("organisations.assemblies")}</h2>
        {assemblies.length === 0 ? (
          <p>{t("organisations.noAssemblies")}</p>
        ) : (
          <ul>
            {assemblies.map((a) => (
              <li>
                <a href={assemblyPath(c, a.id)}>{a.title}</a> — <Day c={c} iso={a.heldOn} /> (
                {t(ASSEMBLY_STATUS[a.status])})
              </li>
            ))}
          </ul>
        )}
        <h2>{t("organisations.offices")}</h2>
        {offices.length === 0 ? (
          <p>{t("organisations.noOffices")}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption>{t("organisations.officesCaption", { name: org.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("organisations.office")}</th>
                  <th scope="col">{t("organisations.city")}</th>
                  <th scope="col">{t("organisations.headOffice")}</th>
                </tr>
              </thead>
              <tbody>
                {offices.map((o) => (
                  <tr>
                    <th scope="row">{o.name}</th>
                    <td>{o.city}</td>
                    <td>{o.isHeadOffice ? t("common.yes") : t("common.no")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h2>{t("organisations.colleges")}</h2>
        <p>{t("organisations.collegesIntro")}</p>
        {colleges.length === 0 ? (
          <p>{t("organisations.noColleges")}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption>{t("organisations.collegesCaption", { name: org.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("organisations.college")}</th>
                  <th scope="col" class="number">
                    {t("organisations.weight")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {colleges.map((col) => {
                  const label = pickLabel(col.labels, locale, org.defaultLanguage, col.key);
                  return (
                    <tr>
                      <th scope="row" lang={label.lang}>
                        {label.text}
                      </th>
                      <td class="number">{formatNumber(locale, col.weight)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <h2>{t("organisations.statutes")}</h2>
        <StatutesInWords c={c} statutes={org.statutes} />
      </>
    ),
  });
}

async function directoryPage(c: Ctx, org: Organisation) {
  const { t, locale } = c.var;
  const page = pageFromQuery(c.req.query("page"));
  const result = await listDirectory(c.var.deps.db, org.id, page, PAGE_SIZE);
  const title = t("organisations.directoryTitle", { name: org.name });
  return renderPage(c, {
    title,
    children: (
      <>
        <p class="breadcrumb">
          <a href={`/${locale}/organisations/${org.slug}`}>{org.name}</a>
        </p>
        <h1>{title}</h1>
        <p>{t("organisations.directoryIntro")}</p>
        <p>{t("organisations.directoryCount", { total: result.total })}</p>
        {result.rows.length > 0 && (
          <div class="table-wrap">
            <table>
              <caption>{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("organisations.memberName")}</th>
                  <th scope="col">{t("organisations.college")}</th>
                  <th scope="col">{t("organisations.office")}</th>
                  <th scope="col">{t("organisations.sector")}</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((m) => {
                  const college = pickLabel(m.collegeLabels, locale, org.defaultLanguage, m.collegeKey);
                  return (
                    <tr>
                      <th scope="row">{m.name}</th>
                      <td lang={college.lang}>{college.text}</td>
                      <td>{m.officeName ?? ""}</td>
                      <td>{m.sector}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <Pagination c={c} page={page} total={result.total} />
      </>
    ),
  });
}

export const organisationsRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: "/organisations",
    action: "site.view",
    async handler(c) {
      const { t, locale } = c.var;
      const rows = await listOrganisationsWithMemberCounts(c.var.deps.db);
      return renderPage(c, {
        title: t("organisations.listTitle"),
        children: (
          <>
            <h1>{t("organisations.listTitle")}</h1>
            {rows.length === 0 ? (
              <p>{t("organisations.none")}</p>
            ) : (
              <div class="table-wrap">
                <table>
                  <caption>{t("organisations.listCaption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("organisations.name")}</th>
                      <th scope="col">{t("organisations.country")}</th>
                      <th scope="col" class="number">
                        {t("organisations.members")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((o) => (
                      <tr>
                        <th scope="row">
                          <a href={`/${locale}/organisations/${o.slug}`}>{o.name}</a>
                        </th>
                        <td>{countryName(locale, o.country)}</td>
                        <td class="number">{formatNumber(locale, o.members, 0)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        ),
      });
    },
  }),
  route({
    method: "GET",
    path: "/organisations/:slug",
    action: "site.view",
    load: loadOrganisation,
    handler: (c, org) => organisationPage(c, org),
  }),
  route({
    method: "GET",
    path: "/organisations/:slug/directory",
    action: "directory.view",
    load: loadOrganisation,
    handler: (c, org) => directoryPage(c, org),
  }),
];
