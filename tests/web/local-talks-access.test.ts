import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localTalks } from "../../src/db/schema/index.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import { demoIds, frenchFacilitator, talkForm, talkSnapshot } from "./local-talks-helpers.js";

type Ids = Awaited<ReturnType<typeof demoIds>>;

const NEW_2020 = "/en/cycles/2020-2021/local-talks/new";
const NEW_2015 = "/en/cycles/2015-2016/local-talks/new";

describe.each(ENGINES)("who may record local talks (%s)", (engine) => {
  let t: TestApp;
  let ids: Ids;
  let frEmail: string;
  const as = async (email: string) => {
    const client = new TestClient(t);
    await client.actAs(email);
    return client;
  };
  beforeAll(async () => {
    t = await createTestApp(engine);
    ids = await demoIds(t.deps.db);
    frEmail = await frenchFacilitator(t.deps.db);
  });
  afterAll(() => t.close());

  it.each(["member", "guest", "secretary", "board", "ethics"])(
    "refuses %s@ every form, even with a valid form and a guessed talk id, and saves nothing",
    async (who) => {
      const client = await as(`${who}@demo.letscoop.test`);
      const before = await talkSnapshot(t.deps.db);
      expect((await client.get(NEW_2020)).status).toBe(403);
      expect((await client.get(NEW_2015)).status).toBe(403);
      expect((await client.post(NEW_2020, talkForm())).status).toBe(403);
      expect((await client.get(`/en/local-talks/${ids.equalityTalk}/edit`)).status).toBe(403);
      expect((await client.post(`/en/local-talks/${ids.equalityTalk}/edit`, talkForm())).status).toBe(403);
      expect((await client.post(`/en/local-talks/${ids.equalityTalk}/contributions`, { body: "x" })).status).toBe(403);
      expect(await talkSnapshot(t.deps.db)).toEqual(before);
      // The public pages stay open, without the managers' links and form.
      const page = await client.get(`/en/local-talks/${ids.equalityTalk}`);
      expect(page.status).toBe(200);
      expect(page.text).not.toContain("Edit this talk");
      expect(page.text).not.toContain("/contributions");
    },
  );

  it("sends visitors to sign in", async () => {
    const visitor = new TestClient(t);
    const get = await visitor.get(NEW_2020);
    expect(get.status).toBe(303);
    expect(get.location).toContain("/en/sign-in?next=");
    await visitor.get("/en/sign-in");
    const before = await talkSnapshot(t.deps.db);
    const post = await visitor.post(NEW_2020, talkForm());
    expect(post.status).toBe(303);
    expect(post.location).toContain("/en/sign-in");
    const contribution = await visitor.post(`/en/local-talks/${ids.equalityTalk}/contributions`, { body: "x" });
    expect(contribution.status).toBe(303);
    expect(await talkSnapshot(t.deps.db)).toEqual(before);
  });

  it("lets facilitator@ (facilitator in Smart Belgique) record talks in both cycles", async () => {
    const facilitator = await as("facilitator@demo.letscoop.test");
    expect((await facilitator.get(NEW_2015)).status).toBe(200);
    const res = await facilitator.post(NEW_2015, talkForm({ date: "2016-02-11", officeId: ids.liege }));
    expect(res.status).toBe(303);
    const list = await facilitator.get("/en/cycles/2015-2016/local-talks");
    expect(list.text).toContain("Record a local talk");
    expect((await facilitator.get(`/en/local-talks/${ids.equalityTalk}/edit`)).status).toBe(200);
  });

  it("lets the instance admin choose the offices of every organisation of the cycle", async () => {
    const admin = await as("admin@demo.letscoop.test");
    const form = await admin.get(NEW_2020);
    expect(form.text).toContain(`value="${ids.paris}"`);
    expect(form.text).toContain(`value="${ids.liege}"`);
  });

  it("lets a facilitator of Smart France only record French talks of the binational cycle, not Belgian ones", async () => {
    const fr = await as(frEmail);
    // 2015–2016 is a Smart Belgique cycle: not theirs.
    expect((await fr.get(NEW_2015)).status).toBe(403);
    expect((await fr.post(NEW_2015, talkForm())).status).toBe(403);
    // 2020–2021 spans both: they choose among the French offices only.
    const form = await fr.get(NEW_2020);
    expect(form.status).toBe(200);
    expect(form.text).toContain(`value="${ids.paris}"`);
    expect(form.text).not.toContain(`value="${ids.liege}"`);
    const before = await talkSnapshot(t.deps.db);
    const belgian = await fr.post(NEW_2020, talkForm({ officeId: ids.liege }));
    expect(belgian.status).toBe(422);
    expect(belgian.text).toContain("Choose one of the values offered.");
    expect(await talkSnapshot(t.deps.db)).toEqual(before);
    const paris = await fr.post(
      NEW_2020,
      talkForm({ officeId: ids.paris, title: "Small talk à Paris", groupId: ids.economicFr.id }),
    );
    expect(paris.status).toBe(303);
    const [talk] = await t.deps.db.select().from(localTalks).where(eq(localTalks.title, "Small talk à Paris"));
    expect(talk).toMatchObject({ city: "Paris", officeId: ids.paris });
    expect((await fr.get(`/en/local-talks/${talk!.id}/edit`)).status).toBe(200);
    // The Belgian talk of the same cycle (at the Brussels head office) stays with the Belgians.
    expect((await fr.get(`/en/local-talks/${ids.equalityTalk}/edit`)).status).toBe(403);
    expect((await fr.post(`/en/local-talks/${ids.equalityTalk}/contributions`, { body: "x" })).status).toBe(403);
    // And the other way round: the cycle manager of Smart Belgique does not edit the Paris talk.
    const manager = await as("manager@demo.letscoop.test");
    expect((await manager.get(`/en/local-talks/${talk!.id}/edit`)).status).toBe(403);
    expect((await manager.get(`/en/local-talks/${talk!.id}`)).status).toBe(200);
  });
});
