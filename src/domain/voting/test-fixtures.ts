import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parsePrefLib } from "./preflib.js";
import type { RankedInput } from "./ballot.js";
import type { ElectionFile } from "./election-file.js";

/** Test support: where the ballot fixtures live, and loaders. */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
export const sharedBallotsDir = path.resolve(repoRoot, "..", "shared", "fixtures", "ballots");
export const localBallotsDir = path.resolve(repoRoot, "tests", "fixtures", "ballots");

export function sharedFixturePath(name: string): string {
  return path.join(sharedBallotsDir, name);
}

export function localFixturePath(name: string): string {
  return path.join(localBallotsDir, name);
}

export function loadSharedPrefLib(name: string): ElectionFile {
  return parsePrefLib(readFileSync(sharedFixturePath(name), "utf8"));
}

/** The file as counting input whose candidate ids are the declared names. */
export function byName(file: ElectionFile, seats?: number): RankedInput {
  const name = new Map(file.candidates.map((candidate) => [candidate.id, candidate.name]));
  return {
    candidates: file.candidates.map((candidate) => candidate.name),
    ballots: file.ballots.map((ballot) => ({
      ...ballot,
      ranking: ballot.ranking.map((group) => group.map((id) => name.get(id)!)),
    })),
    seats: seats ?? file.seats ?? 1,
    withdrawn: file.withdrawn.map((id) => name.get(id)!),
  };
}
