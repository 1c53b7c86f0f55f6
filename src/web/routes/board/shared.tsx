import { loadAmendmentResource, loadBoardResource, loadProposalResource } from "../../../commands/board/load.js";
import type { HistoryRow } from "../../../commands/board/read.js";
import { BOARD_DECISIONS, type BoardDecision, type RecommendationSection } from "../../../db/schema/index.js";
import type { DiffPart } from "../../../domain/documents/diff.js";
import type { MessageKey } from "../../../i18n/index.js";
import type { Ctx } from "../../context.js";
import { Moment } from "../cycles/shared.js";

/** Pattern of an id in a path: hex digits and dashes only (the UUID itself is checked on load). */
export const ID = "{[0-9a-fA-F-]+}";

export const loadRecommendation = (c: Ctx) =>
  loadBoardResource(c.var.deps.db, c.var.actor, c.req.param("submittedId") ?? "");
export const loadAmendment = (c: Ctx) =>
  loadAmendmentResource(c.var.deps.db, c.var.actor, c.req.param("amendmentId") ?? "");
export const loadProposal = (c: Ctx) => loadProposalResource(c.var.deps.db, c.req.param("proposalId") ?? "");

/** The signed-in person acting; handlers run only after can(), which refuses visitors here. */
export function actorId(c: Ctx): string {
  const actor = c.var.actor;
  if (actor.kind !== "person") throw new Error("a board form ran without a signed-in person");
  return actor.personId;
}

export function instructPath(c: Ctx, recommendationId: string, rest = ""): string {
  return `/${c.var.locale}/board/recommendations/${recommendationId}${rest}`;
}

export function amendmentPath(c: Ctx, amendmentId: string, rest = ""): string {
  return `/${c.var.locale}/board/amendments/${amendmentId}${rest}`;
}

export function queuePath(c: Ctx, cycleSlug: string): string {
  return `/${c.var.locale}/cycles/${cycleSlug}/board`;
}

export function proposalsPath(c: Ctx, cycleSlug: string, rest = ""): string {
  return `/${c.var.locale}/cycles/${cycleSlug}/proposals${rest}`;
}

export function proposalPath(c: Ctx, proposalId: string): string {
  return `/${c.var.locale}/proposals/${proposalId}`;
}

/** The recommendation's public page (drafting area). */
export function recommendationPath(c: Ctx, recommendationId: string): string {
  return `/${c.var.locale}/recommendations/${recommendationId}`;
}

export const SECTION_LABEL: Record<RecommendationSection, MessageKey> = {
  context: "board.sectionContext",
  argumentation: "board.sectionArgumentation",
  attention: "board.sectionAttention",
  alreadyDoes: "board.sectionAlreadyDoes",
  examples: "board.sectionExamples",
};

export const DECISION_LABEL: Record<BoardDecision, MessageKey> = {
  retained: "board.decisionRetained",
  retained_amended: "board.decisionRetainedAmended",
  merged: "board.decisionMerged",
  not_retained: "board.decisionNotRetained",
};

const STATE_LABEL: Record<string, MessageKey> = {
  draft: "board.stateDraft",
  submitted: "board.stateSubmitted",
  under_review: "board.stateUnderReview",
  retained: "board.decisionRetained",
  retained_amended: "board.decisionRetainedAmended",
  merged: "board.decisionMerged",
  not_retained: "board.decisionNotRetained",
  in_proposal: "board.stateInProposal",
  adopted: "board.stateAdopted",
  rejected: "board.stateRejected",
  proposed: "board.stateProposed",
  on_agenda: "board.stateOnAgenda",
  withdrawn: "board.stateWithdrawn",
};

/** A workflow state by its name in the default workflows; a configured state by its key. */
export function stateLabel(c: Ctx, state: string): string {
  const key = STATE_LABEL[state];
  return key ? c.var.t(key) : state;
}

export function isDecision(value: string): value is BoardDecision {
  return (BOARD_DECISIONS as readonly string[]).includes(value);
}

/** A notice after a redirect (?done=…). */
export function noticeOf(c: Ctx): string | undefined {
  const { t } = c.var;
  const n = Number(c.req.query("n"));
  switch (c.req.query("done")) {
    case "note":
      return t("board.noticeNote");
    case "amendment":
      return t("board.noticeAmendment");
    case "accepted":
      return t("board.noticeAccepted");
    case "rejected":
      return t("board.noticeRejected");
    case "merged":
      return Number.isSafeInteger(n) && n > 0 ? t("board.noticeMerged", { number: n }) : undefined;
    case "decided":
      return t("board.noticeDecided");
    case "returned":
      return t("board.noticeReturned");
    case "proposal":
      return Number.isSafeInteger(n) && n > 0 ? t("board.noticeProposal", { number: n }) : undefined;
    case "workflow":
      return t("board.noticeWorkflowSaved");
    case "reset":
      return t("board.noticeWorkflowReset");
    default:
      return undefined;
  }
}

/** One run of a word diff, marked for screen readers as well as by colour. */
export function DiffRun({ c, part }: { c: Ctx; part: DiffPart }) {
  const { t } = c.var;
  if (part.kind === "same") return <>{part.text}</>;
  if (part.kind === "added") {
    return (
      <ins>
        <span class="visually-hidden">{t("board.addedStart")}</span>
        {part.text}
        <span class="visually-hidden">{t("board.addedEnd")}</span>
      </ins>
    );
  }
  return (
    <del>
      <span class="visually-hidden">{t("board.removedStart")}</span>
      {part.text}
      <span class="visually-hidden">{t("board.removedEnd")}</span>
    </del>
  );
}

/** Who changed the state, when and why. */
export function HistoryTable({ c, rows, caption }: { c: Ctx; rows: HistoryRow[]; caption: string }) {
  const { t } = c.var;
  if (rows.length === 0) return <p>{t("board.historyNone")}</p>;
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("board.colWhen")}</th>
            <th scope="col">{t("board.colChange")}</th>
            <th scope="col">{t("board.colWho")}</th>
            <th scope="col">{t("board.colWhy")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td>
                <Moment c={c} at={r.at} />
              </td>
              <td>
                {r.fromState === null
                  ? t("board.historyCreated", { state: stateLabel(c, r.toState) })
                  : t("board.historyMoved", { from: stateLabel(c, r.fromState), to: stateLabel(c, r.toState) })}
              </td>
              <td>{r.actorName ?? t("board.someone")}</td>
              <td>{r.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
