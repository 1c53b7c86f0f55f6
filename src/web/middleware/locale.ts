import { getCookie, setCookie } from "hono/cookie";
import type { Context, MiddlewareHandler } from "hono";
import { translator } from "../../i18n/index.js";
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "../../i18n/locales.js";
import type { AppEnv } from "../context.js";

export const LOCALE_COOKIE = "lc_locale";

/** Best language from an Accept-Language header, honouring q-values; null when none fits. */
export function localeFromAcceptLanguage(header: string | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { lang: tag.trim().toLowerCase().split("-")[0] ?? "", q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((x) => x.lang && Number.isFinite(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((x) => x.lang).find(isLocale) ?? null;
}

/** Locale for a request without a prefix: cookie, then Accept-Language, then French. */
export function detectLocale(c: Context): Locale {
  const cookie = getCookie(c, LOCALE_COOKIE);
  if (isLocale(cookie)) return cookie;
  return localeFromAcceptLanguage(c.req.header("accept-language")) ?? DEFAULT_LOCALE;
}

/** For routes under /:locale: the URL decides, and the cookie remembers it. */
export const localeFromPrefix: MiddlewareHandler<AppEnv> = async (c, next) => {
  const prefix = c.req.path.split("/")[1];
  const locale = isLocale(prefix) ? prefix : detectLocale(c);
  c.set("locale", locale);
  c.set("t", translator(locale));
  if (isLocale(prefix) && getCookie(c, LOCALE_COOKIE) !== prefix) {
    setCookie(c, LOCALE_COOKIE, prefix, { path: "/", maxAge: 365 * 86400, sameSite: "Lax", httpOnly: true });
  }
  await next();
};

/** The same page in another language: /fr/admin → /nl/admin (query kept). */
export function pathInLocale(pathWithQuery: string, locale: Locale): string {
  const [pathname = "/", query] = pathWithQuery.split("?", 2);
  const segments = pathname.split("/");
  if (isLocale(segments[1])) segments[1] = locale;
  else segments.splice(1, 0, locale);
  const joined = segments.join("/") || `/${locale}/`;
  return query ? `${joined}?${query}` : joined;
}

export { LOCALES };
