import { and, eq } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import {
  cycleOrganisations,
  cycles,
  expenses,
  groupDocuments,
  groupMembers,
  localTalks,
  meetings,
  minutes,
  workingGroups,
} from "../../db/schema/index.js";
import type { GroupFacts, Resource } from "../../policies/can.js";
import { isUuid } from "../db-errors.js";

export type WorkingGroup = typeof workingGroups.$inferSelect;
export type Meeting = typeof meetings.$inferSelect;
export type GroupDocument = typeof groupDocuments.$inferSelect;
export type Expense = typeof expenses.$inferSelect;
export type LocalTalk = typeof localTalks.$inferSelect;

/** A group with its cycle, as every group route needs it. */
export interface GroupContext {
  group: WorkingGroup;
  cycle: { id: string; slug: string; name: string; organisationIds: string[] };
  facts: GroupFacts;
}

export interface LoadedGroup {
  resource: Extract<Resource, { type: "group" }>;
  data: GroupContext;
}

/**
 * Loads a group and what the policy needs to know: its organisations (its own, or every
 * organisation of its cycle when binational) and the actor's role or pending invitation or
 * request in it. Null when the id is not a group's (404).
 */
export async function loadGroupContext(
  db: Queryable,
  groupId: string,
  personId: string | null,
): Promise<GroupContext | null> {
  if (!isUuid(groupId)) return null;
  const [row] = await db
    .select({ group: workingGroups, cycle: { id: cycles.id, slug: cycles.slug, name: cycles.name } })
    .from(workingGroups)
    .innerJoin(cycles, eq(cycles.id, workingGroups.cycleId))
    .where(eq(workingGroups.id, groupId));
  if (!row) return null;
  const orgRows = await db
    .select({ id: cycleOrganisations.organisationId })
    .from(cycleOrganisations)
    .where(eq(cycleOrganisations.cycleId, row.cycle.id));
  const cycleOrgIds = orgRows.map((o) => o.id).sort();
  const organisationIds = row.group.organisationId ? [row.group.organisationId] : cycleOrgIds;
  let groupRole: GroupFacts["groupRole"] = null;
  let pending: GroupFacts["pending"] = null;
  if (personId !== null && isUuid(personId)) {
    const [membership] = await db
      .select({ role: groupMembers.role, status: groupMembers.status })
      .from(groupMembers)
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.personId, personId)));
    if (membership?.status === "active") groupRole = membership.role;
    if (membership?.status === "invited" || membership?.status === "requested") pending = membership.status;
  }
  return {
    group: row.group,
    cycle: { ...row.cycle, organisationIds: cycleOrgIds },
    facts: {
      organisationIds,
      groupRole,
      pending,
      openToRequests: row.group.openToRequests,
      minutesVisibility: row.group.minutesVisibility,
    },
  };
}

export async function loadGroupResource(
  db: Queryable,
  groupId: string,
  personId: string | null,
): Promise<LoadedGroup | null> {
  const context = await loadGroupContext(db, groupId, personId);
  return context ? { resource: { type: "group", ...context.facts }, data: context } : null;
}

export interface MeetingContext extends GroupContext {
  meeting: Meeting;
  minutes: typeof minutes.$inferSelect | null;
}

export async function loadMeetingResource(
  db: Queryable,
  meetingId: string,
  personId: string | null,
): Promise<{ resource: Extract<Resource, { type: "meeting" }>; data: MeetingContext } | null> {
  if (!isUuid(meetingId)) return null;
  const [row] = await db
    .select({ meeting: meetings, minutes })
    .from(meetings)
    .leftJoin(minutes, eq(minutes.meetingId, meetings.id))
    .where(eq(meetings.id, meetingId));
  if (!row) return null;
  const context = await loadGroupContext(db, row.meeting.groupId, personId);
  if (!context) return null;
  return {
    resource: {
      type: "meeting",
      group: context.facts,
      cancelled: row.meeting.cancelledAt !== null,
      minutes: row.minutes ? row.minutes.status : "none",
    },
    data: { ...context, meeting: row.meeting, minutes: row.minutes },
  };
}

export interface DocumentContext extends GroupContext {
  document: GroupDocument;
}

export async function loadDocumentResource(
  db: Queryable,
  documentId: string,
  personId: string | null,
): Promise<{ resource: Extract<Resource, { type: "document" }>; data: DocumentContext } | null> {
  if (!isUuid(documentId)) return null;
  const [document] = await db.select().from(groupDocuments).where(eq(groupDocuments.id, documentId));
  if (!document) return null;
  const context = await loadGroupContext(db, document.groupId, personId);
  if (!context) return null;
  return {
    resource: { type: "document", group: context.facts, visibility: document.visibility },
    data: { ...context, document },
  };
}

export interface ExpenseContext extends GroupContext {
  expense: Expense;
}

export async function loadExpenseResource(
  db: Queryable,
  expenseId: string,
  personId: string | null,
): Promise<{ resource: Extract<Resource, { type: "expense" }>; data: ExpenseContext } | null> {
  if (!isUuid(expenseId)) return null;
  const [expense] = await db.select().from(expenses).where(eq(expenses.id, expenseId));
  if (!expense) return null;
  const context = await loadGroupContext(db, expense.groupId, personId);
  if (!context) return null;
  return {
    resource: {
      type: "expense",
      group: context.facts,
      submittedByActor: personId !== null && expense.submittedBy === personId,
      status: expense.status,
    },
    data: { ...context, expense },
  };
}

export interface LocalTalkContext {
  talk: LocalTalk;
  cycle: { id: string; slug: string; name: string; organisationIds: string[] };
}

export async function loadLocalTalkResource(
  db: Queryable,
  talkId: string,
): Promise<{ resource: Extract<Resource, { type: "local_talk" }>; data: LocalTalkContext } | null> {
  if (!isUuid(talkId)) return null;
  const [row] = await db
    .select({ talk: localTalks, cycle: { id: cycles.id, slug: cycles.slug, name: cycles.name } })
    .from(localTalks)
    .innerJoin(cycles, eq(cycles.id, localTalks.cycleId))
    .where(eq(localTalks.id, talkId));
  if (!row) return null;
  const orgRows = await db
    .select({ id: cycleOrganisations.organisationId })
    .from(cycleOrganisations)
    .where(eq(cycleOrganisations.cycleId, row.cycle.id));
  const organisationIds = orgRows.map((o) => o.id).sort();
  return {
    resource: { type: "local_talk", organisationIds },
    data: { talk: row.talk, cycle: { ...row.cycle, organisationIds } },
  };
}
