import { appendAudit } from "../audit/log.js";
import { consumeToken, inspectToken, issueToken, TOKEN_LIFETIME_MINUTES } from "../auth/tokens.js";
import type { Db } from "../db/client.js";
import { magicLinkMail } from "../mail/templates.js";
import {
  countLinkRequest,
  deliverApart,
  TOKEN_FORMAT,
  type LinkMailDeps,
  type LinkRequestOutcome,
  type LinkUseOutcome,
} from "./email-links.js";
import { findLinkRecipient, isEnabled } from "./link-recipient.js";

/**
 * Sends a sign-in link to the address when it belongs to an enabled account; answers the same,
 * in the same time, whether it does or not. The e-mail is in the person's own language.
 */
export async function requestMagicLink(
  db: Db,
  deps: LinkMailDeps,
  input: { email: string; clientAddress: string },
  now = new Date(),
): Promise<LinkRequestOutcome> {
  const limit = await countLinkRequest(db, "magic-link", input.email, input.clientAddress, now);
  if (!limit.allowed) return { ok: false, reason: "rate_limited", retryMinutes: limit.retryMinutes };
  const delivery = deliverApart(deps.logger, "sign-in link", async () => {
    const person = await findLinkRecipient(db, input.email);
    if (!person) return;
    const token = await issueToken(db, person.personId, "magic_link", now);
    const mail = await magicLinkMail({
      locale: person.locale,
      name: person.name,
      url: `${deps.baseUrl}/${person.locale}/sign-in/magic/${token}`,
      minutes: TOKEN_LIFETIME_MINUTES.magic_link,
    });
    await deps.mailer.send({ to: person.email, ...mail });
  });
  return { ok: true, delivery };
}

/** Whether a sign-in link can still be used, without using it (the confirmation page). */
export async function checkMagicLink(db: Db, token: string, now = new Date()): Promise<LinkUseOutcome> {
  if (!TOKEN_FORMAT.test(token)) return { ok: false, reason: "unknown" };
  const state = await inspectToken(db, token, "magic_link", now);
  if (!state.ok) return state;
  const person = await isEnabled(db, state.personId);
  return person ? { ok: true, personId: state.personId, locale: person.locale } : { ok: false, reason: "unknown" };
}

/** Uses a sign-in link once (a single conditional UPDATE) and records it in the audit log. */
export async function useMagicLink(db: Db, token: string, now = new Date()): Promise<LinkUseOutcome> {
  if (!TOKEN_FORMAT.test(token)) return { ok: false, reason: "unknown" };
  return db.transaction(async (tx): Promise<LinkUseOutcome> => {
    const state = await consumeToken(tx, token, "magic_link", now);
    if (!state.ok) return state;
    const person = await isEnabled(tx, state.personId);
    if (!person) return { ok: false, reason: "unknown" };
    await appendAudit(
      tx,
      { actorId: state.personId, action: "auth.magic_link_used", subjectType: "person", subjectId: state.personId },
      now,
    );
    return { ok: true, personId: state.personId, locale: person.locale };
  });
}
