import type { Cycle } from "../../../commands/cycles/read.js";
import type { GroupContext } from "../../../commands/groups/load.js";
import { emptySections, RECOMMENDATION_LIMITS } from "../../../commands/recommendations/content.js";
import {
  cycleGroupsFor,
  groupLibrary,
  listRecommendations,
  type RecommendationRow,
} from "../../../commands/recommendations/read.js";
import {
  createRecommendation,
  sourceLanguageOf as groupSourceLanguage,
  submitGroup,
} from "../../../commands/recommendations/write.js";
import { loadWorkflow } from "../../../commands/workflow.js";
import { defaultWorkflow, phaseOf, type Workflow } from "../../../domain/workflow/workflow.js";
import type { Locale } from "../../../i18n/locales.js";
import { can, type GroupFacts } from "../../../policies/can.js";
import { ErrorSummary, Form, SubmitButton, TextField, CheckboxField } from "../../components/form.js";
import { renderPage } from "../../components/layout.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute } from "../../routing.js";
import { errorMessage, type FieldErrors } from "../../validation.js";
import { cyclePath, cycleTitle, langOf, loadCycle } from "../cycles/shared.js";
import { GroupNav, groupPath, groupTitle, loadGroup, personIdOf, UUID } from "../groups/shared.js";
import { loadGroupWorkflow } from "../../../commands/recommendations/load.js";
import {
  actorId,
  fieldLabels,
  formBody,
  groupRecommendationsPath,
  langAttr,
  mayOverride,
  numberLabel,
  parseVersionForm,
  recommendationPath,
  stateFromBody,
  stateLabel,
  VersionFields,
  type FormState,
} from "./shared.js";

function noticeOf(c: Ctx): string | undefined {
  const { t } = c.var;
  if (c.req.query("done") === "submitted") {
    const n = Number(c.req.query("n"));
    return Number.isSafeInteger(n) && n > 0 ? t("recommendations.noticeSubmitted", { count: n }) : undefined;
  }
  return undefined;
}

function RecommendationsTable({
  c,
  rows,
  caption,
  groupTitles,
}: {
  c: Ctx;
  rows: Array<RecommendationRow & { phase: string }>;
  caption: string;
  groupTitles?: Map<string, { title: string; lang: Locale }>;
}) {
  const { t } = c.var;
  return (
    <div class="table-wrap" role="region" aria-label={caption} tabindex={0}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" class="number">
              {t("recommendations.colNumber")}
            </th>
            <th scope="col">{t("recommendations.colTitle")}</th>
            {groupTitles && <th scope="col">{t("recommendations.colGroup")}</th>}
            <th scope="col">{t("recommendations.colState")}</th>
            <th scope="col" class="number">
              {t("recommendations.colVersion")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const translated = r.translatedTitle !== null && r.sourceLanguage !== c.var.locale;
            const group = groupTitles?.get(r.groupId);
            return (
              <tr>
                <th scope="row" class="number">
                  {r.number}
                </th>
                <td>
                  <a href={recommendationPath(c, r.id)} lang={translated ? undefined : langAttr(c, r.sourceLanguage)}>
                    {translated ? r.translatedTitle : r.title}
                  </a>
                </td>
                {groupTitles && (
                  <td>
                    {group ? (
                      <a href={groupPath(c, r.groupId)} lang={langAttr(c, group.lang)}>
                        {group.title}
                      </a>
                    ) : (
                      ""
                    )}
                  </td>
                )}
                <td>{stateLabel(c, r.state)}</td>
                <td class="number">{r.version}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

interface ListState {
  submit?: { values: Record<string, string>; errors: FieldErrors };
}

async function groupListPage(c: Ctx, context: GroupContext, state: ListState = {}, status: 200 | 422 = 200) {
  const { t, actor, locale } = c.var;
  const db = c.var.deps.db;
  const [picked, rows, workflow] = await Promise.all([
    groupTitle(c, context),
    listRecommendations(db, { groupId: context.group.id }, locale),
    loadGroupWorkflow(db, context),
  ]);
  const withPhase = rows.map((r) => ({ ...r, phase: phaseOf(workflow, r.state) }));
  const visible = withPhase.filter((r) =>
    can(actor, "recommendation.view", { type: "recommendation", group: context.facts, phase: r.phase }),
  );
  const drafts = withPhase.filter((r) => r.phase === "drafting");
  const groupFacts = { type: "group" as const, ...context.facts };
  const title = t("recommendations.groupListTitle", { group: picked.value.title });
  return renderPage(
    c,
    {
      title,
      notice: status === 200 ? noticeOf(c) : undefined,
      children: (
        <>
          <h1>{title}</h1>
          <GroupNav c={c} context={context} current="recommendations" />
          <ErrorSummary c={c} errors={state.submit?.errors} labels={fieldLabels(c)} />
          <p class="lead">{t("recommendations.groupListIntro")}</p>
          {can(actor, "recommendation.create", groupFacts) && (
            <p>
              <a href={groupRecommendationsPath(c, context.group.id, "/new")}>{t("recommendations.newLink")}</a>
            </p>
          )}
          {visible.length === 0 ? (
            <p>{t("recommendations.noneYet")}</p>
          ) : (
            <RecommendationsTable c={c} rows={visible} caption={t("recommendations.groupListCaption")} />
          )}
          <p>
            <a href={cyclePath(c, context.cycle, "/recommendations")}>{t("recommendations.cycleListLink")}</a>
          </p>
          {can(actor, "recommendation.submit", groupFacts) && (
            <section aria-labelledby="submit-title">
              <h2 id="submit-title">{t("recommendations.submitTitle")}</h2>
              {drafts.length === 0 ? (
                <p>{t("recommendations.nothingToSubmit")}</p>
              ) : (
                <>
                  <p>{t("recommendations.submitIntro", { count: drafts.length })}</p>
                  <ul>
                    {drafts.map((d) => (
                      <li lang={langAttr(c, d.sourceLanguage)}>
                        {numberLabel(c, d.number)} — {d.title}
                      </li>
                    ))}
                  </ul>
                  <Form c={c} action={groupRecommendationsPath(c, context.group.id, "/submit")}>
                    <TextField
                      c={c}
                      name="note"
                      label={t("recommendations.submitNote")}
                      maxlength={RECOMMENDATION_LIMITS.note}
                      errors={state.submit?.errors}
                      values={state.submit?.values}
                    />
                    <div class={state.submit?.errors.confirm ? "has-error" : undefined}>
                      {state.submit?.errors.confirm && (
                        <p class="error" id="field-confirm-error">
                          {t("recommendations.submitConfirmRequired")}
                        </p>
                      )}
                      <CheckboxField c={c} name="confirm" label={t("recommendations.submitConfirm")} checked={false} />
                    </div>
                    <SubmitButton label={t("recommendations.submitButton")} />
                  </Form>
                </>
              )}
            </section>
          )}
        </>
      ),
    },
    status,
  );
}

/** The workflows of the organisations of a cycle's groups (one query each, a cycle has one or two). */
async function workflowsFor(c: Ctx, organisationIds: string[]): Promise<Map<string, Workflow>> {
  const out = new Map<string, Workflow>();
  for (const org of organisationIds) out.set(org, await loadWorkflow(c.var.deps.db, org, "recommendation"));
  return out;
}

async function cycleListPage(c: Ctx, cycle: Cycle) {
  const { t, actor, locale } = c.var;
  const db = c.var.deps.db;
  const cycleOrgIds = cycle.organisations.map((o) => o.id).sort();
  const [rows, groups] = await Promise.all([
    listRecommendations(db, { cycleId: cycle.id }, locale),
    cycleGroupsFor(db, cycle.id, personIdOf(c), locale),
  ]);
  const groupById = new Map(groups.map((g) => [g.id, g]));
  const workflowOrgs = [
    ...new Set(groups.map((g) => g.organisationId ?? cycleOrgIds[0]).filter((o) => o !== undefined)),
  ];
  const workflows = await workflowsFor(c, workflowOrgs);
  const visible = rows.flatMap((r) => {
    const g = groupById.get(r.groupId);
    if (!g) return [];
    const facts: GroupFacts = {
      organisationIds: g.organisationId ? [g.organisationId] : cycleOrgIds,
      groupRole: g.role,
      pending: null,
      openToRequests: g.openToRequests,
      minutesVisibility: g.minutesVisibility,
    };
    const workflow = workflows.get(g.organisationId ?? cycleOrgIds[0] ?? "") ?? defaultWorkflow("recommendation");
    const phase = phaseOf(workflow, r.state);
    return can(actor, "recommendation.view", { type: "recommendation", group: facts, phase }) ? [{ ...r, phase }] : [];
  });
  const name = cycleTitle(cycle, locale);
  const title = t("recommendations.cycleListTitle", { cycle: name.value.title });
  const groupTitles = new Map(groups.map((g) => [g.id, { title: g.title, lang: g.titleLang }]));
  return renderPage(c, {
    title,
    children: (
      <>
        <p class="breadcrumb">
          <a href={cyclePath(c, cycle)} lang={langOf(c, name)}>
            {name.value.title}
          </a>
        </p>
        <h1>{title}</h1>
        <p class="lead">{t("recommendations.cycleListIntro")}</p>
        {visible.length === 0 ? (
          <p>{t("recommendations.noneVisible")}</p>
        ) : (
          <RecommendationsTable
            c={c}
            rows={visible}
            caption={t("recommendations.cycleListCaption")}
            groupTitles={groupTitles}
          />
        )}
      </>
    ),
  });
}

function sourceLanguageOf(c: Ctx, context: GroupContext): Promise<Locale> {
  return groupSourceLanguage(c.var.deps.db, context);
}

async function newPage(c: Ctx, context: GroupContext, state: FormState, status: 200 | 409 | 422 = 200) {
  const { t } = c.var;
  const [picked, library, sourceLanguage] = await Promise.all([
    groupTitle(c, context),
    groupLibrary(c.var.deps.db, context.group.id),
    sourceLanguageOf(c, context),
  ]);
  const title = t("recommendations.newTitle");
  return renderPage(
    c,
    {
      title,
      children: (
        <>
          <p class="breadcrumb">
            <a href={groupRecommendationsPath(c, context.group.id)}>
              {t("recommendations.groupListTitle", { group: picked.value.title })}
            </a>
          </p>
          <h1>{title}</h1>
          <ErrorSummary c={c} errors={state.errors} labels={fieldLabels(c)} />
          <Form c={c} action={groupRecommendationsPath(c, context.group.id, "/new")}>
            <TextField
              c={c}
              name="number"
              label={t("recommendations.fieldNumber")}
              hint={t("recommendations.numberHint")}
              inputmode="numeric"
              errors={state.errors}
              values={state.values}
            />
            <VersionFields
              c={c}
              state={state}
              sourceLanguage={sourceLanguage}
              mayOverride={mayOverride(c, context)}
              library={library}
            />
            <SubmitButton label={t("recommendations.createButton")} />
          </Form>
        </>
      ),
    },
    status,
  );
}

function parseNumber(raw: string | string[] | undefined): { ok: true; number: number | null } | { ok: false } {
  const value = typeof raw === "string" ? raw.trim() : "";
  if (value === "") return { ok: true, number: null };
  if (!/^\d{1,3}$/.test(value)) return { ok: false };
  const n = Number(value);
  return n >= 1 && n <= RECOMMENDATION_LIMITS.number ? { ok: true, number: n } : { ok: false };
}

export const listRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: `/groups/:groupId${UUID}/recommendations`,
    action: "group.view",
    load: loadGroup,
    handler: (c, context) => groupListPage(c, context),
  }),
  route({
    method: "GET",
    path: "/cycles/:slug/recommendations",
    action: "site.view",
    load: loadCycle,
    handler: (c, cycle) => cycleListPage(c, cycle),
  }),
  route({
    method: "GET",
    path: `/groups/:groupId${UUID}/recommendations/new`,
    action: "recommendation.create",
    load: loadGroup,
    handler: (c, context) => newPage(c, context, { values: { ...emptySections() } }),
  }),
  route({
    method: "POST",
    path: `/groups/:groupId${UUID}/recommendations/new`,
    action: "recommendation.create",
    load: loadGroup,
    async handler(c, context) {
      const body = await formBody(c);
      const number = parseNumber(body.number);
      const parsed = parseVersionForm(body, {
        sourceLanguage: await sourceLanguageOf(c, context),
        mayOverride: mayOverride(c, context),
        overriddenTitle: null,
      });
      const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
      if (!number.ok) errors.number = errorMessage("recommendations.badNumber", { max: RECOMMENDATION_LIMITS.number });
      if (!parsed.ok || !number.ok) return newPage(c, context, stateFromBody(body, errors), 422);
      const outcome = await createRecommendation(c.var.deps.db, actorId(c), context, {
        ...parsed.data,
        number: number.number,
      });
      if (!outcome.ok) {
        const error: FieldErrors =
          outcome.reason === "numberTaken"
            ? { number: errorMessage("recommendations.numberTaken", { number: number.number ?? 0 }) }
            : { attachments: errorMessage("recommendations.badAttachment") };
        return newPage(c, context, stateFromBody(body, error), outcome.reason === "numberTaken" ? 409 : 422);
      }
      return c.redirect(`${recommendationPath(c, outcome.recommendationId)}?done=created`, 303);
    },
  }),
  route({
    method: "POST",
    path: `/groups/:groupId${UUID}/recommendations/submit`,
    action: "recommendation.submit",
    load: loadGroup,
    async handler(c, context) {
      const body = await formBody(c);
      const note = typeof body.note === "string" ? body.note.trim() : "";
      const values = { note: typeof body.note === "string" ? body.note : "" };
      const errors: FieldErrors = {};
      if (note.length > RECOMMENDATION_LIMITS.note)
        errors.note = errorMessage("errors.tooLong", { max: RECOMMENDATION_LIMITS.note });
      if (body.confirm !== "on") errors.confirm = errorMessage("recommendations.submitConfirmRequired");
      if (Object.keys(errors).length > 0) return groupListPage(c, context, { submit: { values, errors } }, 422);
      const outcome = await submitGroup(c.var.deps.db, actorId(c), context, note);
      if (!outcome.ok) {
        const key =
          outcome.reason === "nothingToSubmit"
            ? "recommendations.nothingToSubmit"
            : outcome.reason === "notAllowed"
              ? "recommendations.submitNotAllowed"
              : "recommendations.submitStateChanged";
        return groupListPage(c, context, { submit: { values, errors: { _form: errorMessage(key) } } }, 422);
      }
      return c.redirect(
        `${groupRecommendationsPath(c, context.group.id)}?done=submitted&n=${outcome.recommendationIds.length}`,
        303,
      );
    },
  }),
];
