import { getCookie } from "hono/cookie";
import { safeEqual } from "../auth/secrets.js";
import { readSession, SESSION_COOKIE } from "../auth/sessions.js";
import { VISITOR, type Actor } from "../policies/actor.js";
import type { Ctx } from "../web/context.js";
import { CSRF_COOKIE, csrfTokenFor } from "../web/middleware/csrf.js";
import type { Auth } from "./endpoint.js";
import { ApiProblem } from "./problem.js";
import { authenticateToken } from "./tokens.js";

const CHALLENGE = { "WWW-Authenticate": 'Bearer realm="letscoop"' };

function unauthorized(detail: string, error?: string): ApiProblem {
  const header = error ? `${CHALLENGE["WWW-Authenticate"]}, error="${error}"` : CHALLENGE["WWW-Authenticate"];
  return new ApiProblem("unauthorized", detail, undefined, { "WWW-Authenticate": header });
}

async function fromToken(c: Ctx, header: string): Promise<Actor> {
  const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header);
  if (!match) throw unauthorized("The Authorization header must be 'Bearer <token>'.", "invalid_request");
  const check = await authenticateToken(c.var.deps.db, match[1]!);
  if (check.ok) return check.actor;
  if (check.reason === "revoked")
    throw unauthorized("This API token has been revoked (or its owner's account is disabled).", "invalid_token");
  throw unauthorized("This API token is not valid.", "invalid_token");
}

/** A browser session; state-changing requests also need its CSRF token in X-CSRF-Token. */
async function fromSession(c: Ctx): Promise<Actor | null> {
  const cookie = getCookie(c, SESSION_COOKIE);
  if (!cookie || !/^[a-z2-7]{32}$/.test(cookie)) return null;
  const found = await readSession(c.var.deps.db, cookie);
  if (!found) return null;
  if (c.req.method !== "GET" && c.req.method !== "HEAD") {
    const sent = c.req.header("x-csrf-token") ?? "";
    const csrfCookie = getCookie(c, CSRF_COOKIE) ?? "";
    const expected = csrfTokenFor(c.var.deps.secret, csrfCookie, found.session.idHash);
    if (!csrfCookie || !safeEqual(sent, expected)) {
      throw new ApiProblem("forbidden", "A request from a browser session needs its CSRF token in X-CSRF-Token.");
    }
  }
  return found.actor;
}

/** Who is calling, as the endpoint's kind of authentication allows; refusals are problems (401, 403). */
export async function resolveActor(c: Ctx, auth: Auth): Promise<Actor> {
  const header = c.req.header("authorization");
  if (auth === "session") {
    if (header) throw new ApiProblem("forbidden", "API tokens are managed from a signed-in session, not with a token.");
    const actor = await fromSession(c);
    if (!actor) throw unauthorized("Sign in first: this endpoint needs a browser session.");
    return actor;
  }
  if (header) return fromToken(c, header);
  if (auth === "public") return VISITOR;
  if (auth === "tokenOrSession") {
    const actor = await fromSession(c);
    if (actor) return actor;
  }
  throw unauthorized("This endpoint needs a personal API token: send 'Authorization: Bearer <token>'.");
}
