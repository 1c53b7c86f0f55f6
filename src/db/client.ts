import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import * as schema from "./schema/index.js";

export type Schema = typeof schema;
/** The one database type the code uses: PGlite and PostgreSQL are interchangeable behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Where a function only reads or writes, it takes either the database or a transaction. */
export type Queryable = Db | Tx;

export interface Database {
  kind: "pglite" | "postgres";
  db: Db;
  /** Runs plain SQL (several statements allowed); for migrations, benchmarks and tests. */
  exec: (sql: string) => Promise<void>;
  close: () => Promise<void>;
  /** The embedded engine, for backups; undefined on PostgreSQL. */
  pglite?: PGlite;
  pool?: pg.Pool;
}

export const PGLITE_EXTENSIONS = { pg_trgm, unaccent };

export type DatabaseTarget =
  { kind: "postgres"; url: string; poolSize?: number } | { kind: "pglite"; dataDir?: string; loadDataDir?: Blob };

/** Whether the database is a pool of PostgreSQL connections (statements can run side by side), not PGlite. */
export function usesPool(db: Queryable): boolean {
  return (db as unknown as { $client?: unknown }).$client instanceof pg.Pool;
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
    const db = drizzleNodePg(pool, { schema }) as unknown as Db;
    return {
      kind: "postgres",
      db,
      pool,
      exec: async (sql) => {
        await pool.query(sql);
      },
      close: () => pool.end(),
    };
  }
  if (target.dataDir) await mkdir(target.dataDir, { recursive: true });
  const client = await PGlite.create({
    ...(target.dataDir ? { dataDir: target.dataDir } : {}),
    ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
    extensions: PGLITE_EXTENSIONS,
  });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: "pglite",
    db,
    pglite: client,
    exec: async (sql) => {
      await client.exec(sql);
    },
    close: () => client.close(),
  };
}
