import { createHash } from "node:crypto";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import ajvFormats from "ajv-formats";
import { and, desc, eq, ne, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGroupContext } from "../../src/commands/groups/load.js";
import { emptySections } from "../../src/commands/recommendations/content.js";
import { createRecommendation } from "../../src/commands/recommendations/write.js";
import {
  apiTokens,
  auditLog,
  assemblies,
  assemblyItems,
  ballotResults,
  ballots,
  cycles,
  organisations,
  recommendationComments,
  recommendations,
  workingGroups,
} from "../../src/db/schema/index.js";
import { PAGE_LIMIT_MAX } from "../../src/api/pagination.js";
import { publishBallot } from "../../src/commands/ballots/publish.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import { ACCOUNTS, personId, submittedRecommendation } from "../web/board-helpers.js";
import { countedBallot } from "../web/results-helpers.js";

type Json = Record<string, unknown>;
interface Answer {
  status: number;
  type: string;
  headers: Headers;
  body: Json;
}

/**
 * The REST API against the demo data: its OpenAPI document checked by an independent validator
 * (@seriousme/openapi-schema-validator, OpenAPI 3.1), every documented read endpoint called and
 * its answer checked against the documented schema with ajv, drafts kept private, the page cap,
 * unknown filters, and personal tokens (created from a session, revoked by an administrator).
 */
describe.each(ENGINES)("REST API v1 (%s)", (engine) => {
  let t: TestApp;
  let doc: Json;
  let ajv: Ajv2020;
  let draftId: string;
  const fixtures: Record<string, string> = {};

  async function call(
    method: string,
    path: string,
    init: { token?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body: string | undefined = init.body;
    if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers["content-type"] ??= "application/json";
    }
    const res = await t.app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let parsed: Json;
    try {
      parsed = JSON.parse(text) as Json;
    } catch {
      parsed = { unparsed: text };
    }
    return { status: res.status, type: res.headers.get("content-type") ?? "", headers: res.headers, body: parsed };
  }

  /** The validator of the schema the document gives for this operation and status, and its media type. */
  function validatorFor(path: string, method: string, status: number) {
    const paths = doc.paths as Record<string, Record<string, Json>>;
    const responses = paths[path]![method]!.responses as Record<string, Json>;
    const response = responses[String(status)];
    expect(response, `${method} ${path} documents ${status}`).toBeDefined();
    const content = response!.content as Record<string, { schema: Json }>;
    const [media] = Object.keys(content);
    return { validate: ajv.compile(inDocument(content[media!]!.schema)), media: media! };
  }

  /** Checks a body against the schema the document gives for this operation and status. */
  function conforms(path: string, method: string, status: number, body: unknown) {
    const { validate, media } = validatorFor(path, method, status);
    const ok = validate(body);
    expect(validate.errors ?? [], `${method} ${path} ${status}: ${JSON.stringify(validate.errors)}`).toEqual([]);
    expect(ok).toBe(true);
    return media;
  }

  /** A schema of the document, its references resolved in the document (added to ajv as "openapi.json"). */
  function inDocument(schema: Json): Json {
    return JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', '"$ref":"openapi.json#/')) as Json;
  }

  function expectProblem(a: Answer, status: number, detail?: RegExp) {
    expect(a.status, JSON.stringify(a.body)).toBe(status);
    expect(a.type).toMatch(/^application\/problem\+json/);
    expect(a.body.status).toBe(status);
    expect(typeof a.body.title).toBe("string");
    if (detail) expect(String(a.body.detail)).toMatch(detail);
    const validate = ajv.compile(inDocument({ $ref: "#/components/schemas/Problem" }));
    expect(validate(a.body), JSON.stringify(validate.errors)).toBe(true);
  }

  /** A signed-in browser: its cookies and the CSRF token of the last page it read. */
  async function browserOf(email: string) {
    const client = new TestClient(t);
    await client.actAs(email);
    expect(client.csrf).not.toBe("");
    return client;
  }

  async function createToken(email: string, name = "script"): Promise<{ id: string; token: string }> {
    const client = await browserOf(email);
    const res = await client.request("POST", "/api/v1/tokens", {
      body: JSON.stringify({ name }),
      headers: { "content-type": "application/json", "x-csrf-token": client.csrf },
    });
    expect(res.status, res.text).toBe(201);
    const body = JSON.parse(res.text) as { id: string; token: string };
    return body;
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    const db = t.deps.db;
    const res = await call("GET", "/api/v1/openapi.json");
    expect(res.status).toBe(200);
    doc = res.body;
    ajv = new Ajv2020({ strict: false, allErrors: true });
    ajvFormats.default(ajv);
    ajv.addSchema(doc, "openapi.json");

    const [org] = await db.select({ slug: organisations.slug }).from(organisations).orderBy(organisations.slug);
    fixtures.slugOrganisation = org!.slug;
    // The cycle with the most recommendations: the demo's 2015–2016 cycle, with decisions and proposals.
    const [cycle] = await db
      .select({ slug: cycles.slug })
      .from(cycles)
      .innerJoin(recommendations, eq(recommendations.cycleId, cycles.id))
      .groupBy(cycles.slug)
      .orderBy(desc(sql`count(*)`))
      .limit(1);
    fixtures.slugCycle = cycle!.slug;
    const [assembly] = await db
      .select({ id: assemblies.id, org: organisations.slug })
      .from(assemblies)
      .innerJoin(organisations, eq(organisations.id, assemblies.organisationId))
      .innerJoin(assemblyItems, and(eq(assemblyItems.assemblyId, assemblies.id), eq(assemblyItems.status, "closed")))
      .where(ne(assemblies.status, "draft"))
      .limit(1);
    fixtures.assemblyId = assembly!.id;
    fixtures.slugAssemblyOrganisation = assembly!.org;
    // A counted ballot, published (the demo has none): its cycle lists it, its results are public.
    const ballotId = await countedBallot(db, "schulze", "Thèmes publiés");
    expect((await publishBallot(db, ballotId, { actorId: null })).ok).toBe(true);
    const [ballot] = await db
      .select({ id: ballots.id, cycle: cycles.slug })
      .from(ballots)
      .innerJoin(ballotResults, eq(ballotResults.ballotId, ballots.id))
      .innerJoin(cycles, eq(cycles.id, ballots.cycleId))
      .where(eq(ballots.id, ballotId));
    fixtures.ballotId = ballot!.id;
    fixtures.slugBallotCycle = ballot!.cycle;

    // A draft of the "equality" group (not public) and a recommendation past its drafting.
    const facilitator = await personId(db, ACCOUNTS.facilitator);
    const [group] = await db.select().from(workingGroups).where(eq(workingGroups.key, "equality"));
    const context = await loadGroupContext(db, group!.id, facilitator);
    const draft = await createRecommendation(db, facilitator, context!, {
      number: null,
      title: "Rédiger un brouillon que personne ne lit encore",
      titleCheckOverridden: false,
      sections: { ...emptySections(), context: "Pas encore public." },
      quotes: [],
      footnotes: [],
      axes: [],
      attachmentIds: [],
      note: "",
    });
    if (!draft.ok) throw new Error("draft");
    draftId = draft.recommendationId;
    fixtures.draftCycle = context!.cycle.slug;
  });
  afterAll(() => t.close());

  it("serves an OpenAPI 3.1 document that an independent validator accepts", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    expect(doc.openapi).toBe("3.1.0");
    // Every component is a schema ajv (JSON Schema 2020-12) compiles.
    for (const id of Object.keys((doc.components as { schemas: Json }).schemas)) {
      expect(() => ajv.getSchema(`openapi.json#/components/schemas/${id}`), id).not.toThrow();
    }
    // The document is generated from the Zod schemas: the comment body has the form's limit.
    const paths = doc.paths as Record<string, Record<string, Json>>;
    const comment = paths["/recommendations/{recommendationId}/comments"]!.post!;
    const bodySchema = (comment.requestBody as { content: Record<string, { schema: Json }> }).content[
      "application/json"
    ]!.schema as { properties: { body: { maxLength: number; minLength: number } } };
    expect(bodySchema.properties.body).toMatchObject({ minLength: 1, maxLength: 4000 });
  });

  it("answers every documented read endpoint with what its schema says", async () => {
    const db = t.deps.db;
    const paths = doc.paths as Record<string, Record<string, Json>>;
    const [rec] = await db
      .select({ id: recommendations.id })
      .from(recommendations)
      .innerJoin(cycles, eq(cycles.id, recommendations.cycleId))
      .where(and(eq(cycles.slug, fixtures.slugCycle!), ne(recommendations.state, "draft")))
      .orderBy(recommendations.number)
      .limit(1);
    const values: Record<string, Record<string, string>> = {
      "/organisations/{slug}": { slug: fixtures.slugOrganisation! },
      "/organisations/{slug}/assemblies": { slug: fixtures.slugAssemblyOrganisation! },
      "/assemblies/{assemblyId}": { assemblyId: fixtures.assemblyId! },
      "/cycles/{slug}": { slug: fixtures.slugCycle! },
      "/cycles/{slug}/themes": { slug: fixtures.slugCycle! },
      "/cycles/{slug}/recommendations": { slug: fixtures.slugCycle! },
      "/cycles/{slug}/proposals": { slug: fixtures.slugCycle! },
      "/cycles/{slug}/ballots": { slug: fixtures.slugBallotCycle! },
      "/recommendations/{recommendationId}": { recommendationId: rec!.id },
      "/ballots/{ballotId}/results": { ballotId: fixtures.ballotId! },
    };
    const called: string[] = [];
    const member = await createToken(ACCOUNTS.member, "reader");
    for (const [template, operations] of Object.entries(paths)) {
      if (!operations.get) continue;
      const auth = operations.get.security as Json[];
      const isPublic = auth.some((s) => Object.keys(s).length === 0);
      const concrete = template.replace(/\{(\w+)\}/g, (_, name: string) => {
        const value = values[template]?.[name];
        if (!value) throw new Error(`no value for ${name} of ${template}`);
        return value;
      });
      const answer = await call("GET", `/api/v1${concrete}`, isPublic ? {} : { token: member.token });
      expect(answer.status, `${template}: ${JSON.stringify(answer.body)}`).toBe(200);
      const media = conforms(template, "get", 200, answer.body);
      expect(answer.type).toContain(media);
      // The check has teeth: a field the schema does not name is refused (except the free-form document).
      if (template !== "/openapi.json") {
        const tampered = { ...answer.body, unexpected: true };
        expect(validatorFor(template, "get", 200).validate(tampered), `${template} refuses extra fields`).toBe(false);
      }
      if (Array.isArray(answer.body.data) && template !== "/tokens") {
        expect((answer.body.data as unknown[]).length, `${template} lists something`).toBeGreaterThan(0);
      }
      called.push(template);
    }
    expect(called).toEqual(expect.arrayContaining(Object.keys(values)));
    expect(called).toEqual(expect.arrayContaining(["/openapi.json", "/organisations", "/cycles", "/tokens"]));

    // What a read gives is the public content: the assembly's closed items have totals, nothing of a person.
    const assembly = await call("GET", `/api/v1/assemblies/${fixtures.assemblyId}`);
    const items = assembly.body.items as Array<{ status: string; result: unknown }>;
    expect(items.some((i) => i.status === "closed" && i.result !== null)).toBe(true);
    expect(JSON.stringify(assembly.body)).not.toMatch(/demo\.letscoop\.test|personId|castBy/);
  });

  it("keeps drafts private: 404 for a visitor, readable with the group's token", async () => {
    const visitor = await call("GET", `/api/v1/recommendations/${draftId}`);
    expectProblem(visitor, 404);
    const list = await call("GET", `/api/v1/cycles/${fixtures.draftCycle}/recommendations?limit=${PAGE_LIMIT_MAX}`);
    expect(list.status).toBe(200);
    const ids = (list.body.data as Array<{ id: string; phase: string }>).map((r) => r.id);
    expect(ids).not.toContain(draftId);
    expect((list.body.data as Array<{ phase: string }>).every((r) => r.phase !== "drafting")).toBe(true);

    const facilitator = await createToken(ACCOUNTS.facilitator);
    const mine = await call("GET", `/api/v1/recommendations/${draftId}`, { token: facilitator.token });
    expect(mine.status).toBe(200);
    expect(mine.body.phase).toBe("drafting");
    conforms("/recommendations/{recommendationId}", "get", 200, mine.body);
    const theirs = await call("GET", `/api/v1/cycles/${fixtures.draftCycle}/recommendations?limit=100`, {
      token: facilitator.token,
    });
    expect((theirs.body.data as Array<{ id: string }>).map((r) => r.id)).toContain(draftId);
  });

  it("pages with a cap and refuses unknown filters, each with a problem and never a 500", async () => {
    const first = await call("GET", `/api/v1/cycles/${fixtures.slugCycle}/recommendations?limit=2`);
    expect(first.status).toBe(200);
    const pagination = first.body.pagination as { total: number; nextPage: number | null; limit: number };
    expect((first.body.data as unknown[]).length).toBe(2);
    expect(pagination.limit).toBe(2);
    expect(pagination.total).toBeGreaterThan(2);
    expect(pagination.nextPage).toBe(2);
    const second = await call("GET", `/api/v1/cycles/${fixtures.slugCycle}/recommendations?limit=2&page=2`);
    const firstIds = (first.body.data as Array<{ id: string }>).map((r) => r.id);
    for (const r of second.body.data as Array<{ id: string }>) expect(firstIds).not.toContain(r.id);
    const all = await call("GET", `/api/v1/cycles/${fixtures.slugCycle}/recommendations?limit=100`);
    const last = Math.ceil(pagination.total / 2);
    const end = await call("GET", `/api/v1/cycles/${fixtures.slugCycle}/recommendations?limit=2&page=${last}`);
    expect((end.body.pagination as { nextPage: number | null }).nextPage).toBeNull();
    expect((all.body.data as unknown[]).length).toBe(Math.min(pagination.total, 100));

    const over = await call("GET", `/api/v1/organisations?limit=${PAGE_LIMIT_MAX + 1}`);
    expectProblem(over, 400, /limit must be at most 100/);
    expect(over.body.errors).toEqual([{ name: "query.limit", reason: "must be at most 100" }]);
    conforms("/organisations", "get", 400, over.body);
    expectProblem(await call("GET", "/api/v1/organisations?limit=0"), 400, /limit must be at least 1/);
    expectProblem(await call("GET", "/api/v1/organisations?limit=ten"), 400, /limit must be a whole number/);
    expectProblem(await call("GET", "/api/v1/organisations?page=-1"), 400, /page/);
    expectProblem(await call("GET", "/api/v1/organisations?limit=1&limit=2"), 400, /more than once/);

    const unknown = await call("GET", `/api/v1/cycles/${fixtures.slugCycle}/recommendations?colour=blue&limit=5`);
    expectProblem(unknown, 400, /Unknown query parameter: colour/);
    expect(unknown.body.errors).toEqual([{ name: "query.colour", reason: "unknown parameter" }]);
    expectProblem(await call("GET", `/api/v1/cycles/${fixtures.slugCycle}?lang=fr`), 400, /takes no query parameter/);
    expectProblem(
      await call("GET", `/api/v1/cycles/${fixtures.slugCycle}/recommendations?lang=xx`),
      400,
      /lang must be one of/,
    );
    expectProblem(await call("GET", `/api/v1/organisations/${fixtures.slugOrganisation}/assemblies?status=draft`), 400);

    expectProblem(await call("GET", "/api/v1/cycles/no-such-cycle"), 404, /No cycle/);
    expectProblem(await call("GET", "/api/v1/recommendations/not-a-uuid"), 404);
    expectProblem(await call("GET", "/api/v1/ballots/00000000-0000-4000-8000-000000000000/results"), 404);
    expectProblem(await call("GET", "/api/v1/nothing-here"), 404, /openapi\.json/);
    const wrongMethod = await call("DELETE", "/api/v1/organisations");
    expectProblem(wrongMethod, 405);
    expect(wrongMethod.headers.get("allow")).toBe("GET");
  });

  it("writes with a personal token: 401 without a valid one, 403 without the right, 201 with it", async () => {
    const db = t.deps.db;
    // Submitted by the "equality" group, whose facilitator may comment.
    const recId = await submittedRecommendation(db, { title: "Publish the pay scales of the cooperative" });
    const path = `/api/v1/recommendations/${recId}/comments`;
    const missing = await call("POST", path, { json: { body: "Bonjour" } });
    expectProblem(missing, 401, /personal API token/);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expectProblem(await call("POST", path, { json: { body: "x" }, token: "lc_" + "a".repeat(32) }), 401, /not valid/);
    expectProblem(await call("POST", path, { json: { body: "x" }, token: "garbage" }), 401, /not valid/);
    expectProblem(
      await call("POST", path, { json: { body: "x" }, headers: { authorization: "Basic abc" } }),
      401,
      /Bearer/,
    );

    // The ethics committee member is neither in the group nor on the board: may read, not comment.
    const ethics = await createToken(ACCOUNTS.ethics);
    expectProblem(await call("POST", path, { json: { body: "Un avis" }, token: ethics.token }), 403);

    const facilitator = await createToken(ACCOUNTS.facilitator, "comments");
    expectProblem(await call("POST", path, { json: { body: "   " }, token: facilitator.token }), 422, /required/);
    expectProblem(
      await call("POST", path, { json: { body: "x".repeat(4001) }, token: facilitator.token }),
      422,
      /at most 4000|4000/,
    );
    expectProblem(await call("POST", path, { json: { body: "ok", extra: 1 }, token: facilitator.token }), 422);
    expectProblem(
      await call("POST", path, {
        body: "{not json",
        token: facilitator.token,
        headers: { "content-type": "application/json" },
      }),
      400,
    );
    expectProblem(
      await call("POST", path, {
        body: "body=x",
        token: facilitator.token,
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
      415,
    );
    expectProblem(
      await call("POST", `/api/v1/recommendations/${draftId}/comments`, { json: { body: "x" }, token: ethics.token }),
      404,
    );

    expectProblem(
      await call("POST", path, { json: { body: "x".repeat(70 * 1024) }, token: facilitator.token }),
      413,
      /at most 65536 bytes/,
    );
    const made = await call("POST", path, {
      json: { body: "Un commentaire\r\nvenu d'un script" },
      token: facilitator.token,
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    conforms("/recommendations/{recommendationId}/comments", "post", 201, made.body);
    const [stored] = await db
      .select()
      .from(recommendationComments)
      .where(eq(recommendationComments.id, made.body.id as string));
    expect(stored!.body).toBe("Un commentaire\nvenu d'un script");
    expect(stored!.authorId).toBe(await personId(db, ACCOUNTS.facilitator));
  });

  it("creates tokens from a signed-in session only, stores them hashed, and lets an admin revoke them", async () => {
    const db = t.deps.db;
    // No session, or a session without its CSRF token, or a token: refused.
    expectProblem(await call("POST", "/api/v1/tokens", { json: { name: "x" } }), 401, /Sign in/);
    const browser = await browserOf(ACCOUNTS.member);
    const noCsrf = await browser.request("POST", "/api/v1/tokens", {
      body: JSON.stringify({ name: "x" }),
      headers: { "content-type": "application/json" },
    });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.headers.get("content-type")).toMatch(/problem\+json/);
    const bad = await browser.request("POST", "/api/v1/tokens", {
      body: JSON.stringify({ name: "" }),
      headers: { "content-type": "application/json", "x-csrf-token": browser.csrf },
    });
    expect(bad.status).toBe(422);

    const { id, token } = await createToken(ACCOUNTS.member, "export");
    expect(token).toMatch(/^lc_[a-z2-7]{32}$/);
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(row!.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(token);
    expectProblem(await call("POST", "/api/v1/tokens", { json: { name: "y" }, token }), 403);

    // Listed to its owner (never the token itself), not to another member.
    const own = await call("GET", "/api/v1/tokens", { token });
    expect(own.status).toBe(200);
    conforms("/tokens", "get", 200, own.body);
    expect((own.body.data as Array<{ id: string }>).map((x) => x.id)).toContain(id);
    expect(JSON.stringify(own.body)).not.toContain(token);
    const memberId = await personId(db, ACCOUNTS.member);
    const ethics = await createToken(ACCOUNTS.ethics);
    expectProblem(await call("GET", `/api/v1/tokens?person=${memberId}`, { token: ethics.token }), 403);
    expectProblem(await call("POST", `/api/v1/tokens/${id}/revoke`, { token: ethics.token }), 403);
    expectProblem(await call("GET", "/api/v1/tokens?everyone=1", { token }), 400, /everyone/);

    // The instance administrator finds it and revokes it, from a session with its CSRF token.
    const admin = await browserOf(ACCOUNTS.admin);
    const listed = await admin.request("GET", `/api/v1/tokens?person=${memberId}`);
    expect(listed.status).toBe(200);
    expect((JSON.parse(listed.text) as { data: Array<{ id: string }> }).data.map((x) => x.id)).toContain(id);
    const revoked = await admin.request("POST", `/api/v1/tokens/${id}/revoke`, {
      headers: { "x-csrf-token": admin.csrf },
    });
    expect(revoked.status, revoked.text).toBe(200);
    const revokedBody = JSON.parse(revoked.text) as Json;
    conforms("/tokens/{tokenId}/revoke", "post", 200, revokedBody);
    expect(revokedBody.revokedAt).not.toBeNull();
    // Both the creation and the revocation are in the audit log, the token itself nowhere.
    const audited = await t.deps.db.select().from(auditLog).where(eq(auditLog.subjectId, id));
    expect(audited.map((a) => a.action).sort()).toEqual(["api_token.created", "api_token.revoked"]);
    expect(JSON.stringify(audited)).not.toContain(token);

    // A revoked token is refused everywhere, reads included, with a clear reason.
    const refused = await call("GET", "/api/v1/organisations", { token });
    expectProblem(refused, 401, /revoked/);
    expect(refused.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expectProblem(await call("GET", "/api/v1/tokens", { token }), 401, /revoked/);
    expectProblem(
      await call("POST", `/api/v1/tokens/00000000-0000-4000-8000-000000000000/revoke`, { token: ethics.token }),
      404,
    );
  });

  it("refuses an eleventh active token with a problem, through the API as through the page", async () => {
    for (let i = 0; i < 10; i++) await createToken(ACCOUNTS.guest, `t${i}`);
    const client = await browserOf(ACCOUNTS.guest);
    const res = await client.request("POST", "/api/v1/tokens", {
      body: JSON.stringify({ name: "one more" }),
      headers: { "content-type": "application/json", "x-csrf-token": client.csrf },
    });
    expect(res.status, res.text).toBe(422);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.text).detail).toBe("You already hold 10 active tokens: revoke one first.");
    const guest = await personId(t.deps.db, ACCOUNTS.guest);
    expect(await t.deps.db.select().from(apiTokens).where(eq(apiTokens.personId, guest))).toHaveLength(10);
  });
});
