import type { AnyRoute } from "../routing.js";

export const budgetRoutes: AnyRoute[] = [];
