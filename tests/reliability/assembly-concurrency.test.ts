import { count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, SESSION_COOKIE } from "../../src/auth/sessions.js";
import { recordAttendance, recordProxy } from "../../src/commands/assemblies/desk.js";
import { assemblySecretVotes, assemblyVoteRegister, persons } from "../../src/db/schema/index.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { ENGINES } from "../support/db.js";
import { addMembers, demoOrg } from "../commands/ballots-fixtures.js";
import { openAssemblyOf } from "../web/assemblies-helpers.js";

const PRESENT = 230;
const GIVERS = 20;
const REQUESTS = 500;

async function browserOf(t: TestApp, personId: string, path: string) {
  const { token } = await createSession(t.deps.db, personId);
  let cookie = `${SESSION_COOKIE}=${token}`;
  const page = await t.app.request(path, { headers: { cookie } });
  for (const line of page.headers.getSetCookie()) cookie += `; ${line.split(";")[0]}`;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!csrf) throw new Error("no form on the vote page");
  return { cookie, csrf };
}

describe.each(ENGINES)("500 concurrent votes on one assembly item (%s)", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t.close());

  it(`${REQUESTS} requests by ${PRESENT} members present (${GIVERS} of them also for a proxy): exactly one vote per member`, async () => {
    const db = t.deps.db;
    const org = await demoOrg(db, "smart-be");
    const s = await openAssemblyOf(db, { decisionKind: "ordinary", secret: true, title: "AG sous charge" });
    const voters = await addMembers(db, org, { count: PRESENT, college: "staff" });
    const givers = await addMembers(db, org, { count: GIVERS, college: "clients" });
    const emails = new Map(
      (
        await db
          .select({ id: persons.id, email: persons.email })
          .from(persons)
          .where(inArray(persons.id, [...voters, ...givers]))
      ).map((p) => [p.id, p.email]),
    );
    for (const id of voters) {
      const outcome = await recordAttendance(db, s.admin, s.context, {
        email: emails.get(id)!,
        siteId: s.onlineSiteId,
      });
      expect(outcome.ok).toBe(true);
    }
    // Ten holders carry two proxies each (the limit of smart-be's statutes).
    const holderOf = new Map<string, string[]>();
    givers.forEach((giver, i) => {
      const holder = voters[i % 10]!;
      holderOf.set(holder, [...(holderOf.get(holder) ?? []), giver]);
    });
    for (const [holder, held] of holderOf)
      for (const giver of held)
        expect(
          (
            await recordProxy(db, s.admin, s.context, {
              giverEmail: emails.get(giver)!,
              holderEmail: emails.get(holder)!,
            })
          ).ok,
        ).toBe(true);

    const path = `/fr/assemblies/${s.assemblyId}/items/${s.itemId}/vote`;
    const browsers = new Map<string, { cookie: string; csrf: string }>();
    for (const id of voters) browsers.set(id, await browserOf(t, id, path));
    const choices = ["yes", "no", "abstain"] as const;
    const senders = Array.from({ length: REQUESTS }, (_, i) => voters[i % PRESENT]!);
    const responses = await Promise.all(
      senders.map((voter, i) => {
        const { cookie, csrf } = browsers.get(voter)!;
        const body = new URLSearchParams({ _csrf: csrf, [`choice_${voter}`]: choices[i % 3]! });
        for (const giver of holderOf.get(voter) ?? []) body.append(`choice_${giver}`, choices[(i + 1) % 3]!);
        return t.app.request(path, {
          method: "POST",
          headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
          body: body.toString(),
        });
      }),
    );
    const statuses = responses.map((r) => r.status);
    expect(
      statuses.every((st) => st === 303 || st === 409),
      JSON.stringify([...new Set(statuses)]),
    ).toBe(true);
    // One request per voter went through; every other was told the votes were already cast.
    expect(statuses.filter((st) => st === 303)).toHaveLength(PRESENT);

    const register = await db
      .select({ personId: assemblyVoteRegister.personId, castBy: assemblyVoteRegister.castBy })
      .from(assemblyVoteRegister)
      .where(eq(assemblyVoteRegister.itemId, s.itemId));
    expect(register).toHaveLength(PRESENT + GIVERS);
    expect(new Set(register.map((r) => r.personId)).size).toBe(PRESENT + GIVERS);
    for (const r of register) if (givers.includes(r.personId)) expect(voters.slice(0, 10)).toContain(r.castBy);
    const [votes] = await db
      .select({ n: count() })
      .from(assemblySecretVotes)
      .where(eq(assemblySecretVotes.itemId, s.itemId));
    expect(votes!.n).toBe(PRESENT + GIVERS);
    const [proxyVotes] = await db
      .select({ n: count() })
      .from(assemblySecretVotes)
      .where(eq(assemblySecretVotes.proxy, true));
    expect(proxyVotes!.n).toBe(GIVERS);
  }, 240_000);
});
