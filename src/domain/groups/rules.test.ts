import { describe, expect, it } from "vitest";
import {
  checkGroupDates,
  countByCollege,
  GROUP_KEY,
  nextPlace,
  parseEuros,
  planRoleAssignment,
  sitsOnBoardOf,
  type MembershipEvent,
  type Place,
} from "./rules.js";

describe("parseEuros", () => {
  it("reads the ways people write an amount, exactly", () => {
    expect(parseEuros("1500")).toEqual({ ok: true, value: "1500.00" });
    expect(parseEuros("1500.50")).toEqual({ ok: true, value: "1500.50" });
    expect(parseEuros("1500,5")).toEqual({ ok: true, value: "1500.50" });
    expect(parseEuros("1 500,50")).toEqual({ ok: true, value: "1500.50" });
    expect(parseEuros("1\u202f500,50 €")).toEqual({ ok: true, value: "1500.50" });
    expect(parseEuros("1'500.05")).toEqual({ ok: true, value: "1500.05" });
    expect(parseEuros("0")).toEqual({ ok: true, value: "0.00" });
    expect(parseEuros("007")).toEqual({ ok: true, value: "7.00" });
    expect(parseEuros("9999999999.99")).toEqual({ ok: true, value: "9999999999.99" });
  });
  it("names what is wrong", () => {
    expect(parseEuros("  ")).toEqual({ ok: false, problem: "empty" });
    expect(parseEuros("-10")).toEqual({ ok: false, problem: "negative" });
    expect(parseEuros("-0,5")).toEqual({ ok: false, problem: "negative" });
    expect(parseEuros("abc")).toEqual({ ok: false, problem: "invalid" });
    expect(parseEuros("12.345")).toEqual({ ok: false, problem: "invalid" });
    expect(parseEuros("1.500,50")).toEqual({ ok: false, problem: "invalid" });
    expect(parseEuros("1e3")).toEqual({ ok: false, problem: "invalid" });
    expect(parseEuros("+5")).toEqual({ ok: false, problem: "invalid" });
    expect(parseEuros("12345678901")).toEqual({ ok: false, problem: "too_large" });
  });
});

describe("group keys and dates", () => {
  it("keys follow the database's format", () => {
    expect(GROUP_KEY.test("governance-be")).toBe(true);
    expect(GROUP_KEY.test("a")).toBe(true);
    expect(GROUP_KEY.test("-lead")).toBe(false);
    expect(GROUP_KEY.test("Équité")).toBe(false);
    expect(GROUP_KEY.test("a".repeat(64))).toBe(false);
  });
  it("accepts empty or real dates with the end on or after the start", () => {
    expect(checkGroupDates("", "")).toEqual({ ok: true, startsOn: null, endsOn: null });
    expect(checkGroupDates("2015-10-22", "2016-04-14")).toEqual({
      ok: true,
      startsOn: "2015-10-22",
      endsOn: "2016-04-14",
    });
    expect(checkGroupDates("2016-01-01", "2016-01-01").ok).toBe(true);
    expect(checkGroupDates("2016-04-14", "2015-10-22")).toEqual({ ok: false, endsOn: "before_start" });
    expect(checkGroupDates("2016-02-30", "")).toEqual({ ok: false, startsOn: "invalid" });
    expect(checkGroupDates("", "14/04/2016")).toEqual({ ok: false, endsOn: "invalid" });
  });
});

describe("planRoleAssignment", () => {
  const active = [
    { personId: "f", role: "facilitator" as const },
    { personId: "r1", role: "referent" as const },
    { personId: "s", role: "secretary" as const },
    { personId: "p", role: "participant" as const },
  ];
  it("replaces the facilitator and the secretary", () => {
    expect(planRoleAssignment(active, "p", "facilitator")).toEqual({ ok: true, demote: ["f"] });
    expect(planRoleAssignment(active, "p", "secretary")).toEqual({ ok: true, demote: ["s"] });
    expect(planRoleAssignment(active, "f", "facilitator")).toEqual({ ok: true, demote: [] });
  });
  it("allows two referents and refuses a third", () => {
    expect(planRoleAssignment(active, "p", "referent")).toEqual({ ok: true, demote: [] });
    const two = [...active, { personId: "r2", role: "referent" as const }];
    expect(planRoleAssignment(two, "p", "referent")).toEqual({ ok: false, reason: "referents_full" });
    expect(planRoleAssignment(two, "r2", "referent")).toEqual({ ok: true, demote: [] });
  });
});

describe("nextPlace", () => {
  const place = (status: Place["status"], role: Place["role"] = "participant"): Place => ({ status, role });
  const cases: Array<[Place | null, MembershipEvent, ReturnType<typeof nextPlace>]> = [
    [null, "request", { ok: true, place: place("requested") }],
    [place("left", "referent"), "request", { ok: true, place: place("requested") }],
    [place("declined"), "invite", { ok: true, place: place("invited") }],
    [place("active"), "invite", { ok: false, reason: "already_active" }],
    [place("invited"), "invite", { ok: false, reason: "already_invited" }],
    [place("requested"), "invite", { ok: false, reason: "already_requested" }],
    [place("invited"), "accept_invitation", { ok: true, place: place("active") }],
    [place("invited"), "decline_invitation", { ok: true, place: place("declined") }],
    [place("requested"), "accept_invitation", { ok: false, reason: "not_invited" }],
    [place("requested"), "accept_request", { ok: true, place: place("active") }],
    [place("requested"), "decline_request", { ok: true, place: place("declined") }],
    [place("active"), "accept_request", { ok: false, reason: "no_request" }],
    [place("active", "secretary"), "leave", { ok: true, place: place("left", "secretary") }],
    [place("active", "facilitator"), "leave", { ok: false, reason: "facilitator_must_be_replaced" }],
    [place("active", "facilitator"), "remove", { ok: false, reason: "facilitator_must_be_replaced" }],
    [place("active", "referent"), "remove", { ok: false, reason: "holds_role" }],
    [place("active", "secretary"), "remove", { ok: false, reason: "holds_role" }],
    [place("active"), "remove", { ok: true, place: place("left") }],
    [place("requested"), "remove", { ok: false, reason: "not_active" }],
    [null, "leave", { ok: false, reason: "not_active" }],
  ];
  it.each(cases)("%o on %s", (current, event, expected) => {
    expect(nextPlace(current, event)).toEqual(expected);
  });
});

describe("countByCollege", () => {
  it("counts everyone and names only those who agreed, in the colleges' order", () => {
    const rows = [
      { collegeId: "b", name: "Zoé", named: true },
      { collegeId: "a", name: "Yann", named: false },
      { collegeId: "b", name: "Anna", named: true },
      { collegeId: null, name: "Xavier", named: true },
      { collegeId: "b", name: "Hidden", named: false },
    ];
    expect(countByCollege(rows, ["a", "b"])).toEqual([
      { collegeId: "a", count: 1, names: [] },
      { collegeId: "b", count: 3, names: ["Anna", "Zoé"] },
      { collegeId: null, count: 1, names: ["Xavier"] },
    ]);
  });
});

describe("sitsOnBoardOf", () => {
  const BE = "11111111-1111-4111-8111-111111111111";
  const FR = "22222222-2222-4222-8222-222222222222";

  it("is true for a board role in one of the group's organisations, or in every organisation", () => {
    expect(sitsOnBoardOf([{ role: "board_member", organisationId: BE }], [BE])).toBe(true);
    expect(sitsOnBoardOf([{ role: "board_member", organisationId: FR }], [BE, FR])).toBe(true);
    expect(sitsOnBoardOf([{ role: "board_member", organisationId: null }], [BE])).toBe(true);
  });

  it("is false for a board role elsewhere, another role, or none", () => {
    expect(sitsOnBoardOf([{ role: "board_member", organisationId: FR }], [BE])).toBe(false);
    expect(sitsOnBoardOf([{ role: "facilitator", organisationId: BE }], [BE])).toBe(false);
    expect(sitsOnBoardOf([{ role: "admin", organisationId: null }], [BE])).toBe(false);
    expect(sitsOnBoardOf([], [BE])).toBe(false);
  });
});
