import { catalogue } from "../../src/i18n/messages/catalogue.js";
import { common } from "../../src/i18n/messages/common.js";
import { openData } from "../../src/i18n/messages/openData.js";
import { checkPages, expect, test, visit } from "./fixtures.js";

const fr = catalogue.fr;

test("a French search for “comités d'éthique” finds recommendation 3 of 2015–2016", async ({ page }) => {
  const main = page.getByRole("main");
  await visit(page, "/fr/");
  await page
    .getByRole("navigation", { name: /./ })
    .getByRole("link", { name: common.fr.recommendations, exact: true })
    .first()
    .click();
  await checkPages(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(fr.title);
  await main.getByLabel(fr.fieldText).fill("comités d'éthique");
  await main.getByRole("button", { name: fr.submit, exact: true }).click();
  await checkPages(page);
  const results = main.getByRole("list").filter({ hasText: "Cycle 2015-2016, recommandation 3" });
  await expect(results).toHaveCount(1);
  const first = main.locator("ol.catalogue-results > li").first();
  await expect(first).toContainText("Cycle 2015-2016, recommandation 3");
  await first.getByRole("link", { name: "Créer en son sein un comité d’éthique." }).click();
  await checkPages(page);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("comité d’éthique");

  // Narrowed by a filter with no match: said so, and nothing else listed.
  await visit(page, "/fr/recommendations");
  await main.getByLabel(fr.fieldText).fill("comités d'éthique");
  await main.getByLabel(fr.fieldCycle).selectOption("2020-2021");
  await main.getByRole("button", { name: fr.submit, exact: true }).click();
  await checkPages(page);
  await expect(main).toContainText(fr.none);
});

test("the open data page documents its datasets and links every download", async ({ page }) => {
  const main = page.getByRole("main");
  await visit(page, "/nl/");
  await page.getByRole("contentinfo").getByRole("link", { name: common.nl.openData }).click();
  await checkPages(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(openData.nl.title);
  const csv = main.getByRole("link", {
    name: openData.nl.csvLink.replace("{{dataset}}", openData.nl.dataset_recommendations),
  });
  await expect(csv).toHaveAttribute("href", "/nl/open-data/recommendations.csv");
  const response = await page.request.get("/nl/open-data/recommendations.csv");
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain("Créer en son sein un comité d’éthique.");
});
