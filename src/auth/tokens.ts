import { and, eq, gt, isNull } from "drizzle-orm";
import type { Queryable } from "../db/client.js";
import { authTokens, type AuthTokenPurpose } from "../db/schema/index.js";
import { hashToken, randomToken } from "./secrets.js";

export const TOKEN_LIFETIME_MINUTES: Record<AuthTokenPurpose, number> = {
  magic_link: 15,
  password_reset: 60,
  invitation: 14 * 24 * 60,
};

export async function issueToken(db: Queryable, personId: string, purpose: AuthTokenPurpose, now = new Date()) {
  const token = randomToken();
  await db.insert(authTokens).values({
    tokenHash: hashToken(token),
    personId,
    purpose,
    expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MINUTES[purpose] * 60_000),
  });
  return token;
}

export type TokenState = { ok: true; personId: string } | { ok: false; reason: "unknown" | "expired" | "used" };

/** Reads a token without using it (to show the confirmation page). */
export async function inspectToken(
  db: Queryable,
  token: string,
  purpose: AuthTokenPurpose,
  now = new Date(),
): Promise<TokenState> {
  const [row] = await db
    .select()
    .from(authTokens)
    .where(and(eq(authTokens.tokenHash, hashToken(token)), eq(authTokens.purpose, purpose)));
  if (!row) return { ok: false, reason: "unknown" };
  if (row.usedAt) return { ok: false, reason: "used" };
  if (row.expiresAt <= now) return { ok: false, reason: "expired" };
  return { ok: true, personId: row.personId };
}

/** Uses a token once: a single conditional UPDATE, so two concurrent uses cannot both succeed. */
export async function consumeToken(
  db: Queryable,
  token: string,
  purpose: AuthTokenPurpose,
  now = new Date(),
): Promise<TokenState> {
  const [row] = await db
    .update(authTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(authTokens.tokenHash, hashToken(token)),
        eq(authTokens.purpose, purpose),
        isNull(authTokens.usedAt),
        gt(authTokens.expiresAt, now),
      ),
    )
    .returning({ personId: authTokens.personId });
  if (row) return { ok: true, personId: row.personId };
  const state = await inspectToken(db, token, purpose, now);
  return state.ok ? { ok: false, reason: "used" } : state;
}
