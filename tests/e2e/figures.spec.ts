import type { Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../src/db/seed/demo-data.js";
import { figures as figureMessages } from "../../src/i18n/messages/figures.js";
import { localTalks } from "../../src/i18n/messages/localTalks.js";
import { signIn } from "./support/accounts.js";
import { withFileLock } from "./support/file-lock.js";
import { checkPages, expect, test, visit } from "./fixtures.js";

const en = localTalks.en;
const MANAGER_EMAIL = DEMO_ACCOUNTS.find((a) => a.role === "cycle_manager")!.email;
const COLUMNS = [
  "participants",
  "facilitators",
  "secretaries",
  "meetings",
  "meetingHours",
  "localTalks",
  "localTalkAttendance",
  "distinctPeople",
] as const;
type Figures = Record<(typeof COLUMNS)[number], number>;

/** The total row of the participation table of the cycle page shown (English numbers). */
async function totals(page: Page): Promise<Figures> {
  const cells = await page.locator("#participation-table tfoot td").allInnerTexts();
  expect(cells).toHaveLength(COLUMNS.length);
  return Object.fromEntries(COLUMNS.map((k, i) => [k, Number(cells[i]!.replace(/,/g, ""))])) as Figures;
}

test("the 2015–2016 cycle page shows the published figures, in the sentence and in the table", async ({ page }) => {
  await visit(page, "/fr/cycles/2015-2016");
  await expect(page.locator("#participation-sentence")).toHaveText(
    "58 personnes, encadrées par 12 animateurs et 3 secrétaires, ont participé à 66 heures de réunion réparties sur 21 réunions en 6 mois.",
  );
  const table = page.getByRole("table", { name: figureMessages.fr.tableCaption });
  await expect(table).toBeVisible();
  await expect(page.locator("#participation-table tfoot td")).toHaveText([
    "58",
    "12",
    "3",
    "21",
    "66",
    "5",
    "146",
    "75",
  ]);
  await expect(page.getByRole("img", { name: figureMessages.fr.chartTitle })).toBeVisible();
  const groups = page.getByRole("region", { name: figureMessages.fr.groupsHeading, exact: true });
  await expect(groups.getByRole("listitem").getByRole("link")).toHaveCount(4);

  await visit(page, "/en/cycles/2015-2016");
  await expect(page.locator("#participation-sentence")).toHaveText(
    "58 people, supported by 12 facilitators and 3 secretaries, took part in 66 hours of meetings over 21 meetings in 6 months.",
  );
  expect(await totals(page)).toEqual({
    participants: 58,
    facilitators: 12,
    secretaries: 3,
    meetings: 21,
    meetingHours: 66,
    localTalks: 5,
    localTalkAttendance: 146,
    distinctPeople: 75,
  });
});

test("a local talk recorded by the cycle manager changes the 2020–2021 figures", async ({ page }, testInfo) => {
  const title = `Small talk e2e figures (${testInfo.project.name}, ${Date.now().toString(36)})`;
  const main = page.getByRole("main");
  await signIn(page, MANAGER_EMAIL);
  // Both projects record talks in this cycle on the same server: one at a time, so that totals compare.
  await withFileLock("local-talks-2020-2021", async () => {
    await visit(page, "/en/cycles/2020-2021");
    const before = await totals(page);

    await main.getByRole("link", { name: figureMessages.en.seeTalks }).click();
    await checkPages(page);
    await main.getByRole("link", { name: en.newLink }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.newTitle);
    await checkPages(page);
    await main.getByLabel(en.fieldTitle, { exact: true }).fill(title);
    await main.getByLabel(en.fieldOffice, { exact: true }).selectOption({ label: "Smart Mons (Smart Belgique)" });
    await main.getByLabel(en.fieldDate, { exact: true }).fill("2021-03-11");
    await main.getByLabel(en.fieldStartTime, { exact: true }).fill("18:30");
    await main.getByLabel(en.fieldAttendance, { exact: true }).fill("17");
    await main.getByRole("button", { name: en.create, exact: true }).click();
    await expect(page.getByRole("status")).toHaveText(en.noticeCreated);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await checkPages(page);

    await visit(page, "/en/cycles/2020-2021");
    const after = await totals(page);
    // Other specs may add meetings or members meanwhile; talks are only added under this lock.
    expect(after.localTalks).toBe(before.localTalks + 1);
    expect(after.localTalkAttendance).toBe(before.localTalkAttendance + 17);
  });
});
