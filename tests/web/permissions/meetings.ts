import type { Who } from "./roles.js";

/** Who may use each meetings route in the walk's state (see roles.ts for the sample group). */
export const MEETING_ROUTES: Record<string, Who[]> = {};
