import {
  parseWorkflow,
  readWorkflow,
  resetWorkflow,
  saveWorkflow,
  WORKFLOW_SUBJECTS,
  workflowTexts,
  type LineProblem,
  type StoredWorkflow,
} from "../../../commands/board/workflows.js";
import type { Organisation } from "../../../commands/organisations.js";
import { PHASES, type WorkflowProblem, type WorkflowSubject } from "../../../domain/workflow/workflow.js";
import type { MessageKey, Translate } from "../../../i18n/index.js";
import { ErrorSummary, Form, SubmitButton, TextAreaField } from "../../components/form.js";
import { renderPage } from "../../components/layout.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute } from "../../routing.js";
import { errorMessage, type FieldErrors } from "../../validation.js";
import { formBody, loadOrganisation, orgAdminPath, textValues } from "../admin/shared.js";
import { Moment } from "../cycles/shared.js";
import { actorId, noticeOf } from "./shared.js";

const SUBJECT_TITLE: Record<WorkflowSubject, MessageKey> = {
  recommendation: "board.workflowRecommendations",
  action_proposal: "board.workflowProposals",
};

interface SubjectState {
  subject: WorkflowSubject;
  values: Record<string, string>;
  errors: FieldErrors;
}

/** The problems of a refused workflow, as messages on its two fields. */
function problemErrors(subject: WorkflowSubject, lines: LineProblem[], problems: WorkflowProblem[]): FieldErrors {
  const states: string[] = [];
  const transitions: string[] = [];
  for (const l of lines) {
    if (l.problem === "stateLine") states.push(errorMessage("board.wfStateLine", { line: l.line }));
    else transitions.push(errorMessage("board.wfTransitionLine", { line: l.line }));
  }
  for (const p of problems) {
    switch (p.problem) {
      case "empty":
        states.push(errorMessage("board.wfEmpty"));
        break;
      case "badStateKey":
        states.push(errorMessage("board.wfBadKey", { state: p.state }));
        break;
      case "duplicateState":
        states.push(errorMessage("board.wfDuplicateState", { state: p.state }));
        break;
      case "unknownPhase":
        states.push(errorMessage("board.wfUnknownPhase", { state: p.state, phases: PHASES.join(", ") }));
        break;
      case "unknownState":
        transitions.push(errorMessage("board.wfUnknownState", { state: p.state }));
        break;
      case "duplicateTransition":
        transitions.push(errorMessage("board.wfDuplicateTransition", { from: p.from, to: p.to }));
        break;
    }
  }
  const errors: FieldErrors = {};
  // One message per field (the summary links to it); the first problem found of each.
  if (states[0]) errors[`${subject}-states`] = states[0];
  if (transitions[0]) errors[`${subject}-transitions`] = transitions[0];
  return errors;
}

function fieldLabels(t: Translate): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of WORKFLOW_SUBJECTS) {
    out[`${s}-states`] = `${t(SUBJECT_TITLE[s])} — ${t("board.wfStates")}`;
    out[`${s}-transitions`] = `${t(SUBJECT_TITLE[s])} — ${t("board.wfTransitions")}`;
  }
  return out;
}

function SubjectForm({
  c,
  org,
  subject,
  stored,
  state,
}: {
  c: Ctx;
  org: Organisation;
  subject: WorkflowSubject;
  stored: StoredWorkflow;
  state: SubjectState | undefined;
}) {
  const { t } = c.var;
  const texts = workflowTexts(stored.workflow);
  const values = state?.values ?? {
    [`${subject}-states`]: texts.states,
    [`${subject}-transitions`]: texts.transitions,
  };
  return (
    <section aria-labelledby={`wf-${subject}`}>
      <h2 id={`wf-${subject}`}>{t(SUBJECT_TITLE[subject])}</h2>
      <p>
        {stored.configured && stored.updatedAt ? (
          <>
            {t("board.wfConfigured")} <Moment c={c} at={stored.updatedAt} />
          </>
        ) : (
          t("board.wfDefault")
        )}
      </p>
      <Form c={c} action={orgAdminPath(c, org, "/workflows")}>
        <input type="hidden" name="subject" value={subject} />
        <TextAreaField
          c={c}
          name={`${subject}-states`}
          label={t("board.wfStates")}
          hint={t("board.wfStatesHint", { phases: PHASES.join(", ") })}
          rows={10}
          maxlength={5000}
          errors={state?.errors}
          values={values}
        />
        <TextAreaField
          c={c}
          name={`${subject}-transitions`}
          label={t("board.wfTransitions")}
          hint={t("board.wfTransitionsHint")}
          rows={14}
          maxlength={10_000}
          errors={state?.errors}
          values={values}
        />
        <SubmitButton label={t("board.wfSave")} />
      </Form>
      {stored.configured && (
        <Form c={c} action={orgAdminPath(c, org, "/workflows/reset")}>
          <input type="hidden" name="subject" value={subject} />
          <SubmitButton label={t("board.wfReset")} />
        </Form>
      )}
    </section>
  );
}

async function workflowsPage(c: Ctx, org: Organisation, state?: SubjectState, status: 200 | 422 = 200) {
  const { t } = c.var;
  const stored = await Promise.all(WORKFLOW_SUBJECTS.map((s) => readWorkflow(c.var.deps.db, org.id, s)));
  const title = t("board.wfTitle", { name: org.name });
  return renderPage(
    c,
    {
      title,
      notice: status === 200 ? noticeOf(c) : undefined,
      children: (
        <>
          <h1>{title}</h1>
          <p>
            <a href={orgAdminPath(c, org)}>{org.name}</a>
          </p>
          <p>{t("board.wfLead")}</p>
          <ErrorSummary c={c} errors={state?.errors} labels={fieldLabels(t)} />
          {WORKFLOW_SUBJECTS.map((s, i) => (
            <SubjectForm
              c={c}
              org={org}
              subject={s}
              stored={stored[i]!}
              state={state?.subject === s ? state : undefined}
            />
          ))}
        </>
      ),
    },
    status,
  );
}

function subjectOf(value: unknown): WorkflowSubject | null {
  return typeof value === "string" && (WORKFLOW_SUBJECTS as readonly string[]).includes(value)
    ? (value as WorkflowSubject)
    : null;
}

export const workflowRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: "/admin/organisations/:slug/workflows",
    action: "cycle.create",
    load: loadOrganisation,
    handler: (c, org) => workflowsPage(c, org),
  }),
  route({
    method: "POST",
    path: "/admin/organisations/:slug/workflows",
    action: "cycle.create",
    load: loadOrganisation,
    async handler(c, org) {
      const body = await formBody(c);
      const subject = subjectOf(body.subject);
      if (subject === null) {
        return workflowsPage(
          c,
          org,
          {
            subject: "recommendation",
            values: textValues(body),
            errors: { _form: errorMessage("board.wfNoSubject") },
          },
          422,
        );
      }
      const values = textValues(body);
      const parsed = parseWorkflow(values[`${subject}-states`] ?? "", values[`${subject}-transitions`] ?? "");
      if (!parsed.ok) {
        return workflowsPage(
          c,
          org,
          { subject, values, errors: problemErrors(subject, parsed.lines, parsed.problems) },
          422,
        );
      }
      await saveWorkflow(c.var.deps.db, actorId(c), org.id, subject, parsed.workflow);
      return c.redirect(`${orgAdminPath(c, org, "/workflows")}?done=workflow`, 303);
    },
  }),
  route({
    method: "POST",
    path: "/admin/organisations/:slug/workflows/reset",
    action: "cycle.create",
    load: loadOrganisation,
    async handler(c, org) {
      const body = await formBody(c);
      const subject = subjectOf(body.subject);
      if (subject === null) {
        return workflowsPage(
          c,
          org,
          { subject: "recommendation", values: {}, errors: { _form: errorMessage("board.wfNoSubject") } },
          422,
        );
      }
      await resetWorkflow(c.var.deps.db, actorId(c), org.id, subject);
      return c.redirect(`${orgAdminPath(c, org, "/workflows")}?done=reset`, 303);
    },
  }),
];
