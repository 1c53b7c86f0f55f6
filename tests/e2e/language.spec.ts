import { common } from "../../src/i18n/messages/common.js";
import { home } from "../../src/i18n/messages/home.js";
import { LOCALE_NAMES, LOCALES } from "../../src/i18n/locales.js";
import { checkPages, expect, test, visit } from "./fixtures.js";

type Messages = Record<string, string>;

/** The interface texts of an area in one language (messages with a placeholder left out). */
function texts(area: Record<(typeof LOCALES)[number], Messages>, locale: (typeof LOCALES)[number]): string[] {
  return Object.values(area[locale]).filter((text) => !text.includes("{{"));
}

const dutch = new Set([...texts(common, "nl"), ...texts(home, "nl")]);
/** French, German and English texts that Dutch does not share (Dutch says "Home" too). */
const foreign = new Set(
  LOCALES.filter((l) => l !== "nl")
    .flatMap((l) => [...texts(common, l), ...texts(home, l)])
    .filter((text) => !dutch.has(text)),
);

test("a visitor switches to Dutch and the whole interface is Dutch", async ({ page }) => {
  // The browser asks for French (fr-BE): the site starts in French.
  await visit(page, "/");
  await expect(page).toHaveURL(/\/fr\/$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");

  await page
    .getByRole("navigation", { name: common.fr.languageSwitcher, exact: true })
    .getByRole("link", { name: LOCALE_NAMES.nl, exact: true })
    .click();
  await expect(page).toHaveURL(/\/nl\/?$/);
  await checkPages(page);

  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  const languages = page.getByRole("navigation", { name: common.nl.languageSwitcher, exact: true });
  await expect(languages.getByRole("link", { name: LOCALE_NAMES.nl, exact: true })).toHaveAttribute(
    "aria-current",
    "true",
  );
  const nav = page.getByRole("navigation", { name: common.nl.mainNavigation, exact: true });
  for (const label of [common.nl.home, common.nl.organisations, common.nl.signIn]) {
    await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
  }
  await expect(page.getByRole("link", { name: common.nl.skipToContent, exact: true })).toBeAttached();
  await expect(page.getByRole("contentinfo")).toContainText(common.nl.footer);
  await expect(page).toHaveTitle(new RegExp(`^${common.nl.home} · ${common.nl.siteName}$`));

  // Every text of the header and footer is a Dutch message, except the names of the other
  // languages in the switcher, each marked with its own lang; no text anywhere on the page is
  // an interface text in French, German or English.
  const found = await page.evaluate(() => {
    const out: Array<{ text: string; lang: string; chrome: boolean }> = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? "").replace(/\s+/g, " ").trim();
      const parent = node.parentElement;
      if (!text || !parent) continue;
      out.push({
        text,
        lang: parent.closest("[lang]")?.getAttribute("lang") ?? "",
        chrome: Boolean(parent.closest("header, footer")),
      });
    }
    for (const el of Array.from(document.querySelectorAll("[aria-label], [title], [alt], [placeholder]"))) {
      for (const name of ["aria-label", "title", "alt", "placeholder"]) {
        const text = el.getAttribute(name)?.trim();
        if (text)
          out.push({
            text,
            lang: el.closest("[lang]")?.getAttribute("lang") ?? "",
            chrome: Boolean(el.closest("header, footer")),
          });
      }
    }
    return out;
  });
  const languageNames = new Set(Object.values(LOCALE_NAMES));
  const notDutch = found.filter((f) => f.chrome && f.lang === "nl" && !dutch.has(f.text) && !languageNames.has(f.text));
  expect(
    notDutch.map((f) => f.text),
    "texts of the header and footer that are not Dutch messages",
  ).toEqual([]);
  const otherLanguage = found.filter((f) => f.lang === "nl" && foreign.has(f.text));
  expect(
    otherLanguage.map((f) => f.text),
    "French, German or English interface texts left",
  ).toEqual([]);

  // The choice is remembered: the site's root now opens in Dutch.
  await visit(page, "/");
  await expect(page).toHaveURL(/\/nl\/?$/);
});
