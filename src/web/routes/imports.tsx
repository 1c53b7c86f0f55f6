import { and, eq } from "drizzle-orm";
import {
  importMemberRows,
  loadImportContext,
  PendingImportGone,
  type ImportSummary,
} from "../../commands/import-members.js";
import { type Organisation } from "../../commands/organisations.js";
import {
  deletePendingImport,
  findPendingImport,
  storePendingImport,
  type PendingImport,
} from "../../commands/pending-imports.js";
import { auditLog } from "../../db/schema/index.js";
import {
  decodeUtf8,
  IMPORT_COLUMNS,
  IMPORT_LIMITS,
  parseMemberFile,
  REQUIRED_COLUMNS,
  type FileIssue,
  type ImportColumn,
  type ImportContext,
  type ParsedMemberFile,
} from "../../domain/members/csv-import.js";
import {
  columnLabel,
  describeFileIssue,
  describeRowIssue,
  describeWarning,
} from "../../domain/members/import-messages.js";
import { formatNumber } from "../../i18n/format.js";
import type { MessageKey } from "../../i18n/index.js";
import { LOCALE_NAMES } from "../../i18n/locales.js";
import { renderError } from "../components/error-page.js";
import { Form } from "../components/form.js";
import { renderPage } from "../components/layout.js";
import type { Ctx } from "../context.js";
import { route, type AnyRoute, type Loaded } from "../routing.js";
import { actorId, ID, loadOrganisation, OrgAdminNav, orgAdminPath, type OrgSection } from "./admin/shared.js";

/** Largest request: the 5 MB file plus the multipart envelope. */
const MAX_UPLOAD_BODY = 6 * 1024 * 1024;

/** The names shown for the accepted French headers (matching ignores case and accents). */
const FRENCH_HEADER: Record<ImportColumn, string> = {
  email: "courriel",
  name: "nom",
  college: "collège",
  shareholder: "sociétaire",
  shares: "parts",
  office: "bureau",
  sector: "secteur",
  language: "langue",
  directory: "annuaire",
  member_number: "numéro",
};

const COLUMN_TEXT: Record<ImportColumn, MessageKey> = {
  email: "imports.colEmail",
  name: "imports.colName",
  college: "imports.colCollege",
  shareholder: "imports.colShareholder",
  shares: "imports.colShares",
  office: "imports.colOffice",
  sector: "imports.colSector",
  language: "imports.colLanguage",
  directory: "imports.colDirectory",
  member_number: "imports.colMemberNumber",
};

// The shared administration navigation lists the import page but does not name it as a section yet.
const IMPORT_SECTION = "import" as string as OrgSection;

function importPath(c: Ctx, org: Organisation, rest = ""): string {
  return orgAdminPath(c, org, `/import${rest}`);
}

function count(c: Ctx, n: number): string {
  return formatNumber(c.var.locale, n, 0);
}

async function contextOf(c: Ctx, org: Organisation): Promise<ImportContext> {
  const context = await loadImportContext(c.var.deps.db, org.id);
  if (!context) throw new Error("organisation vanished while importing");
  return context;
}

// ---------------------------------------------------------------------------------------------
// The upload page

function ColumnsTable({ c, context }: { c: Ctx; context: ImportContext }) {
  const { t } = c.var;
  const values = {
    keys: context.colleges.map((col) => col.key).join(", "),
    offices: context.offices.map((o) => o.name).join(", "),
    language: `${context.defaultLanguage} (${LOCALE_NAMES[context.defaultLanguage]})`,
  };
  return (
    <section aria-labelledby="import-columns">
      <h2 id="import-columns">{t("imports.columnsTitle")}</h2>
      <div class="table-wrap">
        <table>
          <caption>{t("imports.columnsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("imports.columnName")}</th>
              <th scope="col">{t("imports.columnAlias")}</th>
              <th scope="col">{t("imports.columnRequired")}</th>
              <th scope="col">{t("imports.columnContent")}</th>
            </tr>
          </thead>
          <tbody>
            {IMPORT_COLUMNS.map((column) => (
              <tr>
                <th scope="row">
                  <code>{column}</code>
                </th>
                <td lang="fr">
                  <code>{FRENCH_HEADER[column]}</code>
                </td>
                <td>{REQUIRED_COLUMNS.includes(column) ? t("imports.yes") : t("imports.no")}</td>
                <td>{t(COLUMN_TEXT[column], values)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>{t("imports.absentColumnsNote")}</p>
    </section>
  );
}

interface UploadState {
  /** The field's own message when no file was chosen. */
  missingFile?: boolean;
  fileErrors?: FileIssue[];
  notice?: string;
}

async function uploadPage(c: Ctx, org: Organisation, state: UploadState = {}, status: 200 | 413 | 422 = 200) {
  const { t } = c.var;
  const context = await contextOf(c, org);
  const title = t("imports.pageTitle");
  const messages = state.missingFile
    ? [t("imports.chooseFile")]
    : (state.fileErrors ?? []).map((issue) => describeFileIssue(t, issue));
  const hasError = messages.length > 0;
  return renderPage(
    c,
    {
      title,
      notice: state.notice,
      children: (
        <>
          <OrgAdminNav c={c} org={org} current={IMPORT_SECTION} />
          <h1>{title}</h1>
          {hasError && (
            <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
              <h2 id="error-summary-title">{t("common.errorSummary")}</h2>
              <ul>
                {messages.map((message) => (
                  <li>
                    <a href="#field-file">{message}</a>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <p>{t("imports.intro", { organisation: org.name })}</p>
          <p>{t("imports.howItWorks")}</p>
          <Form c={c} action={importPath(c, org)} multipart>
            <div class={hasError ? "field has-error" : "field"}>
              <label for="field-file">{t("imports.fileLabel")}</label>
              <p class="hint" id="field-file-hint">
                {t("imports.fileHint")}
              </p>
              {hasError && (
                <p class="error" id="field-file-error">
                  {messages[0]}
                </p>
              )}
              <input
                id="field-file"
                name="file"
                type="file"
                accept=".csv,text/csv"
                required
                aria-invalid={hasError ? "true" : undefined}
                aria-describedby={hasError ? "field-file-hint field-file-error" : "field-file-hint"}
              />
            </div>
            <div class="actions">
              <button type="submit">{t("imports.submit")}</button>
            </div>
          </Form>
          <ColumnsTable c={c} context={context} />
        </>
      ),
    },
    status,
  );
}

// ---------------------------------------------------------------------------------------------
// The review page of a file with bad rows

function reviewPage(
  c: Ctx,
  org: Organisation,
  pending: { id: string; fileName: string },
  parsed: ParsedMemberFile,
  status: 200 | 422,
) {
  const { t } = c.var;
  const title = t("imports.reviewTitle");
  const good = parsed.rows.length;
  const unlisted = parsed.rowIssueCount - parsed.rowIssues.length;
  return renderPage(
    c,
    {
      title,
      children: (
        <>
          <OrgAdminNav c={c} org={org} current={IMPORT_SECTION} />
          <h1>{title}</h1>
          <p>{t("imports.reviewFile", { name: pending.fileName })}</p>
          <p>
            {t("imports.reviewCounts", {
              rows: count(c, parsed.dataRowCount),
              good: count(c, good),
              bad: count(c, parsed.badRowCount),
            })}{" "}
            <strong>{t("imports.reviewNothingChanged")}</strong>
          </p>
          {parsed.warnings.map((warning) => (
            <p class="warning">{describeWarning(t, warning)}</p>
          ))}
          <div class="table-wrap">
            <table>
              <caption>{t("imports.issuesCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col" class="number">
                    {t("imports.issueLine")}
                  </th>
                  <th scope="col">{t("imports.issueMember")}</th>
                  <th scope="col">{t("imports.issueColumn")}</th>
                  <th scope="col">{t("imports.issueReason")}</th>
                </tr>
              </thead>
              <tbody>
                {parsed.rowIssues.map((issue) => (
                  <tr>
                    <th scope="row" class="number">
                      {issue.line}
                    </th>
                    <td>{issue.name}</td>
                    <td>{columnLabel(issue.column, parsed.headers)}</td>
                    <td>{describeRowIssue(t, issue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {unlisted > 0 && <p>{t("imports.moreIssues", { count: count(c, unlisted) })}</p>}
          {good > 0 ? (
            <>
              <p>{t("imports.confirmHint")}</p>
              <Form c={c} action={importPath(c, org, `/${pending.id}/confirm`)}>
                <div class="actions">
                  <button type="submit">{t("imports.confirmButton", { count: count(c, good) })}</button>
                </div>
              </Form>
            </>
          ) : (
            <p>{t("imports.noGoodRows")}</p>
          )}
          <Form c={c} action={importPath(c, org, `/${pending.id}/cancel`)}>
            <div class="actions">
              <button type="submit" class="secondary">
                {t("imports.cancelButton")}
              </button>
            </div>
          </Form>
        </>
      ),
    },
    status,
  );
}

// ---------------------------------------------------------------------------------------------
// The result page, read back from the audit entry of the import

interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

function resultPage(c: Ctx, org: Organisation, result: ImportResult) {
  const { t } = c.var;
  const title = t("imports.resultTitle");
  const lines: Array<[MessageKey, number]> = [
    ["imports.resultCreated", result.created],
    ["imports.resultUpdated", result.updated],
    ["imports.resultUnchanged", result.unchanged],
    ["imports.resultSkipped", result.skipped],
  ];
  return renderPage(c, {
    title,
    children: (
      <>
        <OrgAdminNav c={c} org={org} current={IMPORT_SECTION} />
        <h1>{title}</h1>
        <div class="table-wrap">
          <table>
            <caption>{t("imports.resultCaption")}</caption>
            <thead>
              <tr>
                <td></td>
                <th scope="col" class="number">
                  {t("imports.resultCount")}
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.map(([key, n]) => (
                <tr>
                  <th scope="row">{t(key)}</th>
                  <td class="number">{count(c, n)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ul>
          <li>
            <a href={orgAdminPath(c, org, "/members")}>{t("imports.membersLink")}</a>
          </li>
          <li>
            <a href={importPath(c, org)}>{t("imports.importAnother")}</a>
          </li>
        </ul>
      </>
    ),
  });
}

function resultPath(c: Ctx, org: Organisation, summary: ImportSummary): string {
  return importPath(c, org, `/result/${summary.auditSeq}`);
}

// ---------------------------------------------------------------------------------------------
// Loaders: the organisation is the resource; what hangs below it is found only for its uploader

type WithPending = { org: Organisation; pending: PendingImport | null };

async function loadPending(c: Ctx): Promise<Loaded<WithPending> | null> {
  const loaded = await loadOrganisation(c);
  if (!loaded) return null;
  const actor = c.var.actor;
  const pending =
    actor.kind === "person"
      ? await findPendingImport(c.var.deps.db, {
          id: c.req.param("pendingId") ?? "",
          organisationId: loaded.data.id,
          uploadedBy: actor.personId,
        })
      : null;
  return { resource: loaded.resource, data: { org: loaded.data, pending } };
}

type WithResult = { org: Organisation; result: ImportResult | null };

async function loadResult(c: Ctx): Promise<Loaded<WithResult> | null> {
  const loaded = await loadOrganisation(c);
  if (!loaded) return null;
  const actor = c.var.actor;
  const seq = c.req.param("seq") ?? "";
  let result: ImportResult | null = null;
  if (actor.kind === "person" && /^\d{1,15}$/.test(seq)) {
    const [entry] = await c.var.deps.db
      .select({ data: auditLog.data })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.seq, Number(seq)),
          eq(auditLog.action, "members.imported"),
          eq(auditLog.organisationId, loaded.data.id),
          eq(auditLog.actorId, actor.personId),
        ),
      );
    if (entry) {
      const n = (key: string) => (typeof entry.data[key] === "number" ? (entry.data[key] as number) : 0);
      result = { created: n("created"), updated: n("updated"), unchanged: n("unchanged"), skipped: n("skipped") };
    }
  }
  return { resource: loaded.resource, data: { org: loaded.data, result } };
}

/** The chosen file, or null when the form came without one (browsers send an empty part). */
function uploadedFile(body: Record<string, unknown>): File | null {
  const file = body.file;
  if (!(file instanceof File)) return null;
  if (file.size === 0 && file.name === "") return null;
  return file;
}

function fileNameOf(file: File): string {
  const base = file.name.split(/[\\/]/).pop() ?? "";
  return [...base].slice(0, 200).join("") || "import.csv";
}

export const importsRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: "/admin/organisations/:slug/import",
    action: "members.import",
    load: loadOrganisation,
    handler: (c, org) =>
      uploadPage(c, org, { notice: c.req.query("cancelled") === "1" ? c.var.t("imports.cancelled") : undefined }),
  }),
  route({
    method: "POST",
    path: "/admin/organisations/:slug/import",
    action: "members.import",
    maxBody: MAX_UPLOAD_BODY,
    load: loadOrganisation,
    async handler(c, org) {
      const file = uploadedFile(await c.req.parseBody());
      if (!file) return uploadPage(c, org, { missingFile: true }, 422);
      if (file.size > IMPORT_LIMITS.maxBytes) {
        return uploadPage(
          c,
          org,
          { fileErrors: [{ code: "tooLarge", maxMegabytes: IMPORT_LIMITS.maxBytes / (1024 * 1024) }] },
          422,
        );
      }
      const bytes = new Uint8Array(await file.arrayBuffer());
      const context = await contextOf(c, org);
      const parsed = parseMemberFile(bytes, context);
      if (parsed.fileErrors.length > 0) return uploadPage(c, org, { fileErrors: parsed.fileErrors }, 422);
      const uploadedBy = actorId(c);
      if (parsed.rowIssueCount > 0) {
        const fileName = fileNameOf(file);
        const id = await storePendingImport(c.var.deps.db, {
          organisationId: org.id,
          uploadedBy,
          fileName,
          content: decodeUtf8(bytes)!,
        });
        return reviewPage(c, org, { id, fileName }, parsed, 422);
      }
      const summary = await importMemberRows(c.var.deps.db, {
        organisationId: org.id,
        actorId: uploadedBy,
        parsed,
        source: "web",
      });
      return c.redirect(resultPath(c, org, summary), 303);
    },
  }),
  route({
    method: "GET",
    path: `/admin/organisations/:slug/import/:pendingId${ID}`,
    action: "members.import",
    load: loadPending,
    async handler(c, { org, pending }) {
      if (!pending) return renderError(c, "notFound");
      const parsed = parseMemberFile(pending.content, await contextOf(c, org));
      return reviewPage(c, org, pending, parsed, 200);
    },
  }),
  route({
    method: "POST",
    path: `/admin/organisations/:slug/import/:pendingId${ID}/confirm`,
    action: "members.import",
    load: loadPending,
    async handler(c, { org, pending }) {
      if (!pending) return renderError(c, "notFound");
      const parsed = parseMemberFile(pending.content, await contextOf(c, org));
      if (parsed.fileErrors.length > 0) return uploadPage(c, org, { fileErrors: parsed.fileErrors }, 422);
      try {
        const summary = await importMemberRows(c.var.deps.db, {
          organisationId: org.id,
          actorId: actorId(c),
          parsed,
          source: "web",
          pending: { id: pending.id, uploadedBy: pending.uploadedBy },
        });
        return c.redirect(resultPath(c, org, summary), 303);
      } catch (error) {
        if (error instanceof PendingImportGone) return renderError(c, "notFound");
        throw error;
      }
    },
  }),
  route({
    method: "POST",
    path: `/admin/organisations/:slug/import/:pendingId${ID}/cancel`,
    action: "members.import",
    load: loadPending,
    async handler(c, { org, pending }) {
      if (!pending) return renderError(c, "notFound");
      await deletePendingImport(c.var.deps.db, {
        id: pending.id,
        organisationId: org.id,
        uploadedBy: pending.uploadedBy,
      });
      return c.redirect(`${importPath(c, org)}?cancelled=1`, 303);
    },
  }),
  route({
    method: "GET",
    path: "/admin/organisations/:slug/import/result/:seq{[0-9]+}",
    action: "members.import",
    load: loadResult,
    handler: (c, { org, result }) => (result ? resultPage(c, org, result) : renderError(c, "notFound")),
  }),
];
