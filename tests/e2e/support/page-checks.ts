import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page, Response } from "@playwright/test";

/** WCAG 2.1 levels A and AA: zero violations allowed. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * axe-core, the engine of @axe-core/playwright, resolved from it so both are the same version.
 * It is installed as an init script of the replay page: AxeBuilder injects its 500 KB source on
 * every call and opens a blank page for each result, which made each check 5 times slower
 * (measured: 0.7–1 s against 0.13 s a page).
 */
const AXE_SOURCE = createRequire(createRequire(import.meta.url).resolve("@axe-core/playwright")).resolve(
  "axe-core/axe.min.js",
);

/** The part of axe's result that we report. */
interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: Array<string | string[]> }>;
}

/** One HTML document the browser received as a top-level page (after a goto, a click, a form). */
export interface CapturedDocument {
  url: string;
  method: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ReplayOptions {
  viewport: { width: number; height: number };
  /** The test's setting: with JavaScript off, the page's own scripts do not run in the replay either. */
  javaScriptEnabled: boolean;
  colorScheme: "light" | "dark" | "no-preference";
  baseURL: string;
}

/** Headers that describe the bytes on the wire, not the decoded body we replay. */
const WIRE_HEADERS = new Set(["content-length", "content-encoding", "transfer-encoding", "set-cookie"]);

function isTopLevelDocument(response: Response): boolean {
  const request = response.request();
  if (!request.isNavigationRequest() || request.resourceType() !== "document") return false;
  try {
    if (request.frame().parentFrame() !== null) return false;
  } catch {
    return false; // a service worker's request has no frame
  }
  const status = response.status();
  if (status < 200 || status === 204 || (status >= 300 && status < 400)) return false;
  return (response.headers()["content-type"] ?? "").includes("text/html");
}

async function capture(response: Response): Promise<CapturedDocument> {
  const request = response.request();
  try {
    const headers = Object.fromEntries(
      Object.entries(await response.allHeaders()).filter(([name]) => !WIRE_HEADERS.has(name.toLowerCase())),
    );
    return {
      url: response.url(),
      method: request.method(),
      status: response.status(),
      headers,
      body: await response.text(),
    };
  } catch (error) {
    // The browser dropped the body (the page was left at once): say so rather than pass silently.
    return {
      url: response.url(),
      method: request.method(),
      status: -1,
      headers: {},
      body: `could not read the page: ${(error as Error).message}`,
    };
  }
}

function describeDocument(doc: CapturedDocument): string {
  return `${doc.method} ${doc.url} (${doc.status})`;
}

function optionsKey(options: ReplayOptions): string {
  return `${options.viewport.width}x${options.viewport.height}/js-${options.javaScriptEnabled ? "on" : "off"}/${options.colorScheme}`;
}

/** The same page served twice differs only by its CSRF tokens: check it once per worker. */
function documentKey(doc: CapturedDocument, options: ReplayOptions): string {
  const body = doc.body.replace(/<input\b[^>]*\bname="_csrf"[^>]*>/g, "<input name=_csrf>");
  return createHash("sha256")
    .update(`${optionsKey(options)}\n${doc.url}\n${doc.status}\n${body}`)
    .digest("hex");
}

/**
 * Replays captured pages in a page of its own, with JavaScript enabled so that axe can run, at
 * the test's viewport and colour scheme, and checks them: axe (WCAG 2.1 A and AA) and no
 * horizontal overflow. The captured HTML is served at its own URL; stylesheets and, when the
 * test has JavaScript on, scripts load from the real server, so the replay looks like the page
 * the test saw at its load event. One per worker; a page already checked is not checked again.
 */
export class Replayer {
  private readonly pages = new Map<string, Promise<Page>>();
  private readonly contexts: BrowserContext[] = [];
  private readonly results = new Map<string, string[]>();
  private replaying: CapturedDocument | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly browser: Browser) {}

  /** The problems of one page, each a line starting with the request that fetched it. */
  check(doc: CapturedDocument, options: ReplayOptions): Promise<string[]> {
    const run = this.queue.then(() => this.checkNow(doc, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.queue;
    await Promise.all(this.contexts.map((c) => c.close()));
  }

  private async checkNow(doc: CapturedDocument, options: ReplayOptions): Promise<string[]> {
    const where = describeDocument(doc);
    if (doc.status === -1) return [`${where}: ${doc.body}`];
    const key = documentKey(doc, options);
    let problems = this.results.get(key);
    if (!problems) {
      problems = await this.analyse(doc, options);
      this.results.set(key, problems);
    }
    return problems.map((p) => `${where}: ${p}`);
  }

  private async analyse(doc: CapturedDocument, options: ReplayOptions): Promise<string[]> {
    const page = await this.pageFor(options);
    this.replaying = doc;
    try {
      await page.goto(doc.url, { waitUntil: "load" });
    } finally {
      this.replaying = null;
    }
    const problems: string[] = [];

    const violations = await page.evaluate(async (tags) => {
      const axe = (
        window as unknown as {
          axe: { run: (context: Document, options: object) => Promise<{ violations: unknown[] }> };
        }
      ).axe;
      const results = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
      return results.violations;
    }, WCAG_TAGS);
    for (const v of violations as AxeViolation[]) {
      const targets = v.nodes.map((n) => n.target.map((t) => (Array.isArray(t) ? t.join(" >>> ") : t)).join(" "));
      problems.push(
        `axe ${v.id} (${v.impact ?? "no impact"}): ${v.help} [${v.helpUrl}]\n      at ${targets.join("\n      at ")}`,
      );
    }

    const width = await page.evaluate(() => {
      const describe = (el: Element) =>
        el.tagName.toLowerCase() + (el.id ? `#${el.id}` : "") + Array.from(el.classList, (c) => `.${c}`).join("");
      const beyond = Array.from(document.querySelectorAll("body *"))
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
        .slice(0, 5)
        .map(describe);
      const unloaded = Array.from(document.querySelectorAll<HTMLLinkElement>('link[rel~="stylesheet"]'))
        .filter((link) => !link.sheet)
        .map((link) => link.getAttribute("href") ?? "");
      return { scrollWidth: document.documentElement.scrollWidth, beyond, unloaded };
    });
    for (const href of width.unloaded) problems.push(`the stylesheet ${href} did not load`);
    if (width.scrollWidth > options.viewport.width) {
      problems.push(
        `the page is ${width.scrollWidth} px wide in a ${options.viewport.width} px viewport` +
          (width.beyond.length ? `; reaching past the right edge: ${width.beyond.join(", ")}` : ""),
      );
    }
    return problems;
  }

  private pageFor(options: ReplayOptions): Promise<Page> {
    const key = optionsKey(options);
    let page = this.pages.get(key);
    if (!page) {
      page = this.openPage(options);
      this.pages.set(key, page);
    }
    return page;
  }

  private async openPage(options: ReplayOptions): Promise<Page> {
    const origin = new URL(options.baseURL).origin;
    const context = await this.browser.newContext({
      viewport: options.viewport,
      colorScheme: options.colorScheme,
      javaScriptEnabled: true,
    });
    this.contexts.push(context);
    await context.addInitScript({ path: AXE_SOURCE });
    await context.route("**/*", async (route) => {
      const request = route.request();
      const doc = this.replaying;
      if (doc && request.isNavigationRequest() && request.url() === doc.url) {
        return route.fulfill({ status: doc.status, headers: doc.headers, body: doc.body });
      }
      if (!options.javaScriptEnabled && request.resourceType() === "script") return route.abort();
      if (new URL(request.url()).origin !== origin) return route.abort();
      return route.continue();
    });
    return context.newPage();
  }
}

/**
 * Watches one test's browser context: every HTML page it receives (by a goto, a click or a
 * form) is captured from the response, then checked by the worker's Replayer. Analysing the
 * live page instead would race the test's next click, and axe cannot run in a page whose
 * JavaScript is off.
 */
export class PageChecks {
  private readonly pending: Array<Promise<CapturedDocument>> = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly replayer: Replayer,
    private readonly options: ReplayOptions,
  ) {}

  watch(context: BrowserContext): void {
    context.on("response", (response) => {
      if (isTopLevelDocument(response)) this.pending.push(capture(response));
    });
  }

  /** Checks the pages received since the last call; returns their problems. */
  checkPending(): Promise<string[]> {
    const run = this.queue.then(async () => {
      const problems: string[] = [];
      while (this.pending.length > 0) {
        const doc = await this.pending.shift()!;
        problems.push(...(await this.replayer.check(doc, this.options)));
      }
      return problems;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}

export function formatProblems(problems: string[]): string {
  return `${problems.length} accessibility or layout problem(s) on the pages visited:\n  - ${problems.join("\n  - ")}`;
}
