import type { AnyRoute } from "../routing.js";
import { axesRoutes } from "./action-plan/axes.js";
import { projectRoutes } from "./action-plan/projects.js";

/** The action plan, its projects and updates, the strategic axes and a cycle's follow-up dashboard (issue 6). */
export const actionPlanRoutes: AnyRoute[] = [...projectRoutes, ...axesRoutes];
