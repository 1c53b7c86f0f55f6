import { and, asc, eq, isNull, lt, or } from "drizzle-orm";
import { hashToken, randomToken } from "../auth/secrets.js";
import { appendAudit } from "../audit/log.js";
import type { Db, Queryable } from "../db/client.js";
import { apiTokens, memberships, persons, roleAssignments } from "../db/schema/index.js";
import type { Locale } from "../i18n/locales.js";
import type { Actor } from "../policies/actor.js";

/**
 * Personal API tokens (docs/decisions/017-rest-api.md): "lc_" and 160 random bits in base32;
 * the database keeps their SHA-256 and their first characters, never the token.
 */
export const TOKEN_FORMAT = /^lc_[a-z2-7]{32}$/;
/** A token's last use is written at most this often (reads stay reads). */
const LAST_USED_EVERY_MS = 5 * 60_000;

export type ApiToken = typeof apiTokens.$inferSelect;

/** Active (not revoked) tokens a person may hold at once. */
export const MAX_ACTIVE_TOKENS = 10;

/**
 * Creates a token for a person, audited; refused when they already hold MAX_ACTIVE_TOKENS active
 * ones (counted under a lock on the person's row, so two requests at once cannot pass the cap).
 */
export async function createApiToken(
  db: Db,
  personId: string,
  name: string,
  now = new Date(),
): Promise<{ ok: true; token: string; row: ApiToken } | { ok: false; reason: "tooMany" }> {
  const token = `lc_${randomToken()}`;
  return db.transaction(async (tx) => {
    await tx.select({ id: persons.id }).from(persons).where(eq(persons.id, personId)).for("update");
    const active = await tx
      .select({ id: apiTokens.id })
      .from(apiTokens)
      .where(and(eq(apiTokens.personId, personId), isNull(apiTokens.revokedAt)));
    if (active.length >= MAX_ACTIVE_TOKENS) return { ok: false as const, reason: "tooMany" as const };
    const [row] = await tx
      .insert(apiTokens)
      .values({ personId, name, tokenHash: hashToken(token), prefix: token.slice(0, 9), createdAt: now })
      .returning();
    // The token itself and its name stay out of the log: its id is enough to follow it.
    await appendAudit(
      tx,
      { actorId: personId, action: "api_token.created", subjectType: "api_token", subjectId: row!.id },
      now,
    );
    return { ok: true as const, token, row: row! };
  });
}

/** A person's tokens, or every token (for an instance administrator), oldest first. */
export function listApiTokens(db: Queryable, personId: string | null): Promise<ApiToken[]> {
  return db
    .select()
    .from(apiTokens)
    .where(personId === null ? undefined : eq(apiTokens.personId, personId))
    .orderBy(asc(apiTokens.createdAt), asc(apiTokens.id));
}

export async function findApiToken(db: Queryable, id: string): Promise<ApiToken | null> {
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
  return row ?? null;
}

/** Revokes a token; a token already revoked keeps its first revocation (and is not audited again). */
export async function revokeApiToken(db: Db, id: string, byPersonId: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: now, revokedBy: byPersonId })
      .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
      .returning();
    if (!row) return findApiToken(tx, id);
    await appendAudit(
      tx,
      {
        actorId: byPersonId,
        action: "api_token.revoked",
        subjectType: "api_token",
        subjectId: id,
        data: { ownerId: row.personId },
      },
      now,
    );
    return row;
  });
}

/** The actor the policy sees for a person: roles and memberships, as a session gives them. */
export async function actorOf(
  db: Queryable,
  person: { id: string; locale: Locale },
): Promise<Actor & { kind: "person" }> {
  const [roles, orgs] = await Promise.all([
    db
      .select({ role: roleAssignments.role, organisationId: roleAssignments.organisationId })
      .from(roleAssignments)
      .where(eq(roleAssignments.personId, person.id)),
    db
      .select({ organisationId: memberships.organisationId })
      .from(memberships)
      .where(eq(memberships.personId, person.id)),
  ]);
  return {
    kind: "person",
    personId: person.id,
    locale: person.locale,
    roles,
    memberOf: orgs.map((o) => o.organisationId),
  };
}

export type TokenCheck =
  | { ok: true; actor: Actor & { kind: "person" }; tokenId: string }
  | { ok: false; reason: "malformed" | "unknown" | "revoked" };

/** Checks a bearer token: unknown, revoked, or its owner disabled are refusals. */
export async function authenticateToken(db: Db, token: string, now = new Date()): Promise<TokenCheck> {
  if (!TOKEN_FORMAT.test(token)) return { ok: false, reason: "malformed" };
  const [row] = await db
    .select({
      id: apiTokens.id,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
      personId: persons.id,
      locale: persons.locale,
      disabledAt: persons.disabledAt,
    })
    .from(apiTokens)
    .innerJoin(persons, eq(persons.id, apiTokens.personId))
    .where(eq(apiTokens.tokenHash, hashToken(token)));
  if (!row) return { ok: false, reason: "unknown" };
  if (row.revokedAt !== null || row.disabledAt !== null) return { ok: false, reason: "revoked" };
  if (row.lastUsedAt === null || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_EVERY_MS) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiTokens.id, row.id),
          or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - LAST_USED_EVERY_MS))),
        ),
      );
  }
  return { ok: true, actor: await actorOf(db, { id: row.personId, locale: row.locale }), tokenId: row.id };
}
