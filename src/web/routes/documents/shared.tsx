import { z } from "zod";
import type { Author } from "../../../commands/documents/read.js";
import type { VersionContent } from "../../../commands/documents/write.js";
import type { GroupContext } from "../../../commands/groups/load.js";
import {
  DOCUMENT_KINDS,
  DOCUMENT_VISIBILITIES,
  type DocumentKind,
  type DocumentVisibility,
} from "../../../db/schema/index.js";
import { DOCUMENT_LIMITS } from "../../../domain/documents/rules.js";
import { ACCEPTED_FILES, type UploadProblem } from "../../../domain/files/upload-rules.js";
import { formatNumber } from "../../../i18n/format.js";
import type { MessageKey } from "../../../i18n/index.js";
import { can } from "../../../policies/can.js";
import { checkUpload } from "../../../storage/uploads.js";
import { SelectField, TextAreaField, TextField } from "../../components/form.js";
import type { Ctx } from "../../context.js";
import { errorMessage, field, parseForm, type FieldErrors } from "../../validation.js";

/** The multipart envelope around the largest accepted file (20 MB). */
export const MAX_UPLOAD_BODY = 21 * 1024 * 1024;

export const KIND_LABEL: Record<DocumentKind, MessageKey> = {
  working: "documents.kindWorking",
  minutes: "documents.kindMinutes",
  expert_note: "documents.kindExpertNote",
  sketch: "documents.kindSketch",
  other: "documents.kindOther",
};

export const KIND_PLURAL: Record<DocumentKind, MessageKey> = {
  working: "documents.kindsWorking",
  minutes: "documents.kindsMinutes",
  expert_note: "documents.kindsExpertNote",
  sketch: "documents.kindsSketch",
  other: "documents.kindsOther",
};

export const VISIBILITY_LABEL: Record<DocumentVisibility, MessageKey> = {
  group: "documents.visibility_group",
  members: "documents.visibility_members",
  public: "documents.visibility_public",
};

const UPLOAD_PROBLEM: Record<UploadProblem, MessageKey> = {
  empty: "documents.uploadEmpty",
  tooLarge: "documents.uploadTooLarge",
  badName: "documents.uploadBadName",
  unsupportedType: "documents.uploadUnsupportedType",
  contentMismatch: "documents.uploadContentMismatch",
};

const ACCEPTED_EXTENSIONS = Object.keys(ACCEPTED_FILES).map((e) => `.${e}`);

export function documentPath(c: Ctx, documentId: string, rest = ""): string {
  return `/${c.var.locale}/documents/${documentId}${rest}`;
}

export function libraryPath(c: Ctx, groupId: string): string {
  return `/${c.var.locale}/groups/${groupId}/documents`;
}

/** The signed-in person acting; handlers run only after can(), which refuses visitors here. */
export function actorId(c: Ctx): string {
  const actor = c.var.actor;
  if (actor.kind !== "person") throw new Error("a document form ran without a signed-in person");
  return actor.personId;
}

/**
 * The name of who wrote a version: shown to the group's participants and to those who run the
 * cycle; to other members only when the person opted into the directory; never to visitors.
 */
export function authorName(c: Ctx, context: GroupContext, author: Author): string {
  const { t, actor } = c.var;
  if (author.name === null) return t("documents.authorHidden");
  if (can(actor, "group.participate", { type: "group", ...context.facts })) return author.name;
  const member = actor.kind === "person" && context.facts.organisationIds.some((o) => actor.memberOf.includes(o));
  return member && author.listed ? author.name : t("documents.authorHidden");
}

export function formatSize(c: Ctx, bytes: number): string {
  const { t, locale } = c.var;
  if (bytes < 1000) return t("documents.sizeBytes", { size: formatNumber(locale, bytes, 0) });
  if (bytes < 1_000_000) return t("documents.sizeKb", { size: formatNumber(locale, bytes / 1000, 0) });
  return t("documents.sizeMb", { size: formatNumber(locale, bytes / 1_000_000, 1) });
}

// ---------------------------------------------------------------------------------------------
// Forms

export interface FormState {
  values: Record<string, string>;
  errors?: FieldErrors;
  /** A file was sent with a refused form: the person must choose it again. */
  fileDropped?: boolean;
}

export const settingsSchema = z.object({
  title: field.text(DOCUMENT_LIMITS.title),
  kind: field.choice(DOCUMENT_KINDS),
  visibility: field.choice(DOCUMENT_VISIBILITIES),
});

const versionSchema = z.object({
  text: z
    .string()
    .max(DOCUMENT_LIMITS.text, { error: errorMessage("errors.tooLong", { max: DOCUMENT_LIMITS.text }) })
    .optional()
    .transform((v) => (v ?? "").trim()),
  note: field.optionalText(DOCUMENT_LIMITS.note),
});

export type MultipartBody = Record<string, string | File | (string | File)[]>;

/** The chosen file, or null when the form came without one (browsers send an empty part). */
function uploadedFile(body: MultipartBody): File | null {
  const file = body.file;
  if (!(file instanceof File)) return null;
  if (file.size === 0 && file.name === "") return null;
  return file;
}

export function stringValues(body: MultipartBody): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string" && k !== "_csrf") out[k] = v;
  return out;
}

export type ParsedVersion =
  { ok: true; note: string; content: VersionContent } | { ok: false; errors: FieldErrors; fileDropped: boolean };

/**
 * The content of a version from a form: either a file (checked: size, name, content against
 * its extension) or a text, never both. Nothing is stored here.
 */
export async function parseVersionForm(body: MultipartBody): Promise<ParsedVersion> {
  const form = parseForm(versionSchema, stringValues(body));
  const file = uploadedFile(body);
  const errors: FieldErrors = form.ok ? {} : { ...form.errors };
  const text = form.ok ? form.data.text : typeof body.text === "string" ? body.text.trim() : "";
  let content: VersionContent | null = null;
  if (file && text !== "") errors.file = errorMessage("documents.notBoth");
  else if (!file && text === "") errors.file = errorMessage("documents.fileOrText");
  else if (file) {
    const checked = await checkUpload(file);
    if (checked.ok) content = { type: "file", upload: checked.upload };
    else
      errors.file = errorMessage(
        UPLOAD_PROBLEM[checked.problem],
        checked.problem === "unsupportedType" ? { types: ACCEPTED_EXTENSIONS.join(", ") } : undefined,
      );
  } else content = { type: "text", text };
  if (!form.ok || content === null || Object.keys(errors).length > 0) {
    return { ok: false, errors, fileDropped: file !== null };
  }
  return { ok: true, note: form.data.note, content };
}

export function fieldLabels(c: Ctx): Record<string, string> {
  const { t } = c.var;
  return {
    title: t("documents.fieldTitle"),
    kind: t("documents.fieldKind"),
    visibility: t("documents.fieldVisibility"),
    file: t("documents.fieldFile"),
    text: t("documents.fieldText"),
    note: t("documents.fieldNote"),
    from: t("documents.compareFrom"),
    to: t("documents.compareTo"),
  };
}

export function SettingsFields({ c, state }: { c: Ctx; state: FormState }) {
  const { t } = c.var;
  return (
    <>
      <TextField
        c={c}
        name="title"
        label={t("documents.fieldTitle")}
        maxlength={DOCUMENT_LIMITS.title}
        required
        errors={state.errors}
        values={state.values}
      />
      <SelectField
        c={c}
        name="kind"
        label={t("documents.fieldKind")}
        required
        errors={state.errors}
        values={state.values}
        options={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(KIND_LABEL[k]) }))}
      />
      <SelectField
        c={c}
        name="visibility"
        label={t("documents.fieldVisibility")}
        hint={t("documents.visibilityHint")}
        required
        errors={state.errors}
        values={state.values}
        options={DOCUMENT_VISIBILITIES.map((v) => ({ value: v, label: t(VISIBILITY_LABEL[v]) }))}
      />
    </>
  );
}

/** The content of a version: a file or a text written here, then a note. */
export function VersionFields({ c, state }: { c: Ctx; state: FormState }) {
  const { t } = c.var;
  return (
    <>
      {/* A group rather than a fieldset: a fieldset grows to the file input's width on a narrow screen. */}
      <div role="group" aria-labelledby="content-legend" aria-describedby="content-hint">
        <p id="content-legend" class="legend">
          <strong>{t("documents.contentLegend")}</strong>
        </p>
        <p class="hint" id="content-hint">
          {t("documents.contentHint")}
        </p>
        {state.fileDropped && <p class="warning">{t("documents.fileAgain")}</p>}
        <TextField
          c={c}
          name="file"
          type="file"
          label={t("documents.fieldFile")}
          hint={t("documents.fileHint")}
          accept={ACCEPTED_EXTENSIONS.join(",")}
          errors={state.errors}
        />
        <TextAreaField
          c={c}
          name="text"
          label={t("documents.fieldText")}
          hint={t("documents.textHint")}
          maxlength={DOCUMENT_LIMITS.text}
          rows={12}
          errors={state.errors}
          values={state.values}
        />
      </div>
      <TextField
        c={c}
        name="note"
        label={t("documents.fieldNote")}
        hint={t("documents.noteHint")}
        maxlength={DOCUMENT_LIMITS.note}
        errors={state.errors}
        values={state.values}
      />
    </>
  );
}

/** A notice after a redirect (?done=…), for the page that follows a form. */
export function noticeOf(c: Ctx): string | undefined {
  const { t } = c.var;
  switch (c.req.query("done")) {
    case "created":
      return t("documents.noticeCreated");
    case "version": {
      const n = Number(c.req.query("n"));
      return Number.isSafeInteger(n) && n > 0 ? t("documents.noticeVersionAdded", { number: n }) : undefined;
    }
    case "saved":
      return t("documents.noticeSaved");
    case "unchanged":
      return t("documents.noticeUnchanged");
    default:
      return undefined;
  }
}
