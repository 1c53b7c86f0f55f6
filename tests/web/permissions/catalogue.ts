import { EVERYONE, type Who } from "./roles.js";

/** The catalogue and its permalinks are public (it lists only what is public). */
export const CATALOGUE_ROUTES: Record<string, Who[]> = {
  "GET /recommendations": EVERYONE,
  "GET /cycles/:slug/recommendations/:number": EVERYONE,
};

export const CATALOGUE_SAMPLES = { number: "1" };
