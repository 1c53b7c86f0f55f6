import { eq, lt } from "drizzle-orm";
import type { Db, Queryable } from "../db/client.js";
import { sessions } from "../db/schema/index.js";
import { batchesInFlight, groupLoader, loaderPer } from "../db/group-commit.js";
import { runStatement } from "../db/statement.js";
import type { Locale } from "../i18n/locales.js";
import type { Actor, RoleGrant } from "../policies/actor.js";
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

/**
 * Sessions with their person and everything the policy needs about them, in one statement for a
 * whole group of requests (every signed-in request starts here: src/db/group-commit.ts). $1 is a
 * JSON array of session id hashes; roles and memberships come back as JSON arrays.
 */
const READ_SESSIONS = `select s.id_hash, s.person_id, s.expires_at, p.locale,
    coalesce((select json_agg(json_build_array(r.role, r.organisation_id) order by r.role, r.organisation_id)
      from role_assignments r where r.person_id = s.person_id), '[]'::json) as roles,
    coalesce((select json_agg(m.organisation_id order by m.organisation_id)
      from memberships m where m.person_id = s.person_id), '[]'::json) as orgs
  from sessions s join persons p on p.id = s.person_id
  where s.id_hash in (select jsonb_array_elements_text($1::jsonb)) and s.expires_at > $2::timestamptz
    and p.disabled_at is null`;

interface SessionRow {
  id_hash: string;
  person_id: string;
  expires_at: Date | string;
  locale: Locale;
  roles: Array<[RoleGrant["role"], string | null]> | string;
  orgs: string[] | string;
}

function json<T>(value: T | string): T {
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}

const sessionLoader = loaderPer<string, SessionRow | null>((db) =>
  groupLoader(
    async (idHashes) => {
      const rows = await runStatement<SessionRow>(
        db,
        READ_SESSIONS,
        [JSON.stringify(idHashes), new Date().toISOString()],
        {
          prepareAs: "letscoop_read_sessions_v1",
        },
      );
      const byHash = new Map(rows.map((row) => [row.id_hash, row]));
      return idHashes.map((idHash) => byHash.get(idHash) ?? null);
    },
    { maxInFlight: batchesInFlight(db, 1), maxBatchSize: 100 },
  ),
);

/** The session behind a cookie, with the actor it stands for; null when unknown, expired or disabled. */
export async function readSession(
  db: Db,
  token: string,
  now = new Date(),
): Promise<{ session: SessionInfo; actor: Actor & { kind: "person" } } | null> {
  const idHash = hashToken(token);
  const row = await sessionLoader(db).load(idHash);
  if (!row) return null;
  let expiresAt = new Date(row.expires_at);
  if (expiresAt.getTime() <= now.getTime()) return null;
  // Sliding expiry: renewed when less than half of its life remains.
  if (expiresAt.getTime() - now.getTime() < (SESSION_DAYS * DAY) / 2) {
    expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY);
    await db.update(sessions).set({ expiresAt }).where(eq(sessions.idHash, idHash));
  }
  return {
    session: { idHash: row.id_hash, personId: row.person_id, expiresAt },
    actor: {
      kind: "person",
      personId: row.person_id,
      locale: row.locale,
      roles: json(row.roles).map(([role, organisationId]) => ({ role, organisationId })),
      memberOf: json(row.orgs),
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
