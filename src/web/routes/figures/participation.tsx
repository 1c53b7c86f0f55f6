import type { Cycle, Theme } from "../../../commands/cycles/read.js";
import type { CycleFiguresReport } from "../../../commands/figures/read.js";
import { monthsSpanned, type Figures } from "../../../domain/figures/figures.js";
import { formatDate, formatNumber } from "../../../i18n/format.js";
import type { Locale } from "../../../i18n/locales.js";
import { BarChart } from "../../charts/bar-chart.js";
import type { Ctx } from "../../context.js";
import { counted, groupHref, groupNames, talksPath } from "../local-talks/shared.js";

/** The working groups of the cycle: each theme's title (a link to the group), its scope and participants. */
export function WorkingGroupsSection({
  c,
  cycle,
  themes,
  report,
}: {
  c: Ctx;
  cycle: Cycle;
  themes: Theme[];
  report: CycleFiguresReport;
}) {
  const { t } = c.var;
  const names = groupNames(c, cycle, themes, report.groups);
  return (
    <section aria-labelledby="working-groups">
      <h2 id="working-groups">{t("figures.groupsHeading")}</h2>
      {report.groups.length === 0 ? (
        <p>{t("figures.noGroups")}</p>
      ) : (
        <ul class="working-groups">
          {report.figures.groups.map((g) => {
            const name = names.get(g.groupId)!;
            return (
              <li>
                <a href={groupHref(c, g.groupId)} lang={name.lang}>
                  {name.title}
                </a>
                <br />
                <span class="hint">
                  {name.scope} · {counted(c, "figures.participantsCount", g.participants)}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <p>
        <a href={`/${c.var.locale}/cycles/${cycle.slug}/groups`}>{t("figures.seeGroups")}</a>
      </p>
    </section>
  );
}

/** An ISO date ("2016-04-14") as the language writes it. */
function day(locale: Locale, iso: string): string {
  return formatDate(locale, new Date(`${iso}T12:00:00Z`));
}

/** "58 personnes, encadrées par 12 animateurs et 3 secrétaires, ont participé à 66 heures…" */
function sentence(c: Ctx, f: Figures): string {
  const pieces = {
    count: f.participants,
    people: counted(c, "figures.people", f.participants),
    facilitators: counted(c, "figures.facilitators", f.facilitators),
    secretaries: counted(c, "figures.secretaries", f.secretaries),
  };
  if (f.meetings === 0 || !f.firstMeeting || !f.lastMeeting) return c.var.t("figures.sentenceNoMeetings", pieces);
  return c.var.t("figures.sentence", {
    ...pieces,
    hours: counted(c, "figures.hours", f.meetingHours),
    meetings: counted(c, "figures.meetings", f.meetings),
    months: counted(c, "figures.months", monthsSpanned(f.firstMeeting, f.lastMeeting)),
  });
}

function FigureCells({ c, f }: { c: Ctx; f: Figures }) {
  const n = (v: number) => formatNumber(c.var.locale, v, 2);
  return (
    <>
      <td class="number">{n(f.participants)}</td>
      <td class="number">{n(f.facilitators)}</td>
      <td class="number">{n(f.secretaries)}</td>
      <td class="number">{n(f.meetings)}</td>
      <td class="number">{n(f.meetingHours)}</td>
      <td class="number">{n(f.localTalks)}</td>
      <td class="number">{n(f.localTalkAttendance)}</td>
      <td class="number">{n(f.distinctPeople)}</td>
    </>
  );
}

/**
 * The participation figures, computed from the records: a sentence like the cover letter of
 * the 2016 booklet, a chart of meeting hours per group, and a table with every figure.
 */
export function ParticipationSection({
  c,
  cycle,
  themes,
  report,
}: {
  c: Ctx;
  cycle: Cycle;
  themes: Theme[];
  report: CycleFiguresReport;
}) {
  const { t, locale } = c.var;
  const f = report.figures;
  if (report.groups.length === 0 && f.localTalks === 0) return null;
  const names = groupNames(c, cycle, themes, report.groups);
  const n = (v: number) => formatNumber(locale, v, 2);
  const caption = t("figures.tableCaption");
  return (
    <section aria-labelledby="participation">
      <h2 id="participation">{t("figures.participationHeading")}</h2>
      <p class="lead" id="participation-sentence">
        {sentence(c, f)}
      </p>
      {f.firstMeeting && f.lastMeeting && (
        <p>{t("figures.period", { first: day(locale, f.firstMeeting), last: day(locale, f.lastMeeting) })}</p>
      )}
      {f.localTalks > 0 && (
        <p>
          {t("figures.talksSentence", {
            count: f.localTalks,
            talks: counted(c, "figures.talks", f.localTalks),
            attendance: counted(c, "figures.people", f.localTalkAttendance),
          })}{" "}
          <a href={talksPath(c, cycle)}>{t("figures.seeTalks")}</a>
        </p>
      )}
      {f.localTalks === 0 && (
        <p>
          <a href={talksPath(c, cycle)}>{t("figures.seeTalks")}</a>
        </p>
      )}
      <p>{counted(c, "figures.distinctSentence", f.distinctPeople)}</p>
      {f.groups.length > 0 && (
        <BarChart
          id="chart-hours"
          title={t("figures.chartTitle")}
          description={t("figures.chartDescription")}
          bars={f.groups.map((g) => ({
            label: names.get(g.groupId)?.title ?? g.key,
            value: g.meetingHours,
            display: t("figures.hoursShort", { n: n(g.meetingHours) }),
          }))}
        />
      )}
      <div class="table-wrap" role="region" aria-label={caption} tabindex={0}>
        <table id="participation-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("figures.colGroup")}</th>
              <th scope="col" class="number">
                {t("figures.colParticipants")}
              </th>
              <th scope="col" class="number">
                {t("figures.colFacilitators")}
              </th>
              <th scope="col" class="number">
                {t("figures.colSecretaries")}
              </th>
              <th scope="col" class="number">
                {t("figures.colMeetings")}
              </th>
              <th scope="col" class="number">
                {t("figures.colHours")}
              </th>
              <th scope="col" class="number">
                {t("figures.colTalks")}
              </th>
              <th scope="col" class="number">
                {t("figures.colTalkAttendance")}
              </th>
              <th scope="col" class="number">
                {t("figures.colDistinct")}
              </th>
            </tr>
          </thead>
          <tbody>
            {f.groups.map((g) => {
              const name = names.get(g.groupId);
              return (
                <tr>
                  <th scope="row" lang={name?.lang}>
                    {name?.title ?? g.key}
                  </th>
                  <FigureCells c={c} f={g} />
                </tr>
              );
            })}
            {f.unlinkedTalks.localTalks > 0 && (
              <tr>
                <th scope="row">{t("figures.rowUnlinked")}</th>
                <td class="number">–</td>
                <td class="number">–</td>
                <td class="number">–</td>
                <td class="number">–</td>
                <td class="number">–</td>
                <td class="number">{n(f.unlinkedTalks.localTalks)}</td>
                <td class="number">{n(f.unlinkedTalks.localTalkAttendance)}</td>
                <td class="number">–</td>
              </tr>
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("figures.rowTotal")}</th>
              <FigureCells c={c} f={f} />
            </tr>
          </tfoot>
        </table>
      </div>
      <p class="hint">{t("figures.tableNote")}</p>
    </section>
  );
}
