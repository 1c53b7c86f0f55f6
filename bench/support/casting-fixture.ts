import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { hashToken, randomToken } from "../../src/auth/secrets.js";
import { SESSION_COOKIE, SESSION_DAYS } from "../../src/auth/sessions.js";
import { openBallot } from "../../src/commands/ballots/open.js";
import type { Db } from "../../src/db/client.js";
import {
  ballotOptions,
  ballots,
  cycleOrganisations,
  cycles,
  organisations,
  sessions,
  themes,
  themeTranslations,
} from "../../src/db/schema/index.js";
import { ORDER_FIELD, rankFieldName } from "../../src/domain/ballots/rank-form.js";
import { CSRF_COOKIE, CSRF_FIELD, csrfTokenFor } from "../../src/web/middleware/csrf.js";

/** One elector as a browser would hold them: signed in, with the CSRF token of a page already read. */
export interface PreparedVoter {
  personId: string;
  /** The Cookie header (session and CSRF cookies). */
  cookie: string;
  /** The `_csrf` field of the forms this browser was shown. */
  csrf: string;
}

export interface PreparedBallot {
  ballotId: string;
  /** Option keys in ballot order. */
  keys: string[];
  voters: PreparedVoter[];
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/**
 * Adds `count` members to an organisation in one statement each (persons, memberships): languages,
 * colleges and offices spread over the organisation's own. Returns their ids.
 */
export async function addElectorsInBulk(db: Db, organisationSlug: string, count: number): Promise<string[]> {
  const [org] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.slug, organisationSlug));
  if (!org) throw new Error(`no organisation ${organisationSlug}`);
  const tag = randomBytes(4).toString("hex");
  const pattern = `cast-${tag}-%`;
  await db.execute(sql`
    insert into persons (email, name, locale)
    select 'cast-' || ${tag} || '-' || g || '@bench.invalid', 'Voter ' || g, (array['fr','nl','de','en'])[1 + g % 4]
    from generate_series(1, ${count}::int) as g`);
  await db.execute(sql`
    insert into memberships (person_id, organisation_id, college_id, is_shareholder, shares, office_id, language)
    select p.id, ${org.id}::uuid,
      (select c.id from colleges c where c.organisation_id = ${org.id}::uuid order by c.position
        offset abs(hashtext(p.email)) % (select count(*) from colleges where organisation_id = ${org.id}::uuid) limit 1),
      true, 1,
      (select o.id from offices o where o.organisation_id = ${org.id}::uuid order by o.name
        offset abs(hashtext(p.email || 'office')) % greatest(1, (select count(*) from offices where organisation_id = ${org.id}::uuid)) limit 1),
      p.locale
    from persons p where p.email like ${pattern}`);
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`select id from persons where email like ${pattern} order by email`),
  );
  return rows.map((r) => r.id);
}

/** Opens a session for each person and computes the CSRF token its pages would carry. */
export async function signInInBulk(db: Db, secret: string, personIds: string[]): Promise<PreparedVoter[]> {
  const voters: PreparedVoter[] = [];
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  for (let i = 0; i < personIds.length; i += 1000) {
    const chunk = personIds
      .slice(i, i + 1000)
      .map((personId) => ({ personId, token: randomToken(), csrfCookie: randomToken() }));
    await db
      .insert(sessions)
      .values(chunk.map((c) => ({ idHash: hashToken(c.token), personId: c.personId, expiresAt })));
    for (const c of chunk) {
      voters.push({
        personId: c.personId,
        cookie: `${SESSION_COOKIE}=${c.token}; ${CSRF_COOKIE}=${c.csrfCookie}`,
        csrf: csrfTokenFor(secret, c.csrfCookie, hashToken(c.token)),
      });
    }
  }
  return voters;
}

/** A cycle with `options` themes and a draft ranked ballot over them for one organisation. */
export async function createRankedBallot(
  db: Db,
  organisationSlug: string,
  opts: { options: number; method?: string; title?: string },
) {
  const [org] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.slug, organisationSlug));
  if (!org) throw new Error(`no organisation ${organisationSlug}`);
  const tag = randomBytes(4).toString("hex");
  const [cycle] = await db
    .insert(cycles)
    .values({ slug: `bench-${tag}`, name: `Bench ${tag}`, sourceLanguage: "fr" })
    .returning();
  await db.insert(cycleOrganisations).values({ cycleId: cycle!.id, organisationId: org.id });
  const keys = Array.from({ length: opts.options }, (_, i) => `theme-${String(i + 1).padStart(2, "0")}`);
  const themeRows = await db
    .insert(themes)
    .values(
      keys.map((key, position) => ({
        cycleId: cycle!.id,
        key,
        position,
        status: "on_ballot" as const,
        sourceLanguage: "fr" as const,
      })),
    )
    .returning();
  await db
    .insert(themeTranslations)
    .values(themeRows.map((t, i) => ({ themeId: t.id, locale: "fr" as const, title: `Thème ${i + 1}` })));
  const [ballot] = await db
    .insert(ballots)
    .values({
      cycleId: cycle!.id,
      kind: "ranked",
      method: opts.method ?? "schulze",
      title: opts.title ?? `Bench ${tag}`,
      status: "draft",
      electorate: { organisationIds: [org.id], shareholdersOnly: false, collegeKeys: [] },
      allowRecast: true,
    })
    .returning();
  await db
    .insert(ballotOptions)
    .values(themeRows.map((t, position) => ({ ballotId: ballot!.id, key: t.key, themeId: t.id, position })));
  return { ballotId: ballot!.id, keys };
}

/** `electors` new members of smart-be, signed in, and an open ranked ballot of `options` options. */
export async function prepareOpenBallot(
  db: Db,
  secret: string,
  opts: { electors: number; options: number },
): Promise<PreparedBallot> {
  const personIds = await addElectorsInBulk(db, "smart-be", opts.electors);
  const { ballotId, keys } = await createRankedBallot(db, "smart-be", { options: opts.options });
  const opened = await openBallot(db, ballotId, { actorId: null });
  if (!opened.ok) throw new Error(`could not open the ballot: ${opened.reason}`);
  // Dated two hours back, past the window in which the server's jobs send the opening e-mails
  // (OPENING_MAIL_WINDOW_MS): the benchmark measures casting, not the mailing of every elector.
  await db
    .update(ballots)
    .set({ openedAt: new Date(Date.now() - 2 * 3_600_000) })
    .where(eq(ballots.id, ballotId));
  const voters = await signInInBulk(db, secret, personIds);
  return { ballotId, keys, voters };
}

/** A random order of the keys (Fisher–Yates; Math.random is enough for test data). */
export function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * The body of the voting form as a browser without JavaScript posts it: one rank per option
 * (`rank_<key>` = "1".."N", from src/domain/ballots/rank-form.ts) and the CSRF token. With
 * `invalid`, two options get the same rank: the form must be refused with 422.
 */
export function castFormBody(voter: PreparedVoter, keys: readonly string[], opts: { invalid?: boolean } = {}): string {
  const order = shuffled(keys);
  const body = new URLSearchParams();
  body.set(CSRF_FIELD, voter.csrf);
  body.set(ORDER_FIELD, keys.join(","));
  order.forEach((key, index) => body.set(rankFieldName(key), String(opts.invalid && index === 1 ? 1 : index + 1)));
  return body.toString();
}
