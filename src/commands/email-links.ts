import { hit, SIGN_IN_LIMITS } from "../auth/rate-limit.js";
import type { Queryable } from "../db/client.js";
import type { Locale } from "../i18n/locales.js";
import type { Logger } from "../logging/logger.js";
import type { Mailer } from "../mail/mailer.js";

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
