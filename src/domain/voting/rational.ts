/** An exact fraction on BigInt, always normalised: gcd(num, den) = 1 and den > 0. */
export class Rational {
  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    const n = toBigInt(num);
    const d = toBigInt(den);
    if (d === 0n) throw new RangeError("Rational: division by zero");
    const sign = d < 0n ? -1n : 1n;
    const g = gcd(n, d);
    return new Rational((sign * n) / g, (sign * d) / g);
  }

  /** Parses "12", "-3", "0.5", "1.25", "5/3". */
  static parse(text: string): Rational {
    const trimmed = text.trim();
    const fraction = /^([+-]?\d+)\/(\d+)$/.exec(trimmed);
    if (fraction) {
      const den = BigInt(fraction[2]!);
      if (den === 0n) throw new RangeError(`not a number: "${text}"`);
      return Rational.of(BigInt(fraction[1]!), den);
    }
    const decimal = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(trimmed) ?? /^([+-]?)()\.(\d+)$/.exec(trimmed);
    if (!decimal) throw new RangeError(`not a number: "${text}"`);
    const digits = decimal[3] ?? "";
    const magnitude = BigInt((decimal[2] || "0") + digits);
    return Rational.of(decimal[1] === "-" ? -magnitude : magnitude, 10n ** BigInt(digits.length));
  }

  static from(value: Rational | string | number | bigint): Rational {
    if (value instanceof Rational) return value;
    if (typeof value === "string") return Rational.parse(value);
    return Rational.of(value);
  }

  static sum(values: Iterable<Rational>): Rational {
    let total = Rational.ZERO;
    for (const value of values) total = total.add(value);
    return total;
  }

  add(other: Rational): Rational {
    if (this.den === other.den) return Rational.of(this.num + other.num, this.den);
    return Rational.of(this.num * other.den + other.num * this.den, this.den * other.den);
  }

  sub(other: Rational): Rational {
    return this.add(other.neg());
  }

  mul(other: Rational): Rational {
    return Rational.of(this.num * other.num, this.den * other.den);
  }

  div(other: Rational): Rational {
    if (other.num === 0n) throw new RangeError("Rational: division by zero");
    return Rational.of(this.num * other.den, this.den * other.num);
  }

  neg(): Rational {
    return new Rational(-this.num, this.den);
  }

  compare(other: Rational): -1 | 0 | 1 {
    const left = this.num * other.den;
    const right = other.num * this.den;
    return left < right ? -1 : left > right ? 1 : 0;
  }

  equals(other: Rational): boolean {
    return this.num === other.num && this.den === other.den;
  }

  lt(other: Rational): boolean {
    return this.compare(other) < 0;
  }

  lte(other: Rational): boolean {
    return this.compare(other) <= 0;
  }

  gt(other: Rational): boolean {
    return this.compare(other) > 0;
  }

  gte(other: Rational): boolean {
    return this.compare(other) >= 0;
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  isInteger(): boolean {
    return this.den === 1n;
  }

  sign(): -1 | 0 | 1 {
    return this.num < 0n ? -1 : this.num > 0n ? 1 : 0;
  }

  floor(): bigint {
    const quotient = this.num / this.den;
    return this.num < 0n && quotient * this.den !== this.num ? quotient - 1n : quotient;
  }

  ceil(): bigint {
    return -this.neg().floor();
  }

  /** Drops every digit after `digits` decimals (rounds toward zero). */
  truncate(digits: number): Rational {
    const scale = 10n ** BigInt(digits);
    return Rational.of((this.num * scale) / this.den, scale);
  }

  /** "5/3", "12", "-1/2". */
  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }

  /** A terminating decimal when the value has one ("2.5", "12"), else the fraction ("5/3"). */
  toExactString(): string {
    let rest = this.den;
    let twos = 0;
    let fives = 0;
    while (rest % 2n === 0n) {
      rest /= 2n;
      twos++;
    }
    while (rest % 5n === 0n) {
      rest /= 5n;
      fives++;
    }
    if (rest !== 1n) return this.toString();
    return this.toDecimalString(Math.max(twos, fives), "truncate");
  }

  /**
   * Exactly `digits` decimals. "truncate" drops the remainder (toward zero),
   * "round" rounds half away from zero.
   */
  toDecimalString(digits: number, mode: "truncate" | "round" = "round"): string {
    const scale = 10n ** BigInt(digits);
    const negative = this.num < 0n;
    const magnitude = negative ? -this.num : this.num;
    let scaled = (magnitude * scale) / this.den;
    if (mode === "round" && ((magnitude * scale) % this.den) * 2n >= this.den) scaled += 1n;
    const text = scaled.toString().padStart(digits + 1, "0");
    const whole = text.slice(0, text.length - digits);
    const fraction = text.slice(text.length - digits);
    const sign = negative && scaled !== 0n ? "-" : "";
    return digits === 0 ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

function toBigInt(value: bigint | number): bigint {
  if (typeof value === "bigint") return value;
  if (!Number.isSafeInteger(value)) throw new RangeError(`Rational: ${value} is not a safe integer`);
  return BigInt(value);
}

export function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

export function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}
