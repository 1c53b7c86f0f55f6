import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { LOCALE_NAMES, LOCALES } from "../../i18n/locales.js";
import { can } from "../../policies/can.js";
import type { Ctx } from "../context.js";
import { CSRF_FIELD } from "../middleware/csrf.js";
import { pathInLocale } from "../middleware/locale.js";
import { STYLESHEET_PATH } from "../static.js";

export interface LayoutProps {
  c: Ctx;
  title: string;
  children?: Child;
  /** A status message shown above the content (role="status"). */
  notice?: string | undefined;
  /** Scripts of islands this page uses (paths under /static). */
  scripts?: string[];
}

export function Layout({ c, title, children, notice, scripts = [] }: LayoutProps) {
  const { t, locale, actor } = c.var;
  const here = c.req.path + (new URL(c.req.url).search || "");
  const home = `/${locale}/`;
  return (
    <html lang={locale} dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t("common.siteName")}`}</title>
        <link rel="stylesheet" href={STYLESHEET_PATH} />
        {LOCALES.map((l) => (
          <link rel="alternate" hreflang={l} href={pathInLocale(here, l)} />
        ))}
        {scripts.map((src) => (
          <script type="module" src={src} defer />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t("common.skipToContent")}
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href={home}>
              {t("common.siteName")}
            </a>
            <nav aria-label={t("common.languageSwitcher")} class="languages">
              <ul>
                {LOCALES.map((l) => (
                  <li>
                    <a
                      href={pathInLocale(here, l)}
                      lang={l}
                      hreflang={l}
                      aria-current={l === locale ? "true" : undefined}
                    >
                      {LOCALE_NAMES[l]}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
          <nav aria-label={t("common.mainNavigation")} class="wrap main-nav">
            <ul>
              <li>
                <a href={home}>{t("common.home")}</a>
              </li>
              <li>
                <a href={`/${locale}/cycles`}>{t("common.cycles")}</a>
              </li>
              <li>
                <a href={`/${locale}/organisations`}>{t("common.organisations")}</a>
              </li>
              <li>
                <a href={`/${locale}/recommendations`}>{t("common.recommendations")}</a>
              </li>
              {can(actor, "admin.enter") && (
                <li>
                  <a href={`/${locale}/admin`}>{t("common.admin")}</a>
                </li>
              )}
              {actor.kind === "person" ? (
                <>
                  <li>
                    <a href={`/${locale}/account`}>{t("common.myAccount")}</a>
                  </li>
                  <li>
                    <form method="post" action={`/${locale}/sign-out`} class="inline">
                      <input type="hidden" name={CSRF_FIELD} value={c.var.csrfToken} />
                      <button type="submit" class="link-button">
                        {t("common.signOut")}
                      </button>
                    </form>
                  </li>
                </>
              ) : (
                <li>
                  <a href={`/${locale}/sign-in`}>{t("common.signIn")}</a>
                </li>
              )}
            </ul>
          </nav>
        </header>
        <main id="main" tabindex={-1} class="wrap">
          {notice && (
            <p role="status" class="notice">
              {notice}
            </p>
          )}
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>{t("common.footer")}</p>
            <p>
              <a href={`/${locale}/open-data`}>{t("common.openData")}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** Renders a page with the layout; status 200 unless told. */
export function renderPage(
  c: Ctx,
  props: Omit<LayoutProps, "c">,
  status: 200 | 400 | 403 | 404 | 409 | 413 | 422 | 429 | 500 = 200,
) {
  c.header("Cache-Control", "no-store");
  return c.html(
    <>
      {raw("<!DOCTYPE html>")}
      <Layout c={c} {...props} />
    </>,
    status,
  );
}
