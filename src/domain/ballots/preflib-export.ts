import { Rational, lcm } from "../voting/rational.js";

/**
 * The anonymised ballots of a ranked ballot as PrefLib text, for anyone to recount with
 * `npm run letscoop -- tally --method <method> FILE`.
 *
 * - Alternatives are the option keys, numbered in ballot order (the count's tie-break order).
 * - PrefLib counts are whole numbers, so every weight is multiplied by the least common multiple
 *   of the weights' denominators (`# WEIGHT SCALE: L`): with weights 1 and 0.5, a weight-1 ballot
 *   counts 2 and a weight-0.5 ballot 1. Every method but Scottish STV gives the same ranking and
 *   winners on scaled weights (see docs/decisions/012-secret-ballot.md).
 * - Identical orders are merged and lines sorted by count, then order: the file carries no trace
 *   of the order in which ballots were cast, and is byte-identical for everyone who downloads it.
 * - No tracker, no college, no time: only what the count needs.
 */
export interface ExportBallot {
  ranking: string[][];
  weight: string;
}

export interface ExportInput {
  title: string;
  /** The file name without its extension, which is the data type (toc or toi). */
  fileStem: string;
  method: string;
  seats: number;
  /** Option keys in ballot order. */
  options: string[];
  ballots: readonly ExportBallot[];
}

export interface PrefLibExport {
  text: string;
  dataType: "toc" | "toi";
  fileName: string;
  weightScale: bigint;
}

/** The least common multiple of the weights' denominators: 1 when every weight is whole. */
export function weightScale(weights: Iterable<string>): bigint {
  let scale = 1n;
  const seen = new Set<string>();
  for (const weight of weights) {
    if (seen.has(weight)) continue;
    seen.add(weight);
    scale = lcm(scale, Rational.parse(weight).den);
  }
  return scale;
}

/** Metadata values stay on one line: control characters and line separators become spaces. */
function oneLine(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0)!;
    out += code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029 ? " " : char;
  }
  return out.replace(/ {2,}/g, " ").trim().slice(0, 200);
}

function compareOrders(a: number[][], b: number[][]): number {
  const flat = (ranking: number[][]) =>
    ranking.flatMap((group, index) => [...group, index === ranking.length - 1 ? -1 : 0]);
  const left = flat(a);
  const right = flat(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) if (left[i] !== right[i]) return left[i]! - right[i]!;
  return left.length - right.length;
}

export function writeBallotsPrefLib(input: ExportInput): PrefLibExport {
  const numberOf = new Map(input.options.map((key, index) => [key, index + 1]));
  const scale = weightScale(input.ballots.map((ballot) => ballot.weight));
  const scaleRational = Rational.of(scale);
  const lines = new Map<string, { order: number[][]; count: bigint }>();
  let complete = true;
  for (const ballot of input.ballots) {
    const amount = Rational.parse(ballot.weight).mul(scaleRational);
    if (!amount.isInteger()) throw new RangeError("weight scale does not make a whole count");
    if (amount.isZero()) continue;
    const order = ballot.ranking
      .map((group) =>
        group
          .map((key) => {
            const number = numberOf.get(key);
            if (number === undefined) throw new RangeError(`ballot names an option that is not on the ballot`);
            return number;
          })
          .sort((a, b) => a - b),
      )
      .filter((group) => group.length > 0);
    if (order.length === 0) continue;
    if (order.flat().length !== input.options.length) complete = false;
    const key = order.map((group) => group.join(",")).join(">");
    const line = lines.get(key);
    if (line) line.count += amount.num;
    else lines.set(key, { order, count: amount.num });
  }
  const sorted = [...lines.values()].sort((a, b) =>
    a.count > b.count ? -1 : a.count < b.count ? 1 : compareOrders(a.order, b.order),
  );
  const dataType = complete ? "toc" : "toi";
  const fileName = `${oneLine(input.fileStem)}.${dataType}`;
  const voters = sorted.reduce((sum, line) => sum + line.count, 0n);
  const header = [
    `# FILE NAME: ${fileName}`,
    `# TITLE: ${oneLine(input.title)}`,
    `# DATA TYPE: ${dataType}`,
    `# SEATS: ${input.seats}`,
    `# COUNTING METHOD: ${oneLine(input.method)}`,
    `# NUMBER BALLOTS: ${input.ballots.length}`,
    `# WEIGHT SCALE: ${scale}`,
    `# NUMBER ALTERNATIVES: ${input.options.length}`,
    `# NUMBER VOTERS: ${voters}`,
    `# NUMBER UNIQUE ORDERS: ${sorted.length}`,
    ...input.options.map((key, index) => `# ALTERNATIVE NAME ${index + 1}: ${oneLine(key)}`),
  ];
  const body = sorted.map(
    (line) =>
      `${line.count}: ${line.order.map((group) => (group.length === 1 ? String(group[0]) : `{${group.join(",")}}`)).join(",")}`,
  );
  return { text: [...header, ...body].join("\n") + "\n", dataType, fileName, weightScale: scale };
}
