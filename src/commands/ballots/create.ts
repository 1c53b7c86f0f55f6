import { and, asc, eq, inArray } from "drizzle-orm";
import { appendAudit } from "../../audit/log.js";
import type { Db, Tx } from "../../db/client.js";
import {
  ballotOptions,
  ballots,
  colleges,
  cycleOrganisations,
  cycles,
  themes,
  type ElectorateRule,
} from "../../db/schema/index.js";
import type { RankedMethod } from "../../domain/voting/index.js";
import { isUuid } from "../db-errors.js";
import { checkSchedule, type ScheduleProblem } from "./schedule.js";

/** Counting methods offered for a ranked theme ballot (one winner order, no seats). */
export const THEME_BALLOT_METHODS = [
  "schulze",
  "ranked-pairs",
  "copeland",
  "borda",
  "irv",
] as const satisfies readonly RankedMethod[];
export type ThemeBallotMethod = (typeof THEME_BALLOT_METHODS)[number];

/** The settings of the ranked theme ballot of a cycle. Its options are the cycle's themes "on_ballot". */
export interface ThemeBallotInput {
  title: string;
  method: ThemeBallotMethod;
  electorate: ElectorateRule;
  allowRecast: boolean;
  /** Scheduled opening and closing, or null for opening/closing by hand. */
  opensAt: Date | null;
  closesAt: Date | null;
  /** Hours before the close when electors who have not voted get a reminder. */
  reminderHours: number;
}

type InputProblem =
  | { ok: false; reason: "too_few_themes"; themes: number }
  | { ok: false; reason: "organisation_not_in_cycle" }
  | { ok: false; reason: "unknown_college"; keys: string[] }
  | { ok: false; reason: "schedule"; problems: { opensAt?: ScheduleProblem; closesAt?: ScheduleProblem } };

export type CreateThemeBallotOutcome =
  | { ok: true; ballotId: string }
  | { ok: false; reason: "unknown_cycle" }
  | { ok: false; reason: "ballot_exists"; ballotId: string }
  | InputProblem;

export type UpdateDraftBallotOutcome =
  | { ok: true }
  | { ok: false; reason: "unknown_ballot" }
  | { ok: false; reason: "not_draft"; status: "open" | "closed" | "published" }
  | InputProblem;

/** A ranked ballot needs at least two options. */
export const MIN_THEMES_ON_BALLOT = 2;

function normalise(rule: ElectorateRule): ElectorateRule {
  return {
    organisationIds: [...new Set(rule.organisationIds)].sort(),
    shareholdersOnly: rule.shareholdersOnly,
    collegeKeys: [...new Set(rule.collegeKeys)].sort(),
  };
}

/** The cycle's themes on the ballot, in their order. */
async function themesOnBallot(tx: Tx, cycleId: string) {
  return tx
    .select({ id: themes.id, key: themes.key })
    .from(themes)
    .where(and(eq(themes.cycleId, cycleId), eq(themes.status, "on_ballot")))
    .orderBy(asc(themes.position), asc(themes.key));
}

/** Checks the input against the cycle (organisations, colleges, themes) and the clock. */
async function checkInput(
  tx: Tx,
  cycleId: string,
  input: ThemeBallotInput,
  now: Date,
): Promise<{ ok: true; options: Array<{ id: string; key: string }> } | InputProblem> {
  const rule = input.electorate;
  const inCycle = await tx
    .select({ id: cycleOrganisations.organisationId })
    .from(cycleOrganisations)
    .where(eq(cycleOrganisations.cycleId, cycleId));
  const allowed = new Set(inCycle.map((r) => r.id));
  if (rule.organisationIds.length === 0 || rule.organisationIds.some((id) => !isUuid(id) || !allowed.has(id))) {
    return { ok: false, reason: "organisation_not_in_cycle" };
  }
  if (rule.collegeKeys.length > 0) {
    const known = await tx
      .selectDistinct({ key: colleges.key })
      .from(colleges)
      .where(inArray(colleges.organisationId, rule.organisationIds));
    const keys = new Set(known.map((r) => r.key));
    const unknown = rule.collegeKeys.filter((k) => !keys.has(k));
    if (unknown.length > 0) return { ok: false, reason: "unknown_college", keys: unknown };
  }
  const problems = checkSchedule(input.opensAt, input.closesAt, now);
  if (problems.opensAt || problems.closesAt) return { ok: false, reason: "schedule", problems };
  const options = await themesOnBallot(tx, cycleId);
  if (options.length < MIN_THEMES_ON_BALLOT) return { ok: false, reason: "too_few_themes", themes: options.length };
  return { ok: true, options };
}

async function writeOptions(tx: Tx, ballotId: string, options: Array<{ id: string; key: string }>) {
  await tx.delete(ballotOptions).where(eq(ballotOptions.ballotId, ballotId));
  await tx
    .insert(ballotOptions)
    .values(options.map((o, position) => ({ ballotId, key: o.key, themeId: o.id, position })));
}

function settings(input: ThemeBallotInput) {
  return {
    title: input.title,
    method: input.method,
    electorate: normalise(input.electorate),
    allowRecast: input.allowRecast,
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    reminderHours: input.reminderHours,
  };
}

/** What the audit log keeps of a ballot's settings: no personal data, no texts. */
function auditData(values: ReturnType<typeof settings>, options: Array<{ key: string }>) {
  return {
    method: values.method,
    options: options.map((o) => o.key),
    electorate: values.electorate,
    allowRecast: values.allowRecast,
    opensAt: values.opensAt?.toISOString() ?? null,
    closesAt: values.closesAt?.toISOString() ?? null,
    reminderHours: values.reminderHours,
  };
}

/**
 * Creates the ranked theme ballot of a cycle, as a draft: its options are the cycle's themes
 * with status "on_ballot" in their order (option key = theme key). One theme ballot per cycle.
 * Audited ("ballot.created") in the same transaction.
 */
export async function createThemeBallot(
  db: Db,
  actorId: string,
  cycleId: string,
  input: ThemeBallotInput,
  now: Date = new Date(),
): Promise<CreateThemeBallotOutcome> {
  if (!isUuid(cycleId)) return { ok: false, reason: "unknown_cycle" };
  return db.transaction(async (tx): Promise<CreateThemeBallotOutcome> => {
    const [cycle] = await tx.select({ id: cycles.id }).from(cycles).where(eq(cycles.id, cycleId)).for("update");
    if (!cycle) return { ok: false, reason: "unknown_cycle" };
    const [existing] = await tx
      .select({ id: ballots.id })
      .from(ballots)
      .where(and(eq(ballots.cycleId, cycleId), eq(ballots.kind, "ranked")))
      .limit(1);
    if (existing) return { ok: false, reason: "ballot_exists", ballotId: existing.id };
    const checked = await checkInput(tx, cycleId, input, now);
    if (!checked.ok) return checked;
    const values = settings(input);
    const [row] = await tx
      .insert(ballots)
      .values({ cycleId, kind: "ranked", seats: 1, status: "draft", ...values })
      .returning({ id: ballots.id });
    const ballotId = row!.id;
    await writeOptions(tx, ballotId, checked.options);
    await appendAudit(tx, {
      actorId,
      action: "ballot.created",
      subjectType: "ballot",
      subjectId: ballotId,
      organisationId: values.electorate.organisationIds[0] ?? null,
      data: { cycleId, ...auditData(values, checked.options) },
    });
    return { ok: true, ballotId };
  });
}

/**
 * Saves the settings of a draft theme ballot and takes its options again from the cycle's
 * themes "on_ballot". Refused once the ballot is no longer a draft. Audited ("ballot.updated").
 */
export async function updateDraftBallot(
  db: Db,
  actorId: string,
  ballotId: string,
  input: ThemeBallotInput,
  now: Date = new Date(),
): Promise<UpdateDraftBallotOutcome> {
  if (!isUuid(ballotId)) return { ok: false, reason: "unknown_ballot" };
  return db.transaction(async (tx): Promise<UpdateDraftBallotOutcome> => {
    const [ballot] = await tx.select().from(ballots).where(eq(ballots.id, ballotId)).for("update");
    if (!ballot || ballot.cycleId === null || ballot.kind !== "ranked") return { ok: false, reason: "unknown_ballot" };
    if (ballot.status !== "draft") return { ok: false, reason: "not_draft", status: ballot.status };
    const checked = await checkInput(tx, ballot.cycleId, input, now);
    if (!checked.ok) return checked;
    const values = settings(input);
    const previousOptions = await tx
      .select({ key: ballotOptions.key })
      .from(ballotOptions)
      .where(eq(ballotOptions.ballotId, ballotId))
      .orderBy(asc(ballotOptions.position));
    await tx.update(ballots).set(values).where(eq(ballots.id, ballotId));
    await writeOptions(tx, ballotId, checked.options);
    const before: Record<string, unknown> = {
      title: ballot.title,
      options: previousOptions.map((o) => o.key),
      method: ballot.method,
      electorate: normalise(ballot.electorate),
      allowRecast: ballot.allowRecast,
      opensAt: ballot.opensAt?.toISOString() ?? null,
      closesAt: ballot.closesAt?.toISOString() ?? null,
      reminderHours: ballot.reminderHours,
    };
    const after: Record<string, unknown> = { ...auditData(values, checked.options), title: values.title };
    const fields = Object.keys(before).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    await appendAudit(tx, {
      actorId,
      action: "ballot.updated",
      subjectType: "ballot",
      subjectId: ballotId,
      organisationId: values.electorate.organisationIds[0] ?? null,
      data: { cycleId: ballot.cycleId, fields, ...auditData(values, checked.options) },
    });
    return { ok: true };
  });
}
