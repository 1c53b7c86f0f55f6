import type { RecommendationContext } from "../../../commands/recommendations/load.js";
import {
  cycleNumbers,
  findVersions,
  groupLibrary,
  listAttachments,
  listVersions,
} from "../../../commands/recommendations/read.js";
import { saveVersion } from "../../../commands/recommendations/write.js";
import { RECOMMENDATION_SECTIONS } from "../../../db/schema/index.js";
import { linesOf } from "../../../domain/documents/diff.js";
import { compareTexts, type DiffPart } from "../../../domain/recommendations/index.js";
import { can } from "../../../policies/can.js";
import { renderError } from "../../components/error-page.js";
import { ErrorSummary, Form, SubmitButton } from "../../components/form.js";
import { renderPage } from "../../components/layout.js";
import type { Ctx } from "../../context.js";
import { refuse, route, type AnyRoute } from "../../routing.js";
import { errorMessage, type FieldErrors } from "../../validation.js";
import { Moment, TextParagraphs } from "../cycles/shared.js";
import { CompareForm } from "./page.js";
import {
  actorId,
  brokenNumbers,
  fieldLabels,
  formBody,
  langAttr,
  loadRecommendation,
  mayOverride,
  numberLabel,
  parseVersionForm,
  recommendationPath,
  resourceOf,
  SECTION_LABEL,
  SectionText,
  stateFromBody,
  UUID,
  versionValues,
  VersionFields,
  who,
  type FormState,
} from "./shared.js";

/** Whether the actor could edit it were it still a draft: then a refusal says why (frozen). */
function editsWhileDraft(c: Ctx, context: RecommendationContext): boolean {
  return can(c.var.actor, "recommendation.edit", { ...resourceOf(context), phase: "drafting" });
}

/** The clear refusal of an edit after the submission (403): the submitted version is frozen. */
function frozenPage(c: Ctx, context: RecommendationContext) {
  const { t } = c.var;
  const title = t("recommendations.frozenTitle");
  return renderPage(
    c,
    {
      title,
      children: (
        <>
          <h1>{title}</h1>
          <p>{t("recommendations.frozenBody", { number: context.recommendation.number })}</p>
          <p>
            <a href={recommendationPath(c, context.recommendation.id)}>
              {numberLabel(c, context.recommendation.number)}
            </a>
          </p>
        </>
      ),
    },
    403,
  );
}

/** Refusal for whoever may not edit: why, for the group after the submission; 403 or sign-in otherwise. */
function refuseEdit(c: Ctx, context: RecommendationContext) {
  return editsWhileDraft(c, context) ? frozenPage(c, context) : refuse(c);
}

async function editPage(
  c: Ctx,
  context: RecommendationContext,
  state: FormState & { baseVersion: number; stale?: { latest: number } },
  status: 200 | 409 | 422 = 200,
) {
  const { t } = c.var;
  const rec = context.recommendation;
  const [library, numbers, versions] = await Promise.all([
    groupLibrary(c.var.deps.db, rec.groupId),
    cycleNumbers(c.var.deps.db, rec.cycleId),
    listVersions(c.var.deps.db, rec.id, context.facts.organisationIds),
  ]);
  const latest = versions[0];
  const broken = context.version ? brokenNumbers(context.version.sections, numbers) : [];
  const title = t("recommendations.editTitle", { number: rec.number });
  return renderPage(
    c,
    {
      title,
      children: (
        <>
          <p class="breadcrumb">
            <a href={recommendationPath(c, rec.id)}>{numberLabel(c, rec.number)}</a>
          </p>
          <h1>{title}</h1>
          {state.stale && (
            <div class="warning" role="alert">
              <p>
                {t("recommendations.staleBody", { based: state.baseVersion, latest: state.stale.latest })}{" "}
                {latest && (
                  <>
                    {t("recommendations.staleBy", { name: who(c, context, latest.author) })}{" "}
                    <Moment c={c} at={latest.createdAt} />.
                  </>
                )}
              </p>
              <p>
                <a href={recommendationPath(c, rec.id, `/diff?from=${state.baseVersion}&to=${state.stale.latest}`)}>
                  {t("recommendations.staleCompare")}
                </a>
              </p>
            </div>
          )}
          <ErrorSummary c={c} errors={state.errors} labels={fieldLabels(c)} />
          {broken.length > 0 && (
            <p class="warning">{t("recommendations.brokenReferences", { numbers: broken.join(", ") })}</p>
          )}
          <p class="hint">
            {t("recommendations.editIntro", { number: state.stale ? state.stale.latest : state.baseVersion })}
          </p>
          <Form c={c} action={recommendationPath(c, rec.id, "/edit")}>
            <input
              type="hidden"
              name="baseVersion"
              value={String(state.stale ? state.stale.latest : state.baseVersion)}
            />
            <VersionFields
              c={c}
              state={state}
              sourceLanguage={rec.sourceLanguage}
              mayOverride={mayOverride(c, context)}
              library={library}
            />
            <SubmitButton label={t("recommendations.saveButton")} />
          </Form>
        </>
      ),
    },
    status,
  );
}

async function versionPage(c: Ctx, context: RecommendationContext, number: number) {
  const { t } = c.var;
  const rec = context.recommendation;
  const [found, numbers, versions] = await Promise.all([
    findVersions(c.var.deps.db, rec.id, [number]),
    cycleNumbers(c.var.deps.db, rec.cycleId),
    listVersions(c.var.deps.db, rec.id, context.facts.organisationIds),
  ]);
  const version = found.get(number);
  const row = versions.find((v) => v.number === number);
  if (!version || !row) return renderError(c, "notFound");
  const lang = langAttr(c, rec.sourceLanguage);
  const title = t("recommendations.versionTitle", { number: rec.number, version: number });
  return renderPage(c, {
    title,
    children: (
      <>
        <p class="breadcrumb">
          <a href={recommendationPath(c, rec.id)}>{numberLabel(c, rec.number)}</a>
        </p>
        <h1>{title}</h1>
        <p>
          {t("recommendations.versionBy", { name: who(c, context, row.author) })} <Moment c={c} at={row.createdAt} />
          {row.submittedAt && <> — {t("recommendations.frozenVersion")}</>}
        </p>
        <h2 lang={lang}>{version.title}</h2>
        {RECOMMENDATION_SECTIONS.filter((s) => (version.sections[s] ?? "").trim() !== "").map((s) => (
          <section>
            <h3>{t(SECTION_LABEL[s])}</h3>
            <SectionText c={c} text={version.sections[s]} numbers={numbers} lang={lang} />
          </section>
        ))}
        {version.quotes.length > 0 && (
          <>
            <h3>{t("recommendations.quotesTitle")}</h3>
            {version.quotes.map((q) => (
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
          </>
        )}
        {version.footnotes.length > 0 && (
          <>
            <h3>{t("recommendations.footnotesTitle")}</h3>
            <ol>
              {version.footnotes.map((f) => (
                <li>
                  {f.minority && <strong>{t("recommendations.minorityOpinion")} </strong>}
                  <span lang={lang}>{f.text}</span>
                </li>
              ))}
            </ol>
          </>
        )}
        {versions.length >= 2 && (
          <CompareForm
            c={c}
            context={context}
            versions={versions}
            values={{
              from: String(number === versions[0]!.number ? versions[1]!.number : number),
              to: String(versions[0]!.number),
            }}
          />
        )}
      </>
    ),
  });
}

function Lines({ text }: { text: string }) {
  return (
    <>
      {linesOf(text).map((line, i) => (
        <>
          {i > 0 && <br />}
          {line}
        </>
      ))}
    </>
  );
}

function DiffRun({ c, part }: { c: Ctx; part: DiffPart }) {
  const { t } = c.var;
  if (part.kind === "same") return <Lines text={part.text} />;
  const [start, end] =
    part.kind === "added"
      ? [t("recommendations.addedStart"), t("recommendations.addedEnd")]
      : [t("recommendations.removedStart"), t("recommendations.removedEnd")];
  const inner = (
    <>
      <span class="visually-hidden">{start}</span>
      <Lines text={part.text} />
      <span class="visually-hidden">{end}</span>
    </>
  );
  return part.kind === "added" ? <ins>{inner}</ins> : <del>{inner}</del>;
}

/** A version's text as one plain text, for the comparison: title, then each section under its name. */
function comparable(
  c: Ctx,
  v: {
    title: string;
    sections: Record<string, string>;
    quotes: Array<{ text: string; firstName: string; college: string }>;
    footnotes: Array<{ text: string; minority: boolean }>;
  },
): Array<{ label: string; text: string }> {
  const { t } = c.var;
  return [
    { label: t("recommendations.fieldTitle"), text: v.title },
    ...RECOMMENDATION_SECTIONS.map((s) => ({ label: t(SECTION_LABEL[s]), text: v.sections[s] ?? "" })),
    {
      label: t("recommendations.quotesTitle"),
      text: v.quotes.map((q) => `${q.text} — ${q.firstName}${q.college ? `, ${q.college}` : ""}`).join("\n\n"),
    },
    {
      label: t("recommendations.footnotesTitle"),
      text: v.footnotes
        .map((f) => `${f.minority ? `${t("recommendations.minorityOpinion")} ` : ""}${f.text}`)
        .join("\n\n"),
    },
  ];
}

function parseVersionNumber(raw: string | undefined): number | null {
  return raw !== undefined && /^\d{1,6}$/.test(raw) ? Number(raw) : null;
}

async function diffPage(c: Ctx, context: RecommendationContext) {
  const { t } = c.var;
  const rec = context.recommendation;
  const versions = await listVersions(c.var.deps.db, rec.id, context.facts.organisationIds);
  const fromRaw = c.req.query("from");
  const toRaw = c.req.query("to");
  const from = parseVersionNumber(fromRaw);
  const to = parseVersionNumber(toRaw);
  const known = new Set(versions.map((v) => v.number));
  const errors: FieldErrors = {};
  if (fromRaw === undefined || fromRaw === "" || toRaw === undefined || toRaw === "")
    errors.from = errorMessage("recommendations.compareMissing");
  else if (from === null) errors.from = errorMessage("recommendations.compareNotANumber");
  else if (to === null) errors.to = errorMessage("recommendations.compareNotANumber");
  else if (!known.has(from)) errors.from = errorMessage("recommendations.compareUnknown");
  else if (!known.has(to)) errors.to = errorMessage("recommendations.compareUnknown");
  else if (from === to) errors.to = errorMessage("recommendations.compareSame");
  const title = t("recommendations.diffTitle", { number: rec.number });
  if (Object.keys(errors).length > 0 || from === null || to === null) {
    return renderPage(
      c,
      {
        title,
        children: (
          <>
            <p class="breadcrumb">
              <a href={recommendationPath(c, rec.id)}>{numberLabel(c, rec.number)}</a>
            </p>
            <h1>{title}</h1>
            <ErrorSummary c={c} errors={errors} labels={fieldLabels(c)} />
            {versions.length >= 2 ? (
              <CompareForm
                c={c}
                context={context}
                versions={versions}
                values={{ from: fromRaw ?? "", to: toRaw ?? "" }}
                errors={errors}
              />
            ) : (
              <p>{t("recommendations.compareNeedsTwo")}</p>
            )}
          </>
        ),
      },
      400,
    );
  }
  const [a, b] = from < to ? [from, to] : [to, from];
  const found = await findVersions(c.var.deps.db, rec.id, [a, b]);
  const older = comparable(c, found.get(a)!);
  const newer = comparable(c, found.get(b)!);
  const lang = langAttr(c, rec.sourceLanguage);
  const fullTitle = t("recommendations.diffHeading", { number: rec.number, from: a, to: b });
  let added = 0;
  let removed = 0;
  const parts = older.map((o, i) => {
    const comparison = compareTexts(o.text, newer[i]!.text);
    if (comparison.ok) {
      added += comparison.wordsAdded;
      removed += comparison.wordsRemoved;
    }
    return { label: o.label, comparison };
  });
  return renderPage(c, {
    title: fullTitle,
    children: (
      <>
        <p class="breadcrumb">
          <a href={recommendationPath(c, rec.id)}>{numberLabel(c, rec.number)}</a>
        </p>
        <h1>{fullTitle}</h1>
        <CompareForm c={c} context={context} versions={versions} values={{ from: String(a), to: String(b) }} />
        <ul>
          <li>{t("recommendations.wordsAdded", { count: added })}</li>
          <li>{t("recommendations.wordsRemoved", { count: removed })}</li>
        </ul>
        <p class="hint">{t("recommendations.diffLegend")}</p>
        {parts
          .filter((p) => !p.comparison.ok || p.comparison.parts.some((x) => x.kind !== "same" || x.text.trim() !== ""))
          .map((p) => (
            <section>
              <h2>{p.label}</h2>
              {!p.comparison.ok ? (
                <p class="warning">{t("recommendations.compareTooLong")}</p>
              ) : !p.comparison.parts.some((x) => x.kind !== "same") ? (
                <p class="muted">{t("recommendations.noDifference")}</p>
              ) : (
                <div class="document-text diff">
                  <p lang={lang}>
                    {p.comparison.parts.map((part) => (
                      <DiffRun c={c} part={part} />
                    ))}
                  </p>
                </div>
              )}
            </section>
          ))}
      </>
    ),
  });
}

export const editRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: `/recommendations/:recommendationId${UUID}/edit`,
    action: "recommendation.view",
    load: loadRecommendation,
    async handler(c, context) {
      if (!can(c.var.actor, "recommendation.edit", resourceOf(context))) return refuseEdit(c, context);
      const version = context.version;
      if (!version) return renderError(c, "notFound");
      const attachments = await listAttachments(c.var.deps.db, context.recommendation.id);
      return editPage(c, context, {
        values: versionValues(version, context.recommendation.axes),
        lists: { attachments: attachments.map((a) => a.documentId) },
        baseVersion: version.number,
      });
    },
  }),
  route({
    method: "POST",
    path: `/recommendations/:recommendationId${UUID}/edit`,
    action: "recommendation.view",
    load: loadRecommendation,
    async handler(c, context) {
      if (!can(c.var.actor, "recommendation.edit", resourceOf(context))) return refuseEdit(c, context);
      const body = await formBody(c);
      const base =
        typeof body.baseVersion === "string" && /^\d{1,6}$/.test(body.baseVersion) ? Number(body.baseVersion) : null;
      const latest = context.version?.number ?? 0;
      if (base === null) {
        return editPage(
          c,
          context,
          { ...stateFromBody(body, { _form: errorMessage("recommendations.noBaseVersion") }), baseVersion: latest },
          422,
        );
      }
      const baseRow =
        base === latest
          ? context.version
          : (await findVersions(c.var.deps.db, context.recommendation.id, [base])).get(base);
      const parsed = parseVersionForm(body, {
        sourceLanguage: context.recommendation.sourceLanguage,
        mayOverride: mayOverride(c, context),
        overriddenTitle: baseRow?.titleCheckOverridden ? baseRow.title : null,
      });
      if (!parsed.ok) {
        return editPage(
          c,
          context,
          {
            ...stateFromBody(body, parsed.errors),
            baseVersion: base,
            ...(base !== latest ? { stale: { latest } } : {}),
          },
          422,
        );
      }
      const outcome = await saveVersion(c.var.deps.db, actorId(c), context, { ...parsed.data, baseVersion: base });
      if (!outcome.ok) {
        if (outcome.reason === "frozen") return frozenPage(c, context);
        if (outcome.reason === "stale")
          return editPage(
            c,
            context,
            { ...stateFromBody(body), baseVersion: base, stale: { latest: outcome.latest } },
            409,
          );
        return editPage(
          c,
          context,
          { ...stateFromBody(body, { attachments: errorMessage("recommendations.badAttachment") }), baseVersion: base },
          422,
        );
      }
      return c.redirect(`${recommendationPath(c, context.recommendation.id)}?done=version&n=${outcome.version}`, 303);
    },
  }),
  route({
    method: "GET",
    path: `/recommendations/:recommendationId${UUID}/versions/:version{[0-9]+}`,
    action: "recommendation.view",
    load: loadRecommendation,
    handler(c, context) {
      const n = parseVersionNumber(c.req.param("version"));
      return n === null ? renderError(c, "notFound") : versionPage(c, context, n);
    },
  }),
  route({
    method: "GET",
    path: `/recommendations/:recommendationId${UUID}/diff`,
    action: "recommendation.view",
    load: loadRecommendation,
    handler: (c, context) => diffPage(c, context),
  }),
];
