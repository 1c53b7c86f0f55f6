import { describe, expect, it } from "vitest";
import type { Actor } from "../../src/policies/actor.js";
import { can, type Action } from "../../src/policies/can.js";

const BE = { type: "organisation", organisationId: "be" } as const;
const FR = { type: "organisation", organisationId: "fr" } as const;
const person = (roles: Array<[string, string | null]>, memberOf: string[] = []): Actor => ({
  kind: "person",
  personId: "p1",
  locale: "fr",
  roles: roles.map(([role, organisationId]) => ({ role: role as never, organisationId })),
  memberOf,
});

describe("can()", () => {
  const visitor: Actor = { kind: "visitor" };
  const member = person([], ["be"]);
  const instanceAdmin = person([["admin", null]]);
  const beAdmin = person([["admin", "be"]], ["be"]);
  const board = person([["board_member", "be"]], ["be"]);

  it("lets everyone view public pages", () => {
    for (const a of [visitor, member, instanceAdmin]) expect(can(a, "site.view")).toBe(true);
  });

  it("keeps the administration of an organisation to its admins and instance admins", () => {
    const actions: Action[] = ["organisation.administer", "members.manage", "members.import", "roles.manage"];
    for (const action of actions) {
      expect(can(instanceAdmin, action, BE)).toBe(true);
      expect(can(beAdmin, action, BE)).toBe(true);
      expect(can(beAdmin, action, FR)).toBe(false);
      expect(can(board, action, BE)).toBe(false);
      expect(can(member, action, BE)).toBe(false);
      expect(can(visitor, action, BE)).toBe(false);
      expect(can(instanceAdmin, action, { type: "site" })).toBe(false);
    }
  });

  it("reserves creating organisations and the audit log to instance admins", () => {
    expect(can(instanceAdmin, "organisation.create")).toBe(true);
    expect(can(beAdmin, "organisation.create")).toBe(false);
    expect(can(instanceAdmin, "audit.view")).toBe(true);
    expect(can(beAdmin, "audit.view")).toBe(false);
  });

  it("shows the directory to members of that organisation only", () => {
    expect(can(member, "directory.view", BE)).toBe(true);
    expect(can(member, "directory.view", FR)).toBe(false);
    expect(can(visitor, "directory.view", BE)).toBe(false);
  });

  it("lets a person use only their own account", () => {
    expect(can(member, "account.use")).toBe(true);
    expect(can(member, "account.use", { type: "person", personId: "p1" })).toBe(true);
    expect(can(member, "account.use", { type: "person", personId: "p2" })).toBe(false);
    expect(can(visitor, "account.use")).toBe(false);
  });
});

describe("can() for cycles and ballots", () => {
  const manager = person([["cycle_manager", "be"]], ["be"]);
  const frAdmin = person([["admin", "fr"]], ["fr"]);
  const member = person([], ["be"]);
  const ballot = (status: "draft" | "open" | "closed" | "published", isElector: boolean) =>
    ({ type: "ballot", organisationIds: ["be"], status, isElector }) as const;

  it("lets cycle managers and admins of one of the cycle's organisations run it", () => {
    const binational = { type: "cycle", organisationIds: ["be", "fr"] } as const;
    expect(can(manager, "cycle.manage", binational)).toBe(true);
    expect(can(frAdmin, "cycle.manage", binational)).toBe(true);
    expect(can(frAdmin, "cycle.manage", { type: "cycle", organisationIds: ["be"] })).toBe(false);
    expect(can(member, "cycle.manage", binational)).toBe(false);
    expect(can(manager, "cycle.create", BE)).toBe(true);
    expect(can(manager, "cycle.create", FR)).toBe(false);
    expect(can(manager, "ballot.manage", ballot("open", false))).toBe(true);
    expect(can(member, "ballot.manage", ballot("open", true))).toBe(false);
  });

  it("lets only electors cast, and only while the ballot is open", () => {
    expect(can(member, "ballot.cast", ballot("open", true))).toBe(true);
    expect(can(member, "ballot.cast", ballot("open", false))).toBe(false);
    expect(can(member, "ballot.cast", ballot("draft", true))).toBe(false);
    expect(can(member, "ballot.cast", ballot("closed", true))).toBe(false);
    expect(can({ kind: "visitor" }, "ballot.cast", ballot("open", true))).toBe(false);
  });

  it("shows results to everyone once published, to those who run it once closed", () => {
    expect(can({ kind: "visitor" }, "ballot.view_results", ballot("published", false))).toBe(true);
    expect(can(member, "ballot.view_results", ballot("closed", true))).toBe(false);
    expect(can(manager, "ballot.view_results", ballot("closed", false))).toBe(true);
    expect(can(manager, "ballot.view_results", ballot("open", false))).toBe(false);
  });
});
