import type { AnyRoute } from "../routing.js";

/** Recommendations: drafting in the group, versions, comparison, comments, translations, submission. */
export const recommendationsRoutes: AnyRoute[] = [];
