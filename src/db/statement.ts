import { sql, type SQL } from "drizzle-orm";
import pg from "pg";
import type { Db } from "./client.js";

/**
 * Runs one fixed SQL statement (text with $1…$n, the same text on every call) outside any
 * transaction, and returns its rows. For the hot path of casting: the text is written once instead
 * of being built by Drizzle on every request, and goes straight to the driver.
 *
 * Not a named (server-side prepared) statement unless `prepareAs` names it: PostgreSQL would settle
 * on a generic plan after five runs and keep it. For casting that was wrong (a plan chosen while
 * the ballot had few rows sorted every ballot of the ballot on each cast once there were
 * thousands), so the cast is planned on every call and follows the table as it grows. A lookup by
 * primary key (the session) has one good plan whatever the sizes: it is prepared once per
 * connection (`prepareAs`, PostgreSQL only; PGlite has no named statements through this driver).
 */
export async function runStatement<T>(
  db: Db,
  text: string,
  values: unknown[],
  opts: { prepareAs?: string } = {},
): Promise<T[]> {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (client instanceof pg.Pool) {
    const result = await client.query<T & pg.QueryResultRow>(
      opts.prepareAs ? { name: opts.prepareAs, text, values } : { text, values },
    );
    return result.rows;
  }
  if (client && typeof (client as { query?: unknown }).query === "function") {
    const result = await (client as { query: (text: string, values: unknown[]) => Promise<{ rows: T[] }> }).query(
      text,
      values,
    );
    return result.rows;
  }
  const result = await db.execute(withParams(text, values));
  return (result as unknown as { rows: T[] }).rows;
}

/** The statement as Drizzle SQL, each $n replaced by its value as a bound parameter. */
function withParams(text: string, values: unknown[]): SQL {
  const chunks: SQL[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$(\d+)/g)) {
    chunks.push(sql.raw(text.slice(last, match.index)));
    chunks.push(sql`${values[Number(match[1]) - 1]}`);
    last = match.index + match[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}
