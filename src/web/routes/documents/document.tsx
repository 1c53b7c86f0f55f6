import {
  findVersion,
  listVersions,
  versionTexts,
  type StoredVersion,
  type VersionRow,
} from "../../../commands/documents/read.js";
import { addVersion, updateDocumentSettings } from "../../../commands/documents/write.js";
import type { DocumentContext } from "../../../commands/groups/load.js";
import { compareTexts, linesOf, type DiffPart } from "../../../domain/documents/diff.js";
import {
  checkComparison,
  DOCUMENT_LIMITS,
  parseVersionNumber,
  type CompareProblem,
} from "../../../domain/documents/rules.js";
import { attachmentDisposition } from "../../../domain/files/disposition.js";
import type { MessageKey } from "../../../i18n/index.js";
import { can } from "../../../policies/can.js";
import { renderError } from "../../components/error-page.js";
import { ErrorSummary, Form, SelectField, SubmitButton, TextAreaField, TextField } from "../../components/form.js";
import { renderPage } from "../../components/layout.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute } from "../../routing.js";
import { errorMessage, parseForm, type FieldErrors } from "../../validation.js";
import { Moment, TextParagraphs } from "../cycles/shared.js";
import { GroupNav, groupPath, groupTitle, loadDocument, UUID } from "../groups/shared.js";
import {
  actorId,
  authorName,
  documentPath,
  fieldLabels,
  formatSize,
  KIND_LABEL,
  libraryPath,
  MAX_UPLOAD_BODY,
  noticeOf,
  parseVersionForm,
  settingsSchema,
  SettingsFields,
  stringValues,
  VersionFields,
  VISIBILITY_LABEL,
  type FormState,
  type MultipartBody,
} from "./shared.js";

const COMPARE_PROBLEM: Record<CompareProblem, MessageKey> = {
  missing: "documents.compareMissing",
  notANumber: "documents.compareNotANumber",
  unknown: "documents.compareUnknown",
  notText: "documents.compareNotText",
  same: "documents.compareSame",
};

interface PageState {
  version?: FormState;
  settings?: FormState;
  compare?: FormState;
}

/** Stands for the date in a message, replaced by a <time> element. */
const MOMENT = "\u0000";

function WithMoment({ c, text, at }: { c: Ctx; text: string; at: Date }) {
  const [before, after = ""] = text.split(MOMENT);
  return (
    <>
      {before}
      <Moment c={c} at={at} />
      {after}
    </>
  );
}

function canEdit(c: Ctx, context: DocumentContext): boolean {
  return can(c.var.actor, "document.edit", {
    type: "document",
    group: context.facts,
    visibility: context.document.visibility,
  });
}

function versionPath(c: Ctx, context: DocumentContext, version: number): string {
  return documentPath(c, context.document.id, `/versions/${version}`);
}

function versionLabel(c: Ctx, version: number): string {
  return c.var.t("documents.versionNumber", { number: version });
}

/** The form that asks for a comparison (GET, so that a comparison has its own address). */
function CompareForm({
  c,
  context,
  texts,
  state,
}: {
  c: Ctx;
  context: DocumentContext;
  texts: VersionRow[];
  state: FormState;
}) {
  const { t } = c.var;
  const options = texts.map((v) => ({ value: String(v.version), label: versionLabel(c, v.version) }));
  return (
    <form method="get" action={documentPath(c, context.document.id, "/diff")}>
      <SelectField
        c={c}
        name="from"
        label={t("documents.compareFrom")}
        errors={state.errors}
        values={state.values}
        options={options}
      />
      <SelectField
        c={c}
        name="to"
        label={t("documents.compareTo")}
        errors={state.errors}
        values={state.values}
        options={options}
      />
      <SubmitButton label={t("documents.compareSubmit")} />
    </form>
  );
}

function compareDefaults(texts: VersionRow[]): Record<string, string> {
  // `texts` is newest first: compare the two latest text versions.
  return { from: String(texts[1]?.version ?? ""), to: String(texts[0]?.version ?? "") };
}

function VersionsTable({ c, context, versions }: { c: Ctx; context: DocumentContext; versions: VersionRow[] }) {
  const { t } = c.var;
  return (
    <div class="table-wrap">
      <table>
        <caption>{t("documents.versionsCaption")}</caption>
        <thead>
          <tr>
            <th scope="col" class="number">
              {t("documents.colVersion")}
            </th>
            <th scope="col">{t("documents.colDate")}</th>
            <th scope="col">{t("documents.colBy")}</th>
            <th scope="col">{t("documents.colNote")}</th>
            <th scope="col">{t("documents.colContent")}</th>
            <th scope="col">{t("documents.colOpen")}</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr>
              <th scope="row" class="number">
                {v.version}
              </th>
              <td>
                <Moment c={c} at={v.createdAt} />
              </td>
              <td>{authorName(c, context, v.author)}</td>
              <td>{v.note}</td>
              <td>
                {v.hasFile
                  ? t("documents.fileSummary", { name: v.fileName ?? "", size: formatSize(c, v.size ?? 0) })
                  : t("documents.textContent")}
              </td>
              <td>
                <a href={versionPath(c, context, v.version)}>
                  {v.hasFile
                    ? t("documents.downloadVersion", { number: v.version })
                    : t("documents.readVersion", { number: v.version })}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function settingsValues(context: DocumentContext): Record<string, string> {
  const d = context.document;
  return { title: d.title, kind: d.kind, visibility: d.visibility };
}

async function documentPage(c: Ctx, context: DocumentContext, state: PageState = {}, status: 200 | 400 | 422 = 200) {
  const { t } = c.var;
  const doc = context.document;
  const [group, versions] = await Promise.all([
    groupTitle(c, context),
    listVersions(c.var.deps.db, doc.id, context.facts.organisationIds),
  ]);
  const texts = versions.filter((v) => v.hasText);
  const first = versions[versions.length - 1];
  const editable = canEdit(c, context);
  const errors: FieldErrors = {
    ...(state.compare?.errors ?? {}),
    ...(state.version?.errors ?? {}),
    ...(state.settings?.errors ?? {}),
  };
  return renderPage(
    c,
    {
      title: doc.title,
      notice: status === 200 ? noticeOf(c) : undefined,
      children: (
        <>
          <h1>{doc.title}</h1>
          <GroupNav c={c} context={context} current="documents" />
          <ErrorSummary c={c} errors={errors} labels={fieldLabels(c)} />
          <dl class="facts">
            <dt>{t("documents.groupLabel")}</dt>
            <dd>
              <a href={groupPath(c, context.group.id)}>{group.value.title}</a>
            </dd>
            <dt>{t("documents.fieldKind")}</dt>
            <dd>{t(KIND_LABEL[doc.kind])}</dd>
            <dt>{t("documents.colVisibility")}</dt>
            <dd>{t(VISIBILITY_LABEL[doc.visibility])}</dd>
            <dt>{t("documents.createdLabel")}</dt>
            <dd>
              <WithMoment
                c={c}
                text={t("documents.createdBy", {
                  date: MOMENT,
                  name: first ? authorName(c, context, first.author) : t("documents.authorHidden"),
                })}
                at={first?.createdAt ?? doc.createdAt}
              />
            </dd>
          </dl>
          <p>
            <a href={libraryPath(c, context.group.id)}>{t("documents.backToLibrary")}</a>
          </p>

          <h2>{t("documents.versionsTitle")}</h2>
          <VersionsTable c={c} context={context} versions={versions} />

          <h2>{t("documents.compareTitle")}</h2>
          {texts.length >= 2 ? (
            <CompareForm
              c={c}
              context={context}
              texts={texts}
              state={state.compare ?? { values: compareDefaults(texts) }}
            />
          ) : (
            <p>{t("documents.compareNeedsTwo")}</p>
          )}

          {editable && (
            <>
              <h2>{t("documents.addVersionTitle")}</h2>
              <Form c={c} action={documentPath(c, doc.id, "/versions")} multipart>
                <VersionFields c={c} state={state.version ?? { values: {} }} />
                <SubmitButton label={t("documents.addVersionSubmit")} />
              </Form>

              <h2>{t("documents.settingsTitle")}</h2>
              <Form c={c} action={documentPath(c, doc.id, "/settings")}>
                <SettingsFields c={c} state={state.settings ?? { values: settingsValues(context) }} />
                <SubmitButton label={t("documents.settingsSubmit")} />
              </Form>
            </>
          )}
        </>
      ),
    },
    status,
  );
}

/** A text version, shown as text (every character escaped), with a form to write the next one from it. */
async function textVersionPage(c: Ctx, context: DocumentContext, version: StoredVersion) {
  const { t } = c.var;
  const doc = context.document;
  const versions = await listVersions(c.var.deps.db, doc.id, context.facts.organisationIds);
  const row = versions.find((v) => v.version === version.version);
  const title = t("documents.versionTitle", { title: doc.title, number: version.version });
  const name = row ? authorName(c, context, row.author) : t("documents.authorHidden");
  return renderPage(c, {
    title,
    children: (
      <>
        <h1>{title}</h1>
        <GroupNav c={c} context={context} current="documents" />
        <dl class="facts">
          <dt>{t("documents.colVersion")}</dt>
          <dd>
            <WithMoment
              c={c}
              text={t("documents.versionBy", { number: version.version, date: MOMENT, name })}
              at={version.createdAt}
            />
          </dd>
          {version.note !== "" && (
            <>
              <dt>{t("documents.colNote")}</dt>
              <dd>{version.note}</dd>
            </>
          )}
        </dl>
        <div class="document-text">
          <TextParagraphs text={version.textContent ?? ""} />
        </div>
        <p>
          <a href={documentPath(c, doc.id)}>{doc.title}</a>
        </p>
        {canEdit(c, context) && (
          <>
            <h2>{t("documents.editFromThis")}</h2>
            <Form c={c} action={documentPath(c, doc.id, "/versions")}>
              <TextAreaField
                c={c}
                name="text"
                label={t("documents.fieldText")}
                hint={t("documents.textHint")}
                maxlength={DOCUMENT_LIMITS.text}
                rows={16}
                values={{ text: version.textContent ?? "" }}
              />
              <TextField
                c={c}
                name="note"
                label={t("documents.fieldNote")}
                hint={t("documents.noteHint")}
                maxlength={DOCUMENT_LIMITS.note}
              />
              <SubmitButton label={t("documents.addVersionSubmit")} />
            </Form>
          </>
        )}
      </>
    ),
  });
}

/** One run of changed or unchanged text, its line ends as line breaks. */
function Lines({ text }: { text: string }) {
  return (
    <>
      {linesOf(text).map((line, i) => (
        <>
          {i > 0 && <br />}
          {line}
        </>
      ))}
    </>
  );
}

function DiffRun({ c, part }: { c: Ctx; part: DiffPart }) {
  const { t } = c.var;
  if (part.kind === "same") return <Lines text={part.text} />;
  const [start, end] =
    part.kind === "added"
      ? [t("documents.addedStart"), t("documents.addedEnd")]
      : [t("documents.removedStart"), t("documents.removedEnd")];
  const inner = (
    <>
      <span class="visually-hidden">{start}</span>
      <Lines text={part.text} />
      <span class="visually-hidden">{end}</span>
    </>
  );
  return part.kind === "added" ? <ins>{inner}</ins> : <del>{inner}</del>;
}

async function diffPage(c: Ctx, context: DocumentContext, from: number, to: number) {
  const { t } = c.var;
  const doc = context.document;
  const [versions, texts] = await Promise.all([
    listVersions(c.var.deps.db, doc.id, context.facts.organisationIds),
    versionTexts(c.var.deps.db, doc.id, [from, to]),
  ]);
  const comparison = compareTexts(texts.get(from) ?? "", texts.get(to) ?? "");
  const title = t("documents.diffTitle", { title: doc.title, from, to });
  const changed = comparison.ok && comparison.parts.some((p) => p.kind !== "same");
  return renderPage(c, {
    title,
    children: (
      <>
        <h1>{title}</h1>
        <GroupNav c={c} context={context} current="documents" />
        <p>
          <a href={documentPath(c, doc.id)}>{doc.title}</a>
        </p>
        <CompareForm
          c={c}
          context={context}
          texts={versions.filter((v) => v.hasText)}
          state={{ values: { from: String(from), to: String(to) } }}
        />
        <h2>{t("documents.diffHeading")}</h2>
        {!comparison.ok ? (
          <p class="warning">
            {comparison.reason === "tooLong" ? t("documents.compareTooLong") : t("documents.compareTooDifferent")}
          </p>
        ) : !changed ? (
          <p>{t("documents.noDifference")}</p>
        ) : (
          <>
            <ul>
              <li>{t("documents.wordsAdded", { count: comparison.wordsAdded })}</li>
              <li>{t("documents.wordsRemoved", { count: comparison.wordsRemoved })}</li>
            </ul>
            <p class="hint">{t("documents.diffLegend")}</p>
            <div class="document-text diff">
              <p>
                {comparison.parts.map((part) => (
                  <DiffRun c={c} part={part} />
                ))}
              </p>
            </div>
          </>
        )}
      </>
    ),
  });
}

/** A file version as an attachment, never shown inline; read from the store only after can(). */
async function sendFile(c: Ctx, context: DocumentContext, version: StoredVersion) {
  const bytes = await c.var.deps.files.get(version.storageKey!);
  if (!bytes) {
    c.var.deps.logger.warn({ documentId: context.document.id, version: version.version }, "document file missing");
    return renderError(c, "notFound");
  }
  // The store hands out plain (not shared) buffers.
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    "Content-Type": version.mediaType ?? "application/octet-stream",
    "Content-Length": String(bytes.byteLength),
    "Content-Disposition": attachmentDisposition(version.fileName ?? "document"),
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox",
    "Cache-Control": "private, no-store",
  });
}

export const documentRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: `/documents/:documentId${UUID}`,
    action: "document.view",
    load: loadDocument,
    handler: (c, context) => documentPage(c, context),
  }),
  route({
    method: "POST",
    path: `/documents/:documentId${UUID}/versions`,
    action: "document.edit",
    load: loadDocument,
    maxBody: MAX_UPLOAD_BODY,
    async handler(c, context) {
      const body = (await c.req.parseBody()) as MultipartBody;
      const parsed = await parseVersionForm(body);
      if (!parsed.ok) {
        const fileDropped = parsed.fileDropped && !parsed.errors.file;
        return documentPage(
          c,
          context,
          { version: { values: stringValues(body), errors: parsed.errors, fileDropped } },
          422,
        );
      }
      const { version } = await addVersion(c.var.deps.db, c.var.deps.files, actorId(c), context, {
        note: parsed.note,
        content: parsed.content,
      });
      return c.redirect(`${documentPath(c, context.document.id)}?done=version&n=${version}`, 303);
    },
  }),
  route({
    method: "POST",
    path: `/documents/:documentId${UUID}/settings`,
    action: "document.edit",
    load: loadDocument,
    async handler(c, context) {
      const body = (await c.req.parseBody()) as MultipartBody;
      const form = parseForm(settingsSchema, stringValues(body));
      if (!form.ok) {
        return documentPage(c, context, { settings: { values: form.values, errors: form.errors } }, 422);
      }
      const { changed } = await updateDocumentSettings(c.var.deps.db, actorId(c), context, form.data);
      return c.redirect(
        `${documentPath(c, context.document.id)}?done=${changed.length > 0 ? "saved" : "unchanged"}`,
        303,
      );
    },
  }),
  route({
    method: "GET",
    path: `/documents/:documentId${UUID}/versions/:version{[0-9]+}`,
    action: "document.view",
    load: loadDocument,
    async handler(c, context) {
      const number = parseVersionNumber(c.req.param("version"));
      const version = number === null ? null : await findVersion(c.var.deps.db, context.document.id, number);
      if (!version) return renderError(c, "notFound");
      return version.storageKey ? sendFile(c, context, version) : textVersionPage(c, context, version);
    },
  }),
  route({
    method: "GET",
    path: `/documents/:documentId${UUID}/diff`,
    action: "document.view",
    load: loadDocument,
    async handler(c, context) {
      const versions = await listVersions(c.var.deps.db, context.document.id, context.facts.organisationIds);
      const known = new Map(versions.map((v) => [v.version, { hasText: v.hasText }]));
      const from = c.req.query("from");
      const to = c.req.query("to");
      const check = checkComparison(from, to, known);
      if (!check.ok) {
        const values = { from: from ?? "", to: to ?? "" };
        const errors = { [check.field]: errorMessage(COMPARE_PROBLEM[check.problem]) };
        return documentPage(c, context, { compare: { values, errors } }, 400);
      }
      return diffPage(c, context, check.from, check.to);
    },
  }),
];
