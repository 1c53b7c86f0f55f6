import { asc, count, eq } from "drizzle-orm";
import { canonicalJson } from "../audit/chain.js";
import { appendAudit } from "../audit/log.js";
import type { Db, Queryable } from "../db/client.js";
import { colleges, memberships, offices, organisations } from "../db/schema/index.js";
import type { Statutes } from "../domain/organisations/statutes.js";
import type { Locale } from "../i18n/locales.js";
import { isUniqueViolation } from "./db-errors.js";

export type Organisation = typeof organisations.$inferSelect;

/** What an administrator may set on an organisation (the slug is fixed once created). */
export interface OrganisationInput {
  name: string;
  legalName: string;
  country: string;
  languages: Locale[];
  defaultLanguage: Locale;
  statutes: Statutes;
}

export type CreateOrganisationOutcome = { ok: true; id: string } | { ok: false; reason: "slug_taken" };

export async function findOrganisationBySlug(db: Queryable, slug: string): Promise<Organisation | null> {
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(slug)) return null;
  const [row] = await db.select().from(organisations).where(eq(organisations.slug, slug));
  return row ?? null;
}

export async function listOrganisations(db: Queryable) {
  return db
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      country: organisations.country,
    })
    .from(organisations)
    .orderBy(asc(organisations.name), asc(organisations.slug));
}

/** Every organisation with its number of members, in one query. */
export async function listOrganisationsWithMemberCounts(db: Queryable) {
  return db
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      country: organisations.country,
      members: count(memberships.id),
    })
    .from(organisations)
    .leftJoin(memberships, eq(memberships.organisationId, organisations.id))
    .groupBy(organisations.id)
    .orderBy(asc(organisations.name), asc(organisations.slug));
}

/** Offices and colleges of one organisation, for its public page. */
export async function organisationStructure(db: Queryable, organisationId: string) {
  const [officeRows, collegeRows] = await Promise.all([
    db
      .select({ id: offices.id, name: offices.name, city: offices.city, isHeadOffice: offices.isHeadOffice })
      .from(offices)
      .where(eq(offices.organisationId, organisationId))
      .orderBy(asc(offices.name)),
    db
      .select({ id: colleges.id, key: colleges.key, labels: colleges.labels, weight: colleges.weight })
      .from(colleges)
      .where(eq(colleges.organisationId, organisationId))
      .orderBy(asc(colleges.position), asc(colleges.key)),
  ]);
  return { offices: officeRows, colleges: collegeRows };
}

export async function createOrganisation(
  db: Db,
  actorId: string,
  input: OrganisationInput & { slug: string },
): Promise<CreateOrganisationOutcome> {
  try {
    const id = await db.transaction(async (tx) => {
      const [row] = await tx.insert(organisations).values(input).returning({ id: organisations.id });
      await appendAudit(tx, {
        actorId,
        action: "organisation.created",
        subjectType: "organisation",
        subjectId: row!.id,
        organisationId: row!.id,
        data: { slug: input.slug },
      });
      return row!.id;
    });
    return { ok: true, id };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "slug_taken" };
    throw error;
  }
}

/** Saves the new values and records which fields changed (names only, no values). */
export async function updateOrganisation(
  db: Db,
  actorId: string,
  current: Organisation,
  input: OrganisationInput,
): Promise<void> {
  // Canonical JSON: jsonb gives the statutes back with its keys in another order.
  const changed = (Object.keys(input) as Array<keyof OrganisationInput>).filter(
    (k) => canonicalJson(input[k]) !== canonicalJson(current[k]),
  );
  await db.transaction(async (tx) => {
    await tx.update(organisations).set(input).where(eq(organisations.id, current.id));
    await appendAudit(tx, {
      actorId,
      action: "organisation.updated",
      subjectType: "organisation",
      subjectId: current.id,
      organisationId: current.id,
      data: { fields: changed },
    });
  });
}
