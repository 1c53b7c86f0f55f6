import { z } from "zod";
import {
  actionPlanOf,
  adoptedProposals,
  cyclesOf,
  type ProjectDetail,
  type ProposalChoice,
} from "../../../commands/action-plan/read.js";
import {
  createProgramme,
  createProject,
  postUpdate,
  updateProject,
  type ProjectRefusal,
} from "../../../commands/action-plan/write.js";
import type { Organisation } from "../../../commands/organisations.js";
import { PROJECT_STATUSES } from "../../../db/schema/index.js";
import { can } from "../../../policies/can.js";
import { ErrorSummary, Form, SelectField, SubmitButton, TextAreaField, TextField } from "../../components/form.js";
import { renderPage } from "../../components/layout.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute } from "../../routing.js";
import { errorMessage, field, parseForm, type FieldErrors } from "../../validation.js";
import { CheckboxGroup, Day, formBody, listOf, textValues, TextParagraphs } from "../cycles/shared.js";
import {
  actorId,
  axesPath,
  dashboardPath,
  ID,
  isoDate,
  loadOrganisation,
  loadProject,
  optionalIsoDate,
  percentField,
  planPath,
  Progress,
  projectPath,
  statusField,
  statusLabel,
} from "./shared.js";

/** The organisation whose plan a form edits: its id for the commands, its slug for the links. */
type PlanOwner = Pick<Organisation, "id" | "slug">;

function noticeOf(c: Ctx): string | undefined {
  const { t } = c.var;
  switch (c.req.query("done")) {
    case "programme":
      return t("actionPlan.noticeProgramme");
    case "project":
      return t("actionPlan.noticeProject");
    case "saved":
      return t("actionPlan.noticeSaved");
    case "update":
      return t("actionPlan.noticeUpdate");
    default:
      return undefined;
  }
}

function Dates({ c, from, to }: { c: Ctx; from: string; to: string | null }) {
  return (
    <>
      <Day c={c} iso={from} /> – {to === null ? c.var.t("actionPlan.noEndDate") : <Day c={c} iso={to} />}
    </>
  );
}

async function planPage(c: Ctx, org: Organisation) {
  const { t } = c.var;
  const programmes = await actionPlanOf(c.var.deps.db, org.id);
  const orgCycles = await cyclesOf(c.var.deps.db, org.id);
  const manages = can(c.var.actor, "action_plan.manage", { type: "organisation", organisationId: org.id });
  const title = t("actionPlan.planTitle", { organisation: org.name });
  return renderPage(c, {
    title,
    notice: noticeOf(c),
    children: (
      <>
        <h1>{title}</h1>
        <p>{t("actionPlan.planLead")}</p>
        <ul>
          <li>
            <a href={`/${c.var.locale}/organisations/${org.slug}`}>{org.name}</a>
          </li>
          <li>
            <a href={axesPath(c, org.slug)}>{t("actionPlan.axesLink")}</a>
          </li>
          {manages && (
            <>
              <li>
                <a href={planPath(c, org.slug, "/programmes/new")}>{t("actionPlan.newProgrammeLink")}</a>
              </li>
              {programmes.length > 0 && (
                <li>
                  <a href={planPath(c, org.slug, "/projects/new")}>{t("actionPlan.newProjectLink")}</a>
                </li>
              )}
            </>
          )}
        </ul>
        {programmes.length === 0 && <p>{t("actionPlan.planNone")}</p>}
        {programmes.map((p, i) => (
          <section aria-labelledby={`programme-${i + 1}`}>
            <h2 id={`programme-${i + 1}`}>{p.title}</h2>
            <p>{t("actionPlan.ownerTeam", { team: p.ownerTeam })}</p>
            {p.description !== "" && <TextParagraphs text={p.description} />}
            {p.projects.length === 0 ? (
              <p>{t("actionPlan.noProjects")}</p>
            ) : (
              <div class="table-wrap" role="region" aria-labelledby={`programme-${i + 1}`} tabindex={0}>
                <table>
                  <caption>{t("actionPlan.projectsCaption", { programme: p.title })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("actionPlan.colProject")}</th>
                      <th scope="col">{t("actionPlan.colOwner")}</th>
                      <th scope="col">{t("actionPlan.colDates")}</th>
                      <th scope="col">{t("actionPlan.colStatus")}</th>
                      <th scope="col">{t("actionPlan.colProgress")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.projects.map((x) => (
                      <tr>
                        <th scope="row">
                          <a href={projectPath(c, x.id)}>{x.title}</a>
                        </th>
                        <td>{x.ownerTeam}</td>
                        <td>
                          <Dates c={c} from={x.startsOn} to={x.endsOn} />
                        </td>
                        <td>{statusLabel(c, x.status)}</td>
                        <td>
                          <Progress c={c} value={x.progress} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        ))}
        {orgCycles.length > 0 && (
          <>
            <h2>{t("actionPlan.dashboardsTitle")}</h2>
            <ul>
              {orgCycles.map((cy) => (
                <li>
                  <a href={dashboardPath(c, cy.slug)}>{t("actionPlan.dashboardLink", { cycle: cy.name })}</a>
                </li>
              ))}
            </ul>
          </>
        )}
      </>
    ),
  });
}

// ── Programmes ──

const programmeSchema = z.object({
  title: field.text(300),
  ownerTeam: field.text(200),
  description: field.optionalText(10_000),
});

function programmeForm(
  c: Ctx,
  org: Organisation,
  values: Record<string, string> = {},
  errors?: FieldErrors,
  status: 200 | 422 = 200,
) {
  const { t } = c.var;
  const title = t("actionPlan.newProgrammeTitle");
  return renderPage(
    c,
    {
      title,
      children: (
        <>
          <h1>{title}</h1>
          <p>
            <a href={planPath(c, org.slug)}>{t("actionPlan.backToPlan")}</a>
          </p>
          <ErrorSummary
            c={c}
            errors={errors}
            labels={{
              title: t("actionPlan.fieldTitle"),
              ownerTeam: t("actionPlan.fieldOwnerTeam"),
              description: t("actionPlan.fieldDescription"),
            }}
          />
          <Form c={c} action={planPath(c, org.slug, "/programmes/new")}>
            <TextField
              c={c}
              name="title"
              label={t("actionPlan.fieldTitle")}
              maxlength={300}
              required
              errors={errors}
              values={values}
            />
            <TextField
              c={c}
              name="ownerTeam"
              label={t("actionPlan.fieldOwnerTeam")}
              maxlength={200}
              required
              errors={errors}
              values={values}
            />
            <TextAreaField
              c={c}
              name="description"
              label={t("actionPlan.fieldDescription")}
              maxlength={10_000}
              errors={errors}
              values={values}
            />
            <SubmitButton label={t("actionPlan.createProgramme")} />
          </Form>
        </>
      ),
    },
    status,
  );
}

// ── Projects ──

const projectSchema = z.object({
  programmeId: z
    .string()
    .optional()
    .transform((v) => v ?? ""),
  title: field.text(300),
  ownerTeam: field.text(200),
  description: field.optionalText(10_000),
  startsOn: isoDate(),
  endsOn: optionalIsoDate(),
});

interface ProjectFormState {
  values: Record<string, string>;
  checked: string[];
  errors?: FieldErrors;
}

function proposalLabel(c: Ctx, p: ProposalChoice): string {
  return c.var.t("actionPlan.proposalLabel", {
    number: p.number,
    cycle: p.cycleName,
    title: p.title,
    recommendations: p.recommendations.map((r) => r.number).join(", "),
  });
}

async function projectForm(
  c: Ctx,
  org: PlanOwner,
  project: ProjectDetail | null,
  state: ProjectFormState,
  status: 200 | 422 = 200,
) {
  const { t } = c.var;
  const db = c.var.deps.db;
  const programmes = await actionPlanOf(db, org.id);
  const proposals = await adoptedProposals(db, org.id);
  const title = project
    ? t("actionPlan.editProjectTitle", { project: project.title })
    : t("actionPlan.newProjectTitle");
  const action = project ? projectPath(c, project.id, "/edit") : planPath(c, org.slug, "/projects/new");
  const { values, errors } = state;
  return renderPage(
    c,
    {
      title,
      children: (
        <>
          <h1>{title}</h1>
          <p>
            <a href={project ? projectPath(c, project.id) : planPath(c, org.slug)}>
              {project ? t("actionPlan.backToProject") : t("actionPlan.backToPlan")}
            </a>
          </p>
          <ErrorSummary
            c={c}
            errors={errors}
            labels={{
              programmeId: t("actionPlan.fieldProgramme"),
              title: t("actionPlan.fieldTitle"),
              ownerTeam: t("actionPlan.fieldOwnerTeam"),
              description: t("actionPlan.fieldDescription"),
              startsOn: t("actionPlan.fieldStartsOn"),
              endsOn: t("actionPlan.fieldEndsOn"),
              proposals: t("actionPlan.fieldProposals"),
            }}
          />
          <Form c={c} action={action}>
            <SelectField
              c={c}
              name="programmeId"
              label={t("actionPlan.fieldProgramme")}
              required
              errors={errors}
              values={values}
              options={programmes.map((p) => ({ value: p.id, label: p.title }))}
            />
            <TextField
              c={c}
              name="title"
              label={t("actionPlan.fieldTitle")}
              maxlength={300}
              required
              errors={errors}
              values={values}
            />
            <TextField
              c={c}
              name="ownerTeam"
              label={t("actionPlan.fieldOwnerTeam")}
              maxlength={200}
              required
              errors={errors}
              values={values}
            />
            <TextAreaField
              c={c}
              name="description"
              label={t("actionPlan.fieldDescription")}
              maxlength={10_000}
              errors={errors}
              values={values}
            />
            <TextField
              c={c}
              name="startsOn"
              type="date"
              label={t("actionPlan.fieldStartsOn")}
              required
              errors={errors}
              values={values}
            />
            <TextField
              c={c}
              name="endsOn"
              type="date"
              label={t("actionPlan.fieldEndsOn")}
              hint={t("actionPlan.endsOnHint")}
              errors={errors}
              values={values}
            />
            {proposals.length === 0 && <p class="warning">{t("actionPlan.noAdoptedProposals")}</p>}
            <CheckboxGroup
              c={c}
              name="proposals"
              legend={t("actionPlan.fieldProposals")}
              hint={t("actionPlan.proposalsHint")}
              errors={errors}
              checked={state.checked}
              options={proposals.map((p) => ({ value: p.id, label: proposalLabel(c, p) }))}
            />
            <SubmitButton label={project ? t("actionPlan.saveProject") : t("actionPlan.createProject")} />
          </Form>
        </>
      ),
    },
    status,
  );
}

function refusalErrors(refused: ProjectRefusal): FieldErrors {
  switch (refused.reason) {
    case "badProgramme":
      return { programmeId: errorMessage("errors.invalidChoice") };
    case "endBeforeStart":
      return { endsOn: errorMessage("actionPlan.endBeforeStart") };
    case "badProposal":
      return { proposals: errorMessage("actionPlan.badProposal") };
  }
}

/** Reads and checks the project form; the command checks the programme and proposals in its transaction. */
async function saveProject(c: Ctx, org: PlanOwner, project: ProjectDetail | null) {
  const body = await formBody(c);
  const values = textValues(body);
  const checked = listOf(body, "proposals");
  const form = parseForm(projectSchema, body);
  if (!form.ok) return projectForm(c, org, project, { values, checked, errors: form.errors }, 422);
  const input = {
    programmeId: form.data.programmeId,
    title: form.data.title,
    ownerTeam: form.data.ownerTeam,
    description: form.data.description,
    startsOn: form.data.startsOn,
    endsOn: form.data.endsOn === "" ? null : form.data.endsOn,
    proposalIds: checked,
  };
  const db = c.var.deps.db;
  let id: string;
  if (project) {
    const done = await updateProject(db, actorId(c), org.id, project.id, input);
    if (!done.ok) return projectForm(c, org, project, { values, checked, errors: refusalErrors(done) }, 422);
    id = project.id;
  } else {
    const done = await createProject(db, actorId(c), org.id, input);
    if (!done.ok) return projectForm(c, org, project, { values, checked, errors: refusalErrors(done) }, 422);
    id = done.projectId;
  }
  return c.redirect(`${projectPath(c, id)}?done=${project ? "saved" : "project"}`, 303);
}

function orgOf(project: ProjectDetail): PlanOwner {
  return { id: project.organisationId, slug: project.organisationSlug };
}

function projectPage(c: Ctx, project: ProjectDetail) {
  const { t, locale } = c.var;
  const manages = can(c.var.actor, "action_plan.manage", {
    type: "organisation",
    organisationId: project.organisationId,
  });
  return renderPage(c, {
    title: project.title,
    notice: noticeOf(c),
    children: (
      <>
        <h1>{project.title}</h1>
        <p>
          <a href={planPath(c, project.organisationSlug)}>
            {t("actionPlan.planTitle", { organisation: project.organisationName })}
          </a>
        </p>
        <dl class="facts">
          <dt>{t("actionPlan.fieldProgramme")}</dt>
          <dd>{project.programme.title}</dd>
          <dt>{t("actionPlan.colOwner")}</dt>
          <dd>{project.ownerTeam}</dd>
          <dt>{t("actionPlan.colDates")}</dt>
          <dd>
            <Dates c={c} from={project.startsOn} to={project.endsOn} />
          </dd>
          <dt>{t("actionPlan.colStatus")}</dt>
          <dd>{statusLabel(c, project.status)}</dd>
          <dt>{t("actionPlan.colProgress")}</dt>
          <dd>
            <Progress c={c} value={project.progress} />
          </dd>
          {project.status === "abandoned" && (
            <>
              <dt>{t("actionPlan.fieldReason")}</dt>
              <dd>{project.abandonReason}</dd>
            </>
          )}
        </dl>
        {manages && (
          <ul>
            <li>
              <a href={projectPath(c, project.id, "/updates/new")}>{t("actionPlan.newUpdateLink")}</a>
            </li>
            <li>
              <a href={projectPath(c, project.id, "/edit")}>{t("actionPlan.editProjectLink")}</a>
            </li>
          </ul>
        )}
        {project.description !== "" && <TextParagraphs text={project.description} />}
        <h2>{t("actionPlan.implementsTitle")}</h2>
        {project.proposals.length === 0 ? (
          <p>{t("actionPlan.implementsNone")}</p>
        ) : (
          <ul>
            {project.proposals.map((p) => (
              <li>
                <a href={`/${locale}/proposals/${p.id}`}>
                  {t("actionPlan.proposalLine", { number: p.number, cycle: p.cycleName, title: p.title })}
                </a>
                {p.recommendations.length > 0 && (
                  <>
                    {" "}
                    — {t("actionPlan.recommendationsOf")}{" "}
                    {p.recommendations.map((r, i) => (
                      <>
                        {i > 0 && ", "}
                        <a href={`/${locale}/recommendations/${r.id}`}>
                          {t("actionPlan.recommendationNumber", { number: r.number })}
                        </a>
                      </>
                    ))}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        <h2>{t("actionPlan.updatesTitle")}</h2>
        {project.updates.length === 0 ? (
          <p>{t("actionPlan.updatesNone")}</p>
        ) : (
          <ol class="timeline">
            {project.updates.map((u) => (
              <li>
                <strong>
                  <Day c={c} iso={u.on} />
                </strong>{" "}
                — {statusLabel(c, u.status)}, <Progress c={c} value={u.progress} />
                {u.authorName !== null && <> — {t("actionPlan.updateBy", { name: u.authorName })}</>}
                <TextParagraphs text={u.body} />
                {u.status === "abandoned" && <p>{t("actionPlan.reasonLine", { reason: u.reason })}</p>}
              </li>
            ))}
          </ol>
        )}
      </>
    ),
  });
}

// ── Progress updates ──

const updateSchema = z.object({
  on: isoDate(),
  body: field.text(10_000),
  progress: percentField(),
  status: statusField(),
  reason: field.optionalText(2_000),
});

function updateForm(
  c: Ctx,
  project: ProjectDetail,
  values: Record<string, string>,
  errors?: FieldErrors,
  status: 200 | 422 = 200,
) {
  const { t } = c.var;
  const title = t("actionPlan.newUpdateTitle", { project: project.title });
  const filled = {
    on: new Date().toISOString().slice(0, 10),
    progress: String(project.progress),
    status: project.status,
    ...values,
  };
  return renderPage(
    c,
    {
      title,
      children: (
        <>
          <h1>{title}</h1>
          <p>
            <a href={projectPath(c, project.id)}>{t("actionPlan.backToProject")}</a>
          </p>
          <ErrorSummary
            c={c}
            errors={errors}
            labels={{
              on: t("actionPlan.fieldOn"),
              body: t("actionPlan.fieldBody"),
              progress: t("actionPlan.fieldProgress"),
              status: t("actionPlan.colStatus"),
              reason: t("actionPlan.fieldReason"),
            }}
          />
          <Form c={c} action={projectPath(c, project.id, "/updates/new")}>
            <TextField
              c={c}
              name="on"
              type="date"
              label={t("actionPlan.fieldOn")}
              required
              errors={errors}
              values={filled}
            />
            <TextAreaField
              c={c}
              name="body"
              label={t("actionPlan.fieldBody")}
              maxlength={10_000}
              errors={errors}
              values={filled}
            />
            <TextField
              c={c}
              name="progress"
              type="number"
              inputmode="numeric"
              label={t("actionPlan.fieldProgress")}
              hint={t("actionPlan.progressHint")}
              required
              errors={errors}
              values={filled}
            />
            <SelectField
              c={c}
              name="status"
              label={t("actionPlan.colStatus")}
              required
              errors={errors}
              values={filled}
              options={PROJECT_STATUSES.map((s) => ({ value: s, label: statusLabel(c, s) }))}
            />
            <TextAreaField
              c={c}
              name="reason"
              label={t("actionPlan.fieldReason")}
              hint={t("actionPlan.reasonHint")}
              maxlength={2_000}
              rows={3}
              errors={errors}
              values={filled}
            />
            <SubmitButton label={t("actionPlan.postUpdate")} />
          </Form>
        </>
      ),
    },
    status,
  );
}

function projectValues(p: ProjectDetail): ProjectFormState {
  return {
    values: {
      programmeId: p.programme.id,
      title: p.title,
      ownerTeam: p.ownerTeam,
      description: p.description,
      startsOn: p.startsOn,
      endsOn: p.endsOn ?? "",
    },
    checked: p.proposals.map((x) => x.id),
  };
}

export const projectRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: "/organisations/:slug/action-plan",
    action: "action_plan.view",
    load: loadOrganisation,
    handler: (c, org) => planPage(c, org),
  }),
  route({
    method: "GET",
    path: "/organisations/:slug/action-plan/programmes/new",
    action: "action_plan.manage",
    load: loadOrganisation,
    handler: (c, org) => programmeForm(c, org),
  }),
  route({
    method: "POST",
    path: "/organisations/:slug/action-plan/programmes/new",
    action: "action_plan.manage",
    load: loadOrganisation,
    async handler(c, org) {
      const body = await formBody(c);
      const form = parseForm(programmeSchema, body);
      if (!form.ok) return programmeForm(c, org, textValues(body), form.errors, 422);
      await createProgramme(c.var.deps.db, actorId(c), org.id, form.data);
      return c.redirect(`${planPath(c, org.slug)}?done=programme`, 303);
    },
  }),
  route({
    method: "GET",
    path: "/organisations/:slug/action-plan/projects/new",
    action: "action_plan.manage",
    load: loadOrganisation,
    handler: (c, org) => projectForm(c, org, null, { values: {}, checked: [] }),
  }),
  route({
    method: "POST",
    path: "/organisations/:slug/action-plan/projects/new",
    action: "action_plan.manage",
    load: loadOrganisation,
    handler: (c, org) => saveProject(c, org, null),
  }),
  route({
    method: "GET",
    path: `/projects/:projectId${ID}`,
    action: "action_plan.view",
    load: loadProject,
    handler: (c, project) => projectPage(c, project),
  }),
  route({
    method: "GET",
    path: `/projects/:projectId${ID}/edit`,
    action: "action_plan.manage",
    load: loadProject,
    handler: (c, project) => projectForm(c, orgOf(project), project, projectValues(project)),
  }),
  route({
    method: "POST",
    path: `/projects/:projectId${ID}/edit`,
    action: "action_plan.manage",
    load: loadProject,
    handler: (c, project) => saveProject(c, orgOf(project), project),
  }),
  route({
    method: "GET",
    path: `/projects/:projectId${ID}/updates/new`,
    action: "action_plan.manage",
    load: loadProject,
    handler: (c, project) => updateForm(c, project, {}),
  }),
  route({
    method: "POST",
    path: `/projects/:projectId${ID}/updates/new`,
    action: "action_plan.manage",
    load: loadProject,
    async handler(c, project) {
      const body = await formBody(c);
      const values = textValues(body);
      const form = parseForm(updateSchema, body);
      const errors: FieldErrors = form.ok ? {} : { ...form.errors };
      // Said together with the other problems: an abandoned project needs its reason.
      if (values.status === "abandoned" && (values.reason ?? "").trim() === "")
        errors.reason = errorMessage("actionPlan.reasonRequired");
      if (!form.ok || Object.keys(errors).length > 0) return updateForm(c, project, values, errors, 422);
      const done = await postUpdate(c.var.deps.db, actorId(c), project.id, form.data);
      if (!done.ok) {
        const errors: FieldErrors =
          done.reason === "badProgress"
            ? { progress: errorMessage("actionPlan.badPercent") }
            : { reason: errorMessage("actionPlan.reasonRequired") };
        return updateForm(c, project, values, errors, 422);
      }
      return c.redirect(`${projectPath(c, project.id)}?done=update`, 303);
    },
  }),
];
