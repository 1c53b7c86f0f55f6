import { EQUALITY_GROUP, EVERYONE, RUNS_CYCLES, type Who } from "./roles.js";

/** The group's participants and those who run its cycle: its library, writing and group-only documents. */
const GROUP_AND_RUNNERS: Who[] = [...EQUALITY_GROUP, ...RUNS_CYCLES];

/**
 * Who may use each documents route in the walk's state (see roles.ts for the sample group).
 * The sample document is the equality group's "Pistes de travail", visible to the group only.
 */
export const DOCUMENT_ROUTES: Record<string, Who[]> = {
  "GET /groups/:groupId/documents": EVERYONE,
  "GET /groups/:groupId/documents/new": GROUP_AND_RUNNERS,
  "POST /groups/:groupId/documents/new": GROUP_AND_RUNNERS,
  "GET /documents/:documentId": GROUP_AND_RUNNERS,
  "POST /documents/:documentId/versions": GROUP_AND_RUNNERS,
  "POST /documents/:documentId/settings": GROUP_AND_RUNNERS,
  "GET /documents/:documentId/versions/:version": GROUP_AND_RUNNERS,
  "GET /documents/:documentId/diff": GROUP_AND_RUNNERS,
};
