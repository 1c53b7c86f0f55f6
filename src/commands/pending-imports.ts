import { and, eq, gt, lt } from "drizzle-orm";
import type { Db, Queryable } from "../db/client.js";
import { pendingImports } from "../db/schema/index.js";

/** A file with bad rows waits this long for its uploader's decision. */
export const PENDING_IMPORT_LIFETIME_MS = 24 * 60 * 60 * 1000;

export interface PendingImport {
  id: string;
  organisationId: string;
  uploadedBy: string;
  fileName: string;
  content: string;
  createdAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Keeps a checked file until its uploader confirms or cancels; drops every pending import older than a day. */
export async function storePendingImport(
  db: Db,
  input: { organisationId: string; uploadedBy: string; fileName: string; content: string },
  now = new Date(),
): Promise<string> {
  return db.transaction(async (tx) => {
    await tx
      .delete(pendingImports)
      .where(lt(pendingImports.createdAt, new Date(now.getTime() - PENDING_IMPORT_LIFETIME_MS)));
    const [row] = await tx
      .insert(pendingImports)
      .values({ ...input, fileName: input.fileName.slice(0, 200), createdAt: now })
      .returning({ id: pendingImports.id });
    return row!.id;
  });
}

/** The pending import, only for its organisation and its uploader, and only while it is fresh. */
export async function findPendingImport(
  db: Queryable,
  where: { id: string; organisationId: string; uploadedBy: string },
  now = new Date(),
): Promise<PendingImport | null> {
  if (!UUID.test(where.id)) return null;
  const [row] = await db
    .select()
    .from(pendingImports)
    .where(
      and(
        eq(pendingImports.id, where.id),
        eq(pendingImports.organisationId, where.organisationId),
        eq(pendingImports.uploadedBy, where.uploadedBy),
        gt(pendingImports.createdAt, new Date(now.getTime() - PENDING_IMPORT_LIFETIME_MS)),
      ),
    );
  return row ?? null;
}

export async function deletePendingImport(
  db: Queryable,
  where: { id: string; organisationId: string; uploadedBy: string },
): Promise<void> {
  if (!UUID.test(where.id)) return;
  await db
    .delete(pendingImports)
    .where(
      and(
        eq(pendingImports.id, where.id),
        eq(pendingImports.organisationId, where.organisationId),
        eq(pendingImports.uploadedBy, where.uploadedBy),
      ),
    );
}
