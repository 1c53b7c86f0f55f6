import { expect, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../../src/db/seed/demo-data.js";
import { auth } from "../../../src/i18n/messages/auth.js";
import { common } from "../../../src/i18n/messages/common.js";
import { checkPages, visit } from "../fixtures.js";

function demoEmail(role: (typeof DEMO_ACCOUNTS)[number]["role"]): string {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role);
  if (!account) throw new Error(`No demo account with the role ${role}`);
  return account.email;
}

/** The demo accounts (src/db/seed/demo-data.ts); all share DEMO_PASSWORD. */
export const MEMBER_EMAIL = demoEmail("member");
export const ADMIN_EMAIL = demoEmail("admin");

/** Fills and sends the English sign-in form the page shows now. */
export async function fillSignInForm(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  const main = page.getByRole("main");
  await main.getByLabel(auth.en.email, { exact: true }).fill(email);
  await main.getByLabel(auth.en.password, { exact: true }).fill(password);
  await main.getByRole("button", { name: common.en.signIn, exact: true }).click();
  await page.waitForURL((url) => !url.pathname.endsWith("/sign-in"));
  await checkPages(page);
}

/** Signs in with a password through the sign-in page, as a person would. */
export async function signIn(page: Page, email: string): Promise<void> {
  await visit(page, "/en/sign-in");
  await fillSignInForm(page, email);
  // Without a `next`, a person lands on their account page, in their own language.
  await expect(page).toHaveURL(/\/(fr|nl|de|en)\/account$/);
}
