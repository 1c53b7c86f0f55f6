import { randomUUID } from "node:crypto";
import { and, count, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import {
  auditLog,
  cycles,
  groupMembers,
  organisations,
  persons,
  roleAssignments,
  themes,
  workingGroups,
} from "../../src/db/schema/index.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import { plain } from "../support/html.js";

const CYCLE = "2020-2021";
const LIST = `/en/admin/cycles/${CYCLE}/groups`;
const NEW = `${LIST}/new`;

async function idOf(db: Db, table: "organisation" | "person", key: string): Promise<string> {
  if (table === "organisation") {
    const [row] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, key));
    return row!.id;
  }
  const [row] = await db.select({ id: persons.id }).from(persons).where(eq(persons.email, key));
  return row!.id;
}

async function themeOf(db: Db, cycleSlug: string, key: string): Promise<string> {
  const [row] = await db
    .select({ id: themes.id })
    .from(themes)
    .innerJoin(cycles, eq(cycles.id, themes.cycleId))
    .where(and(eq(cycles.slug, cycleSlug), eq(themes.key, key)));
  return row!.id;
}

async function counts(db: Db) {
  return {
    groups: (await db.select({ n: count() }).from(workingGroups))[0]!.n,
    members: (await db.select({ n: count() }).from(groupMembers))[0]!.n,
    audit: (await db.select({ n: count() }).from(auditLog))[0]!.n,
  };
}

async function groupByKey(db: Db, key: string) {
  const [row] = await db.select().from(workingGroups).where(eq(workingGroups.key, key));
  return row!;
}

async function placeOf(db: Db, groupId: string, email: string) {
  const [row] = await db
    .select({ role: groupMembers.role, status: groupMembers.status })
    .from(groupMembers)
    .innerJoin(persons, eq(persons.id, groupMembers.personId))
    .where(and(eq(groupMembers.groupId, groupId), eq(persons.email, email)));
  return row ?? null;
}

const email = (n: number) => `member${String(n).padStart(2, "0")}@demo.letscoop.test`;

const NOT_BOARD = "A referent must be a board member: this person does not hold the board-member role";

describe.each(ENGINES)("working groups administration (%s)", (engine) => {
  let t: TestApp;
  let be: string;
  let equalityTheme: string;
  const clients = new Map<string, TestClient>();
  async function as(who: string): Promise<TestClient> {
    let client = clients.get(who);
    if (!client) {
      client = new TestClient(t);
      await client.actAs(`${who}@demo.letscoop.test`);
      clients.set(who, client);
    }
    return client;
  }

  function groupForm(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      themeId: equalityTheme,
      organisationId: be,
      key: "equality-be",
      description: "Travailler l'égalité <en Belgique>.",
      startsOn: "2026-01-10",
      endsOn: "2026-06-30",
      minutesVisibility: "public",
      openToRequests: "on",
      budgetAllocated: "1 500,50",
      ...overrides,
    };
  }

  /** Gives a member the board-member role of smart-be, as its administrators do on the roles screen. */
  async function grantBoardRole(address: string) {
    const admin = await as("admin");
    const roles = "/en/admin/organisations/smart-be/roles";
    await admin.get(roles);
    const res = await admin.post(roles, { email: address, role: "board_member" });
    expect(res.status, address).toBe(303);
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    be = await idOf(t.deps.db, "organisation", "smart-be");
    equalityTheme = await themeOf(t.deps.db, CYCLE, "equality");
  });
  afterAll(() => t.close());

  it("lists the cycle's groups for the cycle team, linked from the cycle's administration", async () => {
    const manager = await as("manager");
    const settings = await manager.get(`/en/admin/cycles/${CYCLE}`);
    expect(settings.text).toContain(`href="${LIST}"`);
    const list = await manager.get(LIST);
    expect(list.status).toBe(200);
    expect(list.text).toContain("<code>equality</code>");
    expect(list.text).toContain("<code>economic-model-fr</code>");
    expect(list.text).toContain(`href="${NEW}"`);
  });

  it("offers only selected or carried-over themes", async () => {
    const manager = await as("manager");
    const form = await manager.get(NEW);
    expect(form.status).toBe(200);
    expect(form.text).toContain(`value="${equalityTheme}"`);
    expect(form.text).not.toContain(`value="${await themeOf(t.deps.db, CYCLE, "support")}"`);
  });

  it("lets a cycle manager create a group, with the amount kept exactly, audited", async () => {
    const manager = await as("manager");
    await manager.get(NEW);
    const res = await manager.post(NEW, groupForm());
    expect(res.status).toBe(303);
    const group = await groupByKey(t.deps.db, "equality-be");
    expect(res.location).toBe(`/en/admin/groups/${group.id}?notice=created`);
    expect(group).toMatchObject({
      themeId: equalityTheme,
      organisationId: be,
      description: "Travailler l'égalité <en Belgique>.",
      startsOn: "2026-01-10",
      endsOn: "2026-06-30",
      minutesVisibility: "public",
      openToRequests: true,
      budgetAllocated: "1500.50",
    });
    const page = await manager.follow(res);
    expect(plain(page.text)).toContain("The group is created.");
    expect(page.text).toContain("Travailler l&#39;égalité &lt;en Belgique&gt;.");
    const [entry] = await t.deps.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "group.created"))
      .orderBy(desc(auditLog.seq));
    expect(entry).toMatchObject({
      actorId: await idOf(t.deps.db, "person", "manager@demo.letscoop.test"),
      subjectId: group.id,
      organisationId: be,
    });
  });

  it("creates a binational group when no organisation is chosen, with plain budgets", async () => {
    const admin = await as("admin");
    await admin.get(NEW);
    const res = await admin.post(
      NEW,
      groupForm({ key: "equality-all", organisationId: "", budgetAllocated: "1500", openToRequests: "" }),
    );
    expect(res.status).toBe(303);
    const group = await groupByKey(t.deps.db, "equality-all");
    expect(group).toMatchObject({ organisationId: null, budgetAllocated: "1500.00", openToRequests: false });
  });

  const bad: Array<[string, () => Promise<Record<string, string>>, string, number]> = [
    [
      "an unknown theme",
      async () => groupForm({ themeId: randomUUID() }),
      "This theme does not exist in this cycle.",
      422,
    ],
    [
      "a theme of another cycle",
      async () => groupForm({ themeId: await themeOf(t.deps.db, "2015-2016", "governance") }),
      "This theme does not exist in this cycle.",
      422,
    ],
    ["a theme id that is not one", async () => groupForm({ themeId: "x' or 1=1" }), "This theme does not exist", 422],
    [
      "a theme on the ballot",
      async () => groupForm({ themeId: await themeOf(t.deps.db, CYCLE, "support") }),
      "This theme was neither selected nor carried over",
      422,
    ],
    ["no theme", async () => groupForm({ themeId: "" }), "Choose the group's theme.", 422],
    ["a bad key", async () => groupForm({ key: "Égalité BE" }), "Use 1 to 63 lower-case letters", 422],
    ["an empty key", async () => groupForm({ key: "" }), "This field is required.", 422],
    ["a duplicate key", async () => groupForm({ key: "equality" }), "Another group of this cycle already uses", 409],
    ["an end before the start", async () => groupForm({ endsOn: "2025-12-31" }), "The end must fall on or after", 422],
    ["an impossible date", async () => groupForm({ startsOn: "2026-02-30" }), "Enter a date such as 2016-04-14.", 422],
    ["a negative budget", async () => groupForm({ budgetAllocated: "-100" }), "The budget cannot be negative.", 422],
    ["a non-numeric budget", async () => groupForm({ budgetAllocated: "beaucoup" }), "Enter an amount in euros", 422],
    ["three decimals", async () => groupForm({ budgetAllocated: "10.123" }), "Enter an amount in euros", 422],
    ["an empty budget", async () => groupForm({ budgetAllocated: "" }), "Enter the allocated budget", 422],
    [
      "an organisation outside the cycle",
      async () => groupForm({ organisationId: randomUUID() }),
      "Choose one of the values offered.",
      422,
    ],
    [
      "an unknown minutes setting",
      async () => groupForm({ minutesVisibility: "nobody" }),
      "Choose one of the values offered.",
      422,
    ],
  ];

  it.each(bad)("refuses a group with %s, saving nothing", async (_name, make, message, status) => {
    const manager = await as("manager");
    await manager.get(NEW);
    const form = await make();
    const before = await counts(t.deps.db);
    const res = await manager.post(NEW, form);
    expect(res.status).toBe(status);
    expect(plain(res.text)).toContain(message);
    expect(res.text).toContain('class="error-summary"');
    expect(await counts(t.deps.db)).toEqual(before);
  });

  it("keeps what was typed in a refused form", async () => {
    const manager = await as("manager");
    await manager.get(NEW);
    const res = await manager.post(NEW, groupForm({ key: "Bad Key", budgetAllocated: "12 000,75" }));
    expect(res.text).toContain('value="Bad Key"');
    expect(res.text).toContain('value="12 000,75"');
    expect(res.text).toContain("Travailler l&#39;égalité &lt;en Belgique&gt;.");
  });

  it("edits a group's settings, audited, and refuses bad edits without saving", async () => {
    const manager = await as("manager");
    const group = await groupByKey(t.deps.db, "equality-be");
    const path = `/en/admin/groups/${group.id}`;
    const page = await manager.get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('value="equality-be"');
    expect(page.text).toContain('value="1500.50"');

    const res = await manager.post(
      path,
      groupForm({ key: "equality-be-2", budgetAllocated: "2000", minutesVisibility: "members" }),
    );
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${path}?notice=saved`);
    const saved = await groupByKey(t.deps.db, "equality-be-2");
    expect(saved).toMatchObject({ id: group.id, budgetAllocated: "2000.00", minutesVisibility: "members" });
    const [entry] = await t.deps.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "group.updated"))
      .orderBy(desc(auditLog.seq));
    expect(entry!.subjectId).toBe(group.id);

    await manager.get(path);
    const before = await counts(t.deps.db);
    for (const [form, message] of [
      [groupForm({ key: "equality" }), "Another group of this cycle already uses"],
      [groupForm({ key: "equality-be-2", endsOn: "2020-01-01" }), "The end must fall on or after"],
      [groupForm({ key: "equality-be-2", budgetAllocated: "-1" }), "The budget cannot be negative."],
      [groupForm({ key: "equality-be-2", themeId: await themeOf(t.deps.db, CYCLE, "support") }), "neither selected"],
    ] as const) {
      const refused = await manager.post(path, form);
      expect(refused.status).toBeGreaterThanOrEqual(409);
      expect(plain(refused.text)).toContain(message);
    }
    expect(await counts(t.deps.db)).toEqual(before);
    expect(await groupByKey(t.deps.db, "equality-be-2")).toEqual(saved);
  });

  it("refuses as referent a member who is not a board member of the group's organisations, saving nothing", async () => {
    const manager = await as("manager");
    const group = await groupByKey(t.deps.db, "equality-be-2");
    const path = `/en/admin/groups/${group.id}`;
    const binational = await groupByKey(t.deps.db, "equality-all");
    const binationalPath = `/en/admin/groups/${binational.id}`;
    const fr = await idOf(t.deps.db, "organisation", "smart-fr");
    const refuse = async (groupPath: string, address: string) => {
      await manager.get(groupPath);
      const before = await counts(t.deps.db);
      const res = await manager.post(`${groupPath}/roles`, { role: "referent", email: address });
      expect(res.status, address).toBe(409);
      expect(res.text).toContain('class="error-summary"');
      expect(plain(res.text)).toContain(NOT_BOARD);
      expect(res.text).toContain(`value="${address}"`);
      expect(await counts(t.deps.db)).toEqual(before);
    };

    // member15, a plain member of smart-be: neither group takes them as referent.
    await refuse(path, email(15));
    await refuse(binationalPath, email(15));
    expect(await placeOf(t.deps.db, group.id, email(15))).toBeNull();
    expect(await placeOf(t.deps.db, binational.id, email(15))).toBeNull();

    // A seat on the board of smart-fr does not make them a referent of a group of smart-be,
    // but counts in the binational group, where smart-fr takes part.
    const member15 = await idOf(t.deps.db, "person", email(15));
    await t.deps.db.insert(roleAssignments).values({ personId: member15, organisationId: fr, role: "board_member" });
    await refuse(path, email(15));
    await manager.get(binationalPath);
    expect((await manager.post(`${binationalPath}/roles`, { role: "referent", email: email(15) })).status).toBe(303);
    expect(await placeOf(t.deps.db, binational.id, email(15))).toEqual({ role: "referent", status: "active" });

    // A board role held for every organisation (no screen grants one: inserted) counts everywhere.
    const member16 = await idOf(t.deps.db, "person", email(16));
    await t.deps.db.insert(roleAssignments).values({ personId: member16, organisationId: null, role: "board_member" });
    await manager.get(binationalPath);
    expect((await manager.post(`${binationalPath}/roles`, { role: "referent", email: email(16) })).status).toBe(303);
    expect(await placeOf(t.deps.db, binational.id, email(16))).toEqual({ role: "referent", status: "active" });
  });

  it("assigns the facilitator, one or two board members as referents and the secretary, refusing a third", async () => {
    // member11 and member14 join the board of smart-be; board@ sits on it in the demo.
    await grantBoardRole(email(11));
    await grantBoardRole(email(14));
    const manager = await as("manager");
    const group = await groupByKey(t.deps.db, "equality-be-2");
    const path = `/en/admin/groups/${group.id}`;
    await manager.get(path);
    const assign = (role: string, address: string) => manager.post(`${path}/roles`, { role, email: address });

    let res = await assign("facilitator", email(10));
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${path}?notice=roleAssigned`);
    expect(await placeOf(t.deps.db, group.id, email(10))).toEqual({ role: "facilitator", status: "active" });
    expect((await assign("referent", "BOARD@demo.letscoop.test")).status).toBe(303);
    expect((await assign("referent", email(11))).status).toBe(303);
    expect((await assign("secretary", email(13))).status).toBe(303);

    // member14 sits on the board too, but the group already has two referents.
    const before = await counts(t.deps.db);
    res = await assign("referent", email(14));
    expect(res.status).toBe(409);
    expect(plain(res.text)).toContain("This group already has two referent board members.");
    expect(await placeOf(t.deps.db, group.id, email(14))).toBeNull();
    expect(await counts(t.deps.db)).toEqual(before);

    // A new facilitator replaces the previous one, who stays as a participant.
    expect((await assign("facilitator", email(14))).status).toBe(303);
    expect(await placeOf(t.deps.db, group.id, email(10))).toEqual({ role: "participant", status: "active" });
    expect(await placeOf(t.deps.db, group.id, email(14))).toEqual({ role: "facilitator", status: "active" });

    const page = await manager.get(path);
    const name14 = (
      await t.deps.db
        .select()
        .from(persons)
        .where(eq(persons.email, email(14)))
    )[0]!.name;
    expect(page.text).toContain(name14);
    const entries = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "group.role_assigned"), eq(auditLog.subjectId, group.id)));
    expect(entries.length).toBe(5);
    expect(JSON.stringify(entries)).not.toContain("@demo.letscoop.test");
  });

  it("refuses a role for someone who is not a member of the group's organisations, or a bad address", async () => {
    const manager = await as("manager");
    const group = await groupByKey(t.deps.db, "equality-be-2");
    const path = `/en/admin/groups/${group.id}`;
    await manager.get(path);
    const before = await counts(t.deps.db);
    for (const address of ["nobody@example.org", email(4), "admin@demo.letscoop.test", "guest@demo.letscoop.test"]) {
      const res = await manager.post(`${path}/roles`, { role: "secretary", email: address });
      expect(res.status, address).toBe(409);
      expect(plain(res.text)).toContain("No member of this group's organisations has this address.");
      expect(res.text).toContain(`value="${address}"`);
    }
    const bad = await manager.post(`${path}/roles`, { role: "secretary", email: "not an address" });
    expect(bad.status).toBe(422);
    expect(plain(bad.text)).toContain("Enter a valid e-mail address");
    const role = await manager.post(`${path}/roles`, { role: "president", email: email(10) });
    expect(role.status).toBe(422);
    expect(await counts(t.deps.db)).toEqual(before);
  });

  it("removes a role: the person stays as a participant, audited", async () => {
    const manager = await as("manager");
    const group = await groupByKey(t.deps.db, "equality-be-2");
    const path = `/en/admin/groups/${group.id}`;
    await manager.get(path);
    const secretary = await idOf(t.deps.db, "person", email(13));
    const res = await manager.post(`${path}/roles/${secretary}/remove`);
    expect(res.status).toBe(303);
    expect(await placeOf(t.deps.db, group.id, email(13))).toEqual({ role: "participant", status: "active" });
    const again = await manager.post(`${path}/roles/${secretary}/remove`);
    expect(again.status).toBe(409);
    expect(plain(again.text)).toContain("This person holds no role to remove in this group.");
    const stranger = await manager.post(`${path}/roles/${randomUUID()}/remove`);
    expect(stranger.status).toBe(409);
    expect((await t.deps.db.select().from(auditLog).where(eq(auditLog.action, "group.role_removed"))).length).toBe(1);
  });

  it("refuses group administration to facilitators, board members and members (403), saving nothing", async () => {
    const group = await groupByKey(t.deps.db, "equality");
    for (const who of ["facilitator", "board", "member", "secretary"]) {
      const person = await as(who);
      expect((await person.get(LIST)).status, who).toBe(403);
      expect((await person.get(NEW)).status, who).toBe(403);
      expect((await person.get(`/en/admin/groups/${group.id}`)).status, who).toBe(403);
      await person.get("/en/");
      const before = await counts(t.deps.db);
      expect((await person.post(NEW, groupForm({ key: `by-${who}` }))).status, who).toBe(403);
      expect((await person.post(`/en/admin/groups/${group.id}`, groupForm({ key: "hijacked" }))).status).toBe(403);
      expect(
        (
          await person.post(`/en/admin/groups/${group.id}/roles`, {
            role: "facilitator",
            email: `${who}@demo.letscoop.test`,
          })
        ).status,
      ).toBe(403);
      expect(await counts(t.deps.db)).toEqual(before);
    }
  });

  it("sends a visitor to sign in, and answers 404 for ids that are no group", async () => {
    const visitor = new TestClient(t);
    const res = await visitor.get(NEW);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/en/sign-in?next=${encodeURIComponent(NEW)}`);
    const manager = await as("manager");
    expect((await manager.get(`/en/admin/groups/${randomUUID()}`)).status).toBe(404);
    expect((await manager.get("/en/admin/groups/not-a-uuid")).status).toBe(404);
    expect((await manager.get("/en/admin/cycles/no-such-cycle/groups")).status).toBe(404);
  });
});
