import { asc, desc, gt, sql } from "drizzle-orm";
import type { Queryable } from "../db/client.js";
import { auditLog } from "../db/schema/index.js";
import { chainHash, GENESIS_HASH, verifyChain, type AuditEntryContent, type ChainCheck } from "./chain.js";

export type AuditAction =
  | "auth.sign_in"
  | "auth.sign_in_failed"
  | "auth.sign_out"
  | "auth.magic_link_used"
  | "auth.password_reset"
  | "auth.password_changed"
  | "auth.invitation_accepted"
  | "organisation.created"
  | "organisation.updated"
  | "membership.created"
  | "membership.updated"
  | "membership.removed"
  | "member.invited"
  | "role.granted"
  | "role.revoked"
  | "members.imported"
  | "database.restored"
  | "cycle.created"
  | "cycle.updated"
  | "theme.created"
  | "theme.updated"
  | "ballot.created"
  | "ballot.updated"
  | "ballot.opened"
  | "ballot.closed"
  | "ballot.published"
  | "ballot.exported"
  | "group.created"
  | "group.updated"
  | "group.role_assigned"
  | "group.role_removed"
  | "group.membership_changed"
  | "meeting.created"
  | "meeting.updated"
  | "meeting.cancelled"
  | "minutes.published"
  | "document.created"
  | "document.version_added"
  | "document.updated"
  | "expense.submitted"
  | "expense.approved"
  | "expense.refused"
  | "expense.reimbursed"
  | "local_talk.created"
  | "local_talk.updated"
  | "recommendation.created"
  | "recommendation.version_saved"
  | "recommendation.commented"
  | "recommendation.translated"
  | "recommendation.submitted"
  | "assembly.created"
  | "assembly.site_added"
  | "assembly.teller_added"
  | "assembly.item_added"
  | "assembly.item_moved"
  | "assembly.opened"
  | "assembly.closed"
  | "assembly.item_opened"
  | "assembly.item_closed"
  | "assembly.attendance_recorded"
  | "assembly.proxy_recorded"
  | "assembly.proxy_removed"
  | "assembly.paper_entered"
  | "board.note_added"
  | "board.review_started"
  | "amendment.proposed"
  | "amendment.accepted"
  | "amendment.rejected"
  | "amendment.merged"
  | "board.decided"
  | "board.returned"
  | "proposal.created"
  | "workflow.updated"
  | "workflow.reset"
  | "api_token.created"
  | "api_token.revoked"
  | "action_plan.programme_created"
  | "action_plan.project_created"
  | "action_plan.project_changed"
  | "action_plan.update_posted"
  | "action_plan.axis_created";

export interface AuditInput {
  actorId: string | null;
  action: AuditAction;
  subjectType: string;
  subjectId?: string | null;
  organisationId?: string | null;
  /** No personal data beyond ids: e-mails and names stay out of the log. */
  data?: Record<string, unknown>;
}

/** Arbitrary constant naming the lock that serialises appends to the chain. */
const AUDIT_LOCK = 7_270_001;

/**
 * Appends one entry. Call it inside the transaction of the change it records, so that both
 * land or neither does; the advisory lock orders concurrent appends.
 */
export async function appendAudit(tx: Queryable, input: AuditInput, now = new Date()): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  const content: AuditEntryContent = {
    at: now.toISOString(),
    actorId: input.actorId,
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId ?? null,
    organisationId: input.organisationId ?? null,
    data: input.data ?? {},
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await tx.insert(auditLog).values({
    ...content,
    at: now,
    prevHash,
    hash: chainHash(prevHash, content),
  });
}

/** Reads the whole chain in pages and checks every link. */
export async function verifyAuditLog(db: Queryable, pageSize = 5000): Promise<ChainCheck> {
  const rows: Array<AuditEntryContent & { seq: number; prevHash: string; hash: string }> = [];
  let after = 0;
  for (;;) {
    const page = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, after))
      .orderBy(asc(auditLog.seq))
      .limit(pageSize);
    for (const r of page) {
      rows.push({
        seq: r.seq,
        at: r.at.toISOString(),
        actorId: r.actorId,
        action: r.action,
        subjectType: r.subjectType,
        subjectId: r.subjectId,
        organisationId: r.organisationId,
        data: r.data,
        prevHash: r.prevHash,
        hash: r.hash,
      });
    }
    if (page.length < pageSize) break;
    after = page[page.length - 1]!.seq;
  }
  return verifyChain(rows);
}
