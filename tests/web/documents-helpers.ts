import { and, asc, eq } from "drizzle-orm";
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { Queryable } from "../../src/db/client.js";
import { documentVersions, groupDocuments, workingGroups } from "../../src/db/schema/index.js";
import type { TestApp } from "../support/app.js";

/** A 1×1 transparent PNG. */
export const PNG = Uint8Array.from(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
    "base64",
  ),
);

/** A small but well-formed PDF. */
export const PDF = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

export function file(bytes: Uint8Array | string, name: string, type = "application/octet-stream"): File {
  const content = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
  return new File([content as Uint8Array<ArrayBuffer>], name, { type });
}

/** Every file in a disk store's folder (names only), to check that nothing is left behind. */
export async function storedFiles(t: TestApp): Promise<string[]> {
  const root = path.join(t.deps.env.DATA_DIR, "files");
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

export async function groupId(db: Queryable, key: string): Promise<string> {
  const [group] = await db.select({ id: workingGroups.id }).from(workingGroups).where(eq(workingGroups.key, key));
  if (!group) throw new Error(`no group ${key}`);
  return group.id;
}

export async function documentId(db: Queryable, title: string): Promise<string> {
  const [doc] = await db.select({ id: groupDocuments.id }).from(groupDocuments).where(eq(groupDocuments.title, title));
  if (!doc) throw new Error(`no document ${title}`);
  return doc.id;
}

export async function versionsOf(db: Queryable, id: string) {
  return db
    .select()
    .from(documentVersions)
    .where(eq(documentVersions.documentId, id))
    .orderBy(asc(documentVersions.version));
}

export async function countDocuments(db: Queryable, group: string) {
  const docs = await db.select({ id: groupDocuments.id }).from(groupDocuments).where(eq(groupDocuments.groupId, group));
  const versions = await db
    .select({ id: documentVersions.id })
    .from(documentVersions)
    .innerJoin(
      groupDocuments,
      and(eq(groupDocuments.id, documentVersions.documentId), eq(groupDocuments.groupId, group)),
    );
  return { documents: docs.length, versions: versions.length };
}

/** A multipart form as a browser sends it; a File goes in as a file part. */
export function multipart(fields: Record<string, string | File>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}

export const ACCOUNT = {
  admin: "admin@demo.letscoop.test",
  manager: "manager@demo.letscoop.test",
  facilitator: "facilitator@demo.letscoop.test",
  secretary: "secretary@demo.letscoop.test",
  member: "member@demo.letscoop.test",
  ethics: "ethics@demo.letscoop.test",
  guest: "guest@demo.letscoop.test",
  /** Facilitates the French "economic-model-fr" group; Smart France member. */
  frenchFacilitator: "member04@demo.letscoop.test",
} as const;
