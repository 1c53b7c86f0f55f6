import type { AnyRoute } from "../routing.js";

export const organisationsRoutes: AnyRoute[] = [];
