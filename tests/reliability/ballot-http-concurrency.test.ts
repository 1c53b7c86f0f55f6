import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, SESSION_COOKIE } from "../../src/auth/sessions.js";
import { openBallot } from "../../src/commands/ballots/open.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { ENGINES } from "../support/db.js";
import { addMembers, createBallot, demoOrg, votingCounts } from "../commands/ballots-fixtures.js";

const VOTERS = 20;
const ATTEMPTS = 5;

/** A signed-in browser reduced to its cookies and the CSRF token of the ballot page it read. */
async function browserOf(t: TestApp, personId: string, ballotPath: string) {
  const { token } = await createSession(t.deps.db, personId);
  let cookie = `${SESSION_COOKIE}=${token}`;
  const page = await t.app.request(ballotPath, { headers: { cookie } });
  for (const line of page.headers.getSetCookie()) cookie += `; ${line.split(";")[0]}`;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!csrf) throw new Error("no form on the ballot page");
  return { cookie, csrf };
}

describe.each(ENGINES)("one ballot per voter through HTTP on %s", (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t.close();
  });

  it(`${VOTERS} voters each posting the same form ${ATTEMPTS} times at once: ${VOTERS} ballots, ${VOTERS} receipts`, async () => {
    const db = t.deps.db;
    const org = await demoOrg(db, "smart-fr");
    const voters = await addMembers(db, org, { count: VOTERS, college: "staff" });
    const { ballotId, keys } = await createBallot(db, {
      organisationIds: [org.id],
      electorate: { collegeKeys: ["staff"] },
    });
    expect((await openBallot(db, ballotId, { actorId: null })).ok).toBe(true);
    const path = `/fr/ballots/${ballotId}`;
    const browsers = await Promise.all(voters.map((v) => browserOf(t, v, path)));

    const responses = await Promise.all(
      browsers.flatMap(({ cookie, csrf }) =>
        Array.from({ length: ATTEMPTS }, () => {
          const body = new URLSearchParams({ _csrf: csrf, order: keys.join(",") });
          keys.forEach((key, i) => body.append(`rank_${key}`, String(i + 1)));
          return t.app.request(path, {
            method: "POST",
            headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
            body: body.toString(),
          });
        }),
      ),
    );

    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 303)).toHaveLength(VOTERS);
    expect(statuses.filter((s) => s === 409)).toHaveLength(VOTERS * (ATTEMPTS - 1));
    // Each accepted vote hands its browser one receipt (in a cookie read once by the receipt page).
    const receipts = responses
      .filter((r) => r.status === 303)
      .map(
        (r) =>
          r.headers
            .getSetCookie()
            .find((line) => line.startsWith("lc_receipt="))
            ?.split(";")[0],
      );
    expect(new Set(receipts).size).toBe(VOTERS);
    expect(receipts.every((r) => r && /^lc_receipt=[0-9a-f-]+\.[0-9A-Z]{28}$/.test(r))).toBe(true);
    expect(await votingCounts(db, ballotId)).toEqual({ register: VOTERS, cast: VOTERS });
  }, 120_000);
});
