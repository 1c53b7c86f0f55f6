import { and, count, desc, eq, inArray } from "drizzle-orm";
import { createCycle } from "../../src/commands/cycles/save.js";
import { createTheme } from "../../src/commands/cycles/themes.js";
import { findCycleBySlug, type Cycle } from "../../src/commands/cycles/read.js";
import type { Db } from "../../src/db/client.js";
import {
  auditLog,
  ballotOptions,
  ballots,
  cycleOrganisations,
  cyclePhases,
  cycles,
  cycleTranslations,
  organisations,
  persons,
  themes,
  themeTranslations,
  type ThemeStatus,
} from "../../src/db/schema/index.js";
import type { TestClient } from "../support/client.js";

/** Demo accounts by role (see src/db/seed/demo-data.ts). */
export const ACCOUNTS = {
  admin: "admin@demo.letscoop.test",
  manager: "manager@demo.letscoop.test",
  facilitator: "facilitator@demo.letscoop.test",
  board: "board@demo.letscoop.test",
  member: "member@demo.letscoop.test",
} as const;

/** Rows of every table the cycle screens write; compared before and after a refused form. */
export async function snapshot(db: Db) {
  const n = async (table: Parameters<ReturnType<Db["select"]>["from"]>[0]) =>
    (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    cycles: await n(cycles),
    cycleTranslations: await n(cycleTranslations),
    cycleOrganisations: await n(cycleOrganisations),
    cyclePhases: await n(cyclePhases),
    themes: await n(themes),
    themeTranslations: await n(themeTranslations),
    ballots: await n(ballots),
    ballotOptions: await n(ballotOptions),
    audit: await n(auditLog),
  };
}

export async function organisationId(db: Db, slug: string): Promise<string> {
  const [row] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, slug));
  return row!.id;
}

export async function personId(db: Db, email: string): Promise<string> {
  const [row] = await db.select({ id: persons.id }).from(persons).where(eq(persons.email, email));
  return row!.id;
}

export async function cycleBySlug(db: Db, slug: string): Promise<Cycle> {
  const cycle = await findCycleBySlug(db, slug);
  if (!cycle) throw new Error(`no cycle ${slug}`);
  return cycle;
}

/** The latest audit entries with this action, newest first. */
export async function auditEntries(db: Db, action: string) {
  return db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.seq));
}

/** A cycle of one or more organisations, with French (and optionally other) texts, written directly. */
export async function makeCycle(
  db: Db,
  slug: string,
  orgSlugs: string[],
  texts: Record<string, { title: string; rules: string }> = { fr: { title: `Cycle ${slug}`, rules: "" } },
): Promise<Cycle> {
  const actor = await personId(db, ACCOUNTS.admin);
  const organisationIds = await Promise.all(orgSlugs.map((s) => organisationId(db, s)));
  const outcome = await createCycle(db, actor, {
    slug,
    name: `Cycle ${slug}`,
    sourceLanguage: "fr",
    organisationIds,
    texts,
  });
  if (!outcome.ok) throw new Error(outcome.reason);
  return cycleBySlug(db, slug);
}

export async function makeTheme(
  db: Db,
  cycle: Cycle,
  key: string,
  status: ThemeStatus,
  texts: Record<string, { title: string; description: string }> = { fr: { title: `Thème ${key}`, description: "" } },
): Promise<string> {
  const actor = await personId(db, ACCOUNTS.admin);
  const outcome = await createTheme(db, actor, cycle, { key, status, organisationId: null, texts });
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.id;
}

export async function themeIdOf(db: Db, cycleSlug: string, key: string): Promise<string> {
  const cycle = await cycleBySlug(db, cycleSlug);
  const [row] = await db
    .select({ id: themes.id })
    .from(themes)
    .where(and(eq(themes.cycleId, cycle.id), eq(themes.key, key)));
  return row!.id;
}

export async function themeTexts(db: Db, themeId: string) {
  const rows = await db
    .select()
    .from(themeTranslations)
    .where(inArray(themeTranslations.themeId, [themeId]));
  return Object.fromEntries(rows.map((r) => [r.locale, r]));
}

/** The id of the theme ballot of a cycle. */
export async function ballotIdOf(db: Db, cycleSlug: string): Promise<string> {
  const cycle = await cycleBySlug(db, cycleSlug);
  const [row] = await db.select({ id: ballots.id }).from(ballots).where(eq(ballots.cycleId, cycle.id));
  return row!.id;
}

/**
 * Browsers signed in once per demo account and reused (sign-in is rate limited per account);
 * `null` gives a fresh visitor each time.
 */
export function sessions(make: () => TestClient) {
  const signedIn = new Map<keyof typeof ACCOUNTS, TestClient>();
  return async (who: keyof typeof ACCOUNTS | null): Promise<TestClient> => {
    if (!who) return make();
    let browser = signedIn.get(who);
    if (!browser) {
      browser = make();
      await browser.signIn(ACCOUNTS[who]);
      signedIn.set(who, browser);
    }
    return browser;
  };
}

/** A `datetime-local` value n days from now at the given Brussels time. */
export function brusselsInDays(days: number, time = "10:00"): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const iso = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Brussels",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(d);
  return `${iso}T${time}`;
}
