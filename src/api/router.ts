import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { translator } from "../i18n/index.js";
import type { AppEnv, Ctx } from "../web/context.js";
import { explain } from "../web/validation.js";
import { resolveActor } from "./auth.js";
import { endpoint, honoPath, pathMatcher, type Endpoint } from "./endpoint.js";
import { buildOpenApi } from "./openapi.js";
import { ApiProblem, issuesToErrors, problemResponse } from "./problem.js";
import { ENDPOINTS } from "./routes.js";

/** Largest JSON body the API reads. */
export const API_MAX_BODY = 64 * 1024;
export const API_PREFIX = "/api/v1";

const english = translator("en");

/** Zod messages of the form fields are interface keys ("errors.tooLong|{…}"): in English here. */
function reason(message: string): string {
  return /^[a-z]+\.[A-Za-z]+(\|.*)?$/.test(message) ? explain(english, message) : message;
}

function errorsOf(prefix: string, error: z.ZodError) {
  return issuesToErrors(prefix, error.issues).map((e) => ({ ...e, reason: reason(e.reason) }));
}

function readQuery(c: Ctx, e: Endpoint): unknown {
  const all = c.req.queries();
  const out: Record<string, string> = {};
  for (const [name, values] of Object.entries(all)) {
    if (values.length > 1) {
      throw new ApiProblem("badRequest", `The query parameter '${name}' is given more than once.`, [
        { name: `query.${name}`, reason: "given more than once" },
      ]);
    }
    out[name] = values[0]!;
  }
  if (!e.query) {
    const names = Object.keys(out);
    if (names.length > 0) {
      throw new ApiProblem(
        "badRequest",
        `This endpoint takes no query parameter: ${names.join(", ")}.`,
        names.map((name) => ({ name: `query.${name}`, reason: "unknown parameter" })),
      );
    }
    return {};
  }
  const parsed = e.query.safeParse(out);
  if (!parsed.success) {
    const errors = errorsOf("query", parsed.error);
    const unknown = errors.filter((x) => x.reason === "unknown parameter").map((x) => x.name.slice(6));
    const detail =
      unknown.length > 0
        ? `Unknown query parameter${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}.`
        : `Invalid query: ${errors.map((x) => `${x.name.slice(6)} ${x.reason}`).join("; ")}.`;
    throw new ApiProblem("badRequest", detail, errors);
  }
  return parsed.data;
}

async function readBody(c: Ctx, e: Endpoint): Promise<unknown> {
  if (!e.body) return undefined;
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new ApiProblem("unsupportedMediaType", "Send the body as JSON (Content-Type: application/json).");
  }
  const text = await c.req.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiProblem("badRequest", "The body is not valid JSON.");
  }
  const parsed = e.body.safeParse(json);
  if (!parsed.success) {
    const errors = errorsOf("body", parsed.error);
    throw new ApiProblem(
      "unprocessable",
      `Invalid body: ${errors.map((x) => `${x.name.slice(5) || "body"} ${x.reason}`).join("; ")}.`,
      errors,
    );
  }
  return parsed.data;
}

function handle(e: Endpoint) {
  return async (c: Ctx) => {
    let params: unknown = {};
    if (e.params) {
      const parsed = e.params.safeParse(c.req.param());
      if (!parsed.success) throw new ApiProblem("notFound", "Nothing has this identifier.");
      params = parsed.data;
    }
    const query = readQuery(c, e);
    const actor = await resolveActor(c, e.auth);
    const body = await readBody(c, e);
    const result = await e.handler({
      c,
      db: c.var.deps.db,
      actor,
      params: params as never,
      query: query as never,
      body: body as never,
    });
    c.header(
      "Cache-Control",
      e.auth === "public" && !c.req.header("authorization") ? "public, max-age=60" : "no-store",
    );
    if (e.auth === "public") {
      c.header("Vary", "Authorization");
      c.header("Access-Control-Allow-Origin", "*");
    }
    return c.json(result as object, e.response.status);
  };
}

/** /openapi.json is documented too, and its answer is built once. */
function openApiEndpoint(document: () => Record<string, unknown>): Endpoint {
  return endpoint({
    method: "get",
    path: "/openapi.json",
    operationId: "getOpenApi",
    summary: "This document",
    tag: "meta",
    auth: "public",
    response: {
      status: 200,
      description: "The OpenAPI 3.1 document of the API",
      schema: z.record(z.string(), z.unknown()),
    },
    problems: [],
    handler: async () => document(),
  });
}

/** The router of /api/v1: every endpoint of routes.ts, its OpenAPI document, and problems for the rest. */
export function createApiRouter() {
  const api = new Hono<AppEnv>({ strict: false });
  let doc: Record<string, unknown> | null = null;
  const all: Endpoint[] = [openApiEndpoint(() => (doc ??= buildOpenApi(all, API_PREFIX))), ...ENDPOINTS];
  // The body is read only up to the limit (a longer one, declared or streamed, is refused with 413).
  const limit = bodyLimit({
    maxSize: API_MAX_BODY,
    onError: () => problemResponse(new ApiProblem("tooLarge", `The body may hold at most ${API_MAX_BODY} bytes.`)),
  });
  for (const e of all) api.on(e.method.toUpperCase(), honoPath(e.path), limit, handle(e));

  const matchers = all.map((e) => ({ method: e.method.toUpperCase(), match: pathMatcher(`${API_PREFIX}${e.path}`) }));
  api.all("*", (c) => {
    const allowed = matchers.filter((m) => m.match.test(c.req.path)).map((m) => m.method);
    if (allowed.length > 0) {
      throw new ApiProblem("methodNotAllowed", `Use ${allowed.join(" or ")} on this path.`, undefined, {
        Allow: allowed.join(", "),
      });
    }
    throw new ApiProblem("notFound", `No endpoint ${c.req.method} ${c.req.path}; see ${API_PREFIX}/openapi.json.`);
  });

  api.onError((error, c) => {
    if (error instanceof ApiProblem) return problemResponse(error);
    c.var.deps.logger.error(
      { err: { message: error.message, stack: error.stack }, path: c.req.routePath },
      "api request failed",
    );
    return problemResponse(new ApiProblem("serverError", "Something went wrong on our side; it has been logged."));
  });
  return api;
}
