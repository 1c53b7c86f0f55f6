import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { common } from "../../src/i18n/messages/common.js";
import { localeFromAcceptLanguage, pathInLocale } from "../../src/web/middleware/locale.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";

describe("localeFromAcceptLanguage", () => {
  it("honours q-values and skips languages we do not have", () => {
    expect(localeFromAcceptLanguage("es-ES,es;q=0.9,nl;q=0.8,fr;q=0.7")).toBe("nl");
    expect(localeFromAcceptLanguage("de-BE;q=0.5, en;q=0.9")).toBe("en");
    expect(localeFromAcceptLanguage("pt")).toBeNull();
    expect(localeFromAcceptLanguage("nl;q=0, fr")).toBe("fr");
    expect(localeFromAcceptLanguage(undefined)).toBeNull();
  });
});

describe("pathInLocale", () => {
  it("swaps or adds the prefix and keeps the query", () => {
    expect(pathInLocale("/fr/admin/organisations?page=2", "nl")).toBe("/nl/admin/organisations?page=2");
    expect(pathInLocale("/fr/", "de")).toBe("/de/");
    expect(pathInLocale("/admin", "en")).toBe("/en/admin");
  });
});

describe("locale of a request", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp("pglite");
  });
  afterAll(() => t.close());

  it("takes the URL prefix first and remembers it in a cookie", async () => {
    const browser = new TestClient(t, { "accept-language": "de" });
    const page = await browser.get("/nl/");
    expect(page.text).toContain('<html lang="nl"');
    expect(page.text).toContain(common.nl.skipToContent);
    const root = await browser.get("/");
    expect(root.location).toBe("/nl/");
  });

  it("falls back to Accept-Language, then French", async () => {
    expect((await new TestClient(t, { "accept-language": "de-DE,de;q=0.9" }).get("/")).location).toBe("/de/");
    expect((await new TestClient(t).get("/")).location).toBe("/fr/");
  });

  it("renders every language's interface on the home page", async () => {
    for (const locale of ["fr", "nl", "de", "en"] as const) {
      const page = await new TestClient(t).get(`/${locale}/`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(`<html lang="${locale}"`);
      expect(page.text).toContain(common[locale].mainNavigation);
      expect(page.text).toContain(common[locale].footer);
    }
  });

  it("answers an unknown language prefix with a clear message in the visitor's language", async () => {
    const page = await new TestClient(t, { "accept-language": "en" }).get("/xx/organisations");
    expect(page.status).toBe(404);
    expect(page.text).toContain("The language “xx” is not available");
  });

  it("escapes a hostile path", async () => {
    const browser = new TestClient(t, { "accept-language": "en" });
    const page = await browser.follow(await browser.get("/%3Cb%3Ehi/x"));
    expect(page.status).toBe(404);
    expect(page.text).not.toContain("<b>hi");
  });

  it("redirects a path without prefix to the detected language", async () => {
    const res = await new TestClient(t, { "accept-language": "en" }).get("/sign-in?next=%2Fen%2F");
    expect(res.status).toBe(302);
    expect(res.location).toBe("/en/sign-in?next=%2Fen%2F");
  });

  it("answers /healthz", async () => {
    const res = await t.app.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: "pglite" });
  });

  it("sends security headers", async () => {
    const res = await t.app.request("/en/");
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});
