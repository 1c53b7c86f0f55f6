import type { Ballot } from "./ballot.js";

/** What a ballot file parser returns: candidate ids ("1", "2", …) with their declared names. */
export interface ElectionFile {
  title?: string;
  candidates: Array<{ id: string; name: string }>;
  ballots: Ballot[];
  seats?: number;
  withdrawn: string[];
  /** Other metadata in file order, e.g. PrefLib "# KEY: value" lines. */
  metadata: Array<[key: string, value: string]>;
}

export class ParseError extends Error {
  override name = "ParseError";

  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

export function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
}

/** A ballot count: a number when it is a safe integer, else a bigint. */
export function countValue(digits: string): number | bigint {
  const value = BigInt(digits);
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}
