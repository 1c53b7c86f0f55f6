import { randomUUID } from "node:crypto";
import { inTurn } from "../in-turn.js";
import { and, asc, eq } from "drizzle-orm";
import { fromBrusselsLocal } from "../../commands/ballots/schedule.js";
import { decideItem, ruleForItem, type AssemblyVote, type ItemDecision } from "../../domain/assembly/index.js";
import { applyAmendments, checkTitle } from "../../domain/recommendations/index.js";
import {
  allows,
  DEFAULT_PROPOSAL_WORKFLOW,
  DEFAULT_RECOMMENDATION_WORKFLOW,
  initialState,
  type Workflow,
  type WorkflowSubject,
} from "../../domain/workflow/workflow.js";
import type { Tx } from "../client.js";
import {
  actionProposalRecommendations,
  actionProposals,
  amendments,
  assemblies,
  assemblyAttendance,
  assemblyItems,
  assemblyPaperTallies,
  assemblyProxies,
  assemblySites,
  assemblyTellers,
  boardDecisions,
  colleges,
  cycles,
  groupMembers,
  groupSubmissions,
  memberships,
  organisations,
  persons,
  recommendations,
  recommendationVersions,
  stateChanges,
  workingGroups,
  type RecommendationSections,
} from "../schema/index.js";
import {
  DEMO_AMENDMENTS,
  DEMO_BOARD_DECISIONS,
  DEMO_PROPOSALS,
  DEMO_STATUTORY_ITEM,
} from "./demo-recommendations-board.js";
import { DEMO_RECOMMENDATIONS, type DemoGroupKey } from "./demo-recommendations-data.js";

/** Characters per line of the demo versions' numbering (the amendments' line numbers use it). */
const LINE_LENGTH = 80;
const BOARD_EMAIL = "board@demo.letscoop.test";

function brussels(isoDate: string, time: string): Date {
  const parsed = fromBrusselsLocal(`${isoDate}T${time}`);
  if (!parsed.ok) throw new Error(`demo schedule: ${isoDate}T${time} does not exist in Brussels`);
  return parsed.date;
}

const minutesAfter = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000);

type StateChangeRow = typeof stateChanges.$inferInsert;

/** A state change row, checked against the default workflow (the demo organisation has no other). */
function change(
  workflow: Workflow,
  subject: WorkflowSubject,
  subjectId: string,
  from: string | null,
  to: string,
  action: string,
  actorId: string | null,
  at: Date,
  reason = "",
): StateChangeRow {
  const ok = from === null ? to === initialState(workflow) : allows(workflow, from, to, action);
  if (!ok) throw new Error(`demo workflow: ${subject} cannot go from ${from} to ${to} by ${action}`);
  return { subject, subjectId, fromState: from, toState: to, actorId, reason, at };
}

/**
 * The votes of paper counts, per college: the slips hold own and proxy votes together, so those
 * beyond the members present are the proxies' (which of the choices they are changes nothing).
 */
function paperVotes(
  counted: ReadonlyMap<string, Record<"yes" | "no" | "abstain", number>>,
  attendance: ReadonlyArray<{ college: string; present: number }>,
): AssemblyVote[] {
  const votes: AssemblyVote[] = [];
  for (const [college, counts] of counted) {
    const present = attendance.find((a) => a.college === college)?.present ?? 0;
    let proxies = Math.max(0, counts.yes + counts.no + counts.abstain - present);
    for (const choice of ["yes", "no", "abstain"] as const) {
      const byProxy = Math.min(proxies, counts[choice]);
      proxies -= byProxy;
      if (byProxy > 0) votes.push({ choice, college, count: byProxy, proxy: true });
      if (counts[choice] > byProxy) votes.push({ choice, college, count: counts[choice] - byProxy });
    }
  }
  return votes;
}

/** "p" of `count` voters, rounded: the invented share of no and abstain on a paper count. */
const share = (count: number, p: number) => Math.round(count * p);

/**
 * The 37 recommendations of the 2016 booklet (seed 003) in the 2015–2016 cycle, with their whole
 * trace: version 1 by a member of the group, submitted on 14 April 2016; the board's review,
 * amendments and decision; six action proposals; the general assembly of Smart Belgique of
 * 28 June 2016 on two sites, whose paper counts are decided by the real decideItem. The
 * decisions, proposals and votes are invented (see demo-recommendations-board.ts). About twenty
 * statements in all: every id is made here, every table written in one batch.
 */
export async function seedDemoRecommendations2015(tx: Tx): Promise<void> {
  const recWorkflow = DEFAULT_RECOMMENDATION_WORKFLOW;
  const proposalWorkflow = DEFAULT_PROPOSAL_WORKFLOW;

  const [cycle] = await tx.select({ id: cycles.id }).from(cycles).where(eq(cycles.slug, "2015-2016"));
  if (!cycle) throw new Error("the demo recommendations need the 2015-2016 cycle");
  const [be] = await tx
    .select({ id: organisations.id, statutes: organisations.statutes })
    .from(organisations)
    .where(eq(organisations.slug, "smart-be"));
  if (!be) throw new Error("the demo recommendations need the organisation smart-be");

  const [groups, members, [board], collegeRows, shareholders] = await inTurn([
    tx
      .select({ id: workingGroups.id, key: workingGroups.key })
      .from(workingGroups)
      .where(eq(workingGroups.cycleId, cycle.id)),
    tx
      .select({
        groupId: groupMembers.groupId,
        personId: groupMembers.personId,
        role: groupMembers.role,
        email: persons.email,
      })
      .from(groupMembers)
      .innerJoin(persons, eq(persons.id, groupMembers.personId))
      .innerJoin(workingGroups, eq(workingGroups.id, groupMembers.groupId))
      .where(and(eq(workingGroups.cycleId, cycle.id), eq(groupMembers.status, "active")))
      .orderBy(asc(persons.email)),
    tx.select({ id: persons.id }).from(persons).where(eq(persons.email, BOARD_EMAIL)),
    tx
      .select({ key: colleges.key, weight: colleges.weight })
      .from(colleges)
      .where(eq(colleges.organisationId, be.id))
      .orderBy(asc(colleges.position)),
    tx
      .select({ personId: memberships.personId, college: colleges.key, weight: colleges.weight })
      .from(memberships)
      .innerJoin(colleges, eq(colleges.id, memberships.collegeId))
      .where(and(eq(memberships.organisationId, be.id), eq(memberships.isShareholder, true)))
      .orderBy(asc(memberships.memberNumber)),
  ]);
  if (!board) throw new Error(`the demo recommendations need the account ${BOARD_EMAIL}`);

  const groupOf = (key: DemoGroupKey) => {
    const found = groups.find((g) => g.key === key);
    if (!found) throw new Error(`the 2015-2016 cycle has no group ${key}`);
    return found.id;
  };
  const peopleOf = (key: DemoGroupKey, role: string) =>
    members.filter((m) => m.groupId === groupOf(key) && m.role === role).map((m) => m.personId);
  const staff = (key: DemoGroupKey) => {
    const [facilitator] = peopleOf(key, "facilitator");
    const referents = peopleOf(key, "referent");
    const participants = peopleOf(key, "participant");
    if (!facilitator || referents.length < 2 || participants.length === 0) {
      throw new Error(`the group ${key} of 2015-2016 lacks its facilitator, referents or participants`);
    }
    return { facilitator, reviewer: referents[0]!, decider: referents[1]!, participants };
  };

  // Recommendations and version 1: written by a participant, frozen at the submission of 14 April.
  const submittedAt = brussels("2016-04-14", "17:30");
  const reviewedAt = brussels("2016-04-26", "10:00");
  const decidedAt = brussels("2016-05-24", "20:00");
  const proposedAt = brussels("2016-05-31", "18:00");
  const scheduledAt = brussels("2016-06-07", "10:00");

  const ids = new Map<number, string>();
  for (const r of DEMO_RECOMMENDATIONS) ids.set(r.number, randomUUID());
  const idOf = (n: number) => {
    const id = ids.get(n);
    if (!id) throw new Error(`no demo recommendation ${n}`);
    return id;
  };

  const recRows: Array<typeof recommendations.$inferInsert> = [];
  const versionRows: Array<typeof recommendationVersions.$inferInsert> = [];
  const amendmentRows: Array<typeof amendments.$inferInsert> = [];
  const decisionRows: Array<typeof boardDecisions.$inferInsert> = [];
  const changes: StateChangeRow[] = [];
  const finalState = new Map<number, string>();

  for (const r of DEMO_RECOMMENDATIONS) {
    const title = checkTitle(r.title, "fr");
    if (!title.ok) throw new Error(`demo recommendation ${r.number}: the title does not start with an infinitive`);
    const people = staff(r.group);
    const author = people.participants[(r.number * 7) % people.participants.length]!;
    const id = idOf(r.number);
    const createdAt = brussels(`2016-03-${String(1 + (r.number % 25)).padStart(2, "0")}`, "19:00");
    const savedAt = brussels(`2016-04-${String(10 + (r.number % 4)).padStart(2, "0")}`, "21:00");
    const decision = DEMO_BOARD_DECISIONS[r.number];
    if (!decision) throw new Error(`demo recommendation ${r.number} has no board decision`);

    const v1 = randomUUID();
    versionRows.push({
      id: v1,
      recommendationId: id,
      number: 1,
      title: r.title,
      sections: r.sections,
      quotes: r.quotes,
      footnotes: r.footnotes,
      origin: "draft",
      submittedAt,
      lineLength: LINE_LENGTH,
      authorId: author,
      createdAt: savedAt,
    });
    let decidedVersion = v1;

    const own = DEMO_AMENDMENTS.filter((a) => a.number === r.number);
    if (decision.decision === "retained_amended") {
      if (own.length === 0) throw new Error(`demo recommendation ${r.number} is amended without an amendment`);
      const v2 = randomUUID();
      const sections: RecommendationSections = { ...r.sections };
      for (const a of own) {
        const amendmentId = randomUUID();
        const applied = applyAmendments({ id: v1, text: r.sections[a.section], lineLength: LINE_LENGTH }, [
          { id: amendmentId, versionId: v1, lineLength: LINE_LENGTH, ...a },
        ]);
        if (!applied.ok) throw new Error(`demo amendment on recommendation ${r.number}: ${applied.reason}`);
        sections[a.section] = applied.text;
        amendmentRows.push({
          id: amendmentId,
          recommendationId: id,
          versionId: v1,
          section: a.section,
          lineLength: LINE_LENGTH,
          fromLine: a.fromLine,
          toLine: a.toLine,
          replacement: a.replacement,
          reason: a.reason,
          status: "merged",
          authorId: people.reviewer,
          decidedBy: people.decider,
          decidedAt: minutesAfter(decidedAt, -60),
          mergedIntoVersionId: v2,
          createdAt: brussels("2016-05-10", "18:00"),
        });
      }
      versionRows.push({
        id: v2,
        recommendationId: id,
        number: 2,
        title: r.title,
        sections,
        quotes: r.quotes,
        footnotes: r.footnotes,
        origin: "amended",
        lineLength: LINE_LENGTH,
        authorId: people.decider,
        note: "Amendements du Conseil d'administration acceptés et fusionnés.",
        createdAt: minutesAfter(decidedAt, -30),
      });
      decidedVersion = v2;
    } else if (own.length > 0) {
      throw new Error(`demo recommendation ${r.number} has amendments but is not retained amended`);
    }

    decisionRows.push({
      recommendationId: id,
      decision: decision.decision,
      mergedIntoId: decision.mergedInto === undefined ? null : idOf(decision.mergedInto),
      versionId: decidedVersion,
      reasons: decision.reasons,
      decidedBy: people.decider,
      decidedAt,
    });
    changes.push(
      change(recWorkflow, "recommendation", id, null, "draft", "create", author, createdAt),
      change(
        recWorkflow,
        "recommendation",
        id,
        "draft",
        "submitted",
        "submit",
        people.facilitator,
        submittedAt,
        "Remise des recommandations du groupe au Conseil d'administration.",
      ),
      change(
        recWorkflow,
        "recommendation",
        id,
        "submitted",
        "under_review",
        "review",
        people.reviewer,
        reviewedAt,
        "Instruction par les administrateurs référents du groupe.",
      ),
      change(
        recWorkflow,
        "recommendation",
        id,
        "under_review",
        decision.decision,
        "decide",
        people.decider,
        decidedAt,
        decision.reasons,
      ),
    );
    finalState.set(r.number, decision.decision);
    recRows.push({
      id,
      cycleId: cycle.id,
      groupId: groupOf(r.group),
      number: r.number,
      sourceLanguage: "fr",
      state: decision.decision,
      axes: r.axes,
      createdBy: author,
      createdAt,
    });
  }

  // The facilitators hand in their group's set on 14 April 2016.
  const submissionRows = (["publics", "services", "economic-model", "governance"] as const).map((key) => ({
    groupId: groupOf(key),
    submittedBy: staff(key).facilitator,
    note: "Recommandations adoptées par le groupe lors de sa dernière réunion.",
    submittedAt,
  }));

  // Action proposals: each carries retained recommendations to the general assembly.
  const proposalIds = new Map(DEMO_PROPOSALS.map((p) => [p.number, randomUUID()]));
  const proposalRows = DEMO_PROPOSALS.map((p) => ({
    id: proposalIds.get(p.number)!,
    cycleId: cycle.id,
    organisationId: be.id,
    number: p.number,
    title: p.title,
    description: p.description,
    state: "adopted",
    createdBy: board.id,
    createdAt: proposedAt,
  }));
  const linkRows = DEMO_PROPOSALS.flatMap((p) =>
    p.recommendations.map((n) => ({ proposalId: proposalIds.get(p.number)!, recommendationId: idOf(n) })),
  );

  // The general assembly of 28 June 2016, on two sites, counted on paper by tellers.
  const assemblyId = randomUUID();
  const sites = [
    { id: randomUUID(), name: "Bruxelles — siège", city: "Bruxelles", position: 0 },
    { id: randomUUID(), name: "Gent — kantoor", city: "Gent", position: 1 },
  ];
  const heldOn = "2016-06-28";
  const opensAt = brussels(heldOn, "14:00");
  if (shareholders.length < 12) throw new Error("the demo assembly needs at least 12 shareholders of smart-be");
  // Three in five shareholders come (two thirds of them in Brussels); the next four give a proxy.
  const presentCount = Math.ceil((shareholders.length * 3) / 5);
  const present = shareholders.slice(0, presentCount).map((s, i) => ({ ...s, site: sites[i % 3 === 2 ? 1 : 0]! }));
  const givers = shareholders.slice(presentCount, presentCount + 4);
  // Holders alternate between the sites; each holds one proxy (the statutes allow two).
  const proxies = givers.map((g, i) => ({ ...g, holder: present[i * 3 + (i % 2) * 2]! }));
  const tellers = sites.map((site) => present.find((p) => p.site.id === site.id)!);
  const tellerOf = (siteId: string) => tellers.find((t) => t.site.id === siteId)!.personId;

  const attendanceRows = present.map((p) => ({
    assemblyId,
    personId: p.personId,
    siteId: p.site.id,
    collegeKey: p.college,
    weight: p.weight,
    recordedBy: tellerOf(p.site.id),
    recordedAt: minutesAfter(opensAt, -30),
  }));
  const proxyRows = proxies.map((p) => ({
    assemblyId,
    giverId: p.personId,
    holderId: p.holder.personId,
    collegeKey: p.college,
    weight: p.weight,
    recordedBy: tellerOf(p.holder.site.id),
    recordedAt: minutesAfter(opensAt, -20),
  }));

  /** Voters per site and college: those present, and the members their proxies carry. */
  const voters = new Map<string, number>();
  const voterKey = (siteId: string, college: string) => `${siteId}|${college}`;
  for (const p of present)
    voters.set(voterKey(p.site.id, p.college), (voters.get(voterKey(p.site.id, p.college)) ?? 0) + 1);
  for (const p of proxies) {
    const key = voterKey(p.holder.site.id, p.college);
    voters.set(key, (voters.get(key) ?? 0) + 1);
  }

  const rules = {
    statutes: be.statutes,
    colleges: collegeRows.map((c) => ({ key: c.key, weight: c.weight })),
  };
  const electorate = collegeRows.map((c) => ({
    college: c.key,
    members: shareholders.filter((s) => s.college === c.key).length,
  }));
  const attendance = collegeRows.map((c) => ({
    college: c.key,
    present: present.filter((p) => p.college === c.key).length,
    represented: proxies.filter((p) => p.college === c.key).length,
  }));

  const agenda = [
    { kind: "statutory" as const, proposal: null, ...DEMO_STATUTORY_ITEM, decisionKind: "ordinary" as const },
    ...DEMO_PROPOSALS.map((p) => ({ kind: "proposal" as const, proposal: p, ...p })),
  ];
  const itemRows: Array<typeof assemblyItems.$inferInsert> = [];
  const tallyRows: Array<typeof assemblyPaperTallies.$inferInsert> = [];
  const decisions = new Map<number, { decision: ItemDecision; closedAt: Date }>();
  agenda.forEach((entry, index) => {
    const itemId = randomUUID();
    const openedAt = minutesAfter(opensAt, 20 * index);
    const closedAt = minutesAfter(openedAt, 15);
    const counted = new Map<string, Record<"yes" | "no" | "abstain", number>>();
    for (const site of sites) {
      for (const c of collegeRows) {
        const count = voters.get(voterKey(site.id, c.key)) ?? 0;
        if (count === 0) continue;
        const no = share(count, entry.no);
        const abstain = share(count, entry.abstain);
        const yes = count - no - abstain;
        tallyRows.push({
          itemId,
          siteId: site.id,
          collegeKey: c.key,
          yes,
          no,
          abstain,
          tellerId: tellerOf(site.id),
          enteredAt: minutesAfter(closedAt, -5),
        });
        const sum = counted.get(c.key) ?? { yes: 0, no: 0, abstain: 0 };
        counted.set(c.key, { yes: sum.yes + yes, no: sum.no + no, abstain: sum.abstain + abstain });
      }
    }
    const votes = paperVotes(counted, attendance);
    const decision = decideItem({ rule: ruleForItem(rules, entry.decisionKind), electorate, attendance, votes });
    if (!decision.passed) throw new Error(`demo assembly: item ${index + 1} does not pass (${decision.reason})`);
    if (entry.proposal) decisions.set(entry.proposal.number, { decision, closedAt });
    itemRows.push({
      id: itemId,
      assemblyId,
      position: index + 1,
      kind: entry.kind,
      proposalId: entry.proposal ? proposalIds.get(entry.proposal.number)! : null,
      title: entry.title,
      description: entry.description,
      decisionKind: entry.decisionKind,
      secret: true,
      status: "closed",
      openedAt,
      closedAt,
      result: decision as unknown as Record<string, unknown>,
      adopted: decision.passed,
    });
  });

  // The proposals' trace, and their recommendations carried to "adopted".
  for (const p of DEMO_PROPOSALS) {
    const proposalId = proposalIds.get(p.number)!;
    const { closedAt } = decisions.get(p.number)!;
    const label = `proposition d'action n° ${p.number} « ${p.title} »`;
    changes.push(
      change(proposalWorkflow, "action_proposal", proposalId, null, "proposed", "create", board.id, proposedAt),
      change(
        proposalWorkflow,
        "action_proposal",
        proposalId,
        "proposed",
        "on_agenda",
        "schedule",
        board.id,
        scheduledAt,
        "Inscrite à l'ordre du jour de l'assemblée générale du 28 juin 2016.",
      ),
      change(
        proposalWorkflow,
        "action_proposal",
        proposalId,
        "on_agenda",
        "adopted",
        "adopt",
        board.id,
        closedAt,
        "Adoptée par l'assemblée générale du 28 juin 2016.",
      ),
    );
    for (const n of p.recommendations) {
      const from = finalState.get(n)!;
      changes.push(
        change(
          recWorkflow,
          "recommendation",
          idOf(n),
          from,
          "in_proposal",
          "propose",
          board.id,
          proposedAt,
          `Portée par la ${label}.`,
        ),
        change(
          recWorkflow,
          "recommendation",
          idOf(n),
          "in_proposal",
          "adopted",
          "adopt",
          board.id,
          closedAt,
          `La ${label} est adoptée par l'assemblée générale du 28 juin 2016.`,
        ),
      );
      finalState.set(n, "adopted");
    }
  }
  for (const row of recRows) {
    row.state = finalState.get(row.number)!;
  }

  // Merged recommendations point at one in the same cycle; the rows go in after their targets.
  await tx.insert(recommendations).values(recRows);
  await tx.insert(recommendationVersions).values(versionRows);
  await inTurn([
    tx.insert(amendments).values(amendmentRows),
    tx.insert(boardDecisions).values(decisionRows),
    tx.insert(groupSubmissions).values(submissionRows),
    tx.insert(actionProposals).values(proposalRows),
    tx.insert(stateChanges).values(changes),
  ]);
  await tx.insert(actionProposalRecommendations).values(linkRows);
  await tx.insert(assemblies).values({
    id: assemblyId,
    organisationId: be.id,
    cycleId: cycle.id,
    title: "Assemblée générale ordinaire et extraordinaire du 28 juin 2016",
    heldOn,
    status: "closed",
    createdAt: proposedAt,
  });
  await tx.insert(assemblySites).values(
    sites.map((s) => ({
      id: s.id,
      assemblyId,
      name: s.name,
      city: s.city,
      voting: "paper" as const,
      position: s.position,
    })),
  );
  await inTurn([
    tx.insert(assemblyAttendance).values(attendanceRows),
    tx.insert(assemblyProxies).values(proxyRows),
    tx.insert(assemblyTellers).values(tellers.map((t) => ({ assemblyId, personId: t.personId, siteId: t.site.id }))),
    tx.insert(assemblyItems).values(itemRows),
  ]);
  await tx.insert(assemblyPaperTallies).values(tallyRows);
}
