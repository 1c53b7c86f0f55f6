import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditLog,
  recommendationComments,
  recommendations,
  recommendationTranslations,
  recommendationVersions,
  workingGroups,
} from "../../src/db/schema/index.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import { ACCOUNTS } from "./board-helpers.js";

/**
 * Drafting in the working group, through the pages as a browser without JavaScript uses them:
 * the equality group of 2020–2021 (source language French; facilitator@ facilitates it, member@
 * takes part, guest@ and ethics@ are outside it).
 */
describe.each(ENGINES)("drafting recommendations in the working group (%s)", (engine) => {
  let t: TestApp;
  let groupId: string;
  const groupPath = () => `/en/groups/${groupId}/recommendations`;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const [group] = await t.deps.db.select().from(workingGroups).where(eq(workingGroups.key, "equality"));
    groupId = group!.id;
  });
  afterAll(() => t.close());

  async function as(email: string, locale = "en"): Promise<TestClient> {
    const client = new TestClient(t);
    await client.actAs(email, locale);
    return client;
  }

  const draft = (fields: Record<string, string> = {}) => ({
    title: "Créer un observatoire des écarts de revenus",
    context: "Les écarts de revenus entre membres ne sont pas connus. Voir la recommandation 777.",
    argumentation: "On ne corrige que ce que l'on mesure.",
    attention: "",
    alreadyDoes: "",
    examples: "",
    axes: "democracy",
    note: "",
    ...fields,
  });

  const count = async () => (await t.deps.db.select({ id: recommendations.id }).from(recommendations)).length;
  const versionsOf = (id: string) =>
    t.deps.db
      .select()
      .from(recommendationVersions)
      .where(eq(recommendationVersions.recommendationId, id))
      .orderBy(asc(recommendationVersions.number));

  async function create(client: TestClient, fields: Record<string, string> = {}): Promise<string> {
    await client.get(`${groupPath()}/new`);
    const res = await client.post(`${groupPath()}/new`, draft(fields));
    expect(res.status, res.text.slice(0, 300)).toBe(303);
    const id = /\/recommendations\/([0-9a-f-]{36})\?done=created/.exec(res.location ?? "")?.[1];
    expect(id).toBeDefined();
    return id!;
  }

  it("refuses a title that does not start with an infinitive, says why, and saves nothing", async () => {
    const member = await as(ACCOUNTS.member);
    const before = await count();
    await member.get(`${groupPath()}/new`);
    const res = await member.post(`${groupPath()}/new`, draft({ title: "Le comité d'éthique" }));
    expect(res.status).toBe(422);
    expect(res.text).toContain("The title starts with “Le”");
    // A participant cannot keep such a title: only the facilitator may override the check.
    const overridden = await member.post(
      `${groupPath()}/new`,
      draft({ title: "Le comité d'éthique", overrideTitle: "on" }),
    );
    expect(overridden.status).toBe(422);
    expect(await count()).toBe(before);
  });

  it("lets the facilitator keep a title the check refuses, and records that it was kept", async () => {
    const facilitator = await as(ACCOUNTS.facilitator);
    const id = await create(facilitator, { title: "Un comité d'éthique pour chaque entité", overrideTitle: "on" });
    const [v1] = await versionsOf(id);
    expect(v1!.titleCheckOverridden).toBe(true);
    const page = await facilitator.get(`/en/recommendations/${id}`);
    expect(page.text).toContain("(title kept by the facilitator)");
  });

  it("refuses a bad number, a number already taken and an unknown axis key, with nothing saved", async () => {
    const member = await as(ACCOUNTS.member);
    const before = await count();
    await member.get(`${groupPath()}/new`);
    const bad = await member.post(`${groupPath()}/new`, draft({ number: "abc" }));
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("The number is a whole number from 1 to");
    const axis = await member.post(`${groupPath()}/new`, draft({ axes: "Démocratie!" }));
    expect(axis.status).toBe(422);
    expect(axis.text).toContain("is no axis key");
    const first = await create(member, { number: "41" });
    const [row] = await t.deps.db.select().from(recommendations).where(eq(recommendations.id, first));
    expect(row!.number).toBe(41);
    await member.get(`${groupPath()}/new`);
    const taken = await member.post(`${groupPath()}/new`, draft({ number: "41" }));
    expect(taken.status).toBe(409);
    expect(taken.text).toContain("Recommendation 41 already exists in this cycle");
    expect(await count()).toBe(before + 1);
  });

  it("saves every edit as a new version, refuses a stale form, and compares two versions word by word", async () => {
    const member = await as(ACCOUNTS.member);
    const id = await create(member);
    const page = await member.get(`/en/recommendations/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Créer un observatoire des écarts de revenus");
    // "Voir la recommandation 777": no such recommendation in the cycle, flagged.
    expect(page.text).toContain("(no recommendation 777 in this cycle)");

    const facilitator = await as(ACCOUNTS.facilitator);
    expect((await facilitator.get(`/en/recommendations/${id}/edit`)).status).toBe(200);
    const saved = await facilitator.post(
      `/en/recommendations/${id}/edit`,
      draft({ baseVersion: "1", argumentation: "On ne corrige que ce que l'on mesure chaque année." }),
    );
    expect(saved.status).toBe(303);
    expect(saved.location).toContain("done=version&n=2");
    const versions = await versionsOf(id);
    expect(versions.map((v) => v.number)).toEqual([1, 2]);
    expect(versions[1]!.sections.argumentation).toBe("On ne corrige que ce que l'on mesure chaque année.");
    expect(versions[0]!.sections.argumentation).toBe("On ne corrige que ce que l'on mesure.");

    // member@ still has the form of version 1 open: saving it would erase version 2.
    const stale = await member.post(`/en/recommendations/${id}/edit`, draft({ baseVersion: "1", examples: "Lost?" }));
    expect(stale.status).toBe(409);
    expect((await versionsOf(id)).length).toBe(2);

    const diff = await member.get(`/en/recommendations/${id}/diff?from=1&to=2`);
    expect(diff.status).toBe(200);
    expect(diff.text).toMatch(/<ins[^>]*>[^<]*(<[^>]+>[^<]*)*chaque/);
    expect(diff.text).toContain("mesure");
    for (const [query, message] of [
      ["from=1&to=1", "Choose two different versions."],
      ["from=one&to=2", "A version number is a whole number"],
      ["from=1&to=9", "This recommendation has no such version."],
      ["", "Choose the two versions to compare."],
    ] as const) {
      const res = await member.get(`/en/recommendations/${id}/diff?${query}`);
      expect(res.status, query).toBeLessThan(500);
      expect(res.text, query).toContain(message);
    }
    const v1 = await member.get(`/en/recommendations/${id}/versions/1`);
    expect(v1.status).toBe(200);
    expect(v1.text).toContain("On ne corrige que ce que l&#39;on mesure.");
    expect((await member.get(`/en/recommendations/${id}/versions/9`)).status).toBe(404);
  });

  it("takes comments from the group and refuses an empty one", async () => {
    const member = await as(ACCOUNTS.member);
    const id = await create(member);
    await member.get(`/en/recommendations/${id}`);
    const empty = await member.post(`/en/recommendations/${id}/comments`, { body: "   " });
    expect(empty.status).toBe(422);
    const ok = await member.post(`/en/recommendations/${id}/comments`, { body: "<b>Bravo</b> pour les chiffres" });
    expect(ok.status).toBe(303);
    const comments = await t.deps.db
      .select()
      .from(recommendationComments)
      .where(eq(recommendationComments.recommendationId, id));
    expect(comments.map((c) => c.body)).toEqual(["<b>Bravo</b> pour les chiffres"]);
    const page = await member.get(`/en/recommendations/${id}`);
    expect(page.text).toContain("&lt;b&gt;Bravo&lt;/b&gt; pour les chiffres");
    expect(page.text).not.toContain("<b>Bravo</b>");
  });

  it("keeps a draft from those outside the group, even by its id", async () => {
    const member = await as(ACCOUNTS.member);
    const id = await create(member);
    for (const outsider of [ACCOUNTS.guest, ACCOUNTS.ethics]) {
      const client = await as(outsider);
      expect((await client.get(`/en/recommendations/${id}`)).status, outsider).toBe(403);
      expect((await client.get(`/en/recommendations/${id}/versions/1`)).status, outsider).toBe(403);
      await client.get("/en/");
      expect((await client.post(`/en/recommendations/${id}/edit`, draft({ baseVersion: "1" }))).status).toBe(403);
      expect((await client.post(`/en/recommendations/${id}/comments`, { body: "x" })).status).toBe(403);
    }
    const visitor = await new TestClient(t).get(`/en/recommendations/${id}`);
    expect(visitor.status).toBe(303);
    const list = await new TestClient(t).get("/en/cycles/2020-2021/recommendations");
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(id);
    expect(
      (await new TestClient(t).get(`/en/recommendations/${"0".repeat(8)}-0000-4000-8000-${"0".repeat(12)}`)).status,
    ).toBe(404);
  });

  it("lets a translator translate side by side; the reader sees their language, and an outdated translation is flagged", async () => {
    const member = await as(ACCOUNTS.member);
    const id = await create(member);
    const manager = await as(ACCOUNTS.manager);
    const form = await manager.get(`/en/recommendations/${id}/translations/nl`);
    expect(form.status).toBe(200);
    expect(form.text).toContain("Créer un observatoire des écarts de revenus");
    const [v1] = await versionsOf(id);
    expect((await manager.get(`/en/recommendations/${id}/translations/fr`)).status).toBe(404);
    const missing = await manager.post(`/en/recommendations/${id}/translations/nl`, {
      sourceVersionId: v1!.id,
      title: "",
    });
    expect(missing.status).toBe(422);
    const saved = await manager.post(`/en/recommendations/${id}/translations/nl`, {
      sourceVersionId: v1!.id,
      title: "Een observatorium van de inkomensverschillen oprichten",
      context: "De inkomensverschillen tussen leden zijn niet bekend.",
      argumentation: "Men verbetert alleen wat men meet.",
    });
    expect(saved.status).toBe(303);
    const rows = await t.deps.db
      .select()
      .from(recommendationTranslations)
      .where(and(eq(recommendationTranslations.recommendationId, id), eq(recommendationTranslations.language, "nl")));
    expect(rows).toHaveLength(1);

    const dutch = await as(ACCOUNTS.member, "nl");
    let page = await dutch.get(`/nl/recommendations/${id}`);
    expect(page.text).toContain("Een observatorium van de inkomensverschillen oprichten");
    expect(page.text).not.toContain("Verouderd");
    const german = await as(ACCOUNTS.member, "de");
    const de = await german.get(`/de/recommendations/${id}`);
    expect(de.text).toContain("Créer un observatoire des écarts de revenus");
    expect(de.text).toContain("Nicht übersetzt");

    // The source changes: the Dutch translation now says it may be out of date.
    await member.get(`/en/recommendations/${id}/edit`);
    expect(
      (await member.post(`/en/recommendations/${id}/edit`, draft({ baseVersion: "1", examples: "Lyon" }))).status,
    ).toBe(303);
    page = await dutch.get(`/nl/recommendations/${id}`);
    expect(page.text).toContain("Een observatorium van de inkomensverschillen oprichten");
    expect(page.text).toMatch(/verouderd|oudere versie/i);

    // Those who do not translate are refused.
    const facilitator = await as(ACCOUNTS.facilitator);
    expect((await facilitator.get(`/en/recommendations/${id}/translations/nl`)).status).toBe(403);
  });

  it("submits the group's set: the facilitator confirms, the versions freeze, and the recommendation becomes public", async () => {
    const member = await as(ACCOUNTS.member);
    const id = await create(member, { title: "Publier chaque année les écarts de revenus" });
    // A participant cannot submit for the group.
    await member.get(groupPath());
    expect((await member.post(`${groupPath()}/submit`, { confirm: "on" })).status).toBe(403);

    const facilitator = await as(ACCOUNTS.facilitator);
    const list = await facilitator.get(groupPath());
    expect(list.status).toBe(200);
    expect(list.text).toContain("Submit the group&#39;s set to the board");
    const unconfirmed = await facilitator.post(`${groupPath()}/submit`, {});
    expect(unconfirmed.status).toBe(422);
    expect(unconfirmed.text).toContain("Tick the box to confirm the submission.");
    const [before] = await t.deps.db.select().from(recommendations).where(eq(recommendations.id, id));
    expect(before!.state).toBe("draft");

    const submitted = await facilitator.post(`${groupPath()}/submit`, { confirm: "on", note: "Notre set complet" });
    expect(submitted.status).toBe(303);
    const [after] = await t.deps.db.select().from(recommendations).where(eq(recommendations.id, id));
    expect(after!.state).toBe("submitted");
    const [v1] = await versionsOf(id);
    expect(v1!.submittedAt).not.toBeNull();
    const audit = await t.deps.db.select().from(auditLog).where(eq(auditLog.subjectId, id));
    expect(audit.map((a) => a.action)).toContain("recommendation.created");

    // The submitted version is frozen: a clear refusal, nothing saved.
    const edit = await member.get(`/en/recommendations/${id}/edit`);
    expect(edit.status).toBe(403);
    expect(edit.text).toContain("This recommendation can no longer be edited");
    await member.get(`/en/recommendations/${id}`);
    expect((await member.post(`/en/recommendations/${id}/edit`, draft({ baseVersion: "1" }))).status).toBe(403);
    expect((await versionsOf(id)).length).toBe(1);

    // Public from its submission on.
    const visitor = await new TestClient(t).get(`/en/recommendations/${id}`);
    expect(visitor.status).toBe(200);
    expect(visitor.text).toContain("Publier chaque année les écarts de revenus");
    const again = await facilitator.post(`${groupPath()}/submit`, { confirm: "on" });
    expect(again.status).toBe(422);
  });
});
