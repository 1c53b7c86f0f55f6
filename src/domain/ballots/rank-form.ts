/**
 * The ranking form as it works without JavaScript: one select per option named `rank_<key>`
 * holding "1".."N", a hidden `order` with the keys in the order shown, and move buttons
 * (`move` = "up:<key>" or "down:<key>") that post the form back to be shown in a new order.
 */

export const RANK_FIELD_PREFIX = "rank_";
export const ORDER_FIELD = "order";
export const MOVE_FIELD = "move";

export type RankFieldProblem = "missing" | "invalid" | "duplicate";

export type FormBody = Record<string, string | string[] | undefined>;

export type RankFormResult =
  | { ok: true; order: string[] }
  | {
      ok: false;
      /** Per option key. */
      problems: Record<string, RankFieldProblem>;
      /** Fields naming options that are not on this ballot. */
      unknownOptions: boolean;
      /** What was chosen, per option key, to fill the form back in. */
      values: Record<string, string>;
    };

export function rankFieldName(key: string): string {
  return `${RANK_FIELD_PREFIX}${key}`;
}

function single(value: string | string[] | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** The chosen rank of each option, as typed ("" when absent). */
export function chosenRanks(body: FormBody, keys: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const key of keys) values[key] = (single(body[rankFieldName(key)]) ?? "").trim();
  return values;
}

function hasUnknownOptions(body: FormBody, keys: readonly string[]): boolean {
  const known = new Set(keys);
  return Object.keys(body).some(
    (name) => name.startsWith(RANK_FIELD_PREFIX) && !known.has(name.slice(RANK_FIELD_PREFIX.length)),
  );
}

/**
 * Reads a submitted ranking: every option needs a different whole rank from 1 to N.
 * On success, the option keys best first.
 */
export function parseRankForm(body: FormBody, keys: readonly string[]): RankFormResult {
  const values = chosenRanks(body, keys);
  const problems: Record<string, RankFieldProblem> = {};
  const byRank = new Map<number, string[]>();
  for (const key of keys) {
    const raw = body[rankFieldName(key)];
    const text = values[key]!;
    if (Array.isArray(raw)) {
      problems[key] = "invalid";
      continue;
    }
    if (text === "") {
      problems[key] = "missing";
      continue;
    }
    const rank = /^\d{1,4}$/.test(text) ? Number(text) : NaN;
    if (!Number.isInteger(rank) || rank < 1 || rank > keys.length) {
      problems[key] = "invalid";
      continue;
    }
    byRank.set(rank, [...(byRank.get(rank) ?? []), key]);
  }
  for (const sharing of byRank.values()) {
    if (sharing.length > 1) for (const key of sharing) problems[key] = "duplicate";
  }
  const unknownOptions = hasUnknownOptions(body, keys);
  if (unknownOptions || Object.keys(problems).length > 0) return { ok: false, problems, unknownOptions, values };
  const order = [...byRank.entries()].sort((a, b) => a[0] - b[0]).map(([, [key]]) => key!);
  return { ok: true, order };
}

function isPermutation(candidate: readonly string[], keys: readonly string[]): boolean {
  if (candidate.length !== keys.length) return false;
  const set = new Set(candidate);
  return set.size === keys.length && keys.every((key) => set.has(key));
}

/** The order the form was shown in (the hidden field), or the ballot's own order. */
export function shownOrder(body: FormBody, keys: readonly string[]): string[] {
  const posted = (single(body[ORDER_FIELD]) ?? "").split(",").map((key) => key.trim());
  return isPermutation(posted, keys) ? posted : [...keys];
}

/**
 * The order to show next: the chosen ranks when they form a complete ranking, else the order
 * the form was shown in; so a move respects what the voter already chose.
 */
export function currentOrder(body: FormBody, keys: readonly string[]): string[] {
  const parsed = parseRankForm(body, keys);
  return parsed.ok ? parsed.order : shownOrder(body, keys);
}

export type Direction = "up" | "down";

export function parseMove(value: unknown): { key: string; direction: Direction } | null {
  if (typeof value !== "string") return null;
  const match = /^(up|down):([a-z0-9][a-z0-9-]{0,62})$/.exec(value);
  return match ? { direction: match[1] as Direction, key: match[2]! } : null;
}

/** Moves one option a place up (towards rank 1) or down; unchanged at either end or for an unknown key. */
export function moveOption(order: readonly string[], key: string, direction: Direction): string[] {
  const next = [...order];
  const from = next.indexOf(key);
  const to = direction === "up" ? from - 1 : from + 1;
  if (from < 0 || to < 0 || to >= next.length) return next;
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}
