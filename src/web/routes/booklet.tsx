import { readFile } from "node:fs/promises";
import { BOOKLET_STEPS, cachedPdf, readStatus, type BookletStatus } from "../../booklet/cache.js";
import { loadBooklet, type BookletData } from "../../booklet/data.js";
import { pdfAvailable } from "../../booklet/pdf.js";
import { BOOKLET_CSS_HASH, BookletBody, bookletDocument, bookletHash } from "../../booklet/render.js";
import type { Cycle } from "../../commands/cycles/read.js";
import { formatNumber } from "../../i18n/format.js";
import type { MessageKey } from "../../i18n/index.js";
import { requestBookletPdf } from "../../jobs/booklet-jobs.js";
import { renderError } from "../components/error-page.js";
import { Form, SubmitButton } from "../components/form.js";
import { renderPage } from "../components/layout.js";
import type { Ctx } from "../context.js";
import { route, type AnyRoute } from "../routing.js";
import { cyclePath, loadCycle } from "./cycles/shared.js";

/**
 * The yearly booklet of a cycle (src/booklet), in the language of the page: the web version, the
 * printable version (the document Chromium prints), and the PDF, printed in the job queue and
 * cached until the content changes. Only public content is in it, so every visitor reads it.
 */

const bookletPath = (c: Ctx, cycle: { slug: string }, rest = "") => cyclePath(c, cycle, `/booklet${rest}`);

async function current(c: Ctx, cycle: Cycle): Promise<{ data: BookletData; hash: string }> {
  const data = await loadBooklet(c.var.deps.db, cycle, c.var.locale);
  return { data, hash: bookletHash(data) };
}

function sizeText(c: Ctx, bytes: number): string {
  const { t, locale } = c.var;
  if (bytes < 1_000_000) return t("documents.sizeKb", { size: formatNumber(locale, Math.max(1, bytes / 1000), 0) });
  return t("documents.sizeMb", { size: formatNumber(locale, bytes / 1_000_000, 1) });
}

interface PdfState {
  available: boolean;
  cached: { size: number } | null;
  status: BookletStatus | null;
}

async function pdfState(c: Ctx, hash: string): Promise<PdfState> {
  const dataDir = c.var.deps.env.dataDir;
  const [cached, status] = await Promise.all([cachedPdf(dataDir, hash), readStatus(dataDir, hash)]);
  return { available: pdfAvailable(), cached, status };
}

/** Where the PDF stands, and what the reader may do: download it, ask for it, or wait. */
function PdfPanel({ c, cycle, state }: { c: Ctx; cycle: Cycle; state: PdfState }) {
  const { t } = c.var;
  if (state.cached)
    return (
      <p>
        <a href={bookletPath(c, cycle, "/pdf/download")} type="application/pdf">
          {t("booklet.pdfReady", { size: sizeText(c, state.cached.size) })}
        </a>
      </p>
    );
  if (!state.available) return <p class="warning">{t("booklet.pdfUnavailable")}</p>;
  const s = state.status;
  if (s && (s.state === "queued" || s.state === "running")) {
    const label = s.step > 0 ? t(`booklet.step_${BOOKLET_STEPS[s.step - 1]!}` as MessageKey) : "";
    return (
      <>
        <p role="status" id="pdf-progress-text">
          {s.state === "queued"
            ? t("booklet.pdfQueued")
            : t("booklet.pdfRunning", { step: s.step, total: s.total, label })}
        </p>
        <p>
          <progress
            max={s.total}
            value={s.step}
            aria-labelledby="pdf-progress-label"
            aria-describedby="pdf-progress-text"
          />{" "}
          <span id="pdf-progress-label">{t("booklet.progressLabel")}</span>
        </p>
        <p>
          <a href={bookletPath(c, cycle, "/pdf")}>{t("booklet.refresh")}</a>
        </p>
      </>
    );
  }
  return (
    <>
      {s?.state === "failed" ? (
        <p class="warning" role="status">
          {t("booklet.pdfFailed")}
        </p>
      ) : (
        <p>{t("booklet.pdfNone")}</p>
      )}
      <Form c={c} action={bookletPath(c, cycle, "/pdf")}>
        <SubmitButton label={t("booklet.pdfGenerate")} />
      </Form>
    </>
  );
}

async function bookletPage(c: Ctx, cycle: Cycle) {
  const { t } = c.var;
  const { data, hash } = await current(c, cycle);
  const state = await pdfState(c, hash);
  return renderPage(c, {
    title: t("booklet.title", { cycle: data.cycle.title }),
    children: (
      <>
        <p class="breadcrumb">
          <a href={cyclePath(c, cycle)} lang={data.cycle.titleLang === c.var.locale ? undefined : data.cycle.titleLang}>
            {data.cycle.title}
          </a>
        </p>
        <ul class="actions-list">
          <li>
            <a href={bookletPath(c, cycle, "/print")}>{t("booklet.printable")}</a>
          </li>
          <li>
            <a href={bookletPath(c, cycle, "/pdf")}>{t("booklet.pdfHeading")}</a>
          </li>
        </ul>
        <div class="booklet-pdf" id="pdf">
          <PdfPanel c={c} cycle={cycle} state={state} />
        </div>
        <div class="booklet">
          <BookletBody data={data} t={t} />
        </div>
      </>
    ),
  });
}

async function pdfPage(c: Ctx, cycle: Cycle) {
  const { t } = c.var;
  const { data, hash } = await current(c, cycle);
  const state = await pdfState(c, hash);
  const title = t("booklet.pdfStatusTitle", { cycle: data.cycle.title });
  return renderPage(c, {
    title,
    children: (
      <>
        <p class="breadcrumb">
          <a href={bookletPath(c, cycle)}>{t("booklet.backToBooklet")}</a>
        </p>
        <h1>{title}</h1>
        <p>{t("booklet.pdfIntro")}</p>
        {state.cached && <p role="status">{t("booklet.pdfDone")}</p>}
        <PdfPanel c={c} cycle={cycle} state={state} />
        <p>
          <a href={bookletPath(c, cycle, "/print")}>{t("booklet.printable")}</a>
        </p>
      </>
    ),
  });
}

export const bookletRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: "/cycles/:slug/booklet",
    action: "site.view",
    load: loadCycle,
    handler: (c, cycle) => bookletPage(c, cycle),
  }),
  route({
    method: "GET",
    path: "/cycles/:slug/booklet/print",
    action: "site.view",
    load: loadCycle,
    async handler(c, cycle) {
      const { data } = await current(c, cycle);
      c.header("Cache-Control", "no-store");
      // Its stylesheet is inline (the same document is printed to PDF): allowed by its hash only.
      c.header(
        "Content-Security-Policy",
        `default-src 'none'; style-src ${BOOKLET_CSS_HASH}; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      );
      return c.html(bookletDocument(data, { backHref: bookletPath(c, cycle) }));
    },
  }),
  route({
    method: "GET",
    path: "/cycles/:slug/booklet/pdf",
    action: "site.view",
    load: loadCycle,
    handler: (c, cycle) => pdfPage(c, cycle),
  }),
  route({
    method: "POST",
    path: "/cycles/:slug/booklet/pdf",
    action: "site.view",
    load: loadCycle,
    async handler(c, cycle) {
      const { hash } = await current(c, cycle);
      const dataDir = c.var.deps.env.dataDir;
      if (pdfAvailable() && !(await cachedPdf(dataDir, hash))) {
        await requestBookletPdf(
          c.var.deps.database,
          { db: c.var.deps.db, dataDir, logger: c.var.deps.logger },
          { slug: cycle.slug, lang: c.var.locale, hash },
        );
      }
      return c.redirect(bookletPath(c, cycle, "/pdf"), 303);
    },
  }),
  route({
    method: "GET",
    path: "/cycles/:slug/booklet/pdf/download",
    action: "site.view",
    load: loadCycle,
    async handler(c, cycle) {
      const { hash } = await current(c, cycle);
      const cached = await cachedPdf(c.var.deps.env.dataDir, hash);
      if (!cached) return c.redirect(bookletPath(c, cycle, "/pdf"), 303);
      const bytes = await readFile(cached.path).catch(() => null);
      if (!bytes) return renderError(c, "notFound");
      c.header("Cache-Control", "no-cache");
      c.header("ETag", `"${hash}"`);
      c.header("Content-Disposition", `inline; filename="booklet-${cycle.slug}-${c.var.locale}.pdf"`);
      c.header("X-Content-Type-Options", "nosniff");
      c.header("Content-Security-Policy", "sandbox; default-src 'none'");
      return c.body(new Uint8Array(bytes), 200, { "Content-Type": "application/pdf" });
    },
  }),
];
