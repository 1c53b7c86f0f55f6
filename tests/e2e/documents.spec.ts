import type { Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../src/db/seed/demo-data.js";
import { common } from "../../src/i18n/messages/common.js";
import { documents } from "../../src/i18n/messages/documents.js";
import { errors } from "../../src/i18n/messages/errors.js";
import { MEMBER_EMAIL, signIn } from "./support/accounts.js";
import { checkPages, expect, test, visit } from "./fixtures.js";

const en = documents.en;
const ETHICS_EMAIL = DEMO_ACCOUNTS.find((a) => a.role === "ethics_committee")!.email;

/** The equality group of 2020–2021, where member@ takes part and ethics@ does not. */
async function equalityGroupPath(page: Page): Promise<string> {
  await visit(page, "/en/cycles/2020-2021/groups");
  const link = page.getByRole("main").getByRole("link", { name: /equality/i });
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^\/en\/groups\/[0-9a-f-]{36}$/);
  return href!;
}

test("a participant uploads a text file as a new document, adds a version and compares the two; a member outside the group is refused", async ({
  page,
}, testInfo) => {
  const unique = `${testInfo.project.name}-${Date.now().toString(36)}`;
  const title = `Pistes e2e ${unique}`;
  const main = page.getByRole("main");

  await signIn(page, MEMBER_EMAIL);
  const group = await equalityGroupPath(page);
  await visit(page, `${group}/documents`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Documents");

  // A new document from a text file.
  await main.getByRole("link", { name: en.newDocumentLink, exact: true }).click();
  await checkPages(page);
  await main.getByLabel(en.fieldTitle, { exact: true }).fill(title);
  await main.getByLabel(en.fieldKind, { exact: true }).selectOption("working");
  await main.getByLabel(en.fieldVisibility, { exact: true }).selectOption("group");
  await main.getByLabel(en.fieldFile, { exact: true }).setInputFiles({
    name: `pistes-${unique}.txt`,
    mimeType: "text/plain",
    buffer: Buffer.from("Pistes\n\n1. Publier les écarts de rémunération.\n2. Ouvrir la coordination.\n", "utf8"),
  });
  await main.getByLabel(en.fieldNote, { exact: true }).fill("Première version");
  await main.getByRole("button", { name: en.createSubmit, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByRole("status")).toHaveText(en.noticeCreated);
  await checkPages(page);
  const documentUrl = new URL(page.url()).pathname;
  expect(documentUrl).toMatch(/^\/en\/documents\/[0-9a-f-]{36}$/);
  const versions = main.getByRole("table", { name: en.versionsCaption });
  await expect(versions).toContainText(`pistes-${unique}.txt`);

  // Its file comes back as an attachment, never shown inline.
  const download = await page.request.get(`${documentUrl}/versions/1`);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toMatch(/^attachment; /);
  expect(download.headers()["x-content-type-options"]).toBe("nosniff");

  // A second version, written on the site.
  await main
    .getByLabel(en.fieldText, { exact: true })
    .fill("Pistes\n\n1. Publier chaque année les écarts de rémunération.\n2. Ouvrir la coordination.\n");
  await main.getByLabel(en.fieldNote, { exact: true }).fill("Après la réunion");
  await main.getByRole("button", { name: en.addVersionSubmit, exact: true }).click();
  await expect(page.getByRole("status")).toHaveText(en.noticeVersionAdded.replace("{{number}}", "2"));
  await checkPages(page);
  await expect(versions.locator("tbody tr")).toHaveCount(2);

  // The comparison of the two (the form offers the two latest text versions).
  await expect(main.getByLabel(en.compareFrom, { exact: true })).toHaveValue("1");
  await expect(main.getByLabel(en.compareTo, { exact: true })).toHaveValue("2");
  await main.getByRole("button", { name: en.compareSubmit, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    en.diffTitle.replace("{{title}}", title).replace("{{from}}", "1").replace("{{to}}", "2"),
  );
  await checkPages(page);
  await expect(main.locator("ins")).toContainText("chaque année");
  await expect(main).toContainText(en.wordsAdded_other.replace("{{count}}", "2"));
  await expect(main).toContainText(en.wordsRemoved_other.replace("{{count}}", "0"));

  // ethics@ is a member of Smart Belgique but not of the group: refused, page and file.
  await page.getByRole("button", { name: common.en.signOut, exact: true }).click();
  await checkPages(page);
  await signIn(page, ETHICS_EMAIL);
  const refused = await visit(page, documentUrl);
  expect(refused.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(errors.en.forbiddenTitle);
  const file = await page.request.get(`${documentUrl}/versions/1`);
  expect(file.status()).toBe(403);
  expect(file.headers()["content-disposition"]).toBeUndefined();
  expect(await file.text()).not.toContain("Publier les écarts");
  await visit(page, `${group}/documents`);
  await expect(main).not.toContainText(title);
});
