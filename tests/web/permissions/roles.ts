/** The roles of the permission walk (tests/web/permissions.test.ts) and the demo account of each. */
export const WHO = [
  "visitor",
  "admin",
  "manager",
  "facilitator",
  "secretary",
  "board",
  "ethics",
  "member",
  "guest",
] as const;
export type Who = (typeof WHO)[number];
export const EMAIL: Record<Exclude<Who, "visitor">, string> = {
  admin: "admin@demo.letscoop.test",
  manager: "manager@demo.letscoop.test",
  facilitator: "facilitator@demo.letscoop.test",
  secretary: "secretary@demo.letscoop.test",
  board: "board@demo.letscoop.test",
  ethics: "ethics@demo.letscoop.test",
  member: "member@demo.letscoop.test",
  guest: "guest@demo.letscoop.test",
};

export const EVERYONE: Who[] = [...WHO];
export const SIGNED_IN: Who[] = WHO.filter((w) => w !== "visitor");
/** Members of Smart Belgique (every demo account but the instance admin and the guest author). */
export const BE_MEMBERS: Who[] = ["manager", "facilitator", "secretary", "board", "ethics", "member"];
export const ADMIN: Who[] = ["admin"];
export const RUNS_CYCLES: Who[] = ["admin", "manager"];
export const NOBODY: Who[] = [];

/**
 * Group roles in the walk's sample group (the binational "equality" group of 2020–2021):
 * facilitator@ facilitates it, board@ is its referent board member, secretary@ its secretary,
 * member@ a participant. manager@ and admin@ run the cycle.
 */
export const EQUALITY_GROUP: Who[] = ["facilitator", "board", "secretary", "member"];
