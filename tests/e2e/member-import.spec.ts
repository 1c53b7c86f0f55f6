import { auth } from "../../src/i18n/messages/auth.js";
import { imports } from "../../src/i18n/messages/imports.js";
import { ADMIN_EMAIL, fillSignInForm } from "./support/accounts.js";
import { membersCsv, type BadRowKind } from "./support/members-csv.js";
import { checkPages, expect, test, visit } from "./fixtures.js";

const IMPORT_PAGE = "/en/admin/organisations/smart-be/import";

const en = imports.en;
function reasonFor(kind: BadRowKind, value: string): string {
  switch (kind) {
    case "invalidEmail":
      return en.rowInvalidEmail;
    case "missingName":
      return en.rowRequired;
    case "unknownCollege":
      return en.rowUnknownCollege.replace("{{value}}", value);
  }
}

test("an admin imports 1,000 members: 3 bad rows with their reasons, then the 997 good ones", async ({
  page,
}, testInfo) => {
  test.slow();
  const csv = membersCsv(`e2e-${testInfo.project.name}-${Date.now().toString(36)}`);

  // A visitor is sent to sign in first, and brought back to the import page.
  await visit(page, IMPORT_PAGE);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(auth.en.signInTitle);
  await fillSignInForm(page, ADMIN_EMAIL);
  await expect(page).toHaveURL(new RegExp(`${IMPORT_PAGE}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.pageTitle);

  const main = page.getByRole("main");
  await main.getByLabel(en.fileLabel, { exact: true }).setInputFiles({
    name: "register.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(csv.content, "utf8"),
  });
  await main.getByRole("button", { name: en.submit, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.reviewTitle);
  await checkPages(page);

  // Exactly the three bad lines, each with its reason.
  const issues = main.getByRole("table", { name: en.issuesCaption, exact: true });
  const rows = issues.locator("tbody tr");
  await expect(rows).toHaveCount(csv.badRows.length);
  for (const [i, bad] of csv.badRows.entries()) {
    const row = rows.nth(i);
    await expect(row.getByRole("rowheader")).toHaveText(String(bad.line));
    await expect(row.getByRole("cell").last()).toHaveText(reasonFor(bad.kind, bad.value));
  }
  await expect(main).toContainText(
    en.reviewCounts.replace("{{rows}}", "1,000").replace("{{good}}", "997").replace("{{bad}}", "3"),
  );

  await main.getByRole("button", { name: en.confirmButton.replace("{{count}}", "997"), exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.resultTitle);
  await checkPages(page);
  const result = main.getByRole("table", { name: en.resultCaption, exact: true });
  await expect(result.getByRole("row", { name: en.resultCreated })).toContainText("997");
  await expect(result.getByRole("row", { name: en.resultSkipped })).toContainText("3");
});
