import type { Who } from "./roles.js";

/** Who may use each groups route in the walk's state (see roles.ts for the sample group). */
export const GROUP_ROUTES: Record<string, Who[]> = {};
