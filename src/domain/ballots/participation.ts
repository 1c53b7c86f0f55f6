import { MIN_GROUP_SIZE, OTHER_GROUP, type Participation, type ParticipationRow } from "./stored-result.js";

/**
 * Small groups are merged so that no breakdown shows a handful of identifiable people: every
 * group with fewer than `min` members goes into OTHER_GROUP; if that merged group is itself
 * still smaller than `min` (but not empty), the smallest remaining groups join it until it is
 * big enough or nothing is left. A real key equal to OTHER_GROUP is always merged.
 * Returns, for every key, the key it is shown under.
 */
export function mergeSmallGroups(sizes: ReadonlyMap<string, number>, min = MIN_GROUP_SIZE): Map<string, string> {
  const target = new Map<string, string>();
  let merged = 0;
  const kept: Array<[string, number]> = [];
  for (const [key, size] of sizes) {
    if (size < min || key === OTHER_GROUP) {
      target.set(key, OTHER_GROUP);
      merged += size;
    } else {
      kept.push([key, size]);
    }
  }
  kept.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  while (merged > 0 && merged < min && kept.length > 0) {
    const [key, size] = kept.shift()!;
    target.set(key, OTHER_GROUP);
    merged += size;
  }
  for (const [key] of kept) target.set(key, key);
  return target;
}

/** One elector of the snapshot, and whether the register says they voted (never how). */
export interface ElectorTurnout {
  collegeKey: string;
  officeId: string | null;
  language: string;
  voted: boolean;
}

function byKeyThenOther(a: ParticipationRow, b: ParticipationRow): number {
  if (a.key === b.key) return 0;
  if (a.key === OTHER_GROUP) return 1;
  if (b.key === OTHER_GROUP) return -1;
  return a.key < b.key ? -1 : 1;
}

/**
 * Electors who share a college, an office and a language, counted together: how the close reads
 * turnout (one row per group from the database instead of one per elector).
 */
export interface TurnoutGroup {
  collegeKey: string;
  officeId: string | null;
  language: string;
  electors: number;
  voters: number;
}

function breakdown(
  groups: readonly TurnoutGroup[],
  keyOf: (g: TurnoutGroup) => string,
  min: number,
): ParticipationRow[] {
  const totals = new Map<string, { electors: number; voters: number }>();
  for (const group of groups) {
    const key = keyOf(group);
    const row = totals.get(key) ?? { electors: 0, voters: 0 };
    row.electors += group.electors;
    row.voters += group.voters;
    totals.set(key, row);
  }
  const target = mergeSmallGroups(new Map([...totals].map(([key, row]) => [key, row.voters])), min);
  const rows = new Map<string, ParticipationRow>();
  for (const [key, row] of totals) {
    const shown = target.get(key) ?? OTHER_GROUP;
    const out = rows.get(shown) ?? { key: shown, electors: 0, voters: 0 };
    out.electors += row.electors;
    out.voters += row.voters;
    rows.set(shown, out);
  }
  return [...rows.values()].sort(byKeyThenOther);
}

/**
 * Turnout of a ballot by college, office and language, from groups of electors; groups with fewer
 * than MIN_GROUP_SIZE voters are merged (see mergeSmallGroups). Electors without an office count
 * under OTHER_GROUP. The same result as computeParticipation on the electors one by one.
 */
export function participationFromGroups(groups: readonly TurnoutGroup[], min = MIN_GROUP_SIZE): Participation {
  return {
    electors: groups.reduce((sum, g) => sum + g.electors, 0),
    voters: groups.reduce((sum, g) => sum + g.voters, 0),
    byCollege: breakdown(groups, (g) => g.collegeKey, min),
    byOffice: breakdown(groups, (g) => g.officeId ?? OTHER_GROUP, min),
    byLanguage: breakdown(groups, (g) => g.language, min),
  };
}

/**
 * Turnout of a ballot by college, office and language; groups with fewer than MIN_GROUP_SIZE
 * voters are merged (see mergeSmallGroups). Electors without an office count under OTHER_GROUP.
 */
export function computeParticipation(electors: readonly ElectorTurnout[], min = MIN_GROUP_SIZE): Participation {
  return participationFromGroups(
    electors.map((e) => ({
      collegeKey: e.collegeKey,
      officeId: e.officeId,
      language: e.language,
      electors: 1,
      voters: e.voted ? 1 : 0,
    })),
    min,
  );
}
