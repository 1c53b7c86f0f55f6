import { z } from "zod";
import type { ProposalContext } from "../../../commands/board/load.js";
import { createProposal, type ProposalRefusal } from "../../../commands/board/proposals.js";
import { boardQueue, findProposal, historyOf, listProposals } from "../../../commands/board/read.js";
import { findCycleById, type Cycle } from "../../../commands/cycles/read.js";
import type { MessageKey } from "../../../i18n/index.js";
import { can } from "../../../policies/can.js";
import { renderError } from "../../components/error-page.js";
import { ErrorSummary, Form, SelectField, SubmitButton, TextAreaField, TextField } from "../../components/form.js";
import { renderPage } from "../../components/layout.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute } from "../../routing.js";
import { errorMessage, field, parseForm, type FieldErrors } from "../../validation.js";
import {
  CheckboxGroup,
  cyclePath,
  cycleResource,
  cycleTitle,
  formBody,
  listOf,
  loadCycle,
  textValues,
  TextParagraphs,
} from "../cycles/shared.js";
import {
  actorId,
  HistoryTable,
  ID,
  instructPath,
  loadProposal,
  noticeOf,
  proposalPath,
  proposalsPath,
  queuePath,
  recommendationPath,
  stateLabel,
} from "./shared.js";

const REFUSAL: Record<ProposalRefusal, MessageKey> = {
  unknown: "board.proposalUnknown",
  otherCycle: "board.proposalOtherCycle",
  notRetained: "board.proposalNotRetained",
  alreadyInProposal: "board.proposalAlreadyIn",
};

async function listPage(c: Ctx, cycle: Cycle) {
  const { t, locale } = c.var;
  const proposals = await listProposals(c.var.deps.db, cycle.id);
  const name = cycleTitle(cycle, locale).value.title;
  const title = t("board.proposalsTitle", { cycle: name });
  const resource = cycleResource(cycle);
  return renderPage(c, {
    title,
    notice: noticeOf(c),
    children: (
      <>
        <h1>{title}</h1>
        <p>{t("board.proposalsLead")}</p>
        <ul>
          <li>
            <a href={cyclePath(c, cycle)}>{name}</a>
          </li>
          {can(c.var.actor, "recommendation.view_board", resource) && (
            <li>
              <a href={queuePath(c, cycle.slug)}>{t("board.queueLink")}</a>
            </li>
          )}
          {can(c.var.actor, "proposal.manage", resource) && (
            <li>
              <a href={proposalsPath(c, cycle.slug, "/new")}>{t("board.newProposalLink")}</a>
            </li>
          )}
        </ul>
        {proposals.length === 0 ? (
          <p>{t("board.proposalsNone")}</p>
        ) : (
          <ol class="cards">
            {proposals.map((p) => (
              <li>
                <h2>
                  <a href={proposalPath(c, p.id)}>{t("board.proposalHeading", { number: p.number, title: p.title })}</a>
                </h2>
                <p>{t("board.proposalFacts", { organisation: p.organisationName, state: stateLabel(c, p.state) })}</p>
                <p>
                  {t("board.fromRecommendations")}{" "}
                  {p.recommendations.map((r, i) => (
                    <>
                      {i > 0 && ", "}
                      <a href={recommendationPath(c, r.id)}>{t("board.recommendationNumber", { number: r.number })}</a>
                    </>
                  ))}
                </p>
              </li>
            ))}
          </ol>
        )}
      </>
    ),
  });
}

interface NewState {
  values: Record<string, string>;
  checked: string[];
  errors?: FieldErrors;
}

async function newPage(c: Ctx, cycle: Cycle, state: NewState = { values: {}, checked: [] }, status: 200 | 422 = 200) {
  const { t, locale } = c.var;
  const queue = await boardQueue(c.var.deps.db, cycle.id, locale);
  const eligible = queue.filter((r) => r.proposable);
  const title = t("board.newProposalTitle");
  const values = { organisationId: cycle.organisations[0]?.id ?? "", ...state.values };
  return renderPage(
    c,
    {
      title,
      children: (
        <>
          <h1>{title}</h1>
          <p>
            <a href={proposalsPath(c, cycle.slug)}>{t("board.proposalsLink")}</a>
          </p>
          <ErrorSummary
            c={c}
            errors={state.errors}
            labels={{
              title: t("board.fieldProposalTitle"),
              description: t("board.fieldDescription"),
              organisationId: t("board.fieldAssembly"),
              recommendations: t("board.fieldRecommendations"),
            }}
          />
          {eligible.length === 0 && <p class="warning">{t("board.noneEligible")}</p>}
          <Form c={c} action={proposalsPath(c, cycle.slug, "/new")}>
            <TextField
              c={c}
              name="title"
              label={t("board.fieldProposalTitle")}
              maxlength={300}
              required
              errors={state.errors}
              values={values}
            />
            <TextAreaField
              c={c}
              name="description"
              label={t("board.fieldDescription")}
              maxlength={10_000}
              rows={6}
              errors={state.errors}
              values={values}
            />
            <SelectField
              c={c}
              name="organisationId"
              label={t("board.fieldAssembly")}
              hint={t("board.assemblyHint")}
              required
              errors={state.errors}
              values={values}
              options={cycle.organisations.map((o) => ({ value: o.id, label: o.name }))}
            />
            <CheckboxGroup
              c={c}
              name="recommendations"
              legend={t("board.fieldRecommendations")}
              hint={t("board.recommendationsHint")}
              errors={state.errors}
              checked={state.checked}
              options={eligible.map((r) => ({
                value: r.id,
                label: t("board.recommendationLabel", { number: r.number, title: r.title }),
              }))}
            />
            <SubmitButton label={t("board.createProposal")} />
          </Form>
        </>
      ),
    },
    status,
  );
}

const proposalSchema = z.object({
  title: field.text(300),
  description: field.optionalText(10_000),
  organisationId: z
    .string()
    .optional()
    .transform((v) => v ?? ""),
});

async function proposalPage(c: Ctx, context: ProposalContext) {
  const { t } = c.var;
  const db = c.var.deps.db;
  const [proposal, cycle, history] = await Promise.all([
    findProposal(db, context.proposal.id),
    findCycleById(db, context.proposal.cycleId),
    historyOf(db, "action_proposal", context.proposal.id),
  ]);
  if (!proposal || !cycle) return renderError(c, "notFound");
  const title = t("board.proposalHeading", { number: proposal.number, title: proposal.title });
  const seesBoard = can(c.var.actor, "recommendation.view_board", cycleResource(cycle));
  return renderPage(c, {
    title,
    notice: noticeOf(c),
    children: (
      <>
        <h1>{title}</h1>
        <dl class="facts">
          <dt>{t("board.fieldAssembly")}</dt>
          <dd>{proposal.organisationName}</dd>
          <dt>{t("board.colState")}</dt>
          <dd>{stateLabel(c, proposal.state)}</dd>
        </dl>
        <p>
          <a href={proposalsPath(c, cycle.slug)}>{t("board.proposalsLink")}</a>
        </p>
        {proposal.description !== "" && <TextParagraphs text={proposal.description} />}
        <h2>{t("board.fromRecommendationsTitle")}</h2>
        <ul>
          {proposal.recommendations.map((r) => (
            <li>
              <a href={recommendationPath(c, r.id)}>
                {t("board.recommendationLabel", { number: r.number, title: r.title })}
              </a>
              {seesBoard && (
                <>
                  {" "}
                  (<a href={instructPath(c, r.id)}>{t("board.instructionLink", { number: r.number })}</a>)
                </>
              )}
            </li>
          ))}
        </ul>
        <h2>{t("board.historyTitle")}</h2>
        <HistoryTable c={c} rows={history} caption={t("board.proposalHistoryCaption")} />
      </>
    ),
  });
}

export const proposalRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: "/cycles/:slug/proposals",
    action: "proposal.view",
    load: loadCycle,
    handler: (c, cycle) => listPage(c, cycle),
  }),
  route({
    method: "GET",
    path: "/cycles/:slug/proposals/new",
    action: "proposal.manage",
    load: loadCycle,
    handler: (c, cycle) => newPage(c, cycle),
  }),
  route({
    method: "POST",
    path: "/cycles/:slug/proposals/new",
    action: "proposal.manage",
    load: loadCycle,
    async handler(c, cycle) {
      const body = await formBody(c);
      const values = textValues(body);
      const checked = listOf(body, "recommendations");
      const form = parseForm(proposalSchema, body);
      const errors: FieldErrors = form.ok ? {} : { ...form.errors };
      if (checked.length === 0) errors.recommendations = errorMessage("board.proposalNoRecommendation");
      if (!form.ok || Object.keys(errors).length > 0) return newPage(c, cycle, { values, checked, errors }, 422);
      const done = await createProposal(c.var.deps.db, actorId(c), cycle.id, {
        title: form.data.title,
        description: form.data.description,
        organisationId: form.data.organisationId,
        recommendationIds: checked,
      });
      if (done.ok) return c.redirect(`${proposalPath(c, done.proposalId)}?done=proposal&n=${done.number}`, 303);
      if (done.reason === "badOrganisation") {
        errors.organisationId = errorMessage("errors.invalidChoice");
      } else if (done.reason === "noRecommendation") {
        errors.recommendations = errorMessage("board.proposalNoRecommendation");
      } else if (done.reason === "recommendations") {
        const first = done.refused[0]!;
        errors.recommendations = errorMessage(REFUSAL[first.why], { number: first.number ?? "?" });
      }
      return newPage(c, cycle, { values, checked, errors }, 422);
    },
  }),
  route({
    method: "GET",
    path: `/proposals/:proposalId${ID}`,
    action: "proposal.view",
    load: loadProposal,
    handler: (c, context) => proposalPage(c, context),
  }),
];
