import type { z } from "zod";
import type { Db } from "../db/client.js";
import type { Actor } from "../policies/actor.js";
import type { Ctx } from "../web/context.js";

/**
 * How an endpoint authenticates:
 * - public: anyone; a bearer token, when sent, is checked and its owner's rights apply;
 * - token: a personal API token is required (401 without a valid one);
 * - session: a signed-in browser session with its CSRF token (X-CSRF-Token), never a token;
 * - tokenOrSession: either of them.
 */
export type Auth = "public" | "token" | "session" | "tokenOrSession";

type AnyObject = z.ZodObject<z.ZodRawShape>;

export interface Call<P extends AnyObject, Q extends AnyObject, B extends z.ZodType> {
  c: Ctx;
  db: Db;
  actor: Actor;
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
}

export interface EndpointDef<P extends AnyObject, Q extends AnyObject, B extends z.ZodType, R extends z.ZodType> {
  method: "get" | "post";
  /** OpenAPI form, under /api/v1: "/cycles/{slug}". */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  auth: Auth;
  /** Path parameters; a value that fails answers 404 (there is nothing by that name). */
  params?: P;
  /** The query string: only these parameters (an unknown one answers 400). */
  query?: Q;
  /** A JSON body (POST). */
  body?: B;
  response: { status: 200 | 201; description: string; schema: R };
  /** The problem statuses it may answer, besides 400 for a bad query and 500. */
  problems: number[];
  handler: (call: Call<P, Q, B>) => Promise<z.input<R>>;
}

/** An endpoint with its types erased, for the router and the document. */
export interface Endpoint {
  method: "get" | "post";
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  auth: Auth;
  params?: AnyObject;
  query?: AnyObject;
  body?: z.ZodType;
  response: { status: 200 | 201; description: string; schema: z.ZodType };
  problems: number[];
  handler: (call: Call<AnyObject, AnyObject, z.ZodType>) => Promise<unknown>;
}

export function endpoint<P extends AnyObject, Q extends AnyObject, B extends z.ZodType, R extends z.ZodType>(
  def: EndpointDef<P, Q, B, R>,
): Endpoint {
  return def as unknown as Endpoint;
}

/** "/cycles/{slug}" → "/cycles/:slug" (Hono's form). */
export function honoPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ":$1");
}

/** A matcher of concrete paths for a template, to answer 405 on a known path with another method. */
export function pathMatcher(path: string): RegExp {
  const pattern = path
    .split(/\{\w+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))
    .join("[^/]+");
  return new RegExp(`^${pattern}/?$`);
}
