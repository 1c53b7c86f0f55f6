import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { serve, type ServerType } from "@hono/node-server";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBallot } from "../../src/commands/ballots/open.js";
import { ballots as messages } from "../../src/i18n/messages/ballots.js";
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumIsInstalled } from "../e2e/support/environment.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { createBallot, demoOrg, personId, votingCounts } from "../commands/ballots-fixtures.js";
import { DEMO_PASSWORD } from "../../src/db/seed/demo-data.js";

/**
 * The ballot page in Debian's Chromium, as a voter on a 360 px phone: with JavaScript, the island
 * reorders by keyboard, buttons and drag, announces each move and keeps the form in step; without
 * it, the selects vote. Every page is checked with axe (WCAG 2.1 A and AA) and for width.
 */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const AXE_SOURCE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const PHONE = { width: 360, height: 740 };
const en = messages.en;

async function problemsOf(page: Page): Promise<string[]> {
  const violations = await page.evaluate(async (tags) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            d: Document,
            o: object,
          ) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return result.violations.map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }, WCAG_TAGS);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  return [...violations, ...(width > PHONE.width ? [`${width} px wide`] : [])];
}

async function order(page: Page): Promise<string[]> {
  return page.$$eval("ol.rank-list > li", (items) => items.map((li) => (li as HTMLElement).dataset.key ?? ""));
}

async function selectValues(page: Page): Promise<Record<string, string>> {
  return page.$$eval("ol.rank-list select", (selects) =>
    Object.fromEntries(selects.map((s) => [(s as HTMLSelectElement).name, (s as HTMLSelectElement).value])),
  );
}

describe.skipIf(!chromiumIsInstalled())("the ballot page in a browser", () => {
  let t: TestApp;
  let server: ServerType;
  let base: string;
  let browser: Browser;
  let ballotId: string;

  beforeAll(async () => {
    t = await createTestApp("pglite");
    server = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const be = await demoOrg(t.deps.db, "smart-be");
    ({ ballotId } = await createBallot(t.deps.db, { organisationIds: [be.id], title: "Thèmes 2026–2027" }));
    await openBallot(t.deps.db, ballotId, { actorId: await personId(t.deps.db, "manager@demo.letscoop.test") });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await t?.close();
  });

  async function signedInPage(email: string, javaScriptEnabled: boolean) {
    const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled, locale: "en-GB" });
    await context.addInitScript({ path: AXE_SOURCE });
    const page = await context.newPage();
    const errors: string[] = [];
    // Script errors and CSP refusals; a missing resource is reported by its response instead.
    page.on("console", (m) => {
      if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("response", (r) => {
      if (r.status() === 404 && !r.url().endsWith("/favicon.ico")) errors.push(`404 ${r.url()}`);
    });
    await page.goto(`${base}/en/sign-in`);
    await page.fill("#field-email", email);
    await page.fill("#field-password", DEMO_PASSWORD);
    await Promise.all([page.waitForURL(/\/account/), page.click("main button[type=submit]")]);
    return { page, errors, context };
  }

  it("reorders by keyboard, buttons and drag, announces each move, and casts", async () => {
    const { page, errors, context } = await signedInPage("member@demo.letscoop.test", true);
    await page.goto(`${base}/en/ballots/${ballotId}`);
    await page.waitForSelector("form.rank-ballot.js-enhanced");
    expect(await problemsOf(page)).toEqual([]);
    expect(await order(page)).toEqual(["housing", "care", "commons", "europe"]);
    expect(await selectValues(page)).toEqual({
      rank_housing: "1",
      rank_care: "2",
      rank_commons: "3",
      rank_europe: "4",
    });
    await expect(page.locator("#rank-keyboard-help").isVisible()).resolves.toBe(true);
    await expect(page.locator("#field-rank_housing").isVisible()).resolves.toBe(false);

    // Keyboard: Space picks up, arrows move, Space drops.
    const live = page.locator("[data-rank-live]");
    await page.focus("#option-housing");
    await page.keyboard.press("Space");
    await expect(live.textContent()).resolves.toBe(
      en.liveMsgPicked.replace("{{title}}", "Housing").replace("{{position}}", "1").replace("{{total}}", "4"),
    );
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await expect(live.textContent()).resolves.toBe(
      en.liveMsgMoved.replace("{{title}}", "Housing").replace("{{position}}", "3").replace("{{total}}", "4"),
    );
    await page.keyboard.press("Space");
    await expect(live.textContent()).resolves.toBe(
      en.liveMsgDropped.replace("{{title}}", "Housing").replace("{{position}}", "3").replace("{{total}}", "4"),
    );
    expect(await order(page)).toEqual(["care", "commons", "housing", "europe"]);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("option-housing");
    expect(await selectValues(page)).toMatchObject({ rank_housing: "3", rank_care: "1" });
    expect(await page.inputValue('input[name="order"]')).toBe("care,commons,housing,europe");
    expect(await page.getAttribute("#option-housing", "aria-label")).toBe(
      en.liveMsgItem.replace("{{title}}", "Housing").replace("{{position}}", "3").replace("{{total}}", "4"),
    );

    // Escape puts a picked-up theme back.
    await page.keyboard.press("Enter");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Escape");
    expect(await order(page)).toEqual(["care", "commons", "housing", "europe"]);

    // Alt+arrow moves at once.
    await page.keyboard.press("Alt+ArrowUp");
    expect(await order(page)).toEqual(["care", "housing", "commons", "europe"]);

    // The move buttons move in place, without leaving the page.
    const url = page.url();
    await page.click('#option-europe button[value="up:europe"]');
    expect(page.url()).toBe(url);
    expect(await order(page)).toEqual(["care", "housing", "europe", "commons"]);
    expect(await page.isDisabled('#option-care button[value="up:care"]')).toBe(true);

    // Drag with the mouse: care (first) below commons (last), with the whole list on screen.
    await page.setViewportSize({ width: PHONE.width, height: 1600 });
    await page.locator("ol.rank-list").scrollIntoViewIfNeeded();
    const from = await page.locator("#option-care .rank-text").boundingBox();
    const to = await page.locator("#option-commons").boundingBox();
    await page.mouse.move(from!.x + 10, from!.y + 5);
    await page.mouse.down();
    for (let step = 1; step <= 12; step++)
      await page.mouse.move(from!.x + 10, from!.y + ((to!.y + to!.height - 5 - from!.y) * step) / 12);
    await page.mouse.up();
    expect(await order(page)).toEqual(["housing", "europe", "commons", "care"]);
    expect(await selectValues(page)).toEqual({
      rank_housing: "1",
      rank_europe: "2",
      rank_commons: "3",
      rank_care: "4",
    });
    await expect(live.textContent()).resolves.toBe(
      en.liveMsgDropped.replace("{{title}}", "Care").replace("{{position}}", "4").replace("{{total}}", "4"),
    );
    await page.setViewportSize(PHONE);

    // The same form posts the order shown.
    await Promise.all([page.waitForURL(/\/receipt$/), page.click("form.rank-ballot .actions button[type=submit]")]);
    expect(await problemsOf(page)).toEqual([]);
    expect(await page.locator(".receipt-code").textContent()).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){6}$/);
    const rows = await t.deps.db.query.castBallots.findMany({ where: (c, { eq }) => eq(c.ballotId, ballotId) });
    expect(rows.map((r) => r.ranking)).toEqual([[["housing"], ["europe"], ["commons"], ["care"]]]);

    await page.click("text=" + en.findOnBoard);
    expect(await problemsOf(page)).toEqual([]);
    expect(await page.locator(".trackers code").count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it("votes with JavaScript off on a 360 px screen, and refuses a duplicate rank", async () => {
    const { page, context } = await signedInPage("board@demo.letscoop.test", false);
    await page.goto(`${base}/en/ballots/${ballotId}`);
    await expect(page.locator("#field-rank_housing").isVisible()).resolves.toBe(true);
    const move = page.locator('#option-housing button[value="down:housing"]');
    await Promise.all([page.waitForLoadState("load"), move.click()]);
    expect(await order(page)).toEqual(["care", "housing", "commons", "europe"]);
    expect(await page.locator("main [role=status]").textContent()).toContain("position 2 of 4");
    await page.selectOption("#field-rank_care", "1");
    await page.selectOption("#field-rank_housing", "1");
    await page.selectOption("#field-rank_commons", "3");
    await page.selectOption("#field-rank_europe", "4");
    const before = await votingCounts(t.deps.db, ballotId);
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.click(".actions button[type=submit]"),
    ]);
    expect(refused.status()).toBe(422);
    await page.waitForLoadState("load");
    await expect(page.locator(".error-summary").isVisible()).resolves.toBe(true);
    expect(await votingCounts(t.deps.db, ballotId)).toEqual(before);
    await page.selectOption("#field-rank_housing", "2");
    await Promise.all([page.waitForURL(/\/receipt$/), page.click(".actions button[type=submit]")]);
    expect(await votingCounts(t.deps.db, ballotId)).toEqual({ register: before.register + 1, cast: before.cast + 1 });
    await context.close();
  }, 90_000);

  it("passes axe and fits 360 px in every state of the page, with and without JavaScript", async () => {
    for (const scripts of [true, false]) {
      const { page, context, errors } = await signedInPage("secretary@demo.letscoop.test", true);
      // Without the page's scripts (axe itself runs as an init script): the page as JS-off browsers get it.
      if (!scripts) await context.route(/\/static\/.*\.js$/, (route) => route.abort());
      const check = async (label: string) =>
        expect({ label, scripts, problems: await problemsOf(page) }).toEqual({ label, scripts, problems: [] });
      await page.goto(`${base}/en/ballots/${ballotId}`);
      await check("form");
      if (!scripts) {
        await Promise.all([page.waitForNavigation(), page.click('#option-care button[value="up:care"]')]);
        await check("reordered");
        for (const [key, rank] of [
          ["care", "1"],
          ["housing", "1"],
          ["commons", "3"],
          ["europe", "4"],
        ] as const) {
          await page.selectOption(`#field-rank_${key}`, rank);
        }
        await Promise.all([page.waitForNavigation(), page.click("form.rank-ballot .actions button[type=submit]")]);
        await expect(page.locator(".error-summary").isVisible()).resolves.toBe(true);
        await check("refused form");
      }
      await page.goto(`${base}/en/ballots/${ballotId}/board`);
      await check("board");
      const tracker = await page.locator(".trackers code").first().textContent();
      await page.goto(`${base}/en/ballots/${ballotId}/board?q=${tracker!.slice(0, 8)}`);
      await check("board search found");
      await page.goto(`${base}/en/ballots/${ballotId}/board?q=zz`);
      await check("board search invalid");
      await page.goto(`${base}/en/ballots/${ballotId}/receipt`);
      await check("receipt gone");
      if (scripts) expect(errors).toEqual([]);
      await context.close();
    }
    // Someone who runs the ballot but is not on its list of voters: the explanation and the admin panel.
    const { page, context } = await signedInPage("admin@demo.letscoop.test", true);
    await page.goto(`${base}/en/ballots/${ballotId}`);
    await expect(page.locator("main h2").allTextContents()).resolves.toEqual(
      expect.arrayContaining([en.notElectorHeading, en.adminHeading]),
    );
    expect(await problemsOf(page)).toEqual([]);
    await context.close();
  }, 120_000);
});
