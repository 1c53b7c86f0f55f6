import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishBallot } from "../../src/commands/ballots/publish.js";
import { LOCALES } from "../../src/i18n/locales.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { countedBallot } from "./results-helpers.js";

/**
 * The results page in a real browser (Debian's Chromium), served by the in-process app: axe finds no
 * WCAG 2.1 A/AA violation, and nothing is wider than a 360 px phone, in every language.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const ORIGIN = "http://results.test";

describe.skipIf(!existsSync(CHROMIUM))("results page in a browser: axe and 360 px", () => {
  let t: TestApp;
  let browser: Browser;
  const ballots: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp("pglite");
    for (const method of ["schulze", "irv", "borda", "ranked-pairs"]) {
      ballots[method] = await countedBallot(t.deps.db, method, `Thèmes ${method}`);
      expect((await publishBallot(t.deps.db, ballots[method]!, { actorId: null })).ok).toBe(true);
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("has no axe violation and no horizontal scroll at 360 px and on a desktop", { timeout: 180_000 }, async () => {
    const problems: string[] = [];
    for (const width of [360, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 800 }, javaScriptEnabled: true });
      await context.route(`${ORIGIN}/**`, async (route) => {
        const url = new URL(route.request().url());
        const res = await t.app.request(url.pathname + url.search, { headers: { "accept-language": "fr" } });
        // The page has no script; the CSP goes so that axe can be injected.
        const headers: Record<string, string> = {};
        res.headers.forEach((value, name) => {
          if (name !== "content-security-policy") headers[name] = value;
        });
        await route.fulfill({ status: res.status, headers, body: Buffer.from(await res.arrayBuffer()) });
      });
      const page = await context.newPage();
      for (const [method, id] of Object.entries(ballots)) {
        for (const locale of width === 360 ? LOCALES : (["fr"] as const)) {
          const path = `/${locale}/ballots/${id}/results`;
          const response = await page.goto(`${ORIGIN}${path}`);
          expect(response?.status(), path).toBe(200);
          await page.addScriptTag({ content: AXE_SOURCE });
          const { violations, passes } = await page.evaluate(async (tags) => {
            type AxeResult = {
              violations: Array<{ id: string; nodes: Array<{ target: unknown }> }>;
              passes: unknown[];
            };
            const axe = (window as unknown as { axe: { run: (ctx: Document, o: unknown) => Promise<AxeResult> } }).axe;
            const result = await axe.run(document, { runOnly: { type: "tag", values: tags } });
            return {
              violations: result.violations.map(
                (v) => `${v.id}: ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`,
              ),
              passes: result.passes.length,
            };
          }, WCAG_TAGS);
          expect(passes, "axe ran its checks").toBeGreaterThan(10);
          for (const v of violations) problems.push(`${width}px ${method} ${path}: ${v}`);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          if (overflow > 0) problems.push(`${width}px ${method} ${path}: ${overflow}px wider than the window`);
        }
      }
      await context.close();
    }
    expect(problems).toEqual([]);
  });
});
