import { createHash, randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";

/**
 * Where uploaded files live (documents, receipts). The disk store is the default; an object
 * store (S3 and the like) can implement the same three calls. Keys are random and opaque: a
 * file is only ever served by a route that checked the permission of its document or expense.
 */
export interface FileStore {
  put(bytes: Uint8Array): Promise<{ key: string; sha256: string }>;
  /** null when no file has this key. */
  get(key: string): Promise<Uint8Array | null>;
  delete(key: string): Promise<void>;
}

const KEY_FORMAT = /^[a-f0-9]{32}$/;

/** Files under `root`, two levels of folders by key prefix; each write is fsynced, then renamed into place. */
export function diskFileStore(root: string): FileStore {
  const pathOf = (key: string) => {
    if (!KEY_FORMAT.test(key)) throw new Error("invalid file key");
    return path.join(root, key.slice(0, 2), key);
  };
  return {
    async put(bytes) {
      const key = randomBytes(16).toString("hex");
      const target = pathOf(key);
      await mkdir(path.dirname(target), { recursive: true });
      const temporary = `${target}.${process.pid}.tmp`;
      const handle = await open(temporary, "wx", 0o600);
      try {
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temporary, target);
      } catch (error) {
        // A half-written file (disk full…) is not left behind.
        await rm(temporary, { force: true });
        throw error;
      }
      return { key, sha256: createHash("sha256").update(bytes).digest("hex") };
    },
    async get(key) {
      if (!KEY_FORMAT.test(key)) return null;
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async delete(key) {
      if (!KEY_FORMAT.test(key)) return;
      await rm(pathOf(key), { force: true });
    },
  };
}
