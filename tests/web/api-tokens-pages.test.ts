import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiTokens } from "../../src/db/schema/index.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import { plain } from "../support/html.js";
import { ACCOUNTS, personId } from "./board-helpers.js";

/** The pages where a person creates and revokes their API tokens, and where an admin revokes anyone's. */
describe.each(ENGINES)("personal API tokens through the pages (%s)", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t.close());

  async function as(email: string): Promise<TestClient> {
    const client = new TestClient(t);
    await client.actAs(email);
    return client;
  }
  const api = (token: string) => t.app.request("/api/v1/tokens", { headers: { authorization: `Bearer ${token}` } });

  it("creates a token shown once, that works with the API until its owner revokes it", async () => {
    const member = await as(ACCOUNTS.member);
    expect((await member.get("/en/account")).text).toContain('href="/en/account/api-tokens"');
    expect((await member.get("/en/account/api-tokens")).status).toBe(200);
    const created = await member.post("/en/account/api-tokens", { name: "<b>spreadsheet</b>" });
    expect(created.status).toBe(200);
    const token = /<code class="secret">(lc_[a-z2-7]{32})<\/code>/.exec(created.text)?.[1];
    expect(token).toBeDefined();
    expect(created.text).toContain("&lt;b&gt;spreadsheet&lt;/b&gt;");
    // Shown once: the list shows only its first characters.
    const again = await member.get("/en/account/api-tokens");
    expect(again.text).not.toContain(token!);
    expect(again.text).toContain(`${token!.slice(0, 9)}…`);
    expect((await api(token!)).status).toBe(200);

    const [row] = await t.deps.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.prefix, token!.slice(0, 9)));
    const revoked = await member.post(`/en/api-tokens/${row!.id}/revoke`, { back: "/en/account/api-tokens" });
    expect(revoked.status).toBe(303);
    expect(revoked.location).toBe("/en/account/api-tokens?done=revoked");
    expect((await api(token!)).status).toBe(401);
    expect(plain((await member.get("/en/account/api-tokens?done=revoked")).text)).toContain("Revoked on");
  });

  it("refuses an empty or long name and an eleventh active token, with nothing saved", async () => {
    const secretary = await as(ACCOUNTS.secretary);
    await secretary.get("/en/account/api-tokens");
    const mine = async () =>
      (
        await t.deps.db
          .select()
          .from(apiTokens)
          .where(eq(apiTokens.personId, await personId(t.deps.db, ACCOUNTS.secretary)))
      ).length;
    expect((await secretary.post("/en/account/api-tokens", { name: "  " })).status).toBe(422);
    expect((await secretary.post("/en/account/api-tokens", { name: "x".repeat(81) })).status).toBe(422);
    expect(await mine()).toBe(0);
    for (let i = 0; i < 10; i++)
      expect((await secretary.post("/en/account/api-tokens", { name: `t${i}` })).status).toBe(200);
    const eleventh = await secretary.post("/en/account/api-tokens", { name: "one more" });
    expect(eleventh.status).toBe(422);
    expect(plain(eleventh.text)).toContain("You already have 10 active tokens: revoke one first.");
    expect(await mine()).toBe(10);
  });

  it("lets no one else revoke a token, even with its id; an instance admin may, from the list of everyone's", async () => {
    const facilitator = await as(ACCOUNTS.facilitator);
    const page = await facilitator.post("/en/account/api-tokens", { name: "mine" });
    const token = /<code class="secret">(lc_[a-z2-7]{32})<\/code>/.exec(page.text)![1]!;
    const [row] = await t.deps.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.prefix, token.slice(0, 9)));
    for (const other of [ACCOUNTS.member, ACCOUNTS.manager]) {
      const client = await as(other);
      expect((await client.post(`/en/api-tokens/${row!.id}/revoke`, {})).status, other).toBe(403);
      expect((await client.get("/en/admin/api-tokens")).status, other).toBe(403);
    }
    expect((await api(token)).status).toBe(200);
    const admin = await as(ACCOUNTS.admin);
    const list = await admin.get("/en/admin/api-tokens");
    expect(list.status).toBe(200);
    expect(list.text).toContain("mine");
    expect((await admin.get("/en/admin")).text).toContain('href="/en/admin/api-tokens"');
    const revoked = await admin.post(`/en/api-tokens/${row!.id}/revoke`, { back: "/en/admin/api-tokens" });
    expect(revoked.location).toBe("/en/admin/api-tokens?done=revoked");
    expect((await api(token)).status).toBe(401);
    expect((await admin.post(`/en/api-tokens/00000000-0000-4000-8000-000000000000/revoke`, {})).status).toBe(404);
    const visitor = await new TestClient(t).get("/en/account/api-tokens");
    expect(visitor.status).toBe(303);
  });
});
