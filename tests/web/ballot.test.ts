import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { castBallot } from "../../src/commands/ballots/cast.js";
import { closeBallot } from "../../src/commands/ballots/close.js";
import { openBallot } from "../../src/commands/ballots/open.js";
import { publishBallot } from "../../src/commands/ballots/publish.js";
import type { Db } from "../../src/db/client.js";
import { auditLog, ballots, castBallots } from "../../src/db/schema/index.js";
import { ballots as messages } from "../../src/i18n/messages/ballots.js";
import { errors } from "../../src/i18n/messages/errors.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import {
  addMembers,
  ballotStatus,
  createBallot,
  demoOrg,
  personId,
  votingCounts,
  type DemoOrg,
} from "../commands/ballots-fixtures.js";

const en = messages.en;
/** JSX escapes quotes in text as well. */
const html = (text: string) =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
const ranks = (order: string[]) => Object.fromEntries(order.map((key, i) => [`rank_${key}`, String(i + 1)]));
const KEYS = ["housing", "care", "commons", "europe"];

describe.each(ENGINES)("the ballot pages on %s", (engine) => {
  let t: TestApp;
  let db: Db;
  let be: DemoOrg;
  let fr: DemoOrg;
  let managerId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    db = t.deps.db;
    be = await demoOrg(db, "smart-be");
    fr = await demoOrg(db, "smart-fr");
    managerId = await personId(db, "manager@demo.letscoop.test");
  });
  afterAll(async () => {
    await t.close();
  });

  async function openBeBallot(opts: Partial<Parameters<typeof createBallot>[1]> = {}) {
    const created = await createBallot(db, { organisationIds: [be.id], ...opts });
    expect((await openBallot(db, created.ballotId, { actorId: managerId })).ok).toBe(true);
    return created;
  }

  async function signedIn(email: string) {
    const client = new TestClient(t);
    await client.signIn(email);
    return client;
  }

  it("shows an elector the ranking form, with a select per theme in a fieldset, and the island", async () => {
    const { ballotId } = await openBeBallot({ title: "Thèmes 2026" });
    const member = await signedIn("member@demo.letscoop.test");
    const page = await member.get(`/en/ballots/${ballotId}`);
    expect(page.status).toBe(200);
    expect(page.text.match(/<h1>/g)).toHaveLength(1);
    expect(page.text).toContain("<legend>" + html(en.rankLegend) + "</legend>");
    for (const key of KEYS) expect(page.text).toMatch(new RegExp(`<select id="field-rank_${key}" name="rank_${key}"`));
    expect(page.text).toContain(`<label for="field-rank_housing">`);
    expect(page.text).toContain("Housing");
    expect(page.text).toContain('value="down:housing"');
    expect(page.text).toMatch(/formaction="\/en\/ballots\/[0-9a-f-]+\/reorder#option-housing"/);
    expect(page.text).toContain('aria-live="polite"');
    const script = /<script type="module" src="(\/static\/rank-ballot\.[0-9a-f]{10}\.js)"/.exec(page.text);
    expect(script).not.toBeNull();
    const js = await t.app.request(script![1]!);
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toContain("text/javascript");
    expect(js.headers.get("cache-control")).toContain("immutable");
    expect(await js.text()).toContain("rank-ballot");
    // The announcements are in the page's language, passed to the island as data.
    expect(page.text).toContain(
      `data-msg-dropped="${html(en.liveMsgDropped.replace("{{title}}", "{title}").replace("{{position}}", "{position}").replace("{{total}}", "{total}"))}"`,
    );
    const fr = await member.get(`/fr/ballots/${ballotId}`);
    expect(fr.text).toContain("Se loger");
    expect(fr.text).toContain(html(messages.fr.rankLegend));
    // A language without a translation falls back to the theme's source language, marked as such.
    const de = await member.get(`/de/ballots/${ballotId}`);
    expect(de.text).toMatch(/<p class="rank-title" lang="fr">Se loger<\/p>/);
  });

  it("casts with JavaScript off: redirect to a receipt shown once, with a tracker on the board", async () => {
    const { ballotId } = await openBeBallot();
    const member = await signedIn("member@demo.letscoop.test");
    await member.get(`/en/ballots/${ballotId}`);
    const cast = await member.post(`/en/ballots/${ballotId}`, {
      order: KEYS.join(","),
      ...ranks(["care", "housing", "europe", "commons"]),
    });
    expect(cast.status).toBe(303);
    expect(cast.location).toBe(`/en/ballots/${ballotId}/receipt`);
    expect(cast.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    const receipt = await member.follow(cast);
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get("cache-control")).toBe("no-store");
    const code = /<p class="receipt-code">([0-9A-Z-]+)<\/p>/.exec(receipt.text)![1]!;
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){6}$/);
    const tracker = createHash("sha256").update(code.replace(/-/g, "")).digest("hex");
    expect(receipt.text).toContain(tracker);
    expect(await votingCounts(db, ballotId)).toEqual({ register: 1, cast: 1 });
    const [row] = await db.select().from(castBallots).where(eq(castBallots.ballotId, ballotId));
    expect(row!.ranking).toEqual([["care"], ["housing"], ["europe"], ["commons"]]);
    expect(row!.tracker).toBe(tracker);
    // Shown once.
    const again = await member.get(`/en/ballots/${ballotId}/receipt`);
    expect(again.text).not.toContain(code);
    expect(again.text).toContain(html(en.receiptGoneTitle));
    // The ballot page now says so, and offers to replace the ballot with the receipt.
    const after = await member.get(`/en/ballots/${ballotId}`);
    expect(after.text).toContain(html(en.votedBody));
    expect(after.text).toContain(`action="/en/ballots/${ballotId}/recast"`);
    // The public board lists the tracker; the search finds it, for anyone.
    const visitor = new TestClient(t);
    const board = await visitor.get(`/en/ballots/${ballotId}/board`);
    expect(board.status).toBe(200);
    expect(board.text).toContain(`<code>${tracker}</code>`);
    const found = await visitor.get(`/en/ballots/${ballotId}/board?q=${tracker.slice(0, 10).toUpperCase()}`);
    expect(found.text).toContain(html(en.boardFound.replace("{{count}}", "1")));
    const missing = await visitor.get(
      `/en/ballots/${ballotId}/board?q=${tracker.startsWith("0") ? "ffffffffff" : "0000000000"}`,
    );
    expect(missing.text).toContain(html(en.boardNotFound));
  });

  it("refuses duplicate, missing and unknown ranks with 422, keeps the choices, stores nothing", async () => {
    const { ballotId } = await openBeBallot();
    const member = await signedIn("member@demo.letscoop.test");
    await member.get(`/en/ballots/${ballotId}`);
    const duplicate = await member.post(`/en/ballots/${ballotId}`, {
      order: KEYS.join(","),
      rank_housing: "1",
      rank_care: "1",
      rank_commons: "2",
      rank_europe: "3",
    });
    expect(duplicate.status).toBe(422);
    expect(duplicate.text).toContain('class="error-summary"');
    expect(duplicate.text).toContain(html(en.rankDuplicate));
    expect(duplicate.text).toContain('href="#field-rank_housing"');
    expect(duplicate.text).toMatch(/<select id="field-rank_care" name="rank_care" aria-invalid="true"/);
    expect(duplicate.text).toMatch(/name="rank_commons"[^>]*>(?:(?!<\/select>).)*<option value="2" selected=""/s);
    const missing = await member.post(`/en/ballots/${ballotId}`, {
      order: KEYS.join(","),
      rank_housing: "1",
      rank_care: "2",
      rank_commons: "3",
    });
    expect(missing.status).toBe(422);
    expect(missing.text).toContain(html(en.rankMissing));
    const unknown = await member.post(`/en/ballots/${ballotId}`, { ...ranks(KEYS), rank_mars: "5" });
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain(html(en.unknownOption));
    const outOfRange = await member.post(`/en/ballots/${ballotId}`, { ...ranks(KEYS), rank_europe: "9" });
    expect(outOfRange.status).toBe(422);
    expect(await votingCounts(db, ballotId)).toEqual({ register: 0, cast: 0 });
  });

  it("refuses a body over 16 KB with 413 and stores nothing", async () => {
    const { ballotId } = await openBeBallot();
    const member = await signedIn("member@demo.letscoop.test");
    await member.get(`/en/ballots/${ballotId}`);
    const big = await member.post(`/en/ballots/${ballotId}`, { ...ranks(KEYS), padding: "x".repeat(17 * 1024) });
    expect(big.status).toBe(413);
    expect(big.text).toContain(html(errors.en.tooLargeTitle));
    expect(await votingCounts(db, ballotId)).toEqual({ register: 0, cast: 0 });
  });

  it("refuses a vote outside the window though the ballot is still open, and a second vote", async () => {
    const { ballotId } = await openBeBallot();
    const member = await signedIn("member@demo.letscoop.test");
    await member.get(`/en/ballots/${ballotId}`);
    await db
      .update(ballots)
      .set({ closesAt: new Date(Date.now() - 60_000), opensAt: new Date(Date.now() - 3_600_000) })
      .where(eq(ballots.id, ballotId));
    const late = await member.post(`/en/ballots/${ballotId}`, ranks(KEYS));
    expect(late.status).toBe(409);
    expect(late.text).toContain(html(en.notTakingVotes));
    await db
      .update(ballots)
      .set({ opensAt: new Date(Date.now() + 3_600_000), closesAt: new Date(Date.now() + 7_200_000) })
      .where(eq(ballots.id, ballotId));
    const early = await member.post(`/en/ballots/${ballotId}`, ranks(KEYS));
    expect(early.status).toBe(409);
    expect(await votingCounts(db, ballotId)).toEqual({ register: 0, cast: 0 });

    await db.update(ballots).set({ opensAt: null, closesAt: null }).where(eq(ballots.id, ballotId));
    expect((await member.post(`/en/ballots/${ballotId}`, ranks(KEYS))).status).toBe(303);
    await member.get(`/en/ballots/${ballotId}`);
    const twice = await member.post(`/en/ballots/${ballotId}`, ranks([...KEYS].reverse()));
    expect(twice.status).toBe(409);
    expect(twice.text).toContain(html(en.alreadyVoted));
    expect(await votingCounts(db, ballotId)).toEqual({ register: 1, cast: 1 });
  });

  it("moves a theme up or down without voting (JavaScript off)", async () => {
    const { ballotId } = await openBeBallot();
    const member = await signedIn("member@demo.letscoop.test");
    await member.get(`/en/ballots/${ballotId}`);
    const moved = await member.post(`/en/ballots/${ballotId}/reorder`, { order: KEYS.join(","), move: "down:housing" });
    expect(moved.status).toBe(200);
    expect(moved.text).toContain(`name="order" value="care,housing,commons,europe"`);
    expect(moved.text).toContain(
      html(en.movedNotice.replace("{{title}}", "Housing").replace("{{position}}", "2").replace("{{total}}", "4")),
    );
    expect(moved.text).toMatch(/name="rank_housing"[^>]*>(?:(?!<\/select>).)*<option value="2" selected=""/s);
    // The chosen ranks win over the order shown.
    const chosen = await member.post(`/en/ballots/${ballotId}/reorder`, {
      order: KEYS.join(","),
      ...ranks(["europe", "commons", "care", "housing"]),
      move: "up:housing",
    });
    expect(chosen.text).toContain(`name="order" value="europe,commons,housing,care"`);
    expect(await votingCounts(db, ballotId)).toEqual({ register: 0, cast: 0 });
  });

  it("replaces a ballot with the receipt code; a wrong code is refused and changes nothing", async () => {
    const { ballotId } = await openBeBallot();
    const memberId = await personId(db, "member@demo.letscoop.test");
    const first = await castBallot(db, { ballotId, personId: memberId, ranking: KEYS.map((k) => [k]) });
    if (!first.ok) throw new Error(first.reason);
    const member = await signedIn("member@demo.letscoop.test");
    await member.get(`/en/ballots/${ballotId}`);
    const wrong = await member.post(`/en/ballots/${ballotId}/recast`, {
      mode: "recast",
      receipt: "0000-0000-0000-0000-0000-0000-0000",
      ...ranks([...KEYS].reverse()),
    });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain(html(en.wrongReceipt));
    const malformed = await member.post(`/en/ballots/${ballotId}/recast`, {
      mode: "recast",
      receipt: "hello",
      ...ranks([...KEYS].reverse()),
    });
    expect(malformed.status).toBe(422);
    expect(malformed.text).toContain(html(en.receiptMalformed));
    let [row] = await db.select().from(castBallots).where(eq(castBallots.ballotId, ballotId));
    expect(row!.ranking).toEqual(KEYS.map((k) => [k]));
    const ok = await member.post(`/en/ballots/${ballotId}/recast`, {
      mode: "recast",
      receipt: first.receipt.toLowerCase(),
      ...ranks([...KEYS].reverse()),
    });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe(`/en/ballots/${ballotId}?notice=recast`);
    [row] = await db.select().from(castBallots).where(eq(castBallots.ballotId, ballotId));
    expect(row!.ranking).toEqual([...KEYS].reverse().map((k) => [k]));
    expect(row!.tracker).toBe(first.tracker);
    expect(await votingCounts(db, ballotId)).toEqual({ register: 1, cast: 1 });
  });

  it("explains to a non-elector why they cannot vote, and refuses their ballot with 403", async () => {
    const { ballotId } = await openBeBallot({ electorate: { shareholdersOnly: true, collegeKeys: ["staff"] } });
    const member = await signedIn("member@demo.letscoop.test"); // member-workers: not admitted
    const page = await member.get(`/en/ballots/${ballotId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(html(en.notElectorHeading));
    expect(page.text).toContain(html(en.ruleShareholders));
    expect(page.text).toContain("Staff");
    expect(page.text).not.toContain('name="rank_housing"');
    const refused = await member.post(`/en/ballots/${ballotId}`, ranks(KEYS));
    expect(refused.status).toBe(403);
    expect((await member.post(`/en/ballots/${ballotId}/reorder`, { move: "up:care" })).status).toBe(403);
    expect(await votingCounts(db, ballotId)).toEqual({ register: 0, cast: 0 });
  });

  it("sends a visitor to sign in to vote, and back", async () => {
    const { ballotId } = await openBeBallot();
    const visitor = new TestClient(t);
    const page = await visitor.get(`/en/ballots/${ballotId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`/en/sign-in?next=${encodeURIComponent(`/en/ballots/${ballotId}`)}`);
    await visitor.get("/en/sign-in");
    const cast = await visitor.post(`/en/ballots/${ballotId}`, ranks(KEYS));
    expect(cast.status).toBe(303);
    expect(cast.location).toMatch(/^\/en\/sign-in\?next=/);
    expect(await votingCounts(db, ballotId)).toEqual({ register: 0, cast: 0 });
  });

  it("lets those who run the ballot open, close and publish it, audited; refuses members and visitors", async () => {
    const { ballotId } = await createBallot(db, { organisationIds: [be.id] });
    const member = await signedIn("member@demo.letscoop.test");
    const visitor = new TestClient(t);
    await visitor.get("/en/sign-in");
    // A draft is not shown to members.
    expect((await member.get(`/en/ballots/${ballotId}`)).status).toBe(403);
    expect((await member.post(`/en/admin/ballots/${ballotId}/open`)).status).toBe(403);
    expect((await visitor.post(`/en/admin/ballots/${ballotId}/open`)).location).toMatch(/^\/en\/sign-in/);
    expect(await ballotStatus(db, ballotId)).toBe("draft");

    const manager = await signedIn("manager@demo.letscoop.test");
    const draft = await manager.get(`/en/ballots/${ballotId}`);
    expect(draft.text).toContain(html(en.adminHeading));
    // The embedded database is said to be unfit for binding votes, where it is the one in use.
    if (engine === "pglite") expect(draft.text).toContain(html(en.embeddedWarning.slice(0, 30)));
    else expect(draft.text).not.toContain(html(en.embeddedWarning.slice(0, 30)));
    const opened = await manager.post(`/en/admin/ballots/${ballotId}/open`);
    expect(opened.status).toBe(303);
    expect(opened.location).toBe(`/en/ballots/${ballotId}?notice=opened`);
    expect(await ballotStatus(db, ballotId)).toBe("open");
    const again = await manager.post(`/en/admin/ballots/${ballotId}/open`);
    expect(again.status).toBe(409);
    expect(again.text).toContain(html(en.refusedNotDraft));

    expect((await member.post(`/en/admin/ballots/${ballotId}/close`)).status).toBe(403);
    expect((await member.get(`/en/admin/ballots/${ballotId}/export.toc`)).status).toBe(403);
    await manager.get(`/en/ballots/${ballotId}`);
    expect((await manager.get(`/en/admin/ballots/${ballotId}/export.toc`)).status).toBe(403); // not counted yet
    expect((await manager.post(`/en/admin/ballots/${ballotId}/close`)).status).toBe(303);
    expect(await ballotStatus(db, ballotId)).toBe("closed");
    expect((await member.post(`/en/admin/ballots/${ballotId}/publish`)).status).toBe(403);
    expect((await member.get(`/en/admin/ballots/${ballotId}/export.toc`)).status).toBe(403);

    const file = await manager.get(`/en/admin/ballots/${ballotId}/export.toc`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toContain("text/plain");
    expect(file.headers.get("content-disposition")).toBe(`attachment; filename="ballot-${ballotId}.toc"`);
    expect(file.text).toContain("# ALTERNATIVE NAME 1: housing");

    await manager.get(`/en/ballots/${ballotId}`);
    expect((await manager.post(`/en/admin/ballots/${ballotId}/publish`)).status).toBe(303);
    expect(await ballotStatus(db, ballotId)).toBe("published");
    const publicFile = await visitor.get(`/en/admin/ballots/${ballotId}/export.toc`);
    expect(publicFile.status).toBe(200);

    const actions = await db
      .select({ action: auditLog.action, actorId: auditLog.actorId })
      .from(auditLog)
      .where(eq(auditLog.subjectId, ballotId));
    expect(actions.map((a) => a.action).sort()).toEqual([
      "ballot.closed",
      "ballot.exported",
      "ballot.opened",
      "ballot.published",
    ]);
    expect(new Set(actions.map((a) => a.actorId))).toEqual(new Set([managerId]));
  });

  it("hides another organisation's draft ballot: guessing its id changes nothing", async () => {
    const { ballotId } = await createBallot(db, { organisationIds: [fr.id] });
    const manager = await signedIn("manager@demo.letscoop.test"); // runs smart-be only
    expect((await manager.get(`/en/ballots/${ballotId}`)).status).toBe(403);
    expect((await manager.post(`/en/admin/ballots/${ballotId}/open`)).status).toBe(403);
    expect((await manager.post(`/en/admin/ballots/${ballotId}/close`)).status).toBe(403);
    expect((await manager.post(`/en/admin/ballots/${ballotId}/publish`)).status).toBe(403);
    expect((await manager.get(`/en/ballots/${ballotId}/board`)).status).toBe(403);
    expect(await ballotStatus(db, ballotId)).toBe("draft");
    expect((await manager.get(`/en/ballots/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await manager.post(`/en/admin/ballots/00000000-0000-4000-8000-000000000000/open`)).status).toBe(404);
    expect((await manager.get(`/en/ballots/not-an-id`)).status).toBe(404);
    const [opened] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, ballotId)));
    expect(Number(opened!.n)).toBe(0);
  });

  it("renders HTML in a theme title and description inert", async () => {
    const { ballotId } = await openBeBallot({
      themes: [
        {
          key: "xss",
          titles: { en: '<script>alert("x")</script>', fr: "<script>alert(1)</script>" },
          description: "<img src=x onerror=alert(1)>",
        },
        { key: "calm", titles: { en: "Calm", fr: "Calme" } },
      ],
    });
    const member = await signedIn("member@demo.letscoop.test");
    const page = await member.get(`/en/ballots/${ballotId}`);
    expect(page.text).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(page.text).not.toContain('<script>alert("x")');
    expect(page.text).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(page.text).not.toContain("<img src=x");
    // Also inside the attribute the island reads.
    expect(page.text).toContain('data-title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"');
  });

  it("shows the result of a closed count only to those who run it; the board stays public", async () => {
    const voters = await addMembers(db, be, { count: 3, college: "staff" });
    const { ballotId } = await openBeBallot();
    for (const v of voters)
      expect((await castBallot(db, { ballotId, personId: v, ranking: KEYS.map((k) => [k]) })).ok).toBe(true);
    await closeBallot(db, ballotId, { actorId: managerId });
    const visitor = new TestClient(t);
    const board = await visitor.get(`/en/ballots/${ballotId}/board`);
    expect(board.text).toContain(html(en.boardCount.replace("{{count}}", "3")));
    const page = await visitor.get(`/en/ballots/${ballotId}`);
    expect(page.text).toContain(html(en.closedBody));
    expect((await visitor.get(`/en/admin/ballots/${ballotId}/export.toc`)).status).toBe(303);
    await publishBallot(db, ballotId, { actorId: managerId });
    expect((await visitor.get(`/en/ballots/${ballotId}`)).text).toContain(html(en.publishedBody));
  });
});
