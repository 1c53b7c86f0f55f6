import type { AnyRoute } from "../routing.js";

export const adminRoutes: AnyRoute[] = [];
