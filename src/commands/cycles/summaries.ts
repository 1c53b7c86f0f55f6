import type { Queryable } from "../../db/client.js";
import { cycleSpan, listCycles } from "./read.js";

/** One line of `letscoop cycles`: the same fields in text and in JSON. */
export interface CycleSummary {
  slug: string;
  name: string;
  /** Organisation slugs, sorted. */
  organisations: string[];
  /** First and last dates of the calendar (ISO), null when no phase is dated. */
  firstDate: string | null;
  lastDate: string | null;
}

export async function cycleSummaries(db: Queryable): Promise<CycleSummary[]> {
  const all = await listCycles(db);
  return all.map((c) => {
    const span = cycleSpan(c);
    return {
      slug: c.slug,
      name: c.name,
      organisations: c.organisations.map((o) => o.slug),
      firstDate: span?.first ?? null,
      lastDate: span?.last ?? null,
    };
  });
}

/** Aligned columns: slug, name, organisations, first date, last date ("-" when undated). */
export function formatCycleSummaries(rows: CycleSummary[]): string[] {
  const cells = rows.map((r) => [r.slug, r.name, r.organisations.join(","), r.firstDate ?? "-", r.lastDate ?? "-"]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(0, ...cells.map((c) => [...c[i]!].length)));
  return cells.map((c) =>
    c.map((cell, i) => (i < 4 ? cell + " ".repeat(widths[i]! - [...cell].length) : cell)).join("  "),
  );
}
