import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assemblyAttendance, assemblyProxies } from "../../src/db/schema/index.js";
import { assemblies as messages } from "../../src/i18n/messages/assemblies.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import { plain } from "../support/html.js";
import { itemContext, mail, openAssemblyOf, personId } from "./assemblies-helpers.js";
import { castVotes } from "../../src/commands/assemblies/vote.js";

const en = messages.en;

/**
 * The registration desk through its forms: attendance and proxies, and every refusal the
 * statutes and the rules of proxies call for (smart-be allows 2 proxies per holder; no chains).
 */
describe.each(ENGINES)("the assembly's registration desk (%s)", (engine) => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof openAssemblyOf>>;
  let desk: string;
  let teller: TestClient;

  beforeAll(async () => {
    t = await createTestApp(engine);
    s = await openAssemblyOf(t.deps.db, { title: "AG du guichet" });
    desk = `/en/assemblies/${s.assemblyId}/desk`;
    teller = new TestClient(t);
    await teller.actAs(mail("secretary"));
    expect((await teller.get(desk)).status).toBe(200);
  });
  afterAll(() => t.close());

  const counts = async () => {
    const [a] = await t.deps.db
      .select({ n: count() })
      .from(assemblyAttendance)
      .where(eq(assemblyAttendance.assemblyId, s.assemblyId));
    const [p] = await t.deps.db
      .select({ n: count() })
      .from(assemblyProxies)
      .where(eq(assemblyProxies.assemblyId, s.assemblyId));
    return { present: a!.n, proxies: p!.n };
  };

  async function attend(who: string, siteId = s.onlineSiteId) {
    return teller.post(`${desk}/attendance`, { email: mail(who), siteId });
  }
  async function give(giver: string, holder: string) {
    return teller.post(`${desk}/proxies`, { giverEmail: mail(giver), holderEmail: mail(holder) });
  }

  it("registers members present and refuses bad or repeated entries with a clear message", async () => {
    expect((await attend("member")).status).toBe(303);
    expect((await attend("member01")).status).toBe(303);
    expect((await attend("member02", s.paperSiteId)).status).toBe(303);
    const before = await counts();
    expect(before.present).toBe(3);

    for (const [res, message] of [
      [await attend("member"), en.refusedAlreadyPresent],
      [
        await teller.post(`${desk}/attendance`, { email: "nobody@example.org", siteId: s.onlineSiteId }),
        en.refusedNotMember,
      ],
      // member03 holds no share: not in the electorate.
      [await attend("member03"), en.refusedNotElector],
      [await attend("member10", "00000000-0000-4000-8000-000000000000"), en.refusedUnknownSite],
    ] as const) {
      expect(res.status).toBe(409);
      expect(plain(res.text)).toContain(message);
    }
    const malformed = await teller.post(`${desk}/attendance`, { email: "not an address", siteId: "x" });
    expect(malformed.status).toBe(422);
    expect(await counts()).toEqual(before);
  });

  it("refuses a proxy to oneself, from a member present, to a member absent, a chain and one past the limit", async () => {
    expect((await give("member05", "member")).status).toBe(303);
    const before = await counts();
    const cases: Array<[string, string, string]> = [
      ["member07", "member07", en.proxySelf],
      ["member01", "member", en.proxyGiverPresent],
      ["member10", "member11", en.proxyHolderNotPresent],
      // member05 gave their vote to member@: member05 cannot hold one, and cannot give twice.
      ["member10", "member05", en.proxyChain],
      ["member05", "member01", en.proxyAlreadyGave],
    ];
    for (const [giver, holder, message] of cases) {
      const res = await give(giver, holder);
      expect(res.status, `${giver} → ${holder}`).toBe(409);
      expect(plain(res.text), `${giver} → ${holder}`).toContain(message);
    }
    expect(await counts()).toEqual(before);

    // member@ holds one; the statutes of smart-be allow two.
    expect((await give("member07", "member")).status).toBe(303);
    const limit = await give("member10", "member");
    expect(limit.status).toBe(409);
    expect(plain(limit.text)).toContain(en.proxyHolderLimit);
    expect((await counts()).proxies).toBe(before.proxies + 1);
    // A member who gave a proxy is not registered present until it is removed.
    const gave = await attend("member05");
    expect(gave.status).toBe(409);
    expect(plain(gave.text)).toContain(en.refusedGaveProxy);
  });

  it("removes a proxy not yet used, and refuses to remove one the holder voted with", async () => {
    const db = t.deps.db;
    const member07 = await personId(db, "member07");
    const removed = await teller.post(`${desk}/proxies/${member07}/remove`, {});
    expect(removed.status).toBe(303);
    const member05 = await personId(db, "member05");
    const holder = await personId(db, "member");
    const context = await itemContext(db, s.assemblyId, s.itemId);
    const cast = await castVotes(
      db,
      context,
      holder,
      new Map([
        [holder, "yes"],
        [member05, "no"],
      ]),
    );
    expect(cast.ok).toBe(true);
    await teller.get(desk);
    const used = await teller.post(`${desk}/proxies/${member05}/remove`, {});
    expect(used.status).toBe(409);
    expect(plain(used.text)).toContain(en.refusedProxyUsed);
    const unknown = await teller.post(`${desk}/proxies/${await personId(db, "member09")}/remove`, {});
    expect(unknown.status).toBe(409);
    expect(plain(unknown.text)).toContain(en.refusedNoProxy);
    expect((await counts()).proxies).toBe(1);
  });

  it("is refused to members who are neither tellers nor running the process, even with the assembly's id", async () => {
    for (const who of ["member", "facilitator", "board"]) {
      const client = new TestClient(t);
      await client.actAs(mail(who));
      expect((await client.get(desk)).status, who).toBe(403);
      expect(
        (await client.post(`${desk}/attendance`, { email: mail("member09"), siteId: s.onlineSiteId })).status,
      ).toBe(403);
      expect(
        (await client.post(`${desk}/proxies`, { giverEmail: mail("member09"), holderEmail: mail(who) })).status,
      ).toBe(403);
    }
    const before = await counts();
    expect(before.present).toBe(3);
  });
});
