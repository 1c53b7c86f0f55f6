import { and, asc, desc, eq, exists, inArray, max, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import {
  documentVersions,
  groupDocuments,
  memberships,
  persons,
  type DocumentKind,
  type DocumentVisibility,
} from "../../db/schema/index.js";
import { isUuid } from "../db-errors.js";

/** Who wrote something: their name, and whether they opted into the directory of the group's organisations. */
export interface Author {
  name: string | null;
  listed: boolean;
}

export interface LibraryRow {
  id: string;
  title: string;
  kind: DocumentKind;
  visibility: DocumentVisibility;
  createdAt: Date;
  /** The latest version (null only for a document whose versions were all lost). */
  latest: { version: number; createdAt: Date; isText: boolean; author: Author } | null;
}

export interface VersionRow {
  id: string;
  version: number;
  createdAt: Date;
  note: string;
  fileName: string | null;
  mediaType: string | null;
  size: number | null;
  /** A file in the store (download), as opposed to a text written on the site. */
  hasFile: boolean;
  /** Text to compare: a text version, or a plain-text upload. */
  hasText: boolean;
  author: Author;
}

export type StoredVersion = typeof documentVersions.$inferSelect;

/** Whether the author of a version opted into the directory of one of the organisations. */
function listedIn(organisationIds: readonly string[]) {
  return exists(
    sql`(select 1 from ${memberships} where ${memberships.personId} = ${documentVersions.createdBy} and ${memberships.directoryOptIn} and ${
      organisationIds.length > 0 ? inArray(memberships.organisationId, [...organisationIds]) : sql`false`
    })`,
  );
}

/**
 * Every document of a group with its latest version and that version's author, in one query.
 * The caller keeps the rows the actor may see (document.view on each).
 */
export async function listGroupDocuments(
  db: Queryable,
  groupId: string,
  organisationIds: readonly string[],
): Promise<LibraryRow[]> {
  const latest = db
    .select({ documentId: documentVersions.documentId, version: max(documentVersions.version).as("latest_version") })
    .from(documentVersions)
    .groupBy(documentVersions.documentId)
    .as("latest");
  const rows = await db
    .select({
      id: groupDocuments.id,
      title: groupDocuments.title,
      kind: groupDocuments.kind,
      visibility: groupDocuments.visibility,
      createdAt: groupDocuments.createdAt,
      version: documentVersions.version,
      versionAt: documentVersions.createdAt,
      isText: sql<boolean>`${documentVersions.storageKey} is null`,
      authorName: persons.name,
      authorListed: listedIn(organisationIds).mapWith(Boolean),
    })
    .from(groupDocuments)
    .leftJoin(latest, eq(latest.documentId, groupDocuments.id))
    .leftJoin(
      documentVersions,
      and(eq(documentVersions.documentId, groupDocuments.id), eq(documentVersions.version, latest.version)),
    )
    .leftJoin(persons, eq(persons.id, documentVersions.createdBy))
    .where(eq(groupDocuments.groupId, groupId))
    .orderBy(
      desc(sql`coalesce(${documentVersions.createdAt}, ${groupDocuments.createdAt})`),
      asc(groupDocuments.title),
    );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    kind: r.kind,
    visibility: r.visibility,
    createdAt: r.createdAt,
    latest:
      r.version === null || r.versionAt === null
        ? null
        : {
            version: r.version,
            createdAt: r.versionAt,
            isText: Boolean(r.isText),
            author: { name: r.authorName, listed: Boolean(r.authorListed) },
          },
  }));
}

/** The versions of a document, newest first, without their content. */
export async function listVersions(
  db: Queryable,
  documentId: string,
  organisationIds: readonly string[],
): Promise<VersionRow[]> {
  const rows = await db
    .select({
      id: documentVersions.id,
      version: documentVersions.version,
      createdAt: documentVersions.createdAt,
      note: documentVersions.note,
      fileName: documentVersions.fileName,
      mediaType: documentVersions.mediaType,
      size: documentVersions.size,
      hasFile: sql<boolean>`${documentVersions.storageKey} is not null`,
      hasText: sql<boolean>`${documentVersions.textContent} is not null`,
      authorName: persons.name,
      authorListed: listedIn(organisationIds).mapWith(Boolean),
    })
    .from(documentVersions)
    .leftJoin(persons, eq(persons.id, documentVersions.createdBy))
    .where(eq(documentVersions.documentId, documentId))
    .orderBy(desc(documentVersions.version));
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    createdAt: r.createdAt,
    note: r.note,
    fileName: r.fileName,
    mediaType: r.mediaType,
    size: r.size,
    hasFile: Boolean(r.hasFile),
    hasText: Boolean(r.hasText),
    author: { name: r.authorName, listed: Boolean(r.authorListed) },
  }));
}

/** One version with its content (text, or the key of its file), or null. */
export async function findVersion(db: Queryable, documentId: string, version: number): Promise<StoredVersion | null> {
  if (!isUuid(documentId)) return null;
  const [row] = await db
    .select()
    .from(documentVersions)
    .where(and(eq(documentVersions.documentId, documentId), eq(documentVersions.version, version)));
  return row ?? null;
}

/** The texts of two versions of a document, for a comparison. */
export async function versionTexts(
  db: Queryable,
  documentId: string,
  numbers: [number, number],
): Promise<Map<number, string>> {
  const rows = await db
    .select({ version: documentVersions.version, text: documentVersions.textContent })
    .from(documentVersions)
    .where(and(eq(documentVersions.documentId, documentId), inArray(documentVersions.version, numbers)));
  return new Map(rows.filter((r) => r.text !== null).map((r) => [r.version, r.text!]));
}
