import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { E2E_SCRATCH_DIR } from "./environment.js";

/**
 * Runs `work` while holding a lock shared by every worker (a directory: mkdir is atomic). For
 * steps that use one shared thing, like the demo member's mailbox in the outbox.
 */
export async function withFileLock<T>(name: string, work: () => Promise<T>, timeoutMs = 90_000): Promise<T> {
  const dir = path.join(E2E_SCRATCH_DIR, "locks", name);
  await mkdir(path.dirname(dir), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await mkdir(dir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (Date.now() > deadline)
        throw new Error(`The lock ${dir} was held for more than ${timeoutMs} ms`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await work();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
