import { parse } from "csv-parse/sync";
import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { castVotes } from "../../src/commands/assemblies/vote.js";
import {
  actionProposals,
  assemblies,
  assemblyItems,
  assemblyNamedVotes,
  assemblySecretVotes,
  assemblyVoteRegister,
  auditLog,
  cycles,
  organisations,
} from "../../src/db/schema/index.js";
import { decideItem, type AssemblyVote, type DecisionRule } from "../../src/domain/assembly/index.js";
import { recordCreation } from "../../src/commands/workflow.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import { plain } from "../support/html.js";
import { itemContext, mail, openAssemblyOf, personId, present, proxy } from "./assemblies-helpers.js";

/** Recounts an item from its CSV export alone, as anyone could. */
function recount(csv: string) {
  const rows = parse(csv, { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  const rule = JSON.parse(rows.find((r) => r.record === "rule")!.rule!) as DecisionRule;
  const electorate = rows
    .filter((r) => r.record === "electorate")
    .map((r) => ({ college: r.college!, members: Number(r.members) }));
  const attendance = rows
    .filter((r) => r.record === "attendance")
    .map((r) => ({ college: r.college!, present: Number(r.present), represented: Number(r.represented) }));
  const votes: AssemblyVote[] = rows
    .filter((r) => r.record === "vote" || r.record === "paper")
    .map((r) => ({
      choice: r.choice as AssemblyVote["choice"],
      college: r.college!,
      proxy: r.proxy === "true",
      count: Number(r.count),
    }));
  return { rows, decision: decideItem({ rule, electorate, attendance, votes }) };
}

describe.each(ENGINES)("general assembly (%s)", (engine) => {
  let t: TestApp;
  const clients = new Map<string, TestClient>();
  async function as(who: string): Promise<TestClient> {
    let client = clients.get(who);
    if (!client) {
      client = new TestClient(t);
      await client.actAs(mail(who));
      clients.set(who, client);
    }
    return client;
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t.close());

  it("sets up an assembly through its forms, refusing bad input with clear messages", async () => {
    const admin = await as("admin");
    const list = await admin.get("/en/admin/organisations/smart-be/assemblies");
    expect(list.status).toBe(200);
    await admin.get("/en/admin/organisations/smart-be/assemblies/new");
    const bad = await admin.post("/en/admin/organisations/smart-be/assemblies/new", {
      title: "",
      heldOn: "2026-02-31",
    });
    expect(bad.status).toBe(422);
    expect(plain(bad.text)).toContain("Enter a date such as 2026-06-14.");
    const badCycle = await admin.post("/en/admin/organisations/smart-be/assemblies/new", {
      title: "AG",
      heldOn: "2026-06-14",
      cycleId: "00000000-0000-4000-8000-000000000000",
    });
    expect(badCycle.status).toBe(422);
    const [cycle] = await t.deps.db.select().from(cycles).where(eq(cycles.slug, "2020-2021"));
    const created = await admin.post("/en/admin/organisations/smart-be/assemblies/new", {
      title: "AG <2026>",
      heldOn: "2026-06-14",
      cycleId: cycle!.id,
    });
    expect(created.status).toBe(303);
    const manage = created.location!.split("?")[0]!;
    const page = await admin.get(manage);
    expect(page.text).toContain("AG &lt;2026&gt;");

    expect((await admin.post(`${manage}/sites`, { name: "", voting: "x" })).status).toBe(422);
    expect(
      (await admin.post(`${manage}/sites`, { name: "Bruxelles", city: "Bruxelles", voting: "online" })).status,
    ).toBe(303);
    const dup = await admin.post(`${manage}/sites`, { name: "Bruxelles", voting: "paper" });
    expect(dup.status).toBe(409);
    expect(plain(dup.text)).toContain("Another site of this assembly has this name.");
    expect((await admin.post(`${manage}/tellers`, { email: "nope" })).status).toBe(422);
    const notMember = await admin.post(`${manage}/tellers`, { email: "nobody@example.org" });
    expect(notMember.status).toBe(409);

    // Open needs an item.
    const early = await admin.post(`${manage}/open`, {});
    expect(early.status).toBe(409);
    expect(plain(early.text)).toContain("Put at least one item on the agenda first.");

    expect(
      (await admin.post(`${manage}/items`, { kind: "statutory", title: "", decisionKind: "ordinary" })).status,
    ).toBe(422);
    expect(
      (await admin.post(`${manage}/items`, { kind: "proposal", proposalId: "", decisionKind: "ordinary" })).status,
    ).toBe(422);
    expect((await admin.post(`${manage}/items`, { kind: "x", decisionKind: "weird" })).status).toBe(422);

    // A proposal of the cycle in state "proposed" goes on the agenda and moves to on_agenda.
    const [be] = await t.deps.db.select().from(organisations).where(eq(organisations.slug, "smart-be"));
    const [proposal] = await t.deps.db
      .insert(actionProposals)
      .values({ cycleId: cycle!.id, organisationId: be!.id, number: 90, title: "Créer des collèges pondérés" })
      .returning();
    await recordCreation(t.deps.db, {
      subject: "action_proposal",
      subjectId: proposal!.id,
      state: "proposed",
      actorId: null,
    });
    const scheduled = await admin.post(`${manage}/items`, {
      kind: "proposal",
      proposalId: proposal!.id,
      decisionKind: "ordinary",
      secret: "on",
    });
    expect(scheduled.status).toBe(303);
    const [moved] = await t.deps.db.select().from(actionProposals).where(eq(actionProposals.id, proposal!.id));
    expect(moved!.state).toBe("on_agenda");
    // The same proposal cannot be scheduled twice.
    expect(
      (await admin.post(`${manage}/items`, { kind: "proposal", proposalId: proposal!.id, decisionKind: "ordinary" }))
        .status,
    ).toBe(409);
    expect(
      (await admin.post(`${manage}/items`, { kind: "statutory", title: "Décharge", decisionKind: "ordinary" })).status,
    ).toBe(303);
    const [first] = await t.deps.db.select().from(assemblyItems).where(eq(assemblyItems.proposalId, proposal!.id));
    expect((await admin.post(`${manage}/items/${first!.id}/move`, { direction: "down" })).status).toBe(303);
    expect((await admin.post(`${manage}/items/${first!.id}/move`, { direction: "down" })).status).toBe(409);
    expect((await admin.post(`${manage}/open`, {})).status).toBe(303);
    expect((await admin.post(`${manage}/items/${first!.id}/open`, {})).status).toBe(303);

    // Nobody votes: closing rejects it and the proposal follows.
    expect((await admin.post(`${manage}/items/${first!.id}/close`, {})).status).toBe(303);
    const [after] = await t.deps.db.select().from(actionProposals).where(eq(actionProposals.id, proposal!.id));
    expect(after!.state).toBe("rejected");
    const audits = await t.deps.db
      .select({ n: count() })
      .from(auditLog)
      .where(sql`${auditLog.action} like 'assembly.%'`);
    expect(audits[0]!.n).toBeGreaterThanOrEqual(8);

    // Members and visitors cannot manage it.
    expect((await (await as("member")).get(manage)).status).toBe(403);
    const visitor = new TestClient(t);
    expect((await visitor.get(manage)).status).toBe(303);
  });

  it("adopts an extraordinary item by two thirds of the college weights, with a proxy and a paper count, and recounts from the export", async () => {
    const db = t.deps.db;
    const s = await openAssemblyOf(db, { decisionKind: "extraordinary", secret: true, title: "AG pondérée" });
    const { context } = s;
    // Online: member@ (member-workers) holds the proxies of facilitator@ (member-workers) and member07 (clients).
    for (const who of ["member", "member01", "member02", "member11"]) await present(db, context, who, s.onlineSiteId);
    await proxy(db, context, "facilitator", "member");
    await proxy(db, context, "member07", "member");
    // Paper: member05 (member-workers), member10 (staff), member19 (clients) holding member23's (clients) proxy.
    for (const who of ["member05", "member10", "member19"]) await present(db, context, who, s.paperSiteId);
    await proxy(db, context, "member23", "member19");
    // Silent members present, so that half of the 36 electors are present or represented.
    for (const who of ["member13", "member17", "member25", "member29", "member14", "member22", "member26", "member34"])
      await present(db, context, who, s.onlineSiteId);

    const item = `/en/assemblies/${s.assemblyId}/items/${s.itemId}`;
    const member = await as("member");
    const form = await member.get(`${item}/vote`);
    expect(form.status).toBe(200);
    expect(plain(form.text)).toContain("On behalf of Chloé Verhaegen (proxy)");
    const [facilitatorId, member07Id, memberId] = await Promise.all([
      personId(db, "facilitator"),
      personId(db, "member07"),
      personId(db, "member"),
    ]);
    const badChoice = await member.post(`${item}/vote`, { [`choice_${memberId}`]: "maybe" });
    expect(badChoice.status).toBe(422);
    expect(plain(badChoice.text)).toContain("Choose yes, no or abstain.");
    const empty = await member.post(`${item}/vote`, {});
    expect(empty.status).toBe(422);
    const member02Id = await personId(db, "member02");
    const notYours = await member.post(`${item}/vote`, { [`choice_${member02Id}`]: "yes" });
    expect(notYours.status).toBe(422);
    expect(plain(notYours.text)).toContain("You can vote only for yourself and the members you represent.");

    const cast = await member.post(`${item}/vote`, {
      [`choice_${memberId}`]: "yes",
      [`choice_${facilitatorId}`]: "yes",
      [`choice_${member07Id}`]: "no",
    });
    expect(cast.status).toBe(303);
    const receipt = await member.get(cast.location!);
    expect(receipt.status).toBe(200);
    const codes = [...receipt.text.matchAll(/class="receipt-code">([0-9A-Z-]+)</g)].map((m) => m[1]);
    expect(codes).toHaveLength(3);
    // Shown once.
    expect(plain((await member.get(cast.location!)).text)).toContain("A receipt is shown only once");
    // A second vote is refused, whoever sends it.
    const again = await member.post(`${item}/vote`, { [`choice_${memberId}`]: "no" });
    expect(again.status).toBe(409);

    for (const [who, choice] of [
      ["member01", "yes"],
      ["member02", "yes"],
      ["member11", "no"],
    ] as const) {
      const client = await as(who);
      await client.get(`${item}/vote`);
      const res = await client.post(`${item}/vote`, { [`choice_${await personId(db, who)}`]: choice });
      expect(res.status, who).toBe(303);
    }

    // A member at the paper site cannot vote online; the teller enters the count.
    expect((await (await as("member05")).get(`${item}/vote`)).status).toBe(403);
    const paper = `${item}/paper/${s.paperSiteId}`;
    const teller = await as("secretary");
    expect((await teller.get(paper)).status).toBe(200);
    const badCount = await teller.post(paper, { "yes_member-workers": "-1", yes_staff: "x" });
    expect(badCount.status).toBe(422);
    expect(plain(badCount.text)).toContain("Enter a whole number of slips, 0 or more.");
    const tooMany = await teller.post(paper, { no_clients: "3" });
    expect(tooMany.status).toBe(422);
    expect(plain(tooMany.text)).toContain("More slips than members present and represented");
    expect((await teller.post(paper, { "yes_member-workers": "1", yes_staff: "0", no_clients: "1" })).status).toBe(303);
    // Re-entry replaces the count.
    expect((await teller.post(paper, { "yes_member-workers": "1", yes_staff: "1", no_clients: "2" })).status).toBe(303);

    const admin = await as("admin");
    await admin.get(`/en/admin/assemblies/${s.assemblyId}`);
    expect((await admin.post(`/en/admin/assemblies/${s.assemblyId}/items/${s.itemId}/close`, {})).status).toBe(303);
    const [closed] = await db.select().from(assemblyItems).where(eq(assemblyItems.id, s.itemId));
    const result = closed!.result as unknown as ReturnType<typeof decideItem>;
    // yes: member@, facilitator, member01, member02, paper member-workers and staff = 6 (weight 6);
    // no: member07, member11, two clients slips = 4 members, weight 2. 6 / 8 ≥ 2/3, while 6 of 10 heads is not.
    expect(result.combined.yes).toEqual({ count: "6", weight: "6" });
    expect(result.combined.no).toEqual({ count: "4", weight: "2" });
    expect(result.quorum.overall).toEqual({ required: "18", reached: "18", met: true });
    expect(result.reason).toBe("adopted");
    expect(closed!.adopted).toBe(true);
    const clients = result.colleges.find((col) => col.college === "clients")!;
    expect(clients.memberWeight).toBe("1/2");
    expect(clients.no).toEqual({ count: "4", weight: "2" });

    const page = plain((await (await as("member")).get(item)).text);
    expect(page).toContain("Adopted");
    expect(page).toContain("Two-thirds majority.");
    expect(page).toContain("18 present or represented, 18 required: met.");

    // A vote after the close is refused: by the policy, and by the command itself.
    expect((await (await as("member13")).get(`${item}/vote`)).status).toBe(403);
    const late = await castVotes(
      db,
      await itemContext(db, s.assemblyId, s.itemId),
      await personId(db, "member13"),
      new Map([[await personId(db, "member13"), "yes"]]),
    );
    expect(late).toEqual({ ok: false, reason: "not_open" });

    // The export recounts to the stored result, and carries no voter.
    const exported = await new TestClient(t).get(`${item}/export.csv`);
    expect(exported.status).toBe(200);
    const { rows, decision } = recount(exported.text);
    expect(decision).toEqual(result);
    const online = rows.filter((r) => r.record === "vote");
    expect(online).toHaveLength(6);
    expect(online.every((r) => r.voter === "" && /^[0-9a-f]{64}$/.test(r.tracker!))).toBe(true);
    expect(online.filter((r) => r.proxy === "true")).toHaveLength(2);
    const register = await db
      .select({ n: count() })
      .from(assemblyVoteRegister)
      .where(eq(assemblyVoteRegister.itemId, s.itemId));
    expect(register[0]!.n).toBe(6);

    // Receipts check against the public list of trackers.
    const { createHash } = await import("node:crypto");
    const tracker = createHash("sha256").update(codes[0]!.replace(/-/g, "")).digest("hex");
    const board = await new TestClient(t).get(`${item}/votes?tracker=${tracker.slice(0, 12)}`);
    expect(board.text).toContain(tracker);
  });

  it("keeps no voter in secret votes and names them in named votes", async () => {
    const db = t.deps.db;
    const columns = await db.execute(
      sql`select column_name from information_schema.columns where table_name = 'assembly_secret_votes' order by column_name`,
    );
    expect((columns as unknown as { rows: Array<{ column_name: string }> }).rows.map((r) => r.column_name)).toEqual([
      "choice",
      "college_key",
      "item_id",
      "proxy",
      "tracker",
      "weight",
    ]);
    const s = await openAssemblyOf(db, { decisionKind: "ordinary", secret: false, title: "AG nominative" });
    await present(db, s.context, "board", s.onlineSiteId);
    const board = await as("board");
    const item = `/en/assemblies/${s.assemblyId}/items/${s.itemId}`;
    await board.get(`${item}/vote`);
    const res = await board.post(`${item}/vote`, { [`choice_${await personId(db, "board")}`]: "abstain" });
    expect(res.status).toBe(303);
    const named = await db.select().from(assemblyNamedVotes).where(eq(assemblyNamedVotes.itemId, s.itemId));
    expect(named).toHaveLength(1);
    expect(named[0]!.personId).toBe(await personId(db, "board"));
    const secret = await db.select().from(assemblySecretVotes).where(eq(assemblySecretVotes.itemId, s.itemId));
    expect(secret).toHaveLength(0);
    const admin = await as("admin");
    await admin.get(`/en/admin/assemblies/${s.assemblyId}`);
    await admin.post(`/en/admin/assemblies/${s.assemblyId}/items/${s.itemId}/close`, {});
    const list = plain((await new TestClient(t).get(`${item}/votes`)).text);
    expect(list).toContain("Elena Moravec (member-workers) — Abstain");
    const [row] = await db
      .select()
      .from(assemblies)
      .where(and(eq(assemblies.id, s.assemblyId)));
    expect(row!.status).toBe("open");
  });
});
