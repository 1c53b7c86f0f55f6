import { actionPlan } from "../../src/i18n/messages/actionPlan.js";
import { checkPages, expect, test, visit } from "./fixtures.js";
import { signIn } from "./support/accounts.js";

const en = actionPlan.en;

test("the board posts a progress update; the recommendation's timeline, the dashboard and the axes show the plan", async ({
  page,
}, testInfo) => {
  const main = page.getByRole("main");
  const note = `Meetings held in Liège and Eupen (${testInfo.project.name})`;
  await signIn(page, "board@demo.letscoop.test");
  await visit(page, "/en/organisations/smart-be/action-plan");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Action plan of Smart Belgique");
  await main.getByRole("link", { name: "Rencontres décentralisées des sociétaires" }).click();
  await checkPages(page);
  await main.getByRole("link", { name: en.newUpdateLink }).click();
  await checkPages(page);

  // 150 % is refused, with the error on the field and the text kept.
  await main.getByLabel(en.fieldBody).fill(note);
  await main.getByLabel(en.fieldProgress).fill("150");
  await main.getByRole("button", { name: en.postUpdate }).click();
  await checkPages(page);
  await expect(page.getByRole("alert")).toContainText(`${en.fieldProgress}: ${en.badPercent}`);
  await expect(main.getByLabel(en.fieldBody)).toHaveValue(note);
  await main.getByLabel(en.fieldProgress).fill("75");
  await main.getByRole("button", { name: en.postUpdate }).click();
  await checkPages(page);
  await expect(page.getByText(en.noticeUpdate)).toBeVisible();
  await expect(main).toContainText(note);

  // Two of the recommendations of proposal 5 (it carries 9, 33, 34 and 35) show it in their
  // timeline, up to today.
  const projectUrl = new URL(page.url()).pathname;
  for (const n of [9, 33]) {
    await visit(page, projectUrl);
    await main.getByRole("link", { name: `recommendation ${n}`, exact: true }).click();
    await checkPages(page);
    await expect(main).toContainText(note);
    await expect(main).toContainText("Today: In progress, 75%");
  }

  await visit(page, "/en/cycles/2015-2016/dashboard");
  await expect(main.getByRole("table", { name: en.groupsCaption })).toBeVisible();
  await expect(main.getByRole("img", { name: new RegExp(en.chartAxes) })).toBeVisible();
  await visit(page, "/en/organisations/smart-be/axes");
  await expect(main).toContainText("Axis 4: Smart comme expérience démocratique et participative");
  await visit(page, "/en/admin/organisations/smart-be/axes");
  await expect(main.getByRole("button", { name: en.addAxis })).toBeVisible();
});
