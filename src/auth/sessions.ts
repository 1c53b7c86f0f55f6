import { and, eq, gt, isNull, lt } from "drizzle-orm";
import type { Queryable } from "../db/client.js";
import { memberships, persons, roleAssignments, sessions } from "../db/schema/index.js";
import type { Actor } from "../policies/actor.js";
import { hashToken, randomToken } from "./secrets.js";

export const SESSION_COOKIE = "lc_session";
export const SESSION_DAYS = 30;
const DAY = 86_400_000;

export interface SessionInfo {
  idHash: string;
  personId: string;
  expiresAt: Date;
}

export async function createSession(db: Queryable, personId: string, now = new Date()) {
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY);
  await db.insert(sessions).values({ idHash: hashToken(token), personId, expiresAt });
  return { token, expiresAt };
}

/** The session behind a cookie, with the actor it stands for; null when unknown, expired or disabled. */
export async function readSession(
  db: Queryable,
  token: string,
  now = new Date(),
): Promise<{ session: SessionInfo; actor: Actor & { kind: "person" } } | null> {
  const idHash = hashToken(token);
  const [row] = await db
    .select({
      idHash: sessions.idHash,
      personId: sessions.personId,
      expiresAt: sessions.expiresAt,
      locale: persons.locale,
    })
    .from(sessions)
    .innerJoin(persons, eq(persons.id, sessions.personId))
    .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, now), isNull(persons.disabledAt)));
  if (!row) return null;
  const [roles, orgs] = await Promise.all([
    db
      .select({ role: roleAssignments.role, organisationId: roleAssignments.organisationId })
      .from(roleAssignments)
      .where(eq(roleAssignments.personId, row.personId)),
    db
      .select({ organisationId: memberships.organisationId })
      .from(memberships)
      .where(eq(memberships.personId, row.personId)),
  ]);
  // Sliding expiry: renewed when less than half of its life remains.
  if (row.expiresAt.getTime() - now.getTime() < (SESSION_DAYS * DAY) / 2) {
    const expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY);
    await db.update(sessions).set({ expiresAt }).where(eq(sessions.idHash, idHash));
    row.expiresAt = expiresAt;
  }
  return {
    session: { idHash: row.idHash, personId: row.personId, expiresAt: row.expiresAt },
    actor: {
      kind: "person",
      personId: row.personId,
      locale: row.locale,
      roles,
      memberOf: orgs.map((o) => o.organisationId),
    },
  };
}

export async function deleteSession(db: Queryable, idHash: string) {
  await db.delete(sessions).where(eq(sessions.idHash, idHash));
}

/** After a password change or reset: every other session of the person ends. */
export async function deleteSessionsOf(db: Queryable, personId: string) {
  await db.delete(sessions).where(eq(sessions.personId, personId));
}

export async function deleteExpiredSessions(db: Queryable, now = new Date()) {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}
