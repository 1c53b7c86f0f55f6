import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Printed booklets are kept in DATA_DIR/booklets, named by the hash of their content
 * (`<hash>.pdf`): a booklet whose content has not changed is served from there, a change gives a
 * new hash and so a new file. Beside each, `<hash>.json` tells how far its printing got.
 */
export const BOOKLET_STEPS = ["data", "render", "print", "save"] as const;
export type BookletStep = (typeof BOOKLET_STEPS)[number];

export interface BookletStatus {
  state: "queued" | "running" | "done" | "failed";
  /** 1-based index of the step in BOOKLET_STEPS being done (0 while queued). */
  step: number;
  total: number;
  updatedAt: string;
}

/** A status not updated for this long while queued or running is taken as lost (a stopped process). */
export const STALE_AFTER_MS = 10 * 60_000;

const HASH = /^[0-9a-f]{64}$/;

export function bookletDir(dataDir: string): string {
  return path.join(dataDir, "booklets");
}

function fileOf(dataDir: string, hash: string, ext: "pdf" | "json"): string {
  if (!HASH.test(hash)) throw new Error("not a booklet hash");
  return path.join(bookletDir(dataDir), `${hash}.${ext}`);
}

export function pdfFile(dataDir: string, hash: string): string {
  return fileOf(dataDir, hash, "pdf");
}

/** The cached PDF of a content hash, or null. */
export async function cachedPdf(dataDir: string, hash: string): Promise<{ path: string; size: number } | null> {
  const file = pdfFile(dataDir, hash);
  try {
    const s = await stat(file);
    return s.isFile() && s.size > 0 ? { path: file, size: s.size } : null;
  } catch {
    return null;
  }
}

/** Writes a file whole or not at all (a reader never sees half a PDF). */
async function writeAtomically(file: string, content: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  // Unique per write: two requests in the same millisecond must not share (and steal) a temporary file.
  const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(tmp, content);
  await rename(tmp, file);
}

export async function storePdf(dataDir: string, hash: string, pdf: Uint8Array): Promise<void> {
  await writeAtomically(pdfFile(dataDir, hash), pdf);
}

export async function writeStatus(
  dataDir: string,
  hash: string,
  status: Omit<BookletStatus, "updatedAt" | "total">,
): Promise<void> {
  const full: BookletStatus = { ...status, total: BOOKLET_STEPS.length, updatedAt: new Date().toISOString() };
  await writeAtomically(fileOf(dataDir, hash, "json"), JSON.stringify(full));
}

/** The printing status of a content hash; a lost job reads as failed. Null when never asked for. */
export async function readStatus(dataDir: string, hash: string, now = new Date()): Promise<BookletStatus | null> {
  try {
    const parsed = JSON.parse(await readFile(fileOf(dataDir, hash, "json"), "utf8")) as BookletStatus;
    if (
      (parsed.state === "queued" || parsed.state === "running") &&
      now.getTime() - new Date(parsed.updatedAt).getTime() > STALE_AFTER_MS
    )
      return { ...parsed, state: "failed" };
    return parsed;
  } catch {
    return null;
  }
}
