import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { decideRecommendation, proposeAmendment } from "../../../src/commands/board/instruct.js";
import { loadBoardContext } from "../../../src/commands/board/load.js";
import { createProposal } from "../../../src/commands/board/proposals.js";
import { cycles, organisations } from "../../../src/db/schema/index.js";
import { VISITOR } from "../../../src/policies/actor.js";
import type { TestApp } from "../../support/app.js";
import { BOARD, personId, submittedRecommendation } from "../board-helpers.js";
import { EVERYONE, RUNS_CYCLES, type Who } from "./roles.js";

/** Board members of Smart Belgique (board@ sits on its board; the equality group spans both organisations). */
const BOARD_ONLY: Who[] = ["board"];
/** The board and those who run the cycle read the board's work; only the board instructs. */
const BOARD_AND_RUNNERS: Who[] = ["board", ...RUNS_CYCLES];

/**
 * Who may use each board route in the walk's state: a submitted recommendation of the equality
 * group with one proposed amendment (:submittedId, :amendmentId), and an action proposal of
 * 2020–2021 made from another, retained one (:proposalId). Workflows are configured by those who
 * run the process in the organisation (smart-be: admin@ and manager@).
 */
export const BOARD_ROUTES: Record<string, Who[]> = {
  "GET /cycles/:slug/board": BOARD_AND_RUNNERS,
  "GET /board/recommendations/:submittedId": BOARD_AND_RUNNERS,
  "POST /board/recommendations/:submittedId/notes": BOARD_ONLY,
  "POST /board/recommendations/:submittedId/amendments": BOARD_ONLY,
  "POST /board/amendments/:amendmentId/accept": BOARD_ONLY,
  "POST /board/amendments/:amendmentId/reject": BOARD_ONLY,
  "POST /board/recommendations/:submittedId/merge": BOARD_ONLY,
  "POST /board/recommendations/:submittedId/decision": BOARD_ONLY,
  "POST /board/recommendations/:submittedId/return": BOARD_ONLY,
  "GET /cycles/:slug/proposals": EVERYONE,
  "GET /cycles/:slug/proposals/new": BOARD_ONLY,
  "POST /cycles/:slug/proposals/new": BOARD_ONLY,
  "GET /proposals/:proposalId": EVERYONE,
  "GET /admin/organisations/:slug/workflows": RUNS_CYCLES,
  "POST /admin/organisations/:slug/workflows": RUNS_CYCLES,
  "POST /admin/organisations/:slug/workflows/reset": RUNS_CYCLES,
};

/**
 * Sample values for this area's route parameters, created for the walk: the recommendations are
 * written straight into the tables as a group submits them, the rest through the board's commands.
 */
export async function boardSamples(t: TestApp, base: Record<string, string>): Promise<Record<string, string>> {
  void base;
  const db = t.deps.db;
  const boardId = await personId(db, BOARD);
  const submittedId = await submittedRecommendation(db, {
    title: "Publish the pay gaps every year",
    sections: { context: "Pay gaps exist between members doing the same work." },
  });
  const context = await loadBoardContext(db, VISITOR, submittedId);
  const proposed = await proposeAmendment(db, boardId, context!, {
    versionId: context!.current!.id,
    section: "context",
    fromLine: 1,
    toLine: 1,
    replacement: "Pay gaps exist.",
    reason: "Shorter",
  });
  expect(proposed.ok).toBe(true);
  const retainedId = await submittedRecommendation(db, {
    title: "Train the recruiters",
    sections: { context: "Recruiters have biases." },
  });
  const retained = await loadBoardContext(db, VISITOR, retainedId);
  const decided = await decideRecommendation(db, boardId, retained!, {
    decision: "retained",
    reasons: "Good idea.",
    mergedIntoId: null,
  });
  expect(decided.ok).toBe(true);
  const [cycle] = await db.select().from(cycles).where(eq(cycles.slug, "2020-2021"));
  const [be] = await db.select().from(organisations).where(eq(organisations.slug, "smart-be"));
  const proposal = await createProposal(db, boardId, cycle!.id, {
    title: "An equal-pay plan",
    description: "",
    organisationId: be!.id,
    recommendationIds: [retainedId],
  });
  if (!proposal.ok) throw new Error("the walk's action proposal was refused");
  return {
    submittedId,
    amendmentId: proposed.ok ? proposed.amendmentId : "",
    proposalId: proposal.proposalId,
  };
}
