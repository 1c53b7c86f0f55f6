import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rational } from "./rational.js";

const r = (text: string) => Rational.parse(text);

describe("Rational", () => {
  it("normalises by gcd with a positive denominator", () => {
    const value = Rational.of(6n, -4n);
    expect([value.num, value.den]).toEqual([-3n, 2n]);
    expect(Rational.of(0, 5).den).toBe(1n);
  });

  it("parses integers, decimals and fractions", () => {
    expect(r("12").toString()).toBe("12");
    expect(r("-3").toString()).toBe("-3");
    expect(r("0.5").toString()).toBe("1/2");
    expect(r("1.25").toString()).toBe("5/4");
    expect(r(".75").toString()).toBe("3/4");
    expect(r("10/4").toString()).toBe("5/2");
    expect(r(" 7 ").toString()).toBe("7");
  });

  it("rejects what is not a number", () => {
    for (const text of ["", "abc", "1/0", "1.2.3", "1e3", "0x10", "--1"]) {
      expect(() => r(text), text).toThrow(RangeError);
    }
    expect(() => Rational.of(1, 0)).toThrow(RangeError);
    expect(() => Rational.of(0.5)).toThrow(RangeError);
  });

  it("adds, subtracts, multiplies and divides exactly", () => {
    expect(r("1/3").add(r("1/6")).toString()).toBe("1/2");
    expect(r("1/3").sub(r("1/2")).toString()).toBe("-1/6");
    expect(r("2/3").mul(r("9/4")).toString()).toBe("3/2");
    expect(r("2/3").div(r("4/9")).toString()).toBe("3/2");
    expect(() => r("1").div(Rational.ZERO)).toThrow(RangeError);
    expect(r("0.1").add(r("0.2")).equals(r("0.3"))).toBe(true);
  });

  it("compares", () => {
    expect(r("1/3").compare(r("0.33333"))).toBe(1);
    expect(r("-1/2").compare(r("-1/3"))).toBe(-1);
    expect(r("2/4").compare(r("1/2"))).toBe(0);
    expect(r("2/3").gte(r("4/6"))).toBe(true);
    expect(r("2/3").gt(r("4/6"))).toBe(false);
  });

  it("floors, ceils and truncates", () => {
    expect(r("7/2").floor()).toBe(3n);
    expect(r("-7/2").floor()).toBe(-4n);
    expect(r("-7/2").ceil()).toBe(-3n);
    expect(r("2/3").truncate(5).toString()).toBe("33333/50000");
    expect(r("-2/3").truncate(2).toString()).toBe("-33/50");
  });

  it("writes decimals: truncated, rounded half away from zero, exact when terminating", () => {
    expect(r("2/3").toDecimalString(5, "truncate")).toBe("0.66666");
    expect(r("2/3").toDecimalString(5)).toBe("0.66667");
    expect(r("-2/3").toDecimalString(5)).toBe("-0.66667");
    expect(r("1/8").toDecimalString(2)).toBe("0.13");
    expect(r("-1/8").toDecimalString(2)).toBe("-0.13");
    expect(r("12").toDecimalString(0)).toBe("12");
    expect(r("-1/1000").toDecimalString(2)).toBe("0.00");
    expect(r("5/2").toExactString()).toBe("2.5");
    expect(r("1/40").toExactString()).toBe("0.025");
    expect(r("-12").toExactString()).toBe("-12");
    expect(r("5/3").toExactString()).toBe("5/3");
  });

  it("round-trips through its exact string (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        (num, den) => {
          const value = Rational.of(num, den);
          expect(Rational.parse(value.toExactString()).equals(value)).toBe(true);
          expect(Rational.parse(value.toString()).equals(value)).toBe(true);
        },
      ),
    );
  });

  it("obeys field laws (property)", () => {
    const rational = fc
      .tuple(fc.bigInt({ min: -1000n, max: 1000n }), fc.bigInt({ min: 1n, max: 1000n }))
      .map(([num, den]) => Rational.of(num, den));
    fc.assert(
      fc.property(rational, rational, rational, (a, b, c) => {
        expect(a.add(b).equals(b.add(a))).toBe(true);
        expect(a.mul(b.add(c)).equals(a.mul(b).add(a.mul(c)))).toBe(true);
        expect(a.add(b).sub(b).equals(a)).toBe(true);
        if (!b.isZero()) expect(a.div(b).mul(b).equals(a)).toBe(true);
      }),
    );
  });
});
