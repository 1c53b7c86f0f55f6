import { RECOMMENDATION_LIMITS as LIMITS } from "../../../commands/recommendations/content.js";
import type { RecommendationContext } from "../../../commands/recommendations/load.js";
import { listTranslations, type Translation } from "../../../commands/recommendations/read.js";
import { saveTranslation } from "../../../commands/recommendations/write.js";
import { RECOMMENDATION_SECTIONS } from "../../../db/schema/index.js";
import { LOCALES, type Locale } from "../../../i18n/locales.js";
import { renderError } from "../../components/error-page.js";
import { ErrorSummary, Form, SubmitButton, TextAreaField, TextField } from "../../components/form.js";
import { renderPage } from "../../components/layout.js";
import { languageName } from "../../components/regions.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute } from "../../routing.js";
import { errorMessage, type FieldErrors } from "../../validation.js";
import { Moment, TextParagraphs } from "../cycles/shared.js";
import {
  actorId,
  fieldLabels,
  formBody,
  loadRecommendation,
  numberLabel,
  parseTranslationForm,
  recommendationPath,
  SECTION_LABEL,
  stateFromBody,
  UUID,
  type FormState,
} from "./shared.js";

function languageOf(c: Ctx): Locale | null {
  const l = c.req.param("language");
  return (LOCALES as readonly string[]).includes(l ?? "") ? (l as Locale) : null;
}

function translationValues(translation: Translation | undefined): Record<string, string> {
  if (!translation) return {};
  const values: Record<string, string> = { title: translation.title };
  for (const s of RECOMMENDATION_SECTIONS) values[s] = translation.sections[s] ?? "";
  translation.quotes.forEach((q, i) => (values[`quote-${i}-text`] = q.text));
  translation.footnotes.forEach((f, i) => (values[`footnote-${i}-text`] = f.text));
  return values;
}

/** One field: the source, read-only, beside the target's input. */
function Pair({
  c,
  label,
  source,
  sourceLang,
  children,
}: {
  c: Ctx;
  label: string;
  source: string;
  sourceLang: Locale;
  children?: unknown;
}) {
  const { t, locale } = c.var;
  return (
    <div class="side-by-side">
      <div class="source-text">
        <p class="legend">
          <strong>
            {label} — {t("recommendations.sourceColumn", { language: languageName(locale, sourceLang) })}
          </strong>
        </p>
        <div lang={sourceLang}>
          {source.trim() === "" ? (
            <p class="muted">{t("recommendations.emptySource")}</p>
          ) : (
            <TextParagraphs text={source} />
          )}
        </div>
      </div>
      <div>{children as never}</div>
    </div>
  );
}

async function translationPage(
  c: Ctx,
  context: RecommendationContext,
  language: Locale,
  state: FormState | null,
  status: 200 | 422 = 200,
) {
  const { t, locale } = c.var;
  const rec = context.recommendation;
  const source = context.version!;
  const translations = await listTranslations(c.var.deps.db, rec.id);
  const existing = translations[language];
  const values = state?.values ?? translationValues(existing);
  const errors = state?.errors;
  const target = languageName(locale, language);
  const title = t("recommendations.translationTitle", { number: rec.number, language: target });
  const outdated = existing !== undefined && existing.sourceVersionId !== source.id;
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
          {existing ? (
            <p>
              {t("recommendations.translationMadeFrom", { number: existing.sourceVersion })}{" "}
              <Moment c={c} at={existing.updatedAt} />
            </p>
          ) : (
            <p>{t("recommendations.noTranslationYet")}</p>
          )}
          {outdated && (
            <div class="warning">
              <p>{t("recommendations.translationOutdatedFor", { from: existing.sourceVersion, to: source.number })}</p>
              <p>
                <a href={recommendationPath(c, rec.id, `/diff?from=${existing.sourceVersion}&to=${source.number}`)}>
                  {t("recommendations.seeSourceChanges")}
                </a>
              </p>
            </div>
          )}
          <p class="hint">{t("recommendations.translationIntro", { number: source.number })}</p>
          <Form c={c} action={recommendationPath(c, rec.id, `/translations/${language}`)}>
            <input type="hidden" name="sourceVersionId" value={source.id} />
            <Pair c={c} label={t("recommendations.fieldTitle")} source={source.title} sourceLang={rec.sourceLanguage}>
              <div lang={language}>
                <TextField
                  c={c}
                  name="title"
                  label={t("recommendations.targetField", { field: t("recommendations.fieldTitle"), language: target })}
                  maxlength={LIMITS.title}
                  required
                  errors={errors}
                  values={values}
                />
              </div>
            </Pair>
            {RECOMMENDATION_SECTIONS.map((s) => (
              <Pair c={c} label={t(SECTION_LABEL[s])} source={source.sections[s] ?? ""} sourceLang={rec.sourceLanguage}>
                <TextAreaField
                  c={c}
                  name={s}
                  label={t("recommendations.targetField", { field: t(SECTION_LABEL[s]), language: target })}
                  maxlength={LIMITS.section}
                  rows={6}
                  lang={language}
                  errors={errors}
                  values={values}
                />
              </Pair>
            ))}
            {source.quotes.map((q, i) => (
              <Pair
                c={c}
                label={t("recommendations.quoteOf", { n: i + 1, name: q.firstName })}
                source={q.text}
                sourceLang={rec.sourceLanguage}
              >
                <TextAreaField
                  c={c}
                  name={`quote-${i}-text`}
                  label={t("recommendations.targetField", {
                    field: t("recommendations.quoteText", { n: i + 1 }),
                    language: target,
                  })}
                  maxlength={LIMITS.quoteText}
                  rows={3}
                  lang={language}
                  errors={errors}
                  values={values}
                />
              </Pair>
            ))}
            {source.footnotes.map((f, i) => (
              <Pair
                c={c}
                label={t("recommendations.footnoteText", { n: i + 1 })}
                source={f.text}
                sourceLang={rec.sourceLanguage}
              >
                <TextAreaField
                  c={c}
                  name={`footnote-${i}-text`}
                  label={t("recommendations.targetField", {
                    field: t("recommendations.footnoteText", { n: i + 1 }),
                    language: target,
                  })}
                  maxlength={LIMITS.footnoteText}
                  rows={2}
                  lang={language}
                  errors={errors}
                  values={values}
                />
              </Pair>
            ))}
            <SubmitButton label={t("recommendations.saveTranslation")} />
          </Form>
        </>
      ),
    },
    status,
  );
}

export const translationRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: `/recommendations/:recommendationId${UUID}/translations/:language{[a-z][a-z]}`,
    action: "recommendation.translate",
    load: loadRecommendation,
    handler(c, context) {
      const language = languageOf(c);
      if (!language || language === context.recommendation.sourceLanguage || !context.version)
        return renderError(c, "notFound");
      return translationPage(c, context, language, null);
    },
  }),
  route({
    method: "POST",
    path: `/recommendations/:recommendationId${UUID}/translations/:language{[a-z][a-z]}`,
    action: "recommendation.translate",
    load: loadRecommendation,
    async handler(c, context) {
      const language = languageOf(c);
      if (!language || language === context.recommendation.sourceLanguage || !context.version)
        return renderError(c, "notFound");
      const body = await formBody(c);
      const parsed = parseTranslationForm(body, context.version);
      const sourceVersionId = typeof body.sourceVersionId === "string" ? body.sourceVersionId : "";
      const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
      if (!/^[0-9a-f-]{36}$/i.test(sourceVersionId))
        errors._form = errorMessage("recommendations.unknownSourceVersion");
      if (!parsed.ok || Object.keys(errors).length > 0)
        return translationPage(c, context, language, stateFromBody(body, errors), 422);
      const outcome = await saveTranslation(c.var.deps.db, actorId(c), context, language, {
        ...parsed.data,
        sourceVersionId,
      });
      if (!outcome.ok)
        return translationPage(
          c,
          context,
          language,
          stateFromBody(body, { _form: errorMessage("recommendations.unknownSourceVersion") }),
          422,
        );
      return c.redirect(`${recommendationPath(c, context.recommendation.id)}?done=translated`, 303);
    },
  }),
];
