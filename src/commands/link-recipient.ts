import { eq } from "drizzle-orm";
import type { Queryable } from "../db/client.js";
import { persons } from "../db/schema/index.js";
import { isLocale, type Locale } from "../i18n/locales.js";

export interface LinkRecipient {
  personId: string;
  email: string;
  name: string;
  locale: Locale;
}

/** The enabled person with this (already lower-cased) e-mail, or null. */
export async function findLinkRecipient(db: Queryable, email: string): Promise<LinkRecipient | null> {
  const [row] = await db
    .select({
      personId: persons.id,
      email: persons.email,
      name: persons.name,
      locale: persons.locale,
      disabledAt: persons.disabledAt,
    })
    .from(persons)
    .where(eq(persons.email, email));
  if (!row || row.disabledAt) return null;
  return { personId: row.personId, email: row.email, name: row.name, locale: isLocale(row.locale) ? row.locale : "fr" };
}

/** Whether the person may still be signed in (exists and is not disabled). */
export async function isEnabled(db: Queryable, personId: string): Promise<{ locale: Locale } | null> {
  const [row] = await db
    .select({ locale: persons.locale, disabledAt: persons.disabledAt })
    .from(persons)
    .where(eq(persons.id, personId));
  if (!row || row.disabledAt) return null;
  return { locale: isLocale(row.locale) ? row.locale : "fr" };
}
