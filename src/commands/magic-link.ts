import { appendAudit } from "../audit/log.js";
import { consumeToken } from "../auth/tokens.js";
import type { Db } from "../db/client.js";
import { magicLinkMail } from "../mail/templates.js";
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

const MAGIC_LINK: EmailedLink = {
  kind: "magic-link",
  purpose: "magic_link",
  what: "sign-in link",
  path: (token) => `/sign-in/magic/${token}`,
  mail: magicLinkMail,
};

/** Sends a sign-in link to the address when it belongs to an enabled account; answers alike otherwise. */
export function requestMagicLink(
  db: Db,
  deps: LinkMailDeps,
  input: { email: string; clientAddress: string },
  now = new Date(),
): Promise<LinkRequestOutcome> {
  return requestEmailedLink(db, deps, MAGIC_LINK, input, now);
}

/** Whether a sign-in link can still be used, without using it (the confirmation page). */
export function checkMagicLink(db: Db, token: string, now = new Date()): Promise<LinkUseOutcome> {
  return checkEmailedLink(db, token, "magic_link", now);
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
