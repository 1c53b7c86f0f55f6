import { EVERYONE, type Who } from "./roles.js";

/** Open data is public: the page, every download, the schemas and the feed. */
export const OPEN_DATA_ROUTES: Record<string, Who[]> = {
  "GET /open-data": EVERYONE,
  "GET /open-data/:file": EVERYONE,
  "GET /open-data/schemas/:schema": EVERYONE,
  "GET /feeds/recommendations.atom": EVERYONE,
};

/** Sample values for the walk: one download and one schema. */
export const OPEN_DATA_SAMPLES = { file: "recommendations.csv", schema: "recommendations.json" };
