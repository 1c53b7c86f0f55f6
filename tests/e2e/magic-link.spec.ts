import { auth } from "../../src/i18n/messages/auth.js";
import { MEMBER_EMAIL } from "./support/accounts.js";
import { withFileLock } from "./support/file-lock.js";
import { linksToSite, outboxFiles, waitForMessage } from "./support/outbox.js";
import { checkPages, expect, test, visit } from "./fixtures.js";

test("a member signs in with a link sent by e-mail and sees their memberships", async ({ page }) => {
  await visit(page, "/en/sign-in");
  await page.getByRole("main").getByRole("link", { name: auth.en.useMagicLink, exact: true }).click();
  await expect(page).toHaveURL(/\/en\/sign-in\/magic-link$/);
  await checkPages(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(auth.en.magicLinkTitle);

  // Both projects ask a link for the same member: one at a time, so each opens its own.
  const link = await withFileLock("member-mailbox", async () => {
    const before = await outboxFiles();
    const main = page.getByRole("main");
    await main.getByLabel(auth.en.email, { exact: true }).fill(MEMBER_EMAIL);
    await main.getByRole("button", { name: auth.en.sendLink, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(auth.en.checkMailTitle);
    await checkPages(page);
    const message = await waitForMessage(MEMBER_EMAIL, before);
    const links = linksToSite(message).filter((l) => new URL(l).pathname.includes("/sign-in/magic/"));
    expect(links, `the sign-in link in ${message.file}`).toHaveLength(1);
    return links[0]!;
  });

  // Opening the link only shows a button (mail scanners open links too); the button signs in.
  await visit(page, link);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.getByRole("main").getByRole("button").click();
  await expect(page).toHaveURL(/\/(fr|nl|de|en)\/account$/);
  await checkPages(page);
  await expect(page.getByRole("main")).toContainText("Smart Belgique");

  // The link works once only.
  await visit(page, link);
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(/^$/);
  await expect(page.getByRole("main").getByRole("button")).toHaveCount(0);
});
