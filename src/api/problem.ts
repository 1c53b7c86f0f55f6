import { z } from "zod";

/**
 * Errors of the API as problem details (RFC 9457), served as application/problem+json.
 * `type` is a stable URI per kind of error; `errors` lists what was wrong with the request.
 */
export const PROBLEM_TYPES = {
  badRequest: { status: 400, title: "Bad request" },
  unauthorized: { status: 401, title: "Authentication required" },
  forbidden: { status: 403, title: "Forbidden" },
  notFound: { status: 404, title: "Not found" },
  methodNotAllowed: { status: 405, title: "Method not allowed" },
  tooLarge: { status: 413, title: "Request body too large" },
  unsupportedMediaType: { status: 415, title: "Unsupported media type" },
  unprocessable: { status: 422, title: "Invalid content" },
  serverError: { status: 500, title: "Internal error" },
} as const;
export type ProblemKind = keyof typeof PROBLEM_TYPES;

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export const problemSchema = z
  .object({
    type: z.string().describe("A URI naming the kind of problem"),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string(),
    errors: z
      .array(
        z.object({
          /** Where: a query parameter, a path parameter, a header or a field of the body ("body.text"). */
          name: z.string(),
          reason: z.string(),
        }),
      )
      .optional(),
  })
  .meta({ description: "Problem details (RFC 9457)" });

export type Problem = z.infer<typeof problemSchema>;

export class ApiProblem extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly errors?: Problem["errors"],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }

  get status(): number {
    return PROBLEM_TYPES[this.kind].status;
  }

  toJSON(): Problem {
    const { title, status } = PROBLEM_TYPES[this.kind];
    return {
      type: `/api/v1/problems/${this.kind.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)}`,
      title,
      status,
      detail: this.detail,
      ...(this.errors && this.errors.length > 0 ? { errors: this.errors } : {}),
    };
  }
}

export function problemResponse(problem: ApiProblem): Response {
  return new Response(JSON.stringify(problem.toJSON()), {
    status: problem.status,
    headers: { "Content-Type": PROBLEM_CONTENT_TYPE, "Cache-Control": "no-store", ...problem.headers },
  });
}

/** Zod issues as the `errors` of a problem, under a prefix ("query", "body"). */
export function issuesToErrors(prefix: string, issues: readonly z.core.$ZodIssue[]): NonNullable<Problem["errors"]> {
  const out: NonNullable<Problem["errors"]> = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out.push({ name: `${prefix}.${key}`, reason: "unknown parameter" });
      continue;
    }
    const where = issue.path.map(String).join(".");
    out.push({ name: where ? `${prefix}.${where}` : prefix, reason: issue.message });
  }
  return out;
}
