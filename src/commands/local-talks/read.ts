import { asc, eq, inArray } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { localTalkContributions, localTalks, offices, workingGroups } from "../../db/schema/index.js";
import type { LocalTalk } from "../groups/load.js";

export type { LocalTalk };
export type Contribution = typeof localTalkContributions.$inferSelect;

export interface TalkOffice {
  id: string;
  name: string;
  city: string;
  organisationId: string;
}

export interface TalkGroup {
  id: string;
  key: string;
  themeId: string;
  /** null: binational. */
  organisationId: string | null;
}

/** The local talks of a cycle, oldest first. */
export async function listTalks(db: Queryable, cycleId: string): Promise<LocalTalk[]> {
  return db
    .select()
    .from(localTalks)
    .where(eq(localTalks.cycleId, cycleId))
    .orderBy(asc(localTalks.heldAt), asc(localTalks.createdAt));
}

/** What was collected at a talk, in the order it was written down. */
export async function talkContributions(db: Queryable, talkId: string): Promise<Contribution[]> {
  return db
    .select()
    .from(localTalkContributions)
    .where(eq(localTalkContributions.talkId, talkId))
    .orderBy(asc(localTalkContributions.createdAt), asc(localTalkContributions.id));
}

/** The offices of the cycle's organisations (by name) and the cycle's groups (by key): the form's choices. */
export async function talkChoices(
  db: Queryable,
  cycle: { id: string; organisationIds: readonly string[] },
): Promise<{ offices: TalkOffice[]; groups: TalkGroup[] }> {
  const [officeRows, groupRows] = await Promise.all([
    cycle.organisationIds.length === 0
      ? Promise.resolve([] as TalkOffice[])
      : db
          .select({ id: offices.id, name: offices.name, city: offices.city, organisationId: offices.organisationId })
          .from(offices)
          .where(inArray(offices.organisationId, [...cycle.organisationIds]))
          .orderBy(asc(offices.name)),
    db
      .select({
        id: workingGroups.id,
        key: workingGroups.key,
        themeId: workingGroups.themeId,
        organisationId: workingGroups.organisationId,
      })
      .from(workingGroups)
      .where(eq(workingGroups.cycleId, cycle.id))
      .orderBy(asc(workingGroups.key)),
  ]);
  return { offices: officeRows, groups: groupRows };
}

/** The organisation of an office (null when the office is gone). */
export async function officeOrganisation(db: Queryable, officeId: string): Promise<string | null> {
  const [row] = await db
    .select({ organisationId: offices.organisationId })
    .from(offices)
    .where(eq(offices.id, officeId));
  return row?.organisationId ?? null;
}
