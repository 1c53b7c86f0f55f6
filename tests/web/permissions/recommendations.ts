import { eq } from "drizzle-orm";
import { loadGroupContext } from "../../../src/commands/groups/load.js";
import { emptySections } from "../../../src/commands/recommendations/content.js";
import { createRecommendation } from "../../../src/commands/recommendations/write.js";
import { persons } from "../../../src/db/schema/index.js";
import type { TestApp } from "../../support/app.js";
import { EMAIL, EQUALITY_GROUP, EVERYONE, RUNS_CYCLES, type Who } from "./roles.js";

/** The group's participants and those who run the cycle start and edit drafts. */
const DRAFTERS: Who[] = [...EQUALITY_GROUP, ...RUNS_CYCLES];
/** A draft is read (and commented on) by its group, the board and those who run the cycle. */
const DRAFT_READERS: Who[] = [...new Set<Who>([...EQUALITY_GROUP, "board", ...RUNS_CYCLES])];
/** The facilitator submits the group's set; those who run the cycle may do it for them. */
const LEADS: Who[] = ["facilitator", ...RUNS_CYCLES];
/** Translators of the organisation (no demo account holds the role) and those who run the cycle. */
const TRANSLATORS: Who[] = RUNS_CYCLES;

/**
 * Who may use each drafting route in the walk's state: :recommendationId is a draft of the
 * equality group (version 1, not submitted), so it is not public yet.
 */
export const RECOMMENDATION_ROUTES: Record<string, Who[]> = {
  "GET /groups/:groupId/recommendations": EVERYONE,
  "GET /cycles/:slug/recommendations": EVERYONE,
  "GET /groups/:groupId/recommendations/new": DRAFTERS,
  "POST /groups/:groupId/recommendations/new": DRAFTERS,
  "POST /groups/:groupId/recommendations/submit": LEADS,
  "GET /recommendations/:recommendationId": DRAFT_READERS,
  "POST /recommendations/:recommendationId/comments": DRAFT_READERS,
  "GET /recommendations/:recommendationId/edit": DRAFTERS,
  "POST /recommendations/:recommendationId/edit": DRAFTERS,
  "GET /recommendations/:recommendationId/versions/:version": DRAFT_READERS,
  "GET /recommendations/:recommendationId/diff": DRAFT_READERS,
  "GET /recommendations/:recommendationId/translations/:language": TRANSLATORS,
  "POST /recommendations/:recommendationId/translations/:language": TRANSLATORS,
};

/**
 * Sample values for this area's route parameters: a draft of the equality group written by its
 * facilitator through the drafting command, and a target language other than its source.
 */
export async function recommendationSamples(t: TestApp, base: Record<string, string>): Promise<Record<string, string>> {
  const db = t.deps.db;
  const [facilitator] = await db.select({ id: persons.id }).from(persons).where(eq(persons.email, EMAIL.facilitator));
  const group = await loadGroupContext(db, base.groupId!, facilitator!.id);
  if (!group) throw new Error("the walk's group is missing");
  const created = await createRecommendation(db, facilitator!.id, group, {
    number: null,
    title: "Publish the pay gaps of every office",
    titleCheckOverridden: false,
    sections: { ...emptySections(), context: "Pay gaps between offices are not known." },
    quotes: [],
    footnotes: [],
    axes: [],
    attachmentIds: [],
    note: "",
  });
  if (!created.ok) throw new Error(`the walk's draft was refused: ${created.reason}`);
  return { recommendationId: created.recommendationId, language: "nl" };
}
