import { errors } from "../../src/i18n/messages/errors.js";
import { LOCALES } from "../../src/i18n/locales.js";
import { expect, test, visit } from "./fixtures.js";

// The public pages in every language: each is checked with axe and for width by the fixture.
for (const locale of LOCALES) {
  test(`the home and sign-in pages in ${locale}`, async ({ page }) => {
    await visit(page, `/${locale}/`);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
    await visit(page, `/${locale}/sign-in`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  });
}

test("a page that does not exist answers 404 with a page of the site", async ({ page }) => {
  const response = await visit(page, "/en/no-such-page");
  expect(response.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(errors.en.notFoundTitle);
});
