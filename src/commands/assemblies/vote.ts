import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, Queryable } from "../../db/client.js";
import {
  assemblyAttendance,
  assemblyNamedVotes,
  assemblyProxies,
  assemblySecretVotes,
  assemblySites,
  assemblyVoteRegister,
  persons,
  type VoteChoice,
} from "../../db/schema/index.js";
import { newReceipt } from "../../domain/ballots/receipt.js";
import { isUuid } from "../db-errors.js";
import type { ItemContext } from "./load.js";

/** A vote the voter may cast on an item: their own, or one for each member they represent. */
export interface VoteRight {
  personId: string;
  name: string;
  proxy: boolean;
  collegeKey: string;
  weight: string;
  voted: boolean;
}

/**
 * The votes a member present at an online site carries on an item: their own and one per proxy
 * they hold, with whether each was already cast (by anyone).
 */
export async function voteRights(db: Queryable, context: ItemContext, voterId: string): Promise<VoteRight[]> {
  const assemblyId = context.assembly.id;
  const [own] = await db
    .select({
      personId: assemblyAttendance.personId,
      name: persons.name,
      collegeKey: assemblyAttendance.collegeKey,
      weight: assemblyAttendance.weight,
    })
    .from(assemblyAttendance)
    .innerJoin(persons, eq(persons.id, assemblyAttendance.personId))
    .innerJoin(assemblySites, eq(assemblySites.id, assemblyAttendance.siteId))
    .where(
      and(
        eq(assemblyAttendance.assemblyId, assemblyId),
        eq(assemblyAttendance.personId, voterId),
        eq(assemblySites.voting, "online"),
      ),
    );
  if (!own) return [];
  const held = await db
    .select({
      personId: assemblyProxies.giverId,
      name: persons.name,
      collegeKey: assemblyProxies.collegeKey,
      weight: assemblyProxies.weight,
    })
    .from(assemblyProxies)
    .innerJoin(persons, eq(persons.id, assemblyProxies.giverId))
    .where(and(eq(assemblyProxies.assemblyId, assemblyId), eq(assemblyProxies.holderId, voterId)));
  held.sort((a, b) => a.name.localeCompare(b.name));
  const all = [{ ...own, proxy: false }, ...held.map((h) => ({ ...h, proxy: true }))];
  const registered = await db
    .select({ personId: assemblyVoteRegister.personId })
    .from(assemblyVoteRegister)
    .where(
      and(
        eq(assemblyVoteRegister.itemId, context.item.id),
        inArray(
          assemblyVoteRegister.personId,
          all.map((r) => r.personId),
        ),
      ),
    );
  const done = new Set(registered.map((r) => r.personId));
  return all.map((r) => ({ ...r, voted: done.has(r.personId) }));
}

export type CastOutcome =
  | { ok: true; cast: Array<{ personId: string; receipt: string | null }>; alreadyVoted: string[] }
  | { ok: false; reason: "not_open" | "not_present" | "not_yours" | "nothing_chosen" };

/**
 * Casts the voter's votes on an item in one transaction. The item row is locked FOR SHARE and must
 * be open at that moment (closing takes it FOR UPDATE, so a close waits for the votes in flight and
 * a vote that comes after the close finds it closed). For each vote, the register row (item, member,
 * cast by) goes in ON CONFLICT DO NOTHING: its key allows one vote per member whoever casts it and
 * however many requests race; only the members whose row went in get a vote written. A secret vote
 * is written without voter, time or id, with the tracker of a fresh receipt (returned once, never
 * stored); a named vote with the member and who cast it.
 */
export async function castVotes(
  db: Db,
  context: ItemContext,
  voterId: string,
  choices: ReadonlyMap<string, VoteChoice>,
): Promise<CastOutcome> {
  if (!isUuid(voterId)) return { ok: false, reason: "not_present" };
  if (choices.size === 0) return { ok: false, reason: "nothing_chosen" };
  return db.transaction(async (tx): Promise<CastOutcome> => {
    const open = await tx.execute(
      sql`select 1 from assembly_items i join assemblies a on a.id = i.assembly_id
          where i.id = ${context.item.id} and i.status = 'open' and a.status = 'open' for share of i`,
    );
    if ((open as unknown as { rows: unknown[] }).rows.length === 0) return { ok: false, reason: "not_open" };
    const rights = await voteRights(tx, context, voterId);
    if (rights.length === 0) return { ok: false, reason: "not_present" };
    const byPerson = new Map(rights.map((r) => [r.personId, r]));
    for (const personId of choices.keys()) if (!byPerson.has(personId)) return { ok: false, reason: "not_yours" };
    // Person-id order: the order of the rows says nothing of the form's.
    const wanted = [...choices.keys()].sort();
    const inserted = await tx
      .insert(assemblyVoteRegister)
      .values(wanted.map((personId) => ({ itemId: context.item.id, personId, castBy: voterId })))
      .onConflictDoNothing()
      .returning({ personId: assemblyVoteRegister.personId });
    const written = new Set(inserted.map((r) => r.personId));
    const cast: Array<{ personId: string; receipt: string | null; tracker: string }> = [];
    for (const personId of wanted) {
      if (!written.has(personId)) continue;
      const receipt = context.item.secret ? newReceipt() : null;
      cast.push({ personId, receipt: receipt?.code ?? null, tracker: receipt?.tracker ?? "" });
    }
    if (cast.length > 0) {
      if (context.item.secret) {
        const rows = cast
          .map((v) => {
            const right = byPerson.get(v.personId)!;
            return {
              itemId: context.item.id,
              choice: choices.get(v.personId)!,
              collegeKey: right.collegeKey,
              weight: right.weight,
              proxy: right.proxy,
              tracker: v.tracker,
            };
          })
          .sort((a, b) => (a.tracker < b.tracker ? -1 : 1));
        await tx.insert(assemblySecretVotes).values(rows);
      } else {
        await tx.insert(assemblyNamedVotes).values(
          cast.map((v) => {
            const right = byPerson.get(v.personId)!;
            return {
              itemId: context.item.id,
              personId: v.personId,
              castBy: voterId,
              choice: choices.get(v.personId)!,
              collegeKey: right.collegeKey,
              weight: right.weight,
            };
          }),
        );
      }
    }
    return {
      ok: true,
      cast: cast.map(({ personId, receipt }) => ({ personId, receipt })),
      alreadyVoted: wanted.filter((p) => !written.has(p)),
    };
  });
}
