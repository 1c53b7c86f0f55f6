import { createHash } from "node:crypto";

/** The first link of the chain points to this hash. */
export const GENESIS_HASH = "0".repeat(64);

export interface AuditEntryContent {
  at: string;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  organisationId: string | null;
  data: Record<string, unknown>;
}

/** JSON with keys sorted at every depth: the same entry always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function chainHash(prevHash: string, entry: AuditEntryContent): string {
  return createHash("sha256").update(prevHash).update("\n").update(canonicalJson(entry)).digest("hex");
}

export type ChainCheck =
  { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; reason: string };

/** Checks a sequence of stored entries, in order, link by link. */
export function verifyChain(
  rows: Iterable<AuditEntryContent & { seq: number; prevHash: string; hash: string }>,
): ChainCheck {
  let prev = GENESIS_HASH;
  let count = 0;
  for (const row of rows) {
    count++;
    if (row.prevHash !== prev)
      return { ok: false, entries: count, brokenAt: row.seq, reason: "previous hash does not match" };
    const { seq: _s, prevHash: _p, hash, ...content } = row;
    if (chainHash(prev, content) !== hash)
      return { ok: false, entries: count, brokenAt: row.seq, reason: "entry was altered" };
    prev = hash;
  }
  return { ok: true, entries: count };
}
