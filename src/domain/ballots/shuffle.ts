import { randomInt } from "node:crypto";

/**
 * A uniformly random order (Fisher–Yates) drawn from the operating system's cryptographic
 * generator, so that nobody can predict or reconstruct it. Returns a new array.
 */
export function cryptoShuffle<T>(items: readonly T[], draw: (max: number) => number = randomInt): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = draw(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
