import { existsSync } from "node:fs";
import type * as Playwright from "playwright-core";

/** Debian's Chromium, unless CHROMIUM_PATH names another. */
export function chromiumPath(source: NodeJS.ProcessEnv = process.env): string {
  return source.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

/**
 * Runs as root in containers (no sandbox), without a GPU, and without the browser's own calls to
 * the outside: the same arguments as the end-to-end tests' browser.
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

type PlaywrightCore = typeof Playwright;

async function loadPlaywright(): Promise<PlaywrightCore | null> {
  try {
    return await import("playwright-core");
  } catch {
    return null;
  }
}

/** Whether this server can print PDFs: Chromium is installed (and the driver that starts it). */
export function pdfAvailable(source: NodeJS.ProcessEnv = process.env): boolean {
  return existsSync(chromiumPath(source));
}

export class PdfUnavailableError extends Error {
  constructor(message = "Chromium is not installed: the PDF cannot be printed") {
    super(message);
  }
}

/**
 * Prints a standalone HTML document to a tagged PDF with bookmarks (its headings), A4, with the
 * page numbers in the footer. The document loads nothing from outside: requests are refused.
 */
export async function printPdf(html: string, options: { lang: string }): Promise<Buffer> {
  if (!pdfAvailable()) throw new PdfUnavailableError();
  const playwright = await loadPlaywright();
  if (!playwright) throw new PdfUnavailableError("playwright-core is not installed: the PDF cannot be printed");
  const browser = await playwright.chromium.launch({
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    headless: true,
  });
  try {
    const context = await browser.newContext({ locale: options.lang, javaScriptEnabled: false });
    await context.route("**/*", (route) =>
      route.request().url().startsWith("data:") ? route.continue() : route.abort(),
    );
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: "load" });
    const pdf = await page.pdf({
      format: "A4",
      printBackground: true,
      preferCSSPageSize: true,
      tagged: true,
      outline: true,
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate:
        '<div style="font-size:8pt;width:100%;text-align:center;color:#555"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
    });
    await context.close();
    return pdf;
  } finally {
    await browser.close();
  }
}
