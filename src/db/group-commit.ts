import DataLoader from "dataloader";
import { usesPool, type Db } from "./client.js";

/**
 * Group commit for the statements every request of a vote sends (the session, the ballot, the
 * cast): requests that arrive while earlier ones are in the database wait for them, then go
 * together in one statement. Under load one statement serves tens of requests, so the database's
 * work and the driver's system calls per request fall (measured on this 2-core VM, one `writev`
 * to the PostgreSQL socket costs 90–230 µs: docs/benchmarks.md); a lone request waits for
 * nothing but the next turn of the event loop.
 *
 * Built on DataLoader (no cache: every load is read from the database) with a schedule of our own:
 * a batch leaves at once while fewer than `maxInFlight` batches of the same loader are in the
 * database, else as soon as one comes back, having gathered everything that arrived meanwhile.
 */
export interface GroupOptions {
  /** Batches in the database at once (1 on PGlite, which runs one statement at a time). */
  maxInFlight: number;
  /** The most loads in one batch. */
  maxBatchSize: number;
}

export function groupLoader<K, V>(
  run: (keys: readonly K[]) => Promise<ReadonlyArray<V | Error>>,
  opts: GroupOptions,
): DataLoader<K, V> {
  // Slots are taken when a batch is scheduled, not when it leaves: several batches scheduled in the
  // same turn (a full batch starts the next) must not all find a free slot.
  let inFlight = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    if (next) setImmediate(next);
    else inFlight--;
  };
  return new DataLoader<K, V>(
    async (keys) => {
      try {
        return await run(keys);
      } finally {
        release();
      }
    },
    {
      cache: false,
      maxBatchSize: opts.maxBatchSize,
      batchScheduleFn: (dispatch) => {
        if (inFlight < opts.maxInFlight) {
          inFlight++;
          setImmediate(dispatch);
        } else waiting.push(dispatch);
      },
    },
  );
}

/** How many batches of one loader may be in the database at once on this database. */
export function batchesInFlight(db: Db, onPostgres: number): number {
  return usesPool(db) ? onPostgres : 1;
}

/** One loader per database (and key), made on first use. */
export function loaderPer<K, V>(make: (db: Db, key: string) => DataLoader<K, V>) {
  const loaders = new WeakMap<object, Map<string, DataLoader<K, V>>>();
  return (db: Db, key = ""): DataLoader<K, V> => {
    let byKey = loaders.get(db);
    if (!byKey) loaders.set(db, (byKey = new Map()));
    let loader = byKey.get(key);
    if (!loader) {
      if (byKey.size >= 1000) byKey.clear();
      byKey.set(key, (loader = make(db, key)));
    }
    return loader;
  };
}
