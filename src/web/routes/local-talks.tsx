import type { AnyRoute } from "../routing.js";

export const localTalksRoutes: AnyRoute[] = [];
