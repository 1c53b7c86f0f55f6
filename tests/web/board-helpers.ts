import { and, eq, sql } from "drizzle-orm";
import { recordCreation } from "../../src/commands/workflow.js";
import type { Db } from "../../src/db/client.js";
import {
  cycles,
  persons,
  recommendations,
  recommendationVersions,
  stateChanges,
  workingGroups,
  type RecommendationSections,
} from "../../src/db/schema/index.js";

export const BOARD = "board@demo.letscoop.test";
export const ACCOUNTS = {
  admin: "admin@demo.letscoop.test",
  manager: "manager@demo.letscoop.test",
  facilitator: "facilitator@demo.letscoop.test",
  secretary: "secretary@demo.letscoop.test",
  member: "member@demo.letscoop.test",
  ethics: "ethics@demo.letscoop.test",
  guest: "guest@demo.letscoop.test",
} as const;

export const EMPTY_SECTIONS: RecommendationSections = {
  context: "",
  argumentation: "",
  attention: "",
  alreadyDoes: "",
  examples: "",
};

export async function personId(db: Db, email: string): Promise<string> {
  const [p] = await db.select({ id: persons.id }).from(persons).where(eq(persons.email, email));
  if (!p) throw new Error(`no person ${email}`);
  return p.id;
}

/**
 * A recommendation as the group submits it, written straight into the tables (the drafting
 * area's commands are not needed here): state "submitted", one version frozen by submittedAt.
 */
export async function submittedRecommendation(
  db: Db,
  input: {
    cycleSlug?: string;
    groupKey?: string;
    title: string;
    sections?: Partial<RecommendationSections>;
    lineLength?: number;
    state?: string;
  },
): Promise<string> {
  const [cycle] = await db
    .select({ id: cycles.id })
    .from(cycles)
    .where(eq(cycles.slug, input.cycleSlug ?? "2020-2021"));
  const [group] = await db
    .select({ id: workingGroups.id })
    .from(workingGroups)
    .where(and(eq(workingGroups.cycleId, cycle!.id), eq(workingGroups.key, input.groupKey ?? "equality")));
  if (!group) throw new Error(`no group ${input.groupKey ?? "equality"}`);
  const facilitator = await personId(db, ACCOUNTS.facilitator);
  return db.transaction(async (tx) => {
    const [last] = await tx
      .select({ max: sql<number | null>`max(${recommendations.number})` })
      .from(recommendations)
      .where(eq(recommendations.cycleId, cycle!.id));
    const [rec] = await tx
      .insert(recommendations)
      .values({
        cycleId: cycle!.id,
        groupId: group.id,
        number: Number(last?.max ?? 0) + 1,
        sourceLanguage: "en",
        state: input.state ?? "submitted",
        createdBy: facilitator,
      })
      .returning({ id: recommendations.id });
    await tx.insert(recommendationVersions).values({
      recommendationId: rec!.id,
      number: 1,
      title: input.title,
      sections: { ...EMPTY_SECTIONS, ...input.sections },
      lineLength: input.lineLength ?? 40,
      authorId: facilitator,
      submittedAt: new Date(),
    });
    const now = Date.now();
    await recordCreation(
      tx,
      { subject: "recommendation", subjectId: rec!.id, state: "draft", actorId: facilitator },
      new Date(now - 2000),
    );
    await tx.insert(stateChanges).values({
      subject: "recommendation",
      subjectId: rec!.id,
      fromState: "draft",
      toState: input.state ?? "submitted",
      actorId: facilitator,
      at: new Date(now - 1000),
    });
    return rec!.id;
  });
}

/** Forty-character lines: "one two … " numbered at 40 give predictable line numbers. */
export const ARGUMENTATION = [
  "Equal pay is a matter of trust between the",
  "members and the cooperative that employs",
  "them. Publishing the pay gaps every year",
  "lets everyone see where things stand and",
  "what remains to be done.",
].join(" ");
