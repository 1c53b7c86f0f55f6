import { z } from "zod";
import { cycleDashboard, listAxes, type StatusCounts } from "../../../commands/action-plan/read.js";
import { createAxis } from "../../../commands/action-plan/write.js";
import type { Cycle } from "../../../commands/cycles/read.js";
import type { Organisation } from "../../../commands/organisations.js";
import { IMPLEMENTATION_STATUSES, type ImplementationStatus } from "../../../domain/action-plan/progress.js";
import { formatNumber } from "../../../i18n/format.js";
import type { MessageKey } from "../../../i18n/index.js";
import { can } from "../../../policies/can.js";
import { BarChart } from "../../charts/bar-chart.js";
import { ErrorSummary, Form, SubmitButton, TextAreaField, TextField } from "../../components/form.js";
import { renderPage } from "../../components/layout.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute } from "../../routing.js";
import { errorMessage, field, parseForm, type FieldErrors } from "../../validation.js";
import { cyclePath, cycleTitle, formBody, loadCycle, textValues, TextParagraphs } from "../cycles/shared.js";
import { actorId, axesAdminPath, axesPath, loadOrganisation, planPath } from "./shared.js";

type AxisRow = Awaited<ReturnType<typeof listAxes>>[number];

function AxesTable({ c, axes }: { c: Ctx; axes: AxisRow[] }) {
  const { t, locale } = c.var;
  return (
    <div class="table-wrap" role="region" aria-label={t("actionPlan.axesCaption")} tabindex={0}>
      <table>
        <caption>{t("actionPlan.axesCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("actionPlan.colAxis")}</th>
            <th scope="col">{t("actionPlan.colKey")}</th>
            <th scope="col">{t("actionPlan.colRecommendations")}</th>
          </tr>
        </thead>
        <tbody>
          {axes.map((a) => (
            <tr>
              <th scope="row">
                {t("actionPlan.axisLabel", { position: a.position, title: a.title })}
                {a.description !== "" && <TextParagraphs text={a.description} />}
              </th>
              <td>
                <code>{a.key}</code>
              </td>
              <td>{formatNumber(locale, a.recommendations)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

async function axesPage(c: Ctx, org: Organisation) {
  const { t } = c.var;
  const axes = await listAxes(c.var.deps.db, org.id);
  const title = t("actionPlan.axesTitle", { organisation: org.name });
  const manages = can(c.var.actor, "action_plan.manage", { type: "organisation", organisationId: org.id });
  return renderPage(c, {
    title,
    children: (
      <>
        <h1>{title}</h1>
        <p>{t("actionPlan.axesLead")}</p>
        <ul>
          <li>
            <a href={planPath(c, org.slug)}>{t("actionPlan.planTitle", { organisation: org.name })}</a>
          </li>
          {manages && (
            <li>
              <a href={axesAdminPath(c, org.slug)}>{t("actionPlan.axesAdminLink")}</a>
            </li>
          )}
        </ul>
        {axes.length === 0 ? <p>{t("actionPlan.axesNone")}</p> : <AxesTable c={c} axes={axes} />}
      </>
    ),
  });
}

const axisSchema = z.object({
  key: z
    .string({ error: errorMessage("errors.required") })
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: errorMessage("actionPlan.badKey") }),
  position: field.wholeNumber(999).refine((n) => n >= 1, { error: errorMessage("errors.invalidNumber") }),
  title: field.text(300),
  description: field.optionalText(5_000),
});

async function axesAdminPage(
  c: Ctx,
  org: Organisation,
  values: Record<string, string> = {},
  errors?: FieldErrors,
  status: 200 | 422 = 200,
) {
  const { t } = c.var;
  const axes = await listAxes(c.var.deps.db, org.id);
  const title = t("actionPlan.axesAdminTitle", { organisation: org.name });
  const filled = { position: String(axes.reduce((m, a) => Math.max(m, a.position), 0) + 1), ...values };
  return renderPage(
    c,
    {
      title,
      notice: c.req.query("done") === "axis" ? t("actionPlan.noticeAxis") : undefined,
      children: (
        <>
          <h1>{title}</h1>
          <p>
            <a href={axesPath(c, org.slug)}>{t("actionPlan.axesTitle", { organisation: org.name })}</a>
          </p>
          {axes.length === 0 ? <p>{t("actionPlan.axesNone")}</p> : <AxesTable c={c} axes={axes} />}
          <h2>{t("actionPlan.addAxisTitle")}</h2>
          <ErrorSummary
            c={c}
            errors={errors}
            labels={{
              key: t("actionPlan.fieldKey"),
              position: t("actionPlan.fieldPosition"),
              title: t("actionPlan.fieldTitle"),
              description: t("actionPlan.fieldDescription"),
            }}
          />
          <Form c={c} action={axesAdminPath(c, org.slug)}>
            <TextField
              c={c}
              name="key"
              label={t("actionPlan.fieldKey")}
              hint={t("actionPlan.keyHint")}
              maxlength={63}
              required
              errors={errors}
              values={filled}
            />
            <TextField
              c={c}
              name="position"
              inputmode="numeric"
              label={t("actionPlan.fieldPosition")}
              required
              errors={errors}
              values={filled}
            />
            <TextField
              c={c}
              name="title"
              label={t("actionPlan.fieldTitle")}
              maxlength={300}
              required
              errors={errors}
              values={filled}
            />
            <TextAreaField
              c={c}
              name="description"
              label={t("actionPlan.fieldDescription")}
              maxlength={5_000}
              rows={3}
              errors={errors}
              values={filled}
            />
            <SubmitButton label={t("actionPlan.addAxis")} />
          </Form>
        </>
      ),
    },
    status,
  );
}

// ── Dashboard ──

const STATUS_HEAD: Record<ImplementationStatus, MessageKey> = {
  adopted: "actionPlan.impl_adopted",
  in_progress: "actionPlan.impl_in_progress",
  done: "actionPlan.impl_done",
  abandoned: "actionPlan.impl_abandoned",
};

const total = (n: StatusCounts) => n.adopted + n.in_progress + n.done + n.abandoned;

function CountsTable({
  c,
  caption,
  head,
  rows,
}: {
  c: Ctx;
  caption: string;
  head: string;
  rows: Array<{ label: string; counts: StatusCounts }>;
}) {
  const { t, locale } = c.var;
  return (
    <div class="table-wrap" role="region" aria-label={caption} tabindex={0}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            {IMPLEMENTATION_STATUSES.map((s) => (
              <th scope="col">{t(STATUS_HEAD[s])}</th>
            ))}
            <th scope="col">{t("actionPlan.colTotal")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row">{r.label}</th>
              {IMPLEMENTATION_STATUSES.map((s) => (
                <td>{formatNumber(locale, r.counts[s])}</td>
              ))}
              <td>{formatNumber(locale, total(r.counts))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

async function dashboardPage(c: Ctx, cycle: Cycle) {
  const { t, locale } = c.var;
  const data = await cycleDashboard(c.var.deps.db, cycle.id, locale);
  const name = cycleTitle(cycle, locale).value.title;
  const title = t("actionPlan.dashboardTitle", { cycle: name });
  const n = (v: number) => formatNumber(locale, v);
  return renderPage(c, {
    title,
    children: (
      <>
        <h1>{title}</h1>
        <p>{t("actionPlan.dashboardLead")}</p>
        <p>
          <a href={cyclePath(c, cycle)}>{name}</a>
        </p>
        {total(data.totals) === 0 && <p>{t("actionPlan.dashboardNone")}</p>}
        <h2 id="dash-totals">{t("actionPlan.chartTotals")}</h2>
        <BarChart
          id="chart-totals"
          title={t("actionPlan.chartTotals")}
          description={t("actionPlan.chartTotalsDesc")}
          bars={IMPLEMENTATION_STATUSES.map((s) => ({
            label: t(STATUS_HEAD[s]),
            value: data.totals[s],
            display: n(data.totals[s]),
          }))}
        />
        <CountsTable
          c={c}
          caption={t("actionPlan.totalsCaption")}
          head={t("actionPlan.colCycle")}
          rows={[{ label: name, counts: data.totals }]}
        />
        <h2>{t("actionPlan.chartGroups")}</h2>
        <BarChart
          id="chart-groups"
          title={t("actionPlan.chartGroups")}
          description={t("actionPlan.chartGroupsDesc")}
          bars={data.groups.map((g) => ({ label: g.title, value: total(g.counts), display: n(total(g.counts)) }))}
        />
        <CountsTable
          c={c}
          caption={t("actionPlan.groupsCaption")}
          head={t("actionPlan.colGroup")}
          rows={data.groups.map((g) => ({ label: g.title, counts: g.counts }))}
        />
        <h2>{t("actionPlan.chartAxes")}</h2>
        {data.axes.length === 0 ? (
          <p>{t("actionPlan.axesNone")}</p>
        ) : (
          <>
            <BarChart
              id="chart-axes"
              title={t("actionPlan.chartAxes")}
              description={t("actionPlan.chartAxesDesc")}
              bars={data.axes.map((a) => ({ label: a.title, value: total(a.counts), display: n(total(a.counts)) }))}
            />
            <CountsTable
              c={c}
              caption={t("actionPlan.axesCountsCaption")}
              head={t("actionPlan.colAxis")}
              rows={data.axes.map((a) => ({ label: a.title, counts: a.counts }))}
            />
          </>
        )}
      </>
    ),
  });
}

export const axesRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: "/organisations/:slug/axes",
    action: "action_plan.view",
    load: loadOrganisation,
    handler: (c, org) => axesPage(c, org),
  }),
  route({
    method: "GET",
    path: "/admin/organisations/:slug/axes",
    action: "action_plan.manage",
    load: loadOrganisation,
    handler: (c, org) => axesAdminPage(c, org),
  }),
  route({
    method: "POST",
    path: "/admin/organisations/:slug/axes",
    action: "action_plan.manage",
    load: loadOrganisation,
    async handler(c, org) {
      const body = await formBody(c);
      const values = textValues(body);
      const form = parseForm(axisSchema, body);
      if (!form.ok) return axesAdminPage(c, org, values, form.errors, 422);
      const done = await createAxis(c.var.deps.db, actorId(c), org.id, form.data);
      if (!done.ok) return axesAdminPage(c, org, values, { key: errorMessage("actionPlan.keyTaken") }, 422);
      return c.redirect(`${axesAdminPath(c, org.slug)}?done=axis`, 303);
    },
  }),
  route({
    method: "GET",
    path: "/cycles/:slug/dashboard",
    action: "action_plan.view",
    load: loadCycle,
    handler: (c, cycle) => dashboardPage(c, cycle),
  }),
];
