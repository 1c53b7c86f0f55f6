import { randomUUID } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { auditLog, groupMembers, memberships, meetings, persons, workingGroups } from "../../src/db/schema/index.js";
import { linkIn, mailsTo } from "../mail/eml.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import { plain } from "../support/html.js";

const demo = (who: string) => (who.includes("@") ? who : `${who}@demo.letscoop.test`);
const member = (n: number) => `member${String(n).padStart(2, "0")}`;

async function person(db: Db, who: string) {
  const [row] = await db
    .select()
    .from(persons)
    .where(eq(persons.email, demo(who)));
  return row!;
}

async function groupByKey(db: Db, key: string) {
  const [row] = await db.select().from(workingGroups).where(eq(workingGroups.key, key));
  return row!;
}

async function placeOf(db: Db, groupId: string, who: string) {
  const p = await person(db, who);
  const [row] = await db
    .select()
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.personId, p.id)));
  return row ?? null;
}

/** The rows of the group page's table of participants by college as rendered: college, count, names. */
function collegeRows(html: string, caption = "Participants by college"): string[][] {
  const body = new RegExp(`<caption>${caption}</caption>[\\s\\S]*?<tbody>([\\s\\S]*?)</tbody>`).exec(html);
  expect(body, "the table of participants by college").not.toBeNull();
  return [...body![1]!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => plain(cell[1]!.replace(/<[^>]+>/g, ""))),
  );
}

async function counts(db: Db) {
  return {
    members: (await db.select({ n: count() }).from(groupMembers))[0]!.n,
    audit: (await db.select({ n: count() }).from(auditLog))[0]!.n,
  };
}

describe.each(ENGINES)("joining working groups (%s)", (engine) => {
  let t: TestApp;
  let equality: typeof workingGroups.$inferSelect;
  let french: typeof workingGroups.$inferSelect;
  let page: string;
  let members: string;
  const clients = new Map<string, TestClient>();
  async function as(who: string): Promise<TestClient> {
    let client = clients.get(who);
    if (!client) {
      client = new TestClient(t);
      await client.actAs(demo(who));
      clients.set(who, client);
    }
    return client;
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    equality = await groupByKey(t.deps.db, "equality");
    french = await groupByKey(t.deps.db, "economic-model-fr");
    page = `/en/groups/${equality.id}`;
    members = `${page}/members`;
  });
  afterAll(() => t.close());

  it("shows the group: title, scope, dates, leaders, participants by college, next meetings", async () => {
    const visitor = new TestClient(t);
    const res = await visitor.get(page);
    expect(res.status).toBe(200);
    const text = plain(res.text);
    expect(text.match(/<h1[^>]*>/g)).toHaveLength(1);
    expect(text).toMatch(/<h1[^>]*>[^<]+<\/h1>/);
    expect(text).toContain("Binational: Smart Belgique, Smart France");
    expect(text).toContain((await person(t.deps.db, "facilitator")).name);
    expect(text).toContain((await person(t.deps.db, "board")).name);
    expect(text).toContain((await person(t.deps.db, "secretary")).name);
    expect(text).toContain("Participants by college");
    // 12 active people in the demo group.
    expect(text).toMatch(/<th scope="row">Total<\/th><td class="number">12<\/td>/);
    // The next meeting, linked to its page; the past one is not listed.
    const rows = await t.deps.db.select().from(meetings).where(eq(meetings.groupId, equality.id));
    const coming = rows.find((m) => m.startsAt > new Date())!;
    const past = rows.find((m) => m.startsAt < new Date())!;
    expect(text).toContain(`href="/en/meetings/${coming.id}"`);
    expect(text).not.toContain(`href="/en/meetings/${past.id}"`);
    // A visitor is invited to sign in to ask to join.
    expect(text).toContain(`/en/sign-in?next=${encodeURIComponent(page)}`);
  });

  it("names only the participants who opted in to the directory, and counts the others", async () => {
    const visitor = new TestClient(t);
    const text = plain((await visitor.get(page)).text);
    for (let n = 1; n <= 8; n++) {
      const p = await person(t.deps.db, member(n));
      const [m] = await t.deps.db.select().from(memberships).where(eq(memberships.personId, p.id));
      if (m!.directoryOptIn) expect(text, member(n)).toContain(p.name);
      else expect(text, member(n)).not.toContain(p.name);
    }
    expect(text).toMatch(/\d+ (person|people) not named/);
    // member09's request waits: not counted, not named.
    expect(text).not.toContain((await person(t.deps.db, member(9))).name);
  });

  it("counts the participants by college, in the colleges' order, on the group page", async () => {
    const visitor = new TestClient(t);
    const res = await visitor.get(page);
    // The 12 active people of the demo group: the four demo accounts with member01 and member05
    // are member-workers; member02 and member06 staff; member03 and member07 clients; member04
    // and member08 partners (of Smart France: the colleges of both organisations are counted
    // together). Only those who opted into the directory are named.
    expect(collegeRows(res.text)).toEqual([
      [
        "Member-workers",
        "6",
        "Amélie Aerts, Chloé Verhaegen, Dries Wouters, Elena Moravec, Emma Maes, Greta Schoonbroodt",
      ],
      ["Staff", "2", "2 people not named"],
      ["Clients", "2", "Céline Simon, Hanna Goossens"],
      ["Partners", "2", "2 people not named"],
    ]);
    // The same rows in French, with the colleges' French names.
    const fr = collegeRows((await visitor.get(`/fr/groups/${equality.id}`)).text, "Participants par collège");
    expect(fr.map(([college, n]) => [college, n])).toEqual([
      ["Membres-utilisateurs", "6"],
      ["Permanents", "2"],
      ["Clients", "2"],
      ["Partenaires", "2"],
    ]);
  });

  it("lists the cycle's groups publicly with their number of participants", async () => {
    const visitor = new TestClient(t);
    const res = await visitor.get("/en/cycles/2020-2021/groups");
    expect(res.status).toBe(200);
    expect(res.text).toContain(`href="/en/groups/${equality.id}"`);
    expect(res.text).toContain(`href="/en/groups/${french.id}"`);
    expect(res.text).toMatch(/<td class="number">12<\/td>/);
    expect(res.text).toMatch(/Smart France<\/td><td>.*?<\/td><td class="number">3<\/td>/);
  });

  it("lets a member ask to join; the facilitator accepts; the member is then counted", async () => {
    const ethics = await as("ethics");
    let res = await ethics.get(page);
    expect(res.text).toContain("Ask to join the group");
    expect(res.text).toContain(`action="${page}/join"`);
    res = await ethics.post(`${page}/join`);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${page}?notice=requested`);
    const place = await placeOf(t.deps.db, equality.id, "ethics");
    const [m] = await t.deps.db
      .select()
      .from(memberships)
      .where(eq(memberships.personId, (await person(t.deps.db, "ethics")).id));
    expect(place).toMatchObject({ status: "requested", role: "participant", collegeId: m!.collegeId });
    res = await ethics.follow(res);
    expect(plain(res.text)).toContain("Your request is sent to the group's facilitator.");
    expect(plain(res.text)).toContain("it waits for the facilitator's answer");
    // Asking twice is refused by the policy.
    expect((await ethics.post(`${page}/join`)).status).toBe(403);

    const facilitator = await as("facilitator");
    const list = await facilitator.get(members);
    expect(list.status).toBe(200);
    const ethicsPerson = await person(t.deps.db, "ethics");
    expect(list.text).toContain(ethicsPerson.name);
    res = await facilitator.post(`${members}/${ethicsPerson.id}/accept`);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${members}?notice=accepted`);
    expect(await placeOf(t.deps.db, equality.id, "ethics")).toMatchObject({ status: "active", role: "participant" });
    const after = plain((await ethics.get(page)).text);
    expect(after).toMatch(/<th scope="row">Total<\/th><td class="number">13<\/td>/);
    expect(after).toContain(ethicsPerson.name);
    expect(after).toContain("You take part in this group (Participant).");
    // Accepting again finds no request.
    const again = await facilitator.post(`${members}/${ethicsPerson.id}/accept`);
    expect(again.status).toBe(409);
    expect(plain(again.text)).toContain("This person has no request waiting in this group.");
    const audit = await t.deps.db.select().from(auditLog).where(eq(auditLog.action, "group.membership_changed"));
    expect(audit.map((a) => (a.data as { event: string }).event)).toEqual(["request", "accept_request"]);
  });

  it("declines a request; the person may ask again", async () => {
    const facilitator = await as("facilitator");
    await facilitator.get(members);
    const requester = await person(t.deps.db, member(9));
    const res = await facilitator.post(`${members}/${requester.id}/decline`);
    expect(res.status).toBe(303);
    expect((await placeOf(t.deps.db, equality.id, member(9)))!.status).toBe("declined");
    const m9 = await as(member(9));
    const own = plain((await m9.get(page)).text);
    expect(own).toContain("Your previous request was not accepted");
    expect((await m9.post(`${page}/join`)).status).toBe(303);
    expect((await placeOf(t.deps.db, equality.id, member(9)))!.status).toBe("requested");
  });

  it("invites a member, who gets the e-mail in their own language and accepts", async () => {
    const facilitator = await as("facilitator");
    await facilitator.get(members);
    const invitee = await person(t.deps.db, member(14));
    expect(invitee.locale).toBe("nl");
    const before = (await t.outbox()).length;
    const res = await facilitator.post(`${members}/invite`, { email: ` ${invitee.email.toUpperCase()} ` });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${members}?notice=invited`);
    expect(await placeOf(t.deps.db, equality.id, member(14))).toMatchObject({
      status: "invited",
      role: "participant",
      invitedBy: (await person(t.deps.db, "facilitator")).id,
    });
    const outbox = await t.outbox();
    expect(outbox.length).toBe(before + 1);
    const [mail] = mailsTo(outbox, invitee.email);
    expect(mail!.headers.get("content-language")).toBe("nl");
    expect(mail!.headers.get("subject")).toMatch(/^Uitnodiging voor de werkgroep ‘.+’$/);
    expect(mail!.text).toContain(`Dag ${invitee.name},`);
    expect(mail!.text).toContain((await person(t.deps.db, "facilitator")).name);
    expect(linkIn(mail!, "/groups/")).toBe(`/nl/groups/${equality.id}`);

    const m14 = await as(member(14));
    const own = plain((await m14.get(page)).text);
    expect(own).toContain("You are invited to take part in this group.");
    const accepted = await m14.post(`${page}/invitation`, { answer: "accept" });
    expect(accepted.status).toBe(303);
    expect(accepted.location).toBe(`${page}?notice=joined`);
    expect((await placeOf(t.deps.db, equality.id, member(14)))!.status).toBe("active");
  });

  it("refuses to invite someone already active, already invited or no member, changing nothing", async () => {
    const facilitator = await as("facilitator");
    await facilitator.get(members);
    await facilitator.post(`${members}/invite`, { email: demo(member(15)) });
    const before = await counts(t.deps.db);
    const mails = (await t.outbox()).length;
    const cases: Array<[string, string, number]> = [
      [demo("member"), "This person already takes part in the group.", 409],
      [demo(member(15)), "This person is already invited and has not answered yet.", 409],
      [demo(member(9)), "has already asked to join the group", 409],
      ["nobody@example.org", "No member of this group's organisations has this address.", 409],
      [demo("admin"), "No member of this group's organisations has this address.", 409],
      ["not an address", "Enter a valid e-mail address", 422],
      ["", "This field is required.", 422],
    ];
    for (const [address, message, status] of cases) {
      const res = await facilitator.post(`${members}/invite`, { email: address });
      expect(res.status, address).toBe(status);
      expect(plain(res.text), address).toContain(message);
    }
    expect(await counts(t.deps.db)).toEqual(before);
    expect((await t.outbox()).length).toBe(mails);
  });

  it("lets an invitee decline, and invites again after a refusal or a departure", async () => {
    const m15 = await as(member(15));
    await m15.get(page);
    const bad = await m15.post(`${page}/invitation`, { answer: "maybe" });
    expect(bad.status).toBe(422);
    expect(plain(bad.text)).toContain("Choose whether to accept or decline the invitation.");
    expect((await placeOf(t.deps.db, equality.id, member(15)))!.status).toBe("invited");
    const declined = await m15.post(`${page}/invitation`, { answer: "decline" });
    expect(declined.status).toBe(303);
    expect((await placeOf(t.deps.db, equality.id, member(15)))!.status).toBe("declined");
    // Nothing to answer any more.
    expect((await m15.post(`${page}/invitation`, { answer: "accept" })).status).toBe(403);

    const facilitator = await as("facilitator");
    await facilitator.get(members);
    expect((await facilitator.post(`${members}/invite`, { email: demo(member(15)) })).status).toBe(303);
    expect((await placeOf(t.deps.db, equality.id, member(15)))!.status).toBe("invited");
  });

  it("lets a participant leave, but not the facilitator", async () => {
    const m3 = await as(member(3));
    let res = await m3.get(page);
    expect(res.text).toContain(`action="${page}/leave"`);
    res = await m3.post(`${page}/leave`);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${page}?notice=left`);
    expect((await placeOf(t.deps.db, equality.id, member(3)))!.status).toBe("left");
    // Once gone, leaving again is refused by the policy.
    expect((await m3.post(`${page}/leave`)).status).toBe(403);

    const facilitator = await as("facilitator");
    res = await facilitator.get(page);
    expect(res.text).not.toContain(`action="${page}/leave"`);
    const before = await counts(t.deps.db);
    res = await facilitator.post(`${page}/leave`);
    expect(res.status).toBe(409);
    expect(plain(res.text)).toContain("The facilitator cannot leave the group until the cycle team has named");
    expect(await counts(t.deps.db)).toEqual(before);
    expect((await placeOf(t.deps.db, equality.id, "facilitator"))!.status).toBe("active");

    // Someone who left may be invited again.
    await facilitator.get(members);
    expect((await facilitator.post(`${members}/invite`, { email: demo(member(3)) })).status).toBe(303);
  });

  it("removes a participant, but never the facilitator", async () => {
    const facilitator = await as("facilitator");
    await facilitator.get(members);
    const m5 = await person(t.deps.db, member(5));
    let res = await facilitator.post(`${members}/${m5.id}/remove`);
    expect(res.status).toBe(303);
    expect((await placeOf(t.deps.db, equality.id, member(5)))!.status).toBe("left");
    const self = await person(t.deps.db, "facilitator");
    res = await facilitator.post(`${members}/${self.id}/remove`);
    expect(res.status).toBe(409);
    expect((await placeOf(t.deps.db, equality.id, "facilitator"))!.status).toBe("active");
    res = await facilitator.post(`${members}/${randomUUID()}/remove`);
    expect(res.status).toBe(409);
    // Roles given by the cycle team are withdrawn by the cycle team, not by the facilitator.
    const secretary = await person(t.deps.db, "secretary");
    res = await facilitator.post(`${members}/${secretary.id}/remove`);
    expect(res.status).toBe(409);
    expect(plain(res.text)).toContain("This person holds a role given by the cycle team");
    expect((await placeOf(t.deps.db, equality.id, "secretary"))!.status).toBe("active");
  });

  it("refuses a closed group's join requests, while invitations still work", async () => {
    const manager = await as("manager");
    await t.deps.db.update(workingGroups).set({ openToRequests: false }).where(eq(workingGroups.id, equality.id));
    try {
      const m16 = await as(member(16));
      const res = await m16.get(page);
      expect(plain(res.text)).toContain("This group takes no requests");
      expect((await m16.post(`${page}/join`)).status).toBe(403);
      await manager.get(members);
      expect((await manager.post(`${members}/invite`, { email: demo(member(16)) })).status).toBe(303);
    } finally {
      await t.deps.db.update(workingGroups).set({ openToRequests: true }).where(eq(workingGroups.id, equality.id));
    }
  });

  it("keeps other groups' leaders and participants out of the members' management", async () => {
    const before = await counts(t.deps.db);
    const requester = await person(t.deps.db, member(9));
    // member04 facilitates the French group, not the equality group.
    const frenchFacilitator = await as(member(4));
    expect((await frenchFacilitator.get(`/en/groups/${french.id}/members`)).status).toBe(200);
    expect((await frenchFacilitator.get(members)).status).toBe(403);
    for (const action of ["accept", "decline", "remove"]) {
      expect((await frenchFacilitator.post(`${members}/${requester.id}/${action}`)).status).toBe(403);
    }
    expect((await frenchFacilitator.post(`${members}/invite`, { email: demo(member(17)) })).status).toBe(403);

    // The equality group's facilitator guessing the French group's ids.
    const facilitator = await as("facilitator");
    const frenchMembers = `/en/groups/${french.id}/members`;
    const m12 = await person(t.deps.db, member(12));
    expect((await facilitator.get(frenchMembers)).status).toBe(403);
    expect((await facilitator.post(`${frenchMembers}/${m12.id}/remove`)).status).toBe(403);
    expect((await facilitator.post(`${frenchMembers}/invite`, { email: demo(member(20)) })).status).toBe(403);
    // …or another group's person through their own group: found nowhere, nothing changes.
    expect((await facilitator.post(`${members}/${m12.id}/remove`)).status).toBe(409);
    expect((await placeOf(t.deps.db, french.id, member(12)))!.status).toBe("active");

    // Participants, secretaries and referents do not manage members.
    for (const who of ["member", "secretary", "board", "ethics"]) {
      const client = await as(who);
      expect((await client.get(members)).status, who).toBe(403);
      expect((await client.post(`${members}/${requester.id}/accept`)).status, who).toBe(403);
    }
    expect(await counts(t.deps.db)).toEqual(before);

    // Visitors are sent to sign in; unknown groups are not found.
    const visitor = new TestClient(t);
    await visitor.get("/en/sign-in");
    const res = await visitor.post(`${page}/join`);
    expect(res.status).toBe(303);
    expect(res.location).toMatch(/^\/en\/sign-in\?next=/);
    expect((await visitor.get(`/en/groups/${randomUUID()}`)).status).toBe(404);
    expect((await visitor.get("/en/groups/zzz")).status).toBe(404);
  });

  it("does not let a member of another organisation ask to join a national group", async () => {
    // ethics@ is a Smart Belgique member: the French group is not theirs.
    const ethics = await as("ethics");
    const frenchPage = `/en/groups/${french.id}`;
    const res = await ethics.get(frenchPage);
    expect(plain(res.text)).toContain("Only members of this group's organisations can ask to join it.");
    expect((await ethics.post(`${frenchPage}/join`)).status).toBe(403);
  });
});
