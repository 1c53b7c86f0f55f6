import { checkPages, expect, test } from "./fixtures.js";

// The checks themselves: a page with known faults, served by the browser, must be refused.
test("the automatic checks catch an axe violation and a page wider than the viewport", async ({ page, baseURL }) => {
  const url = `${baseURL}/e2e-self-test/faulty-page`;
  await page.route(url, (route) =>
    route.fulfill({
      status: 200,
      contentType: "text/html; charset=utf-8",
      body: `<!DOCTYPE html><html lang="en"><head><title>Faulty</title></head><body><main>
        <h1>Faulty page</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
        <div style="width: 3000px">too wide</div></main></body></html>`,
    }),
  );
  await page.goto(url);
  const failure = await checkPages(page).then(
    () => null,
    (error: Error) => error.message,
  );
  expect(failure).toContain(`GET ${url} (200): axe image-alt (critical)`);
  expect(failure).toContain("at img");
  expect(failure).toMatch(/the page is \d+ px wide in a \d+ px viewport; reaching past the right edge: div/);
});
