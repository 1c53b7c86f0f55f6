import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { castBallot, recastBallot } from "../../src/commands/ballots/cast.js";
import { closeBallot } from "../../src/commands/ballots/close.js";
import { BallotExportError, exportBallotsPrefLib } from "../../src/commands/ballots/export.js";
import { openBallot } from "../../src/commands/ballots/open.js";
import { publishBallot } from "../../src/commands/ballots/publish.js";
import type { Database, Db } from "../../src/db/client.js";
import {
  auditLog,
  ballotElectors,
  ballotResults,
  ballots,
  castBallots,
  memberships,
  persons,
} from "../../src/db/schema/index.js";
import { normaliseReceipt, trackerOf } from "../../src/domain/ballots/receipt.js";
import { OTHER_GROUP } from "../../src/domain/ballots/stored-result.js";
import { ENGINES, openTestDatabase } from "../support/db.js";
import {
  addMembers,
  ballotStatus,
  createBallot,
  demoOrg,
  personId,
  rowsOf,
  votingCounts,
  type DemoOrg,
} from "./ballots-fixtures.js";

const ORDER = [["housing"], ["care"], ["commons"], ["europe"]];

describe.each(ENGINES)("ballot commands on %s", (engine) => {
  let database: Database;
  let db: Db;
  let be: DemoOrg;
  let fr: DemoOrg;
  let managerId: string;
  let memberId: string;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    db = database.db;
    be = await demoOrg(db, "smart-be");
    fr = await demoOrg(db, "smart-fr");
    managerId = await personId(db, "manager@demo.letscoop.test");
    memberId = await personId(db, "member@demo.letscoop.test");
  });
  afterAll(async () => {
    await database.close();
  });

  async function openedBallot(opts: Parameters<typeof createBallot>[1] = { organisationIds: [] }) {
    const created = await createBallot(db, {
      ...opts,
      organisationIds: opts.organisationIds.length ? opts.organisationIds : [be.id],
    });
    const opened = await openBallot(db, created.ballotId, { actorId: managerId });
    expect(opened.ok).toBe(true);
    return created;
  }

  describe("opening", () => {
    it("takes the electorate snapshot by the rule, with weights, offices and languages", async () => {
      const { ballotId } = await createBallot(db, { organisationIds: [be.id] });
      const [expected] = rowsOf<{ n: number }>(
        await db.execute(sql`select count(*)::int as n from memberships m join persons p on p.id = m.person_id
          where m.organisation_id = ${be.id} and p.disabled_at is null`),
      );
      const outcome = await openBallot(db, ballotId, { actorId: managerId });
      expect(outcome).toEqual({ ok: true, electors: Number(expected!.n) });
      const [member] = await db
        .select()
        .from(ballotElectors)
        .where(and(eq(ballotElectors.ballotId, ballotId), eq(ballotElectors.personId, memberId)));
      expect(member).toMatchObject({ collegeKey: "member-workers", organisationId: be.id, language: "fr" });
      expect(Number(member!.weight)).toBe(1);
      const clients = await db
        .select({ weight: ballotElectors.weight })
        .from(ballotElectors)
        .where(and(eq(ballotElectors.ballotId, ballotId), eq(ballotElectors.collegeKey, "clients")));
      expect(clients.length).toBeGreaterThan(0);
      expect(clients.every((c) => Number(c.weight) === 0.5)).toBe(true);
      const [ballot] = await db.select().from(ballots).where(eq(ballots.id, ballotId));
      expect(ballot!.status).toBe("open");
      expect(ballot!.openedAt).toBeInstanceOf(Date);
      const audit = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "ballot.opened"), eq(auditLog.subjectId, ballotId)));
      expect(audit).toHaveLength(1);
      expect(audit[0]!.actorId).toBe(managerId);
      expect(audit[0]!.data).toEqual({ electors: Number(expected!.n) });
    });

    it("admits shareholders only and the listed colleges only when the rule says so", async () => {
      const { ballotId } = await createBallot(db, {
        organisationIds: [be.id, fr.id],
        electorate: { shareholdersOnly: true, collegeKeys: ["staff"] },
      });
      const [expected] = rowsOf<{ n: number }>(
        await db.execute(sql`select count(distinct m.person_id)::int as n from memberships m join colleges c on c.id = m.college_id
          where m.organisation_id in (${be.id}, ${fr.id}) and m.is_shareholder and c.key = 'staff'`),
      );
      expect(await openBallot(db, ballotId, { actorId: managerId })).toEqual({
        ok: true,
        electors: Number(expected!.n),
      });
      const rows = await db.select().from(ballotElectors).where(eq(ballotElectors.ballotId, ballotId));
      expect(rows.every((r) => r.collegeKey === "staff")).toBe(true);
    });

    it("counts a member of two organisations once, with the heavier college", async () => {
      const [someone] = await addMembers(db, be, { count: 1, college: "clients" });
      await db.insert(memberships).values({
        personId: someone!,
        organisationId: fr.id,
        collegeId: fr.collegeIds["staff"]!,
        isShareholder: false,
        shares: 0,
        language: "fr",
      });
      const { ballotId } = await createBallot(db, { organisationIds: [be.id, fr.id] });
      await openBallot(db, ballotId, { actorId: null });
      const rows = await db
        .select()
        .from(ballotElectors)
        .where(and(eq(ballotElectors.ballotId, ballotId), eq(ballotElectors.personId, someone!)));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ collegeKey: "staff", organisationId: fr.id });
    });

    it("refuses what cannot be opened, and changes nothing", async () => {
      const { ballotId } = await openedBallot();
      expect(await openBallot(db, ballotId, { actorId: managerId })).toEqual({ ok: false, reason: "not_draft" });
      expect(await openBallot(db, "00000000-0000-4000-8000-000000000000", { actorId: managerId })).toEqual({
        ok: false,
        reason: "not_found",
      });
      expect(await openBallot(db, "not-a-uuid", { actorId: managerId })).toEqual({ ok: false, reason: "not_found" });
      const empty = await createBallot(db, { organisationIds: [be.id], themes: [] });
      expect(await openBallot(db, empty.ballotId, { actorId: managerId })).toEqual({ ok: false, reason: "no_options" });
      const nobody = await createBallot(db, {
        organisationIds: [be.id],
        electorate: { collegeKeys: ["no-such-college"] },
      });
      expect(await openBallot(db, nobody.ballotId, { actorId: managerId })).toEqual({
        ok: false,
        reason: "no_electors",
      });
      expect(await ballotStatus(db, nobody.ballotId)).toBe("draft");
      const snapshot = await db.select().from(ballotElectors).where(eq(ballotElectors.ballotId, nobody.ballotId));
      expect(snapshot).toHaveLength(0);
    });
  });

  describe("casting", () => {
    it("stores the ballot without the voter, registers the voter without the ballot, and returns a receipt once", async () => {
      const { ballotId } = await openedBallot();
      const outcome = await castBallot(db, { ballotId, personId: memberId, ranking: ORDER });
      if (!outcome.ok) throw new Error(outcome.reason);
      expect(outcome.receipt).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){6}$/);
      const canonical = normaliseReceipt(outcome.receipt)!;
      expect(outcome.tracker).toBe(createHash("sha256").update(canonical).digest("hex"));
      expect(await votingCounts(db, ballotId)).toEqual({ register: 1, cast: 1 });
      const [row] = await db.select().from(castBallots).where(eq(castBallots.ballotId, ballotId));
      expect(row!.ranking).toEqual(ORDER);
      expect(Number(row!.weight)).toBe(1);
      expect(row!.collegeKey).toBe("member-workers");
      expect(row!.tracker).toBe(outcome.tracker);
      // The receipt itself is nowhere in the database.
      const dump = JSON.stringify(await db.select().from(castBallots));
      expect(dump).not.toContain(canonical);
      expect(dump).not.toContain(outcome.receipt);
    });

    it("keeps the secret: no voter id, no time, no link from the register", async () => {
      const { ballotId } = await openedBallot();
      const before = new Date();
      await castBallot(db, { ballotId, personId: memberId, ranking: ORDER });
      const columns = rowsOf<{ table_name: string; column_name: string; data_type: string }>(
        await db.execute(sql`select table_name, column_name, data_type from information_schema.columns
          where table_schema = 'public' and table_name in ('cast_ballots', 'ballot_register') order by table_name, ordinal_position`),
      );
      expect(columns.filter((c) => c.table_name === "cast_ballots").map((c) => c.column_name)).toEqual([
        "ballot_id",
        "ranking",
        "weight",
        "college_key",
        "tracker",
      ]);
      expect(columns.filter((c) => c.table_name === "ballot_register").map((c) => c.column_name)).toEqual([
        "ballot_id",
        "person_id",
      ]);
      expect(columns.filter((c) => /time|date/.test(c.data_type))).toEqual([]);
      // Nothing references a cast ballot: no table can point from a person to it.
      const references = rowsOf<{ n: number }>(
        await db.execute(sql`select count(*)::int as n from information_schema.constraint_column_usage u
          join information_schema.table_constraints c on c.constraint_name = u.constraint_name
          where c.constraint_type = 'FOREIGN KEY' and u.table_name = 'cast_ballots'`),
      );
      expect(Number(references[0]!.n)).toBe(0);
      const rows = rowsOf<Record<string, unknown>>(
        await db.execute(sql`select * from cast_ballots where ballot_id = ${ballotId}`),
      );
      for (const row of rows) {
        for (const value of Object.values(row)) {
          const text = typeof value === "string" ? value : JSON.stringify(value);
          expect(text).not.toContain(memberId);
          expect(value instanceof Date).toBe(false);
          expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/);
          expect(text).not.toContain(String(before.getUTCFullYear()) + "-");
        }
      }
    });

    it("mixes earlier rows into each cast, so a transaction id never pairs one voter with one ballot", async () => {
      const voters = await addMembers(db, be, { count: 8, college: "staff" });
      const { ballotId } = await openedBallot();
      for (const voter of voters)
        expect((await castBallot(db, { ballotId, personId: voter, ranking: ORDER })).ok).toBe(true);
      const last = voters[voters.length - 1]!;
      const [shared] = rowsOf<{ ballots: number; voters: number }>(
        await db.execute(sql`
          select (select count(*)::int from cast_ballots c where c.ballot_id = r.ballot_id and c.xmin::text = r.xmin::text) as ballots,
                 (select count(*)::int from ballot_register o where o.ballot_id = r.ballot_id and o.xmin::text = r.xmin::text) as voters
          from ballot_register r where r.ballot_id = ${ballotId} and r.person_id = ${last}`),
      );
      expect(Number(shared!.ballots)).toBeGreaterThanOrEqual(2);
      expect(Number(shared!.voters)).toBeGreaterThanOrEqual(2);
    });

    it("refuses a voter who is not in the snapshot, and stores nothing", async () => {
      const { ballotId } = await openedBallot();
      const [outsider] = await addMembers(db, fr, { count: 1, college: "staff" });
      expect(await castBallot(db, { ballotId, personId: outsider!, ranking: ORDER })).toEqual({
        ok: false,
        reason: "not_elector",
      });
      // Joining after the opening does not add one to the electorate.
      const [late] = await addMembers(db, be, { count: 1, college: "staff" });
      expect(await castBallot(db, { ballotId, personId: late!, ranking: ORDER })).toEqual({
        ok: false,
        reason: "not_elector",
      });
      expect(await votingCounts(db, ballotId)).toEqual({ register: 0, cast: 0 });
    });

    it("refuses a second ballot from the same voter", async () => {
      const { ballotId } = await openedBallot();
      expect((await castBallot(db, { ballotId, personId: memberId, ranking: ORDER })).ok).toBe(true);
      expect(
        await castBallot(db, {
          ballotId,
          personId: memberId,
          ranking: [["europe"], ["care"], ["commons"], ["housing"]],
        }),
      ).toEqual({
        ok: false,
        reason: "already_voted",
      });
      expect(await votingCounts(db, ballotId)).toEqual({ register: 1, cast: 1 });
      const [row] = await db.select().from(castBallots).where(eq(castBallots.ballotId, ballotId));
      expect(row!.ranking).toEqual(ORDER);
    });

    it("refuses duplicate, missing, unknown and empty rankings, and stores nothing", async () => {
      const { ballotId } = await openedBallot();
      const bad: unknown[] = [
        [["housing"], ["housing"], ["commons"], ["europe"]],
        [["housing"], ["care"], ["commons"]],
        [["housing"], ["care"], ["commons"], ["europe"], ["mars"]],
        [["housing"], [], ["care"], ["commons"], ["europe"]],
        [],
        [["housing", "housing"], ["care"], ["commons"], ["europe"]],
      ];
      for (const ranking of bad) {
        expect(await castBallot(db, { ballotId, personId: memberId, ranking: ranking as string[][] })).toEqual({
          ok: false,
          reason: "invalid_ranking",
        });
      }
      expect(await votingCounts(db, ballotId)).toEqual({ register: 0, cast: 0 });
      // Equal ranks are a valid ballot for the command (the form offers none): stored in one order.
      expect(
        (
          await castBallot(db, {
            ballotId,
            personId: memberId,
            ranking: [["europe", "care"], ["housing"], ["commons"]],
          })
        ).ok,
      ).toBe(true);
      const [row] = await db.select().from(castBallots).where(eq(castBallots.ballotId, ballotId));
      expect(row!.ranking).toEqual([["care", "europe"], ["housing"], ["commons"]]);
    });

    it("refuses votes outside the window, even while the ballot is still marked open", async () => {
      const opensAt = new Date("2030-03-01T09:00:00Z");
      const closesAt = new Date("2030-03-15T18:00:00Z");
      const { ballotId } = await openedBallot({ organisationIds: [be.id], opensAt, closesAt });
      const before = new Date("2030-03-01T08:59:59Z");
      const after = new Date("2030-03-15T18:00:00Z");
      expect(await castBallot(db, { ballotId, personId: memberId, ranking: ORDER, now: before })).toEqual({
        ok: false,
        reason: "not_open",
      });
      expect(await castBallot(db, { ballotId, personId: memberId, ranking: ORDER, now: after })).toEqual({
        ok: false,
        reason: "not_open",
      });
      expect(await votingCounts(db, ballotId)).toEqual({ register: 0, cast: 0 });
      const during = new Date("2030-03-10T12:00:00Z");
      expect((await castBallot(db, { ballotId, personId: memberId, ranking: ORDER, now: during })).ok).toBe(true);
    });

    it("refuses votes on a draft, a closed ballot and an unknown one", async () => {
      const draft = await createBallot(db, { organisationIds: [be.id] });
      expect(await castBallot(db, { ballotId: draft.ballotId, personId: memberId, ranking: ORDER })).toEqual({
        ok: false,
        reason: "not_open",
      });
      const { ballotId } = await openedBallot();
      await closeBallot(db, ballotId, { actorId: managerId });
      expect(await castBallot(db, { ballotId, personId: memberId, ranking: ORDER })).toEqual({
        ok: false,
        reason: "not_open",
      });
      expect(await castBallot(db, { ballotId: "nope", personId: memberId, ranking: ORDER })).toEqual({
        ok: false,
        reason: "not_open",
      });
      expect(await votingCounts(db, ballotId)).toEqual({ register: 0, cast: 0 });
    });
  });

  describe("recasting", () => {
    it("replaces the ranking of the ballot found by the receipt; the tracker stays", async () => {
      const { ballotId } = await openedBallot();
      const first = await castBallot(db, { ballotId, personId: memberId, ranking: ORDER });
      if (!first.ok) throw new Error(first.reason);
      const typed = first.receipt.toLowerCase().replace(/-/g, " ");
      const again = await recastBallot(db, {
        ballotId,
        personId: memberId,
        receipt: typed,
        ranking: [["europe"], ["commons"], ["care"], ["housing"]],
      });
      expect(again).toEqual({ ok: true, tracker: first.tracker });
      const rows = await db.select().from(castBallots).where(eq(castBallots.ballotId, ballotId));
      expect(rows).toHaveLength(1);
      expect(rows[0]!.ranking).toEqual([["europe"], ["commons"], ["care"], ["housing"]]);
      expect(rows[0]!.tracker).toBe(first.tracker);
      expect(await votingCounts(db, ballotId)).toEqual({ register: 1, cast: 1 });
    });

    it("refuses a wrong receipt, another voter's receipt used by a non-voter, and bad rankings", async () => {
      const { ballotId } = await openedBallot();
      const first = await castBallot(db, { ballotId, personId: memberId, ranking: ORDER });
      if (!first.ok) throw new Error(first.reason);
      const wrong = "0000-0000-0000-0000-0000-0000-0000";
      const other = [["europe"], ["commons"], ["care"], ["housing"]];
      expect(await recastBallot(db, { ballotId, personId: memberId, receipt: wrong, ranking: other })).toEqual({
        ok: false,
        reason: "wrong_receipt",
      });
      expect(await recastBallot(db, { ballotId, personId: memberId, receipt: "not a code", ranking: other })).toEqual({
        ok: false,
        reason: "wrong_receipt",
      });
      expect(
        await recastBallot(db, { ballotId, personId: memberId, receipt: first.receipt, ranking: [["europe"]] }),
      ).toEqual({
        ok: false,
        reason: "invalid_ranking",
      });
      expect(await recastBallot(db, { ballotId, personId: managerId, receipt: first.receipt, ranking: other })).toEqual(
        { ok: false, reason: "not_voted" },
      );
      const [outsider] = await addMembers(db, fr, { count: 1, college: "staff" });
      expect(await recastBallot(db, { ballotId, personId: outsider!, receipt: first.receipt, ranking: other })).toEqual(
        { ok: false, reason: "not_elector" },
      );
      const [row] = await db.select().from(castBallots).where(eq(castBallots.ballotId, ballotId));
      expect(row!.ranking).toEqual(ORDER);
    });

    it("is refused when the ballot does not allow it, and after the close", async () => {
      const fixed = await openedBallot({ organisationIds: [be.id], allowRecast: false });
      const first = await castBallot(db, { ballotId: fixed.ballotId, personId: memberId, ranking: ORDER });
      if (!first.ok) throw new Error(first.reason);
      expect(
        await recastBallot(db, {
          ballotId: fixed.ballotId,
          personId: memberId,
          receipt: first.receipt,
          ranking: ORDER,
        }),
      ).toEqual({
        ok: false,
        reason: "recast_not_allowed",
      });
      const { ballotId } = await openedBallot();
      const cast = await castBallot(db, { ballotId, personId: memberId, ranking: ORDER });
      if (!cast.ok) throw new Error(cast.reason);
      await closeBallot(db, ballotId, { actorId: managerId });
      expect(await recastBallot(db, { ballotId, personId: memberId, receipt: cast.receipt, ranking: ORDER })).toEqual({
        ok: false,
        reason: "not_open",
      });
    });
  });

  describe("closing, publishing, exporting", () => {
    it("counts, stores the result with turnout, reshuffles the rows and audits", async () => {
      const { ballotId, keys } = await openedBallot();
      const voters = (
        await db
          .select({ personId: ballotElectors.personId, collegeKey: ballotElectors.collegeKey })
          .from(ballotElectors)
          .where(eq(ballotElectors.ballotId, ballotId))
      ).slice(0, 30);
      const trackers: string[] = [];
      for (const [index, voter] of voters.entries()) {
        const ranking = index % 3 === 0 ? [["care"], ["housing"], ["commons"], ["europe"]] : ORDER;
        const cast = await castBallot(db, { ballotId, personId: voter.personId, ranking });
        if (!cast.ok) throw new Error(cast.reason);
        trackers.push(cast.tracker);
      }
      const outcome = await closeBallot(db, ballotId, { actorId: managerId });
      if (!outcome.ok) throw new Error(outcome.reason);
      const { result } = outcome;
      expect(result.method).toBe("schulze");
      expect(result.options).toEqual(keys);
      expect(result.ballotsCounted).toBe(30);
      expect(result.combined.winners).toEqual(["housing"]);
      expect(result.participation.voters).toBe(30);
      const [electors] = rowsOf<{ n: number }>(
        await db.execute(sql`select count(*)::int as n from ballot_electors where ballot_id = ${ballotId}`),
      );
      expect(result.participation.electors).toBe(Number(electors!.n));
      for (const rows of [
        result.participation.byCollege,
        result.participation.byOffice,
        result.participation.byLanguage,
      ]) {
        expect(rows.reduce((s, r) => s + r.voters, 0)).toBe(30);
        for (const row of rows) if (row.key !== OTHER_GROUP) expect(row.voters).toBeGreaterThanOrEqual(5);
      }
      for (const [key] of Object.entries(result.byCollege)) {
        if (key === OTHER_GROUP) continue;
        expect(voters.filter((v) => v.collegeKey === key).length).toBeGreaterThanOrEqual(5);
      }
      const [stored] = await db.select().from(ballotResults).where(eq(ballotResults.ballotId, ballotId));
      expect(stored!.ballotsCounted).toBe(30);
      expect(JSON.parse(JSON.stringify(stored!.result))).toEqual(JSON.parse(JSON.stringify(result)));
      expect(await ballotStatus(db, ballotId)).toBe("closed");

      // Every ballot now carries the closing transaction's id, which no register row carries, in a
      // new order.
      const xmins = rowsOf<{ cast: number; shared: number }>(
        await db.execute(sql`select
          (select count(distinct xmin::text)::int from cast_ballots where ballot_id = ${ballotId}) as cast,
          (select count(*)::int from ballot_register r where r.ballot_id = ${ballotId}
            and r.xmin::text in (select xmin::text from cast_ballots where ballot_id = ${ballotId})) as shared`),
      );
      expect(xmins[0]).toEqual({ cast: 1, shared: 0 });
      const physical = rowsOf<{ tracker: string }>(
        await db.execute(sql`select tracker from cast_ballots where ballot_id = ${ballotId}`),
      ).map((r) => r.tracker);
      expect(physical).not.toEqual(trackers); // 1 chance in 30! of failing by luck
      expect([...physical].sort()).toEqual([...trackers].sort());
      const audit = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "ballot.closed"), eq(auditLog.subjectId, ballotId)));
      expect(audit).toHaveLength(1);
      expect(audit[0]!.data).toEqual({ ballotsCounted: 30 });

      expect(await closeBallot(db, ballotId, { actorId: managerId })).toEqual({ ok: false, reason: "not_open" });
      expect(await publishBallot(db, ballotId, { actorId: managerId })).toEqual({ ok: true });
      expect(await ballotStatus(db, ballotId)).toBe("published");
      expect(await publishBallot(db, ballotId, { actorId: managerId })).toEqual({ ok: false, reason: "not_closed" });
      const published = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "ballot.published"), eq(auditLog.subjectId, ballotId)));
      expect(published).toHaveLength(1);
    });

    it("counts an empty ballot box", async () => {
      const { ballotId } = await openedBallot();
      const outcome = await closeBallot(db, ballotId, { actorId: managerId });
      if (!outcome.ok) throw new Error(outcome.reason);
      expect(outcome.result.ballotsCounted).toBe(0);
      expect(outcome.result.participation.voters).toBe(0);
      const text = await exportBallotsPrefLib(db, ballotId);
      expect(text).toContain("# NUMBER VOTERS: 0");
    });

    it("refuses to publish an open ballot or export it before the close", async () => {
      const { ballotId } = await openedBallot();
      expect(await publishBallot(db, ballotId, { actorId: managerId })).toEqual({ ok: false, reason: "not_closed" });
      await expect(exportBallotsPrefLib(db, ballotId)).rejects.toBeInstanceOf(BallotExportError);
      expect(await closeBallot(db, "00000000-0000-4000-8000-000000000000", { actorId: null })).toEqual({
        ok: false,
        reason: "not_found",
      });
    });

    it("never writes a voter, a tracker or a ranking into the audit log", async () => {
      const { ballotId } = await openedBallot();
      const cast = await castBallot(db, { ballotId, personId: memberId, ranking: ORDER });
      if (!cast.ok) throw new Error(cast.reason);
      await closeBallot(db, ballotId, { actorId: managerId });
      await publishBallot(db, ballotId, { actorId: managerId });
      const entries = await db.select().from(auditLog).where(eq(auditLog.subjectId, ballotId));
      expect(entries.map((e) => e.action).sort()).toEqual(["ballot.closed", "ballot.opened", "ballot.published"]);
      const text = JSON.stringify(entries);
      expect(text).not.toContain(cast.tracker);
      expect(text).not.toContain(memberId);
      expect(text).not.toContain("housing");
      expect(trackerOf(normaliseReceipt(cast.receipt)!)).toBe(cast.tracker);
      const [person] = await db.select({ id: persons.id }).from(persons).where(eq(persons.id, memberId));
      expect(person).toBeDefined();
    });
  });
});
