import { and, asc, eq } from "drizzle-orm";
import { appendAudit } from "../audit/log.js";
import { hashPassword } from "../auth/passwords.js";
import { deleteSessionsOf } from "../auth/sessions.js";
import { consumeToken, inspectToken, issueToken, TOKEN_LIFETIME_MINUTES } from "../auth/tokens.js";
import type { Db } from "../db/client.js";
import { colleges, memberships, offices, organisations, persons, type Labels } from "../db/schema/index.js";
import type { Locale } from "../i18n/locales.js";
import type { Logger } from "../logging/logger.js";
import type { Mailer } from "../mail/mailer.js";
import { invitationMail } from "../mail/templates.js";
import { TOKEN_FORMAT, type LinkUseOutcome } from "./email-links.js";
import { isEnabled } from "./link-recipient.js";

export interface OrganisationForInvitation {
  id: string;
  slug: string;
  name: string;
  defaultLanguage: Locale;
}

export async function findOrganisationBySlug(db: Db, slug: string): Promise<OrganisationForInvitation | null> {
  const [row] = await db
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      defaultLanguage: organisations.defaultLanguage,
    })
    .from(organisations)
    .where(eq(organisations.slug, slug));
  return row ?? null;
}

/** The colleges and offices an invitation into this organisation may name. */
export async function invitationChoices(db: Db, organisationId: string) {
  const [collegeRows, officeRows] = await Promise.all([
    db
      .select({ id: colleges.id, key: colleges.key, labels: colleges.labels })
      .from(colleges)
      .where(eq(colleges.organisationId, organisationId))
      .orderBy(asc(colleges.position), asc(colleges.key)),
    db
      .select({ id: offices.id, name: offices.name })
      .from(offices)
      .where(eq(offices.organisationId, organisationId))
      .orderBy(asc(offices.name)),
  ]);
  return { colleges: collegeRows as Array<{ id: string; key: string; labels: Labels }>, offices: officeRows };
}

export interface InvitationInput {
  organisationId: string;
  email: string;
  name: string;
  collegeId: string;
  officeId: string | null;
  language: Locale;
  isShareholder: boolean;
  shares: number;
}

export type InvitationOutcome =
  | { ok: true; personId: string; membershipId: string; mailed: boolean }
  | { ok: false; reason: "already_member" | "unknown_college" | "unknown_office" };

/**
 * Invites a person into an organisation: creates the person when the e-mail is new (else reuses
 * them), the membership, a single-use invitation token and the audit entry in one transaction,
 * then e-mails the invitation in the chosen language.
 */
export async function invitePerson(
  db: Db,
  deps: { mailer: Mailer; logger: Logger; baseUrl: string },
  actorId: string,
  input: InvitationInput,
  now = new Date(),
): Promise<InvitationOutcome> {
  type Created = {
    ok: true;
    personId: string;
    membershipId: string;
    name: string;
    token: string;
    organisation: string;
  };
  const created = await db.transaction(async (tx): Promise<Created | Exclude<InvitationOutcome, { ok: true }>> => {
    const [college] = await tx
      .select({ id: colleges.id })
      .from(colleges)
      .where(and(eq(colleges.id, input.collegeId), eq(colleges.organisationId, input.organisationId)));
    if (!college) return { ok: false, reason: "unknown_college" };
    if (input.officeId) {
      const [office] = await tx
        .select({ id: offices.id })
        .from(offices)
        .where(and(eq(offices.id, input.officeId), eq(offices.organisationId, input.organisationId)));
      if (!office) return { ok: false, reason: "unknown_office" };
    }
    const [organisation] = await tx
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, input.organisationId));
    if (!organisation) throw new Error("organisation of the invitation vanished");

    const inserted = await tx
      .insert(persons)
      .values({ email: input.email, name: input.name, locale: input.language })
      .onConflictDoNothing({ target: persons.email })
      .returning({ id: persons.id, name: persons.name });
    const newPerson = inserted.length > 0;
    const [person] = newPerson
      ? inserted
      : await tx.select({ id: persons.id, name: persons.name }).from(persons).where(eq(persons.email, input.email));
    if (!person) throw new Error("invited person vanished");

    const [membership] = await tx
      .insert(memberships)
      .values({
        personId: person.id,
        organisationId: input.organisationId,
        collegeId: input.collegeId,
        officeId: input.officeId,
        isShareholder: input.isShareholder,
        shares: input.isShareholder ? input.shares : 0,
        language: input.language,
      })
      .onConflictDoNothing({ target: [memberships.personId, memberships.organisationId] })
      .returning({ id: memberships.id });
    if (!membership) return { ok: false, reason: "already_member" };

    const token = await issueToken(tx, person.id, "invitation", now);
    await appendAudit(
      tx,
      {
        actorId,
        action: "member.invited",
        subjectType: "membership",
        subjectId: membership.id,
        organisationId: input.organisationId,
        data: { personId: person.id, newPerson },
      },
      now,
    );
    return {
      ok: true,
      personId: person.id,
      membershipId: membership.id,
      name: person.name,
      token,
      organisation: organisation.name,
    };
  });
  if (!created.ok) return created;

  const mail = await invitationMail({
    locale: input.language,
    name: created.name,
    organisation: created.organisation,
    url: `${deps.baseUrl}/${input.language}/invitation/${created.token}`,
    days: Math.round(TOKEN_LIFETIME_MINUTES.invitation / (24 * 60)),
  });
  try {
    await deps.mailer.send({ to: input.email, ...mail });
    return { ok: true, personId: created.personId, membershipId: created.membershipId, mailed: true };
  } catch (error) {
    // The membership stands; only the message failed. No address or name in the log.
    deps.logger.error(
      { err: { message: (error as Error).message }, membershipId: created.membershipId },
      "invitation e-mail not sent",
    );
    return { ok: true, personId: created.personId, membershipId: created.membershipId, mailed: false };
  }
}

export type InvitationView =
  { ok: true; personId: string; name: string } | { ok: false; reason: "unknown" | "expired" | "used" };

/** The invitation behind a link, without using it (the acceptance form). */
export async function checkInvitation(db: Db, token: string, now = new Date()): Promise<InvitationView> {
  if (!TOKEN_FORMAT.test(token)) return { ok: false, reason: "unknown" };
  const state = await inspectToken(db, token, "invitation", now);
  if (!state.ok) return state;
  const [person] = await db
    .select({ name: persons.name, disabledAt: persons.disabledAt })
    .from(persons)
    .where(eq(persons.id, state.personId));
  if (!person || person.disabledAt) return { ok: false, reason: "unknown" };
  return { ok: true, personId: state.personId, name: person.name };
}

/**
 * Uses an invitation once: sets the person's name and password, ends any session they had and
 * records the acceptance, in one transaction. The caller opens the new session.
 */
export async function acceptInvitation(
  db: Db,
  token: string,
  input: { name: string; password: string },
  now = new Date(),
): Promise<LinkUseOutcome> {
  if (!TOKEN_FORMAT.test(token)) return { ok: false, reason: "unknown" };
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx): Promise<LinkUseOutcome> => {
    const state = await consumeToken(tx, token, "invitation", now);
    if (!state.ok) return state;
    const person = await isEnabled(tx, state.personId);
    if (!person) return { ok: false, reason: "unknown" };
    await tx.update(persons).set({ name: input.name, passwordHash }).where(eq(persons.id, state.personId));
    await deleteSessionsOf(tx, state.personId);
    await appendAudit(
      tx,
      { actorId: state.personId, action: "auth.invitation_accepted", subjectType: "person", subjectId: state.personId },
      now,
    );
    return { ok: true, personId: state.personId, locale: person.locale };
  });
}
