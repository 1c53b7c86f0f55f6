import type { Who } from "./roles.js";

/** Who may use each local-talks route in the walk's state (see roles.ts for the sample group). */
export const LOCAL_TALK_ROUTES: Record<string, Who[]> = {};
