import { and, eq } from "drizzle-orm";
import { catalogueChoices, searchCatalogue, type CatalogueChoices } from "../../commands/catalogue/search.js";
import { cycles, recommendations } from "../../db/schema/index.js";
import {
  BOARD_DECISIONS,
  CATALOGUE_LIMITS,
  CATALOGUE_SORTS,
  parseCatalogueQuery,
  type CatalogueQuery,
  type QueryProblem,
} from "../../domain/catalogue/query.js";
import type { MessageKey } from "../../i18n/index.js";
import { LOCALE_NAMES, type Locale } from "../../i18n/locales.js";
import { renderError } from "../components/error-page.js";
import { ErrorSummary, SelectField, TextField } from "../components/form.js";
import { renderPage } from "../components/layout.js";
import { Pagination } from "../components/pagination.js";
import type { Ctx } from "../context.js";
import { route, type AnyRoute } from "../routing.js";
import type { FieldErrors } from "../validation.js";
import { stateLabel } from "./recommendations/shared.js";

const message = (key: MessageKey, values?: Record<string, string | number>) =>
  values ? `${key}|${JSON.stringify(values)}` : key;

const DECISION_LABEL: Record<string, MessageKey> = {
  retained: "recommendations.decision_retained",
  retained_amended: "recommendations.decision_retained_amended",
  merged: "recommendations.decision_merged",
  not_retained: "recommendations.decision_not_retained",
  none: "catalogue.decisionNone",
};
const SORT_LABEL: Record<(typeof CATALOGUE_SORTS)[number], MessageKey> = {
  relevance: "catalogue.sortRelevance",
  number: "catalogue.sortNumber",
  newest: "catalogue.sortNewest",
};

function problemErrors(problems: QueryProblem[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const p of problems) {
    if (p.kind === "unknownParameter")
      errors._form = message("catalogue.unknownParameter", { names: p.names.join(", ") });
    else if (p.kind === "textTooLong") errors.q = message("catalogue.textTooLong", { max: p.max });
    else if (p.kind === "badPage") errors._form = message("catalogue.badPage", { max: p.max });
    else errors[p.name] = message("catalogue.badValue");
  }
  return errors;
}

/** Filter values that name nothing in the data (a cycle that does not exist…): refused like a bad value. */
function unknownValues(query: CatalogueQuery, choices: CatalogueChoices): FieldErrors {
  const known: Record<string, string[]> = {
    cycle: choices.cycles.map((c) => c.slug),
    organisation: choices.organisations.map((o) => o.slug),
    group: choices.groups.map((g) => g.key),
    theme: choices.themes.map((t) => t.key),
    axis: choices.axes,
    state: choices.states,
    decision: [...BOARD_DECISIONS],
  };
  const errors: FieldErrors = {};
  for (const [name, value] of Object.entries(query.filters))
    if (!known[name]!.includes(value)) errors[name] = message("catalogue.badValue");
  return errors;
}

function SearchForm({
  c,
  query,
  choices,
  errors,
}: {
  c: Ctx;
  query: CatalogueQuery;
  choices: CatalogueChoices;
  errors: FieldErrors;
}) {
  const { t, locale } = c.var;
  const values: Record<string, string> = { q: query.text, sort: query.sort, ...query.filters };
  const any = t("catalogue.any");
  const select = (name: string, label: MessageKey, options: Array<{ value: string; label: string }>) => (
    <SelectField
      c={c}
      name={name}
      label={t(label)}
      options={options}
      emptyLabel={any}
      values={values}
      errors={errors}
    />
  );
  return (
    <form method="get" action={`/${locale}/recommendations`} class="catalogue-search" role="search">
      <TextField
        c={c}
        name="q"
        type="search"
        label={t("catalogue.fieldText")}
        hint={t("catalogue.textHint")}
        maxlength={CATALOGUE_LIMITS.text}
        values={values}
        errors={errors}
      />
      <fieldset>
        <legend>{t("catalogue.filtersLegend")}</legend>
        {select(
          "cycle",
          "catalogue.fieldCycle",
          choices.cycles.map((cy) => ({ value: cy.slug, label: cy.name })),
        )}
        {select(
          "organisation",
          "catalogue.fieldOrganisation",
          choices.organisations.map((o) => ({ value: o.slug, label: o.name })),
        )}
        {select(
          "group",
          "catalogue.fieldGroup",
          choices.groups.map((g) => ({ value: g.key, label: g.label })),
        )}
        {select(
          "theme",
          "catalogue.fieldTheme",
          choices.themes.map((th) => ({ value: th.key, label: th.label })),
        )}
        {select(
          "axis",
          "catalogue.fieldAxis",
          choices.axes.map((a) => ({ value: a, label: a })),
        )}
        {select(
          "state",
          "catalogue.fieldState",
          choices.states.map((s) => ({ value: s, label: stateLabel(c, s) })),
        )}
        {select(
          "decision",
          "catalogue.fieldDecision",
          BOARD_DECISIONS.map((d) => ({ value: d, label: t(DECISION_LABEL[d]!) })),
        )}
        <SelectField
          c={c}
          name="sort"
          label={t("catalogue.fieldSort")}
          options={CATALOGUE_SORTS.map((s) => ({ value: s, label: t(SORT_LABEL[s]) }))}
          values={values}
          errors={errors}
        />
      </fieldset>
      <button type="submit">{t("catalogue.submit")}</button>
    </form>
  );
}

async function cataloguePage(c: Ctx) {
  const { t, locale } = c.var;
  const db = c.var.deps.db;
  const parsed = parseCatalogueQuery(c.req.query());
  const choices = await catalogueChoices(db, locale);
  const errors = { ...(parsed.ok ? {} : problemErrors(parsed.problems)), ...unknownValues(parsed.query, choices) };
  const refused = Object.keys(errors).length > 0;
  const result = refused ? null : await searchCatalogue(db, parsed.query, locale);
  const title = t("catalogue.title");
  const labels = {
    q: t("catalogue.fieldText"),
    cycle: t("catalogue.fieldCycle"),
    organisation: t("catalogue.fieldOrganisation"),
    group: t("catalogue.fieldGroup"),
    theme: t("catalogue.fieldTheme"),
    axis: t("catalogue.fieldAxis"),
    state: t("catalogue.fieldState"),
    decision: t("catalogue.fieldDecision"),
    sort: t("catalogue.fieldSort"),
  };
  return renderPage(
    c,
    {
      title,
      children: (
        <>
          <h1>{title}</h1>
          <p>{t("catalogue.lead")}</p>
          <ErrorSummary c={c} errors={errors} labels={labels} />
          <SearchForm c={c} query={parsed.query} choices={choices} errors={errors} />
          {result && (
            <section aria-labelledby="catalogue-results">
              <h2 id="catalogue-results">{t("catalogue.resultsLabel")}</h2>
              <p role="status">{t("catalogue.found", { count: result.total })}</p>
              {result.matched === "similar" && result.total > 0 && <p class="notice">{t("catalogue.similarNotice")}</p>}
              {result.total === 0 ? (
                <p>{t("catalogue.none")}</p>
              ) : (
                <ol class="catalogue-results" start={(parsed.query.page - 1) * CATALOGUE_LIMITS.pageSize + 1}>
                  {result.hits.map((hit) => {
                    const others = hit.languages.filter((l) => l !== hit.titleLanguage);
                    return (
                      <li>
                        <h3>
                          <a href={`/${locale}/recommendations/${hit.id}`} lang={hit.titleLanguage}>
                            {hit.title}
                          </a>
                        </h3>
                        <p class="meta">
                          {t("catalogue.resultMeta", { cycle: hit.cycle, number: hit.number })} ·{" "}
                          {stateLabel(c, hit.state)}
                          {hit.decision && <> · {t(DECISION_LABEL[hit.decision] ?? "catalogue.decisionNone")}</>}
                        </p>
                        {others.length > 0 && (
                          <p class="meta">
                            {t("catalogue.alsoIn")}{" "}
                            {others.map((l: Locale, i) => (
                              <>
                                {i > 0 && ", "}
                                <a href={`/${l}/recommendations/${hit.id}`} lang={l} hreflang={l}>
                                  {LOCALE_NAMES[l]}
                                </a>
                              </>
                            ))}
                          </p>
                        )}
                      </li>
                    );
                  })}
                </ol>
              )}
              <Pagination c={c} page={parsed.query.page} total={result.total} pageSize={CATALOGUE_LIMITS.pageSize} />
            </section>
          )}
        </>
      ),
    },
    refused ? 400 : 200,
  );
}

export const catalogueRoutes: AnyRoute[] = [
  route({ method: "GET", path: "/recommendations", action: "site.view", handler: (c) => cataloguePage(c) }),
  // A permalink by cycle and number, as the booklets cite them ("recommendation 3 of 2015–2016").
  route({
    method: "GET",
    path: "/cycles/:slug/recommendations/:number{[0-9]+}",
    action: "site.view",
    async handler(c) {
      const n = Number(c.req.param("number"));
      if (!Number.isSafeInteger(n) || n < 1 || n > 100_000) return renderError(c, "notFound");
      const [row] = await c.var.deps.db
        .select({ id: recommendations.id })
        .from(recommendations)
        .innerJoin(cycles, eq(cycles.id, recommendations.cycleId))
        .where(and(eq(cycles.slug, c.req.param("slug") ?? ""), eq(recommendations.number, n)));
      if (!row) return renderError(c, "notFound");
      return c.redirect(`/${c.var.locale}/recommendations/${row.id}`, 301);
    },
  }),
];
