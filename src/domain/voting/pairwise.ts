import { fillLevels, safeNumbers, scaleAmounts, type Election } from "./ballot.js";
import { lcm } from "./rational.js";

/**
 * prefer[a][b] = scaled weight of ballots ranking a strictly above b (unranked candidates rank below
 * all ranked ones and tie among themselves). Divide by `denominator` for the real weight.
 */
export interface PairwiseMatrix {
  size: number;
  prefer: bigint[][];
  denominator: bigint;
  total: bigint;
}

export function buildPairwise(election: Election): PairwiseMatrix {
  const size = election.candidates.length;
  const scaled = scaleAmounts(election.groups);
  const codes = election.groups.map((group) => group.code);
  const numbers = safeNumbers(scaled, 1);
  const prefer = numbers ? accumulateNumbers(codes, numbers, size) : accumulateBigInts(codes, scaled.amounts, size);
  return { size, prefer, denominator: scaled.denominator, total: scaled.total };
}

function accumulateNumbers(codes: string[], amounts: number[], size: number): bigint[][] {
  const cells = new Float64Array(size * size);
  const level = new Int32Array(size);
  for (let g = 0; g < codes.length; g++) {
    fillLevels(codes[g]!, level);
    const amount = amounts[g]!;
    for (let a = 0; a < size; a++) {
      const levelA = level[a]!;
      const row = a * size;
      for (let b = a + 1; b < size; b++) {
        const levelB = level[b]!;
        if (levelA < levelB) cells[row + b]! += amount;
        else if (levelB < levelA) cells[b * size + a]! += amount;
      }
    }
  }
  return Array.from({ length: size }, (_, a) => Array.from({ length: size }, (_, b) => BigInt(cells[a * size + b]!)));
}

function accumulateBigInts(codes: string[], amounts: bigint[], size: number): bigint[][] {
  const prefer = Array.from({ length: size }, () => new Array<bigint>(size).fill(0n));
  const level = new Int32Array(size);
  for (let g = 0; g < codes.length; g++) {
    fillLevels(codes[g]!, level);
    const amount = amounts[g]!;
    for (let a = 0; a < size; a++) {
      for (let b = a + 1; b < size; b++) {
        if (level[a]! < level[b]!) prefer[a]![b]! += amount;
        else if (level[b]! < level[a]!) prefer[b]![a]! += amount;
      }
    }
  }
  return prefer;
}

/** What the pairwise methods need of an election besides its matrix. */
export type ElectionFrame = Pick<Election, "candidates" | "tieBreakRank" | "seats">;

/**
 * The matrix of several disjoint sets of ballots counted together: the sum of their matrices, on
 * a common denominator. Equal to buildPairwise of all the ballots (same real values; only the
 * scale may differ, and every method compares cells of one matrix, so scale does not matter).
 */
export function sumMatrices(matrices: readonly PairwiseMatrix[]): PairwiseMatrix {
  const first = matrices[0];
  if (!first) throw new Error("sumMatrices needs at least one matrix");
  const size = first.size;
  let denominator = 1n;
  for (const m of matrices) denominator = lcm(denominator, m.denominator);
  const prefer = Array.from({ length: size }, () => new Array<bigint>(size).fill(0n));
  let total = 0n;
  for (const m of matrices) {
    if (m.size !== size) throw new Error("sumMatrices needs matrices of the same candidates");
    const factor = denominator / m.denominator;
    total += m.total * factor;
    for (let a = 0; a < size; a++) {
      const row = prefer[a]!;
      const from = m.prefer[a]!;
      for (let b = 0; b < size; b++) row[b]! += from[b]! * factor;
    }
  }
  return { size, prefer, denominator, total };
}
