import { RECOMMENDATION_LIMITS } from "../../../commands/recommendations/content.js";
import type { RecommendationContext } from "../../../commands/recommendations/load.js";
import {
  cycleNumbers,
  listAttachments,
  listComments,
  listTranslations,
  listVersions,
  loadTrace,
  type Trace,
  type VersionListRow,
} from "../../../commands/recommendations/read.js";
import { addComment } from "../../../commands/recommendations/write.js";
import { RECOMMENDATION_SECTIONS } from "../../../db/schema/index.js";
import type { MessageKey } from "../../../i18n/index.js";
import { LOCALES } from "../../../i18n/locales.js";
import { can } from "../../../policies/can.js";
import { ErrorSummary, Form, SelectField, SubmitButton, TextAreaField } from "../../components/form.js";
import { renderPage } from "../../components/layout.js";
import { languageName } from "../../components/regions.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute } from "../../routing.js";
import { errorMessage, type FieldErrors } from "../../validation.js";
import { Day, Moment, TextParagraphs } from "../cycles/shared.js";
import { groupPath, groupTitle } from "../groups/shared.js";
import { percent, projectPath, statusLabel as projectStatusLabel } from "../action-plan/shared.js";
import {
  actorId,
  brokenNumbers,
  fieldLabels,
  formBody,
  groupRecommendationsPath,
  langAttr,
  loadRecommendation,
  numberLabel,
  recommendationPath,
  resourceOf,
  SECTION_LABEL,
  SectionText,
  shownText,
  ShownNotice,
  stateLabel,
  UUID,
  who,
} from "./shared.js";

const DECISION_LABEL: Record<string, MessageKey> = {
  retained: "recommendations.decision_retained",
  retained_amended: "recommendations.decision_retained_amended",
  merged: "recommendations.decision_merged",
  not_retained: "recommendations.decision_not_retained",
};

function noticeOf(c: Ctx): string | undefined {
  const { t } = c.var;
  switch (c.req.query("done")) {
    case "created":
      return t("recommendations.noticeCreated");
    case "version": {
      const n = Number(c.req.query("n"));
      return Number.isSafeInteger(n) && n > 0 ? t("recommendations.noticeVersion", { number: n }) : undefined;
    }
    case "commented":
      return t("recommendations.noticeCommented");
    case "translated":
      return t("recommendations.noticeTranslated");
    default:
      return undefined;
  }
}

/** The form that asks for a comparison of two versions (GET: a comparison has its own address). */
export function CompareForm({
  c,
  context,
  versions,
  values,
  errors,
}: {
  c: Ctx;
  context: RecommendationContext;
  versions: VersionListRow[];
  values: Record<string, string>;
  errors?: FieldErrors | undefined;
}) {
  const { t } = c.var;
  const options = versions.map((v) => ({
    value: String(v.number),
    label: t("recommendations.versionNumber", { number: v.number }),
  }));
  return (
    <form method="get" action={recommendationPath(c, context.recommendation.id, "/diff")}>
      <SelectField
        c={c}
        name="from"
        label={t("recommendations.compareFrom")}
        options={options}
        values={values}
        errors={errors}
      />
      <SelectField
        c={c}
        name="to"
        label={t("recommendations.compareTo")}
        options={options}
        values={values}
        errors={errors}
      />
      <SubmitButton label={t("recommendations.compareButton")} />
    </form>
  );
}

export function VersionsTable({
  c,
  context,
  versions,
}: {
  c: Ctx;
  context: RecommendationContext;
  versions: VersionListRow[];
}) {
  const { t } = c.var;
  const caption = t("recommendations.versionsCaption");
  return (
    <div class="table-wrap" role="region" aria-label={caption} tabindex={0}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" class="number">
              {t("recommendations.colVersion")}
            </th>
            <th scope="col">{t("recommendations.colDate")}</th>
            <th scope="col">{t("recommendations.colBy")}</th>
            <th scope="col">{t("recommendations.colNote")}</th>
            <th scope="col">{t("recommendations.colOpen")}</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr>
              <th scope="row" class="number">
                {v.number}
              </th>
              <td>
                <Moment c={c} at={v.createdAt} />
              </td>
              <td>{who(c, context, v.author)}</td>
              <td>
                {v.origin === "amended" && <>{t("recommendations.originAmended")} </>}
                {v.submittedAt && <>{t("recommendations.frozenVersion")} </>}
                {v.titleCheckOverridden && <>{t("recommendations.titleKept")} </>}
                {v.note}
              </td>
              <td>
                <a href={recommendationPath(c, context.recommendation.id, `/versions/${v.number}`)}>
                  {t("recommendations.readVersion", { number: v.number })}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TraceSection({ c, context, trace }: { c: Ctx; context: RecommendationContext; trace: Trace }) {
  const { t } = c.var;
  return (
    <>
      <h3>{t("recommendations.traceSubmission")}</h3>
      {trace.submission ? (
        <p>
          {t("recommendations.submittedBy", { name: who(c, context, trace.submission.by) })}{" "}
          <Moment c={c} at={trace.submission.submittedAt} />
          {trace.submission.note !== "" && <> — {trace.submission.note}</>}
        </p>
      ) : (
        <p>{t("recommendations.notSubmitted")}</p>
      )}
      <h3>{t("recommendations.traceDecision")}</h3>
      {trace.decision ? (
        <>
          <p>
            <strong>
              {DECISION_LABEL[trace.decision.decision]
                ? t(DECISION_LABEL[trace.decision.decision]!)
                : trace.decision.decision}
            </strong>{" "}
            ({t("recommendations.decisionOn", { number: trace.decision.version })},{" "}
            <Moment c={c} at={trace.decision.decidedAt} />)
            {trace.decision.mergedInto && (
              <>
                {" "}
                <a href={recommendationPath(c, trace.decision.mergedInto.id)}>
                  {t("recommendations.mergedInto", { number: trace.decision.mergedInto.number })}
                </a>
              </>
            )}
          </p>
          <h4>{t("recommendations.decisionReasons")}</h4>
          <TextParagraphs text={trace.decision.reasons} />
        </>
      ) : (
        <p>{t("recommendations.noDecision")}</p>
      )}
      <h3>{t("recommendations.traceProposals")}</h3>
      {trace.proposals.length === 0 ? (
        <p>{t("recommendations.noProposal")}</p>
      ) : (
        <ul>
          {trace.proposals.map((p) => (
            <li>
              {t("recommendations.proposalLine", { number: p.number, title: p.title })}
              {p.items.length === 0 ? (
                <> — {t("recommendations.notOnAgenda")}</>
              ) : (
                <ul>
                  {p.items.map((i) => (
                    <li>
                      <a href={`/${c.var.locale}/assemblies/${i.assemblyId}`}>{i.assemblyTitle}</a> (
                      <Day c={c} iso={i.heldOn} />
                      ):{" "}
                      {i.status !== "closed" || i.adopted === null
                        ? t("recommendations.voteNotClosed")
                        : i.adopted
                          ? t("recommendations.voteAdopted")
                          : t("recommendations.voteRejected")}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      <h3>{t("actionPlan.traceProjects")}</h3>
      {trace.projects.length === 0 ? (
        <p>{t("actionPlan.traceNoProject")}</p>
      ) : (
        <ul>
          {trace.projects.map((p) => (
            <li>
              <a href={projectPath(c, p.id)}>
                {t("actionPlan.traceProjectLine", {
                  title: p.title,
                  number: p.proposalNumber,
                  status: projectStatusLabel(c, p.status),
                  percent: percent(c, p.progress),
                })}
              </a>
              <ol class="timeline">
                <li>
                  <Day c={c} iso={p.startsOn} />: {projectStatusLabel(c, "planned")}
                </li>
                {p.updates.map((u) => (
                  <li>
                    <Day c={c} iso={u.on} />: {projectStatusLabel(c, u.status)}, {percent(c, u.progress)} — {u.body}
                    {u.status === "abandoned" && <> ({t("actionPlan.reasonLine", { reason: u.reason })})</>}
                  </li>
                ))}
                <li>
                  {t("actionPlan.traceToday", {
                    status: projectStatusLabel(c, p.status),
                    percent: percent(c, p.progress),
                  })}
                </li>
              </ol>
            </li>
          ))}
        </ul>
      )}
      <h3>{t("recommendations.traceHistory")}</h3>
      <div class="table-wrap" role="region" aria-label={t("recommendations.historyCaption")} tabindex={0}>
        <table>
          <caption>{t("recommendations.historyCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("recommendations.colDate")}</th>
              <th scope="col">{t("recommendations.colChange")}</th>
              <th scope="col">{t("recommendations.colBy")}</th>
              <th scope="col">{t("recommendations.colReason")}</th>
            </tr>
          </thead>
          <tbody>
            {trace.history.map((h) => (
              <tr>
                <td>
                  <Moment c={c} at={h.at} />
                </td>
                <td>
                  {h.from === null
                    ? t("recommendations.changeCreated", { to: stateLabel(c, h.to) })
                    : t("recommendations.changeMoved", { from: stateLabel(c, h.from), to: stateLabel(c, h.to) })}
                </td>
                <td>{who(c, context, h.by)}</td>
                <td>{h.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

interface PageState {
  comment?: { values: Record<string, string>; errors: FieldErrors };
}

async function recommendationPage(
  c: Ctx,
  context: RecommendationContext,
  state: PageState = {},
  status: 200 | 422 = 200,
) {
  const { t, actor, locale } = c.var;
  const db = c.var.deps.db;
  const rec = context.recommendation;
  const version = context.version;
  const resource = resourceOf(context);
  const mayComment = can(actor, "recommendation.comment", resource);
  const mayEdit = can(actor, "recommendation.edit", resource);
  const mayTranslate = can(actor, "recommendation.translate", resource);
  const orgs = context.facts.organisationIds;
  const [group, numbers, translations, versions, attachments, trace, comments] = await Promise.all([
    groupTitle(c, context),
    cycleNumbers(db, rec.cycleId),
    listTranslations(db, rec.id),
    listVersions(db, rec.id, orgs),
    listAttachments(db, rec.id),
    loadTrace(db, rec.id, rec.groupId, orgs),
    mayComment ? listComments(db, rec.id, orgs) : Promise.resolve([]),
  ]);
  if (!version) throw new Error("a recommendation without a version");
  const shown = shownText(c, rec.sourceLanguage, version, translations);
  const lang = langAttr(c, shown.lang);
  const title = `${numberLabel(c, rec.number)} — ${shown.title}`;
  const broken = mayEdit ? brokenNumbers(version.sections, numbers) : [];
  const visibleAttachments = attachments.filter((a) =>
    can(actor, "document.view", { type: "document", group: context.facts, visibility: a.visibility }),
  );
  return renderPage(
    c,
    {
      title,
      notice: status === 200 ? noticeOf(c) : undefined,
      children: (
        <>
          <p class="breadcrumb">
            <a href={groupRecommendationsPath(c, rec.groupId)}>
              {t("recommendations.groupListTitle", { group: group.value.title })}
            </a>
          </p>
          <h1>
            {numberLabel(c, rec.number)} — <span lang={lang}>{shown.title}</span>
          </h1>
          <ShownNotice c={c} shown={shown} />
          <ErrorSummary c={c} errors={state.comment?.errors} labels={fieldLabels(c)} />
          <dl class="facts">
            <dt>{t("recommendations.groupLabel")}</dt>
            <dd>
              <a href={groupPath(c, rec.groupId)}>{group.value.title}</a>
            </dd>
            <dt>{t("recommendations.stateLabel")}</dt>
            <dd>{stateLabel(c, rec.state)}</dd>
            <dt>{t("recommendations.currentVersion")}</dt>
            <dd>
              {t("recommendations.versionNumber", { number: version.number })}, <Moment c={c} at={version.createdAt} />
            </dd>
            <dt>{t("recommendations.sourceLanguage")}</dt>
            <dd>{languageName(locale, rec.sourceLanguage)}</dd>
            <dt>{t("recommendations.axesLabel")}</dt>
            <dd>{rec.axes.length > 0 ? rec.axes.join(", ") : t("recommendations.noAxes")}</dd>
          </dl>
          {(mayEdit || mayTranslate) && (
            <ul class="actions-list">
              {mayEdit && (
                <li>
                  <a href={recommendationPath(c, rec.id, "/edit")}>{t("recommendations.editLink")}</a>
                </li>
              )}
              {mayTranslate &&
                LOCALES.filter((l) => l !== rec.sourceLanguage).map((l) => (
                  <li>
                    <a href={recommendationPath(c, rec.id, `/translations/${l}`)}>
                      {t("recommendations.translateLink", { language: languageName(locale, l) })}
                    </a>
                  </li>
                ))}
            </ul>
          )}
          {broken.length > 0 && (
            <p class="warning">{t("recommendations.brokenReferences", { numbers: broken.join(", ") })}</p>
          )}
          {RECOMMENDATION_SECTIONS.filter((s) => (shown.sections[s] ?? "").trim() !== "").map((s) => (
            <section>
              <h2>{t(SECTION_LABEL[s])}</h2>
              <SectionText c={c} text={shown.sections[s]} numbers={numbers} lang={lang} />
            </section>
          ))}
          {shown.quotes.length > 0 && (
            <section>
              <h2>{t("recommendations.quotesTitle")}</h2>
              {shown.quotes.map((q) => (
                <figure class="quote">
                  <blockquote lang={lang}>
                    <TextParagraphs text={q.text} />
                  </blockquote>
                  <figcaption>
                    {q.firstName}
                    {q.college !== "" && <>, {q.college}</>}
                  </figcaption>
                </figure>
              ))}
            </section>
          )}
          {shown.footnotes.length > 0 && (
            <section>
              <h2>{t("recommendations.footnotesTitle")}</h2>
              <ol>
                {shown.footnotes.map((f) => (
                  <li>
                    {f.minority && <strong>{t("recommendations.minorityOpinion")} </strong>}
                    <span lang={lang}>{f.text}</span>
                  </li>
                ))}
              </ol>
            </section>
          )}
          {visibleAttachments.length > 0 && (
            <section>
              <h2>{t("recommendations.attachmentsTitle")}</h2>
              <ul>
                {visibleAttachments.map((a) => (
                  <li>
                    <a href={`/${locale}/documents/${a.documentId}`}>{a.title}</a>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section aria-labelledby="trace-title">
            <h2 id="trace-title">{t("recommendations.traceTitle")}</h2>
            <h3>{t("recommendations.versionsTitle")}</h3>
            <VersionsTable c={c} context={context} versions={versions} />
            {versions.length >= 2 && (
              <CompareForm
                c={c}
                context={context}
                versions={versions}
                values={{ from: String(versions[1]!.number), to: String(versions[0]!.number) }}
              />
            )}
            <TraceSection c={c} context={context} trace={trace} />
          </section>
          {mayComment && (
            <section aria-labelledby="comments-title">
              <h2 id="comments-title">{t("recommendations.commentsTitle")}</h2>
              {comments.length === 0 ? (
                <p>{t("recommendations.noComments")}</p>
              ) : (
                <ol class="comments">
                  {comments.map((cm) => (
                    <li>
                      <p class="muted">
                        {who(c, context, cm.author)}, <Moment c={c} at={cm.createdAt} />
                        {cm.version !== null && <> ({t("recommendations.versionNumber", { number: cm.version })})</>}
                      </p>
                      <TextParagraphs text={cm.body} />
                    </li>
                  ))}
                </ol>
              )}
              <Form c={c} action={recommendationPath(c, rec.id, "/comments")}>
                <TextAreaField
                  c={c}
                  name="body"
                  label={t("recommendations.fieldComment")}
                  maxlength={RECOMMENDATION_LIMITS.comment}
                  rows={4}
                  errors={state.comment?.errors}
                  values={state.comment?.values}
                />
                <SubmitButton label={t("recommendations.commentButton")} />
              </Form>
            </section>
          )}
        </>
      ),
    },
    status,
  );
}

export const pageRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: `/recommendations/:recommendationId${UUID}`,
    action: "recommendation.view",
    load: loadRecommendation,
    handler: (c, context) => recommendationPage(c, context),
  }),
  route({
    method: "POST",
    path: `/recommendations/:recommendationId${UUID}/comments`,
    action: "recommendation.comment",
    load: loadRecommendation,
    async handler(c, context) {
      const body = await formBody(c);
      const raw = typeof body.body === "string" ? body.body : "";
      const text = raw.replace(/\r\n?/g, "\n").trim();
      let error: string | null = null;
      if (text === "") error = errorMessage("errors.required");
      else if (text.length > RECOMMENDATION_LIMITS.comment)
        error = errorMessage("errors.tooLong", { max: RECOMMENDATION_LIMITS.comment });
      if (error)
        return recommendationPage(c, context, { comment: { values: { body: raw }, errors: { body: error } } }, 422);
      await addComment(c.var.deps.db, actorId(c), context, text);
      return c.redirect(`${recommendationPath(c, context.recommendation.id)}?done=commented#comments-title`, 303);
    },
  }),
];
