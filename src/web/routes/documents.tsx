import type { AnyRoute } from "../routing.js";

export const documentsRoutes: AnyRoute[] = [];
