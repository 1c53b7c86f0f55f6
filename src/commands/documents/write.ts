import { eq, sql } from "drizzle-orm";
import { appendAudit, type AuditAction } from "../../audit/log.js";
import type { Db, Tx } from "../../db/client.js";
import { documentVersions, groupDocuments, type DocumentKind, type DocumentVisibility } from "../../db/schema/index.js";
import { normaliseLineEnds } from "../../domain/documents/diff.js";
import type { FileStore } from "../../storage/file-store.js";
import type { CheckedUpload } from "../../storage/uploads.js";
import { isUniqueViolation } from "../db-errors.js";
import type { DocumentContext, GroupContext } from "../groups/load.js";

/** What a version holds: a checked upload (see checkUpload), or a text written on the site. */
export type VersionContent = { type: "file"; upload: CheckedUpload } | { type: "text"; text: string };

export interface DocumentSettings {
  title: string;
  kind: DocumentKind;
  visibility: DocumentVisibility;
}

const DOCUMENT_AUDIT: Record<"created" | "versionAdded" | "updated", AuditAction> = {
  created: "document.created",
  versionAdded: "document.version_added",
  updated: "document.updated",
};

function auditScope(group: GroupContext) {
  return {
    subjectType: "document",
    organisationId: group.group.organisationId ?? group.facts.organisationIds[0] ?? null,
  };
}

/** The columns of a version for its content; the file is already in the store (key, sha256). */
function versionColumns(content: VersionContent, stored: { key: string; sha256: string } | null) {
  if (content.type === "text") {
    return { textContent: normaliseLineEnds(content.text), storageKey: null };
  }
  const { upload } = content;
  return {
    storageKey: stored!.key,
    sha256: stored!.sha256,
    fileName: upload.name,
    mediaType: upload.mediaType,
    size: upload.bytes.byteLength,
    textContent: upload.text,
  };
}

/**
 * Puts the file of a version in the store (only once everything else was checked), runs the
 * transaction, and takes the file out again if the transaction fails: no file is left that no
 * version points to.
 */
async function withStoredFile<T>(
  files: FileStore,
  content: VersionContent,
  write: (stored: { key: string; sha256: string } | null) => Promise<T>,
): Promise<T> {
  const stored = content.type === "file" ? await files.put(content.upload.bytes) : null;
  try {
    return await write(stored);
  } catch (error) {
    if (stored) await files.delete(stored.key);
    throw error;
  }
}

/** Creates a document in a group with its first version. */
export async function createDocument(
  db: Db,
  files: FileStore,
  actorId: string,
  group: GroupContext,
  input: DocumentSettings & { note: string; content: VersionContent },
): Promise<{ documentId: string }> {
  return withStoredFile(files, input.content, (stored) =>
    db.transaction(async (tx) => {
      const [document] = await tx
        .insert(groupDocuments)
        .values({
          groupId: group.group.id,
          title: input.title,
          kind: input.kind,
          visibility: input.visibility,
          createdBy: actorId,
        })
        .returning({ id: groupDocuments.id });
      await tx.insert(documentVersions).values({
        documentId: document!.id,
        version: 1,
        note: input.note,
        createdBy: actorId,
        ...versionColumns(input.content, stored),
      });
      await appendAudit(tx, {
        actorId,
        action: DOCUMENT_AUDIT.created,
        ...auditScope(group),
        subjectId: document!.id,
        data: {
          groupId: group.group.id,
          kind: input.kind,
          visibility: input.visibility,
          content: input.content.type,
        },
      });
      return { documentId: document!.id };
    }),
  );
}

async function nextVersionNumber(tx: Tx, documentId: string): Promise<number> {
  const [row] = await tx
    .select({ last: sql<number>`coalesce(max(${documentVersions.version}), 0)`.mapWith(Number) })
    .from(documentVersions)
    .where(eq(documentVersions.documentId, documentId));
  return (row?.last ?? 0) + 1;
}

/**
 * Adds the next version of a document. Numbers stay consecutive when several people post at
 * once: the document's row is locked while the number is taken, and a clash on the unique
 * (document, version) pair is retried.
 */
export async function addVersion(
  db: Db,
  files: FileStore,
  actorId: string,
  context: DocumentContext,
  input: { note: string; content: VersionContent },
): Promise<{ version: number }> {
  const documentId = context.document.id;
  return withStoredFile(files, input.content, async (stored) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await db.transaction(async (tx) => {
          await tx
            .select({ id: groupDocuments.id })
            .from(groupDocuments)
            .where(eq(groupDocuments.id, documentId))
            .for("update");
          const version = await nextVersionNumber(tx, documentId);
          await tx.insert(documentVersions).values({
            documentId,
            version,
            note: input.note,
            createdBy: actorId,
            ...versionColumns(input.content, stored),
          });
          await appendAudit(tx, {
            actorId,
            action: DOCUMENT_AUDIT.versionAdded,
            ...auditScope(context),
            subjectId: documentId,
            data: { groupId: context.group.id, version, content: input.content.type },
          });
          return { version };
        });
      } catch (error) {
        if (attempt < 5 && isUniqueViolation(error)) continue;
        throw error;
      }
    }
  });
}

/** Changes a document's title, kind or visibility; the audit entry names what changed. */
export async function updateDocumentSettings(
  db: Db,
  actorId: string,
  context: DocumentContext,
  input: DocumentSettings,
): Promise<{ changed: string[] }> {
  const before = context.document;
  const changed = (["title", "kind", "visibility"] as const).filter((f) => before[f] !== input[f]);
  if (changed.length === 0) return { changed };
  await db.transaction(async (tx) => {
    await tx
      .update(groupDocuments)
      .set({ title: input.title, kind: input.kind, visibility: input.visibility })
      .where(eq(groupDocuments.id, before.id));
    await appendAudit(tx, {
      actorId,
      action: DOCUMENT_AUDIT.updated,
      ...auditScope(context),
      subjectId: before.id,
      data: {
        groupId: context.group.id,
        fields: changed,
        ...(changed.includes("visibility") ? { visibility: { from: before.visibility, to: input.visibility } } : {}),
      },
    });
  });
  return { changed };
}
