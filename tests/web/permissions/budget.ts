import type { Who } from "./roles.js";

/** Who may use each budget route in the walk's state (see roles.ts for the sample group). */
export const BUDGET_ROUTES: Record<string, Who[]> = {};
