import { DEMO_ACCOUNTS } from "../../src/db/seed/demo-data.js";
import { common } from "../../src/i18n/messages/common.js";
import { errors } from "../../src/i18n/messages/errors.js";
import { localTalks } from "../../src/i18n/messages/localTalks.js";
import { signIn } from "./support/accounts.js";
import { withFileLock } from "./support/file-lock.js";
import { checkPages, expect, test, visit } from "./fixtures.js";

const en = localTalks.en;
const FACILITATOR_EMAIL = DEMO_ACCOUNTS.find((a) => a.role === "facilitator")!.email;

test("the local talks of 2015–2016 are public, with their contributions", async ({ page }) => {
  const main = page.getByRole("main");
  await visit(page, "/en/cycles/2015-2016/local-talks");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.listTitle);
  await expect(main.getByRole("link", { name: en.newLink })).toHaveCount(0);
  await main.getByRole("link", { name: "Small talk : tous sociétaires ?", exact: true }).click();
  await checkPages(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Small talk : tous sociétaires ?");
  await expect(main).toContainText("Charleroi");
  await expect(main).toContainText("26 people");
  await expect(main).toContainText("Une part à petit prix");
  await expect(main.getByRole("link", { name: en.editLink })).toHaveCount(0);
});

test("a facilitator records a local talk, corrects a refused form, adds a contribution and edits it", async ({
  page,
}, testInfo) => {
  const title = `Small talk e2e (${testInfo.project.name}, ${Date.now().toString(36)})`;
  const main = page.getByRole("main");
  await signIn(page, FACILITATOR_EMAIL);
  await withFileLock("local-talks-2020-2021", async () => {
    await visit(page, "/en/cycles/2020-2021/local-talks/new");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.newTitle);
    await main.getByLabel(en.fieldTitle, { exact: true }).fill(title);
    await main.getByLabel(en.fieldCity, { exact: true }).fill("Verviers");
    await main.getByLabel(en.fieldDate, { exact: true }).fill("2021-04-08");
    await main.getByLabel(en.fieldStartTime, { exact: true }).fill("19:00");
    await main.getByLabel(en.fieldDuration, { exact: true }).fill("90");
    await main.getByLabel(en.fieldGroup, { exact: true }).selectOption({
      label: "Thinking and acting for equality (Every organisation of the cycle)",
    });
    await main.getByLabel(en.fieldAttendance, { exact: true }).fill("-4");
    await main.getByRole("button", { name: en.create, exact: true }).click();
    await expect(main.getByRole("alert")).toContainText(errors.en.invalidNumber);
    await checkPages(page);
    // What was typed is kept.
    await expect(main.getByLabel(en.fieldTitle, { exact: true })).toHaveValue(title);
    await expect(main.getByLabel(en.fieldCity, { exact: true })).toHaveValue("Verviers");

    await main.getByLabel(en.fieldAttendance, { exact: true }).fill("12");
    await main.getByRole("button", { name: en.create, exact: true }).click();
    await expect(page.getByRole("status")).toHaveText(en.noticeCreated);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await checkPages(page);
    await expect(main).toContainText("Verviers");
    await expect(main).toContainText("12 people");
    await expect(main).toContainText("90 minutes");
    await expect(main.getByRole("link", { name: "Thinking and acting for equality" })).toBeVisible();

    // The edit below changes the cycle's attendance total too: still under the lock.
    await main.getByLabel(en.fieldAuthor, { exact: true }).fill("Aline");
    await main
      .getByLabel(en.fieldBody, { exact: true })
      .fill("Des permanences le samedi, pour celles et ceux qui travaillent en semaine.");
    await main.getByRole("button", { name: en.addButton, exact: true }).click();
    await expect(page.getByRole("status")).toHaveText(en.noticeContribution);
    await checkPages(page);
    await expect(main).toContainText("Des permanences le samedi");
    await expect(main).toContainText("— Aline");

    await main.getByRole("link", { name: en.editLink }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.editTitle);
    await checkPages(page);
    await main.getByLabel(en.fieldAttendance, { exact: true }).fill("14");
    await main.getByRole("button", { name: common.en.save, exact: true }).click();
    await expect(page.getByRole("status")).toHaveText(en.noticeSaved);
    await expect(main).toContainText("14 people");
    await checkPages(page);
  });

  await visit(page, "/en/cycles/2020-2021/local-talks");
  const row = main.getByRole("row").filter({ has: page.getByRole("link", { name: title, exact: true }) });
  await expect(row.getByRole("cell").nth(1)).toHaveText("Verviers");
  await expect(row.getByRole("cell").nth(2)).toHaveText("14");
});
