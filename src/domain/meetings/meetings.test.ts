import { describe, expect, it } from "vitest";
import { minutesBlocks } from "./minutes-text.js";
import { isHttpsLink, readPlace } from "./place.js";
import { meetingTimeValues, normaliseTime, overlaps, readMeetingTimes, reminderTime } from "./schedule.js";

const NOW = new Date("2026-03-01T12:00:00Z");

describe("meeting times (Brussels)", () => {
  it("reads a winter and a summer meeting in Brussels time", () => {
    const winter = readMeetingTimes({ date: "2026-03-10", startTime: "14:00", endTime: "16:30" }, NOW);
    expect(winter).toEqual({ ok: true, startsAt: new Date("2026-03-10T13:00:00Z"), durationMinutes: 150 });
    const summer = readMeetingTimes({ date: "2026-07-01", startTime: "9:30", endTime: "12h00" }, NOW);
    expect(summer).toEqual({ ok: true, startsAt: new Date("2026-07-01T07:30:00Z"), durationMinutes: 150 });
  });

  it("counts real minutes across a clock change", () => {
    // 29 March 2026: 02:00 becomes 03:00. From 01:00 to 04:00 is two hours.
    const spring = readMeetingTimes({ date: "2026-03-29", startTime: "01:00", endTime: "04:00" }, NOW);
    expect(spring).toEqual({ ok: true, startsAt: new Date("2026-03-29T00:00:00Z"), durationMinutes: 120 });
    // 25 October 2026: 03:00 becomes 02:00 again. From 00:00 to 23:59 is 24 h 59: too long.
    const autumn = readMeetingTimes({ date: "2026-10-25", startTime: "00:00", endTime: "23:59" }, NOW);
    expect(autumn).toEqual({ ok: false, problems: { endTime: "too_long" } });
    expect(readMeetingTimes({ date: "2026-03-29", startTime: "02:30", endTime: "04:00" }, NOW)).toEqual({
      ok: false,
      problems: { startTime: "nonexistent_time" },
    });
  });

  it("refuses bad dates and times, a past start, an end not after the start, a short meeting", () => {
    const bad = (date: string, startTime: string, endTime: string) =>
      readMeetingTimes({ date, startTime, endTime }, NOW);
    expect(bad("", "", "")).toEqual({
      ok: false,
      problems: { date: "required", startTime: "required", endTime: "required" },
    });
    expect(bad("20/11/2026", "14:00", "15:00")).toMatchObject({ problems: { date: "malformed_date" } });
    expect(bad("2026-02-30", "14:00", "15:00")).toMatchObject({ problems: { date: "malformed_date" } });
    expect(bad("2026-03-10", "25:00", "15:00")).toMatchObject({ problems: { startTime: "malformed_time" } });
    expect(bad("2026-03-10", "14:00", "noon")).toMatchObject({ problems: { endTime: "malformed_time" } });
    expect(bad("2026-03-10", "14:00", "13:00")).toMatchObject({ problems: { endTime: "end_not_after_start" } });
    expect(bad("2026-03-10", "14:00", "14:00")).toMatchObject({ problems: { endTime: "end_not_after_start" } });
    expect(bad("2026-03-10", "14:00", "14:10")).toMatchObject({ problems: { endTime: "too_short" } });
    expect(bad("2026-02-10", "14:00", "15:00")).toMatchObject({ problems: { date: "in_past" } });
  });

  it("lets an edit keep the start of a past meeting, not move it into the past", () => {
    const start = new Date("2026-02-10T13:00:00Z");
    const input = { date: "2026-02-10", startTime: "14:00", endTime: "15:00" };
    expect(readMeetingTimes(input, NOW, { keptStart: start }).ok).toBe(true);
    expect(readMeetingTimes({ ...input, startTime: "14:30" }, NOW, { keptStart: start })).toMatchObject({
      problems: { date: "in_past" },
    });
  });

  it("gives back the form values of a stored meeting, and its reminder time", () => {
    expect(meetingTimeValues(new Date("2026-07-01T07:30:00Z"), 150)).toEqual({
      date: "2026-07-01",
      startTime: "09:30",
      endTime: "12:00",
    });
    expect(reminderTime(new Date("2026-07-01T07:30:00Z"))).toEqual(new Date("2026-06-30T07:30:00Z"));
    expect(normaliseTime("7.05")).toBe("07:05");
    expect(normaliseTime("7:5")).toBeNull();
  });

  it("finds overlapping meetings; touching ones do not overlap", () => {
    const a = { startsAt: new Date("2026-03-10T13:00:00Z"), durationMinutes: 120 };
    expect(overlaps(a, { startsAt: new Date("2026-03-10T14:59:00Z"), durationMinutes: 30 })).toBe(true);
    expect(overlaps(a, { startsAt: new Date("2026-03-10T15:00:00Z"), durationMinutes: 30 })).toBe(false);
    expect(overlaps(a, { startsAt: new Date("2026-03-10T12:00:00Z"), durationMinutes: 60 })).toBe(false);
  });
});

describe("meeting places", () => {
  const offices = [
    { id: "office-1", isHeadOffice: false },
    { id: "head-1", isHeadOffice: true },
  ];
  const place = (p: Partial<Parameters<typeof readPlace>[0]>) =>
    readPlace({ place: "office", officeId: "", location: "", onlineUrl: "", ...p }, offices);

  it("accepts each kind of place with what it needs", () => {
    expect(place({ officeId: "office-1", location: "Salle 2" })).toEqual({
      ok: true,
      value: { place: "office", officeId: "office-1", location: "Salle 2", onlineUrl: "" },
    });
    expect(place({ place: "head_office" })).toMatchObject({ ok: true, value: { officeId: "head-1" } });
    expect(place({ place: "site_visit", location: "Rue Coenraets 72, Saint-Gilles" })).toMatchObject({ ok: true });
    expect(place({ place: "online", onlineUrl: "https://meet.example.org/x", officeId: "office-1" })).toEqual({
      ok: true,
      value: { place: "online", officeId: null, location: "", onlineUrl: "https://meet.example.org/x" },
    });
  });

  it("refuses what does not fit", () => {
    expect(place({ place: "moon" })).toMatchObject({ problems: { place: "invalid_place" } });
    expect(place({})).toMatchObject({ problems: { officeId: "office_required" } });
    expect(place({ officeId: "elsewhere" })).toMatchObject({ problems: { officeId: "unknown_office" } });
    expect(place({ place: "head_office", officeId: "office-1" })).toMatchObject({
      problems: { officeId: "not_a_head_office" },
    });
    expect(
      readPlace({ place: "head_office", officeId: "", location: "", onlineUrl: "" }, [
        { id: "a", isHeadOffice: true },
        { id: "b", isHeadOffice: true },
      ]),
    ).toMatchObject({ problems: { officeId: "head_office_required" } });
    expect(place({ place: "site_visit" })).toMatchObject({ problems: { location: "address_required" } });
    expect(place({ place: "online" })).toMatchObject({ problems: { onlineUrl: "link_required" } });
    expect(place({ place: "online", onlineUrl: "http://meet.example.org" })).toMatchObject({
      problems: { onlineUrl: "link_not_https" },
    });
    expect(place({ place: "online", onlineUrl: "javascript:alert(1)" })).toMatchObject({
      problems: { onlineUrl: "link_not_https" },
    });
    expect(place({ officeId: "office-1", onlineUrl: "https://meet.example.org" })).toMatchObject({
      problems: { onlineUrl: "link_only_online" },
    });
    expect(place({ officeId: "office-1", location: "x".repeat(301) })).toMatchObject({
      problems: { location: "too_long" },
    });
  });

  it("knows an https link", () => {
    expect(isHttpsLink("https://meet.example.org/a?b=c")).toBe(true);
    expect(isHttpsLink("https://user:pw@meet.example.org")).toBe(false);
    expect(isHttpsLink("https://meet.example.org/a b")).toBe(false);
    expect(isHttpsLink("meet.example.org")).toBe(false);
  });
});

describe("minutes text", () => {
  it("finds paragraphs and lists, and keeps markup as text", () => {
    expect(
      minutesBlocks("Neuf présents.\r\n\r\nPistes :\n- publier\n- <b>former</b>\nSuite.\n\n\n<script>x</script>"),
    ).toEqual([
      { kind: "paragraph", lines: ["Neuf présents."] },
      { kind: "paragraph", lines: ["Pistes :"] },
      { kind: "list", items: ["publier", "<b>former</b>"] },
      { kind: "paragraph", lines: ["Suite."] },
      { kind: "paragraph", lines: ["<script>x</script>"] },
    ]);
    expect(minutesBlocks("  \n\n ")).toEqual([]);
  });
});
