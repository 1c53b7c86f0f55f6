import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Context, MiddlewareHandler } from "hono";
import { createSession, readSession, SESSION_COOKIE } from "../../auth/sessions.js";
import { VISITOR } from "../../policies/actor.js";
import type { AppEnv } from "../context.js";

function secureCookies(c: Context<AppEnv>): boolean {
  return c.var.deps.env.baseUrl.startsWith("https://");
}

export const sessionMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set("actor", VISITOR);
  c.set("session", null);
  const token = getCookie(c, SESSION_COOKIE);
  if (token && /^[a-z2-7]{32}$/.test(token)) {
    const found = await readSession(c.var.deps.db, token);
    if (found) {
      c.set("actor", found.actor);
      c.set("session", found.session);
    } else {
      deleteCookie(c, SESSION_COOKIE, { path: "/" });
    }
  }
  await next();
};

/** Opens a session for the person and sets its cookie. */
export async function startSession(c: Context<AppEnv>, personId: string) {
  const { token, expiresAt } = await createSession(c.var.deps.db, personId);
  setCookie(c, SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure: secureCookies(c),
    expires: expiresAt,
  });
}

export function clearSessionCookie(c: Context<AppEnv>) {
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}
