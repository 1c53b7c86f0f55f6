import { describe, expect, it } from "vitest";
import { groupLoader } from "./group-commit.js";

/** A batch function that answers each key doubled after a delay, recording batch sizes and concurrency. */
function recorder(delayMs: number) {
  const state = { running: 0, mostAtOnce: 0, batches: [] as number[] };
  const run = async (keys: readonly number[]) => {
    state.running++;
    state.mostAtOnce = Math.max(state.mostAtOnce, state.running);
    state.batches.push(keys.length);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    state.running--;
    return keys.map((k) => k * 2);
  };
  return { state, run };
}

describe("groupLoader", () => {
  it("never has more batches in flight than allowed, even when full batches are scheduled in one turn", async () => {
    const { state, run } = recorder(20);
    const loader = groupLoader(run, { maxInFlight: 2, maxBatchSize: 10 });
    const keys = Array.from({ length: 95 }, (_, i) => i);
    const answers = await Promise.all(keys.map((k) => loader.load(k)));
    expect(answers).toEqual(keys.map((k) => k * 2));
    expect(state.mostAtOnce).toBe(2);
    expect(state.batches.reduce((a, b) => a + b, 0)).toBe(95);
    expect(Math.max(...state.batches)).toBeLessThanOrEqual(10);
  });

  it("gathers the loads that arrive while a batch is in the database into the next batch", async () => {
    const { state, run } = recorder(30);
    const loader = groupLoader(run, { maxInFlight: 1, maxBatchSize: 100 });
    const first = loader.load(1);
    await new Promise((resolve) => setTimeout(resolve, 5)); // the first batch is now in flight
    const later = Array.from({ length: 20 }, (_, i) => loader.load(100 + i));
    expect(await first).toBe(2);
    expect(await Promise.all(later)).toEqual(Array.from({ length: 20 }, (_, i) => (100 + i) * 2));
    expect(state.batches).toEqual([1, 20]);
    expect(state.mostAtOnce).toBe(1);
  });

  it("fails every load of a batch whose statement fails, and goes on with the next batch", async () => {
    let calls = 0;
    const loader = groupLoader(
      async (keys: readonly number[]) => {
        calls++;
        if (calls === 1) throw new Error("database down");
        return keys.map((k) => k);
      },
      { maxInFlight: 1, maxBatchSize: 100 },
    );
    await expect(Promise.all([loader.load(1), loader.load(2)])).rejects.toThrow("database down");
    expect(await loader.load(3)).toBe(3);
  });
});
