import { and, eq, inArray } from "drizzle-orm";
import { appendAudit, type AuditInput } from "../../audit/log.js";
import type { Db, Tx } from "../../db/client.js";
import { localTalkContributions, localTalks, offices, themes, workingGroups } from "../../db/schema/index.js";
import type { LocalTalk } from "../groups/load.js";

/** What the form gives, already checked for shape (src/domain/local-talks, src/web/routes/local-talks). */
export interface TalkInput {
  title: string;
  /** An office of one of the cycle's organisations, or null for another place (then `city` is required). */
  officeId: string | null;
  city: string;
  heldAt: Date;
  durationMinutes: number;
  /** A theme of the cycle; null takes the group's theme (or none). */
  themeId: string | null;
  groupId: string | null;
  attendance: number;
  summary: string;
}

export type TalkProblem =
  "office_not_in_cycle" | "theme_not_in_cycle" | "group_not_in_cycle" | "group_theme_mismatch" | "city_required";

export interface TalkCycle {
  id: string;
  organisationIds: readonly string[];
}

type Resolved = {
  ok: true;
  values: Omit<TalkInput, "themeId"> & { themeId: string | null };
  organisationId: string | null;
};

/** Checks that the office, theme and group belong to the cycle; the city of an office is the office's. */
async function resolve(
  tx: Tx,
  cycle: TalkCycle,
  input: TalkInput,
): Promise<Resolved | { ok: false; reason: TalkProblem }> {
  let city = input.city.trim();
  let organisationId: string | null = cycle.organisationIds[0] ?? null;
  if (input.officeId !== null) {
    const [office] =
      cycle.organisationIds.length === 0
        ? []
        : await tx
            .select({ city: offices.city, organisationId: offices.organisationId })
            .from(offices)
            .where(and(eq(offices.id, input.officeId), inArray(offices.organisationId, [...cycle.organisationIds])));
    if (!office) return { ok: false, reason: "office_not_in_cycle" };
    city = office.city;
    organisationId = office.organisationId;
  } else if (city === "") return { ok: false, reason: "city_required" };
  let themeId = input.themeId;
  if (themeId !== null) {
    const [theme] = await tx
      .select({ id: themes.id })
      .from(themes)
      .where(and(eq(themes.id, themeId), eq(themes.cycleId, cycle.id)));
    if (!theme) return { ok: false, reason: "theme_not_in_cycle" };
  }
  if (input.groupId !== null) {
    const [group] = await tx
      .select({ themeId: workingGroups.themeId })
      .from(workingGroups)
      .where(and(eq(workingGroups.id, input.groupId), eq(workingGroups.cycleId, cycle.id)));
    if (!group) return { ok: false, reason: "group_not_in_cycle" };
    if (themeId === null) themeId = group.themeId;
    else if (themeId !== group.themeId) return { ok: false, reason: "group_theme_mismatch" };
  }
  return { ok: true, values: { ...input, city, themeId }, organisationId };
}

async function audit(
  tx: Tx,
  entry: {
    actorId: string;
    action: "local_talk.created" | "local_talk.updated";
    talkId: string;
    organisationId: string | null;
    data: Record<string, unknown>;
  },
) {
  const input: AuditInput = {
    actorId: entry.actorId,
    action: entry.action,
    subjectType: "local_talk",
    subjectId: entry.talkId,
    organisationId: entry.organisationId,
    data: entry.data,
  };
  await appendAudit(tx, input);
}

export type CreateTalkOutcome = { ok: true; id: string } | { ok: false; reason: TalkProblem };

/** Records a local talk of the cycle, with its audit entry (ids and counts only). */
export async function createTalk(
  db: Db,
  actorId: string,
  cycle: TalkCycle,
  input: TalkInput,
): Promise<CreateTalkOutcome> {
  return db.transaction(async (tx) => {
    const resolved = await resolve(tx, cycle, input);
    if (!resolved.ok) return resolved;
    const [row] = await tx
      .insert(localTalks)
      .values({ cycleId: cycle.id, ...resolved.values, createdBy: actorId })
      .returning({ id: localTalks.id });
    await audit(tx, {
      actorId,
      action: "local_talk.created",
      talkId: row!.id,
      organisationId: resolved.organisationId,
      data: {
        cycleId: cycle.id,
        groupId: resolved.values.groupId,
        officeId: resolved.values.officeId,
        attendance: resolved.values.attendance,
      },
    });
    return { ok: true as const, id: row!.id };
  });
}

const FIELDS = [
  "title",
  "officeId",
  "city",
  "heldAt",
  "durationMinutes",
  "themeId",
  "groupId",
  "attendance",
  "summary",
] as const;

export type UpdateTalkOutcome = { ok: true; changed: string[] } | { ok: false; reason: TalkProblem };

/** Saves an edit; nothing changed: no write, no audit entry. */
export async function updateTalk(
  db: Db,
  actorId: string,
  cycle: TalkCycle,
  before: LocalTalk,
  input: TalkInput,
): Promise<UpdateTalkOutcome> {
  return db.transaction(async (tx) => {
    const resolved = await resolve(tx, cycle, input);
    if (!resolved.ok) return resolved;
    const next = resolved.values;
    const changed = FIELDS.filter((f) => {
      const a = before[f];
      const b = next[f];
      return a instanceof Date && b instanceof Date ? a.getTime() !== b.getTime() : a !== b;
    });
    if (changed.length === 0) return { ok: true as const, changed: [] };
    await tx.update(localTalks).set(next).where(eq(localTalks.id, before.id));
    await audit(tx, {
      actorId,
      action: "local_talk.updated",
      talkId: before.id,
      organisationId: resolved.organisationId,
      data: { cycleId: cycle.id, changed, attendance: next.attendance },
    });
    return { ok: true as const, changed: [...changed] };
  });
}

/** Adds what someone said at the talk: an optional first name and the text. */
export async function addContribution(
  db: Db,
  actorId: string,
  talkId: string,
  input: { author: string; body: string },
): Promise<{ id: string }> {
  const [row] = await db
    .insert(localTalkContributions)
    .values({ talkId, author: input.author.trim(), body: input.body, createdBy: actorId })
    .returning({ id: localTalkContributions.id });
  return { id: row!.id };
}
