import { hit, SIGN_IN_LIMITS } from "../auth/rate-limit.js";
import { inspectToken, issueToken, TOKEN_LIFETIME_MINUTES } from "../auth/tokens.js";
import type { Db, Queryable } from "../db/client.js";
import type { AuthTokenPurpose } from "../db/schema/index.js";
import type { Locale } from "../i18n/locales.js";
import type { Logger } from "../logging/logger.js";
import type { Mailer } from "../mail/mailer.js";
import type { MailContent } from "../mail/templates.js";
import { findLinkRecipient, isEnabled } from "./link-recipient.js";

export type LinkRequestKind = "magic-link" | "password-reset";

/**
 * Counts one request for an e-mailed link, per address typed and per client address, with the
 * limits of password sign-in. Counted before the account is looked up, so that known and unknown
 * addresses are limited alike and the answer tells nothing.
 */
export async function countLinkRequest(
  db: Queryable,
  kind: LinkRequestKind,
  email: string,
  clientAddress: string,
  now = new Date(),
) {
  const perAccount = await hit(db, `${kind}:account:${email}`, SIGN_IN_LIMITS.perAccount, now);
  const perAddress = await hit(db, `${kind}:address:${clientAddress}`, SIGN_IN_LIMITS.perAddress, now);
  return {
    allowed: perAccount.allowed && perAddress.allowed,
    retryMinutes: Math.max(perAccount.retryMinutes, perAddress.retryMinutes),
  };
}

/** The shape of tokens issued by src/auth/secrets.ts randomToken (base32, 160 bits). */
export const TOKEN_FORMAT = /^[a-z2-7]{32}$/;

/**
 * The answer to a link request. `delivery` settles when the look-up and the e-mail are done (it
 * never rejects: failures are logged); the web page does not wait for it, so that known and
 * unknown addresses take the same time to answer.
 */
export type LinkRequestOutcome =
  { ok: true; delivery: Promise<void> } | { ok: false; reason: "rate_limited"; retryMinutes: number };

export interface LinkMailDeps {
  mailer: Mailer;
  logger: Logger;
  baseUrl: string;
}

/** Runs the delivery of an e-mailed link apart from the answer; logs failures without personal data. */
export function deliverApart(logger: Logger, what: string, work: () => Promise<void>): Promise<void> {
  return work().catch((error: unknown) => {
    logger.error({ err: { message: error instanceof Error ? error.message : String(error) } }, `${what} not sent`);
  });
}

/** What became of an e-mailed link: why it cannot serve, or whose it was. */
export type LinkUseOutcome =
  { ok: true; personId: string; locale: Locale } | { ok: false; reason: "unknown" | "expired" | "used" };

/** What differs between the e-mailed links: sign-in link and password reset. */
export interface EmailedLink {
  kind: LinkRequestKind;
  purpose: AuthTokenPurpose;
  /** For the log line when sending fails. */
  what: string;
  /** The page the link opens, under the person's language prefix. */
  path: (token: string) => string;
  mail: (p: { locale: Locale; name: string; url: string; minutes: number }) => Promise<MailContent>;
}

/**
 * Sends the link when the address belongs to an enabled account, in the person's own language;
 * answers the same, in the same time, whether it does or not.
 */
export async function requestEmailedLink(
  db: Db,
  deps: LinkMailDeps,
  link: EmailedLink,
  input: { email: string; clientAddress: string },
  now = new Date(),
): Promise<LinkRequestOutcome> {
  const limit = await countLinkRequest(db, link.kind, input.email, input.clientAddress, now);
  if (!limit.allowed) return { ok: false, reason: "rate_limited", retryMinutes: limit.retryMinutes };
  const delivery = deliverApart(deps.logger, link.what, async () => {
    const person = await findLinkRecipient(db, input.email);
    if (!person) return;
    const token = await issueToken(db, person.personId, link.purpose, now);
    const mail = await link.mail({
      locale: person.locale,
      name: person.name,
      url: `${deps.baseUrl}/${person.locale}${link.path(token)}`,
      minutes: TOKEN_LIFETIME_MINUTES[link.purpose],
    });
    await deps.mailer.send({ to: person.email, ...mail });
  });
  return { ok: true, delivery };
}

/** Whether a link can still be used, without using it (the page that asks to confirm). */
export async function checkEmailedLink(
  db: Db,
  token: string,
  purpose: AuthTokenPurpose,
  now = new Date(),
): Promise<LinkUseOutcome> {
  if (!TOKEN_FORMAT.test(token)) return { ok: false, reason: "unknown" };
  const state = await inspectToken(db, token, purpose, now);
  if (!state.ok) return state;
  const person = await isEnabled(db, state.personId);
  return person ? { ok: true, personId: state.personId, locale: person.locale } : { ok: false, reason: "unknown" };
}
