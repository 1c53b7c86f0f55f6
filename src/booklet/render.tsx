import { createHash } from "node:crypto";
import { raw } from "hono/html";
import { paragraphs } from "../commands/cycles/texts.js";
import { findCrossReferences } from "../domain/recommendations/index.js";
import { monthsSpanned } from "../domain/figures/figures.js";
import { formatDate, formatNumber } from "../i18n/format.js";
import { translator, type MessageKey, type Translate } from "../i18n/index.js";
import type { Locale } from "../i18n/locales.js";
import { languageName } from "../web/components/regions.js";
import { bookletRecommendations, type BookletData, type BookletRecommendation } from "./data.js";

/**
 * The booklet as HTML, the same for the web page (inside the site's layout) and for the printable
 * document Chromium prints to PDF. Every text typed by someone goes through JSX, which escapes it.
 * Headings carry the structure the PDF's bookmarks are made from: h1 the booklet, h2 each part,
 * h3 each recommendation, h4 its sections.
 */

const SECTION_LABEL: Record<string, MessageKey> = {
  context: "recommendations.section_context",
  argumentation: "recommendations.section_argumentation",
  attention: "recommendations.section_attention",
  alreadyDoes: "recommendations.section_alreadyDoes",
  examples: "recommendations.section_examples",
};

const DECISION_LABEL: Record<string, MessageKey> = {
  retained: "recommendations.decision_retained",
  retained_amended: "recommendations.decision_retained_amended",
  merged: "recommendations.decision_merged",
  not_retained: "recommendations.decision_not_retained",
};

interface View {
  t: Translate;
  lang: Locale;
  numbers: ReadonlySet<number>;
}

export const recAnchor = (n: number) => `rec-${n}`;
const groupAnchor = (key: string) => `group-${key}`;

function counted(v: View, key: MessageKey, n: number): string {
  return v.t(key, { count: n, n: formatNumber(v.lang, n, 2) });
}

function day(lang: Locale, iso: string): string {
  return formatDate(lang, new Date(`${iso}T12:00:00Z`));
}

/** "58 personnes, encadrées par 12 animateurs et 3 secrétaires, ont participé à 66 heures…" */
export function figuresSentence(t: Translate, lang: Locale, data: BookletData): string {
  const v: View = { t, lang, numbers: new Set() };
  const f = data.figures;
  const pieces = {
    count: f.participants,
    people: counted(v, "figures.people", f.participants),
    facilitators: counted(v, "figures.facilitators", f.facilitators),
    secretaries: counted(v, "figures.secretaries", f.secretaries),
  };
  if (f.meetings === 0 || !f.firstMeeting || !f.lastMeeting) return t("figures.sentenceNoMeetings", pieces);
  return t("figures.sentence", {
    ...pieces,
    hours: counted(v, "figures.hours", f.meetingHours),
    meetings: counted(v, "figures.meetings", f.meetings),
    months: counted(v, "figures.months", monthsSpanned(f.firstMeeting, f.lastMeeting)),
  });
}

/**
 * A section's text as paragraphs, with "recommandation 34" linked to that recommendation of the
 * booklet; a number that is none of its recommendations stays plain text.
 */
function LinkedText({ v, text, lang }: { v: View; text: string; lang?: Locale | undefined }) {
  return (
    <>
      {paragraphs(text).map((lines) => (
        <p lang={lang}>
          {lines.map((line, i) => {
            const parts: Array<string | { n: number; text: string }> = [];
            let at = 0;
            for (const ref of findCrossReferences(line)) {
              if (ref.start < at) continue;
              if (!v.numbers.has(ref.number)) continue;
              parts.push(line.slice(at, ref.start), { n: ref.number, text: line.slice(ref.start, ref.end) });
              at = ref.end;
            }
            parts.push(line.slice(at));
            return (
              <>
                {i > 0 && <br />}
                {parts.map((p) => (typeof p === "string" ? p : <a href={`#${recAnchor(p.n)}`}>{p.text}</a>))}
              </>
            );
          })}
        </p>
      ))}
    </>
  );
}

function Names({ v, names }: { v: View; names: string[] }) {
  return <>{names.length > 0 ? names.join(", ") : v.t("booklet.nobody")}</>;
}

function Recommendation({ v, rec }: { v: View; rec: BookletRecommendation }) {
  const lang = rec.lang === v.lang ? undefined : rec.lang;
  return (
    <article
      class="booklet-recommendation"
      id={recAnchor(rec.number)}
      aria-labelledby={`${recAnchor(rec.number)}-title`}
    >
      <h3 id={`${recAnchor(rec.number)}-title`}>
        <span class="booklet-number">{v.t("booklet.recommendationLabel", { number: rec.number })}</span>
        {" — "}
        <span class="booklet-title" lang={lang}>
          {rec.title}
        </span>
      </h3>
      {rec.untranslated && (
        <p class="hint">{v.t("booklet.untranslated", { language: languageName(v.lang, rec.lang) })}</p>
      )}
      {rec.sections.map((s) => (
        <section>
          <h4>{v.t(SECTION_LABEL[s.key]!)}</h4>
          <LinkedText v={v} text={s.text} lang={lang} />
        </section>
      ))}
      {rec.quotes.length > 0 && (
        <section>
          <h4>{v.t("booklet.quotesHeading")}</h4>
          {rec.quotes.map((q) => (
            <figure class="quote">
              <blockquote lang={lang}>
                <LinkedText v={v} text={q.text} />
              </blockquote>
              <figcaption>
                {q.firstName}
                {q.college !== "" && <>, {q.college}</>}
              </figcaption>
            </figure>
          ))}
        </section>
      )}
      {rec.footnotes.length > 0 && (
        <section>
          <h4>{v.t("booklet.footnotesHeading")}</h4>
          <ol class="booklet-footnotes">
            {rec.footnotes.map((f) => (
              <li>
                {f.minority && <span class="booklet-strong">{v.t("booklet.minority")} </span>}
                <span lang={lang}>{f.text}</span>
              </li>
            ))}
          </ol>
        </section>
      )}
    </article>
  );
}

function assemblyText(v: View, rec: BookletRecommendation): string {
  if (rec.proposals.length === 0) return v.t("booklet.notProposed");
  return rec.proposals
    .map((p) => {
      const votes = p.items.map(
        (i) =>
          `${i.assemblyTitle} (${day(v.lang, i.heldOn)}): ${
            !i.closed || i.adopted === null
              ? v.t("recommendations.voteNotClosed")
              : i.adopted
                ? v.t("recommendations.voteAdopted")
                : v.t("recommendations.voteRejected")
          }`,
      );
      const line = v.t("recommendations.proposalLine", { number: p.number, title: p.title });
      return votes.length === 0 ? `${line} — ${v.t("recommendations.notOnAgenda")}` : `${line} — ${votes.join("; ")}`;
    })
    .join(" · ");
}

/** The booklet's content, from its cover to its acknowledgements. */
export function BookletBody({ data, t }: { data: BookletData; t: Translate }) {
  const v: View = { t, lang: data.lang, numbers: new Set(data.numbers) };
  const all = bookletRecommendations(data);
  const titleLang = data.cycle.titleLang === data.lang ? undefined : data.cycle.titleLang;
  const decided = all.filter((r) => r.decision !== null);
  return (
    <>
      <header class="booklet-cover">
        <p class="booklet-kicker">{t("booklet.coverKicker")}</p>
        <h1 lang={titleLang}>{data.cycle.title}</h1>
        {data.span && (
          <p class="booklet-period">
            {t("booklet.coverPeriod", { from: day(data.lang, data.span.first), to: day(data.lang, data.span.last) })}
          </p>
        )}
        <p class="booklet-organisations">{data.cycle.organisations.join(" · ")}</p>
      </header>

      <section class="booklet-part" id="letter" aria-labelledby="letter-title">
        <h2 id="letter-title">{t("booklet.letterHeading")}</h2>
        <p>
          {t("booklet.letterIntro", {
            count: data.groups.length,
            n: formatNumber(data.lang, data.groups.length, 0),
            cycle: data.cycle.title,
          })}
        </p>
        <p id="booklet-figures">{figuresSentence(t, data.lang, data)}</p>
        <p>{counted(v, "booklet.letterCount", all.length)}</p>
        {data.figures.distinctPeople > 0 && <p>{counted(v, "booklet.letterDistinct", data.figures.distinctPeople)}</p>}
        <p>{t("booklet.letterThanks")}</p>
        <p class="booklet-signature">{t("booklet.letterSignature")}</p>
      </section>

      <nav class="booklet-part booklet-toc" aria-labelledby="toc-title">
        <h2 id="toc-title">{t("booklet.tocHeading")}</h2>
        <ol>
          <li>
            <a href="#letter">{t("booklet.letterHeading")}</a>
          </li>
          {data.groups.map((g, i) => (
            <li>
              <a href={`#${groupAnchor(g.key)}`}>
                {t("booklet.partLabel", { n: i + 1 })}:{" "}
                <span lang={g.titleLang === data.lang ? undefined : g.titleLang}>{g.title}</span>
              </a>
              {g.recommendations.length > 0 && (
                <ol class="booklet-toc-recommendations">
                  {g.recommendations.map((r) => (
                    <li>
                      <a href={`#${recAnchor(r.number)}`}>
                        {r.number}. <span lang={r.lang === data.lang ? undefined : r.lang}>{r.title}</span>
                      </a>
                    </li>
                  ))}
                </ol>
              )}
            </li>
          ))}
          <li>
            <a href="#outcomes">{t("booklet.outcomeHeading")}</a>
          </li>
          <li>
            <a href="#participants">{t("booklet.participantsHeading")}</a>
          </li>
          <li>
            <a href="#acknowledgements">{t("booklet.acknowledgementsHeading")}</a>
          </li>
        </ol>
      </nav>

      {data.groups.map((g, i) => {
        const lang = g.titleLang === data.lang ? undefined : g.titleLang;
        return (
          <section
            class="booklet-part booklet-group"
            id={groupAnchor(g.key)}
            aria-labelledby={`${groupAnchor(g.key)}-title`}
          >
            <h2 id={`${groupAnchor(g.key)}-title`}>
              <span class="booklet-number">{t("booklet.partLabel", { n: i + 1 })}:</span>{" "}
              <span lang={lang}>{g.title}</span>
            </h2>
            <dl class="facts">
              <dt>{t("booklet.facilitatorsLabel")}</dt>
              <dd>
                <Names v={v} names={g.facilitators} />
              </dd>
              <dt>{t("booklet.referentsLabel")}</dt>
              <dd>
                <Names v={v} names={g.referents} />
              </dd>
            </dl>
            {g.recommendations.length === 0 ? (
              <p>{t("booklet.noRecommendations")}</p>
            ) : (
              <>
                <p class="booklet-recommends">{t("booklet.groupRecommends")}</p>
                <ol class="booklet-summary">
                  {g.recommendations.map((r) => (
                    <li value={r.number}>
                      <a href={`#${recAnchor(r.number)}`} lang={r.lang === data.lang ? undefined : r.lang}>
                        {r.title}
                      </a>
                    </li>
                  ))}
                </ol>
                {g.recommendations.map((r) => (
                  <Recommendation v={v} rec={r} />
                ))}
              </>
            )}
          </section>
        );
      })}

      <section class="booklet-part" id="outcomes" aria-labelledby="outcomes-title">
        <h2 id="outcomes-title">{t("booklet.outcomeHeading")}</h2>
        {decided.length === 0 ? (
          <p>{t("booklet.noOutcome")}</p>
        ) : (
          <div class="table-wrap" role="region" aria-labelledby="outcomes-caption" tabindex={0}>
            <table>
              <caption id="outcomes-caption">{t("booklet.outcomeCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col" class="number">
                    {t("booklet.colNumber")}
                  </th>
                  <th scope="col">{t("booklet.colRecommendation")}</th>
                  <th scope="col">{t("booklet.colDecision")}</th>
                  <th scope="col">{t("booklet.colAssembly")}</th>
                </tr>
              </thead>
              <tbody>
                {all.map((r) => (
                  <tr>
                    <th scope="row" class="number">
                      <a href={`#${recAnchor(r.number)}`}>{r.number}</a>
                    </th>
                    <td lang={r.lang === data.lang ? undefined : r.lang}>{r.title}</td>
                    <td>
                      {r.decision ? (
                        <>
                          <span class="booklet-strong">
                            {DECISION_LABEL[r.decision.decision]
                              ? t(DECISION_LABEL[r.decision.decision]!)
                              : r.decision.decision}
                          </span>{" "}
                          ({day(data.lang, r.decision.decidedOn)})
                          {r.decision.mergedIntoNumber !== null && (
                            <>
                              {" "}
                              <a href={`#${recAnchor(r.decision.mergedIntoNumber)}`}>
                                {t("recommendations.mergedInto", { number: r.decision.mergedIntoNumber })}
                              </a>
                            </>
                          )}
                          {r.decision.reasons.trim() !== "" && (
                            <span class="booklet-reasons">
                              {" — "}
                              {r.decision.reasons}
                            </span>
                          )}
                        </>
                      ) : (
                        t("recommendations.noDecision")
                      )}
                    </td>
                    <td>{assemblyText(v, r)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section class="booklet-part" id="participants" aria-labelledby="participants-title">
        <h2 id="participants-title">{t("booklet.participantsHeading")}</h2>
        {data.participants.length === 0 ? (
          <p>{t("booklet.noParticipants")}</p>
        ) : (
          <>
            <p>{t("booklet.participantsIntro")}</p>
            <div class="table-wrap" role="region" aria-labelledby="participants-caption" tabindex={0}>
              <table>
                <caption id="participants-caption">{t("booklet.participantsCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("booklet.colName")}</th>
                    <th scope="col">{t("booklet.colSector")}</th>
                    <th scope="col">{t("booklet.colGroups")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.participants.map((p) => (
                    <tr>
                      <th scope="row">{p.name}</th>
                      <td>{p.sector}</td>
                      <td>{p.groups.join(", ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section class="booklet-part" id="acknowledgements" aria-labelledby="acknowledgements-title">
        <h2 id="acknowledgements-title">{t("booklet.acknowledgementsHeading")}</h2>
        <p>{t("booklet.acknowledgements")}</p>
      </section>
    </>
  );
}

/** The printed booklet's own stylesheet (A4, a part per page, no site chrome). */
export const BOOKLET_CSS = `
@page { size: A4; margin: 20mm 18mm 22mm; }
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.45; color: #111; background: #fff; }
body { margin: 0 auto; max-width: 46rem; padding: 1rem; }
a { color: #0b4f8a; }
h1, h2, h3, h4 { line-height: 1.2; break-after: avoid; page-break-after: avoid; }
h2 { font-size: 1.6rem; border-bottom: 2px solid #0b4f8a; padding-bottom: .2em; }
h3 { font-size: 1.2rem; margin-top: 2rem; }
h4 { font-size: 1rem; text-transform: uppercase; letter-spacing: .04em; }
.booklet-cover { min-height: 80vh; display: flex; flex-direction: column; justify-content: center; }
.booklet-cover h1 { font-size: 2.6rem; margin: .4em 0; }
.booklet-kicker, .booklet-period, .booklet-organisations { font-size: 1.2rem; margin: .3em 0; }
.booklet-part { break-before: page; page-break-before: always; }
.booklet-recommendation { break-before: page; page-break-before: always; }
.booklet-number { color: #0b4f8a; }
.booklet-toc ol { padding-left: 1.4rem; }
.booklet-toc ol ol { list-style: none; padding-left: 1rem; }
.booklet-strong { font-weight: bold; }
.booklet-toc li { margin: .3em 0; }
.booklet-toc a { text-decoration: none; display: inline-block; min-height: 24px; }
.table-wrap { overflow-x: auto; max-width: 100%; }
body { overflow-wrap: break-word; }
@media (max-width: 600px) { body { padding: .5rem; } .booklet-cover h1 { font-size: 1.8rem; } h2 { font-size: 1.3rem; } }
.booklet-signature { font-style: italic; }
.facts dt { font-weight: bold; }
.facts dd { margin: 0 0 .5em 0; }
figure.quote { margin: 1em 0 1em 1.5em; border-left: 3px solid #888; padding-left: 1em; }
figure.quote figcaption { font-style: italic; }
.hint { color: #444; font-style: italic; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid #999; padding: .3em .4em; text-align: left; vertical-align: top; }
caption { font-weight: bold; text-align: left; margin-bottom: .4em; }
tr { break-inside: avoid; page-break-inside: avoid; }
.skip-link { position: absolute; left: -999px; }
.skip-link:focus { left: 1rem; top: 1rem; background: #fff; padding: .3em; }
@media print { .skip-link, .booklet-screen-only { display: none; } a { color: inherit; text-decoration: none; } }
`;

/** The CSP hash of the stylesheet, for the printable page served with an inline style. */
export const BOOKLET_CSS_HASH = `'sha256-${createHash("sha256").update(BOOKLET_CSS).digest("base64")}'`;

/** The standalone booklet document: what Chromium prints, and the printable web version. */
export function bookletDocument(data: BookletData, options: { backHref?: string } = {}): string {
  const t = translator(data.lang);
  const title = t("booklet.title", { cycle: data.cycle.title });
  const doc = (
    <html lang={data.lang} dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta name="description" content={t("booklet.coverKicker")} />
        <style>{raw(BOOKLET_CSS)}</style>
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t("common.skipToContent")}
        </a>
        {options.backHref && (
          <nav class="booklet-screen-only" aria-label={t("booklet.backToBooklet")}>
            <a href={options.backHref}>{t("booklet.backToBooklet")}</a>
          </nav>
        )}
        <main id="main">
          <BookletBody data={data} t={t} />
        </main>
      </body>
    </html>
  );
  return `<!DOCTYPE html>${doc.toString()}`;
}

/**
 * The cache key of a booklet: the hash of the document Chromium prints (sha256, hex). Any change
 * to what it prints (a text, a translation, a message, the stylesheet) gives another key.
 */
export function bookletHash(data: BookletData): string {
  return createHash("sha256").update(bookletDocument(data)).digest("hex");
}
