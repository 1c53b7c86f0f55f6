import { eq } from "drizzle-orm";
import { appendAudit } from "../audit/log.js";
import { hashPassword } from "../auth/passwords.js";
import { deleteSessionsOf } from "../auth/sessions.js";
import { consumeToken } from "../auth/tokens.js";
import type { Db } from "../db/client.js";
import { persons } from "../db/schema/index.js";
import { passwordResetMail } from "../mail/templates.js";
import {
  checkEmailedLink,
  requestEmailedLink,
  TOKEN_FORMAT,
  type EmailedLink,
  type LinkMailDeps,
  type LinkRequestOutcome,
  type LinkUseOutcome,
} from "./email-links.js";
import { isEnabled } from "./link-recipient.js";

const RESET_LINK: EmailedLink = {
  kind: "password-reset",
  purpose: "password_reset",
  what: "password-reset link",
  path: (token) => `/password/reset/${token}`,
  mail: passwordResetMail,
};

/** Sends a password-reset link when the address belongs to an enabled account; answers alike otherwise. */
export function requestPasswordReset(
  db: Db,
  deps: LinkMailDeps,
  input: { email: string; clientAddress: string },
  now = new Date(),
): Promise<LinkRequestOutcome> {
  return requestEmailedLink(db, deps, RESET_LINK, input, now);
}

/** Whether a reset link can still be used, without using it (the new-password form). */
export function checkPasswordReset(db: Db, token: string, now = new Date()): Promise<LinkUseOutcome> {
  return checkEmailedLink(db, token, "password_reset", now);
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
