import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GROUP_MEMBER_STATUSES, GROUP_ROLES } from "../../db/schema/groups.js";
import {
  brusselsDay,
  computeFigures,
  hoursOf,
  monthsSpanned,
  type AttendanceRow,
  type FigureRows,
  type MeetingRow,
  type MemberRow,
} from "./figures.js";

const A = { id: "a", key: "alpha" };
const B = { id: "b", key: "beta" };

function meeting(
  id: string,
  groupId: string,
  startsAt: string,
  durationMinutes: number,
  cancelled = false,
): MeetingRow {
  return { id, groupId, startsAt: new Date(startsAt), durationMinutes, cancelled };
}

describe("hoursOf", () => {
  it("turns integer minutes into hours with at most two decimals", () => {
    expect(hoursOf(0)).toBe(0);
    expect(hoursOf(3960)).toBe(66);
    expect(hoursOf(330)).toBe(5.5);
    expect(hoursOf(100)).toBe(1.67);
    expect(hoursOf(1)).toBe(0.02);
    expect(hoursOf(45)).toBe(0.75);
    expect(() => hoursOf(1.5)).toThrow();
    expect(() => hoursOf(-1)).toThrow();
  });

  it("is the nearest hundredth of minutes / 60, exact whenever that has two decimals", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (minutes) => {
        const hours = hoursOf(minutes);
        const cents = Math.round(hours * 100);
        expect(Math.abs(hours * 100 - cents)).toBeLessThan(1e-6);
        // |cents/100 − minutes/60| ≤ 1/200, compared in integers: |60·cents − 100·minutes| ≤ 30.
        expect(Math.abs(60 * cents - 100 * minutes)).toBeLessThanOrEqual(30);
        if ((minutes * 5) % 3 === 0) expect(cents).toBe((minutes * 5) / 3);
        expect(String(hours)).toMatch(/^\d+(\.\d{1,2})?$/);
      }),
    );
  });
});

describe("brusselsDay and monthsSpanned", () => {
  it("reads dates in Brussels time", () => {
    expect(brusselsDay(new Date("2015-10-22T16:00:00Z"))).toBe("2015-10-22");
    expect(brusselsDay(new Date("2015-12-31T23:30:00Z"))).toBe("2016-01-01");
    expect(brusselsDay(new Date("2016-04-13T22:30:00Z"))).toBe("2016-04-14");
  });

  it("counts a month begun as a month", () => {
    expect(monthsSpanned("2015-10-22", "2016-04-14")).toBe(6);
    expect(monthsSpanned("2015-10-22", "2015-10-22")).toBe(1);
    expect(monthsSpanned("2016-01-15", "2016-03-15")).toBe(2);
    expect(monthsSpanned("2016-01-15", "2016-03-16")).toBe(3);
    expect(monthsSpanned("2016-01-31", "2016-02-29")).toBe(1);
    expect(monthsSpanned("2016-04-14", "2015-10-22")).toBe(6);
  });
});

describe("computeFigures", () => {
  const rows: FigureRows = {
    groups: [A, B],
    members: [
      { groupId: "a", personId: "f1", role: "facilitator", status: "active" },
      { groupId: "a", personId: "r1", role: "referent", status: "active" },
      { groupId: "a", personId: "s1", role: "secretary", status: "active" },
      { groupId: "a", personId: "p1", role: "participant", status: "active" },
      { groupId: "a", personId: "p2", role: "participant", status: "active" },
      { groupId: "a", personId: "p9", role: "participant", status: "left" },
      { groupId: "a", personId: "p8", role: "participant", status: "invited" },
      { groupId: "b", personId: "f2", role: "facilitator", status: "active" },
      { groupId: "b", personId: "r1", role: "referent", status: "active" },
      { groupId: "b", personId: "s1", role: "secretary", status: "active" },
      { groupId: "b", personId: "p2", role: "participant", status: "active" },
      { groupId: "b", personId: "f1", role: "participant", status: "active" },
      { groupId: "b", personId: "p7", role: "participant", status: "requested" },
    ],
    meetings: [
      meeting("m1", "a", "2015-10-22T16:00:00Z", 180),
      meeting("m2", "a", "2016-04-14T12:00:00Z", 150),
      meeting("m3", "b", "2015-11-12T17:00:00Z", 100),
      meeting("m4", "b", "2016-05-01T12:00:00Z", 600, true),
    ],
    attendance: [
      { meetingId: "m1", personId: "p9", attended: true },
      { meetingId: "m1", personId: "p1", attended: true },
      { meetingId: "m1", personId: "p8", attended: false },
      { meetingId: "m1", personId: "x1", attended: null },
      { meetingId: "m3", personId: "guest", attended: true },
      { meetingId: "m4", personId: "ghost", attended: true },
    ],
    talks: [
      { groupId: "a", attendance: 30 },
      { groupId: null, attendance: 12 },
      { groupId: "b", attendance: 0 },
      { groupId: "b", attendance: 7 },
    ],
  };

  it("counts each figure for the cycle and per group", () => {
    const f = computeFigures(rows);
    expect(f).toMatchObject({
      participants: 3, // p1, p2, f1 (participant in b)
      facilitators: 3, // f1, r1, f2
      secretaries: 1,
      meetings: 3,
      meetingHours: 7.17, // 430 minutes
      localTalks: 4,
      localTalkAttendance: 49,
      distinctPeople: 8, // f1 r1 s1 p1 p2 f2 + p9 and guest who attended
      firstMeeting: "2015-10-22",
      lastMeeting: "2016-04-14",
      unlinkedTalks: { localTalks: 1, localTalkAttendance: 12 },
    });
    expect(f.groups.map((g) => g.key)).toEqual(["alpha", "beta"]);
    expect(f.groups[0]).toMatchObject({
      participants: 2,
      facilitators: 2,
      secretaries: 1,
      meetings: 2,
      meetingHours: 5.5,
      localTalks: 1,
      localTalkAttendance: 30,
      distinctPeople: 6,
    });
    expect(f.groups[1]).toMatchObject({
      participants: 2,
      facilitators: 2,
      secretaries: 1,
      meetings: 1,
      meetingHours: 1.67,
      localTalks: 2,
      localTalkAttendance: 7,
      distinctPeople: 6,
      firstMeeting: "2015-11-12",
      lastMeeting: "2015-11-12",
    });
  });

  it("ignores rows of groups not listed, and gives zeros and no dates without records", () => {
    const f = computeFigures({ ...rows, groups: [] });
    expect(f).toMatchObject({ participants: 0, meetings: 0, meetingHours: 0, localTalks: 1, distinctPeople: 0 });
    expect(f.firstMeeting).toBeNull();
    expect(f.lastMeeting).toBeNull();
  });

  const ids = fc.constantFrom("p1", "p2", "p3", "p4", "p5", "p6");
  const member = fc.record({
    groupId: fc.constantFrom("a", "b"),
    personId: ids,
    role: fc.constantFrom(...GROUP_ROLES),
    status: fc.constantFrom(...GROUP_MEMBER_STATUSES),
  });
  const meetingArb = fc.record({
    id: fc.constantFrom("m1", "m2", "m3", "m4"),
    groupId: fc.constantFrom("a", "b"),
    startsAt: fc.date({ min: new Date("2015-01-01"), max: new Date("2030-01-01"), noInvalidDate: true }),
    durationMinutes: fc.integer({ min: 15, max: 1440 }),
    cancelled: fc.boolean(),
  });
  const attendanceArb = fc.record({
    meetingId: fc.constantFrom("m1", "m2", "m3", "m4"),
    personId: fc.constantFrom("p1", "p2", "p7", "p8"),
    attended: fc.constantFrom(true, false, null),
  });

  it("never counts more distinct people than the sum of every role and of those who attended", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(member, { selector: (m) => `${m.groupId}/${m.personId}`, maxLength: 12 }),
        fc.uniqueArray(meetingArb, { selector: (m) => m.id, maxLength: 4 }),
        fc.array(attendanceArb, { maxLength: 12 }),
        (members: MemberRow[], meetings: MeetingRow[], attendance: AttendanceRow[]) => {
          const f = computeFigures({ groups: [A, B], members, meetings, attendance, talks: [] });
          const held = new Set(meetings.filter((m) => !m.cancelled).map((m) => m.id));
          const attendees = new Set(
            attendance.filter((a) => a.attended && held.has(a.meetingId)).map((a) => a.personId),
          );
          expect(f.distinctPeople).toBeLessThanOrEqual(
            f.participants + f.facilitators + f.secretaries + attendees.size,
          );
          expect(f.distinctPeople).toBeGreaterThanOrEqual(Math.max(f.participants, f.facilitators, f.secretaries));
          for (const g of f.groups) {
            expect(g.participants).toBeLessThanOrEqual(f.participants);
            expect(g.distinctPeople).toBeLessThanOrEqual(f.distinctPeople);
          }
          expect(f.meetings).toBe(f.groups.reduce((s, g) => s + g.meetings, 0));
          const minutes = meetings.filter((m) => !m.cancelled).reduce((s, m) => s + m.durationMinutes, 0);
          expect(f.meetingHours).toBe(hoursOf(minutes));
        },
      ),
    );
  });
});
