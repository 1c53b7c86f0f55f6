import { VotingInputError } from "../voting/ballot.js";
import { compareKeys } from "./rules.js";

/** A member (`giver`) absent from the assembly gives their vote to a member present (`holder`). */
export interface Proxy {
  giver: string;
  holder: string;
}

export interface ProxyContext {
  /** Ids of the members of the organisation entitled to vote. */
  members: Iterable<string>;
  /** Ids of the members present in person. */
  present: Iterable<string>;
  /** From the statutes: how many proxies one member present may hold; 0 forbids proxies. */
  maxProxiesPerHolder: number;
}

/**
 * Why a proxy is refused. The checks run in this order and the first one failing is reported:
 * - "proxies_not_allowed": the statutes allow no proxy at all;
 * - "self": the giver names themselves;
 * - "giver_not_member", "holder_not_member": not a member of the organisation;
 * - "giver_already_gave": the giver has already given a proxy;
 * - "chain": the holder has themselves given their vote to someone;
 * - "giver_holds_proxies": the giver holds proxies of others, which would pass on with theirs;
 * - "giver_present": the giver is present in person and votes themselves;
 * - "holder_not_present": the holder is not present in person;
 * - "holder_limit": the holder already holds the most proxies the statutes allow.
 * The chain checks come before presence so that a chain is named as such.
 */
export type ProxyRefusal =
  | "proxies_not_allowed"
  | "self"
  | "giver_not_member"
  | "holder_not_member"
  | "giver_already_gave"
  | "chain"
  | "giver_holds_proxies"
  | "giver_present"
  | "holder_not_present"
  | "holder_limit";

export type ProxyCheck = { ok: true } | { ok: false; reason: ProxyRefusal };

interface Prepared {
  members: ReadonlySet<string>;
  present: ReadonlySet<string>;
  limit: number;
}

function prepare(context: ProxyContext): Prepared {
  const limit = context.maxProxiesPerHolder;
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new VotingInputError(`maxProxiesPerHolder must be a whole number, got ${String(limit)}`);
  }
  return { members: new Set(context.members), present: new Set(context.present), limit };
}

/** Checks one new proxy against those already accepted for the same assembly. */
export function checkProxy(proposed: Proxy, existing: readonly Proxy[], context: ProxyContext): ProxyCheck {
  return check(proposed, existing, prepare(context));
}

function check(proposed: Proxy, existing: readonly Proxy[], context: Prepared): ProxyCheck {
  const { giver, holder } = proposed;
  const refuse = (reason: ProxyRefusal): ProxyCheck => ({ ok: false, reason });
  if (context.limit === 0) return refuse("proxies_not_allowed");
  if (giver === holder) return refuse("self");
  if (!context.members.has(giver)) return refuse("giver_not_member");
  if (!context.members.has(holder)) return refuse("holder_not_member");
  if (existing.some((proxy) => proxy.giver === giver)) return refuse("giver_already_gave");
  if (existing.some((proxy) => proxy.giver === holder)) return refuse("chain");
  if (existing.some((proxy) => proxy.holder === giver)) return refuse("giver_holds_proxies");
  if (context.present.has(giver)) return refuse("giver_present");
  if (!context.present.has(holder)) return refuse("holder_not_present");
  const held = existing.filter((proxy) => proxy.holder === holder).length;
  if (held >= context.limit) return refuse("holder_limit");
  return { ok: true };
}

/** Checks a whole list, each proxy against those before it; reports the first refused one. */
export function checkProxies(
  proxies: readonly Proxy[],
  context: ProxyContext,
): { ok: true } | { ok: false; index: number; reason: ProxyRefusal } {
  const prepared = prepare(context);
  for (let index = 0; index < proxies.length; index++) {
    const result = check(proxies[index]!, proxies.slice(0, index), prepared);
    if (!result.ok) return { ok: false, index, reason: result.reason };
  }
  return { ok: true };
}

export interface HeldVotes {
  holder: string;
  /** Members represented, sorted. */
  givers: string[];
  /** The holder's own vote plus one per member represented. */
  votes: number;
}

/** For each proxy holder (sorted by id): whom they represent and how many votes they carry. */
export function votesCarried(proxies: readonly Proxy[]): HeldVotes[] {
  const givers = new Set<string>();
  const byHolder = new Map<string, string[]>();
  for (const { giver, holder } of proxies) {
    if (givers.has(giver)) throw new VotingInputError(`member "${giver}" gave more than one proxy`);
    givers.add(giver);
    const list = byHolder.get(holder) ?? [];
    list.push(giver);
    byHolder.set(holder, list);
  }
  return [...byHolder.keys()].sort(compareKeys).map((holder) => {
    const represented = byHolder.get(holder)!.sort(compareKeys);
    return { holder, givers: represented, votes: 1 + represented.length };
  });
}
