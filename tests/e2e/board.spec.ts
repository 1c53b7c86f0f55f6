import type { Page } from "@playwright/test";
import { common } from "../../src/i18n/messages/common.js";
import { board } from "../../src/i18n/messages/board.js";
import { signIn } from "./support/accounts.js";
import { checkPages, expect, test, visit } from "./fixtures.js";

const en = board.en;
const FACILITATOR = "facilitator@demo.letscoop.test";
const BOARD = "board@demo.letscoop.test";
const EQUALITY_TITLE = "Thinking and acting for equality";
const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k]));

async function signOut(page: Page) {
  await page.getByRole("button", { name: common.en.signOut }).click();
  await expect(page.getByRole("button", { name: common.en.signOut })).toHaveCount(0);
  await checkPages(page);
}

/**
 * The group's part, through the drafting pages (their field names, not their labels, which are
 * another area's): the facilitator writes a recommendation.
 */
async function draft(page: Page, groupUrl: string, title: string, argumentation: string): Promise<void> {
  const response = await visit(page, `${groupUrl}/recommendations/new`);
  expect(response.status()).toBe(200);
  const form = page.locator('form[action$="/recommendations/new"]');
  await form.locator('[name="title"]').fill(title);
  await form.locator('[name="context"]').fill("Pay gaps remain between members doing the same work.");
  await form.locator('[name="argumentation"]').fill(argumentation);
  await form.locator('button[type="submit"]').click();
  await page.waitForURL(/\/recommendations\/[0-9a-f-]{36}/);
  await checkPages(page);
}

test("the board amends a recommendation by line range, merges, retains two and makes one action proposal", async ({
  page,
}, testInfo) => {
  test.slow();
  // Both projects share one server: each works on its own recommendations.
  const tag = testInfo.project.name;
  const first = `Publier chaque année les écarts de rémunération (${tag})`;
  const second = `Former les recruteurs contre les biais (${tag})`;
  const main = page.getByRole("main");

  // The group drafts two recommendations and submits them.
  await signIn(page, FACILITATOR);
  await visit(page, "/en/cycles/2020-2021/groups");
  await main.getByRole("link", { name: EQUALITY_TITLE, exact: true }).click();
  await checkPages(page);
  const groupUrl = new URL(page.url()).pathname;
  await draft(
    page,
    groupUrl,
    first,
    "Equal pay is a matter of trust between the members and the cooperative that employs them.",
  );
  await draft(page, groupUrl, second, "Recruiters learn to see their own biases.");
  await visit(page, `${groupUrl}/recommendations`);
  const submit = page.locator('form[action$="/recommendations/submit"]');
  // The other project may have submitted ours with its own: then there is nothing left here.
  if ((await submit.count()) > 0) {
    await submit.locator('[name="confirm"]').check();
    await submit.locator('button[type="submit"]').click();
    await checkPages(page);
  }
  await signOut(page);

  // The board member finds it in the board's list.
  await signIn(page, BOARD);
  await visit(page, "/en/cycles/2020-2021/board");
  await main.getByRole("link", { name: first, exact: true }).click();
  await checkPages(page);
  const firstUrl = new URL(page.url()).pathname;
  await expect(main.getByRole("list", { name: fill(en.linesOf, { section: en.sectionArgumentation }) })).toContainText(
    "Equal pay is a matter of trust",
  );

  // An amendment on line 1 of the argumentation, accepted and merged into version 2.
  const amend = page.locator('form[action$="/amendments"]');
  await amend.getByLabel(en.fieldSection, { exact: true }).selectOption("argumentation");
  await amend.getByLabel(en.fieldFromLine, { exact: true }).fill("1");
  await amend.getByLabel(en.fieldToLine, { exact: true }).fill("1");
  await amend.getByLabel(en.fieldReplacement, { exact: true }).fill("Equal pay is the first promise of a cooperative.");
  await amend.getByLabel(en.fieldAmendReason, { exact: true }).fill("Shorter and plainer.");
  await amend.getByRole("button", { name: en.proposeSubmit, exact: true }).click();
  await expect(page.getByRole("status")).toHaveText(en.noticeAmendment);
  await checkPages(page);
  await expect(main).toContainText(
    fill(en.amendmentHeading, { section: en.sectionArgumentation, from: 1, to: 1, version: 1 }),
  );
  await main.getByRole("button", { name: fill(en.accept, { number: 1 }), exact: true }).click();
  await expect(page.getByRole("status")).toHaveText(en.noticeAccepted);
  await checkPages(page);
  await main.getByRole("button", { name: en.mergeSubmit, exact: true }).click();
  await expect(page.getByRole("status")).toHaveText(fill(en.noticeMerged, { number: 2 }));
  await checkPages(page);
  await expect(main.getByRole("list", { name: fill(en.linesOf, { section: en.sectionArgumentation }) })).toContainText(
    "Equal pay is the first promise of a cooperative.",
  );

  // Retained as amended, with its reasons.
  await main.getByLabel(en.fieldDecision, { exact: true }).selectOption("retained_amended");
  await main.getByLabel(en.fieldReasons, { exact: true }).fill("Retained with the board's shorter wording.");
  await main.getByRole("button", { name: en.decisionSubmit, exact: true }).click();
  await expect(page.getByRole("status")).toHaveText(en.noticeDecided);
  await checkPages(page);
  await expect(main.getByRole("table", { name: en.historyCaption })).toContainText(en.decisionRetainedAmended);

  // The second one is retained as it is.
  await visit(page, "/en/cycles/2020-2021/board");
  await main.getByRole("link", { name: second, exact: true }).click();
  await checkPages(page);
  await main.getByLabel(en.fieldDecision, { exact: true }).selectOption("retained");
  await main.getByLabel(en.fieldReasons, { exact: true }).fill("Training already exists in part; retained.");
  await main.getByRole("button", { name: en.decisionSubmit, exact: true }).click();
  await expect(page.getByRole("status")).toHaveText(en.noticeDecided);
  await checkPages(page);

  // One action proposal from both.
  await visit(page, "/en/cycles/2020-2021/proposals/new");
  const title = `An equal-pay plan (${tag})`;
  await main.getByLabel(en.fieldProposalTitle, { exact: true }).fill(title);
  await main.getByLabel(en.fieldDescription, { exact: true }).fill("Publish the gaps and train the recruiters.");
  await main.getByLabel(first).check();
  await main.getByLabel(second).check();
  await main.getByRole("button", { name: en.createProposal, exact: true }).click();
  await checkPages(page);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
  await expect(main.getByRole("link", { name: first })).toHaveCount(1);
  await expect(main.getByRole("link", { name: second })).toHaveCount(1);

  // The recommendations now sit in the proposal.
  await visit(page, firstUrl);
  await expect(main.getByRole("definition").filter({ hasText: en.stateInProposal })).toHaveCount(1);
  await signOut(page);
});

test("the board's pages of the 2015–2016 demo cycle and the workflow settings pass the checks", async ({ page }) => {
  test.slow();
  const main = page.getByRole("main");
  // Public: the action proposals and one proposal, with links back to its recommendations.
  await visit(page, "/en/cycles/2015-2016/proposals");
  await main.locator('a[href^="/en/proposals/"]').first().click();
  await checkPages(page);
  await expect(page.getByRole("heading", { level: 2, name: en.fromRecommendationsTitle })).toBeVisible();

  // The board's list and the instruction page of a decided recommendation.
  await signIn(page, BOARD);
  await visit(page, "/en/cycles/2015-2016/board");
  await main.getByRole("table").first().getByRole("link").first().click();
  await checkPages(page);
  await expect(page.getByRole("heading", { level: 2, name: en.historyTitle })).toBeVisible();
  await signOut(page);

  // Those who run the process configure the workflow; a wrong line is explained.
  await signIn(page, "manager@demo.letscoop.test");
  await visit(page, "/en/admin/organisations/smart-be/workflows");
  const form = main.locator("form").filter({ has: page.locator('[name="recommendation-states"]') });
  await form.getByLabel(en.wfStates, { exact: true }).fill("draft : drafting\nsubmitted");
  await form.getByRole("button", { name: en.wfSave, exact: true }).click();
  await checkPages(page);
  await expect(main).toContainText(fill(en.wfStateLine, { line: 2 }));
  await signOut(page);
});
