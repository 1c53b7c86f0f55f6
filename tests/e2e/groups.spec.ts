import type { Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../src/db/seed/demo-data.js";
import { common } from "../../src/i18n/messages/common.js";
import { groups } from "../../src/i18n/messages/groups.js";
import { signIn } from "./support/accounts.js";
import { checkPages, expect, test, visit } from "./fixtures.js";

const en = groups.en;
const account = (role: (typeof DEMO_ACCOUNTS)[number]["role"]) => DEMO_ACCOUNTS.find((a) => a.role === role)!;
const FACILITATOR = account("facilitator");
/**
 * Members of Smart Belgique outside the equality group, one per project, since both projects
 * run on the same server at the same time.
 */
const JOINER = { "js-on": account("ethics_committee"), "js-off": account("cycle_manager") } as const;
/** The binational group of the 2020–2021 demo cycle, facilitated by facilitator@. */
const EQUALITY_TITLE = "Thinking and acting for equality";

async function signOut(page: Page) {
  await page.getByRole("button", { name: common.en.signOut }).click();
  await expect(page.getByRole("button", { name: common.en.signOut })).toHaveCount(0);
  await checkPages(page);
}

test("a member asks to join a working group, the facilitator accepts, the member is counted", async ({
  page,
}, testInfo) => {
  test.slow();
  const joiner = JOINER[testInfo.project.name as keyof typeof JOINER];
  if (!joiner) throw new Error(`no member chosen for the project ${testInfo.project.name}`);
  const main = page.getByRole("main");
  const participants = main.getByRole("table", { name: en.participantsByCollege, exact: true });

  await signIn(page, joiner.email);
  await visit(page, "/en/cycles/2020-2021/groups");
  await main.getByRole("link", { name: EQUALITY_TITLE, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(EQUALITY_TITLE);
  await checkPages(page);
  const groupUrl = new URL(page.url()).pathname;
  expect(groupUrl).toMatch(/^\/en\/groups\/[0-9a-f-]{36}$/);

  // Tolerant of an earlier run on the same server: start from outside the group.
  if ((await main.getByRole("button", { name: en.leave, exact: true }).count()) > 0) {
    await main.getByRole("button", { name: en.leave, exact: true }).click();
    await expect(page.getByRole("status")).toHaveText(en.noticeLeft);
    await checkPages(page);
  }
  await expect(participants).not.toContainText(joiner.name);
  const askToJoin = main.getByRole("button", { name: en.askToJoin, exact: true });
  if ((await askToJoin.count()) > 0) {
    await askToJoin.click();
    await expect(page.getByRole("status")).toHaveText(en.noticeRequested);
    await checkPages(page);
  }
  await expect(main).toContainText(en.requestWaiting);

  // The facilitator accepts the request on the members' page.
  await signOut(page);
  await signIn(page, FACILITATOR.email);
  await visit(page, groupUrl);
  await page.getByRole("navigation", { name: en.navLabel }).getByRole("link", { name: en.navMembers }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(en.membersHeading);
  await checkPages(page);
  const requests = main.getByRole("table", { name: en.requestsTitle, exact: true });
  await expect(requests).toContainText(joiner.name);
  await requests
    .getByRole("button", { name: en.acceptRequestOf.replace("{{name}}", joiner.name), exact: true })
    .click();
  await expect(page.getByRole("status")).toHaveText(en.noticeAccepted);
  await checkPages(page);
  await expect(main.getByRole("table", { name: en.activeTitle, exact: true })).toContainText(joiner.name);

  // The member now takes part, counted (and named: they opted in to the directory).
  await signOut(page);
  await signIn(page, joiner.email);
  await visit(page, groupUrl);
  await expect(main).toContainText(en.youTakePart.replace("{{role}}", en.role_participant));
  await expect(participants).toContainText(joiner.name);

  // …and may leave again, which also leaves the group as it was for the next run.
  await main.getByRole("button", { name: en.leave, exact: true }).click();
  await expect(page.getByRole("status")).toHaveText(en.noticeLeft);
  await checkPages(page);
  await expect(participants).not.toContainText(joiner.name);
  await expect(main.getByRole("button", { name: en.askToJoin, exact: true })).toBeVisible();
});
