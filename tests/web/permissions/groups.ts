import { EQUALITY_GROUP, EVERYONE, NOBODY, RUNS_CYCLES, type Who } from "./roles.js";

/** Those who lead the sample group: its facilitator, and those who run the cycle. */
const LEADS: Who[] = ["facilitator", ...RUNS_CYCLES];

/** Who may use each groups route in the walk's state (see roles.ts for the sample group). */
export const GROUP_ROUTES: Record<string, Who[]> = {
  "GET /admin/cycles/:slug/groups": RUNS_CYCLES,
  "GET /admin/cycles/:slug/groups/new": RUNS_CYCLES,
  "POST /admin/cycles/:slug/groups/new": RUNS_CYCLES,
  "GET /admin/groups/:groupId": RUNS_CYCLES,
  "POST /admin/groups/:groupId": RUNS_CYCLES,
  "POST /admin/groups/:groupId/roles": RUNS_CYCLES,
  "POST /admin/groups/:groupId/roles/:personId/remove": RUNS_CYCLES,
  "GET /cycles/:slug/groups": EVERYONE,
  "GET /groups/:groupId": EVERYONE,
  // Members of the group's organisations without a place in it: the cycle manager and ethics@
  // (admin@ and guest@ hold no membership).
  "POST /groups/:groupId/join": ["manager", "ethics"],
  // Nobody is invited in the sample group.
  "POST /groups/:groupId/invitation": NOBODY,
  // Those in the group, and those who run the cycle (who are told they are not in it).
  "POST /groups/:groupId/leave": [...EQUALITY_GROUP, ...RUNS_CYCLES],
  "GET /groups/:groupId/members": LEADS,
  "POST /groups/:groupId/members/invite": LEADS,
  "POST /groups/:groupId/members/:personId/accept": LEADS,
  "POST /groups/:groupId/members/:personId/decline": LEADS,
  "POST /groups/:groupId/members/:personId/remove": LEADS,
};
