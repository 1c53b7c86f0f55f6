import { readFileSync } from "node:fs";
import path from "node:path";
import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  actionProposalRecommendations,
  actionProposals,
  amendments,
  assemblies,
  assemblyAttendance,
  assemblyItems,
  assemblyPaperTallies,
  assemblyProxies,
  boardDecisions,
  colleges,
  cycles,
  memberships,
  organisations,
  persons,
  recommendations,
  recommendationVersions,
  RECOMMENDATION_SECTIONS,
  stateChanges,
  workingGroups,
} from "../../src/db/schema/index.js";
import { decideItem, ruleForItem, type AssemblyVote } from "../../src/domain/assembly/index.js";
import {
  applyAmendments,
  checkTitle,
  findBrokenReferences,
  findCrossReferences,
  referencedNumbers,
} from "../../src/domain/recommendations/index.js";
import { defaultWorkflow, initialState, type WorkflowSubject } from "../../src/domain/workflow/workflow.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { ENGINES } from "../support/db.js";
import { REPO_ROOT } from "../support/paths.js";

const SEED_003 = readFileSync(path.join(REPO_ROOT, "..", "shared", "seeds", "003_463cd2b1b09b3a21.txt"), "utf8");
const NUMBERED = /^(\d{1,2})[\s\uFFFD]+(\p{L}.*?)\s*$/u;

/** The first printed line of each title in the booklet's first summary (as title.test.ts reads it). */
function seedTitleLines(): Map<number, string> {
  const lines = SEED_003.split("\n");
  const from = lines.findIndex((l) => l.includes("LE GROUPE DE TRAVAIL RECOMMANDE"));
  const found = new Map<number, string>();
  for (const line of lines.slice(from)) {
    const m = NUMBERED.exec(line);
    if (!m) continue;
    const n = Number(m[1]);
    if (n >= 1 && n <= 37 && !found.has(n)) found.set(n, m[2]!);
    if (found.size === 37) break;
  }
  return found;
}

/** The headings that close each group's list of titles in the booklet's chapters. */
const GROUP_HEADINGS: Array<[RegExp, string]> = [
  [/^Devenir une\s*$/, "publics"],
  [/^Créer et développer\s*$/, "services"],
  [/^Mutualiste,\s*$/, "economic-model"],
  [/^Une entreprise\s*$/, "governance"],
];

/** Number → group key, from each chapter's list ("LE GROUPE DE TRAVAIL RECOMMANDE …", titles, heading). */
function seedGroups(): Map<number, string> {
  const lines = SEED_003.split("\n");
  const groups = new Map<number, string>();
  lines.forEach((line, start) => {
    if (!/^\s*LE GROUPE DE TRAVAIL RECOMMANDE/.test(line)) return;
    const numbers: number[] = [];
    for (const next of lines.slice(start + 1, start + 40)) {
      // A list without its heading (the first summary's) ends at the next list: not counted.
      if (/LE GROUPE DE TRAVAIL RECOMMANDE/.test(next)) return;
      const heading = GROUP_HEADINGS.find(([re]) => re.test(next));
      if (heading) {
        for (const n of numbers) {
          expect(groups.get(n) ?? heading[1], `recommendation ${n} in two groups`).toBe(heading[1]);
          groups.set(n, heading[1]);
        }
        return;
      }
      const m = NUMBERED.exec(next);
      if (m) numbers.push(Number(m[1]));
    }
  });
  return groups;
}

/** Every name of the participants' directory ("Nom Prénom [e-mail retiré] Secteur"), as lower-case words. */
function directoryEntries(): string[][] {
  const lines = SEED_003.split("\n");
  const from = lines.findIndex((l) => l.startsWith("Annuaire des participants"));
  const entries: string[][] = [];
  for (const line of lines.slice(from + 1)) {
    if (line.startsWith("Merci")) break;
    const name = line.split("[e-mail")[0]!.trim();
    if (!name || name.startsWith("Nom Prénom")) continue;
    entries.push(name.toLowerCase().split(/\s+/));
  }
  return entries;
}

const wordIn = (word: string, text: string) =>
  new RegExp(`(?<![\\p{L}])${word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}])`, "iu").test(text);

describe.each(ENGINES)("the demo recommendations of 2015–2016 (%s)", (engine) => {
  let t: TestApp;
  let cycleId: string;
  let beId: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    const [cycle] = await t.deps.db.select({ id: cycles.id }).from(cycles).where(eq(cycles.slug, "2015-2016"));
    const [be] = await t.deps.db
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.slug, "smart-be"));
    cycleId = cycle!.id;
    beId = be!.id;
  });
  afterAll(() => t.close());

  async function demoRecommendations() {
    return t.deps.db
      .select({
        id: recommendations.id,
        number: recommendations.number,
        state: recommendations.state,
        group: workingGroups.key,
      })
      .from(recommendations)
      .innerJoin(workingGroups, eq(workingGroups.id, recommendations.groupId))
      .where(eq(recommendations.cycleId, cycleId))
      .orderBy(asc(recommendations.number));
  }

  it("holds the 37 recommendations of seed 003 with their numbers, titles and groups", async () => {
    const recs = await demoRecommendations();
    expect(recs.map((r) => r.number)).toEqual(Array.from({ length: 37 }, (_, i) => i + 1));
    const groups = seedGroups();
    expect(groups.size).toBe(37);
    expect(Object.fromEntries(recs.map((r) => [r.number, r.group]))).toEqual(Object.fromEntries(groups));

    const firstVersions = await t.deps.db
      .select()
      .from(recommendationVersions)
      .where(
        and(
          inArray(
            recommendationVersions.recommendationId,
            recs.map((r) => r.id),
          ),
          eq(recommendationVersions.number, 1),
        ),
      );
    expect(firstVersions).toHaveLength(37);
    const titles = seedTitleLines();
    for (const r of recs) {
      const v1 = firstVersions.find((v) => v.recommendationId === r.id)!;
      const printed = titles
        .get(r.number)!
        .replace(/\s*\S*-$/, "")
        .replace(/\s+/g, " ");
      expect(v1.title, `title of ${r.number}`).toContain(printed);
      expect(checkTitle(v1.title, "fr"), `title of ${r.number}`).toMatchObject({ ok: true });
      expect(v1.submittedAt?.toISOString()).toBe("2016-04-14T15:30:00.000Z");
      expect(v1.origin).toBe("draft");
      for (const section of RECOMMENDATION_SECTIONS) expect(typeof v1.sections[section]).toBe("string");
      expect(v1.sections.context.length, `context of ${r.number}`).toBeGreaterThan(40);
    }
  });

  it("keeps the cross-references of the booklet as links to recommendations that exist", async () => {
    const versions = await t.deps.db
      .select({ number: recommendations.number, sections: recommendationVersions.sections })
      .from(recommendationVersions)
      .innerJoin(recommendations, eq(recommendations.id, recommendationVersions.recommendationId))
      .where(and(eq(recommendations.cycleId, cycleId), eq(recommendationVersions.number, 1)));
    const numbers = new Set(versions.map((v) => v.number));
    const refs = new Map<number, number[]>();
    for (const v of versions) {
      const text = RECOMMENDATION_SECTIONS.map((s) => v.sections[s]).join("\n\n");
      const found = findCrossReferences(text);
      expect(findBrokenReferences(found, numbers)).toEqual([]);
      refs.set(v.number, referencedNumbers(found));
    }
    expect(refs.get(2)).toEqual([4, 8]);
    expect(refs.get(27)).toEqual([28, 29, 34]);
    expect(refs.get(35)).toEqual([34, 36]);
  });

  it("records every state change as a transition of the default workflow, ending in the current state", async () => {
    const recs = await demoRecommendations();
    const proposals = await t.deps.db
      .select({ id: actionProposals.id, state: actionProposals.state })
      .from(actionProposals)
      .where(eq(actionProposals.cycleId, cycleId));
    expect(proposals.length).toBeGreaterThanOrEqual(3);
    const subjects: Array<{ subject: WorkflowSubject; id: string; state: string }> = [
      ...recs.map((r) => ({ subject: "recommendation" as const, id: r.id, state: r.state })),
      ...proposals.map((p) => ({ subject: "action_proposal" as const, id: p.id, state: p.state })),
    ];
    const rows = await t.deps.db
      .select()
      .from(stateChanges)
      .where(
        inArray(
          stateChanges.subjectId,
          subjects.map((s) => s.id),
        ),
      )
      .orderBy(asc(stateChanges.at));
    for (const { subject, id, state } of subjects) {
      const workflow = defaultWorkflow(subject);
      const trace = rows.filter((r) => r.subjectId === id);
      expect(trace[0], `creation of ${id}`).toMatchObject({ fromState: null, toState: initialState(workflow) });
      for (let i = 1; i < trace.length; i++) {
        const { fromState, toState, actorId, reason } = trace[i]!;
        expect(fromState).toBe(trace[i - 1]!.toState);
        expect(
          workflow.transitions.some((tr) => tr.from === fromState && tr.to === toState),
          `${subject} ${fromState} → ${toState}`,
        ).toBe(true);
        expect(actorId).not.toBeNull();
        expect(reason).not.toBe("");
      }
      expect(trace.at(-1)!.toState).toBe(state);
    }
    const states = new Set(recs.map((r) => r.state));
    for (const s of ["adopted", "retained", "merged", "not_retained"]) expect(states).toContain(s);
  });

  it("publishes a board decision per recommendation, amended versions made of the merged amendments", async () => {
    const recs = await demoRecommendations();
    const decisions = await t.deps.db
      .select()
      .from(boardDecisions)
      .where(
        inArray(
          boardDecisions.recommendationId,
          recs.map((r) => r.id),
        ),
      );
    expect(decisions).toHaveLength(37);
    for (const d of decisions) {
      expect(d.reasons.length).toBeGreaterThan(10);
      if (d.decision === "merged") expect(recs.map((r) => r.id)).toContain(d.mergedIntoId);
    }
    const amended = decisions.filter((d) => d.decision === "retained_amended");
    expect(amended.length).toBeGreaterThan(0);
    for (const d of amended) {
      const versions = await t.deps.db
        .select()
        .from(recommendationVersions)
        .where(eq(recommendationVersions.recommendationId, d.recommendationId))
        .orderBy(asc(recommendationVersions.number));
      const [v1, v2] = versions;
      expect(v2!.id).toBe(d.versionId);
      expect(v2!.origin).toBe("amended");
      const merged = await t.deps.db.select().from(amendments).where(eq(amendments.mergedIntoVersionId, v2!.id));
      expect(merged.length).toBeGreaterThan(0);
      for (const section of RECOMMENDATION_SECTIONS) {
        const own = merged.filter((a) => a.section === section);
        const applied = applyAmendments({ id: v1!.id, text: v1!.sections[section], lineLength: v1!.lineLength }, own);
        expect(applied).toEqual({ ok: true, text: v2!.sections[section] });
      }
    }
    // Only retained recommendations are carried by a proposal.
    const carried = await t.deps.db
      .select({ id: actionProposalRecommendations.recommendationId })
      .from(actionProposalRecommendations);
    for (const { id } of carried) {
      expect(["retained", "retained_amended"]).toContain(decisions.find((d) => d.recommendationId === id)?.decision);
      expect(recs.find((r) => r.id === id)!.state).toBe("adopted");
    }
  });

  it("stores each assembly result exactly as decideItem computes it from the paper counts", async () => {
    const db = t.deps.db;
    const [assembly] = await db.select().from(assemblies).where(eq(assemblies.organisationId, beId));
    expect(assembly).toMatchObject({ heldOn: "2016-06-28", status: "closed" });
    const [org] = await db.select().from(organisations).where(eq(organisations.id, beId));
    const collegeRows = await db.select().from(colleges).where(eq(colleges.organisationId, beId));
    const shareholders = await db
      .select({ college: colleges.key })
      .from(memberships)
      .innerJoin(colleges, eq(colleges.id, memberships.collegeId))
      .where(and(eq(memberships.organisationId, beId), eq(memberships.isShareholder, true)));
    const present = await db.select().from(assemblyAttendance).where(eq(assemblyAttendance.assemblyId, assembly!.id));
    const proxies = await db.select().from(assemblyProxies).where(eq(assemblyProxies.assemblyId, assembly!.id));
    expect(new Set(present.map((p) => p.siteId)).size).toBe(2);
    expect(proxies.length).toBeGreaterThan(0);
    for (const p of proxies) {
      expect(present.map((a) => a.personId)).toContain(p.holderId);
      expect(present.map((a) => a.personId)).not.toContain(p.giverId);
      expect(proxies.filter((o) => o.holderId === p.holderId).length).toBeLessThanOrEqual(
        org!.statutes.maxProxiesPerHolder,
      );
    }
    const electorate = collegeRows.map((c) => ({
      college: c.key,
      members: shareholders.filter((s) => s.college === c.key).length,
    }));
    const attendance = collegeRows.map((c) => ({
      college: c.key,
      present: present.filter((p) => p.collegeKey === c.key).length,
      represented: proxies.filter((p) => p.collegeKey === c.key).length,
    }));
    const rules = { statutes: org!.statutes, colleges: collegeRows.map((c) => ({ key: c.key, weight: c.weight })) };

    const items = await db
      .select()
      .from(assemblyItems)
      .where(eq(assemblyItems.assemblyId, assembly!.id))
      .orderBy(asc(assemblyItems.position));
    expect(items.filter((i) => i.kind === "proposal").length).toBeGreaterThanOrEqual(3);
    expect(items.some((i) => i.decisionKind === "extraordinary")).toBe(true);
    for (const item of items) {
      const tallies = await db.select().from(assemblyPaperTallies).where(eq(assemblyPaperTallies.itemId, item.id));
      const votes: AssemblyVote[] = [];
      for (const c of collegeRows) {
        const own = tallies.filter((x) => x.collegeKey === c.key);
        const total = { yes: 0, no: 0, abstain: 0 };
        for (const x of own)
          Object.assign(total, { yes: total.yes + x.yes, no: total.no + x.no, abstain: total.abstain + x.abstain });
        // Slips beyond the members present are proxy votes; which choices they hold changes nothing.
        const presentHere = attendance.find((a) => a.college === c.key)!.present;
        const byProxy = Math.max(0, total.yes + total.no + total.abstain - presentHere);
        const ownYes = Math.max(0, total.yes - byProxy);
        if (total.yes - ownYes > 0)
          votes.push({ choice: "yes", college: c.key, count: total.yes - ownYes, proxy: true });
        if (ownYes > 0) votes.push({ choice: "yes", college: c.key, count: ownYes });
        if (total.no > 0) votes.push({ choice: "no", college: c.key, count: total.no });
        if (total.abstain > 0) votes.push({ choice: "abstain", college: c.key, count: total.abstain });
        expect(byProxy, `proxy slips of ${c.key}`).toBeLessThanOrEqual(total.yes);
      }
      const expected = decideItem({ rule: ruleForItem(rules, item.decisionKind), electorate, attendance, votes });
      expect(item.result, item.title).toEqual(expected);
      expect(item.adopted).toBe(expected.passed);
      expect(item.status).toBe("closed");
      if (item.proposalId) {
        const [proposal] = await db.select().from(actionProposals).where(eq(actionProposals.id, item.proposalId));
        expect(proposal!.state).toBe(expected.passed ? "adopted" : "rejected");
      }
    }
  });

  it("names no participant of the booklet: quotes and people are invented", async () => {
    const directory = directoryEntries();
    expect(directory.length).toBeGreaterThan(50);
    const recs = await demoRecommendations();
    const versions = await t.deps.db
      .select()
      .from(recommendationVersions)
      .where(
        inArray(
          recommendationVersions.recommendationId,
          recs.map((r) => r.id),
        ),
      );
    const quoted = versions.flatMap((v) => v.quotes);
    expect(quoted.length).toBeGreaterThan(5);
    for (const quote of quoted) {
      expect(wordIn(quote.firstName, SEED_003), `${quote.firstName} is a name of the booklet`).toBe(false);
    }

    const ids = new Set<string>();
    for (const v of versions) if (v.authorId) ids.add(v.authorId);
    const changes = await t.deps.db
      .select({ actorId: stateChanges.actorId })
      .from(stateChanges)
      .where(
        inArray(
          stateChanges.subjectId,
          recs.map((r) => r.id),
        ),
      );
    for (const c of changes) if (c.actorId) ids.add(c.actorId);
    const [assembly] = await t.deps.db.select().from(assemblies).where(eq(assemblies.organisationId, beId));
    const present = await t.deps.db
      .select({ personId: assemblyAttendance.personId })
      .from(assemblyAttendance)
      .where(eq(assemblyAttendance.assemblyId, assembly!.id));
    for (const p of present) ids.add(p.personId);
    const people = await t.deps.db
      .select({ name: persons.name })
      .from(persons)
      .where(inArray(persons.id, [...ids]));
    expect(people.length).toBeGreaterThan(20);
    for (const { name } of people) {
      const words = name.toLowerCase().split(/\s+/);
      const clash = directory.find((entry) => words.every((w) => entry.includes(w)));
      expect(clash, `${name} is in the booklet's directory`).toBeUndefined();
      expect(SEED_003.toLowerCase().includes(name.toLowerCase()), name).toBe(false);
    }
  });
});
