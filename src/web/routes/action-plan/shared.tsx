import { z } from "zod";
import { findProject, type ProjectDetail } from "../../../commands/action-plan/read.js";
import { findOrganisationBySlug, type Organisation } from "../../../commands/organisations.js";
import { PROJECT_STATUSES, type ProjectStatus } from "../../../db/schema/index.js";
import { formatNumber } from "../../../i18n/format.js";
import type { MessageKey } from "../../../i18n/index.js";
import type { Ctx } from "../../context.js";
import type { Loaded } from "../../routing.js";
import { errorMessage } from "../../validation.js";

/** Pattern of an id in a path: hex digits and dashes only (the UUID itself is checked on load). */
export const ID = "{[0-9a-fA-F-]+}";

export async function loadOrganisation(c: Ctx): Promise<Loaded<Organisation> | null> {
  const org = await findOrganisationBySlug(c.var.deps.db, c.req.param("slug") ?? "");
  return org ? { resource: { type: "organisation", organisationId: org.id }, data: org } : null;
}

/** A project; its resource is its organisation (whose board and process runners manage it). */
export async function loadProject(c: Ctx): Promise<Loaded<ProjectDetail> | null> {
  const project = await findProject(c.var.deps.db, c.req.param("projectId") ?? "");
  return project ? { resource: { type: "organisation", organisationId: project.organisationId }, data: project } : null;
}

export function actorId(c: Ctx): string {
  const actor = c.var.actor;
  if (actor.kind !== "person") throw new Error("an action plan form ran without a signed-in person");
  return actor.personId;
}

export const planPath = (c: Ctx, slug: string, rest = "") =>
  `/${c.var.locale}/organisations/${slug}/action-plan${rest}`;
export const projectPath = (c: Ctx, id: string, rest = "") => `/${c.var.locale}/projects/${id}${rest}`;
export const axesPath = (c: Ctx, slug: string) => `/${c.var.locale}/organisations/${slug}/axes`;
export const axesAdminPath = (c: Ctx, slug: string) => `/${c.var.locale}/admin/organisations/${slug}/axes`;
export const dashboardPath = (c: Ctx, cycleSlug: string) => `/${c.var.locale}/cycles/${cycleSlug}/dashboard`;

export const PROJECT_STATUS_LABEL: Record<ProjectStatus, MessageKey> = {
  planned: "actionPlan.status_planned",
  in_progress: "actionPlan.status_in_progress",
  done: "actionPlan.status_done",
  abandoned: "actionPlan.status_abandoned",
};

export function statusLabel(c: Ctx, status: ProjectStatus): string {
  return c.var.t(PROJECT_STATUS_LABEL[status]);
}

export function percent(c: Ctx, n: number): string {
  return c.var.t("actionPlan.percent", { percent: formatNumber(c.var.locale, n) });
}

/** Progress as a bar (a native element, no script) with its figure in text. */
export function Progress({ c, value }: { c: Ctx; value: number }) {
  return (
    <>
      <progress max={100} value={value} aria-hidden="true">
        {percent(c, value)}
      </progress>{" "}
      {percent(c, value)}
    </>
  );
}

function validDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** A calendar date typed in a date field (yyyy-mm-dd), checked to exist. */
export const isoDate = () =>
  z
    .string({ error: errorMessage("errors.required") })
    .trim()
    .min(1, { error: errorMessage("errors.required") })
    .refine(validDate, { error: errorMessage("actionPlan.invalidDate") });

export const optionalIsoDate = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v ?? "")
    .refine((v) => v === "" || validDate(v), { error: errorMessage("actionPlan.invalidDate") });

/** A whole percentage from 0 to 100. */
export const percentField = () =>
  z
    .string({ error: errorMessage("errors.required") })
    .trim()
    .regex(/^\d{1,3}$/, { error: errorMessage("actionPlan.badPercent") })
    .transform(Number)
    .refine((n) => n <= 100, { error: errorMessage("actionPlan.badPercent") });

export const statusField = () => z.enum(PROJECT_STATUSES, { error: errorMessage("errors.invalidChoice") });
