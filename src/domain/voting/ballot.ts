import { Rational, lcm } from "./rational.js";

/** One ballot, or `count` identical ballots. */
export interface Ballot {
  /** Groups of tied candidate ids, best first; unranked candidates rank below all ranked. */
  ranking: string[][];
  /** The voter's (college) weight: a Rational or a decimal/fraction string ("0.5", "1.25", "1/3"). Default 1. */
  weight?: Rational | string;
  /** Number of identical ballots. Default 1. */
  count?: number | bigint;
  /** Key for per-group breakdowns, e.g. the voter's college. */
  group?: string;
  /**
   * The ranking already encoded for these candidates by `encodeRankingJson` (then `ranking` is
   * not read): what a count of many stored ballots passes, to skip building arrays.
   */
  code?: string;
}

export interface RankedInput {
  /** Candidate ids in declared order (the default tie-break order). */
  candidates: string[];
  ballots: Ballot[];
  /** Seats to fill; default 1. */
  seats?: number;
  /** Candidates favoured first when a tie must be broken; unlisted ones follow in declared order. */
  tieBreakOrder?: string[];
  /** Candidates removed before the count; their marks are skipped. */
  withdrawn?: string[];
}

export class VotingInputError extends Error {
  override name = "VotingInputError";
}

/**
 * Identical ballots aggregated. `code` is the ranking as one compact string: each candidate is the
 * char (index + 2), tied candidates in index order, every group closed by "\u0001".
 */
export interface RankingGroup {
  code: string;
  weight: Rational;
  count: bigint;
}

export interface Election {
  candidates: string[];
  /** Per candidate index: its position in the tie-break order (0 = favoured first). */
  tieBreakRank: number[];
  seats: number;
  /** Aggregated ballots in canonical order (sorted by key, never by input order). */
  groups: RankingGroup[];
}

export function prepareElection(input: RankedInput): Election {
  const declared = new Set<string>();
  for (const id of input.candidates) {
    if (declared.has(id)) throw new VotingInputError(`candidate "${id}" is declared twice`);
    declared.add(id);
  }
  const withdrawn = new Set<string>();
  for (const id of input.withdrawn ?? []) {
    if (!declared.has(id)) throw new VotingInputError(`withdrawn candidate "${id}" is not a candidate`);
    withdrawn.add(id);
  }
  const candidates = input.candidates.filter((id) => !withdrawn.has(id));
  const index = new Map(candidates.map((id, position) => [id, position]));
  if (candidates.length === 0) throw new VotingInputError("no candidates");
  if (candidates.length > 60_000) throw new VotingInputError("at most 60000 candidates");
  const seats = input.seats ?? 1;
  if (!Number.isSafeInteger(seats) || seats < 1)
    throw new VotingInputError(`seats must be a positive integer, got ${seats}`);

  const groups = aggregate(input.ballots, index, withdrawn);
  return { candidates, tieBreakRank: tieBreakRanks(candidates, index, withdrawn, input.tieBreakOrder), seats, groups };
}

export interface Multiplicity {
  weight?: Rational | string;
  count?: number | bigint;
}

export function ballotCount(ballot: Multiplicity, ballotIndex: number): bigint {
  const count = ballot.count ?? 1;
  if (typeof count === "number" && !Number.isSafeInteger(count)) {
    throw new VotingInputError(`ballot ${ballotIndex + 1}: count must be an integer, got ${count}`);
  }
  const value = BigInt(count);
  if (value < 0n) throw new VotingInputError(`ballot ${ballotIndex + 1}: count must not be negative`);
  return value;
}

export function ballotWeight(ballot: Multiplicity, ballotIndex: number, cache = new Map<string, Rational>()): Rational {
  const weight = ballot.weight;
  if (weight === undefined) return Rational.ONE;
  let value: Rational | undefined;
  if (typeof weight === "string") {
    value = cache.get(weight);
    if (!value) {
      try {
        value = Rational.parse(weight);
      } catch {
        throw new VotingInputError(`ballot ${ballotIndex + 1}: weight "${weight}" is not a number`);
      }
      cache.set(weight, value);
    }
  } else {
    value = weight;
  }
  if (value.sign() < 0) throw new VotingInputError(`ballot ${ballotIndex + 1}: weight must not be negative`);
  return value;
}

/** Merges identical (ranking, weight) ballots; groups come out sorted by key, never in input order. */
function aggregate(ballots: readonly Ballot[], index: Map<string, number>, withdrawn: Set<string>): RankingGroup[] {
  const byKey = new Map<string, { code: string; weight: Rational; count: number | bigint }>();
  const weights = new Map<string, Rational>();
  const suffixes = new Map<Rational, string>();
  const seenOn = new Int32Array(index.size).fill(-1);
  const codes: number[] = [];
  for (let ballotIndex = 0; ballotIndex < ballots.length; ballotIndex++) {
    const ballot = ballots[ballotIndex]!;
    const count = countOf(ballot, ballotIndex);
    const weight = ballotWeight(ballot, ballotIndex, weights);
    if (count === 0 || count === 0n || weight.isZero()) continue;
    if (ballot.code !== undefined) {
      if (withdrawn.size > 0) throw new VotingInputError("encoded ballots cannot be counted with withdrawn candidates");
      addGroup(byKey, suffixes, ballot.code, weight, count);
      continue;
    }
    codes.length = 0;
    for (const group of ballot.ranking) {
      if (group.length === 1) {
        const candidate = candidateOf(group[0]!, ballotIndex, index, withdrawn, seenOn);
        if (candidate >= 0) codes.push(candidate + 2, GROUP_END);
        continue;
      }
      const start = codes.length;
      for (const id of group) {
        const candidate = candidateOf(id, ballotIndex, index, withdrawn, seenOn);
        if (candidate >= 0) codes.push(candidate + 2);
      }
      if (codes.length === start) continue;
      sortTail(codes, start);
      codes.push(GROUP_END);
    }
    addGroup(byKey, suffixes, codesToString(codes), weight, count);
  }
  const keys = [...byKey.keys()].sort();
  return keys.map((key) => {
    const group = byKey.get(key)!;
    return { code: group.code, weight: group.weight, count: BigInt(group.count) };
  });
}

type GroupsByKey = Map<string, { code: string; weight: Rational; count: number | bigint }>;

function addGroup(
  byKey: GroupsByKey,
  suffixes: Map<Rational, string>,
  code: string,
  weight: Rational,
  count: number | bigint,
): void {
  let key = code;
  if (!weight.equals(Rational.ONE)) {
    let suffix = suffixes.get(weight);
    if (suffix === undefined) suffixes.set(weight, (suffix = `\u0000${weight.toString()}`));
    key += suffix;
  }
  const existing = byKey.get(key);
  if (existing) existing.count = addCounts(existing.count, count);
  else byKey.set(key, { code, weight, count });
}

const GROUP_END = 1;

/**
 * Encodes a ranking written as JSON text, e.g. `[["t3"], ["t1", "t5"]]`, into the code a ballot
 * is counted by (see RankingGroup), without building its arrays: the close reads 100,000 of them.
 * `index` maps each candidate id to its place. Text with escapes is parsed by JSON.parse instead.
 * Throws VotingInputError (naming `ballotNumber`) for an unknown or repeated candidate or for text
 * that is not a ranking.
 */
export function encodeRankingJson(text: string, index: ReadonlyMap<string, number>, ballotNumber: number): string {
  if (text.includes("\\")) return encodeRanking(parseRankingJson(text, ballotNumber), index, ballotNumber);
  const codes: number[] = [];
  const seen = new Set<number>();
  const bad = () => new VotingInputError(`ballot ${ballotNumber}: the ranking is not a list of groups`);
  const at = (i: number) => text.charCodeAt(i);
  let i = skipSpaces(text, 0);
  if (at(i) !== OPEN) throw bad();
  i = skipSpaces(text, i + 1);
  if (at(i) === CLOSE) return expectEnd(text, i + 1, bad, codes);
  for (;;) {
    if (at(i) !== OPEN) throw bad();
    const start = codes.length;
    i = skipSpaces(text, i + 1);
    if (at(i) !== CLOSE) {
      for (;;) {
        if (at(i) !== QUOTE) throw bad();
        const end = text.indexOf('"', i + 1);
        if (end < 0) throw bad();
        const id = text.slice(i + 1, end);
        const candidate = index.get(id);
        if (candidate === undefined) throw new VotingInputError(`ballot ${ballotNumber}: unknown candidate "${id}"`);
        if (seen.has(candidate)) throw new VotingInputError(`ballot ${ballotNumber}: candidate "${id}" ranked twice`);
        seen.add(candidate);
        codes.push(candidate + 2);
        i = skipSpaces(text, end + 1);
        if (at(i) === COMMA) i = skipSpaces(text, i + 1);
        else if (at(i) === CLOSE) break;
        else throw bad();
      }
    }
    if (codes.length > start) {
      sortTail(codes, start);
      codes.push(GROUP_END);
    }
    i = skipSpaces(text, i + 1);
    if (at(i) === COMMA) i = skipSpaces(text, i + 1);
    else if (at(i) === CLOSE) return expectEnd(text, i + 1, bad, codes);
    else throw bad();
  }
}

const OPEN = 0x5b;
const CLOSE = 0x5d;
const QUOTE = 0x22;
const COMMA = 0x2c;

function skipSpaces(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d) return i;
    i++;
  }
}

function expectEnd(text: string, i: number, bad: () => Error, codes: number[]): string {
  if (skipSpaces(text, i) !== text.length) throw bad();
  return codesToString(codes);
}

function parseRankingJson(text: string, ballotNumber: number): string[][] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (!Array.isArray(value) || !value.every((g) => Array.isArray(g) && g.every((id) => typeof id === "string"))) {
    throw new VotingInputError(`ballot ${ballotNumber}: the ranking is not a list of groups`);
  }
  return value as string[][];
}

/** The code of a ranking given as arrays (the slow path of encodeRankingJson). */
function encodeRanking(ranking: string[][], index: ReadonlyMap<string, number>, ballotNumber: number): string {
  const codes: number[] = [];
  const seen = new Set<number>();
  for (const group of ranking) {
    const start = codes.length;
    for (const id of group) {
      const candidate = index.get(id);
      if (candidate === undefined) throw new VotingInputError(`ballot ${ballotNumber}: unknown candidate "${id}"`);
      if (seen.has(candidate)) throw new VotingInputError(`ballot ${ballotNumber}: candidate "${id}" ranked twice`);
      seen.add(candidate);
      codes.push(candidate + 2);
    }
    if (codes.length > start) {
      sortTail(codes, start);
      codes.push(GROUP_END);
    }
  }
  return codesToString(codes);
}

function codesToString(codes: number[]): string {
  const chunk = 8192;
  if (codes.length <= chunk) return String.fromCharCode.apply(null, codes);
  let text = "";
  for (let start = 0; start < codes.length; start += chunk) {
    text += String.fromCharCode.apply(null, codes.slice(start, start + chunk));
  }
  return text;
}

/** Insertion sort of codes[start…] (tied groups are short). */
function sortTail(codes: number[], start: number): void {
  for (let i = start + 1; i < codes.length; i++) {
    const value = codes[i]!;
    let j = i;
    while (j > start && codes[j - 1]! > value) {
      codes[j] = codes[j - 1]!;
      j--;
    }
    codes[j] = value;
  }
}

/** The candidate's index, or -1 for a withdrawn candidate (skipped). */
function candidateOf(
  id: string,
  ballotIndex: number,
  index: Map<string, number>,
  withdrawn: Set<string>,
  seenOn: Int32Array,
): number {
  const candidate = index.get(id);
  if (candidate === undefined) {
    if (withdrawn.has(id)) return -1;
    throw new VotingInputError(`ballot ${ballotIndex + 1}: unknown candidate "${id}"`);
  }
  if (seenOn[candidate] === ballotIndex)
    throw new VotingInputError(`ballot ${ballotIndex + 1}: candidate "${id}" ranked twice`);
  seenOn[candidate] = ballotIndex;
  return candidate;
}

function countOf(ballot: Ballot, ballotIndex: number): number | bigint {
  const count = ballot.count;
  if (count === undefined) return 1;
  if (typeof count === "number" && Number.isSafeInteger(count) && count >= 0) return count;
  return ballotCount(ballot, ballotIndex);
}

function addCounts(a: number | bigint, b: number | bigint): number | bigint {
  if (typeof a === "number" && typeof b === "number") {
    const sum = a + b;
    if (Number.isSafeInteger(sum)) return sum;
  }
  return BigInt(a) + BigInt(b);
}

/** The ranking of a group code: candidate indices, groups of ties, best first. */
export function decodeRanking(code: string): number[][] {
  const ranking: number[][] = [];
  let group: number[] = [];
  for (let position = 0; position < code.length; position++) {
    const char = code.charCodeAt(position);
    if (char === 1) {
      ranking.push(group);
      group = [];
    } else {
      group.push(char - 2);
    }
  }
  return ranking;
}

/** Writes each candidate's level (0 = first group) into `levels`; unranked candidates get the level after the last. */
export function fillLevels(code: string, levels: Int32Array): void {
  levels.fill(-1);
  let level = 0;
  for (let position = 0; position < code.length; position++) {
    const char = code.charCodeAt(position);
    if (char === 1) level++;
    else levels[char - 2] = level;
  }
  for (let candidate = 0; candidate < levels.length; candidate++)
    if (levels[candidate] === -1) levels[candidate] = level;
}

function tieBreakRanks(
  candidates: string[],
  index: Map<string, number>,
  withdrawn: Set<string>,
  order: string[] | undefined,
): number[] {
  const ranks = new Array<number>(candidates.length).fill(-1);
  let next = 0;
  for (const id of order ?? []) {
    const candidate = index.get(id);
    if (candidate === undefined) {
      if (withdrawn.has(id)) continue;
      throw new VotingInputError(`tie-break order names unknown candidate "${id}"`);
    }
    if (ranks[candidate] !== -1) throw new VotingInputError(`tie-break order names "${id}" twice`);
    ranks[candidate] = next++;
  }
  for (let candidate = 0; candidate < candidates.length; candidate++) {
    if (ranks[candidate] === -1) ranks[candidate] = next++;
  }
  return ranks;
}

/** Ballots as integer amounts: amount_i / denominator = weight_i × count_i, exactly. */
export interface ScaledAmounts {
  denominator: bigint;
  amounts: bigint[];
  total: bigint;
}

export function scaleAmounts(groups: ReadonlyArray<{ weight: Rational; count: bigint }>): ScaledAmounts {
  let denominator = 1n;
  for (const den of new Set(groups.map((group) => group.weight.den))) denominator = lcm(denominator, den);
  let total = 0n;
  const amounts = groups.map((group) => {
    const amount = group.weight.num * (denominator / group.weight.den) * group.count;
    total += amount;
    return amount;
  });
  return { denominator, amounts, total };
}

/** The amounts as plain numbers when `total × headroom` stays exact in a double, else undefined. */
export function safeNumbers(scaled: ScaledAmounts, headroom: number): number[] | undefined {
  if (scaled.total * BigInt(Math.max(1, Math.ceil(headroom))) > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return scaled.amounts.map(Number);
}

/** A ballot's usable preferences for elimination methods: its leading singleton groups, up to the first tie. */
export interface PreferenceGroup {
  preferences: number[];
  weight: Rational;
  count: bigint;
}

export function strictPreferences(groups: RankingGroup[]): PreferenceGroup[] {
  return groups.map((group) => {
    const { code } = group;
    let length = 0;
    while (2 * length + 1 < code.length && code.charCodeAt(2 * length + 1) === 1) length++;
    const preferences = new Array<number>(length);
    for (let i = 0; i < length; i++) preferences[i] = code.charCodeAt(2 * i) - 2;
    return { preferences, weight: group.weight, count: group.count };
  });
}
