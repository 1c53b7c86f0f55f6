import { z } from "zod";
import {
  addBoardNote,
  conflictsBySection,
  decideAmendment,
  decideRecommendation,
  mergeAcceptedAmendments,
  proposeAmendment,
  returnToGroup,
  sectionVersion,
  asAmendment,
  type InstructRefusal,
} from "../../../commands/board/instruct.js";
import type { AmendmentContext, BoardContext, RecommendationVersion } from "../../../commands/board/load.js";
import {
  findDecision,
  findVersionByNumber,
  historyOf,
  listAmendments,
  listNotes,
  listVersions,
  mergeTargets,
  versionsById,
  type AmendmentView,
} from "../../../commands/board/read.js";
import { findCycleById } from "../../../commands/cycles/read.js";
import { BOARD_DECISIONS, RECOMMENDATION_SECTIONS, type RecommendationSection } from "../../../db/schema/index.js";
import { diffAmendment, type AmendmentProblem } from "../../../domain/recommendations/amendments.js";
import { numberLines } from "../../../domain/recommendations/line-numbers.js";
import type { MessageKey } from "../../../i18n/index.js";
import { can } from "../../../policies/can.js";
import { ErrorSummary, Form, SelectField, SubmitButton, TextAreaField, TextField } from "../../components/form.js";
import { renderPage } from "../../components/layout.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute } from "../../routing.js";
import { errorMessage, field, parseForm, type FieldErrors } from "../../validation.js";
import { formBody, Moment, textValues } from "../cycles/shared.js";
import { groupTitle } from "../groups/shared.js";
import {
  actorId,
  amendmentPath,
  DECISION_LABEL,
  DiffRun,
  HistoryTable,
  ID,
  instructPath,
  loadAmendment,
  loadRecommendation,
  noticeOf,
  queuePath,
  recommendationPath,
  SECTION_LABEL,
  stateLabel,
} from "./shared.js";

const TEXT_MAX = 5000;
const REPLACEMENT_MAX = 20_000;

const AMENDMENT_PROBLEM: Record<AmendmentProblem, MessageKey> = {
  otherVersion: "board.amendOtherVersion",
  otherLineLength: "board.amendOtherVersion",
  notALineNumber: "board.amendNotALine",
  reversedRange: "board.amendReversed",
  beyondLastLine: "board.amendBeyond",
  replacementTooLong: "board.amendTooLong",
};

const REFUSAL: Record<InstructRefusal, MessageKey> = {
  stateChanged: "board.refusedStateChanged",
  noVersion: "board.refusedNoVersion",
  versionChanged: "board.refusedVersionChanged",
};

type FormName = "note" | "amendment" | "merge" | "decision" | "return";

interface PageState {
  form?: FormName;
  values?: Record<string, string>;
  errors?: FieldErrors;
}

function labels(c: Ctx): Record<string, string> {
  const { t } = c.var;
  return {
    noteBody: t("board.fieldNote"),
    section: t("board.fieldSection"),
    fromLine: t("board.fieldFromLine"),
    toLine: t("board.fieldToLine"),
    replacement: t("board.fieldReplacement"),
    amendReason: t("board.fieldAmendReason"),
    decision: t("board.fieldDecision"),
    mergedInto: t("board.fieldMergedInto"),
    reasons: t("board.fieldReasons"),
    returnReason: t("board.fieldReturnReason"),
  };
}

function canInstruct(c: Ctx, context: BoardContext): boolean {
  return can(c.var.actor, "recommendation.instruct", {
    type: "recommendation",
    group: context.facts,
    phase: context.phase,
  });
}

/** One section of a version with its line numbers, as amendments refer to them. */
function NumberedSection({
  c,
  version,
  section,
}: {
  c: Ctx;
  version: RecommendationVersion;
  section: RecommendationSection;
}) {
  const { t } = c.var;
  const text = version.sections[section] ?? "";
  const numbering = numberLines(text, version.lineLength);
  const id = `section-${section}`;
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{t(SECTION_LABEL[section])}</h3>
      {numbering.lines.length === 0 ? (
        <p>{t("board.sectionEmpty")}</p>
      ) : (
        <ol
          class="numbered-lines document-text"
          aria-label={t("board.linesOf", { section: t(SECTION_LABEL[section]) })}
        >
          {numbering.lines.map((line) => (
            <li value={line.number} class={line.break === "paragraph" ? "paragraph-end" : undefined}>
              {line.text}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function statusText(c: Ctx, a: AmendmentView): string {
  const { t } = c.var;
  switch (a.status) {
    case "proposed":
      return t("board.statusProposed");
    case "accepted":
      return t("board.statusAccepted", { name: a.deciderName ?? t("board.someone") });
    case "rejected":
      return t("board.statusRejected", { name: a.deciderName ?? t("board.someone") });
    case "merged":
      return t("board.statusMerged");
  }
}

function AmendmentItem({
  c,
  context,
  amendment,
  version,
  conflictsWith,
  instruct,
}: {
  c: Ctx;
  context: BoardContext;
  amendment: AmendmentView;
  version: RecommendationVersion | undefined;
  conflictsWith: number[];
  instruct: boolean;
}) {
  const { t } = c.var;
  const diff = version ? diffAmendment(sectionVersion(version, amendment.section), asAmendment(amendment)) : null;
  const current = context.current?.id === amendment.versionId;
  const headingId = `amendment-${amendment.id}`;
  return (
    <li>
      <article aria-labelledby={headingId}>
        <h3 id={headingId}>
          {t("board.amendmentHeading", {
            section: t(SECTION_LABEL[amendment.section]),
            from: amendment.fromLine,
            to: amendment.toLine,
            version: amendment.versionNumber,
          })}
        </h3>
        <dl class="facts">
          <dt>{t("board.colStatus")}</dt>
          <dd>
            {statusText(c, amendment)}
            {amendment.decidedAt && (
              <>
                {" "}
                <Moment c={c} at={amendment.decidedAt} />
              </>
            )}
          </dd>
          <dt>{t("board.colProposedBy")}</dt>
          <dd>
            {amendment.authorName ?? t("board.someone")}, <Moment c={c} at={amendment.createdAt} />
          </dd>
          {amendment.reason !== "" && (
            <>
              <dt>{t("board.fieldAmendReason")}</dt>
              <dd>{amendment.reason}</dd>
            </>
          )}
        </dl>
        {conflictsWith.length > 0 && (
          <p class="warning">{t("board.conflictWarning", { others: conflictsWith.join(", ") })}</p>
        )}
        {!current && amendment.status === "proposed" && <p class="warning">{t("board.amendmentOld")}</p>}
        {diff?.ok ? (
          <>
            <p class="hint">{t("board.diffLegend")}</p>
            <p class="document-text diff">
              {diff.parts.map((part) => (
                <DiffRun c={c} part={part} />
              ))}
            </p>
          </>
        ) : (
          <p>
            {t("board.replacementIs")} {amendment.replacement === "" ? t("board.deletion") : amendment.replacement}
          </p>
        )}
        {instruct && amendment.status === "proposed" && (
          <div class="button-row">
            {current && (
              <Form c={c} action={amendmentPath(c, amendment.id, "/accept")}>
                <button type="submit">{t("board.accept", { number: amendment.fromLine })}</button>
              </Form>
            )}
            <Form c={c} action={amendmentPath(c, amendment.id, "/reject")}>
              <button type="submit" class="secondary">
                {t("board.reject", { number: amendment.fromLine })}
              </button>
            </Form>
          </div>
        )}
      </article>
    </li>
  );
}

async function instructPage(c: Ctx, context: BoardContext, state: PageState = {}, status: 200 | 404 | 409 | 422 = 200) {
  const { t } = c.var;
  const db = c.var.deps.db;
  const rec = context.recommendation;
  const [group, cycle, versions, notes, amendments, decision, history, targets] = await Promise.all([
    groupTitle(c, context),
    findCycleById(db, rec.cycleId),
    listVersions(db, rec.id),
    listNotes(db, rec.id),
    listAmendments(db, rec.id),
    findDecision(db, rec.id),
    historyOf(db, "recommendation", rec.id),
    mergeTargets(db, rec.cycleId, rec.id),
  ]);
  const current = context.current;
  const asked = Number(c.req.query("version"));
  const shown =
    Number.isSafeInteger(asked) && asked > 0 && asked !== current?.number
      ? ((await findVersionByNumber(db, rec.id, asked)) ?? current)
      : current;
  const versionMap = await versionsById(db, [...new Set(amendments.map((a) => a.versionId))]);
  const open = amendments.filter(
    (a) => (a.status === "proposed" || a.status === "accepted") && a.versionId === current?.id,
  );
  const conflicts = conflictsBySection(open);
  const numberOf = new Map(amendments.map((a, i) => [a.id, i + 1]));
  const conflictsOf = (id: string) =>
    conflicts
      .flatMap((k) => (k.first.id === id ? [k.second.id] : k.second.id === id ? [k.first.id] : []))
      .map((other) => numberOf.get(other) ?? 0);
  const accepted = open.filter((a) => a.status === "accepted");
  const instruct = canInstruct(c, context);
  const title = t("board.instructTitle", { number: rec.number, title: current?.title ?? "" });
  const values = state.values ?? {};
  const errorsOf = (form: FormName) => (state.form === form ? state.errors : undefined);
  const valuesOf = (form: FormName, defaults: Record<string, string> = {}) => (state.form === form ? values : defaults);
  return renderPage(
    c,
    {
      title,
      notice: status === 200 ? noticeOf(c) : undefined,
      children: (
        <>
          <h1>{title}</h1>
          <ErrorSummary c={c} errors={state.errors} labels={labels(c)} />
          <dl class="facts">
            <dt>{t("board.groupLabel")}</dt>
            <dd>{group.value.title}</dd>
            <dt>{t("board.colState")}</dt>
            <dd>{stateLabel(c, rec.state)}</dd>
            <dt>{t("board.currentVersion")}</dt>
            <dd>
              {current
                ? t(current.origin === "amended" ? "board.versionAmended" : "board.versionSubmitted", {
                    number: current.number,
                  })
                : t("board.noVersion")}
            </dd>
            {decision && (
              <>
                <dt>{t("board.colDecision")}</dt>
                <dd>
                  {t(DECISION_LABEL[decision.decision])}
                  {decision.mergedInto && <> ({t("board.mergedIntoNumber", { number: decision.mergedInto.number })})</>}
                  {" — "}
                  {decision.reasons}
                </dd>
              </>
            )}
          </dl>
          <ul>
            {cycle && (
              <li>
                <a href={queuePath(c, cycle.slug)}>{t("board.backToQueue")}</a>
              </li>
            )}
            <li>
              <a href={recommendationPath(c, rec.id)}>{t("board.publicPage")}</a>
            </li>
          </ul>

          <h2>{t("board.textTitle")}</h2>
          {versions.length > 1 && (
            <form method="get" action={instructPath(c, rec.id)}>
              <SelectField
                c={c}
                name="version"
                label={t("board.showVersion")}
                values={{ version: String(shown?.number ?? "") }}
                options={versions.map((v) => ({
                  value: String(v.number),
                  label: t(v.origin === "amended" ? "board.versionAmended" : "board.versionSubmitted", {
                    number: v.number,
                  }),
                }))}
              />
              <SubmitButton label={t("board.showVersionSubmit")} />
            </form>
          )}
          {shown ? (
            <>
              <p class="hint">
                {t("board.linesHint", { number: shown.number, length: shown.lineLength })}
                {shown.id !== current?.id && <> {t("board.notCurrentHint")}</>}
              </p>
              {RECOMMENDATION_SECTIONS.map((s) => (
                <NumberedSection c={c} version={shown} section={s} />
              ))}
            </>
          ) : (
            <p>{t("board.noVersion")}</p>
          )}

          <h2>{t("board.amendmentsTitle")}</h2>
          {amendments.length === 0 ? (
            <p>{t("board.amendmentsNone")}</p>
          ) : (
            <ol class="amendments">
              {amendments.map((a) => (
                <AmendmentItem
                  c={c}
                  context={context}
                  amendment={a}
                  version={versionMap.get(a.versionId)}
                  conflictsWith={conflictsOf(a.id)}
                  instruct={instruct}
                />
              ))}
            </ol>
          )}
          {conflicts.length > 0 && (
            <div class="warning" role="note">
              <h3>{t("board.conflictsTitle")}</h3>
              <ul>
                {conflicts.map((k) => (
                  <li>
                    {t("board.conflictLine", {
                      first: numberOf.get(k.first.id) ?? 0,
                      second: numberOf.get(k.second.id) ?? 0,
                      section: t(SECTION_LABEL[k.first.section]),
                      from: k.fromLine,
                      to: k.toLine,
                    })}
                  </li>
                ))}
              </ul>
            </div>
          )}

          {instruct && current && (
            <>
              <h2>{t("board.mergeTitle")}</h2>
              <p>{t("board.mergeLead", { count: accepted.length })}</p>
              <Form c={c} action={instructPath(c, rec.id, "/merge")}>
                <SubmitButton label={t("board.mergeSubmit")} />
              </Form>

              <h2>{t("board.proposeTitle")}</h2>
              <Form c={c} action={instructPath(c, rec.id, "/amendments")}>
                <input type="hidden" name="versionId" value={valuesOf("amendment").versionId ?? current.id} />
                <p class="hint">{t("board.proposeHint", { number: current.number })}</p>
                <SelectField
                  c={c}
                  name="section"
                  label={t("board.fieldSection")}
                  required
                  errors={errorsOf("amendment")}
                  values={valuesOf("amendment")}
                  options={RECOMMENDATION_SECTIONS.map((s) => ({ value: s, label: t(SECTION_LABEL[s]) }))}
                />
                <TextField
                  c={c}
                  name="fromLine"
                  label={t("board.fieldFromLine")}
                  inputmode="numeric"
                  required
                  errors={errorsOf("amendment")}
                  values={valuesOf("amendment")}
                />
                <TextField
                  c={c}
                  name="toLine"
                  label={t("board.fieldToLine")}
                  inputmode="numeric"
                  required
                  errors={errorsOf("amendment")}
                  values={valuesOf("amendment")}
                />
                <TextAreaField
                  c={c}
                  name="replacement"
                  label={t("board.fieldReplacement")}
                  hint={t("board.replacementHint")}
                  maxlength={REPLACEMENT_MAX}
                  rows={5}
                  errors={errorsOf("amendment")}
                  values={valuesOf("amendment")}
                />
                <TextAreaField
                  c={c}
                  name="amendReason"
                  label={t("board.fieldAmendReason")}
                  maxlength={TEXT_MAX}
                  rows={3}
                  errors={errorsOf("amendment")}
                  values={valuesOf("amendment")}
                />
                <SubmitButton label={t("board.proposeSubmit")} />
              </Form>
            </>
          )}

          <h2>{t("board.notesTitle")}</h2>
          {notes.length === 0 ? (
            <p>{t("board.notesNone")}</p>
          ) : (
            <ul class="notes">
              {notes.map((n) => (
                <li>
                  <p>
                    <strong>{n.authorName ?? t("board.someone")}</strong>, <Moment c={c} at={n.createdAt} />
                  </p>
                  <p>{n.body}</p>
                </li>
              ))}
            </ul>
          )}
          {instruct && (
            <Form c={c} action={instructPath(c, rec.id, "/notes")}>
              <TextAreaField
                c={c}
                name="noteBody"
                label={t("board.fieldNote")}
                maxlength={TEXT_MAX}
                rows={3}
                errors={errorsOf("note")}
                values={valuesOf("note")}
              />
              <SubmitButton label={t("board.noteSubmit")} />
            </Form>
          )}

          {instruct && (
            <>
              <h2>{t("board.decisionTitle")}</h2>
              <p>{t("board.decisionLead")}</p>
              <Form c={c} action={instructPath(c, rec.id, "/decision")}>
                <SelectField
                  c={c}
                  name="decision"
                  label={t("board.fieldDecision")}
                  required
                  emptyLabel={t("board.chooseDecision")}
                  errors={errorsOf("decision")}
                  values={valuesOf("decision")}
                  options={BOARD_DECISIONS.map((d) => ({ value: d, label: t(DECISION_LABEL[d]) }))}
                />
                <SelectField
                  c={c}
                  name="mergedInto"
                  label={t("board.fieldMergedInto")}
                  hint={t("board.mergedIntoHint")}
                  emptyLabel={t("board.noMergeTarget")}
                  errors={errorsOf("decision")}
                  values={valuesOf("decision")}
                  options={targets.map((r) => ({
                    value: r.id,
                    label: t("board.recommendationLabel", { number: r.number, title: r.title }),
                  }))}
                />
                <TextAreaField
                  c={c}
                  name="reasons"
                  label={t("board.fieldReasons")}
                  hint={t("board.reasonsHint")}
                  maxlength={TEXT_MAX}
                  rows={4}
                  errors={errorsOf("decision")}
                  values={valuesOf("decision")}
                />
                <SubmitButton label={t("board.decisionSubmit")} />
              </Form>

              <h2>{t("board.returnTitle")}</h2>
              <Form c={c} action={instructPath(c, rec.id, "/return")}>
                <TextAreaField
                  c={c}
                  name="returnReason"
                  label={t("board.fieldReturnReason")}
                  maxlength={TEXT_MAX}
                  rows={3}
                  errors={errorsOf("return")}
                  values={valuesOf("return")}
                />
                <SubmitButton label={t("board.returnSubmit")} />
              </Form>
            </>
          )}

          <h2>{t("board.historyTitle")}</h2>
          <HistoryTable c={c} rows={history} caption={t("board.historyCaption")} />
        </>
      ),
    },
    status,
  );
}

const noteSchema = z.object({ noteBody: field.text(TEXT_MAX) });

const lineNumber = z
  .string({ error: errorMessage("errors.required") })
  .trim()
  .min(1, { error: errorMessage("errors.required") })
  .regex(/^\d{1,9}$/, { error: errorMessage("board.amendNotALine") })
  .transform(Number)
  .refine((n) => n >= 1, { error: errorMessage("board.amendNotALine") });

const amendmentSchema = z.object({
  versionId: z
    .string()
    .optional()
    .transform((v) => v ?? ""),
  section: field.choice(RECOMMENDATION_SECTIONS),
  fromLine: lineNumber,
  toLine: lineNumber,
  replacement: z
    .string()
    .max(REPLACEMENT_MAX, { error: errorMessage("errors.tooLong", { max: REPLACEMENT_MAX }) })
    .optional()
    .transform((v) => v ?? ""),
  amendReason: field.optionalText(TEXT_MAX),
});

const decisionSchema = z.object({
  decision: field.choice(BOARD_DECISIONS),
  mergedInto: z
    .string()
    .optional()
    .transform((v) => v ?? ""),
  reasons: field.text(TEXT_MAX),
});

const returnSchema = z.object({ returnReason: field.optionalText(TEXT_MAX) });

/** A refusal of the command: the page again, with the reason at the top. */
function refused(c: Ctx, context: BoardContext, form: FormName, values: Record<string, string>, key: MessageKey) {
  return instructPage(c, context, { form, values, errors: { _form: errorMessage(key) } }, 409);
}

export const instructRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: `/board/recommendations/:submittedId${ID}`,
    action: "recommendation.view_board",
    load: loadRecommendation,
    handler: (c, context) => instructPage(c, context),
  }),
  route({
    method: "POST",
    path: `/board/recommendations/:submittedId${ID}/notes`,
    action: "recommendation.instruct",
    load: loadRecommendation,
    async handler(c, context) {
      const body = await formBody(c);
      const form = parseForm(noteSchema, body);
      if (!form.ok) return instructPage(c, context, { form: "note", values: form.values, errors: form.errors }, 422);
      const done = await addBoardNote(c.var.deps.db, actorId(c), context, form.data.noteBody);
      if (!done.ok) return refused(c, context, "note", textValues(body), REFUSAL[done.reason]);
      return c.redirect(`${instructPath(c, context.recommendation.id)}?done=note`, 303);
    },
  }),
  route({
    method: "POST",
    path: `/board/recommendations/:submittedId${ID}/amendments`,
    action: "recommendation.instruct",
    load: loadRecommendation,
    async handler(c, context) {
      const body = await formBody(c);
      const values = textValues(body);
      const form = parseForm(amendmentSchema, body);
      if (!form.ok) return instructPage(c, context, { form: "amendment", values, errors: form.errors }, 422);
      const d = form.data;
      const done = await proposeAmendment(c.var.deps.db, actorId(c), context, {
        versionId: d.versionId,
        section: d.section,
        fromLine: d.fromLine,
        toLine: d.toLine,
        replacement: d.replacement,
        reason: d.amendReason,
      });
      if (done.ok) return c.redirect(`${instructPath(c, context.recommendation.id)}?done=amendment`, 303);
      if (done.reason !== "invalid") return refused(c, context, "amendment", values, REFUSAL[done.reason]);
      const fieldName =
        done.problem === "reversedRange" || done.problem === "notALineNumber"
          ? "fromLine"
          : done.problem === "beyondLastLine"
            ? "toLine"
            : done.problem === "replacementTooLong"
              ? "replacement"
              : "_form";
      const message = errorMessage(AMENDMENT_PROBLEM[done.problem], {
        count: done.lineCount,
        section: c.var.t(SECTION_LABEL[d.section]),
      });
      // A form written on an older version: the lines are shown again on the current one.
      if (done.problem === "otherVersion" && context.current) values.versionId = context.current.id;
      return instructPage(c, context, { form: "amendment", values, errors: { [fieldName]: message } }, 422);
    },
  }),
  ...(["accept", "reject"] as const).map((verb) =>
    route({
      method: "POST",
      path: `/board/amendments/:amendmentId${ID}/${verb}`,
      action: "recommendation.instruct",
      load: loadAmendment,
      async handler(c, context: AmendmentContext) {
        const done = await decideAmendment(c.var.deps.db, actorId(c), context, context.amendment, verb === "accept");
        if (!done.ok) {
          const key: MessageKey =
            done.reason === "alreadyDecided"
              ? "board.refusedAlreadyDecided"
              : done.reason === "notCurrent"
                ? "board.refusedNotCurrent"
                : REFUSAL[done.reason];
          return refused(c, context, "merge", {}, key);
        }
        return c.redirect(
          `${instructPath(c, context.recommendation.id)}?done=${verb === "accept" ? "accepted" : "rejected"}`,
          303,
        );
      },
    }),
  ),
  route({
    method: "POST",
    path: `/board/recommendations/:submittedId${ID}/merge`,
    action: "recommendation.instruct",
    load: loadRecommendation,
    async handler(c, context) {
      const done = await mergeAcceptedAmendments(c.var.deps.db, actorId(c), context);
      if (done.ok) {
        return c.redirect(`${instructPath(c, context.recommendation.id)}?done=merged&n=${done.versionNumber}`, 303);
      }
      const key: MessageKey =
        done.reason === "nothingToMerge"
          ? "board.refusedNothingToMerge"
          : done.reason === "conflicts"
            ? "board.refusedConflicts"
            : done.reason === "tooLong"
              ? "board.amendTooLong"
              : REFUSAL[done.reason];
      return instructPage(c, context, { form: "merge", errors: { _form: errorMessage(key) } }, 422);
    },
  }),
  route({
    method: "POST",
    path: `/board/recommendations/:submittedId${ID}/decision`,
    action: "recommendation.instruct",
    load: loadRecommendation,
    async handler(c, context) {
      const body = await formBody(c);
      const values = textValues(body);
      const form = parseForm(decisionSchema, body);
      if (!form.ok) return instructPage(c, context, { form: "decision", values, errors: form.errors }, 422);
      const { decision, reasons, mergedInto } = form.data;
      if (decision === "merged" && mergedInto === "") {
        return instructPage(
          c,
          context,
          { form: "decision", values, errors: { mergedInto: errorMessage("board.mergedIntoMissing") } },
          422,
        );
      }
      const done = await decideRecommendation(c.var.deps.db, actorId(c), context, {
        decision,
        reasons,
        mergedIntoId: decision === "merged" ? mergedInto : null,
      });
      if (done.ok) return c.redirect(`${instructPath(c, context.recommendation.id)}?done=decided`, 303);
      if (done.reason === "badMergeTarget") {
        return instructPage(
          c,
          context,
          { form: "decision", values, errors: { mergedInto: errorMessage("board.mergedIntoBad") } },
          422,
        );
      }
      if (done.reason === "notAllowed") {
        return instructPage(
          c,
          context,
          {
            form: "decision",
            values,
            errors: {
              decision: errorMessage("board.decisionNotAllowed", {
                state: stateLabel(c, context.recommendation.state),
              }),
            },
          },
          422,
        );
      }
      return refused(c, context, "decision", values, REFUSAL[done.reason]);
    },
  }),
  route({
    method: "POST",
    path: `/board/recommendations/:submittedId${ID}/return`,
    action: "recommendation.instruct",
    load: loadRecommendation,
    async handler(c, context) {
      const body = await formBody(c);
      const form = parseForm(returnSchema, body);
      if (!form.ok) return instructPage(c, context, { form: "return", values: form.values, errors: form.errors }, 422);
      const done = await returnToGroup(c.var.deps.db, actorId(c), context, form.data.returnReason);
      if (done.ok) return c.redirect(`${instructPath(c, context.recommendation.id)}?done=returned`, 303);
      if (done.reason === "notAllowed") {
        return instructPage(
          c,
          context,
          { form: "return", values: textValues(body), errors: { _form: errorMessage("board.returnNotAllowed") } },
          422,
        );
      }
      return refused(c, context, "return", textValues(body), REFUSAL[done.reason]);
    },
  }),
];
