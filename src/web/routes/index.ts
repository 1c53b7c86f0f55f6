import type { AnyRoute } from "../routing.js";
import { accountRoutes } from "./account.js";
import { adminRoutes } from "./admin.js";
import { authRoutes } from "./auth.js";
import { ballotsRoutes } from "./ballots.js";
import { cyclesRoutes } from "./cycles.js";
import { homeRoutes } from "./home.js";
import { importsRoutes } from "./imports.js";
import { organisationsRoutes } from "./organisations.js";
import { resultsRoutes } from "./results.js";
import { localTalksRoutes } from "./local-talks.js";
import { budgetRoutes } from "./budget.js";
import { documentsRoutes } from "./documents.js";
import { meetingsRoutes } from "./meetings.js";
import { groupsRoutes } from "./groups.js";
import { recommendationsRoutes } from "./recommendations.js";
import { boardRoutes } from "./board.js";
import { assembliesRoutes } from "./assemblies.js";
import { openDataRoutes } from "./open-data.js";
import { bookletRoutes } from "./booklet.js";
import { catalogueRoutes } from "./catalogue.js";
import { actionPlanRoutes } from "./action-plan.js";
import { apiTokenRoutes } from "./api-tokens.js";

/** Every page and form of the site; the permission test walks this list. */
export const ALL_ROUTES: AnyRoute[] = [
  ...homeRoutes,
  ...authRoutes,
  ...accountRoutes,
  ...organisationsRoutes,
  ...adminRoutes,
  ...importsRoutes,
  ...cyclesRoutes,
  ...ballotsRoutes,
  ...resultsRoutes,
  ...groupsRoutes,
  ...meetingsRoutes,
  ...documentsRoutes,
  ...budgetRoutes,
  ...localTalksRoutes,
  ...recommendationsRoutes,
  ...boardRoutes,
  ...assembliesRoutes,
  ...openDataRoutes,
  ...bookletRoutes,
  ...catalogueRoutes,
  ...actionPlanRoutes,
  ...apiTokenRoutes,
];
