import { z } from "zod";
import type { Author } from "../../../commands/documents/read.js";
import type { GroupContext } from "../../../commands/groups/load.js";
import {
  AXIS_KEY,
  cleanText,
  RECOMMENDATION_LIMITS as LIMITS,
  splitAxes,
  type TranslationInput,
  type VersionInput,
} from "../../../commands/recommendations/content.js";
import {
  loadRecommendationResource,
  type RecommendationContext,
  type RecommendationVersion,
} from "../../../commands/recommendations/load.js";
import type { AttachmentRow, Translation } from "../../../commands/recommendations/read.js";
import {
  RECOMMENDATION_SECTIONS,
  type Footnote,
  type ParticipantQuote,
  type RecommendationSection,
  type RecommendationSections,
} from "../../../db/schema/index.js";
import { checkTitle, findBrokenReferences, findCrossReferences } from "../../../domain/recommendations/index.js";
import type { MessageKey } from "../../../i18n/index.js";
import type { Locale } from "../../../i18n/locales.js";
import { can } from "../../../policies/can.js";
import type { RecommendationResource } from "../../../policies/recommendations.js";
import { CheckboxField, TextAreaField, TextField } from "../../components/form.js";
import { languageName } from "../../components/regions.js";
import type { Ctx } from "../../context.js";
import { errorMessage, field, parseForm, type FieldErrors } from "../../validation.js";
import { authorName } from "../documents/shared.js";

export const UUID = "{[0-9a-fA-F-]+}";

export function recommendationPath(c: Ctx, id: string, rest = ""): string {
  return `/${c.var.locale}/recommendations/${id}${rest}`;
}

export function groupRecommendationsPath(c: Ctx, groupId: string, rest = ""): string {
  return `/${c.var.locale}/groups/${groupId}/recommendations${rest}`;
}

/** The route pipeline's loader: `:recommendationId`, 404 for anything else. */
export const loadRecommendation = (c: Ctx) =>
  loadRecommendationResource(c.var.deps.db, c.var.actor, c.req.param("recommendationId") ?? "");

/** The signed-in person acting; handlers run only after can(), which refuses visitors here. */
export function actorId(c: Ctx): string {
  const actor = c.var.actor;
  if (actor.kind !== "person") throw new Error("a recommendation form ran without a signed-in person");
  return actor.personId;
}

export function resourceOf(context: RecommendationContext): RecommendationResource {
  // The loader computed the phase; keep it in one place.
  return {
    type: "recommendation",
    group: context.facts,
    phase: context.workflow.states.find((s) => s.key === context.recommendation.state)?.phase ?? "done",
  };
}

/** The resource of a recommendation a group is about to write (for the title override on creation). */
export function draftResourceOf(group: GroupContext): RecommendationResource {
  return { type: "recommendation", group: group.facts, phase: "drafting" };
}

export function who(c: Ctx, group: GroupContext, person: Author): string {
  return authorName(c, group, person);
}

export const SECTION_LABEL: Record<RecommendationSection, MessageKey> = {
  context: "recommendations.section_context",
  argumentation: "recommendations.section_argumentation",
  attention: "recommendations.section_attention",
  alreadyDoes: "recommendations.section_alreadyDoes",
  examples: "recommendations.section_examples",
};

const STATE_LABEL: Record<string, MessageKey> = {
  draft: "recommendations.state_draft",
  submitted: "recommendations.state_submitted",
  under_review: "recommendations.state_under_review",
  retained: "recommendations.state_retained",
  retained_amended: "recommendations.state_retained_amended",
  merged: "recommendations.state_merged",
  not_retained: "recommendations.state_not_retained",
  in_proposal: "recommendations.state_in_proposal",
  adopted: "recommendations.state_adopted",
  rejected: "recommendations.state_rejected",
};

/** A state's name; a state of a configured workflow without a label is shown by its key. */
export function stateLabel(c: Ctx, state: string): string {
  const key = STATE_LABEL[state];
  return key ? c.var.t(key) : state.replace(/_/g, " ");
}

export function numberLabel(c: Ctx, number: number): string {
  return c.var.t("recommendations.numberLabel", { number });
}

// ---------------------------------------------------------------------------------------------
// Text with cross-references

type Part =
  { kind: "text"; text: string } | { kind: "br" } | { kind: "ref"; text: string; number: number; broken: number[] };
type Broken = { start: number; numbers: number[] };

/**
 * A section's text as paragraphs, the references to other recommendations ("recommandation 34")
 * as links to them, and the references to numbers that are no recommendation of the cycle flagged.
 * Text is split into JSX parts: every character is escaped.
 */
export function SectionText({
  c,
  text,
  numbers,
  lang,
}: {
  c: Ctx;
  text: string;
  numbers: ReadonlyMap<number, string>;
  lang?: Locale | undefined;
}) {
  const { t } = c.var;
  const body = cleanText(text);
  const references = findCrossReferences(body);
  const broken = new Map<number, Broken>();
  for (const b of findBrokenReferences(references, new Set(numbers.keys()))) {
    const entry = broken.get(b.start) ?? { start: b.start, numbers: [] };
    entry.numbers.push(b.number);
    broken.set(b.start, entry);
  }
  const paragraphs: Part[][] = [[]];
  const pushText = (chunk: string) => {
    const pieces = chunk.split(/(\n[^\S\n]*\n\s*)/);
    pieces.forEach((piece, i) => {
      if (i % 2 === 1) {
        paragraphs.push([]);
        return;
      }
      piece.split("\n").forEach((line, j) => {
        const current = paragraphs[paragraphs.length - 1]!;
        if (j > 0) current.push({ kind: "br" });
        if (line !== "") current.push({ kind: "text", text: line });
      });
    });
  };
  let at = 0;
  for (const ref of references) {
    if (ref.start < at) continue;
    pushText(body.slice(at, ref.start));
    paragraphs[paragraphs.length - 1]!.push({
      kind: "ref",
      text: body.slice(ref.start, ref.end),
      number: ref.number,
      broken: broken.get(ref.start)?.numbers ?? [],
    });
    at = ref.end;
  }
  pushText(body.slice(at));
  return (
    <>
      {paragraphs
        .filter((p) => p.length > 0)
        .map((parts) => (
          <p lang={lang}>
            {parts.map((part) => {
              if (part.kind === "br") return <br />;
              if (part.kind === "text") return part.text;
              const id = numbers.get(part.number);
              return (
                <>
                  {id ? (
                    <a href={recommendationPath(c, id)}>{part.text}</a>
                  ) : (
                    <mark class="broken-reference">{part.text}</mark>
                  )}
                  {part.broken.length > 0 && (
                    <span class="broken-reference-note">
                      {" "}
                      {t("recommendations.brokenReference", { numbers: part.broken.join(", ") })}
                    </span>
                  )}
                </>
              );
            })}
          </p>
        ))}
    </>
  );
}

/** Every number referred to in a version that is no recommendation of the cycle. */
export function brokenNumbers(sections: RecommendationSections, numbers: ReadonlyMap<number, string>): number[] {
  const out = new Set<number>();
  for (const s of RECOMMENDATION_SECTIONS) {
    const refs = findCrossReferences(cleanText(sections[s] ?? ""));
    for (const b of findBrokenReferences(refs, new Set(numbers.keys()))) out.add(b.number);
  }
  return [...out].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------
// What a reader sees: the translation in their language, else the source

export interface Shown {
  title: string;
  sections: RecommendationSections;
  quotes: ParticipantQuote[];
  footnotes: Footnote[];
  lang: Locale;
  /** No translation in the reader's language: the source is shown. */
  missing: boolean;
  /** The translation was made from an older version than the current one. */
  outdated: boolean;
}

export function shownText(
  c: Ctx,
  sourceLanguage: Locale,
  version: RecommendationVersion,
  translations: Partial<Record<Locale, Translation>>,
): Shown {
  const locale = c.var.locale;
  const own = locale === sourceLanguage ? undefined : translations[locale];
  if (own) {
    return {
      title: own.title,
      sections: own.sections,
      quotes: own.quotes,
      footnotes: own.footnotes,
      lang: locale,
      missing: false,
      outdated: own.sourceVersionId !== version.id,
    };
  }
  return {
    title: version.title,
    sections: version.sections,
    quotes: version.quotes,
    footnotes: version.footnotes,
    lang: sourceLanguage,
    missing: locale !== sourceLanguage,
    outdated: false,
  };
}

export function ShownNotice({ c, shown }: { c: Ctx; shown: Shown }) {
  const { t, locale } = c.var;
  if (shown.missing)
    return <p class="warning">{t("recommendations.notTranslated", { language: languageName(locale, shown.lang) })}</p>;
  if (shown.outdated) return <p class="warning">{t("recommendations.translationOutdated")}</p>;
  return null;
}

export function langAttr(c: Ctx, lang: Locale): Locale | undefined {
  return lang === c.var.locale ? undefined : lang;
}

// ---------------------------------------------------------------------------------------------
// The version form

export interface FormState {
  values: Record<string, string>;
  /** Checkbox lists: the attached documents. */
  lists?: Record<string, string[]>;
  errors?: FieldErrors;
}

const TITLE_PROBLEM: Record<string, MessageKey> = {
  empty: "recommendations.titleEmpty",
  startsWithDeterminer: "recommendations.titleDeterminer",
  startsWithPronoun: "recommendations.titlePronoun",
  startsWithGerund: "recommendations.titleGerund",
  imperative: "recommendations.titleImperative",
  notInfinitive: "recommendations.titleNotInfinitive",
};

const baseSchema = z.object({
  title: field.text(LIMITS.title),
  overrideTitle: field.checkbox(),
  note: field.optionalText(LIMITS.note),
  axes: field.optionalText(LIMITS.axes * (LIMITS.axisKey + 2)),
  ...Object.fromEntries(
    RECOMMENDATION_SECTIONS.map((s) => [
      s,
      z
        .string()
        .max(LIMITS.section, { error: errorMessage("errors.tooLong", { max: LIMITS.section }) })
        .optional()
        .transform((v) => cleanText(v ?? "")),
    ]),
  ),
});

/** How many quote and footnote rows a form offers: those written, and two empty ones. */
export function rowCount(values: Record<string, string>, prefix: string, max: number): number {
  let last = -1;
  for (const k of Object.keys(values)) {
    const m = new RegExp(`^${prefix}-(\\d+)-`).exec(k);
    if (m && values[k]!.trim() !== "") last = Math.max(last, Number(m[1]));
  }
  return Math.min(max, last + 3);
}

function text(values: Record<string, string | string[]>, name: string): string {
  const v = values[name];
  return typeof v === "string" ? v : "";
}

export interface ParsedVersion {
  ok: true;
  data: VersionInput;
}

/**
 * The content of a version from the form, checked: lengths, quotes and footnotes complete,
 * axis keys, and the title against the infinitive rule in the source language (refused unless
 * the facilitator ticks the override, or the title is the one already kept by an override).
 */
export function parseVersionForm(
  body: Record<string, string | string[]>,
  options: {
    sourceLanguage: Locale;
    mayOverride: boolean;
    /** The title of the version the form was based on, when its check was overridden. */
    overriddenTitle: string | null;
  },
): ParsedVersion | { ok: false; errors: FieldErrors } {
  const plain: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string") plain[k] = v;
  const form = parseForm(baseSchema, plain);
  const errors: FieldErrors = form.ok ? {} : { ...form.errors };

  const quotes: ParticipantQuote[] = [];
  for (let i = 0; i < LIMITS.quotes + 5; i++) {
    const q = {
      text: cleanText(text(body, `quote-${i}-text`)),
      firstName: text(body, `quote-${i}-firstName`).trim(),
      college: text(body, `quote-${i}-college`).trim(),
    };
    if (q.text === "" && q.firstName === "" && q.college === "") continue;
    if (q.text === "") errors[`quote-${i}-text`] = errorMessage("recommendations.quoteNeedsText");
    else if (q.text.length > LIMITS.quoteText)
      errors[`quote-${i}-text`] = errorMessage("errors.tooLong", { max: LIMITS.quoteText });
    if (q.firstName === "") errors[`quote-${i}-firstName`] = errorMessage("recommendations.quoteNeedsName");
    else if (q.firstName.length > LIMITS.firstName)
      errors[`quote-${i}-firstName`] = errorMessage("errors.tooLong", { max: LIMITS.firstName });
    if (q.college.length > LIMITS.college)
      errors[`quote-${i}-college`] = errorMessage("errors.tooLong", { max: LIMITS.college });
    quotes.push(q);
  }
  if (quotes.length > LIMITS.quotes)
    errors["quote-0-text"] = errorMessage("recommendations.tooManyQuotes", { max: LIMITS.quotes });

  const footnotes: Footnote[] = [];
  for (let i = 0; i < LIMITS.footnotes + 5; i++) {
    const f = { text: cleanText(text(body, `footnote-${i}-text`)), minority: text(body, `footnote-${i}-minority`) };
    if (f.text === "") continue;
    if (f.text.length > LIMITS.footnoteText)
      errors[`footnote-${i}-text`] = errorMessage("errors.tooLong", { max: LIMITS.footnoteText });
    footnotes.push({ text: f.text, minority: f.minority === "on" || f.minority === "true" });
  }
  if (footnotes.length > LIMITS.footnotes)
    errors["footnote-0-text"] = errorMessage("recommendations.tooManyFootnotes", { max: LIMITS.footnotes });

  const axes = splitAxes(text(body, "axes"));
  const badAxis = axes.find((a) => !AXIS_KEY.test(a));
  if (badAxis !== undefined) errors.axes = errorMessage("recommendations.badAxis", { key: badAxis.slice(0, 40) });
  else if (axes.length > LIMITS.axes) errors.axes = errorMessage("recommendations.tooManyAxes", { max: LIMITS.axes });

  const rawAttachments = body.attachments;
  const attachmentIds =
    rawAttachments === undefined ? [] : Array.isArray(rawAttachments) ? rawAttachments : [rawAttachments];
  if (attachmentIds.length > LIMITS.attachments || attachmentIds.some((id) => !/^[0-9a-f-]{36}$/i.test(id)))
    errors.attachments = errorMessage("recommendations.badAttachment");

  let titleCheckOverridden = false;
  if (form.ok) {
    const check = checkTitle(form.data.title, options.sourceLanguage);
    if (!check.ok) {
      if (options.overriddenTitle !== null && options.overriddenTitle === form.data.title) titleCheckOverridden = true;
      else if (form.data.overrideTitle && options.mayOverride) titleCheckOverridden = true;
      else {
        const word = check.reason === "empty" ? "" : check.word;
        errors.title = errorMessage(TITLE_PROBLEM[check.reason]!, {
          word,
          language: options.sourceLanguage,
        });
      }
    }
  }
  if (!form.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  const sections = Object.fromEntries(
    RECOMMENDATION_SECTIONS.map((s) => [s, (form.data as Record<string, unknown>)[s] as string]),
  ) as RecommendationSections;
  return {
    ok: true,
    data: {
      title: form.data.title,
      titleCheckOverridden,
      sections,
      quotes,
      footnotes,
      axes,
      attachmentIds: [...new Set(attachmentIds.map((id) => id.toLowerCase()))],
      note: form.data.note,
    },
  };
}

/** The form's values for a version (to edit it, or to start from it). */
export function versionValues(version: RecommendationVersion, axes: string[]): Record<string, string> {
  const values: Record<string, string> = {
    title: version.title,
    axes: axes.join(", "),
    overrideTitle: version.titleCheckOverridden ? "on" : "",
  };
  for (const s of RECOMMENDATION_SECTIONS) values[s] = version.sections[s] ?? "";
  version.quotes.forEach((q, i) => {
    values[`quote-${i}-text`] = q.text;
    values[`quote-${i}-firstName`] = q.firstName;
    values[`quote-${i}-college`] = q.college;
  });
  version.footnotes.forEach((f, i) => {
    values[`footnote-${i}-text`] = f.text;
    values[`footnote-${i}-minority`] = f.minority ? "on" : "";
  });
  return values;
}

export function fieldLabels(c: Ctx): Record<string, string> {
  const { t } = c.var;
  const labels: Record<string, string> = {
    number: t("recommendations.fieldNumber"),
    title: t("recommendations.fieldTitle"),
    note: t("recommendations.fieldNote"),
    axes: t("recommendations.fieldAxes"),
    attachments: t("recommendations.fieldAttachments"),
    body: t("recommendations.fieldComment"),
    from: t("recommendations.compareFrom"),
    to: t("recommendations.compareTo"),
    confirm: t("recommendations.submitConfirm"),
  };
  for (const s of RECOMMENDATION_SECTIONS) labels[s] = t(SECTION_LABEL[s]);
  for (let i = 0; i < LIMITS.quotes; i++) {
    labels[`quote-${i}-text`] = t("recommendations.quoteText", { n: i + 1 });
    labels[`quote-${i}-firstName`] = t("recommendations.quoteFirstName", { n: i + 1 });
    labels[`quote-${i}-college`] = t("recommendations.quoteCollege", { n: i + 1 });
  }
  for (let i = 0; i < LIMITS.footnotes; i++)
    labels[`footnote-${i}-text`] = t("recommendations.footnoteText", { n: i + 1 });
  return labels;
}

/** The fields of a version: title (with the override for those allowed), sections, quotes, footnotes, axes, attachments. */
export function VersionFields({
  c,
  state,
  sourceLanguage,
  mayOverride,
  library,
}: {
  c: Ctx;
  state: FormState;
  sourceLanguage: Locale;
  mayOverride: boolean;
  library: AttachmentRow[];
}) {
  const { t, locale } = c.var;
  const v = state.values;
  const lang = langAttr(c, sourceLanguage);
  const quotes = rowCount(v, "quote", LIMITS.quotes);
  const footnotes = rowCount(v, "footnote", LIMITS.footnotes);
  const attached = new Set(state.lists?.attachments ?? []);
  return (
    <>
      <p class="hint">{t("recommendations.writeIn", { language: languageName(locale, sourceLanguage) })}</p>
      <div lang={lang}>
        <TextField
          c={c}
          name="title"
          label={t("recommendations.fieldTitle")}
          hint={t("recommendations.titleHint")}
          maxlength={LIMITS.title}
          required
          errors={state.errors}
          values={v}
        />
      </div>
      {mayOverride && (
        <CheckboxField
          c={c}
          name="overrideTitle"
          label={t("recommendations.overrideTitle")}
          hint={t("recommendations.overrideTitleHint")}
          checked={v.overrideTitle === "on"}
        />
      )}
      {RECOMMENDATION_SECTIONS.map((s) => (
        <TextAreaField
          c={c}
          name={s}
          label={t(SECTION_LABEL[s])}
          hint={s === "context" ? t("recommendations.crossReferenceHint") : undefined}
          maxlength={LIMITS.section}
          rows={6}
          lang={lang}
          errors={state.errors}
          values={v}
        />
      ))}
      <fieldset>
        <legend>{t("recommendations.quotesLegend")}</legend>
        <p class="hint">{t("recommendations.quotesHint")}</p>
        {Array.from({ length: quotes }, (_, i) => (
          <div class="repeat-row">
            <TextAreaField
              c={c}
              name={`quote-${i}-text`}
              label={t("recommendations.quoteText", { n: i + 1 })}
              maxlength={LIMITS.quoteText}
              rows={3}
              lang={lang}
              errors={state.errors}
              values={v}
            />
            <TextField
              c={c}
              name={`quote-${i}-firstName`}
              label={t("recommendations.quoteFirstName", { n: i + 1 })}
              maxlength={LIMITS.firstName}
              errors={state.errors}
              values={v}
            />
            <TextField
              c={c}
              name={`quote-${i}-college`}
              label={t("recommendations.quoteCollege", { n: i + 1 })}
              maxlength={LIMITS.college}
              errors={state.errors}
              values={v}
            />
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t("recommendations.footnotesLegend")}</legend>
        {Array.from({ length: footnotes }, (_, i) => (
          <div class="repeat-row">
            <TextAreaField
              c={c}
              name={`footnote-${i}-text`}
              label={t("recommendations.footnoteText", { n: i + 1 })}
              maxlength={LIMITS.footnoteText}
              rows={2}
              lang={lang}
              errors={state.errors}
              values={v}
            />
            <CheckboxField
              c={c}
              name={`footnote-${i}-minority`}
              label={t("recommendations.footnoteMinority", { n: i + 1 })}
              checked={v[`footnote-${i}-minority`] === "on"}
            />
          </div>
        ))}
      </fieldset>
      <TextField
        c={c}
        name="axes"
        label={t("recommendations.fieldAxes")}
        hint={t("recommendations.axesHint")}
        errors={state.errors}
        values={v}
      />
      <fieldset id="field-attachments">
        <legend>{t("recommendations.fieldAttachments")}</legend>
        {state.errors?.attachments && <p class="error">{t("recommendations.badAttachment")}</p>}
        {library.length === 0 ? (
          <p class="hint">{t("recommendations.noLibrary")}</p>
        ) : (
          library.map((d, i) => (
            <div class="field checkbox">
              <input
                type="checkbox"
                id={`attachment-${i}`}
                name="attachments"
                value={d.documentId}
                checked={attached.has(d.documentId)}
              />
              <label for={`attachment-${i}`}>{d.title}</label>
            </div>
          ))
        )}
      </fieldset>
      <TextField
        c={c}
        name="note"
        label={t("recommendations.fieldNote")}
        hint={t("recommendations.noteHint")}
        maxlength={LIMITS.note}
        errors={state.errors}
        values={v}
      />
    </>
  );
}

/** Form fields as text, and the repeated ones as lists. */
export async function formBody(c: Ctx): Promise<Record<string, string | string[]>> {
  const body = await c.req.parseBody({ all: true });
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === "string") out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === "string");
  }
  return out;
}

export function stateFromBody(body: Record<string, string | string[]>, errors?: FieldErrors): FormState {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string" && k !== "_csrf") values[k] = v;
  const att = body.attachments;
  return { values, lists: { attachments: att === undefined ? [] : Array.isArray(att) ? att : [att] }, errors };
}

/** Whether the actor may keep a failing title, on a draft of this group. */
export function mayOverride(c: Ctx, group: GroupContext): boolean {
  return can(c.var.actor, "recommendation.override_title", draftResourceOf(group));
}

// ---------------------------------------------------------------------------------------------
// Translation form

export function parseTranslationForm(
  body: Record<string, string | string[]>,
  source: RecommendationVersion,
): { ok: true; data: TranslationInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const title = text(body, "title").trim();
  if (title === "") errors.title = errorMessage("errors.required");
  else if (title.length > LIMITS.title) errors.title = errorMessage("errors.tooLong", { max: LIMITS.title });
  const sections = {} as RecommendationSections;
  for (const s of RECOMMENDATION_SECTIONS) {
    const value = cleanText(text(body, s));
    if (value.length > LIMITS.section) errors[s] = errorMessage("errors.tooLong", { max: LIMITS.section });
    sections[s] = value;
  }
  const quotes = source.quotes.map((q, i) => {
    const value = cleanText(text(body, `quote-${i}-text`));
    if (value.length > LIMITS.quoteText)
      errors[`quote-${i}-text`] = errorMessage("errors.tooLong", { max: LIMITS.quoteText });
    return { ...q, text: value };
  });
  const footnotes = source.footnotes.map((f, i) => {
    const value = cleanText(text(body, `footnote-${i}-text`));
    if (value.length > LIMITS.footnoteText)
      errors[`footnote-${i}-text`] = errorMessage("errors.tooLong", { max: LIMITS.footnoteText });
    return { ...f, text: value };
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, data: { title, sections, quotes, footnotes } };
}
