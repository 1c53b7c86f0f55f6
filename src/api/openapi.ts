import { z } from "zod";
import type { Endpoint } from "./endpoint.js";
import { PAGE_LIMIT_MAX } from "./pagination.js";
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES } from "./problem.js";
import { components } from "./schemas.js";

type Json = Record<string, unknown>;

const REF = (id: string) => `#/components/schemas/${id}`;

/** A schema as the document writes it: no $schema or $id of its own (the document's dialect holds). */
function clean(schema: Json): Json {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  void _schema;
  void _id;
  return rest;
}

/** A schema used in place: a $ref when it is a named component, else inlined. */
function schemaOf(schema: z.ZodType, io: "input" | "output"): Json {
  const id = components.get(schema)?.id;
  if (id && io === "output") return { $ref: REF(id) };
  return clean(z.toJSONSchema(schema, { io, target: "draft-2020-12", reused: "inline" }) as Json);
}

function problemResponses(statuses: number[]): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const status of [...new Set([...statuses, 400, 500])].sort()) {
    const kind = Object.values(PROBLEM_TYPES).find((p) => p.status === status);
    out[String(status)] = {
      description: kind?.title ?? "Problem",
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: REF("Problem") } } },
    };
  }
  return out;
}

function parameters(e: Endpoint): Json[] {
  const out: Json[] = [];
  for (const [where, object] of [
    ["path", e.params],
    ["query", e.query],
  ] as const) {
    if (!object) continue;
    for (const [name, field] of Object.entries(object.shape)) {
      const schema = clean(z.toJSONSchema(field as z.ZodType, { io: "input", reused: "inline" }) as Json);
      const { description, ...rest } = schema;
      out.push({
        name,
        in: where,
        required: where === "path" || !(field as z.ZodType).safeParse(undefined).success,
        ...(typeof description === "string" ? { description } : {}),
        schema: rest,
      });
    }
  }
  return out;
}

function security(e: Endpoint): Json[] | undefined {
  switch (e.auth) {
    case "public":
      return [{}, { bearerToken: [] }];
    case "token":
      return [{ bearerToken: [] }];
    case "session":
      return [{ session: [], csrfToken: [] }];
    case "tokenOrSession":
      return [{ bearerToken: [] }, { session: [], csrfToken: [] }];
  }
}

/** The OpenAPI 3.1 document of the API, built from the endpoints' Zod schemas. */
export function buildOpenApi(endpoints: readonly Endpoint[], serverUrl: string): Json {
  const { schemas } = z.toJSONSchema(components, { uri: REF, io: "output" });
  const paths: Record<string, Record<string, Json>> = {};
  for (const e of endpoints) {
    const operation: Json = {
      operationId: e.operationId,
      summary: e.summary,
      ...(e.description ? { description: e.description } : {}),
      tags: [e.tag],
      security: security(e),
      parameters: parameters(e),
      responses: {
        [String(e.response.status)]: {
          description: e.response.description,
          content: { "application/json": { schema: schemaOf(e.response.schema, "output") } },
        },
        ...problemResponses(e.problems),
      },
    };
    if (e.body) {
      operation.requestBody = {
        required: true,
        content: { "application/json": { schema: schemaOf(e.body, "input") } },
      };
    }
    (paths[e.path] ??= {})[e.method] = operation;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "LetsCoop API",
      version: "1.0.0",
      description:
        `Read what is public (organisations, cycles, themes, submitted recommendations, action proposals, ` +
        `assemblies and published results) and write with a personal API token. Lists take \`page\` and ` +
        `\`limit\` (at most ${PAGE_LIMIT_MAX}); an unknown query parameter is refused. Errors are problem ` +
        `details (RFC 9457).`,
      license: { name: "AGPL-3.0-or-later", identifier: "AGPL-3.0-or-later" },
    },
    jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
    servers: [{ url: serverUrl }],
    tags: [...new Set(endpoints.map((e) => e.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, clean(s as Json)])),
      securitySchemes: {
        bearerToken: {
          type: "http",
          scheme: "bearer",
          description: "A personal API token (lc_…), created from a signed-in session; its owner's rights apply.",
        },
        session: { type: "apiKey", in: "cookie", name: "lc_session", description: "A signed-in browser session" },
        csrfToken: {
          type: "apiKey",
          in: "header",
          name: "X-CSRF-Token",
          description: "The CSRF token of the session's pages, for requests that change something",
        },
      },
    },
  };
}
