import { asc, eq, inArray } from "drizzle-orm";
import type { Child } from "hono/jsx";
import { loadBallotResource, type Ballot } from "../../commands/ballots/load.js";
import { ballotOptionTexts } from "../../commands/ballots/options.js";
import type { Queryable } from "../../db/client.js";
import { ballotResults, colleges, offices } from "../../db/schema/index.js";
import { OTHER_GROUP, type ParticipationRow, type StoredBallotResult } from "../../domain/ballots/stored-result.js";
import type { RankedMethod, RankedResult, Round, TieBreak } from "../../domain/voting/index.js";
import { formatDate } from "../../i18n/format.js";
import type { MessageKey, Translate } from "../../i18n/index.js";
import type { Locale } from "../../i18n/locales.js";
import { BarChart, type Bar } from "../charts/bar-chart.js";
import { exactToNumber, formatCount, formatExact, formatShareOf } from "../charts/exact-number.js";
import { pickLabel } from "../components/labels.js";
import { renderPage } from "../components/layout.js";
import { languageName } from "../components/regions.js";
import type { Ctx } from "../context.js";
import { route, type AnyRoute, type Loaded } from "../routing.js";

const METHOD_NAME: Record<RankedMethod, MessageKey> = {
  schulze: "results.methodName_schulze",
  "ranked-pairs": "results.methodName_ranked_pairs",
  copeland: "results.methodName_copeland",
  borda: "results.methodName_borda",
  irv: "results.methodName_irv",
  "stv-scottish": "results.methodName_stv_scottish",
  "stv-meek": "results.methodName_stv_meek",
};

const METHOD_EXPLANATION: Record<RankedMethod, MessageKey> = {
  schulze: "results.methodExplain_schulze",
  "ranked-pairs": "results.methodExplain_ranked_pairs",
  copeland: "results.methodExplain_copeland",
  borda: "results.methodExplain_borda",
  irv: "results.methodExplain_irv",
  "stv-scottish": "results.methodExplain_stv_scottish",
  "stv-meek": "results.methodExplain_stv_meek",
};

/** Methods that rank by pairwise duels: their page shows the matrix. */
const CONDORCET: ReadonlySet<RankedMethod> = new Set<RankedMethod>(["schulze", "ranked-pairs", "copeland"]);
/** Methods counted in rounds: their page shows one table per round. */
const ROUND_METHODS: ReadonlySet<RankedMethod> = new Set<RankedMethod>(["irv", "stv-scottish", "stv-meek"]);

/**
 * A table that may scroll sideways on a narrow screen: a named region that takes the keyboard
 * focus, so that it can be scrolled without a mouse (axe: scrollable-region-focusable).
 */
function TableWrap({ label, children }: { label: string; children?: Child }) {
  return (
    <div class="table-wrap" role="region" aria-label={label} tabindex={0}>
      {children}
    </div>
  );
}

/** A name shown for an option key, with its language when not the page's. */
interface Name {
  text: string;
  lang: Locale | undefined;
}

interface ResultsData {
  ballot: Ballot;
  stored: StoredBallotResult | null;
  computedAt: Date | null;
  optionNames: Map<string, Name>;
  collegeNames: Map<string, Name>;
  officeNames: Map<string, string>;
}

async function loadBallot(c: Ctx): Promise<Loaded<Ballot> | null> {
  const actor = c.var.actor;
  return loadBallotResource(
    c.var.deps.db,
    c.req.param("ballotId") ?? "",
    actor.kind === "person" ? actor.personId : null,
  );
}

function isStoredResult(value: unknown): value is StoredBallotResult {
  const v = value as StoredBallotResult | null;
  return (
    typeof v === "object" &&
    v !== null &&
    Array.isArray(v.options) &&
    typeof v.combined === "object" &&
    v.combined !== null &&
    Array.isArray(v.combined.ranking) &&
    typeof v.participation === "object" &&
    v.participation !== null
  );
}

/** Theme titles of the options in the page language (else the theme's source language), marked with their language. */
async function optionNames(db: Queryable, ballotId: string, locale: Locale): Promise<Map<string, Name>> {
  const texts = await ballotOptionTexts(db, ballotId, locale);
  return new Map(texts.map((o) => [o.key, { text: o.title, lang: o.lang && o.lang !== locale ? o.lang : undefined }]));
}

async function collegeNames(db: Queryable, organisationIds: string[], locale: Locale): Promise<Map<string, Name>> {
  if (organisationIds.length === 0) return new Map();
  const rows = await db
    .select({ key: colleges.key, labels: colleges.labels })
    .from(colleges)
    .where(inArray(colleges.organisationId, organisationIds))
    .orderBy(asc(colleges.position));
  const names = new Map<string, Name>();
  for (const r of rows) {
    if (names.has(r.key)) continue;
    const picked = pickLabel(r.labels, locale, undefined, r.key);
    names.set(r.key, { text: picked.text, lang: picked.lang });
  }
  return names;
}

async function officeNames(db: Queryable, ids: string[]): Promise<Map<string, string>> {
  const uuids = ids.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
  if (uuids.length === 0) return new Map();
  const rows = await db.select({ id: offices.id, name: offices.name }).from(offices).where(inArray(offices.id, uuids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function loadResults(db: Queryable, ballot: Ballot, locale: Locale): Promise<ResultsData> {
  const [row] = await db
    .select({ result: ballotResults.result, computedAt: ballotResults.computedAt })
    .from(ballotResults)
    .where(eq(ballotResults.ballotId, ballot.id));
  const stored = row && isStoredResult(row.result) ? row.result : null;
  const [options, collegeMap, officeMap] = await Promise.all([
    optionNames(db, ballot.id, locale),
    collegeNames(db, ballot.electorate.organisationIds, locale),
    officeNames(db, stored ? stored.participation.byOffice.map((r) => r.key) : []),
  ]);
  return {
    ballot,
    stored,
    computedAt: row?.computedAt ?? null,
    optionNames: options,
    collegeNames: collegeMap,
    officeNames: officeMap,
  };
}

// ---------------------------------------------------------------------------------------------
// Pieces of the page

function OptionName({ names, optionKey }: { names: Map<string, Name>; optionKey: string }) {
  const name = names.get(optionKey);
  return name?.lang ? <span lang={name.lang}>{name.text}</span> : <>{name?.text ?? optionKey}</>;
}

function nameText(names: Map<string, Name>, key: string): string {
  return names.get(key)?.text ?? key;
}

/** "A, B and C" would need per-language grammar: a list with commas reads in every language. */
function listNames(names: Map<string, Name>, keys: string[]): string {
  return keys.map((k) => nameText(names, k)).join(", ");
}

/** The ranking written in one line: "A > B = C > D". */
function rankingLine(names: Map<string, Name>, ranking: string[][]): string {
  return ranking.map((group) => group.map((k) => nameText(names, k)).join(" = ")).join(" > ");
}

/** What the ranking chart measures for a method, per option key; null when the result has nothing to chart. */
function rankingMeasure(t: Translate, result: RankedResult): { label: string; values: Map<string, string> } | null {
  if (result.scores && (result.method === "borda" || result.method === "copeland")) {
    return {
      label: t(result.method === "borda" ? "results.measureBorda" : "results.measureCopeland"),
      values: new Map(Object.entries(result.scores)),
    };
  }
  if (result.pairwise && CONDORCET.has(result.method)) {
    const pairwise = result.pairwise;
    const values = new Map<string, string>();
    for (const [row, cells] of Object.entries(pairwise)) {
      let wins = 0;
      for (const [column, value] of Object.entries(cells)) {
        if (exactToNumber(value) > exactToNumber(pairwise[column]?.[row] ?? "0")) wins++;
      }
      values.set(row, String(wins));
    }
    return { label: t("results.measureDuels"), values };
  }
  const first = result.rounds[0];
  if (first) return { label: t("results.measureFirstRound"), values: new Map(Object.entries(first.tallies)) };
  return null;
}

/** 1-based rank of each group: tied options share the rank, the next group skips (1, 2, 2, 4). */
function ranks(ranking: string[][]): number[] {
  const out: number[] = [];
  let seen = 0;
  for (const group of ranking) {
    out.push(seen + 1);
    seen += group.length;
  }
  return out;
}

function Outcome({ c, data, result }: { c: Ctx; data: ResultsData; result: RankedResult }) {
  const { t } = c.var;
  const names = data.optionNames;
  if (result.winners.length === 0) {
    const top = result.ranking[0] ?? [];
    return <p class="lead">{t("results.tieAtTop", { names: listNames(names, top) })}</p>;
  }
  const winners = listNames(names, result.winners);
  return (
    <p class="lead">
      <strong>
        {result.seats > 1
          ? t("results.winnersSeats", { seats: result.seats, names: winners })
          : t("results.winnerSingle", { names: winners })}
      </strong>
    </p>
  );
}

function RankingSection({ c, data, result }: { c: Ctx; data: ResultsData; result: RankedResult }) {
  const { t, locale } = c.var;
  const names = data.optionNames;
  const measure = rankingMeasure(t, result);
  const groupRanks = ranks(result.ranking);
  const bars: Bar[] = measure
    ? result.ranking.flat().map((key) => {
        const value = measure.values.get(key) ?? "0";
        return { label: nameText(names, key), value: exactToNumber(value), display: formatExact(locale, value) };
      })
    : [];
  return (
    <section aria-labelledby="ranking-heading">
      <h2 id="ranking-heading">{t("results.ranking")}</h2>
      {measure && bars.length > 0 && (
        <BarChart
          id="chart-ranking"
          title={t("results.chartRankingTitle", { measure: measure.label })}
          description={t("results.chartRankingDescription", { measure: measure.label })}
          bars={bars}
        />
      )}
      <TableWrap label={t("results.rankingCaption", { method: t(METHOD_NAME[result.method]) })}>
        <table>
          <caption>{t("results.rankingCaption", { method: t(METHOD_NAME[result.method]) })}</caption>
          <thead>
            <tr>
              <th scope="col" class="number">
                {t("results.rank")}
              </th>
              <th scope="col">{t("results.option")}</th>
              {measure && (
                <th scope="col" class="number">
                  {measure.label}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {result.ranking.map((group, g) =>
              group.map((key) => (
                <tr>
                  <td class="number">
                    {formatCount(locale, groupRanks[g]!)}
                    {group.length > 1 && ` (${t("results.tied")})`}
                  </td>
                  <th scope="row">
                    <OptionName names={names} optionKey={key} />
                  </th>
                  {measure && <td class="number">{formatExact(locale, measure.values.get(key) ?? "0")}</td>}
                </tr>
              )),
            )}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

/** A square table of option against option (pairwise preferences or strongest paths). */
function OptionMatrix(props: {
  c: Ctx;
  names: Map<string, Name>;
  order: string[];
  matrix: Record<string, Record<string, string>>;
  caption: string;
  /** Mark the cells where the row's value beats the column's. */
  markWins: boolean;
}) {
  const { t, locale } = props.c.var;
  const { names, order, matrix } = props;
  return (
    <TableWrap label={props.caption}>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("results.rowAgainstColumn")}</th>
            {order.map((key) => (
              <th scope="col" class="number">
                <OptionName names={names} optionKey={key} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {order.map((row) => (
            <tr>
              <th scope="row">
                <OptionName names={names} optionKey={row} />
              </th>
              {order.map((column) => {
                if (row === column) {
                  return (
                    <td class="number">
                      <span aria-hidden="true">—</span>
                      <span class="visually-hidden">{t("results.sameOption")}</span>
                    </td>
                  );
                }
                const value = matrix[row]?.[column] ?? "0";
                const wins = props.markWins && exactToNumber(value) > exactToNumber(matrix[column]?.[row] ?? "0");
                return (
                  <td class="number">
                    {wins ? (
                      <>
                        <strong>{formatExact(locale, value)}</strong> {t("results.beats")}
                      </>
                    ) : (
                      formatExact(locale, value)
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function DuelsSection({ c, data, result }: { c: Ctx; data: ResultsData; result: RankedResult }) {
  const { t, locale } = c.var;
  if (!result.pairwise || !CONDORCET.has(result.method)) return null;
  const order = result.ranking.flat();
  const names = data.optionNames;
  return (
    <section aria-labelledby="duels-heading">
      <h2 id="duels-heading">{t("results.duels")}</h2>
      <p>{t("results.duelsIntro")}</p>
      <OptionMatrix
        c={c}
        names={names}
        order={order}
        matrix={result.pairwise}
        caption={t("results.duelsCaption")}
        markWins
      />
      {result.strongestPaths && (
        <>
          <h3>{t("results.paths")}</h3>
          <OptionMatrix
            c={c}
            names={names}
            order={order}
            matrix={result.strongestPaths}
            caption={t("results.pathsCaption")}
            markWins
          />
        </>
      )}
      {result.pairs && result.pairs.length > 0 && (
        <>
          <h3>{t("results.pairs")}</h3>
          <TableWrap label={t("results.pairsCaption")}>
            <table>
              <caption>{t("results.pairsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col" class="number">
                    #
                  </th>
                  <th scope="col">{t("results.pairWinner")}</th>
                  <th scope="col">{t("results.pairLoser")}</th>
                  <th scope="col" class="number">
                    {t("results.votesFor")}
                  </th>
                  <th scope="col" class="number">
                    {t("results.votesAgainst")}
                  </th>
                  <th scope="col">{t("results.locked")}</th>
                </tr>
              </thead>
              <tbody>
                {result.pairs.map((pair, i) => (
                  <tr>
                    <td class="number">{formatCount(locale, i + 1)}</td>
                    <th scope="row">
                      <OptionName names={names} optionKey={pair.winner} />
                    </th>
                    <td>
                      <OptionName names={names} optionKey={pair.loser} />
                    </td>
                    <td class="number">{formatExact(locale, pair.votesFor)}</td>
                    <td class="number">{formatExact(locale, pair.votesAgainst)}</td>
                    <td>{pair.locked ? t("common.yes") : t("common.no")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </section>
  );
}

function RoundTable({ c, names, round, index }: { c: Ctx; names: Map<string, Name>; round: Round; index: number }) {
  const { t, locale } = c.var;
  const keys = Object.keys(round.tallies).sort(
    (a, b) => exactToNumber(round.tallies[b]!) - exactToNumber(round.tallies[a]!),
  );
  const outcome = (key: string) =>
    round.elected.includes(key)
      ? t("results.elected")
      : round.eliminated.includes(key)
        ? t("results.eliminated")
        : t("results.continuing");
  return (
    <TableWrap label={t("results.roundCaption", { round: index + 1 })}>
      <table>
        <caption>{t("results.roundCaption", { round: index + 1 })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("results.option")}</th>
            <th scope="col" class="number">
              {t("results.votes")}
            </th>
            <th scope="col">{t("results.roundOutcome")}</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr>
              <th scope="row">
                <OptionName names={names} optionKey={key} />
              </th>
              <td class="number">{formatExact(locale, round.tallies[key]!)}</td>
              <td>{outcome(key)}</td>
            </tr>
          ))}
          {round.exhausted !== undefined && (
            <tr>
              <th scope="row">{t("results.exhausted")}</th>
              <td class="number">{formatExact(locale, round.exhausted)}</td>
              <td></td>
            </tr>
          )}
          {round.quota !== undefined && (
            <tr>
              <th scope="row">{t("results.quota")}</th>
              <td class="number">{formatExact(locale, round.quota)}</td>
              <td></td>
            </tr>
          )}
        </tbody>
      </table>
      {round.surplusTransferred && (
        <p>{t("results.surplusTransferred", { name: nameText(names, round.surplusTransferred) })}</p>
      )}
    </TableWrap>
  );
}

function RoundsSection({ c, data, result }: { c: Ctx; data: ResultsData; result: RankedResult }) {
  const { t, locale } = c.var;
  if (!ROUND_METHODS.has(result.method) || result.rounds.length === 0) return null;
  return (
    <section aria-labelledby="rounds-heading">
      <h2 id="rounds-heading">{t("results.rounds")}</h2>
      {result.quota !== undefined && (
        <p>
          {t("results.quota")}: {formatExact(locale, result.quota)}
        </p>
      )}
      {result.rounds.map((round, i) => (
        <RoundTable c={c} names={data.optionNames} round={round} index={i} />
      ))}
    </section>
  );
}

function tieBreakSentence(t: Translate, names: Map<string, Name>, tie: TieBreak): string {
  const values = { round: tie.round, tied: listNames(names, tie.tied), chosen: nameText(names, tie.chosen) };
  const key: MessageKey =
    tie.purpose === "eliminate"
      ? "results.tieBreakEliminate"
      : tie.purpose === "elect-order"
        ? "results.tieBreakElect"
        : "results.tieBreakSurplus";
  const rule = tie.decidedBy === "earlier-rounds" ? t("results.decidedByEarlierRounds") : t("results.decidedByOrder");
  return `${t(key, values)} ${rule}`;
}

function TieBreaksSection({ c, data, result }: { c: Ctx; data: ResultsData; result: RankedResult }) {
  const { t } = c.var;
  if (result.tieBreaks.length === 0) return null;
  return (
    <section aria-labelledby="ties-heading">
      <h2 id="ties-heading">{t("results.tieBreaks")}</h2>
      <ul>
        {result.tieBreaks.map((tie) => (
          <li>{tieBreakSentence(t, data.optionNames, tie)}</li>
        ))}
      </ul>
    </section>
  );
}

function groupName(c: Ctx, names: Map<string, Name>, key: string) {
  if (key === OTHER_GROUP) return <>{c.var.t("results.otherGroup")}</>;
  const name = names.get(key);
  return name?.lang ? <span lang={name.lang}>{name.text}</span> : <>{name?.text ?? key}</>;
}

/** Colleges in their configured order, the merged group last. */
function collegeOrder(names: Map<string, Name>, keys: string[]): string[] {
  const known = [...names.keys()];
  const position = (k: string) =>
    k === OTHER_GROUP ? Number.MAX_SAFE_INTEGER : known.indexOf(k) === -1 ? known.length : known.indexOf(k);
  return [...keys].sort((a, b) => position(a) - position(b) || a.localeCompare(b));
}

function ByCollegeSection({ c, data, stored }: { c: Ctx; data: ResultsData; stored: StoredBallotResult }) {
  const { t, locale } = c.var;
  const keys = collegeOrder(data.collegeNames, Object.keys(stored.byCollege));
  if (keys.length === 0) return null;
  return (
    <section aria-labelledby="by-college-heading">
      <h2 id="by-college-heading">{t("results.byCollege")}</h2>
      <p>{t("results.byCollegeIntro")}</p>
      <TableWrap label={t("results.byCollegeCaption")}>
        <table>
          <caption>{t("results.byCollegeCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("results.college")}</th>
              <th scope="col" class="number">
                {t("results.weightedVotes")}
              </th>
              <th scope="col">{t("results.leading")}</th>
              <th scope="col">{t("results.ranking")}</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => {
              const r = stored.byCollege[key]!;
              return (
                <tr>
                  <th scope="row">{groupName(c, data.collegeNames, key)}</th>
                  <td class="number">{formatExact(locale, r.totalWeight)}</td>
                  <td>
                    {r.winners.length > 0
                      ? listNames(data.optionNames, r.winners)
                      : listNames(data.optionNames, r.ranking[0] ?? [])}
                  </td>
                  <td>{rankingLine(data.optionNames, r.ranking)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

function ParticipationTable(props: {
  c: Ctx;
  caption: string;
  groupLabel: string;
  rows: ParticipationRow[];
  name: (key: string) => unknown;
  total: { electors: number; voters: number };
}) {
  const { t, locale } = props.c.var;
  return (
    <TableWrap label={props.caption}>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.groupLabel}</th>
            <th scope="col" class="number">
              {t("results.electors")}
            </th>
            <th scope="col" class="number">
              {t("results.voters")}
            </th>
            <th scope="col" class="number">
              {t("results.turnout")}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              <th scope="row">{props.name(row.key) as string}</th>
              <td class="number">{formatCount(locale, row.electors)}</td>
              <td class="number">{formatCount(locale, row.voters)}</td>
              <td class="number">{formatShareOf(locale, row.voters, row.electors)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("results.total")}</th>
            <td class="number">{formatCount(locale, props.total.electors)}</td>
            <td class="number">{formatCount(locale, props.total.voters)}</td>
            <td class="number">{formatShareOf(locale, props.total.voters, props.total.electors)}</td>
          </tr>
        </tfoot>
      </table>
    </TableWrap>
  );
}

function ParticipationSection({ c, data, stored }: { c: Ctx; data: ResultsData; stored: StoredBallotResult }) {
  const { t, locale } = c.var;
  const p = stored.participation;
  const total = { electors: p.electors, voters: p.voters };
  const collegeRows = collegeOrder(
    data.collegeNames,
    p.byCollege.map((r) => r.key),
  ).map((k) => p.byCollege.find((r) => r.key === k)!);
  const byName = (key: string, name: string) => (key === OTHER_GROUP ? t("results.otherGroup") : name);
  const officeRows = [...p.byOffice].sort((a, b) =>
    a.key === OTHER_GROUP
      ? 1
      : b.key === OTHER_GROUP
        ? -1
        : (data.officeNames.get(a.key) ?? a.key).localeCompare(data.officeNames.get(b.key) ?? b.key, locale),
  );
  const languageRows = [...p.byLanguage].sort((a, b) =>
    a.key === OTHER_GROUP ? 1 : b.key === OTHER_GROUP ? -1 : a.key.localeCompare(b.key),
  );
  const turnoutBars: Bar[] = collegeRows.map((row) => ({
    label: row.key === OTHER_GROUP ? t("results.otherGroup") : nameText(data.collegeNames, row.key),
    value: row.electors > 0 ? row.voters / row.electors : 0,
    display: formatShareOf(locale, row.voters, row.electors),
  }));
  return (
    <section aria-labelledby="participation-heading">
      <h2 id="participation-heading">{t("results.participation")}</h2>
      <p>{t("results.participationIntro")}</p>
      {turnoutBars.length > 0 && (
        <BarChart
          id="chart-turnout"
          title={t("results.chartTurnoutTitle")}
          description={t("results.chartTurnoutDescription")}
          bars={turnoutBars}
          max={1}
        />
      )}
      <ParticipationTable
        c={c}
        caption={t("results.participationByCollege")}
        groupLabel={t("results.college")}
        rows={collegeRows}
        name={(key) => groupName(c, data.collegeNames, key)}
        total={total}
      />
      {officeRows.length > 0 && (
        <ParticipationTable
          c={c}
          caption={t("results.participationByOffice")}
          groupLabel={t("results.office")}
          rows={officeRows}
          name={(key) => byName(key, data.officeNames.get(key) ?? key)}
          total={total}
        />
      )}
      {languageRows.length > 0 && (
        <ParticipationTable
          c={c}
          caption={t("results.participationByLanguage")}
          groupLabel={t("results.language")}
          rows={languageRows}
          name={(key) => byName(key, languageName(locale, key))}
          total={total}
        />
      )}
    </section>
  );
}

function resultsPage(c: Ctx, data: ResultsData) {
  const { t, locale } = c.var;
  const { ballot, stored } = data;
  const title = t("results.title", { title: ballot.title });
  const back = (
    <p>
      <a href={`/${locale}/ballots/${ballot.id}`}>{t("results.backToBallot")}</a>
    </p>
  );
  if (!stored) {
    return renderPage(c, {
      title,
      children: (
        <>
          <h1>{title}</h1>
          <p>{t("results.notAvailable")}</p>
          {back}
        </>
      ),
    });
  }
  const result = stored.combined;
  const p = stored.participation;
  return renderPage(c, {
    title,
    children: (
      <>
        <h1>{title}</h1>
        {ballot.status !== "published" && (
          <p class="warning" role="note">
            {t("results.notPublished")}
          </p>
        )}
        <Outcome c={c} data={data} result={result} />
        <h2>{t("results.facts")}</h2>
        <dl class="facts">
          <dt>{t("results.method")}</dt>
          <dd>{t(METHOD_NAME[result.method])}</dd>
          {result.seats > 1 && (
            <>
              <dt>{t("results.seats")}</dt>
              <dd>{formatCount(locale, result.seats)}</dd>
            </>
          )}
          <dt>{t("results.ballotsCounted")}</dt>
          <dd>{formatCount(locale, stored.ballotsCounted)}</dd>
          <dt>{t("results.electors")}</dt>
          <dd>{formatCount(locale, p.electors)}</dd>
          <dt>{t("results.turnout")}</dt>
          <dd>
            {formatShareOf(locale, p.voters, p.electors)} ({formatCount(locale, p.voters)} /{" "}
            {formatCount(locale, p.electors)})
          </dd>
          {ballot.closedAt && (
            <>
              <dt>{t("results.closedAt")}</dt>
              <dd>{formatDate(locale, ballot.closedAt, "datetime")}</dd>
            </>
          )}
          {ballot.publishedAt && (
            <>
              <dt>{t("results.publishedAt")}</dt>
              <dd>{formatDate(locale, ballot.publishedAt, "datetime")}</dd>
            </>
          )}
        </dl>
        <RankingSection c={c} data={data} result={result} />
        <section aria-labelledby="method-heading">
          <h2 id="method-heading">{t("results.howCounted")}</h2>
          <p>
            <strong>{t(METHOD_NAME[result.method])}</strong> — {t(METHOD_EXPLANATION[result.method])}
          </p>
          <p>{t("results.exactValues")}</p>
        </section>
        <DuelsSection c={c} data={data} result={result} />
        <RoundsSection c={c} data={data} result={result} />
        <TieBreaksSection c={c} data={data} result={result} />
        <ByCollegeSection c={c} data={data} stored={stored} />
        <ParticipationSection c={c} data={data} stored={stored} />
        {back}
      </>
    ),
  });
}

export const resultsRoutes: AnyRoute[] = [
  route<Ballot>({
    method: "GET",
    path: "/ballots/:ballotId/results",
    action: "ballot.view_results",
    load: loadBallot,
    handler: async (c, ballot) => resultsPage(c, await loadResults(c.var.deps.db, ballot, c.var.locale)),
  }),
];
