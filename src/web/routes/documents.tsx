import type { AnyRoute } from "../routing.js";
import { documentRoutes } from "./documents/document.js";
import { libraryRoutes } from "./documents/library.js";

/** A group's library, its documents, their versions, downloads and comparisons. */
export const documentsRoutes: AnyRoute[] = [...libraryRoutes, ...documentRoutes];
