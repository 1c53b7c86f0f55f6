import { test as base, expect, type BrowserContext, type Page, type Response } from "@playwright/test";
import { formatProblems, PageChecks, Replayer } from "./support/page-checks.js";

const checksByContext = new WeakMap<BrowserContext, PageChecks>();

function checksFor(page: Page): PageChecks {
  const checks = checksByContext.get(page.context());
  if (!checks)
    throw new Error("This page was not opened by the e2e fixtures: import { test } from tests/e2e/fixtures.js");
  return checks;
}

/**
 * Every spec imports `test` from here. An automatic fixture watches the test's browser context:
 * every HTML page it receives (by `visit`, `goto`, a click or a form) is checked with axe
 * (WCAG 2.1 A and AA, zero violations) and must be no wider than the viewport. Problems fail
 * the test at the next `visit` or `checkPages`, and at the latest when the test ends.
 */
export const test = base.extend<{ pageChecks: PageChecks }, { replayer: Replayer }>({
  replayer: [
    async ({ browser }, use) => {
      const replayer = new Replayer(browser);
      await use(replayer);
      await replayer.close();
    },
    { scope: "worker" },
  ],
  pageChecks: [
    async ({ replayer, context, viewport, javaScriptEnabled, colorScheme, baseURL }, use) => {
      const checks = new PageChecks(replayer, {
        viewport: viewport ?? { width: 1280, height: 720 },
        javaScriptEnabled: javaScriptEnabled ?? true,
        colorScheme: colorScheme ?? "light",
        baseURL: baseURL ?? "http://127.0.0.1",
      });
      checks.watch(context);
      checksByContext.set(context, checks);
      await use(checks);
      const problems = await checks.checkPending();
      expect(problems, formatProblems(problems)).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Checks now every page received so far (after a click or a form), so a failure points here. */
export async function checkPages(page: Page): Promise<void> {
  const problems = await checksFor(page).checkPending();
  expect(problems, formatProblems(problems)).toEqual([]);
}

/** Opens a URL, then checks the page (and any page it redirected to) with axe and for width. */
export async function visit(page: Page, url: string): Promise<Response> {
  const response = await page.goto(url);
  if (!response) throw new Error(`No response for ${url}`);
  await checkPages(page);
  return response;
}
