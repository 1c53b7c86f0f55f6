import type { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { can, type Action, type Resource } from "../policies/can.js";
import { renderError } from "./components/error-page.js";
import type { AppEnv, Ctx } from "./context.js";
import { verifyCsrf } from "./middleware/csrf.js";

const SITE: Resource = { type: "site" };

export interface Loaded<T> {
  resource: Resource;
  data: T;
}

/**
 * One page or form endpoint under /:locale. Every route names the action it performs; the
 * pipeline is always: body limit → CSRF (POST) → load the resource (404) → can() (403 or sign-in) → handler.
 */
export interface RouteDef<T> {
  method: "GET" | "POST";
  /** Under the locale prefix, e.g. "/admin/organisations/:slug". */
  path: string;
  action: Action;
  /** Finds what the route acts on; null answers 404. Without it, the resource is the site. */
  load?: (c: Ctx) => Promise<Loaded<T> | null>;
  handler: (c: Ctx, data: T) => Response | Promise<Response>;
  /** Largest accepted request body in bytes (default 256 KiB). */
  maxBody?: number;
}

export interface AnyRoute {
  method: "GET" | "POST";
  path: string;
  action: Action;
  register: (app: Hono<AppEnv>) => void;
}

export const DEFAULT_MAX_BODY = 256 * 1024;

export function safeNext(next: unknown, fallback: string): string {
  return typeof next === "string" && /^\/[a-z]{2}(\/|$)/.test(next) && !next.startsWith("//") && !next.includes("\\")
    ? next
    : fallback;
}

export function refuse(c: Ctx): Response | Promise<Response> {
  if (c.var.actor.kind === "visitor") {
    const back = c.req.method === "GET" ? c.req.path + new URL(c.req.url).search : `/${c.var.locale}/`;
    return c.redirect(`/${c.var.locale}/sign-in?next=${encodeURIComponent(back)}`, 303);
  }
  return renderError(c, "forbidden");
}

export function route<T = undefined>(def: RouteDef<T>): AnyRoute {
  return {
    method: def.method,
    path: def.path,
    action: def.action,
    register(app) {
      const limit = bodyLimit({
        maxSize: def.maxBody ?? DEFAULT_MAX_BODY,
        onError: (c) => renderError(c as Ctx, "tooLarge"),
      });
      app.on(def.method, def.path, limit, async (c) => {
        if (def.method === "POST") {
          const refused = await verifyCsrf(c);
          if (refused) return refused;
        }
        const loaded: Loaded<T> | null = def.load ? await def.load(c) : { resource: SITE, data: undefined as T };
        if (!loaded) return renderError(c, "notFound");
        if (!can(c.var.actor, def.action, loaded.resource)) return refuse(c);
        return def.handler(c, loaded.data);
      });
    },
  };
}

export function mountRoutes(app: Hono<AppEnv>, routes: AnyRoute[]) {
  for (const r of routes) r.register(app);
}
