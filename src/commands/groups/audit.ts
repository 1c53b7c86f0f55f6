import { appendAudit, type AuditInput } from "../../audit/log.js";
import type { Queryable } from "../../db/client.js";

/** The audit entries of working groups (ids only: no names, no e-mails). */
export type GroupAuditAction =
  "group.created" | "group.updated" | "group.role_assigned" | "group.role_removed" | "group.membership_changed";

/** Appends a group entry to the audit chain, inside the caller's transaction. */
export function appendGroupAudit(
  tx: Queryable,
  input: Omit<AuditInput, "action"> & { action: GroupAuditAction },
  now?: Date,
): Promise<void> {
  return appendAudit(tx, { ...input, action: input.action }, now);
}
