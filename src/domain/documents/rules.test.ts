import { describe, expect, it } from "vitest";
import { checkComparison, parseVersionNumber } from "./rules.js";

describe("parseVersionNumber", () => {
  it("reads whole positive numbers", () => {
    expect(parseVersionNumber("1")).toBe(1);
    expect(parseVersionNumber(" 12 ")).toBe(12);
    expect(parseVersionNumber("2147483647")).toBe(2147483647);
  });

  it("refuses anything else", () => {
    for (const raw of ["", "0", "-1", "1.5", "abc", "1e3", "2147483648", "99999999999", " ", "0x10"]) {
      expect(parseVersionNumber(raw), raw).toBeNull();
    }
    expect(parseVersionNumber(undefined)).toBeNull();
    expect(parseVersionNumber(3)).toBeNull();
  });
});

describe("checkComparison", () => {
  const versions = new Map([
    [1, { hasText: true }],
    [2, { hasText: true }],
    [3, { hasText: false }],
  ]);

  it("gives the two versions, oldest first", () => {
    expect(checkComparison("1", "2", versions)).toEqual({ ok: true, from: 1, to: 2 });
    expect(checkComparison("2", "1", versions)).toEqual({ ok: true, from: 1, to: 2 });
  });

  it("names the problem and its field", () => {
    expect(checkComparison(undefined, "2", versions)).toEqual({ ok: false, field: "from", problem: "missing" });
    expect(checkComparison("1", "", versions)).toEqual({ ok: false, field: "to", problem: "missing" });
    expect(checkComparison("one", "2", versions)).toEqual({ ok: false, field: "from", problem: "notANumber" });
    expect(checkComparison("1", "9", versions)).toEqual({ ok: false, field: "to", problem: "unknown" });
    expect(checkComparison("3", "1", versions)).toEqual({ ok: false, field: "from", problem: "notText" });
    expect(checkComparison("2", "2", versions)).toEqual({ ok: false, field: "to", problem: "same" });
  });
});
