import { Hono } from "hono";
import { API_PREFIX, createApiRouter } from "../api/router.js";
import { secureHeaders } from "hono/secure-headers";
import { isLocale } from "../i18n/locales.js";
import { renderError } from "./components/error-page.js";
import type { AppEnv, Deps } from "./context.js";
import { csrfTokenMiddleware } from "./middleware/csrf.js";
import { detectLocale, localeFromPrefix } from "./middleware/locale.js";
import { sessionMiddleware } from "./middleware/session.js";
import { mountRoutes } from "./routing.js";
import { ALL_ROUTES } from "./routes/index.js";
import { STYLESHEET, STYLESHEET_PATH } from "./static.js";
import { mountIslands } from "./islands/bundle.js";

export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>({ strict: false });

  app.use("*", async (c, next) => {
    c.set("deps", deps);
    await next();
  });
  app.use("*", async (c, next) => {
    const started = performance.now();
    await next();
    // The route pattern, never the path or query: they can hold e-mails or tokens.
    deps.logger.info(
      {
        method: c.req.method,
        route: c.req.routePath,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      "request",
    );
  });
  app.use(
    "*",
    secureHeaders({
      // A route may set a stricter policy of its own (downloads add `sandbox`).
      overwrite: false,
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: "same-origin",
    }),
  );

  app.get("/healthz", async (c) => {
    await deps.database.exec("select 1");
    return c.json({ status: "ok", database: deps.database.kind });
  });
  app.get(STYLESHEET_PATH, (c) => {
    c.header("Cache-Control", "public, max-age=31536000, immutable");
    return c.body(STYLESHEET, 200, { "Content-Type": "text/css; charset=utf-8" });
  });
  mountIslands(app);
  // Before the page middleware: the API authenticates by itself (tokens; sessions only with CSRF).
  app.route(API_PREFIX, createApiRouter());

  app.use("*", localeFromPrefix);
  app.use("*", sessionMiddleware);
  app.use("*", csrfTokenMiddleware);

  app.get("/", (c) => c.redirect(`/${detectLocale(c)}/`, 302));

  const pages = new Hono<AppEnv>({ strict: false });
  mountRoutes(pages, ALL_ROUTES);
  // Grouped: Hono's TrieRouter anchors the pattern as ^…$, and "^fr|nl|de|en$" would match "fr/anything".
  app.route("/:locale{(?:fr|nl|de|en)}", pages);

  app.notFound((c) => {
    const first = c.req.path.split("/")[1] ?? "";
    if (/^[a-zA-Z]{2}(-[a-zA-Z]{2})?$/.test(first) && !isLocale(first)) {
      return renderError(c, "unknownLocale", { code: first.slice(0, 5) });
    }
    if (c.req.method === "GET" && !isLocale(first) && first !== "static" && first !== "api") {
      const url = new URL(c.req.url);
      return c.redirect(`/${c.var.locale}${c.req.path}${url.search}`, 302);
    }
    return renderError(c, "notFound");
  });

  app.onError((error, c) => {
    // The message and stack only: never the request body, cookies or personal data.
    deps.logger.error({ err: { message: error.message, stack: error.stack }, path: c.req.routePath }, "request failed");
    if (!c.var.t) return c.text("Internal error", 500);
    return renderError(c, "server");
  });

  return app;
}
