import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { diskFileStore, type FileStore } from "../../src/storage/file-store.js";

describe("the disk file store", () => {
  let root: string;
  let store: FileStore;
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "letscoop-files-"));
    store = diskFileStore(root);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it("gives back the bytes it was given, under a random opaque key, with their SHA-256", async () => {
    const bytes = new TextEncoder().encode("Pistes de travail");
    const { key, sha256 } = await store.put(bytes);
    expect(key).toMatch(/^[a-f0-9]{32}$/);
    expect(sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(await store.get(key)).toEqual(bytes);
    const again = await store.put(bytes);
    expect(again.key).not.toBe(key);
  });

  it("writes each file readable by its owner only, under a folder named by the key's prefix", async () => {
    const { key } = await store.put(new Uint8Array([1, 2, 3]));
    const where = path.join(root, key.slice(0, 2), key);
    expect(await readFile(where)).toEqual(Buffer.from([1, 2, 3]));
    expect((await stat(where)).mode & 0o777).toBe(0o600);
    // No temporary file is left next to it.
    expect(await readdir(path.join(root, key.slice(0, 2)))).toEqual([key]);
  });

  it("deletes, and deleting twice is harmless", async () => {
    const { key } = await store.put(new Uint8Array([1]));
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    await expect(store.delete(key)).resolves.toBeUndefined();
  });

  it("answers null for unknown keys, and never reads or deletes outside its folder", async () => {
    expect(await store.get("0".repeat(32))).toBeNull();
    const outside = path.join(root, "..", `outside-${path.basename(root)}`);
    for (const key of ["../outside", "../../etc/passwd", "", "A".repeat(32), `${"a".repeat(31)}/`, "a".repeat(33)]) {
      expect(await store.get(key), key).toBeNull();
      await expect(store.delete(key)).resolves.toBeUndefined();
    }
    await expect(stat(outside)).rejects.toThrow();
  });

  it("keeps empty and large files intact", async () => {
    const large = new Uint8Array(3 * 1024 * 1024).map((_, i) => i % 251);
    const { key } = await store.put(large);
    const back = await store.get(key);
    expect(back && Buffer.compare(Buffer.from(back), Buffer.from(large))).toBe(0);
    const empty = await store.put(new Uint8Array());
    expect(await store.get(empty.key)).toEqual(new Uint8Array());
  });

  it("leaves nothing behind when a write fails", async () => {
    const broken = diskFileStore(path.join(root, "not-a-folder"));
    // A file where the store wants its folder: creating the key's folder fails.
    await (await import("node:fs/promises")).writeFile(path.join(root, "not-a-folder"), "x");
    await expect(broken.put(new Uint8Array([1]))).rejects.toThrow();
    expect(await readdir(root)).toEqual(["not-a-folder"]);
  });
});
