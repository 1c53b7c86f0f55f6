import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boardRoutes } from "../../src/web/routes/board.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import { BOARD_ROUTES, boardSamples } from "./permissions/board.js";
import { EMAIL, WHO, type Who } from "./permissions/roles.js";

/**
 * The board's part of the permission walk (tests/web/permissions.test.ts), on its own: every
 * board route refuses every role its table does not allow (403, or sign-in for visitors).
 */
const pattern = (path: string) => path.replace(/\{[^}]*\}/g, "");

describe.each(ENGINES)("who is refused on the board's routes (%s)", (engine) => {
  let t: TestApp;
  let params: Record<string, string>;
  const clients = new Map<Who, TestClient>();

  beforeAll(async () => {
    t = await createTestApp(engine);
    params = await boardSamples(t, {});
    for (const who of WHO) {
      const client = new TestClient(t, { "x-test-client-address": `198.51.100.${WHO.indexOf(who) + 1}` });
      if (who === "visitor") await client.get("/en/sign-in");
      else await client.actAs(EMAIL[who]);
      clients.set(who, client);
    }
  }, 120_000);
  afterAll(() => t.close());

  it("has a rule for every board route", () => {
    expect(boardRoutes.map((r) => `${r.method} ${pattern(r.path)}`).sort()).toEqual(Object.keys(BOARD_ROUTES).sort());
  });

  it("refuses every role the table does not allow", async () => {
    for (const route of boardRoutes) {
      const key = `${route.method} ${pattern(route.path)}`;
      const slug = route.path.startsWith("/cycles/") ? "2020-2021" : "smart-be";
      const url =
        "/en" + pattern(route.path).replace(/:(\w+)/g, (_, name: string) => (name === "slug" ? slug : params[name]!));
      for (const who of WHO.filter((w) => !BOARD_ROUTES[key]!.includes(w))) {
        const client = clients.get(who)!;
        const res = route.method === "GET" ? await client.get(url) : await client.post(url, {});
        if (who === "visitor") {
          expect(res.status, `${key} as visitor`).toBe(303);
          expect(res.location, `${key} as visitor`).toMatch(/^\/en\/sign-in\?next=/);
        } else {
          expect(res.status, `${key} as ${who}`).toBe(403);
        }
      }
    }
  }, 120_000);
});
