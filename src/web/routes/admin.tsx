import type { AnyRoute } from "../routing.js";
import { adminAuditRoutes } from "./admin/audit.js";
import { adminCollegeRoutes } from "./admin/colleges.js";
import { adminHomeRoutes } from "./admin/home.js";
import { adminMemberRoutes } from "./admin/members.js";
import { adminOfficeRoutes } from "./admin/offices.js";
import { adminOrganisationRoutes } from "./admin/organisations.js";
import { adminRoleRoutes } from "./admin/roles.js";

/** The administration: organisations, offices, colleges, members, roles and the audit log. */
export const adminRoutes: AnyRoute[] = [
  ...adminHomeRoutes,
  ...adminAuditRoutes,
  ...adminOrganisationRoutes,
  ...adminOfficeRoutes,
  ...adminCollegeRoutes,
  ...adminMemberRoutes,
  ...adminRoleRoutes,
];
