import type { AnyRoute } from "../routing.js";

export const accountRoutes: AnyRoute[] = [];
