import { EVERYONE, type Who } from "./roles.js";

/**
 * Who records local talks: those who run the cycle and the holders of the facilitator role in one
 * of its organisations (facilitator@ in Smart Belgique). The sample talk is held at the Brussels
 * head office, so the Belgian rights decide for it.
 */
const RECORDS_TALKS: Who[] = ["admin", "manager", "facilitator"];

/** Who may use each local-talks route in the walk's state (see roles.ts for the sample group). */
export const LOCAL_TALK_ROUTES: Record<string, Who[]> = {
  "GET /cycles/:slug/local-talks": EVERYONE,
  "GET /cycles/:slug/local-talks/new": RECORDS_TALKS,
  "POST /cycles/:slug/local-talks/new": RECORDS_TALKS,
  "GET /local-talks/:talkId": EVERYONE,
  "GET /local-talks/:talkId/edit": RECORDS_TALKS,
  "POST /local-talks/:talkId/edit": RECORDS_TALKS,
  "POST /local-talks/:talkId/contributions": RECORDS_TALKS,
};
