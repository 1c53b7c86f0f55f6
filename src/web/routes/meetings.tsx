import type { AnyRoute } from "../routing.js";

export const meetingsRoutes: AnyRoute[] = [];
