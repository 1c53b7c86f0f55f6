/**
 * Awaits Drizzle queries one after the other, with the result types of `Promise.all`. A query
 * builder runs only when awaited, so the queries of one transaction (one connection) are sent in
 * turn instead of side by side, which the pg driver deprecates (pg 9 will refuse it).
 */
export async function inTurn<T extends readonly unknown[]>(
  queries: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const results: unknown[] = [];
  for (const query of queries) results.push(await query);
  return results as { -readonly [K in keyof T]: Awaited<T[K]> };
}
