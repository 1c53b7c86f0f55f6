import { eq } from "drizzle-orm";
import { actionProgrammes, actionProjects, organisations } from "../../../src/db/schema/index.js";
import type { TestApp } from "../../support/app.js";
import { EVERYONE, RUNS_CYCLES, type Who } from "./roles.js";

/** Those who run the process in Smart Belgique (admin@, manager@) and its board (board@) keep its action plan. */
const KEEPS_PLAN: Who[] = [...RUNS_CYCLES, "board"];

/**
 * Who may use each route of the action plan and strategic plan in the walk's state: the demo's
 * plan of Smart Belgique (:slug smart-be; :projectId one of its two projects) and the dashboard
 * of 2020–2021 (public, empty). Reading is public; writing is the organisation's board's and runners'.
 */
export const ACTION_PLAN_ROUTES: Record<string, Who[]> = {
  "GET /organisations/:slug/action-plan": EVERYONE,
  "GET /organisations/:slug/action-plan/programmes/new": KEEPS_PLAN,
  "POST /organisations/:slug/action-plan/programmes/new": KEEPS_PLAN,
  "GET /organisations/:slug/action-plan/projects/new": KEEPS_PLAN,
  "POST /organisations/:slug/action-plan/projects/new": KEEPS_PLAN,
  "GET /projects/:projectId": EVERYONE,
  "GET /projects/:projectId/edit": KEEPS_PLAN,
  "POST /projects/:projectId/edit": KEEPS_PLAN,
  "GET /projects/:projectId/updates/new": KEEPS_PLAN,
  "POST /projects/:projectId/updates/new": KEEPS_PLAN,
  "GET /organisations/:slug/axes": EVERYONE,
  "GET /admin/organisations/:slug/axes": KEEPS_PLAN,
  "POST /admin/organisations/:slug/axes": KEEPS_PLAN,
  "GET /cycles/:slug/dashboard": EVERYONE,
};

/** A project of the demo's action plan of Smart Belgique. */
export async function actionPlanSamples(t: TestApp): Promise<Record<string, string>> {
  const [row] = await t.deps.db
    .select({ id: actionProjects.id })
    .from(actionProjects)
    .innerJoin(actionProgrammes, eq(actionProgrammes.id, actionProjects.programmeId))
    .innerJoin(organisations, eq(organisations.id, actionProgrammes.organisationId))
    .where(eq(organisations.slug, "smart-be"))
    .limit(1);
  if (!row) throw new Error("the demo has no project in the action plan of smart-be");
  return { projectId: row.id };
}
