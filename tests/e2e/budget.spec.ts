import type { Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../src/db/seed/demo-data.js";
import { centsOf } from "../../src/domain/budget/money.js";
import { budget } from "../../src/i18n/messages/budget.js";
import { common } from "../../src/i18n/messages/common.js";
import { groups } from "../../src/i18n/messages/groups.js";
import { MEMBER_EMAIL, signIn } from "./support/accounts.js";
import { withFileLock } from "./support/file-lock.js";
import { checkPages, expect, test, visit } from "./fixtures.js";

const en = budget.en;
const FACILITATOR_EMAIL = DEMO_ACCOUNTS.find((a) => a.role === "facilitator")!.email;
/** The binational group of the 2020–2021 demo cycle, where member@ takes part and facilitator@ facilitates. */
const EQUALITY_TITLE = "Thinking and acting for equality";
/** A tiny but valid PDF: what a scanner would send, much shorter. */
const RECEIPT = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);

type Figures = Record<"allocated" | "submitted" | "approved" | "reimbursed" | "refused" | "remainder", number>;

/** The budget summary of the page shown, in cents (English amounts: "€1,234.50"). */
async function figures(page: Page): Promise<Figures> {
  const read = async (name: keyof Figures) => {
    const text = await page.locator(`#budget-summary [data-total="${name}"]`).innerText();
    const amount = /-?€?[\d,]+\.\d{2}/.exec(text)?.[0] ?? "";
    return centsOf(amount.replace(/[€,]/g, ""));
  };
  return {
    allocated: await read("allocated"),
    submitted: await read("submitted"),
    approved: await read("approved"),
    reimbursed: await read("reimbursed"),
    refused: await read("refused"),
    remainder: await read("remainder"),
  };
}

function today(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels" }).format(new Date());
}

test("a participant submits an expense with a receipt, the facilitator approves it, the budget follows", async ({
  page,
}, testInfo) => {
  test.slow();
  const description = `E2E train ticket (${testInfo.project.name}, ${Date.now().toString(36)})`;
  const main = page.getByRole("main");

  await signIn(page, MEMBER_EMAIL);
  await visit(page, "/en/cycles/2020-2021/groups");
  await main.getByRole("link", { name: EQUALITY_TITLE, exact: true }).click();
  await checkPages(page);
  await page
    .getByRole("navigation", { name: groups.en.navLabel })
    .getByRole("link", { name: groups.en.navBudget })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.heading);
  await checkPages(page);
  const budgetUrl = new URL(page.url()).pathname;
  // member@ takes part: no export, that is for those who lead the group.
  await expect(main.getByRole("link", { name: en.exportLink })).toHaveCount(0);

  // Both projects use the same group on the same server: one at a time, so that totals compare.
  await withFileLock("budget-equality-group", async () => {
    await visit(page, budgetUrl);
    const before = await figures(page);

    await main.getByRole("link", { name: en.newExpenseLink }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.newTitle);
    await checkPages(page);

    // A refused form first: a receipt that is not a PDF, PNG, JPEG or WebP.
    await main.getByLabel(en.category, { exact: true }).selectOption({ label: en.categoryTravel });
    await main.getByLabel(en.amountLabel, { exact: true }).fill("12,34");
    await main.getByLabel(en.dateLabel, { exact: true }).fill(today());
    await main.getByLabel(en.descriptionLabel, { exact: true }).fill(description);
    await main
      .getByLabel(en.receiptLabel, { exact: true })
      .setInputFiles({ name: "receipt.txt", mimeType: "text/plain", buffer: Buffer.from("I paid") });
    await main.getByRole("button", { name: en.submit, exact: true }).click();
    await expect(main.getByRole("alert")).toContainText(en.receiptUnsupported);
    await checkPages(page);
    await expect(main.getByLabel(en.amountLabel, { exact: true })).toHaveValue("12,34");
    await expect(main.getByLabel(en.descriptionLabel, { exact: true })).toHaveValue(description);

    await main
      .getByLabel(en.receiptLabel, { exact: true })
      .setInputFiles({ name: "ticket.pdf", mimeType: "application/pdf", buffer: RECEIPT });
    await main.getByRole("button", { name: en.submit, exact: true }).click();
    await expect(page.getByRole("status")).toHaveText(en.noticeSubmitted);
    await checkPages(page);
    const expenseUrl = new URL(page.url()).pathname;
    expect(expenseUrl).toMatch(/^\/en\/expenses\/[0-9a-f-]{36}$/);
    await expect(main).toContainText(description);
    await expect(main).toContainText(en.statusSubmitted);
    await expect(main.getByRole("link", { name: /^Download ticket\.pdf/ })).toBeVisible();
    // Nobody decides their own expense: no button for member@.
    await expect(main.getByRole("button", { name: en.approve })).toHaveCount(0);
    await expect(main.getByRole("button", { name: en.refuse })).toHaveCount(0);
    await expect(main).toContainText(en.waitingOwn);

    await visit(page, budgetUrl);
    const submitted = await figures(page);
    expect(submitted).toEqual({ ...before, submitted: before.submitted + 1234 });
    await expect(main.getByRole("link", { name: description })).toBeVisible();

    // The facilitator approves it.
    await page.getByRole("button", { name: common.en.signOut }).click();
    await expect(page.getByRole("button", { name: common.en.signOut })).toHaveCount(0);
    await checkPages(page);
    await signIn(page, FACILITATOR_EMAIL);
    await visit(page, expenseUrl);
    await main.getByRole("button", { name: en.approve, exact: true }).click();
    await expect(page.getByRole("status")).toHaveText(en.noticeApproved);
    await checkPages(page);
    await expect(main).toContainText(en.statusApproved);
    await expect(main.getByRole("button", { name: en.approve })).toHaveCount(0);

    await visit(page, budgetUrl);
    const approved = await figures(page);
    expect(approved).toEqual({
      ...before,
      approved: before.approved + 1234,
      remainder: before.remainder - 1234,
    });
    await expect(main.getByRole("link", { name: en.exportLink })).toBeVisible();
  });
});
