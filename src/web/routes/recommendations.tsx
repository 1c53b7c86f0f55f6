import type { AnyRoute } from "../routing.js";

/**
 * Recommendations: drafting in the group, versions, comparison, comments, translations, submission.
 * The pages are written (./recommendations/{lists,page,edit,translations}.tsx) but NOT mounted yet:
 * they are untested and the permission walk has no table for them. Mount with:
 *   [...listRoutes, ...pageRoutes, ...editRoutes, ...translationRoutes]
 */
export const recommendationsRoutes: AnyRoute[] = [];
