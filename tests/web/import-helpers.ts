import { readFileSync } from "node:fs";
import path from "node:path";
import { count, eq, sql } from "drizzle-orm";
import { hashPassword } from "../../src/auth/passwords.js";
import type { Db } from "../../src/db/client.js";
import {
  auditLog,
  memberships,
  organisations,
  pendingImports,
  persons,
  roleAssignments,
} from "../../src/db/schema/index.js";
import { DEMO_PASSWORD } from "../../src/db/seed/demo-data.js";
import type { Page, TestClient } from "../support/client.js";
import { REPO_ROOT } from "../support/paths.js";

export const IMPORT_PATH = "/en/admin/organisations/smart-be/import";

export function memberFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(REPO_ROOT, "tests", "fixtures", "members", name)));
}

/** Sends a file through the upload form, as a browser would after opening the page. */
export async function upload(
  browser: TestClient,
  bytes: Uint8Array | string,
  fileName = "members.csv",
  pagePath = IMPORT_PATH,
): Promise<Page> {
  await browser.get(pagePath);
  const form = new FormData();
  const content = (typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes) as Uint8Array<ArrayBuffer>;
  form.append("file", new File([content], fileName, { type: "text/csv" }));
  return browser.postMultipart(pagePath, form);
}

/** A register of `size` invented members of smart-be; `bad` maps a 0-based row to how it is spoiled. */
export function registerCsv(
  size: number,
  bad: Record<number, "email" | "college" | "duplicate"> = {},
  prefix = "reg",
): string {
  const colleges = ["member-workers", "staff", "clients", "partners"];
  const cities = ["Bruxelles", "Liège", "Gent", "Namur", "Antwerpen"];
  const lines = ["courriel;nom;collège;sociétaire;parts;bureau;langue"];
  for (let i = 0; i < size; i++) {
    let email = `${prefix}${i}@example.org`;
    let college = colleges[i % colleges.length]!;
    if (bad[i] === "email") email = `${prefix}${i}-at-example.org`;
    if (bad[i] === "college") college = "volunteers";
    if (bad[i] === "duplicate") email = `${prefix}0@example.org`;
    const shares = i % 3 === 0 ? 0 : 1 + (i % 4);
    lines.push(
      [
        email,
        `Membre ${i} Exemple`,
        college,
        shares > 0 ? "oui" : "non",
        shares,
        cities[i % cities.length],
        ["fr", "nl", "de", "en"][i % 4],
      ].join(";"),
    );
  }
  return `${lines.join("\n")}\n`;
}

export interface DbCounts {
  persons: number;
  members: number;
  /** "members.imported" entries of the audit log (signing in adds entries of its own). */
  audit: number;
  pending: number;
}

/** What an import could change: compared before and after to prove that nothing changed. */
export async function counts(db: Db): Promise<DbCounts> {
  const [p] = await db.select({ n: count() }).from(persons);
  const [m] = await db
    .select({ n: count() })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(organisations.slug, "smart-be"));
  const [a] = await db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, "members.imported"));
  const [q] = await db.select({ n: count() }).from(pendingImports);
  return { persons: p!.n, members: m!.n, audit: a!.n, pending: q!.n };
}

/** A snapshot of every membership of smart-be, to prove that a refused request changed nothing. */
export async function membershipSnapshot(db: Db): Promise<string> {
  const result = await db.execute(
    sql`select p.email, p.name, m.* from memberships m join persons p on p.id = m.person_id order by p.email, m.organisation_id`,
  );
  return JSON.stringify((result as unknown as { rows: unknown[] }).rows);
}

/** An administrator of one organisation only (the demo's admin administers every organisation). */
export async function createOrgAdmin(db: Db, email: string, slug: string): Promise<string> {
  const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, slug));
  const [person] = await db
    .insert(persons)
    .values({ email, name: `Admin ${slug}`, passwordHash: await hashPassword(DEMO_PASSWORD), locale: "en" })
    .returning({ id: persons.id });
  await db
    .insert(roleAssignments)
    .values({ personId: person!.id, organisationId: slug === "*" ? null : org!.id, role: "admin" });
  return person!.id;
}

/** The pending import id named in the review page's forms. */
export function pendingIdOf(page: Page): string {
  const match =
    /\/import\/([0-9a-f-]{36})\/confirm"/.exec(page.text) ?? /\/import\/([0-9a-f-]{36})\/cancel"/.exec(page.text);
  if (!match) throw new Error("no pending import on this page");
  return match[1]!;
}
