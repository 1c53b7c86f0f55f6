import {
  allOrganisations,
  cycleBallots,
  cycleSpan,
  listCycles,
  listThemes,
  type Cycle,
  type CycleBallot,
  type Theme,
} from "../../../commands/cycles/read.js";
import { cycleFigures } from "../../../commands/figures/read.js";
import type { ThemeStatus } from "../../../db/schema/index.js";
import type { MessageKey } from "../../../i18n/index.js";
import { can } from "../../../policies/can.js";
import { renderPage } from "../../components/layout.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute } from "../../routing.js";
import { ParticipationSection, WorkingGroupsSection } from "../figures/participation.js";
import {
  BALLOT_STATUS_LABEL,
  cyclePath,
  cycleResource,
  cycleTitle,
  DateRange,
  langOf,
  loadCycle,
  Moment,
  PHASE_LABEL,
  PHASE_WHO,
  TextParagraphs,
  themeText,
  Timeline,
  TranslationNotice,
} from "./shared.js";

/** The order in which a cycle page shows its themes, with each group's heading. */
const GROUPS: Array<{ status: ThemeStatus; heading: MessageKey }> = [
  { status: "on_ballot", heading: "cycles.group_on_ballot" },
  { status: "carried_over", heading: "cycles.group_carried_over" },
  { status: "selected", heading: "cycles.group_selected" },
  { status: "not_selected", heading: "cycles.group_not_selected" },
  { status: "proposed", heading: "cycles.group_proposed" },
];

/** Whether the actor may create a cycle in at least one organisation. */
async function mayCreateCycles(c: Ctx): Promise<boolean> {
  if (c.var.actor.kind !== "person") return false;
  const orgs = await allOrganisations(c.var.deps.db);
  return orgs.some((o) => can(c.var.actor, "cycle.create", { type: "organisation", organisationId: o.id }));
}

async function cyclesListPage(c: Ctx) {
  const { t, locale, actor } = c.var;
  const [all, creator] = await Promise.all([listCycles(c.var.deps.db), mayCreateCycles(c)]);
  const manages = all.some((cy) => can(actor, "cycle.manage", cycleResource(cy)));
  const title = t("cycles.listTitle");
  return renderPage(c, {
    title,
    children: (
      <>
        <h1>{title}</h1>
        <p class="lead">{t("cycles.listIntro")}</p>
        {creator && (
          <p>
            <a href={`/${locale}/admin/cycles/new`}>{t("cycles.newCycleLink")}</a>
          </p>
        )}
        {all.length === 0 ? (
          <p>{t("cycles.noCycles")}</p>
        ) : (
          <div class="table-wrap" role="region" aria-label={title} tabindex={0}>
            <table>
              <caption>{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("cycles.cycle")}</th>
                  <th scope="col">{t("cycles.organisations")}</th>
                  <th scope="col">{t("cycles.dates")}</th>
                  {manages && <th scope="col">{t("common.actions")}</th>}
                </tr>
              </thead>
              <tbody>
                {all.map((cy) => {
                  const span = cycleSpan(cy);
                  const picked = cycleTitle(cy, locale);
                  return (
                    <tr>
                      <th scope="row">
                        <a href={cyclePath(c, cy)}>{cy.name}</a>
                        <br />
                        <span lang={langOf(c, picked)}>{picked.value.title}</span>
                      </th>
                      <td>
                        {cy.organisations.map((o, i) => (
                          <>
                            {i > 0 && ", "}
                            <a href={`/${locale}/organisations/${o.slug}`}>{o.name}</a>
                          </>
                        ))}
                      </td>
                      <td>{span ? <DateRange c={c} from={span.first} to={span.last} /> : t("cycles.noDates")}</td>
                      {manages && (
                        <td>
                          {can(actor, "cycle.manage", cycleResource(cy)) && (
                            <a
                              href={`/${locale}/admin/cycles/${cy.slug}`}
                              aria-label={`${t("cycles.manage")}: ${cy.name}`}
                            >
                              {t("cycles.manage")}
                            </a>
                          )}
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </>
    ),
  });
}

function ThemeEntry({ c, cycle, theme }: { c: Ctx; cycle: Cycle; theme: Theme }) {
  const { t } = c.var;
  const picked = themeText(theme, c.var.locale);
  const lang = langOf(c, picked);
  const scope = theme.organisationId ? cycle.organisations.find((o) => o.id === theme.organisationId) : undefined;
  return (
    <li class="theme">
      <h4 lang={lang}>{picked.value.title}</h4>
      <TranslationNotice c={c} picked={picked} />
      {theme.status === "carried_over" && (
        <p>
          <strong>{t("cycles.forInformationNotRanked")}</strong>
        </p>
      )}
      {scope && <p class="hint">{t("cycles.onlyIn", { organisation: scope.name })}</p>}
      <TextParagraphs text={picked.value.description} lang={lang} />
    </li>
  );
}

/** A ballot of the cycle: its title (written in the cycle's source language), status and schedule. */
function BallotSummary({ c, cycle, ballot }: { c: Ctx; cycle: Cycle; ballot: CycleBallot }) {
  const { t, locale } = c.var;
  const lang = cycle.sourceLanguage === locale ? undefined : cycle.sourceLanguage;
  return (
    <li>
      {ballot.status === "draft" ? (
        <span lang={lang}>{ballot.title}</span>
      ) : (
        <a href={`/${locale}/ballots/${ballot.id}`} lang={lang}>
          {ballot.title}
        </a>
      )}
      {" — "}
      {t(BALLOT_STATUS_LABEL[ballot.status])}
      {ballot.opensAt && ballot.status === "draft" && (
        <>
          {". "}
          {t("cycles.opensOn")} <Moment c={c} at={ballot.opensAt} />
        </>
      )}
      {ballot.closesAt && (ballot.status === "draft" || ballot.status === "open") && (
        <>
          {". "}
          {t("cycles.closesOn")} <Moment c={c} at={ballot.closesAt} />
        </>
      )}
    </li>
  );
}

async function cyclePage(c: Ctx, cycle: Cycle) {
  const { t, locale, actor } = c.var;
  const db = c.var.deps.db;
  const [themes, ballots, figures] = await Promise.all([
    listThemes(db, cycle.id),
    cycleBallots(db, cycle.id),
    cycleFigures(db, cycle.id),
  ]);
  const picked = cycleTitle(cycle, locale);
  const lang = langOf(c, picked);
  return renderPage(c, {
    title: picked.value.title,
    children: (
      <>
        <p class="breadcrumb">
          <a href={`/${locale}/cycles`}>{t("cycles.listTitle")}</a>
        </p>
        <h1 lang={lang}>{picked.value.title}</h1>
        <TranslationNotice c={c} picked={picked} />
        <dl class="facts">
          <dt>{t("cycles.cycle")}</dt>
          <dd>{cycle.name}</dd>
          <dt>{t("cycles.organisations")}</dt>
          <dd>
            {cycle.organisations.map((o, i) => (
              <>
                {i > 0 && ", "}
                <a href={`/${locale}/organisations/${o.slug}`}>{o.name}</a>
              </>
            ))}
          </dd>
          <dt>{t("cycles.rulesShort")}</dt>
          <dd>
            <a href={cyclePath(c, cycle, "/rules")}>{t("cycles.readRules")}</a>
          </dd>
        </dl>
        {can(actor, "cycle.manage", cycleResource(cycle)) && (
          <p>
            <a href={`/${locale}/admin/cycles/${cycle.slug}`}>{t("cycles.manageThisCycle")}</a>
          </p>
        )}
        <nav aria-labelledby="in-this-cycle">
          <h2 id="in-this-cycle">{t("cycles.inThisCycle")}</h2>
          <ul>
            <li>
              <a href={cyclePath(c, cycle, "/groups")}>{t("cycles.groupsLink")}</a>
            </li>
            <li>
              <a href={cyclePath(c, cycle, "/recommendations")}>{t("recommendations.cycleListLink")}</a>
            </li>
            <li>
              <a href={cyclePath(c, cycle, "/proposals")}>{t("board.proposalsLink")}</a>
            </li>
            <li>
              <a href={cyclePath(c, cycle, "/booklet")}>{t("booklet.link")}</a>
            </li>
            <li>
              <a href={cyclePath(c, cycle, "/dashboard")}>
                {t("actionPlan.dashboardLink", { cycle: picked.value.title })}
              </a>
            </li>
            {can(actor, "recommendation.view_board", cycleResource(cycle)) && (
              <li>
                <a href={cyclePath(c, cycle, "/board")}>{t("board.queueLink")}</a>
              </li>
            )}
          </ul>
        </nav>
        <h2>{t("cycles.calendar")}</h2>
        <Timeline c={c} phases={cycle.phases} />
        {ballots.length > 0 && (
          <>
            <h2>{t("cycles.ballots")}</h2>
            <ul>
              {ballots.map((b) => (
                <BallotSummary c={c} cycle={cycle} ballot={b} />
              ))}
            </ul>
          </>
        )}
        <h2>{t("cycles.themes")}</h2>
        {themes.length === 0 && <p>{t("cycles.noThemes")}</p>}
        {GROUPS.map(({ status, heading }) => {
          const inGroup = themes.filter((th) => th.status === status);
          if (inGroup.length === 0) return null;
          return (
            <section aria-labelledby={`group-${status}`}>
              <h3 id={`group-${status}`}>{t(heading)}</h3>
              {status === "carried_over" && <p class="hint">{t("cycles.carriedOverHint")}</p>}
              <ul class="themes">
                {inGroup.map((th) => (
                  <ThemeEntry c={c} cycle={cycle} theme={th} />
                ))}
              </ul>
            </section>
          );
        })}
        <WorkingGroupsSection c={c} cycle={cycle} themes={themes} report={figures} />
        <ParticipationSection c={c} cycle={cycle} themes={themes} report={figures} />
      </>
    ),
  });
}

function rulesPage(c: Ctx, cycle: Cycle) {
  const { t, locale } = c.var;
  const picked = cycleTitle(cycle, locale);
  const lang = langOf(c, picked);
  const title = t("cycles.rulesTitle");
  return renderPage(c, {
    title: `${title} — ${picked.value.title}`,
    children: (
      <>
        <p class="breadcrumb">
          <a href={cyclePath(c, cycle)} lang={lang}>
            {picked.value.title}
          </a>
        </p>
        <h1>{title}</h1>
        <p class="lead" lang={lang}>
          {picked.value.title}
        </p>
        <TranslationNotice c={c} picked={picked} />
        {picked.value.rules.trim() === "" ? (
          <p>{t("cycles.noRules")}</p>
        ) : (
          <TextParagraphs text={picked.value.rules} lang={lang} />
        )}
        <h2>{t("cycles.whoDecidesWhen")}</h2>
        <div class="table-wrap" role="region" aria-label={t("cycles.whoDecidesWhen")} tabindex={0}>
          <table>
            <caption>{t("cycles.whoDecidesWhen")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("cycles.phase")}</th>
                <th scope="col">{t("cycles.whoDecides")}</th>
                <th scope="col">{t("cycles.when")}</th>
              </tr>
            </thead>
            <tbody>
              {cycle.phases.length === 0 ? (
                <tr>
                  <td colspan={3}>{t("cycles.noCalendar")}</td>
                </tr>
              ) : (
                cycle.phases.map((p) => (
                  <tr>
                    <th scope="row">{t(PHASE_LABEL[p.phase])}</th>
                    <td>{t(PHASE_WHO[p.phase])}</td>
                    <td>
                      <DateRange c={c} from={p.startsOn} to={p.endsOn} />
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
        <p>
          <a href={cyclePath(c, cycle)}>{t("cycles.backToCycle")}</a>
        </p>
      </>
    ),
  });
}

export const publicCycleRoutes: AnyRoute[] = [
  route({ method: "GET", path: "/cycles", action: "site.view", handler: (c) => cyclesListPage(c) }),
  route({
    method: "GET",
    path: "/cycles/:slug",
    action: "site.view",
    load: loadCycle,
    handler: (c, cycle) => cyclePage(c, cycle),
  }),
  route({
    method: "GET",
    path: "/cycles/:slug/rules",
    action: "site.view",
    load: loadCycle,
    handler: (c, cycle) => rulesPage(c, cycle),
  }),
];
