import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../src/db/client.js";
import {
  ballotOptions,
  ballots,
  colleges,
  cycleOrganisations,
  cycles,
  memberships,
  offices,
  organisations,
  persons,
  themes,
  themeTranslations,
  type ElectorateRule,
} from "../../src/db/schema/index.js";
import type { Locale } from "../../src/i18n/locales.js";

export interface DemoOrg {
  id: string;
  collegeIds: Record<string, string>;
  officeIds: string[];
}

export async function demoOrg(db: Db, slug: "smart-be" | "smart-fr"): Promise<DemoOrg> {
  const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, slug));
  const cols = await db
    .select({ id: colleges.id, key: colleges.key })
    .from(colleges)
    .where(eq(colleges.organisationId, org!.id));
  const offs = await db
    .select({ id: offices.id })
    .from(offices)
    .where(eq(offices.organisationId, org!.id))
    .orderBy(offices.name);
  return {
    id: org!.id,
    collegeIds: Object.fromEntries(cols.map((c) => [c.key, c.id])),
    officeIds: offs.map((o) => o.id),
  };
}

export async function personId(db: Db, email: string): Promise<string> {
  const [p] = await db.select({ id: persons.id }).from(persons).where(eq(persons.email, email));
  if (!p) throw new Error(`no person ${email}`);
  return p.id;
}

/** Adds `count` members (shareholders) to an organisation in one college; returns their ids. */
export async function addMembers(
  db: Db,
  org: DemoOrg,
  opts: { count: number; college: string; language?: Locale; shareholder?: boolean; officeIndex?: number },
): Promise<string[]> {
  const tag = randomBytes(4).toString("hex");
  const ids: string[] = [];
  for (let start = 0; start < opts.count; start += 500) {
    const n = Math.min(500, opts.count - start);
    const people = await db
      .insert(persons)
      .values(
        Array.from({ length: n }, (_, i) => ({
          email: `voter-${tag}-${start + i}@test.invalid`,
          name: `Voter ${start + i}`,
          locale: opts.language ?? "fr",
        })),
      )
      .returning({ id: persons.id });
    await db.insert(memberships).values(
      people.map((p) => ({
        personId: p.id,
        organisationId: org.id,
        collegeId: org.collegeIds[opts.college]!,
        isShareholder: opts.shareholder ?? true,
        shares: (opts.shareholder ?? true) ? 1 : 0,
        officeId: opts.officeIndex === undefined ? null : org.officeIds[opts.officeIndex]!,
        language: opts.language ?? "fr",
      })),
    );
    ids.push(...people.map((p) => p.id));
  }
  return ids;
}

export interface ThemeSpec {
  key: string;
  titles: Partial<Record<Locale, string>>;
  description?: string;
}

export const FOUR_THEMES: ThemeSpec[] = [
  { key: "housing", titles: { fr: "Se loger", en: "Housing", nl: "Wonen" }, description: "Habitat partagé" },
  { key: "care", titles: { fr: "Prendre soin", en: "Care" } },
  { key: "commons", titles: { fr: "Les communs", en: "The commons" } },
  { key: "europe", titles: { fr: "Europe", en: "Europe" } },
];

/** A cycle with themes and a ranked ballot over them, still a draft. */
export async function createBallot(
  db: Db,
  opts: {
    organisationIds: string[];
    themes?: ThemeSpec[];
    method?: string;
    allowRecast?: boolean;
    opensAt?: Date | null;
    closesAt?: Date | null;
    electorate?: Partial<ElectorateRule>;
    title?: string;
  },
): Promise<{ ballotId: string; cycleId: string; keys: string[] }> {
  const specs = opts.themes ?? FOUR_THEMES;
  const tag = randomBytes(4).toString("hex");
  const [cycle] = await db
    .insert(cycles)
    .values({ slug: `cycle-${tag}`, name: `Cycle ${tag}`, sourceLanguage: "fr" })
    .returning();
  await db
    .insert(cycleOrganisations)
    .values(opts.organisationIds.map((organisationId) => ({ cycleId: cycle!.id, organisationId })));
  const themeRows =
    specs.length === 0
      ? []
      : await db
          .insert(themes)
          .values(
            specs.map((s, position) => ({
              cycleId: cycle!.id,
              key: s.key,
              position,
              status: "on_ballot" as const,
              sourceLanguage: "fr" as const,
            })),
          )
          .returning();
  if (specs.length > 0)
    await db.insert(themeTranslations).values(
      specs.flatMap((s, i) =>
        Object.entries(s.titles).map(([locale, title]) => ({
          themeId: themeRows[i]!.id,
          locale: locale as Locale,
          title: title!,
          description: s.description ?? "",
        })),
      ),
    );
  const [ballot] = await db
    .insert(ballots)
    .values({
      cycleId: cycle!.id,
      kind: "ranked",
      method: opts.method ?? "schulze",
      title: opts.title ?? `Thèmes ${tag}`,
      status: "draft",
      electorate: {
        organisationIds: opts.organisationIds,
        shareholdersOnly: opts.electorate?.shareholdersOnly ?? false,
        collegeKeys: opts.electorate?.collegeKeys ?? [],
      },
      allowRecast: opts.allowRecast ?? true,
      opensAt: opts.opensAt ?? null,
      closesAt: opts.closesAt ?? null,
    })
    .returning();
  if (specs.length > 0)
    await db
      .insert(ballotOptions)
      .values(
        specs.map((s, position) => ({ ballotId: ballot!.id, key: s.key, themeId: themeRows[position]!.id, position })),
      );
  return { ballotId: ballot!.id, cycleId: cycle!.id, keys: specs.map((s) => s.key) };
}

/** Row counts of the voting tables for one ballot: what a refused request must leave unchanged. */
export async function votingCounts(db: Db, ballotId: string): Promise<{ register: number; cast: number }> {
  const [r] = await db
    .execute(
      sql`
    select (select count(*)::int from ballot_register where ballot_id = ${ballotId}) as register,
           (select count(*)::int from cast_ballots where ballot_id = ${ballotId}) as cast`,
    )
    .then((result) => rowsOf<{ register: number; cast: number }>(result));
  return { register: Number(r!.register), cast: Number(r!.cast) };
}

/** Rows of db.execute on either driver (PGlite gives {rows}, node-postgres a result with rows). */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export async function ballotStatus(db: Db, ballotId: string): Promise<string> {
  const [b] = await db
    .select({ status: ballots.status })
    .from(ballots)
    .where(and(eq(ballots.id, ballotId)));
  return b!.status;
}
