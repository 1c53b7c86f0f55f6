import { describe, expect, it } from "vitest";
import { checkSpentOn, daysBefore, earliestSpentOn, readDay } from "./spent-on.js";

const bounds = { today: "2026-03-15", earliest: "2026-01-10" };

describe("readDay", () => {
  it("reads ISO days and day-first days", () => {
    expect(readDay("2026-03-01")).toBe("2026-03-01");
    expect(readDay(" 1/3/2026 ")).toBe("2026-03-01");
    expect(readDay("01.03.2026")).toBe("2026-03-01");
    expect(readDay("29-02-2024")).toBe("2024-02-29");
  });

  it("refuses days that do not exist and other text", () => {
    for (const bad of ["2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "31/04/2026", "tomorrow", "2026-3-1x"]) {
      expect(readDay(bad), bad).toBeNull();
    }
  });
});

describe("checkSpentOn", () => {
  it("accepts today and the first day of the group's work", () => {
    expect(checkSpentOn("2026-03-15", bounds)).toEqual({ ok: true, date: "2026-03-15" });
    expect(checkSpentOn("2026-01-10", bounds)).toEqual({ ok: true, date: "2026-01-10" });
  });

  it("refuses an empty, malformed, future or too early date", () => {
    expect(checkSpentOn("", bounds)).toEqual({ ok: false, problem: "required" });
    expect(checkSpentOn("15 mars", bounds)).toEqual({ ok: false, problem: "invalid" });
    expect(checkSpentOn("2026-03-16", bounds)).toEqual({ ok: false, problem: "future" });
    expect(checkSpentOn("2026-01-09", bounds)).toEqual({ ok: false, problem: "tooEarly" });
  });
});

describe("earliestSpentOn", () => {
  it("is the earliest known start, else a year back", () => {
    expect(earliestSpentOn("2026-03-15", ["2026-01-10", "2025-09-01", null])).toBe("2025-09-01");
    expect(earliestSpentOn("2026-03-15", [null, undefined])).toBe("2025-03-15");
    expect(daysBefore("2024-03-01", 1)).toBe("2024-02-29");
  });
});
