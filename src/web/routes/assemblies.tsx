import type { AnyRoute } from "../routing.js";
import { adminAssemblyRoutes } from "./assemblies/admin.js";
import { deskRoutes } from "./assemblies/desk.js";
import { publicAssemblyRoutes } from "./assemblies/public.js";
import { voteRoutes } from "./assemblies/vote.js";

/** General assemblies: sites, attendance, proxies, agenda, votes (online and paper), results. */
export const assembliesRoutes: AnyRoute[] = [
  ...adminAssemblyRoutes,
  ...deskRoutes,
  ...voteRoutes,
  ...publicAssemblyRoutes,
];
