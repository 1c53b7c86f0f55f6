import type { AnyRoute } from "../routing.js";
import { adminBallotRoutes } from "./cycles/admin-ballot.js";
import { adminCycleRoutes } from "./cycles/admin-cycle.js";
import { adminThemeRoutes } from "./cycles/admin-themes.js";
import { publicCycleRoutes } from "./cycles/public.js";

/** Cycles and their themes: public pages, rules of the game, and their administration with the theme ballot. */
export const cyclesRoutes: AnyRoute[] = [
  ...publicCycleRoutes,
  ...adminCycleRoutes,
  ...adminThemeRoutes,
  ...adminBallotRoutes,
];
