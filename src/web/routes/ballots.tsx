import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { castBallot, hasVoted, recastBallot, type RecastOutcome } from "../../commands/ballots/cast.js";
import { closeBallot } from "../../commands/ballots/close.js";
import { BallotExportError, exportBallotsFile } from "../../commands/ballots/export.js";
import { loadBallotResource, type Ballot, type BallotResource } from "../../commands/ballots/load.js";
import { openBallot } from "../../commands/ballots/open.js";
import {
  ballotOptionKeys,
  ballotOptionTexts,
  collegeLabels,
  trackersPage,
  type BallotOptionText,
} from "../../commands/ballots/options.js";
import { publishBallot } from "../../commands/ballots/publish.js";
import {
  currentOrder,
  MOVE_FIELD,
  moveOption,
  ORDER_FIELD,
  parseMove,
  parseRankForm,
  rankFieldName,
  shownOrder,
  type FormBody,
  type RankFieldProblem,
} from "../../domain/ballots/rank-form.js";
import { rankingFromOrder } from "../../domain/ballots/ranking.js";
import { formatReceipt, normaliseReceipt, normaliseTrackerQuery, trackerOf } from "../../domain/ballots/receipt.js";
import { votingWindow } from "../../domain/ballots/window.js";
import type { MessageKey } from "../../i18n/index.js";
import { formatDate, formatNumber } from "../../i18n/format.js";
import { can } from "../../policies/can.js";
import { renderError } from "../components/error-page.js";
import { ErrorSummary, Form, TextField } from "../components/form.js";
import { renderPage } from "../components/layout.js";
import { PAGE_SIZE, pageFromQuery, Pagination } from "../components/pagination.js";
import type { Ctx } from "../context.js";
import { CSRF_FIELD } from "../middleware/csrf.js";
import { islandScript } from "../islands/bundle.js";
import { route, type AnyRoute, type Loaded } from "../routing.js";
import { errorMessage, type FieldErrors } from "../validation.js";
import { actorId, formBody, ID } from "./admin/shared.js";

/** Largest ballot form accepted: a ranking of a few dozen themes fits many times over. */
export const MAX_BALLOT_BODY = 16 * 1024;
const RECEIPT_COOKIE = "lc_receipt";
const RECEIPT_FIELD = "receipt";
const MODE_FIELD = "mode";

interface BallotView {
  ballot: Ballot;
  resource: BallotResource;
}

async function loadBallot(c: Ctx): Promise<Loaded<BallotView> | null> {
  const actor = c.var.actor;
  const loaded = await loadBallotResource(
    c.var.deps.db,
    c.req.param("ballotId") ?? "",
    actor.kind === "person" ? actor.personId : null,
  );
  return loaded ? { resource: loaded.resource, data: { ballot: loaded.data, resource: loaded.resource } } : null;
}

function ballotPath(c: Ctx, ballotId: string, rest = ""): string {
  return `/${c.var.locale}/ballots/${ballotId}${rest}`;
}

function adminPath(c: Ctx, ballotId: string, rest: string): string {
  return `/${c.var.locale}/admin/ballots/${ballotId}${rest}`;
}

const STATUS_KEYS = {
  draft: "ballots.statusDraft",
  open: "ballots.statusOpen",
  closed: "ballots.statusClosed",
  published: "ballots.statusPublished",
} as const satisfies Record<Ballot["status"], MessageKey>;

const METHOD_KEYS: Record<string, MessageKey> = {
  schulze: "ballots.methodSchulze",
  "ranked-pairs": "ballots.methodRankedPairs",
  copeland: "ballots.methodCopeland",
  borda: "ballots.methodBorda",
  irv: "ballots.methodIrv",
  "stv-scottish": "ballots.methodStvScottish",
  "stv-meek": "ballots.methodStvMeek",
};

const NOTICES = {
  opened: "ballots.noticeOpened",
  closed: "ballots.noticeClosed",
  published: "ballots.noticePublished",
  recast: "ballots.noticeRecast",
} as const satisfies Record<string, MessageKey>;

const RANK_PROBLEMS: Record<RankFieldProblem, MessageKey> = {
  missing: "ballots.rankMissing",
  invalid: "ballots.rankInvalid",
  duplicate: "ballots.rankDuplicate",
};

// ---------------------------------------------------------------------------------------------
// Pieces of the ballot page

function BallotFacts({ c, ballot }: { c: Ctx; ballot: Ballot }) {
  const { t, locale } = c.var;
  return (
    <dl class="facts">
      <dt>{t("ballots.status")}</dt>
      <dd>{t(STATUS_KEYS[ballot.status])}</dd>
      {ballot.opensAt && (
        <>
          <dt>{t("ballots.opensAt")}</dt>
          <dd>{formatDate(locale, ballot.opensAt, "datetime")}</dd>
        </>
      )}
      {ballot.closesAt && (
        <>
          <dt>{t("ballots.closesAt")}</dt>
          <dd>{formatDate(locale, ballot.closesAt, "datetime")}</dd>
        </>
      )}
      <dt>{t("ballots.method")}</dt>
      <dd>{METHOD_KEYS[ballot.method] ? t(METHOD_KEYS[ballot.method]!) : ballot.method}</dd>
    </dl>
  );
}

/** The themes as a plain list, for those who cannot (or can no longer) vote. */
function OptionList({ c, options }: { c: Ctx; options: BallotOptionText[] }) {
  const { t, locale } = c.var;
  return (
    <>
      <h2>{t("ballots.themesHeading")}</h2>
      <ol class="option-list">
        {options.map((o) => (
          <li>
            <p class="rank-title" lang={o.lang && o.lang !== locale ? o.lang : undefined}>
              {o.title}
            </p>
            {o.description && (
              <p class="rank-description" lang={o.lang && o.lang !== locale ? o.lang : undefined}>
                {o.description}
              </p>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}

interface RankFormState {
  order: string[];
  /** Chosen rank per option key. */
  values: Record<string, string>;
  problems?: Record<string, RankFieldProblem>;
  receipt?: string;
}

/**
 * The ranking form: one select per theme ("rank 1 … N") in a fieldset, and move buttons that post
 * the form to /reorder to show it in a new order without voting. The island rank-ballot.ts turns it
 * into a list ordered by drag and keyboard, keeping the selects in step.
 */
function RankingForm({
  c,
  ballot,
  options,
  state,
  mode,
  errors,
}: {
  c: Ctx;
  ballot: Ballot;
  options: BallotOptionText[];
  state: RankFormState;
  mode: "cast" | "recast";
  errors?: FieldErrors | undefined;
}) {
  const { t, locale } = c.var;
  const byKey = new Map(options.map((o) => [o.key, o]));
  const total = options.length;
  const token = { title: "{title}", position: "{position}", total: "{total}" };
  const reorder = ballotPath(c, ballot.id, "/reorder");
  return (
    <form
      method="post"
      action={ballotPath(c, ballot.id, mode === "cast" ? "" : "/recast")}
      class="rank-ballot"
      id="ballot-form"
      novalidate
      data-msg-picked={t("ballots.liveMsgPicked", token)}
      data-msg-moved={t("ballots.liveMsgMoved", token)}
      data-msg-dropped={t("ballots.liveMsgDropped", token)}
      data-msg-cancelled={t("ballots.liveMsgCancelled", token)}
      data-msg-item={t("ballots.liveMsgItem", token)}
    >
      <input type="hidden" name={CSRF_FIELD} value={c.var.csrfToken} />
      <input type="hidden" name={ORDER_FIELD} value={state.order.join(",")} />
      <input type="hidden" name={MODE_FIELD} value={mode} />
      {mode === "recast" && (
        <TextField
          c={c}
          name={RECEIPT_FIELD}
          label={t("ballots.receiptLabel")}
          hint={t("ballots.receiptHint")}
          autocomplete="off"
          required
          maxlength={60}
          errors={errors}
          values={{ [RECEIPT_FIELD]: state.receipt ?? "" }}
        />
      )}
      <fieldset>
        <legend>{t("ballots.rankLegend")}</legend>
        <p class="hint" id="rank-hint">
          {t("ballots.rankHint", { total })}
        </p>
        <p class="hint" id="rank-keyboard-help" data-rank-help hidden>
          {t("ballots.keyboardHelp")}
        </p>
        <ol class="rank-list">
          {state.order.map((key, index) => {
            const option = byKey.get(key)!;
            const field = rankFieldName(key);
            const problem = state.problems?.[key];
            const errorId = problem ? `field-${field}-error` : undefined;
            const lang = option.lang && option.lang !== locale ? option.lang : undefined;
            return (
              <li
                class={problem ? "rank-item has-error" : "rank-item"}
                id={`option-${key}`}
                data-key={key}
                data-title={option.title}
              >
                <div class="rank-text">
                  <p class="rank-title" lang={lang}>
                    {option.title}
                  </p>
                  {option.description && (
                    <p class="rank-description" lang={lang}>
                      {option.description}
                    </p>
                  )}
                </div>
                <div class="field rank-field">
                  <label for={`field-${field}`}>
                    {t("ballots.rankLabel")}
                    <span class="visually-hidden">{` — ${option.title}`}</span>
                  </label>
                  {problem && (
                    <p class="error" id={errorId}>
                      {t(RANK_PROBLEMS[problem])}
                    </p>
                  )}
                  <select
                    id={`field-${field}`}
                    name={field}
                    aria-invalid={problem ? "true" : undefined}
                    aria-describedby={["rank-hint", errorId].filter(Boolean).join(" ")}
                  >
                    <option value="">{t("ballots.rankChoose")}</option>
                    {Array.from({ length: total }, (_, i) => String(i + 1)).map((rank) => (
                      <option value={rank} selected={state.values[key] === rank}>
                        {rank === "1" ? t("ballots.rankFirst") : t("ballots.rankOption", { rank })}
                      </option>
                    ))}
                  </select>
                </div>
                <div class="rank-moves">
                  <button
                    type="submit"
                    class="secondary"
                    name={MOVE_FIELD}
                    value={`up:${key}`}
                    formaction={`${reorder}#option-${key}`}
                    disabled={index === 0}
                  >
                    {t("ballots.moveUp")}
                    <span class="visually-hidden">{` — ${option.title}`}</span>
                  </button>
                  <button
                    type="submit"
                    class="secondary"
                    name={MOVE_FIELD}
                    value={`down:${key}`}
                    formaction={`${reorder}#option-${key}`}
                    disabled={index === total - 1}
                  >
                    {t("ballots.moveDown")}
                    <span class="visually-hidden">{` — ${option.title}`}</span>
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      </fieldset>
      <p class="visually-hidden" aria-live="polite" data-rank-live></p>
      <div class="actions">
        <button type="submit">{mode === "cast" ? t("ballots.castButton") : t("ballots.recastButton")}</button>
      </div>
    </form>
  );
}

/** Open, close, publish and export buttons for those who run the ballot; other pages may include it. */
export function BallotAdminActions({ c, ballot }: { c: Ctx; ballot: Pick<Ballot, "id" | "status"> }) {
  const { t } = c.var;
  const embedded = c.var.deps.database.kind === "pglite";
  return (
    <section class="admin-panel" aria-labelledby={`ballot-admin-${ballot.id}`}>
      <h2 id={`ballot-admin-${ballot.id}`}>{t("ballots.adminHeading")}</h2>
      {ballot.status === "draft" && (
        <>
          <p>{t("ballots.adminOpenIntro")}</p>
          {embedded && <p class="warning">{t("ballots.embeddedWarning")}</p>}
          <Form c={c} action={adminPath(c, ballot.id, "/open")}>
            <button type="submit">{t("ballots.openButton")}</button>
          </Form>
        </>
      )}
      {ballot.status === "open" && (
        <>
          <p>{t("ballots.adminCloseIntro")}</p>
          <Form c={c} action={adminPath(c, ballot.id, "/close")}>
            <button type="submit">{t("ballots.closeButton")}</button>
          </Form>
        </>
      )}
      {ballot.status === "closed" && (
        <>
          <p>{t("ballots.adminPublishIntro")}</p>
          <Form c={c} action={adminPath(c, ballot.id, "/publish")}>
            <button type="submit">{t("ballots.publishButton")}</button>
          </Form>
        </>
      )}
      {(ballot.status === "closed" || ballot.status === "published") && (
        <p>
          <a href={adminPath(c, ballot.id, "/export.toc")} download>
            {t("ballots.exportLink")}
          </a>{" "}
          <span class="muted">{t("ballots.exportHint")}</span>
        </p>
      )}
    </section>
  );
}

type PageStatus = 200 | 403 | 409 | 422;

interface PageState {
  errors?: FieldErrors;
  form?: RankFormState;
  recastForm?: RankFormState;
  notice?: string;
}

function noticeOf(c: Ctx): string | undefined {
  const key = c.req.query("notice");
  return key && key in NOTICES ? c.var.t(NOTICES[key as keyof typeof NOTICES]) : undefined;
}

function freshForm(options: BallotOptionText[]): RankFormState {
  return { order: options.map((o) => o.key), values: {} };
}

/** Every problem of a refused ranking, for the error summary: each links to its select. */
function rankErrors(problems: Record<string, RankFieldProblem>, unknownOptions: boolean): FieldErrors {
  const errors: FieldErrors = {};
  if (unknownOptions) errors._form = errorMessage("ballots.unknownOption");
  for (const [key, problem] of Object.entries(problems))
    errors[rankFieldName(key)] = errorMessage(RANK_PROBLEMS[problem]);
  return errors;
}

async function ballotPage(c: Ctx, view: BallotView, state: PageState = {}, status: PageStatus = 200) {
  const { t, locale, actor, deps } = c.var;
  const { ballot, resource } = view;
  const options = await ballotOptionTexts(deps.db, ballot.id, locale);
  const now = new Date();
  const window = votingWindow(ballot, now);
  const voted =
    actor.kind === "person" && resource.isElector ? await hasVoted(deps.db, ballot.id, actor.personId) : false;
  const labels: Record<string, string> = { [RECEIPT_FIELD]: t("ballots.receiptLabel") };
  for (const o of options) labels[rankFieldName(o.key)] = t("ballots.rankOf", { title: o.title });
  const canVote = can(actor, "ballot.cast", resource) && window === "taking_votes";

  let body;
  if (ballot.status === "draft") {
    body = (
      <>
        <p>{t("ballots.draftBody")}</p>
        <OptionList c={c} options={options} />
      </>
    );
  } else if (ballot.status !== "open" || window === "over") {
    body = (
      <>
        <p>{ballot.status === "published" ? t("ballots.publishedBody") : t("ballots.closedBody")}</p>
        <OptionList c={c} options={options} />
      </>
    );
  } else if (window === "not_yet") {
    body = (
      <>
        <p>{t("ballots.notYetBody", { date: formatDate(locale, ballot.opensAt!, "datetime") })}</p>
        <OptionList c={c} options={options} />
      </>
    );
  } else if (actor.kind === "visitor") {
    body = (
      <>
        <p>
          <a href={`/${locale}/sign-in?next=${encodeURIComponent(ballotPath(c, ballot.id))}`}>
            {t("ballots.signInToVote")}
          </a>
        </p>
        <OptionList c={c} options={options} />
      </>
    );
  } else if (!resource.isElector) {
    const rule = ballot.electorate;
    const admitted = await collegeLabels(deps.db, rule.organisationIds, rule.collegeKeys, locale);
    body = (
      <>
        <h2>{t("ballots.notElectorHeading")}</h2>
        <p>{t("ballots.notElectorBody")}</p>
        {(rule.shareholdersOnly || rule.collegeKeys.length > 0) && (
          <ul>
            {rule.shareholdersOnly && <li>{t("ballots.ruleShareholders")}</li>}
            {rule.collegeKeys.length > 0 && <li>{t("ballots.ruleColleges", { colleges: admitted.join(", ") })}</li>}
          </ul>
        )}
        <p>{t("ballots.notElectorContact")}</p>
        <OptionList c={c} options={options} />
      </>
    );
  } else if (!voted) {
    body = (
      <>
        <p>{t("ballots.castIntro")}</p>
        <RankingForm
          c={c}
          ballot={ballot}
          options={options}
          state={state.form ?? freshForm(options)}
          mode="cast"
          errors={state.errors}
        />
      </>
    );
  } else {
    body = (
      <>
        <p class="notice">{t("ballots.votedBody")}</p>
        {ballot.allowRecast ? (
          <>
            <h2>{t("ballots.recastHeading")}</h2>
            <p>{t("ballots.recastIntro")}</p>
            <RankingForm
              c={c}
              ballot={ballot}
              options={options}
              state={state.recastForm ?? freshForm(options)}
              mode="recast"
              errors={state.errors}
            />
          </>
        ) : (
          <p>{t("ballots.noRecast")}</p>
        )}
      </>
    );
  }

  return renderPage(
    c,
    {
      title: ballot.title,
      notice: state.notice ?? noticeOf(c),
      scripts: canVote ? [islandScript("rank-ballot")] : [],
      children: (
        <>
          <h1>{ballot.title}</h1>
          <ErrorSummary c={c} errors={state.errors} labels={labels} />
          <BallotFacts c={c} ballot={ballot} />
          {body}
          {ballot.status !== "draft" && (
            <p>
              <a href={ballotPath(c, ballot.id, "/board")}>{t("ballots.boardLink")}</a>
            </p>
          )}
          {can(actor, "ballot.view_results", resource) && (
            <p>
              <a href={ballotPath(c, ballot.id, "/results")}>{t("ballots.resultsLink")}</a>
            </p>
          )}
          {can(actor, "ballot.manage", resource) && <BallotAdminActions c={c} ballot={ballot} />}
        </>
      ),
    },
    status,
  );
}

// ---------------------------------------------------------------------------------------------
// Casting, recasting, reordering

function personOf(c: Ctx): string {
  return actorId(c);
}

function setReceiptCookie(c: Ctx, ballotId: string, receipt: string) {
  setCookie(c, RECEIPT_COOKIE, `${ballotId}.${normaliseReceipt(receipt)}`, {
    path: `/${c.var.locale}/ballots/${ballotId}/receipt`,
    httpOnly: true,
    sameSite: "Strict",
    secure: c.var.deps.env.baseUrl.startsWith("https://"),
    maxAge: 15 * 60,
  });
}

/** The option keys in ballot order, for reading a posted form (from memory once the ballot is open). */
async function optionKeys(c: Ctx, ballotId: string): Promise<readonly string[]> {
  return (await ballotOptionKeys(c.var.deps.db, ballotId))?.keys ?? [];
}

function refusal(key: MessageKey): FieldErrors {
  return { _form: errorMessage(key) };
}

async function handleCast(c: Ctx, view: BallotView) {
  const { ballot } = view;
  const body = (await formBody(c)) as FormBody;
  const keys = await optionKeys(c, ballot.id);
  const parsed = parseRankForm(body, keys);
  if (!parsed.ok) {
    const form = { order: shownOrder(body, keys), values: parsed.values, problems: parsed.problems };
    return ballotPage(c, view, { errors: rankErrors(parsed.problems, parsed.unknownOptions), form }, 422);
  }
  const outcome = await castBallot(c.var.deps.db, {
    ballotId: ballot.id,
    personId: personOf(c),
    ranking: rankingFromOrder(parsed.order),
  });
  if (outcome.ok) {
    setReceiptCookie(c, ballot.id, outcome.receipt);
    return c.redirect(ballotPath(c, ballot.id, "/receipt"), 303);
  }
  const form = { order: parsed.order, values: Object.fromEntries(parsed.order.map((k, i) => [k, String(i + 1)])) };
  switch (outcome.reason) {
    case "not_open":
      return ballotPage(c, view, { errors: refusal("ballots.notTakingVotes"), form }, 409);
    case "already_voted":
      return ballotPage(c, view, { errors: refusal("ballots.alreadyVoted") }, 409);
    case "invalid_ranking":
      return ballotPage(c, view, { errors: refusal("ballots.invalidRanking"), form }, 422);
    case "not_elector":
      return renderError(c, "forbidden");
  }
}

const RECAST_REFUSALS: Record<
  Exclude<RecastOutcome, { ok: true }>["reason"],
  { key: MessageKey; status: PageStatus; field?: string }
> = {
  not_open: { key: "ballots.notTakingVotes", status: 409 },
  not_elector: { key: "ballots.notElectorHeading", status: 403 },
  not_voted: { key: "ballots.notVotedYet", status: 409 },
  recast_not_allowed: { key: "ballots.noRecast", status: 409 },
  wrong_receipt: { key: "ballots.wrongReceipt", status: 422, field: RECEIPT_FIELD },
  invalid_ranking: { key: "ballots.invalidRanking", status: 422 },
};

async function handleRecast(c: Ctx, view: BallotView) {
  const { ballot } = view;
  const body = (await formBody(c)) as FormBody;
  const keys = await optionKeys(c, ballot.id);
  const receipt = typeof body[RECEIPT_FIELD] === "string" ? body[RECEIPT_FIELD].trim().slice(0, 60) : "";
  const parsed = parseRankForm(body, keys);
  const errors: FieldErrors = parsed.ok ? {} : rankErrors(parsed.problems, parsed.unknownOptions);
  if (receipt === "") errors[RECEIPT_FIELD] = errorMessage("ballots.receiptRequired");
  else if (!normaliseReceipt(receipt)) errors[RECEIPT_FIELD] = errorMessage("ballots.receiptMalformed");
  if (!parsed.ok || Object.keys(errors).length > 0) {
    const recastForm = parsed.ok
      ? { order: parsed.order, values: Object.fromEntries(parsed.order.map((k, i) => [k, String(i + 1)])), receipt }
      : { order: shownOrder(body, keys), values: parsed.values, problems: parsed.problems, receipt };
    return ballotPage(c, view, { errors, recastForm }, 422);
  }
  const outcome = await recastBallot(c.var.deps.db, {
    ballotId: ballot.id,
    personId: personOf(c),
    receipt,
    ranking: rankingFromOrder(parsed.order),
  });
  if (outcome.ok) return c.redirect(ballotPath(c, ballot.id, "?notice=recast"), 303);
  const refusal = RECAST_REFUSALS[outcome.reason];
  const recastForm = {
    order: parsed.order,
    values: Object.fromEntries(parsed.order.map((k, i) => [k, String(i + 1)])),
    receipt,
  };
  return ballotPage(
    c,
    view,
    { errors: { [refusal.field ?? "_form"]: errorMessage(refusal.key) }, recastForm },
    refusal.status,
  );
}

/** A move button: the form comes back in the new order, nothing is cast. */
async function handleReorder(c: Ctx, view: BallotView) {
  const { t, locale } = c.var;
  const body = (await formBody(c)) as FormBody;
  const options = await ballotOptionTexts(c.var.deps.db, view.ballot.id, locale);
  const keys = options.map((o) => o.key);
  const move = parseMove(body[MOVE_FIELD]);
  const order = move ? moveOption(currentOrder(body, keys), move.key, move.direction) : currentOrder(body, keys);
  const form: RankFormState = {
    order,
    values: Object.fromEntries(order.map((k, i) => [k, String(i + 1)])),
    receipt: typeof body[RECEIPT_FIELD] === "string" ? body[RECEIPT_FIELD].slice(0, 60) : "",
  };
  const moved = move ? options.find((o) => o.key === move.key) : undefined;
  const notice = moved
    ? t("ballots.movedNotice", { title: moved.title, position: order.indexOf(moved.key) + 1, total: order.length })
    : undefined;
  const state: PageState = body[MODE_FIELD] === "recast" ? { recastForm: form } : { form };
  if (notice) state.notice = notice;
  return ballotPage(c, view, state);
}

// ---------------------------------------------------------------------------------------------
// Receipt and bulletin board

async function receiptPage(c: Ctx, view: BallotView) {
  const { t, locale } = c.var;
  const { ballot } = view;
  const cookie = getCookie(c, RECEIPT_COOKIE) ?? "";
  const [id, code] = cookie.split(".", 2);
  const canonical = id === ballot.id && code ? normaliseReceipt(code) : null;
  // Shown once: the cookie is gone after this page.
  deleteCookie(c, RECEIPT_COOKIE, { path: `/${locale}/ballots/${ballot.id}/receipt` });
  if (!canonical) {
    return renderPage(c, {
      title: t("ballots.receiptGoneTitle"),
      children: (
        <>
          <h1>{t("ballots.receiptGoneTitle")}</h1>
          <p>{t("ballots.receiptGoneBody")}</p>
          <p>
            <a href={ballotPath(c, ballot.id)}>{t("ballots.backToBallot")}</a>
          </p>
        </>
      ),
    });
  }
  const tracker = trackerOf(canonical);
  return renderPage(c, {
    title: t("ballots.receiptTitle"),
    children: (
      <>
        <h1>{t("ballots.receiptTitle")}</h1>
        <p class="notice">{t("ballots.receiptRecorded", { title: ballot.title })}</p>
        <h2>{t("ballots.receiptCodeHeading")}</h2>
        <p class="receipt-code">{formatReceipt(canonical)}</p>
        <p>
          <strong>{t("ballots.receiptKeep")}</strong>
        </p>
        <ul>
          <li>{t("ballots.receiptUseBoard")}</li>
          {ballot.allowRecast && <li>{t("ballots.receiptUseRecast")}</li>}
          <li>{t("ballots.receiptSecret")}</li>
        </ul>
        <h2>{t("ballots.trackerHeading")}</h2>
        <p class="tracker">{tracker}</p>
        <p>{t("ballots.trackerExplain")}</p>
        <p>
          <a href={`${ballotPath(c, ballot.id, "/board")}?q=${tracker.slice(0, 12)}`}>{t("ballots.findOnBoard")}</a>
        </p>
        <p>
          <a href={ballotPath(c, ballot.id)}>{t("ballots.backToBallot")}</a>
        </p>
      </>
    ),
  });
}

async function boardPage(c: Ctx, view: BallotView) {
  const { t, locale } = c.var;
  const { ballot } = view;
  const rawQuery = (c.req.query("q") ?? "").slice(0, 100);
  const prefix = normaliseTrackerQuery(rawQuery);
  const page = pageFromQuery(c.req.query("page"));
  const { total, matching, trackers } = await trackersPage(c.var.deps.db, ballot.id, {
    prefix,
    offset: (page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
  const title = t("ballots.boardTitle", { title: ballot.title });
  const searched = rawQuery.trim() !== "";
  return renderPage(c, {
    title,
    children: (
      <>
        <p class="breadcrumb">
          <a href={ballotPath(c, ballot.id)}>{ballot.title}</a>
        </p>
        <h1>{title}</h1>
        <p>{t("ballots.boardIntro")}</p>
        <p>{t("ballots.boardCount", { count: formatNumber(locale, total) })}</p>
        <form method="get" action={ballotPath(c, ballot.id, "/board")} role="search">
          <TextField
            c={c}
            name="q"
            type="search"
            label={t("ballots.boardSearchLabel")}
            hint={t("ballots.boardSearchHint")}
            values={{ q: rawQuery }}
            maxlength={100}
          />
          <div class="actions">
            <button type="submit">{t("ballots.boardSearchButton")}</button>
          </div>
        </form>
        {searched && (
          <p role="status" class={matching > 0 ? "notice" : "warning"}>
            {prefix === ""
              ? t("ballots.boardSearchInvalid")
              : matching > 0
                ? t("ballots.boardFound", { count: formatNumber(locale, matching) })
                : t("ballots.boardNotFound")}
          </p>
        )}
        {trackers.length > 0 && (
          <>
            <h2 id="trackers-heading">{searched ? t("ballots.boardMatchesHeading") : t("ballots.boardListHeading")}</h2>
            <ol class="trackers" start={(page - 1) * PAGE_SIZE + 1} aria-labelledby="trackers-heading">
              {trackers.map((tracker) => (
                <li>
                  <code>{tracker}</code>
                </li>
              ))}
            </ol>
          </>
        )}
        <Pagination c={c} page={page} total={searched ? matching : total} />
      </>
    ),
  });
}

// ---------------------------------------------------------------------------------------------
// Administration

const ADMIN_REFUSALS: Record<string, MessageKey> = {
  not_draft: "ballots.refusedNotDraft",
  no_options: "ballots.refusedNoOptions",
  no_electors: "ballots.refusedNoElectors",
  not_open: "ballots.refusedNotOpen",
  not_closed: "ballots.refusedNotClosed",
};

async function adminAction(c: Ctx, view: BallotView, action: "open" | "close" | "publish") {
  const { db } = c.var.deps;
  const opts = { actorId: actorId(c) };
  const id = view.ballot.id;
  const outcome =
    action === "open"
      ? await openBallot(db, id, opts)
      : action === "close"
        ? await closeBallot(db, id, opts)
        : await publishBallot(db, id, opts);
  if (outcome.ok) {
    const notice = action === "open" ? "opened" : action === "close" ? "closed" : "published";
    return c.redirect(ballotPath(c, id, `?notice=${notice}`), 303);
  }
  if (outcome.reason === "not_found") return renderError(c, "notFound");
  const reloaded = await loadBallot(c);
  if (!reloaded) return renderError(c, "notFound");
  return ballotPage(
    c,
    reloaded.data,
    { errors: refusal(ADMIN_REFUSALS[outcome.reason] ?? "ballots.refusedNotOpen") },
    409,
  );
}

async function exportFile(c: Ctx, view: BallotView) {
  const { ballot } = view;
  try {
    // Before publication only those who run the ballot can read it: each download is audited.
    const audit =
      ballot.status === "closed"
        ? { audit: { actorId: c.var.actor.kind === "person" ? c.var.actor.personId : null } }
        : {};
    const file = await exportBallotsFile(c.var.deps.db, ballot.id, audit);
    c.header("Cache-Control", "no-store");
    c.header("Content-Disposition", `attachment; filename="${file.fileName}"`);
    c.header("X-Content-Type-Options", "nosniff");
    return c.body(file.text, 200, { "Content-Type": "text/plain; charset=utf-8" });
  } catch (error) {
    if (error instanceof BallotExportError)
      return renderError(c, error.reason === "not_found" ? "notFound" : "forbidden");
    throw error;
  }
}

const BALLOT = `/ballots/:ballotId${ID}`;
const ADMIN_BALLOT = `/admin/ballots/:ballotId${ID}`;

export const ballotsRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: BALLOT,
    action: "ballot.view",
    load: loadBallot,
    handler: (c, view) => ballotPage(c, view),
  }),
  route({
    method: "POST",
    path: BALLOT,
    action: "ballot.cast",
    load: loadBallot,
    maxBody: MAX_BALLOT_BODY,
    handler: handleCast,
  }),
  route({
    method: "POST",
    path: `${BALLOT}/recast`,
    action: "ballot.cast",
    load: loadBallot,
    maxBody: MAX_BALLOT_BODY,
    handler: handleRecast,
  }),
  route({
    method: "POST",
    path: `${BALLOT}/reorder`,
    action: "ballot.cast",
    load: loadBallot,
    maxBody: MAX_BALLOT_BODY,
    handler: handleReorder,
  }),
  route({ method: "GET", path: `${BALLOT}/receipt`, action: "ballot.view", load: loadBallot, handler: receiptPage }),
  route({ method: "GET", path: `${BALLOT}/board`, action: "ballot.view", load: loadBallot, handler: boardPage }),
  route({
    method: "POST",
    path: `${ADMIN_BALLOT}/open`,
    action: "ballot.manage",
    load: loadBallot,
    maxBody: MAX_BALLOT_BODY,
    handler: (c, view) => adminAction(c, view, "open"),
  }),
  route({
    method: "POST",
    path: `${ADMIN_BALLOT}/close`,
    action: "ballot.manage",
    load: loadBallot,
    maxBody: MAX_BALLOT_BODY,
    handler: (c, view) => adminAction(c, view, "close"),
  }),
  route({
    method: "POST",
    path: `${ADMIN_BALLOT}/publish`,
    action: "ballot.manage",
    load: loadBallot,
    maxBody: MAX_BALLOT_BODY,
    handler: (c, view) => adminAction(c, view, "publish"),
  }),
  route({
    method: "GET",
    path: `${ADMIN_BALLOT}/export.toc`,
    action: "ballot.view_results",
    load: loadBallot,
    handler: exportFile,
  }),
];
