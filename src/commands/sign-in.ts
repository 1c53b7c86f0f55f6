import { eq } from "drizzle-orm";
import { appendAudit } from "../audit/log.js";
import { verifyAgainstNothing, verifyPassword } from "../auth/passwords.js";
import { hit, SIGN_IN_LIMITS, type SignInLimits } from "../auth/rate-limit.js";
import type { Db } from "../db/client.js";
import { persons } from "../db/schema/index.js";

export type SignInOutcome =
  | { ok: true; personId: string; locale: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryMinutes: number };

/**
 * Checks an e-mail and password. Attempts are counted per account and per address before the
 * password is checked, so that a blocked attacker learns nothing more.
 */
export async function signInWithPassword(
  db: Db,
  email: string,
  password: string,
  address: string,
  limits: SignInLimits = SIGN_IN_LIMITS,
): Promise<SignInOutcome> {
  const perAccount = await hit(db, `sign-in:account:${email}`, limits.perAccount);
  const perAddress = await hit(db, `sign-in:address:${address}`, limits.perAddress);
  if (!perAccount.allowed || !perAddress.allowed) {
    return {
      ok: false,
      reason: "rate_limited",
      retryMinutes: Math.max(perAccount.retryMinutes, perAddress.retryMinutes),
    };
  }
  const [person] = await db
    .select({
      id: persons.id,
      passwordHash: persons.passwordHash,
      disabledAt: persons.disabledAt,
      locale: persons.locale,
    })
    .from(persons)
    .where(eq(persons.email, email));
  const valid =
    person && !person.disabledAt
      ? await verifyPassword(person.passwordHash, password)
      : await verifyAgainstNothing(password);
  if (!person || !valid) {
    await db.transaction((tx) =>
      appendAudit(tx, {
        actorId: null,
        action: "auth.sign_in_failed",
        subjectType: "person",
        subjectId: person?.id ?? null,
      }),
    );
    return { ok: false, reason: "invalid" };
  }
  await db.transaction((tx) =>
    appendAudit(tx, {
      actorId: person.id,
      action: "auth.sign_in",
      subjectType: "person",
      subjectId: person.id,
      data: { method: "password" },
    }),
  );
  return { ok: true, personId: person.id, locale: person.locale };
}
