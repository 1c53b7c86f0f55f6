import { listGroupDocuments, type LibraryRow } from "../../../commands/documents/read.js";
import { createDocument } from "../../../commands/documents/write.js";
import type { GroupContext } from "../../../commands/groups/load.js";
import { DOCUMENT_KINDS, type DocumentKind } from "../../../db/schema/index.js";
import { can } from "../../../policies/can.js";
import { ErrorSummary, Form, SelectField, SubmitButton } from "../../components/form.js";
import { renderPage } from "../../components/layout.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute } from "../../routing.js";
import { parseForm, type FieldErrors } from "../../validation.js";
import { Moment } from "../cycles/shared.js";
import { GroupNav, groupTitle, loadGroup, UUID } from "../groups/shared.js";
import {
  actorId,
  authorName,
  documentPath,
  fieldLabels,
  KIND_LABEL,
  KIND_PLURAL,
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

function isKind(value: string | undefined): value is DocumentKind {
  return value !== undefined && (DOCUMENT_KINDS as readonly string[]).includes(value);
}

/** The documents of the group the actor may read: document.view asked for every row. */
function visibleRows(c: Ctx, context: GroupContext, rows: LibraryRow[]): LibraryRow[] {
  return rows.filter((r) =>
    can(c.var.actor, "document.view", { type: "document", group: context.facts, visibility: r.visibility }),
  );
}

function KindTable({
  c,
  context,
  kind,
  rows,
}: {
  c: Ctx;
  context: GroupContext;
  kind: DocumentKind;
  rows: LibraryRow[];
}) {
  const { t } = c.var;
  const headingId = `kind-${kind}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t(KIND_PLURAL[kind])}</h2>
      <div class="table-wrap">
        <table aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">{t("documents.colTitle")}</th>
              <th scope="col">{t("documents.colVisibility")}</th>
              <th scope="col">{t("documents.colLatest")}</th>
              <th scope="col">{t("documents.colBy")}</th>
              <th scope="col">{t("documents.colDate")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">
                  <a href={documentPath(c, r.id)}>{r.title}</a>
                </th>
                <td>{t(VISIBILITY_LABEL[r.visibility])}</td>
                <td>
                  {r.latest
                    ? `${t("documents.versionNumber", { number: r.latest.version })}${r.latest.isText ? ` (${t("documents.textContent")})` : ""}`
                    : t("documents.noVersion")}
                </td>
                <td>{r.latest ? authorName(c, context, r.latest.author) : ""}</td>
                <td>
                  <Moment c={c} at={r.latest?.createdAt ?? r.createdAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

async function libraryPage(c: Ctx, context: GroupContext) {
  const { t } = c.var;
  const group = await groupTitle(c, context);
  const all = await listGroupDocuments(c.var.deps.db, context.group.id, context.facts.organisationIds);
  const visible = visibleRows(c, context, all);
  const chosen = c.req.query("kind");
  const kinds = isKind(chosen) ? [chosen] : [...DOCUMENT_KINDS];
  const shown = kinds
    .map((kind) => ({ kind, rows: visible.filter((r) => r.kind === kind) }))
    .filter((k) => k.rows.length > 0);
  const title = t("documents.libraryTitle", { group: group.value.title });
  return renderPage(c, {
    title,
    notice: noticeOf(c),
    children: (
      <>
        <h1>{title}</h1>
        <GroupNav c={c} context={context} current="documents" />
        <p>{t("documents.libraryIntro")}</p>
        {can(c.var.actor, "group.participate", { type: "group", ...context.facts }) && (
          <p>
            <a class="button" href={`${libraryPath(c, context.group.id)}/new`}>
              {t("documents.newDocumentLink")}
            </a>
          </p>
        )}
        <form method="get" action={libraryPath(c, context.group.id)} class="filters">
          <SelectField
            c={c}
            name="kind"
            label={t("documents.filterKind")}
            emptyLabel={t("documents.allKinds")}
            values={{ kind: isKind(chosen) ? chosen : "" }}
            options={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(KIND_LABEL[k]) }))}
          />
          <SubmitButton label={t("documents.filterSubmit")} />
        </form>
        {shown.length === 0 ? (
          <p>{t("documents.noDocuments")}</p>
        ) : (
          shown.map((k) => <KindTable c={c} context={context} kind={k.kind} rows={k.rows} />)
        )}
      </>
    ),
  });
}

async function newDocumentPage(c: Ctx, context: GroupContext, state: FormState, status: 200 | 413 | 422 = 200) {
  const { t } = c.var;
  const group = await groupTitle(c, context);
  const title = t("documents.newTitle", { group: group.value.title });
  return renderPage(
    c,
    {
      title,
      children: (
        <>
          <h1>{title}</h1>
          <GroupNav c={c} context={context} current="documents" />
          <ErrorSummary c={c} errors={state.errors} labels={fieldLabels(c)} />
          <Form c={c} action={`${libraryPath(c, context.group.id)}/new`} multipart>
            <SettingsFields c={c} state={state} />
            <VersionFields c={c} state={state} />
            <SubmitButton label={t("documents.createSubmit")} />
          </Form>
          <p>
            <a href={libraryPath(c, context.group.id)}>{t("documents.backToLibrary")}</a>
          </p>
        </>
      ),
    },
    status,
  );
}

export const libraryRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: `/groups/:groupId${UUID}/documents`,
    action: "group.view",
    load: loadGroup,
    handler: (c, context) => libraryPage(c, context),
  }),
  route({
    method: "GET",
    path: `/groups/:groupId${UUID}/documents/new`,
    action: "group.participate",
    load: loadGroup,
    handler: (c, context) => newDocumentPage(c, context, { values: { kind: "working", visibility: "group" } }),
  }),
  route({
    method: "POST",
    path: `/groups/:groupId${UUID}/documents/new`,
    action: "group.participate",
    load: loadGroup,
    maxBody: MAX_UPLOAD_BODY,
    async handler(c, context) {
      const body = (await c.req.parseBody()) as MultipartBody;
      const settings = parseForm(settingsSchema, stringValues(body));
      const version = await parseVersionForm(body);
      if (!settings.ok || !version.ok) {
        const errors: FieldErrors = {
          ...(settings.ok ? {} : settings.errors),
          ...(version.ok ? {} : version.errors),
        };
        const fileSent = version.ok ? version.content.type === "file" : version.fileDropped;
        const fileDropped = fileSent && !errors.file;
        return newDocumentPage(c, context, { values: stringValues(body), errors, fileDropped }, 422);
      }
      const { documentId } = await createDocument(c.var.deps.db, c.var.deps.files, actorId(c), context, {
        ...settings.data,
        note: version.note,
        content: version.content,
      });
      return c.redirect(`${documentPath(c, documentId)}?done=created`, 303);
    },
  }),
];
