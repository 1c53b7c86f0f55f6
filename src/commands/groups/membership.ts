import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.js";
import { groupMembers, persons } from "../../db/schema/index.js";
import { nextPlace, type MembershipEvent, type MembershipRefusal } from "../../domain/groups/rules.js";
import type { Logger } from "../../logging/logger.js";
import { groupInvitationMail } from "../../mail/group-mails.js";
import type { Mailer } from "../../mail/mailer.js";
import { isUuid } from "../db-errors.js";
import { findGroupCandidate } from "./admin.js";
import { appendGroupAudit } from "./audit.js";
import type { GroupContext } from "./load.js";
import { groupTitleIn } from "./read.js";

export type MembershipOutcome = { ok: true } | { ok: false; reason: MembershipRefusal | "not_member" };

interface Change {
  /** Who acts: the person themselves, or a leader of the group. */
  actorId: string;
  personId: string;
  event: MembershipEvent;
  /** For a new place (request, invitation): the college the person takes part from. */
  collegeId?: string | null;
}

/**
 * Moves one person's place in a group, with the row locked, and records it in the audit log in
 * the same transaction. Refusals (already in, no request waiting, the facilitator leaving…)
 * change nothing.
 */
async function change(tx: Tx, context: GroupContext, c: Change, now: Date): Promise<MembershipOutcome> {
  const groupId = context.group.id;
  const where = and(eq(groupMembers.groupId, groupId), eq(groupMembers.personId, c.personId));
  const [current] = await tx
    .select({ status: groupMembers.status, role: groupMembers.role, collegeId: groupMembers.collegeId })
    .from(groupMembers)
    .where(where)
    .for("update");
  const next = nextPlace(current ?? null, c.event);
  if (!next.ok) return next;
  const fresh = c.event === "request" || c.event === "invite";
  const decided = next.place.status !== "invited" && next.place.status !== "requested";
  const values = {
    status: next.place.status,
    role: next.place.role,
    ...(fresh ? { collegeId: c.collegeId ?? current?.collegeId ?? null, createdAt: now } : {}),
    ...(c.event === "invite" ? { invitedBy: c.actorId } : c.event === "request" ? { invitedBy: null } : {}),
    decidedAt: decided ? now : null,
  };
  if (current) await tx.update(groupMembers).set(values).where(where);
  else await tx.insert(groupMembers).values({ groupId, personId: c.personId, ...values });
  await appendGroupAudit(
    tx,
    {
      actorId: c.actorId,
      action: "group.membership_changed",
      subjectType: "working_group",
      subjectId: groupId,
      organisationId: context.group.organisationId ?? context.cycle.organisationIds[0] ?? null,
      data: { personId: c.personId, event: c.event, from: current?.status ?? null, to: next.place.status },
    },
    now,
  );
  return { ok: true };
}

/** The person asks to join; their college comes from their membership in the group's organisations. */
export async function requestToJoin(
  db: Db,
  context: GroupContext,
  personId: string,
  now = new Date(),
): Promise<MembershipOutcome> {
  return db.transaction(async (tx) => {
    const candidate = await findGroupCandidate(tx, context, { personId });
    if (!candidate) return { ok: false, reason: "not_member" };
    return change(tx, context, { actorId: personId, personId, event: "request", collegeId: candidate.collegeId }, now);
  });
}

export function answerInvitation(
  db: Db,
  context: GroupContext,
  personId: string,
  answer: "accept" | "decline",
  now = new Date(),
): Promise<MembershipOutcome> {
  const event = answer === "accept" ? "accept_invitation" : "decline_invitation";
  return db.transaction((tx) => change(tx, context, { actorId: personId, personId, event }, now));
}

/** The person leaves; a facilitator must first be replaced by the cycle team. */
export function leaveGroup(
  db: Db,
  context: GroupContext,
  personId: string,
  now = new Date(),
): Promise<MembershipOutcome> {
  return db.transaction((tx) => change(tx, context, { actorId: personId, personId, event: "leave" }, now));
}

/** A leader accepts or declines a request to join. */
export function decideRequest(
  db: Db,
  actorId: string,
  context: GroupContext,
  personId: string,
  decision: "accept" | "decline",
  now = new Date(),
): Promise<MembershipOutcome> {
  if (!isUuid(personId)) return Promise.resolve({ ok: false, reason: "no_request" });
  const event = decision === "accept" ? "accept_request" : "decline_request";
  return db.transaction((tx) => change(tx, context, { actorId, personId, event }, now));
}

/** A leader takes an active person off the group (not the facilitator). */
export function removeMember(
  db: Db,
  actorId: string,
  context: GroupContext,
  personId: string,
  now = new Date(),
): Promise<MembershipOutcome> {
  if (!isUuid(personId)) return Promise.resolve({ ok: false, reason: "not_active" });
  return db.transaction((tx) => change(tx, context, { actorId, personId, event: "remove" }, now));
}

export type InviteOutcome = { ok: true; personId: string; mailed: boolean } | Exclude<MembershipOutcome, { ok: true }>;

/**
 * Invites a member of the group's organisations, then e-mails them in their own language a
 * link to the group's page, where they accept or decline. Someone who declined or left may be
 * invited again; someone already in, invited or asking is not.
 */
export async function inviteToGroup(
  db: Db,
  deps: { mailer: Mailer; logger: Logger; baseUrl: string },
  actorId: string,
  context: GroupContext,
  email: string,
  now = new Date(),
): Promise<InviteOutcome> {
  const outcome = await db.transaction(async (tx): Promise<InviteOutcome> => {
    const candidate = await findGroupCandidate(tx, context, { email });
    if (!candidate) return { ok: false, reason: "not_member" };
    const changed = await change(
      tx,
      context,
      { actorId, personId: candidate.personId, event: "invite", collegeId: candidate.collegeId },
      now,
    );
    return changed.ok ? { ok: true, personId: candidate.personId, mailed: false } : changed;
  });
  if (!outcome.ok) return outcome;

  const [invitee] = await db
    .select({ email: persons.email, name: persons.name, locale: persons.locale })
    .from(persons)
    .where(eq(persons.id, outcome.personId));
  const [inviter] = await db.select({ name: persons.name }).from(persons).where(eq(persons.id, actorId));
  if (!invitee) return outcome;
  try {
    const mail = await groupInvitationMail({
      locale: invitee.locale,
      name: invitee.name,
      inviter: inviter?.name ?? "",
      group: await groupTitleIn(db, context.group.themeId, invitee.locale, context.group.key),
      cycle: context.cycle.name,
      url: `${deps.baseUrl}/${invitee.locale}/groups/${context.group.id}`,
    });
    await deps.mailer.send({ to: invitee.email, ...mail });
    return { ...outcome, mailed: true };
  } catch (error) {
    // The invitation stands (the person sees it on the group page); only the message failed.
    deps.logger.error(
      { err: { message: (error as Error).message }, groupId: context.group.id, personId: outcome.personId },
      "group invitation e-mail not sent",
    );
    return outcome;
  }
}
