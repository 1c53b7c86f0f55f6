import { stringify } from "csv-stringify/sync";
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { assemblyNamedVotes, assemblySecretVotes, assemblySites, persons } from "../../db/schema/index.js";
import { neutraliseCell } from "../../domain/budget/csv.js";
import { gatherDecision } from "./close.js";
import type { ItemContext } from "./load.js";

export const EXPORT_COLUMNS = [
  "record",
  "site",
  "tracker",
  "voter",
  "choice",
  "college",
  "weight",
  "proxy",
  "count",
  "members",
  "present",
  "represented",
  "rule",
] as const;

/**
 * The votes of a closed item as CSV, from which anyone can recount it with decideItem:
 * - one "rule" row: the decision rule (JSON) taken from the statutes and the colleges' weights;
 * - "electorate" rows (college, members) and "attendance" rows (college, present, represented);
 * - one "vote" row per online vote: secret items give its tracker and no voter; named items the voter;
 * - "paper" rows: the tellers' counts per site, college and choice, the part above the members present
 *   at the site marked as proxy votes (close.ts), each with its count.
 * Every vote row carries its college, the member weight it was cast with and whether it was a proxy vote.
 */
export async function exportItemCsv(db: Db, context: ItemContext): Promise<string> {
  const { input, paper } = await gatherDecision(db, context);
  const rows: string[][] = [];
  const row = (values: Partial<Record<(typeof EXPORT_COLUMNS)[number], string>>) =>
    rows.push(EXPORT_COLUMNS.map((c) => values[c] ?? ""));
  row({ record: "rule", rule: JSON.stringify(input.rule) });
  for (const e of input.electorate) row({ record: "electorate", college: e.college, members: String(e.members) });
  for (const a of input.attendance)
    row({ record: "attendance", college: a.college, present: String(a.present), represented: String(a.represented) });
  if (context.item.secret) {
    const votes = await db
      .select()
      .from(assemblySecretVotes)
      .where(eq(assemblySecretVotes.itemId, context.item.id))
      .orderBy(asc(assemblySecretVotes.tracker));
    for (const v of votes)
      row({
        record: "vote",
        tracker: v.tracker,
        choice: v.choice,
        college: v.collegeKey,
        weight: v.weight,
        proxy: String(v.proxy),
        count: "1",
      });
  } else {
    const votes = await db
      .select({ vote: assemblyNamedVotes, name: persons.name })
      .from(assemblyNamedVotes)
      .innerJoin(persons, eq(persons.id, assemblyNamedVotes.personId))
      .where(eq(assemblyNamedVotes.itemId, context.item.id))
      .orderBy(asc(persons.name));
    for (const { vote, name } of votes)
      row({
        record: "vote",
        voter: neutraliseCell(name),
        choice: vote.choice,
        college: vote.collegeKey,
        weight: vote.weight,
        proxy: String(vote.personId !== vote.castBy),
        count: "1",
      });
  }
  const sites = await db.select().from(assemblySites).where(eq(assemblySites.assemblyId, context.assembly.id));
  const siteName = new Map(sites.map((site) => [site.id, site.name]));
  const weights = new Map(input.rule.colleges.map((c) => [c.key, c.weight]));
  for (const p of paper) {
    row({
      record: "paper",
      site: neutraliseCell(siteName.get(p.siteId) ?? ""),
      choice: p.choice,
      college: p.college,
      weight: weights.get(p.college) ?? "",
      proxy: String(p.proxy === true),
      count: String(p.count ?? 1),
    });
  }
  return stringify([[...EXPORT_COLUMNS], ...rows]);
}
