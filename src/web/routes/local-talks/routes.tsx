import { z } from "zod";
import { findCycleById, listThemes, type Cycle } from "../../../commands/cycles/read.js";
import { loadLocalTalkResource, type LocalTalkContext } from "../../../commands/groups/load.js";
import {
  listTalks,
  officeOrganisation,
  talkChoices,
  talkContributions,
  type Contribution,
  type LocalTalk,
} from "../../../commands/local-talks/read.js";
import { addContribution, createTalk, updateTalk } from "../../../commands/local-talks/save.js";
import { formatNumber } from "../../../i18n/format.js";
import { can, type Resource } from "../../../policies/can.js";
import { ErrorSummary, Form, SubmitButton, TextAreaField, TextField } from "../../components/form.js";
import { renderPage } from "../../components/layout.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute, type Loaded } from "../../routing.js";
import { field, parseForm, type FieldErrors } from "../../validation.js";
import {
  actorId,
  cyclePath,
  cycleResource,
  cycleTitle,
  formBody,
  langOf,
  loadCycle,
  Moment,
  textValues,
  TextParagraphs,
  themeText,
} from "../cycles/shared.js";
import { UUID } from "../groups/shared.js";
import {
  allowedOffices,
  parseTalkForm,
  problemErrors,
  TALK_LIMITS,
  talkFormPage,
  talkValues,
  type TalkChoices,
  type TalkFormState,
} from "./form.js";
import { counted, groupHref, groupNames, TalkDay, talkNotice, talkPath, talksPath, withTalkNotice } from "./shared.js";

/**
 * The talk named by :talkId. A talk held in an office is managed by those who manage talks in
 * that office's organisation (a facilitator of Smart France edits the French talks of a
 * binational cycle, not the Belgian ones); a talk elsewhere, by those of any of the cycle's.
 */
async function loadTalk(c: Ctx): Promise<Loaded<TalkLoaded> | null> {
  const db = c.var.deps.db;
  const loaded = await loadLocalTalkResource(db, c.req.param("talkId") ?? "");
  if (!loaded) return null;
  const officeId = loaded.data.talk.officeId;
  const owner = officeId ? await officeOrganisation(db, officeId) : null;
  const resource =
    owner !== null && loaded.resource.organisationIds.includes(owner)
      ? { ...loaded.resource, organisationIds: [owner] }
      : loaded.resource;
  return { resource, data: { ...loaded.data, resource } };
}

/** A talk as loaded, with the policy resource its pages ask about (to show the managers' links). */
type TalkLoaded = LocalTalkContext & { resource: Resource };

/** A talk with the whole cycle it belongs to (its titles, organisations). */
async function withCycle(c: Ctx, context: LocalTalkContext): Promise<{ talk: LocalTalk; cycle: Cycle }> {
  const cycle = await findCycleById(c.var.deps.db, context.cycle.id);
  if (!cycle) throw new Error("a local talk without its cycle");
  return { talk: context.talk, cycle };
}

async function choicesOf(c: Ctx, cycle: Cycle): Promise<TalkChoices> {
  const db = c.var.deps.db;
  const [{ offices, groups }, themes] = await Promise.all([
    talkChoices(db, { id: cycle.id, organisationIds: cycle.organisations.map((o) => o.id) }),
    listThemes(db, cycle.id),
  ]);
  return { cycle, offices, groups, themes };
}

async function listPage(c: Ctx, cycle: Cycle) {
  const { t, locale, actor } = c.var;
  const db = c.var.deps.db;
  const [talks, choices] = await Promise.all([listTalks(db, cycle.id), choicesOf(c, cycle)]);
  const names = groupNames(c, cycle, choices.themes, choices.groups);
  const picked = cycleTitle(cycle, locale);
  const title = t("localTalks.listTitle");
  const total = talks.reduce((sum, talk) => sum + talk.attendance, 0);
  return renderPage(c, {
    title: `${title} — ${picked.value.title}`,
    children: (
      <>
        <p class="breadcrumb">
          <a href={cyclePath(c, cycle)} lang={langOf(c, picked)}>
            {picked.value.title}
          </a>
        </p>
        <h1>{title}</h1>
        <p class="lead">{t("localTalks.listLead")}</p>
        {can(actor, "local_talk.manage", cycleResource(cycle)) && (
          <p>
            <a href={talksPath(c, cycle, "/new")}>{t("localTalks.newLink")}</a>
          </p>
        )}
        {talks.length === 0 ? (
          <p>{t("localTalks.none")}</p>
        ) : (
          <div class="table-wrap" role="region" aria-label={t("localTalks.tableCaption")} tabindex={0}>
            <table>
              <caption>{t("localTalks.tableCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("localTalks.colDate")}</th>
                  <th scope="col">{t("localTalks.colCity")}</th>
                  <th scope="col">{t("localTalks.colTitle")}</th>
                  <th scope="col" class="number">
                    {t("localTalks.colAttendance")}
                  </th>
                  <th scope="col">{t("localTalks.colGroup")}</th>
                </tr>
              </thead>
              <tbody>
                {talks.map((talk) => {
                  const group = talk.groupId ? names.get(talk.groupId) : undefined;
                  return (
                    <tr>
                      <td>
                        <TalkDay c={c} at={talk.heldAt} />
                      </td>
                      <td>{talk.city}</td>
                      <th scope="row">
                        <a href={talkPath(c, talk.id)}>{talk.title}</a>
                      </th>
                      <td class="number">{formatNumber(locale, talk.attendance)}</td>
                      <td>
                        {group && talk.groupId ? (
                          <a href={groupHref(c, talk.groupId)} lang={group.lang}>
                            {group.title}
                          </a>
                        ) : (
                          t("localTalks.noGroup")
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colspan={3}>
                    {t("localTalks.total")}: {counted(c, "figures.talks", talks.length)}
                  </th>
                  <td class="number">{formatNumber(locale, total)}</td>
                  <td></td>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
        <p>
          <a href={cyclePath(c, cycle)}>{t("cycles.backToCycle")}</a>
        </p>
      </>
    ),
  });
}

interface ContributionState {
  values: Record<string, string>;
  errors?: FieldErrors;
}

const contributionSchema = z.object({
  author: field.optionalText(TALK_LIMITS.author),
  body: field.text(TALK_LIMITS.contribution),
});

function ContributionItem({ c, item }: { c: Ctx; item: Contribution }) {
  return (
    <li>
      <blockquote>
        <TextParagraphs text={item.body} />
      </blockquote>
      <p class="hint">— {item.author.trim() === "" ? c.var.t("localTalks.anonymous") : item.author}</p>
    </li>
  );
}

async function talkPage(
  c: Ctx,
  context: TalkLoaded,
  contribution: ContributionState = { values: {} },
  status: 200 | 422 = 200,
) {
  const { t, locale, actor } = c.var;
  const db = c.var.deps.db;
  const { talk, cycle } = await withCycle(c, context);
  const [contributions, choices] = await Promise.all([talkContributions(db, talk.id), choicesOf(c, cycle)]);
  const names = groupNames(c, cycle, choices.themes, choices.groups);
  const group = talk.groupId ? names.get(talk.groupId) : undefined;
  const theme = talk.themeId ? choices.themes.find((th) => th.id === talk.themeId) : undefined;
  const themePicked = theme ? themeText(theme, locale) : null;
  const office = talk.officeId ? choices.offices.find((o) => o.id === talk.officeId) : undefined;
  const picked = cycleTitle(cycle, locale);
  const manages = can(actor, "local_talk.manage", context.resource);
  return renderPage(
    c,
    {
      title: talk.title,
      notice: status === 200 ? talkNotice(c) : undefined,
      children: (
        <>
          <p class="breadcrumb">
            <a href={cyclePath(c, cycle)} lang={langOf(c, picked)}>
              {picked.value.title}
            </a>
            {" › "}
            <a href={talksPath(c, cycle)}>{t("localTalks.listTitle")}</a>
          </p>
          <h1>{talk.title}</h1>
          {manages && (
            <p>
              <a href={talkPath(c, talk.id, "/edit")}>{t("localTalks.editLink")}</a>
            </p>
          )}
          <dl class="facts">
            <dt>{t("localTalks.heldAt")}</dt>
            <dd>
              <Moment c={c} at={talk.heldAt} />
            </dd>
            <dt>{t("localTalks.fieldDuration")}</dt>
            <dd>{counted(c, "localTalks.duration", talk.durationMinutes)}</dd>
            <dt>{t("localTalks.place")}</dt>
            <dd>{office ? `${office.name}, ${talk.city}` : talk.city}</dd>
            <dt>{t("localTalks.fieldAttendance")}</dt>
            <dd>{counted(c, "localTalks.attendanceValue", talk.attendance)}</dd>
            <dt>{t("localTalks.theme")}</dt>
            <dd lang={themePicked ? langOf(c, themePicked) : undefined}>
              {themePicked ? themePicked.value.title : t("localTalks.themeNone")}
            </dd>
            <dt>{t("localTalks.feedsGroup")}</dt>
            <dd>
              {group && talk.groupId ? (
                <a href={groupHref(c, talk.groupId)} lang={group.lang}>
                  {group.title}
                </a>
              ) : (
                t("localTalks.noGroup")
              )}
            </dd>
            <dt>{t("localTalks.cycle")}</dt>
            <dd>
              <a href={cyclePath(c, cycle)}>{cycle.name}</a>
            </dd>
          </dl>
          <h2>{t("localTalks.summaryHeading")}</h2>
          {talk.summary.trim() === "" ? <p>{t("localTalks.noSummary")}</p> : <TextParagraphs text={talk.summary} />}
          <h2>{t("localTalks.contributionsHeading")}</h2>
          {contributions.length === 0 ? (
            <p>{t("localTalks.noContributions")}</p>
          ) : (
            <ul class="contributions">
              {contributions.map((item) => (
                <ContributionItem c={c} item={item} />
              ))}
            </ul>
          )}
          {manages && (
            <section aria-labelledby="add-contribution">
              <h2 id="add-contribution">{t("localTalks.addContribution")}</h2>
              <ErrorSummary
                c={c}
                errors={contribution.errors}
                labels={{ author: t("localTalks.fieldAuthor"), body: t("localTalks.fieldBody") }}
              />
              <Form c={c} action={talkPath(c, talk.id, "/contributions")}>
                <TextField
                  c={c}
                  name="author"
                  label={t("localTalks.fieldAuthor")}
                  hint={t("localTalks.authorHint")}
                  maxlength={TALK_LIMITS.author}
                  errors={contribution.errors}
                  values={contribution.values}
                />
                <TextAreaField
                  c={c}
                  name="body"
                  label={t("localTalks.fieldBody")}
                  maxlength={TALK_LIMITS.contribution}
                  rows={4}
                  errors={contribution.errors}
                  values={contribution.values}
                />
                <SubmitButton label={t("localTalks.addButton")} />
              </Form>
            </section>
          )}
          <p>
            <a href={talksPath(c, cycle)}>{t("localTalks.backToList")}</a>
          </p>
        </>
      ),
    },
    status,
  );
}

/** The creation form's data: the cycle and its choices. */
async function loadCycleChoices(c: Ctx): Promise<Loaded<TalkChoices> | null> {
  const loaded = await loadCycle(c);
  if (!loaded) return null;
  return { resource: loaded.resource, data: await choicesOf(c, loaded.data) };
}

/** The edit form's data: the talk, its cycle and the choices. */
async function loadTalkChoices(c: Ctx): Promise<Loaded<{ talk: LocalTalk; choices: TalkChoices }> | null> {
  const loaded = await loadTalk(c);
  if (!loaded) return null;
  const { talk, cycle } = await withCycle(c, loaded.data);
  return { resource: loaded.resource, data: { talk, choices: await choicesOf(c, cycle) } };
}

function cycleOf(choices: TalkChoices) {
  return { id: choices.cycle.id, organisationIds: choices.cycle.organisations.map((o) => o.id) };
}

export const localTalksRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: "/cycles/:slug/local-talks",
    action: "site.view",
    load: loadCycle,
    handler: (c, cycle) => listPage(c, cycle),
  }),
  route({
    method: "GET",
    path: "/cycles/:slug/local-talks/new",
    action: "local_talk.manage",
    load: loadCycleChoices,
    handler: (c, choices) =>
      talkFormPage(c, choices, allowedOffices(c, choices.offices), { values: { durationMinutes: "120" } }, null),
  }),
  route({
    method: "POST",
    path: "/cycles/:slug/local-talks/new",
    action: "local_talk.manage",
    load: loadCycleChoices,
    async handler(c, choices) {
      const body = await formBody(c);
      const offices = allowedOffices(c, choices.offices);
      const state: TalkFormState = { values: textValues(body) };
      const form = parseTalkForm(body, choices, offices);
      if (!form.ok) return talkFormPage(c, choices, offices, { ...state, errors: form.errors }, null, 422);
      const outcome = await createTalk(c.var.deps.db, actorId(c), cycleOf(choices), form.input);
      if (!outcome.ok)
        return talkFormPage(c, choices, offices, { ...state, errors: problemErrors(outcome.reason) }, null, 422);
      return c.redirect(withTalkNotice(talkPath(c, outcome.id), "created"), 303);
    },
  }),
  route({
    method: "GET",
    path: `/local-talks/:talkId${UUID}`,
    action: "site.view",
    load: loadTalk,
    handler: (c, context) => talkPage(c, context),
  }),
  route({
    method: "GET",
    path: `/local-talks/:talkId${UUID}/edit`,
    action: "local_talk.manage",
    load: loadTalkChoices,
    handler: (c, { talk, choices }) =>
      talkFormPage(c, choices, allowedOffices(c, choices.offices, talk.officeId), { values: talkValues(talk) }, talk),
  }),
  route({
    method: "POST",
    path: `/local-talks/:talkId${UUID}/edit`,
    action: "local_talk.manage",
    load: loadTalkChoices,
    async handler(c, { talk, choices }) {
      const body = await formBody(c);
      const offices = allowedOffices(c, choices.offices, talk.officeId);
      const state: TalkFormState = { values: textValues(body) };
      const form = parseTalkForm(body, choices, offices);
      if (!form.ok) return talkFormPage(c, choices, offices, { ...state, errors: form.errors }, talk, 422);
      const outcome = await updateTalk(c.var.deps.db, actorId(c), cycleOf(choices), talk, form.input);
      if (!outcome.ok)
        return talkFormPage(c, choices, offices, { ...state, errors: problemErrors(outcome.reason) }, talk, 422);
      return c.redirect(withTalkNotice(talkPath(c, talk.id), "saved"), 303);
    },
  }),
  route({
    method: "POST",
    path: `/local-talks/:talkId${UUID}/contributions`,
    action: "local_talk.manage",
    load: loadTalk,
    async handler(c, context) {
      const body = await formBody(c);
      const form = parseForm(contributionSchema, body);
      if (!form.ok) return talkPage(c, context, { values: form.values, errors: form.errors }, 422);
      await addContribution(c.var.deps.db, actorId(c), context.talk.id, form.data);
      return c.redirect(withTalkNotice(talkPath(c, context.talk.id), "contribution"), 303);
    },
  }),
];
