import { describe, expect, it } from "vitest";
import type { Actor } from "../../src/policies/actor.js";
import { can } from "../../src/policies/can.js";

const person = (roles: Array<[string, string | null]>, memberOf: string[] = []): Actor => ({
  kind: "person",
  personId: "p1",
  locale: "fr",
  roles: roles.map(([role, organisationId]) => ({ role: role as never, organisationId })),
  memberOf,
});
const ballot = (status: "draft" | "open" | "closed" | "published") =>
  ({ type: "ballot", organisationIds: ["be"], status, isElector: false }) as const;

describe("can(…, 'ballot.view')", () => {
  const visitor: Actor = { kind: "visitor" };
  const member = person([], ["be"]);
  const manager = person([["cycle_manager", "be"]], ["be"]);
  const otherManager = person([["cycle_manager", "fr"]], ["fr"]);
  const instanceAdmin = person([["admin", null]]);

  it("shows a draft only to those who run the ballot", () => {
    expect(can(manager, "ballot.view", ballot("draft"))).toBe(true);
    expect(can(instanceAdmin, "ballot.view", ballot("draft"))).toBe(true);
    expect(can(otherManager, "ballot.view", ballot("draft"))).toBe(false);
    expect(can(member, "ballot.view", ballot("draft"))).toBe(false);
    expect(can(visitor, "ballot.view", ballot("draft"))).toBe(false);
  });

  it("shows the ballot page and its bulletin board to everyone from the opening on", () => {
    for (const status of ["open", "closed", "published"] as const) {
      for (const actor of [visitor, member, otherManager]) expect(can(actor, "ballot.view", ballot(status))).toBe(true);
    }
  });

  it("concerns ballots only", () => {
    expect(can(manager, "ballot.view", { type: "organisation", organisationId: "be" })).toBe(false);
  });
});
