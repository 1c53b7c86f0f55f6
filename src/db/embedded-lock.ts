import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";

/**
 * PGlite is one process: two processes on the same data folder would corrupt it. The process that
 * opens it writes its pid here; another refuses to open it while that process is alive.
 */
export class EmbeddedDatabaseBusy extends Error {
  constructor(readonly pid: number) {
    super(`The embedded database is in use by process ${pid} (LetsCoop running?). Stop it first.`);
  }
}

function lockFile(dataDir: string) {
  return path.join(dataDir, "letscoop.pid");
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function lockEmbeddedDatabase(dataDir: string): Promise<() => void> {
  await mkdir(dataDir, { recursive: true });
  const file = lockFile(dataDir);
  let holder: number | null;
  try {
    holder = Number(readFileSync(file, "utf8").trim());
  } catch {
    holder = null;
  }
  if (holder && holder !== process.pid && alive(holder)) throw new EmbeddedDatabaseBusy(holder);
  writeFileSync(file, String(process.pid));
  return () => {
    try {
      if (Number(readFileSync(file, "utf8").trim()) === process.pid) rmSync(file);
    } catch {
      /* already gone */
    }
  };
}
