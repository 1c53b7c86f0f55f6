import type { GroupMemberStatus, GroupRole } from "../../db/schema/groups.js";
import type { RoleGrant } from "../../policies/actor.js";

/**
 * The rules of working groups that need no database: the form values of a group (key, dates,
 * allocated budget), who may hold which role, and how a person's place in a group moves
 * (invited, requested, active, declined, left).
 */

/** A group's key: as the database constraint `working_groups_key_format`. */
export const GROUP_KEY = /^[a-z0-9][a-z0-9-]{0,62}$/;

export type EurosProblem = "empty" | "invalid" | "negative" | "too_large";

/** At most 10 digits before the decimal point: numeric(12, 2). */
const MAX_INTEGER_DIGITS = 10;

/**
 * An amount in euros as typed by a person, as the exact decimal text the database stores
 * ("1500.50"). Accepts "1500", "1500.50", "1500,5", "1 500,50" (spaces, no-break spaces or
 * apostrophes between thousands); refuses signs, letters and more than two decimals.
 */
export function parseEuros(input: string): { ok: true; value: string } | { ok: false; problem: EurosProblem } {
  const compact = input.replace(/[\s\u00a0\u202f'’]/g, "").replace(/€$/, "");
  if (compact === "") return { ok: false, problem: "empty" };
  if (/^-\d/.test(compact)) return { ok: false, problem: "negative" };
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(compact);
  if (!m) return { ok: false, problem: "invalid" };
  const whole = m[1]!.replace(/^0+(?=\d)/, "");
  if (whole.length > MAX_INTEGER_DIGITS) return { ok: false, problem: "too_large" };
  const cents = (m[2] ?? "").padEnd(2, "0");
  return { ok: true, value: `${whole}.${cents}` };
}

/** A real calendar date written as ISO ("2016-04-14"). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2999) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export type DateProblem = "invalid" | "before_start";

/**
 * The start and end of a group, each optional: empty means not known yet. A date must be real,
 * and the end cannot come before the start.
 */
export function checkGroupDates(
  startsOn: string,
  endsOn: string,
):
  | { ok: true; startsOn: string | null; endsOn: string | null }
  | { ok: false; startsOn?: DateProblem; endsOn?: DateProblem } {
  const start = startsOn.trim();
  const end = endsOn.trim();
  const problems: { startsOn?: DateProblem; endsOn?: DateProblem } = {};
  if (start !== "" && !isCalendarDate(start)) problems.startsOn = "invalid";
  if (end !== "" && !isCalendarDate(end)) problems.endsOn = "invalid";
  if (!problems.startsOn && !problems.endsOn && start !== "" && end !== "" && end < start)
    problems.endsOn = "before_start";
  if (problems.startsOn || problems.endsOn) return { ok: false, ...problems };
  return { ok: true, startsOn: start === "" ? null : start, endsOn: end === "" ? null : end };
}

/** The roles the cycle team gives; everyone else in a group is a participant. */
export const LEADING_ROLES = ["facilitator", "referent", "secretary"] as const satisfies readonly GroupRole[];
export type LeadingRole = (typeof LEADING_ROLES)[number];

/** One or two referent board members per group. */
export const MAX_REFERENTS = 2;

export interface ActiveRole {
  personId: string;
  role: GroupRole;
}

/**
 * Whether a person's role grants make them a board member of one of the group's organisations
 * (its own, or every organisation of its cycle when binational); a grant without organisation
 * holds in every organisation. Only a board member may be a referent.
 */
export function sitsOnBoardOf(grants: readonly RoleGrant[], organisationIds: readonly string[]): boolean {
  return grants.some(
    (g) => g.role === "board_member" && (g.organisationId === null || organisationIds.includes(g.organisationId)),
  );
}

/**
 * What giving `role` to a person changes among the active members: a group has one
 * facilitator and one secretary (the previous holder becomes a participant) and at most two
 * referents (a third is refused).
 */
export function planRoleAssignment(
  active: readonly ActiveRole[],
  personId: string,
  role: LeadingRole,
): { ok: true; demote: string[] } | { ok: false; reason: "referents_full" } {
  const others = active.filter((a) => a.personId !== personId);
  if (role === "referent") {
    const referents = others.filter((a) => a.role === "referent").length;
    return referents >= MAX_REFERENTS ? { ok: false, reason: "referents_full" } : { ok: true, demote: [] };
  }
  return { ok: true, demote: others.filter((a) => a.role === role).map((a) => a.personId) };
}

/** What happens to a person's place in a group. */
export type MembershipEvent =
  /** The person asks to join. */
  | "request"
  /** A leader of the group invites the person. */
  | "invite"
  | "accept_invitation"
  | "decline_invitation"
  /** A leader answers a request. */
  | "accept_request"
  | "decline_request"
  /** The person leaves. */
  | "leave"
  /** A leader takes the person off the group. */
  | "remove";

export type MembershipRefusal =
  | "already_active"
  | "already_invited"
  | "already_requested"
  | "not_invited"
  | "no_request"
  | "not_active"
  | "facilitator_must_be_replaced"
  /** A leader cannot take a referent or the secretary off the group: the cycle team withdraws roles. */
  | "holds_role";

export interface Place {
  status: GroupMemberStatus;
  role: GroupRole;
}

/**
 * The next state of a person's place after an event, or why the event does not apply. A new
 * invitation or request always starts as a participant (an earlier role is not given back).
 */
export function nextPlace(
  current: Place | null,
  event: MembershipEvent,
): { ok: true; place: Place } | { ok: false; reason: MembershipRefusal } {
  const status = current?.status ?? null;
  switch (event) {
    case "request":
    case "invite": {
      if (status === "active") return { ok: false, reason: "already_active" };
      if (status === "invited") return { ok: false, reason: "already_invited" };
      if (status === "requested") return { ok: false, reason: "already_requested" };
      return { ok: true, place: { status: event === "request" ? "requested" : "invited", role: "participant" } };
    }
    case "accept_invitation":
    case "decline_invitation":
      if (status !== "invited" || !current) return { ok: false, reason: "not_invited" };
      return { ok: true, place: { ...current, status: event === "accept_invitation" ? "active" : "declined" } };
    case "accept_request":
    case "decline_request":
      if (status !== "requested" || !current) return { ok: false, reason: "no_request" };
      return { ok: true, place: { ...current, status: event === "accept_request" ? "active" : "declined" } };
    case "leave":
    case "remove":
      if (status !== "active" || !current) return { ok: false, reason: "not_active" };
      if (current.role === "facilitator") return { ok: false, reason: "facilitator_must_be_replaced" };
      if (event === "remove" && current.role !== "participant") return { ok: false, reason: "holds_role" };
      return { ok: true, place: { ...current, status: "left" } };
    default: {
      const unknown: never = event;
      void unknown;
      return { ok: false, reason: "not_active" };
    }
  }
}

export interface ParticipantRow {
  collegeId: string | null;
  name: string;
  /** Whether the person agreed to appear by name (directory opt-in of their membership). */
  named: boolean;
}

export interface CollegeCount {
  collegeId: string | null;
  count: number;
  /** Names of those who agreed to be named, sorted; the others are only counted. */
  names: string[];
}

/** The active people of a group counted by college, in the order of `collegeOrder` (unknown last). */
export function countByCollege(rows: readonly ParticipantRow[], collegeOrder: readonly string[]): CollegeCount[] {
  const byCollege = new Map<string | null, CollegeCount>();
  for (const r of rows) {
    let entry = byCollege.get(r.collegeId);
    if (!entry) byCollege.set(r.collegeId, (entry = { collegeId: r.collegeId, count: 0, names: [] }));
    entry.count += 1;
    if (r.named) entry.names.push(r.name);
  }
  const rank = (id: string | null) => {
    const i = id === null ? -1 : collegeOrder.indexOf(id);
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  const out = [...byCollege.values()].sort((a, b) => rank(a.collegeId) - rank(b.collegeId));
  for (const e of out) e.names.sort((a, b) => a.localeCompare(b));
  return out;
}
