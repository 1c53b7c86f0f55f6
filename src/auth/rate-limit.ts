import { sql } from "drizzle-orm";
import type { Queryable } from "../db/client.js";
import { rateLimits } from "../db/schema/index.js";

export interface Limit {
  max: number;
  windowSeconds: number;
}

export const SIGN_IN_LIMITS = {
  perAccount: { max: 10, windowSeconds: 15 * 60 },
  perAddress: { max: 50, windowSeconds: 15 * 60 },
} satisfies Record<string, Limit>;

export type SignInLimits = typeof SIGN_IN_LIMITS;

/**
 * The sign-in limits with the maxima of the settings: an assembly hall or a coworking space puts
 * many members behind one public address, so the per-address maximum is the operator's to raise.
 */
export function signInLimits(env: { SIGN_IN_MAX_PER_ACCOUNT: number; SIGN_IN_MAX_PER_ADDRESS: number }): SignInLimits {
  return {
    perAccount: { ...SIGN_IN_LIMITS.perAccount, max: env.SIGN_IN_MAX_PER_ACCOUNT },
    perAddress: { ...SIGN_IN_LIMITS.perAddress, max: env.SIGN_IN_MAX_PER_ADDRESS },
  };
}

/**
 * Counts one hit on a fixed window shared by every instance (the counter lives in the database).
 * Returns whether the hit is within the limit and, if not, the minutes until the window ends.
 */
export async function hit(db: Queryable, key: string, limit: Limit, now = new Date()) {
  const windowMs = limit.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: [rateLimits.key, rateLimits.windowStart],
      set: { count: sql`${rateLimits.count} + 1` },
    })
    .returning({ count: rateLimits.count });
  const count = row?.count ?? 1;
  const retryMinutes = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 60_000));
  return { allowed: count <= limit.max, retryMinutes };
}

export async function pruneRateLimits(db: Queryable, now = new Date()) {
  await db.delete(rateLimits).where(sql`${rateLimits.windowStart} < ${new Date(now.getTime() - 86_400_000)}`);
}
