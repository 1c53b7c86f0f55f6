import type { AnyRoute } from "../routing.js";
import { editRoutes } from "./recommendations/edit.js";
import { listRoutes } from "./recommendations/lists.js";
import { pageRoutes } from "./recommendations/page.js";
import { translationRoutes } from "./recommendations/translations.js";

/** Recommendations: drafting in the group, versions, comparison, comments, translations, submission. */
export const recommendationsRoutes: AnyRoute[] = [...listRoutes, ...pageRoutes, ...editRoutes, ...translationRoutes];
