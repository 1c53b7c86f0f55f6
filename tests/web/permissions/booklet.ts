import { EVERYONE, type Who } from "./roles.js";

/**
 * The yearly booklet holds only what is public (recommendations past their drafting, names of
 * facilitators, referents and of participants who opted in): everyone reads it and may ask for
 * its PDF (printed once per content and language, then cached).
 */
export const BOOKLET_ROUTES: Record<string, Who[]> = {
  "GET /cycles/:slug/booklet": EVERYONE,
  "GET /cycles/:slug/booklet/print": EVERYONE,
  "GET /cycles/:slug/booklet/pdf": EVERYONE,
  "POST /cycles/:slug/booklet/pdf": EVERYONE,
  "GET /cycles/:slug/booklet/pdf/download": EVERYONE,
};
