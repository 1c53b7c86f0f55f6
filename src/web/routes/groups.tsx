import type { AnyRoute } from "../routing.js";
import { adminGroupRoutes } from "./groups/admin.js";
import { groupMembersRoutes } from "./groups/members.js";
import { publicGroupRoutes } from "./groups/page.js";

/** Working groups: the cycle team's pages, the public group page, joining and the members' management. */
export const groupsRoutes: AnyRoute[] = [...adminGroupRoutes, ...publicGroupRoutes, ...groupMembersRoutes];
