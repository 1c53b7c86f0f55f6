import { describe, expect, it } from "vitest";
import { isCalendarDate, normaliseTime, readTalkTime } from "./talk-time.js";

describe("readTalkTime", () => {
  it("reads a date and a time in Brussels, summer and winter", () => {
    expect(readTalkTime("2016-03-31", "18:00")).toEqual({ ok: true, heldAt: new Date("2016-03-31T16:00:00Z") });
    expect(readTalkTime(" 2015-12-03 ", "18h30")).toEqual({ ok: true, heldAt: new Date("2015-12-03T17:30:00Z") });
  });

  it("refuses missing, malformed and non-existent dates and times", () => {
    expect(readTalkTime("", "")).toEqual({ ok: false, problems: { date: "required", startTime: "required" } });
    expect(readTalkTime("2016-02-30", "18:00")).toEqual({ ok: false, problems: { date: "invalid_date" } });
    expect(readTalkTime("31/03/2016", "25:00")).toEqual({
      ok: false,
      problems: { date: "invalid_date", startTime: "invalid_time" },
    });
    expect(readTalkTime("2016-03-27", "02:30")).toEqual({ ok: false, problems: { startTime: "nonexistent_time" } });
  });

  it("knows the calendar and wall-clock times", () => {
    expect(isCalendarDate("2016-02-29")).toBe(true);
    expect(isCalendarDate("2015-02-29")).toBe(false);
    expect(isCalendarDate("2016-13-01")).toBe(false);
    expect(normaliseTime("9.05")).toBe("09:05");
    expect(normaliseTime("24:00")).toBeNull();
  });
});
