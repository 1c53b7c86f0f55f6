import type { Rational } from "./rational.js";

export type RankedMethod = "schulze" | "ranked-pairs" | "copeland" | "borda" | "irv" | "stv-scottish" | "stv-meek";

export const RANKED_METHODS: readonly RankedMethod[] = [
  "schulze",
  "ranked-pairs",
  "copeland",
  "borda",
  "irv",
  "stv-scottish",
  "stv-meek",
];

/** Values are exact strings: "12", "2.5", "5/3"; Scottish STV uses 5 fixed decimals ("3.33333"). */
export interface Round {
  /** Votes at the start of the round, for every candidate still in the count. */
  tallies: Record<string, string>;
  elected: string[];
  eliminated: string[];
  /** Value no longer with any candidate (exhausted ballots, and for Scottish STV truncation losses). */
  exhausted?: string;
  /** Meek: the quota of this round. */
  quota?: string;
  /** Scottish STV: whose surplus is transferred after this round. */
  surplusTransferred?: string;
}

export interface TieBreak {
  /** 1-based round; 0 when the method has no rounds. */
  round: number;
  purpose: "eliminate" | "elect-order" | "surplus-order";
  tied: string[];
  chosen: string;
  decidedBy: "earlier-rounds" | "tie-break-order";
}

export interface PairResult {
  winner: string;
  loser: string;
  votesFor: string;
  votesAgainst: string;
  locked: boolean;
}

export interface RankedResult {
  method: RankedMethod;
  seats: number;
  /** In order elected. A tied group straddling the last seat is not included (see `ranking`). */
  winners: string[];
  /** Groups of tied candidates, best first. */
  ranking: string[][];
  rounds: Round[];
  /** Total weight of the counted ballots. */
  totalWeight: string;
  quota?: string;
  /** pairwise[a][b] = weight of ballots ranking a above b. */
  pairwise?: Record<string, Record<string, string>>;
  /** Schulze: strength of the strongest path from a to b (winning votes). */
  strongestPaths?: Record<string, Record<string, string>>;
  /** Ranked Pairs: majorities in the order considered, and whether each was locked. */
  pairs?: PairResult[];
  /** Borda points or Copeland score per candidate. */
  scores?: Record<string, string>;
  tieBreaks: TieBreak[];
}

/** Groups candidate indices by a score, best first; ties keep declared order inside the group. */
export function rankByScore<T>(
  indices: number[],
  score: (candidate: number) => T,
  compareDesc: (a: T, b: T) => number,
): number[][] {
  const sorted = [...indices].sort((a, b) => compareDesc(score(a), score(b)) || a - b);
  const ranking: number[][] = [];
  for (const candidate of sorted) {
    const last = ranking[ranking.length - 1];
    if (last && compareDesc(score(last[0]!), score(candidate)) === 0) last.push(candidate);
    else ranking.push([candidate]);
  }
  return ranking;
}

/** The best `seats` candidates of a ranking, leaving out a tied group that does not fit entirely. */
export function winnersFromRanking(ranking: number[][], seats: number): number[] {
  const winners: number[] = [];
  for (const group of ranking) {
    if (winners.length + group.length > seats) break;
    winners.push(...group);
  }
  return winners;
}

export function namesOf(candidates: string[], indices: number[]): string[] {
  return indices.map((index) => candidates[index]!);
}

export function rankingNames(candidates: string[], ranking: number[][]): string[][] {
  return ranking.map((group) => namesOf(candidates, group));
}

export function tallyRecord(
  candidates: string[],
  indices: number[],
  value: (candidate: number) => string,
): Record<string, string> {
  const record: Record<string, string> = {};
  for (const index of [...indices].sort((a, b) => a - b)) record[candidates[index]!] = value(index);
  return record;
}

export function matrixRecord(
  candidates: string[],
  value: (row: number, column: number) => Rational,
): Record<string, Record<string, string>> {
  const record: Record<string, Record<string, string>> = {};
  candidates.forEach((row, rowIndex) => {
    const cells: Record<string, string> = {};
    candidates.forEach((column, columnIndex) => {
      if (rowIndex !== columnIndex) cells[column] = value(rowIndex, columnIndex).toExactString();
    });
    record[row] = cells;
  });
  return record;
}

export function compareBigIntDesc(a: bigint, b: bigint): number {
  return a > b ? -1 : a < b ? 1 : 0;
}
