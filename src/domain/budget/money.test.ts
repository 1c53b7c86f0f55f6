import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { centsOf, decimalOf, formatMoney, MAX_EXPENSE_CENTS, parseAmount } from "./money.js";

/** Intl puts no-break and narrow no-break spaces in amounts; compare with plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("parseAmount", () => {
  it.each([
    ["23.40", 2340],
    ["23,40", 2340],
    ["23,4", 2340],
    ["23", 2300],
    ["0.01", 1],
    [",5", 50],
    ["1 234,50", 123450],
    ["1\u202f234,50", 123450],
    ["1\u00a0234,50 €", 123450],
    ["1.234,50", 123450],
    ["1,234.50", 123450],
    ["1.000.000", MAX_EXPENSE_CENTS],
    ["€ 12", 1200],
    ["+5", 500],
    ["1000000", MAX_EXPENSE_CENTS],
    ["1 000 000,00", MAX_EXPENSE_CENTS],
    ["007,50", 750],
  ])("reads %j as %i cents", (raw, cents) => {
    expect(parseAmount(raw)).toEqual({ ok: true, cents });
  });

  it.each([
    ["", "required"],
    ["   ", "required"],
    ["-5", "notPositive"],
    ["−5", "notPositive"],
    ["-0,01", "notPositive"],
    ["0", "notPositive"],
    ["0,00", "notPositive"],
    ["abc", "invalid"],
    ["12a", "invalid"],
    ["1e5", "invalid"],
    ["Infinity", "invalid"],
    ["NaN", "invalid"],
    ["1,2,3", "invalid"],
    ["1.23.45", "invalid"],
    ["12.345,6.7", "invalid"],
    [".", "invalid"],
    ["23.456", "tooManyDecimals"],
    ["1.234", "tooManyDecimals"],
    ["0,001", "tooManyDecimals"],
    ["1000000.01", "tooLarge"],
    ["1.234.567", "tooLarge"],
    ["99999999999999999999", "tooLarge"],
  ])("refuses %j (%s)", (raw, problem) => {
    expect(parseAmount(raw)).toEqual({ ok: false, problem });
  });

  it("reads back every amount it formats, in every language", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_EXPENSE_CENTS }), (cents) => {
        for (const locale of ["fr", "nl", "de", "en"] as const) {
          expect(parseAmount(formatMoney(locale, cents))).toEqual({ ok: true, cents });
        }
        expect(parseAmount(decimalOf(cents))).toEqual({ ok: true, cents });
      }),
    );
  });
});

describe("centsOf and decimalOf", () => {
  it("convert the database's decimal strings exactly", () => {
    expect(centsOf("23.40")).toBe(2340);
    expect(centsOf("2500.00")).toBe(250000);
    expect(centsOf("0")).toBe(0);
    expect(centsOf("0.1")).toBe(10);
    expect(centsOf("-12.05")).toBe(-1205);
    expect(centsOf("9999999999.99")).toBe(999999999999);
    expect(decimalOf(2340)).toBe("23.40");
    expect(decimalOf(5)).toBe("0.05");
    expect(decimalOf(-1205)).toBe("-12.05");
    expect(decimalOf(0)).toBe("0.00");
    expect(() => centsOf("1.234")).toThrow();
    expect(() => decimalOf(0.5)).toThrow();
  });

  it("sum without the rounding errors of binary floats", () => {
    // 0.1 + 0.2 !== 0.3 in floats; in cents it is exact.
    expect(decimalOf(centsOf("0.10") + centsOf("0.20"))).toBe("0.30");
  });

  it("round-trip every amount", () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => centsOf(decimalOf(cents)) === cents));
  });
});

describe("formatMoney", () => {
  it("writes euros in the reader's language", () => {
    expect(plain(formatMoney("fr", 123450))).toBe("1 234,50 €");
    expect(plain(formatMoney("de", 123450))).toBe("1.234,50 €");
    expect(plain(formatMoney("nl", 123450))).toBe("€ 1.234,50");
    expect(formatMoney("en", 123450)).toBe("€1,234.50");
    expect(plain(formatMoney("fr", -2340))).toBe("-23,40 €");
    expect(plain(formatMoney("fr", 999999999999))).toBe("9 999 999 999,99 €");
  });
});
