import { eq } from "drizzle-orm";
import { appendAudit } from "../audit/log.js";
import { hashPassword } from "../auth/passwords.js";
import { deleteSessionsOf } from "../auth/sessions.js";
import { consumeToken, inspectToken, issueToken, TOKEN_LIFETIME_MINUTES } from "../auth/tokens.js";
import type { Db } from "../db/client.js";
import { persons } from "../db/schema/index.js";
import { passwordResetMail } from "../mail/templates.js";
import {
  countLinkRequest,
  deliverApart,
  TOKEN_FORMAT,
  type LinkMailDeps,
  type LinkRequestOutcome,
  type LinkUseOutcome,
} from "./email-links.js";
import { findLinkRecipient, isEnabled } from "./link-recipient.js";

/** Sends a password-reset link when the address belongs to an enabled account; answers alike otherwise. */
export async function requestPasswordReset(
  db: Db,
  deps: LinkMailDeps,
  input: { email: string; clientAddress: string },
  now = new Date(),
): Promise<LinkRequestOutcome> {
  const limit = await countLinkRequest(db, "password-reset", input.email, input.clientAddress, now);
  if (!limit.allowed) return { ok: false, reason: "rate_limited", retryMinutes: limit.retryMinutes };
  const delivery = deliverApart(deps.logger, "password-reset link", async () => {
    const person = await findLinkRecipient(db, input.email);
    if (!person) return;
    const token = await issueToken(db, person.personId, "password_reset", now);
    const mail = await passwordResetMail({
      locale: person.locale,
      name: person.name,
      url: `${deps.baseUrl}/${person.locale}/password/reset/${token}`,
      minutes: TOKEN_LIFETIME_MINUTES.password_reset,
    });
    await deps.mailer.send({ to: person.email, ...mail });
  });
  return { ok: true, delivery };
}

/** Whether a reset link can still be used, without using it (the new-password form). */
export async function checkPasswordReset(db: Db, token: string, now = new Date()): Promise<LinkUseOutcome> {
  if (!TOKEN_FORMAT.test(token)) return { ok: false, reason: "unknown" };
  const state = await inspectToken(db, token, "password_reset", now);
  if (!state.ok) return state;
  const person = await isEnabled(db, state.personId);
  return person ? { ok: true, personId: state.personId, locale: person.locale } : { ok: false, reason: "unknown" };
}

/**
 * Uses a reset link once: sets the new password, ends every session of the person and records
 * it, all in one transaction. The caller opens the new session.
 */
export async function resetPassword(
  db: Db,
  token: string,
  newPassword: string,
  now = new Date(),
): Promise<LinkUseOutcome> {
  if (!TOKEN_FORMAT.test(token)) return { ok: false, reason: "unknown" };
  const passwordHash = await hashPassword(newPassword);
  return db.transaction(async (tx): Promise<LinkUseOutcome> => {
    const state = await consumeToken(tx, token, "password_reset", now);
    if (!state.ok) return state;
    const person = await isEnabled(tx, state.personId);
    if (!person) return { ok: false, reason: "unknown" };
    await tx.update(persons).set({ passwordHash }).where(eq(persons.id, state.personId));
    await deleteSessionsOf(tx, state.personId);
    await appendAudit(
      tx,
      { actorId: state.personId, action: "auth.password_reset", subjectType: "person", subjectId: state.personId },
      now,
    );
    return { ok: true, personId: state.personId, locale: person.locale };
  });
}
