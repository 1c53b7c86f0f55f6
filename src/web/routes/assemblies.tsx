import type { AnyRoute } from "../routing.js";

/** General assemblies: sites, attendance, proxies, agenda, votes (online and paper), results. */
export const assembliesRoutes: AnyRoute[] = [];
