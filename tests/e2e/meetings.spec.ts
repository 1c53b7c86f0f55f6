import type { Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../src/db/seed/demo-data.js";
import { common } from "../../src/i18n/messages/common.js";
import { groups } from "../../src/i18n/messages/groups.js";
import { meetings } from "../../src/i18n/messages/meetings.js";
import { signIn } from "./support/accounts.js";
import { checkPages, expect, test, visit } from "./fixtures.js";

const en = meetings.en;
const account = (role: (typeof DEMO_ACCOUNTS)[number]["role"]) => DEMO_ACCOUNTS.find((a) => a.role === role)!;
const FACILITATOR = account("facilitator");
const SECRETARY = account("secretary");
const PARTICIPANT = account("member");
/** A member of Smart Belgique outside the group; the equality group's minutes are for members. */
const READER = account("ethics_committee");
/** The binational group of the 2020–2021 demo cycle. */
const EQUALITY_TITLE = "Thinking and acting for equality";

async function signOut(page: Page) {
  await page.getByRole("button", { name: common.en.signOut }).click();
  await expect(page.getByRole("button", { name: common.en.signOut })).toHaveCount(0);
  await checkPages(page);
}

/** The Brussels calendar date `days` from now ("2026-11-20"). */
function dayFromNow(days: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels" }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

test("a facilitator plans a meeting, a participant registers, the secretary takes attendance and drafts the minutes, the facilitator publishes them, a member reads them", async ({
  page,
}, testInfo) => {
  test.slow();
  const title = `Réunion e2e ${testInfo.project.name} ${Date.now().toString(36)}`;
  const minutesText = `Compte rendu ${testInfo.project.name}.\n\n<script>alert(1)</script>\n- première piste\n- deuxième piste`;
  const main = page.getByRole("main");
  const status = page.getByRole("status");

  // The facilitator plans the meeting from the group's meetings page.
  await signIn(page, FACILITATOR.email);
  await visit(page, "/en/cycles/2020-2021/groups");
  await main.getByRole("link", { name: EQUALITY_TITLE, exact: true }).click();
  await checkPages(page);
  await page
    .getByRole("navigation", { name: groups.en.navLabel })
    .getByRole("link", { name: groups.en.navMeetings })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(en.listHeading);
  await checkPages(page);
  await main.getByRole("link", { name: en.newMeeting, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.newTitle);
  await checkPages(page);

  // A start in the past is refused with a clear message.
  await main.getByLabel(en.fieldTitle, { exact: true }).fill(title);
  await main.getByLabel(en.fieldDate, { exact: true }).fill(dayFromNow(-1));
  await main.getByLabel(en.fieldStart, { exact: true }).fill("10:00");
  await main.getByLabel(en.fieldEnd, { exact: true }).fill("12:00");
  await main.getByLabel(en.fieldPlace, { exact: true }).selectOption({ label: en.place_online });
  await main.getByLabel(en.fieldOnlineUrl, { exact: true }).fill("https://meet.example.org/e2e");
  await main.getByLabel(en.fieldAgenda, { exact: true }).fill("1. Welcome\n2. Figures");
  await main.getByLabel("Dutch", { exact: true }).check();
  await main.getByRole("button", { name: en.create, exact: true }).click();
  await expect(page.getByRole("alert")).toContainText(en.errorInPast);
  await checkPages(page);
  await main.getByLabel(en.fieldDate, { exact: true }).fill(dayFromNow(20));
  await main.getByRole("button", { name: en.create, exact: true }).click();
  await expect(status).toHaveText(en.noticeCreated);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await checkPages(page);
  const meetingUrl = new URL(page.url()).pathname;
  expect(meetingUrl).toMatch(/^\/en\/meetings\/[0-9a-f-]{36}$/);
  await signOut(page);

  // A participant registers and sees the link to join.
  await signIn(page, PARTICIPANT.email);
  await visit(page, meetingUrl);
  await expect(main.getByRole("link", { name: "https://meet.example.org/e2e" })).toBeVisible();
  await main.getByRole("button", { name: en.register, exact: true }).click();
  await expect(status).toHaveText(en.noticeRegistered);
  await expect(main).toContainText(en.youAreRegistered);
  await checkPages(page);
  await signOut(page);

  // The secretary takes attendance, then drafts the minutes.
  await signIn(page, SECRETARY.email);
  await visit(page, meetingUrl);
  await main.getByRole("link", { name: en.takeAttendance, exact: true }).click();
  await checkPages(page);
  const present = main.getByLabel(`${PARTICIPANT.name} — ${en.role_participant} (${en.registeredMark})`, {
    exact: true,
  });
  await present.check();
  await main.getByRole("button", { name: en.saveAttendance, exact: true }).click();
  await expect(status).toHaveText(en.noticeAttendance);
  await expect(present).toBeChecked();
  await checkPages(page);
  await main.getByRole("link", { name: en.backToMeeting, exact: true }).click();
  await checkPages(page);
  await main.getByRole("link", { name: en.writeMinutes, exact: true }).click();
  await checkPages(page);
  await main.getByLabel(en.minutesField, { exact: true }).fill(minutesText);
  await main.getByRole("button", { name: en.saveDraft, exact: true }).click();
  await expect(status).toHaveText(en.noticeMinutesSaved);
  await expect(main).toContainText(en.draftNotice);
  await checkPages(page);
  const minutesUrl = new URL(page.url()).pathname;
  expect(minutesUrl).toBe(`${meetingUrl}/minutes`);
  await expect(main.getByRole("button", { name: en.publishMinutes })).toHaveCount(0);
  await signOut(page);

  // The facilitator publishes them.
  await signIn(page, FACILITATOR.email);
  await visit(page, minutesUrl);
  await main.getByRole("button", { name: en.publishMinutes, exact: true }).click();
  await expect(status).toHaveText(en.noticeMinutesPublished);
  await checkPages(page);
  await signOut(page);

  // A member of the cooperative outside the group reads them: what was typed as HTML is text.
  await signIn(page, READER.email);
  await visit(page, meetingUrl);
  await main.getByRole("link", { name: en.readMinutes, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.minutesTitle.replace("{{title}}", title));
  await checkPages(page);
  await expect(main).toContainText(`Compte rendu ${testInfo.project.name}.`);
  await expect(main).toContainText("<script>alert(1)</script>");
  await expect(main.locator("script")).toHaveCount(0);
  await expect(main.getByRole("listitem").filter({ hasText: "deuxième piste" })).toHaveCount(1);
});
