import { getCookie, setCookie } from "hono/cookie";
import type { MiddlewareHandler } from "hono";
import { hmac, randomToken, safeEqual } from "../../auth/secrets.js";
import { renderError } from "../components/error-page.js";
import type { AppEnv, Ctx } from "../context.js";

export const CSRF_COOKIE = "lc_csrf";
export const CSRF_FIELD = "_csrf";

/**
 * Signed double-submit token bound to the session (OWASP): every form carries
 * HMAC(secret, session ‖ cookie); a forged or stale token is refused with 403.
 */
export function csrfTokenFor(secret: string, cookie: string, sessionIdHash: string | null): string {
  return hmac(secret, `csrf|${sessionIdHash ?? "-"}|${cookie}`);
}

/** Gives every request its token (for the forms it renders), setting the cookie when missing. */
export const csrfTokenMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  let cookie = getCookie(c, CSRF_COOKIE);
  if (!cookie || !/^[a-z2-7]{32}$/.test(cookie)) {
    cookie = randomToken();
    setCookie(c, CSRF_COOKIE, cookie, { path: "/", httpOnly: true, sameSite: "Lax" });
  }
  c.set("csrfToken", csrfTokenFor(c.var.deps.secret, cookie, c.var.session?.idHash ?? null));
  await next();
};

/** Checks the token of a state-changing request; returns the refusal page, or null when valid. */
export async function verifyCsrf(c: Ctx): Promise<Response | null> {
  let sent: unknown = c.req.header("x-csrf-token");
  if (!sent) {
    const type = c.req.header("content-type") ?? "";
    if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
      try {
        sent = (await c.req.parseBody())[CSRF_FIELD];
      } catch {
        sent = undefined;
      }
    }
  }
  if (typeof sent === "string" && safeEqual(sent, c.var.csrfToken)) return null;
  return renderError(c, "csrf");
}

/** After sign-in or sign-out the token changes with the session: forms rendered later use the new one. */
export function refreshCsrfToken(c: Ctx, sessionIdHash: string | null) {
  const cookie = getCookie(c, CSRF_COOKIE) ?? "";
  c.set("csrfToken", csrfTokenFor(c.var.deps.secret, cookie, sessionIdHash));
}
