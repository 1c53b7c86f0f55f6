import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLITE_EXTENSIONS } from "./client.js";

/** Writes a consistent copy of the embedded database (a gzipped tarball of its data folder). */
export async function backupEmbedded(pgliteDir: string, outFile: string): Promise<number> {
  await stat(path.join(pgliteDir, "PG_VERSION"));
  const db = await PGlite.create({ dataDir: pgliteDir, extensions: PGLITE_EXTENSIONS });
  try {
    const dump = await db.dumpDataDir("gzip");
    const bytes = Buffer.from(await dump.arrayBuffer());
    await mkdir(path.dirname(path.resolve(outFile)), { recursive: true });
    await writeFile(outFile, bytes);
    return bytes.length;
  } finally {
    await db.close();
  }
}

/**
 * Replaces the embedded database with a backup. The current folder is kept beside it
 * (pglite.before-restore-<time>) until the restored copy has answered a query.
 */
export async function restoreEmbedded(pgliteDir: string, backupFile: string): Promise<string | null> {
  const archive = await readFile(backupFile);
  const staging = `${pgliteDir}.restoring`;
  await rm(staging, { recursive: true, force: true });
  const db = await PGlite.create({ dataDir: staging, loadDataDir: new Blob([archive]), extensions: PGLITE_EXTENSIONS });
  try {
    await db.query("select count(*) from organisations");
  } finally {
    await db.close();
  }
  let kept: string | null;
  try {
    await stat(pgliteDir);
    kept = `${pgliteDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    await rename(pgliteDir, kept);
  } catch {
    kept = null;
  }
  await rename(staging, pgliteDir);
  return kept;
}
