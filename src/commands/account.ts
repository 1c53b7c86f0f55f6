import { and, asc, eq, ne } from "drizzle-orm";
import { appendAudit } from "../audit/log.js";
import { hashPassword, verifyPassword } from "../auth/passwords.js";
import { hit, SIGN_IN_LIMITS } from "../auth/rate-limit.js";
import type { Db } from "../db/client.js";
import { colleges, memberships, offices, organisations, persons, sessions, type Labels } from "../db/schema/index.js";
import { isLocale, type Locale } from "../i18n/locales.js";

export interface AccountMembership {
  id: string;
  organisationName: string;
  collegeKey: string;
  collegeLabels: Labels;
  memberNumber: string | null;
  isShareholder: boolean;
  shares: number;
  officeName: string | null;
  sector: string;
  directoryOptIn: boolean;
}

export interface AccountView {
  name: string;
  email: string;
  locale: Locale;
  /** False for someone who only ever signed in by e-mailed link. */
  hasPassword: boolean;
  memberships: AccountMembership[];
}

/** What the account page shows: the person and each of their memberships. */
export async function loadAccount(db: Db, personId: string): Promise<AccountView | null> {
  const [person] = await db
    .select({ name: persons.name, email: persons.email, locale: persons.locale, passwordHash: persons.passwordHash })
    .from(persons)
    .where(eq(persons.id, personId));
  if (!person) return null;
  const rows = await db
    .select({
      id: memberships.id,
      organisationName: organisations.name,
      collegeKey: colleges.key,
      collegeLabels: colleges.labels,
      memberNumber: memberships.memberNumber,
      isShareholder: memberships.isShareholder,
      shares: memberships.shares,
      officeName: offices.name,
      sector: memberships.sector,
      directoryOptIn: memberships.directoryOptIn,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .innerJoin(colleges, eq(colleges.id, memberships.collegeId))
    .leftJoin(offices, eq(offices.id, memberships.officeId))
    .where(eq(memberships.personId, personId))
    .orderBy(asc(organisations.name));
  return {
    name: person.name,
    email: person.email,
    locale: isLocale(person.locale) ? person.locale : "fr",
    hasPassword: person.passwordHash !== null,
    memberships: rows,
  };
}

export async function updateProfile(db: Db, personId: string, input: { name: string; locale: Locale }): Promise<void> {
  await db.update(persons).set({ name: input.name, locale: input.locale }).where(eq(persons.id, personId));
}

/** The membership only when it belongs to the person: another person's id finds nothing. */
export async function findOwnMembership(db: Db, personId: string, membershipId: string) {
  const [row] = await db
    .select({ id: memberships.id, personId: memberships.personId, organisationId: memberships.organisationId })
    .from(memberships)
    .where(and(eq(memberships.id, membershipId), eq(memberships.personId, personId)));
  return row ?? null;
}

/** Shows or hides the person in the member directory of one organisation. */
export async function setDirectoryOptIn(
  db: Db,
  personId: string,
  membershipId: string,
  optIn: boolean,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(memberships)
      .set({ directoryOptIn: optIn })
      .where(and(eq(memberships.id, membershipId), eq(memberships.personId, personId)))
      .returning({ organisationId: memberships.organisationId });
    if (!row) return false;
    await appendAudit(tx, {
      actorId: personId,
      action: "membership.updated",
      subjectType: "membership",
      subjectId: membershipId,
      organisationId: row.organisationId,
      data: { directoryOptIn: optIn },
    });
    return true;
  });
}

export type PasswordChangeOutcome =
  { ok: true } | { ok: false; reason: "wrong_password" } | { ok: false; reason: "rate_limited"; retryMinutes: number };

/**
 * Changes the password after checking the current one (attempts counted like sign-in); every
 * session of the person except the current one ends.
 */
export async function changePassword(
  db: Db,
  input: { personId: string; currentPassword: string; newPassword: string; keepSessionIdHash: string },
  now = new Date(),
): Promise<PasswordChangeOutcome> {
  const limit = await hit(db, `password-change:account:${input.personId}`, SIGN_IN_LIMITS.perAccount, now);
  if (!limit.allowed) return { ok: false, reason: "rate_limited", retryMinutes: limit.retryMinutes };
  const [person] = await db
    .select({ passwordHash: persons.passwordHash })
    .from(persons)
    .where(eq(persons.id, input.personId));
  if (!person || !(await verifyPassword(person.passwordHash, input.currentPassword)))
    return { ok: false, reason: "wrong_password" };
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(persons).set({ passwordHash }).where(eq(persons.id, input.personId));
    await tx
      .delete(sessions)
      .where(and(eq(sessions.personId, input.personId), ne(sessions.idHash, input.keepSessionIdHash)));
    await appendAudit(
      tx,
      { actorId: input.personId, action: "auth.password_changed", subjectType: "person", subjectId: input.personId },
      now,
    );
  });
  return { ok: true };
}
