import type { AnyRoute } from "../routing.js";

export const groupsRoutes: AnyRoute[] = [];
