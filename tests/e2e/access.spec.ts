import { auth } from "../../src/i18n/messages/auth.js";
import { errors } from "../../src/i18n/messages/errors.js";
import { MEMBER_EMAIL, signIn } from "./support/accounts.js";
import { expect, test, visit } from "./fixtures.js";

const ADMIN_MEMBERS_PAGE = "/en/admin/organisations/smart-be/members";

test("a member is refused an administration page: 403, Access denied", async ({ page }) => {
  await signIn(page, MEMBER_EMAIL);
  const response = await visit(page, ADMIN_MEMBERS_PAGE);
  expect(response.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(errors.en.forbiddenTitle);
  await expect(page.getByRole("main")).toContainText(errors.en.forbiddenBody);
});

test("a visitor asking for an administration page is sent to sign in, and back after", async ({ page }) => {
  await visit(page, ADMIN_MEMBERS_PAGE);
  const url = new URL(page.url());
  expect(url.pathname).toBe("/en/sign-in");
  expect(url.searchParams.get("next")).toBe(ADMIN_MEMBERS_PAGE);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(auth.en.signInTitle);
});
