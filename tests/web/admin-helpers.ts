import { sql, type SQL } from "drizzle-orm";
import type { TestApp } from "../support/app.js";
import { TestClient, type Page } from "../support/client.js";

/** Demo accounts (password "letscoop-demo"). */
export const ADMIN = "admin@demo.letscoop.test";
export const MEMBER = "member@demo.letscoop.test";
export const BOARD = "board@demo.letscoop.test";
/** Guest author of smart-be with no membership: the tests make them administrator of smart-fr only. */
export const FR_ADMIN = "guest@demo.letscoop.test";

/** Rows of a raw query, on either engine. */
export async function rows<T = Record<string, unknown>>(t: TestApp, query: SQL): Promise<T[]> {
  const result = (await t.deps.db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export async function one<T = Record<string, unknown>>(t: TestApp, query: SQL): Promise<T> {
  const [row] = await rows<T>(t, query);
  if (!row) throw new Error("no row");
  return row;
}

export async function orgId(t: TestApp, slug: string): Promise<string> {
  return (await one<{ id: string }>(t, sql`select id from organisations where slug = ${slug}`)).id;
}

/** Makes the person administrator of one organisation only. */
export async function grantOrgAdmin(t: TestApp, email: string, slug: string): Promise<void> {
  await t.deps.db.execute(
    sql`insert into role_assignments (person_id, organisation_id, role)
        select p.id, o.id, 'admin' from persons p, organisations o where p.email = ${email} and o.slug = ${slug}
        on conflict do nothing`,
  );
}

/** A signed-in browser; each test file signs each account in once (sign-in is rate limited). */
export async function signedIn(t: TestApp, email: string): Promise<TestClient> {
  const browser = new TestClient(t);
  await browser.signIn(email);
  return browser;
}

const SNAPSHOT: Record<string, SQL> = {
  organisations: sql`select * from organisations order by id`,
  offices: sql`select * from offices order by id`,
  colleges: sql`select * from colleges order by id`,
  memberships: sql`select * from memberships order by id`,
  role_assignments: sql`select * from role_assignments order by id`,
  audit_log: sql`select seq, hash from audit_log order by seq`,
};

/** The content of the tables an administration form may change, to assert that nothing did. */
export async function snapshot(t: TestApp): Promise<string> {
  const parts: Record<string, unknown> = {};
  for (const [name, query] of Object.entries(SNAPSHOT)) parts[name] = await rows(t, query);
  return JSON.stringify(parts);
}

export async function auditActions(
  t: TestApp,
  since: number,
): Promise<Array<{ action: string; subject_type: string; data: unknown }>> {
  return rows(t, sql`select action, subject_type, data from audit_log where seq > ${since} order by seq`);
}

export async function lastAuditSeq(t: TestApp): Promise<number> {
  return Number((await one<{ seq: string | number | null }>(t, sql`select max(seq) as seq from audit_log`)).seq ?? 0);
}

/** The text of the error summary and field errors of a refused form. */
export function errorsOf(page: Page): string {
  const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(page.text)?.[0] ?? "";
  return summary
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** Posts a form after opening the page that holds it (for the CSRF token), as a browser would. */
export async function submit(
  browser: TestClient,
  pagePath: string,
  action: string,
  fields: Record<string, string | string[]>,
): Promise<Page> {
  await browser.get(pagePath);
  return browser.post(action, fields);
}

/** Counts the SQL statements the app sends while `run` runs (both engines). */
export async function countQueries(t: TestApp, run: () => Promise<unknown>): Promise<number> {
  const target = (t.database.pglite ?? t.database.pool) as unknown as { query: (...args: unknown[]) => unknown };
  const original = target.query;
  let n = 0;
  target.query = function (this: unknown, ...args: unknown[]) {
    n++;
    return original.apply(this, args);
  };
  try {
    await run();
  } finally {
    target.query = original;
  }
  return n;
}
