import type { Who } from "./roles.js";

/** Who may use each documents route in the walk's state (see roles.ts for the sample group). */
export const DOCUMENT_ROUTES: Record<string, Who[]> = {};
