import type { AnyRoute } from "../routing.js";

export const importsRoutes: AnyRoute[] = [];
