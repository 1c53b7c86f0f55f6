import type { AnyRoute } from "../routing.js";

/** The board's instruction: notes, line-numbered amendments, merges, decisions, action proposals. */
export const boardRoutes: AnyRoute[] = [];
