import { booklet } from "../../src/i18n/messages/booklet.js";
import { checkPages, expect, test, visit } from "./fixtures.js";

const nl = booklet.nl;

test("a Dutch reader downloads the booklet of 2015–2016 as a PDF", async ({ page }) => {
  test.slow();
  const main = page.getByRole("main");
  await visit(page, "/nl/cycles/2015-2016");
  await main.getByRole("link", { name: nl.link, exact: true }).click();
  await checkPages(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");

  // The other project may have printed it already: the same content is printed once.
  const download = main.getByRole("link", { name: new RegExp(`^${nl.pdfReady.split("(")[0]!.trim()} \\(`) });
  if ((await download.count()) === 0) {
    await main.getByRole("button", { name: nl.pdfGenerate, exact: true }).click();
    await checkPages(page);
    for (let i = 0; i < 90 && (await download.count()) === 0; i++) {
      await page.waitForTimeout(1_000);
      const refresh = main.getByRole("link", { name: nl.refresh, exact: true });
      if ((await refresh.count()) > 0) await refresh.click();
      else await page.reload();
      await checkPages(page);
    }
  }
  await expect(download).toHaveCount(1);
  const href = await download.getAttribute("href");
  expect(href).toBe("/nl/cycles/2015-2016/booklet/pdf/download");
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  const bytes = await response.body();
  expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(bytes.byteLength).toBeGreaterThan(100_000);
});
