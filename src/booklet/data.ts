import { latestVersionOf, latestVersions } from "../commands/recommendations/read.js";
import { and, asc, eq, inArray } from "drizzle-orm";
import { listThemes, type Cycle } from "../commands/cycles/read.js";
import { pickText } from "../commands/cycles/texts.js";
import { cycleFigures } from "../commands/figures/read.js";
import { loadWorkflow } from "../commands/workflow.js";
import type { Queryable } from "../db/client.js";
import {
  actionProposalRecommendations,
  actionProposals,
  assemblies,
  assemblyItems,
  boardDecisions,
  groupMembers,
  memberships,
  persons,
  recommendations,
  recommendationTranslations,
  recommendationVersions,
  RECOMMENDATION_SECTIONS,
  workingGroups,
  type Footnote,
  type ParticipantQuote,
  type RecommendationSection,
} from "../db/schema/index.js";
import type { Figures } from "../domain/figures/figures.js";
import { defaultWorkflow, phaseOf, type Workflow } from "../domain/workflow/workflow.js";
import type { Locale } from "../i18n/locales.js";

/**
 * The yearly booklet of a cycle in one language, as seed 003 lays it out: a cover, a cover letter
 * with the participation figures, a table of contents, one part per working group (its facilitator
 * and referent board members, the list of its recommendations, then each recommendation with its
 * sections, quotes and footnotes), the board's decisions and the assembly's results, the
 * participants who opted into the directory, and acknowledgements.
 *
 * Only what every visitor may read goes in: recommendations past their drafting (their phase is
 * no longer "drafting"), the names of facilitators and referents (public on the group pages), and
 * of participants only when they opted into the directory of one of the cycle's organisations.
 * The same booklet is therefore served to everyone, and cached by the hash of its document
 * (`bookletHash` in render.tsx).
 */
export interface BookletRecommendation {
  id: string;
  number: number;
  groupId: string;
  /** The text in the booklet's language when translated, else in its source language. */
  lang: Locale;
  /** No translation in the booklet's language: the source text is printed. */
  untranslated: boolean;
  title: string;
  sections: Array<{ key: RecommendationSection; text: string }>;
  quotes: ParticipantQuote[];
  footnotes: Footnote[];
  state: string;
  decision: { decision: string; reasons: string; decidedOn: string; mergedIntoNumber: number | null } | null;
  proposals: Array<{
    number: number;
    title: string;
    items: Array<{ assemblyTitle: string; heldOn: string; closed: boolean; adopted: boolean | null }>;
  }>;
}

export interface BookletGroup {
  id: string;
  key: string;
  title: string;
  titleLang: Locale;
  description: string;
  facilitators: string[];
  referents: string[];
  recommendations: BookletRecommendation[];
}

export interface BookletParticipant {
  name: string;
  sector: string;
  groups: string[];
}

export interface BookletData {
  lang: Locale;
  cycle: { slug: string; name: string; title: string; titleLang: Locale; organisations: string[] };
  /** First and last day of the cycle's calendar (ISO dates), or of its meetings. */
  span: { first: string; last: string } | null;
  figures: Figures;
  groups: BookletGroup[];
  participants: BookletParticipant[];
  /** Every recommendation number of the booklet (for cross-references). */
  numbers: number[];
}

const sortedNames = (names: Iterable<string>) => [...new Set(names)].sort((a, b) => a.localeCompare(b, "fr"));

/** Assembles the booklet of a cycle in a language; a fixed number of queries whatever its size. */
export async function loadBooklet(db: Queryable, cycle: Cycle, lang: Locale): Promise<BookletData> {
  const organisationIds = cycle.organisations.map((o) => o.id).sort();
  const [themes, report, groupRows, members] = await Promise.all([
    listThemes(db, cycle.id),
    cycleFigures(db, cycle.id),
    db.select().from(workingGroups).where(eq(workingGroups.cycleId, cycle.id)),
    db
      .select({
        groupId: groupMembers.groupId,
        personId: groupMembers.personId,
        role: groupMembers.role,
        name: persons.name,
      })
      .from(groupMembers)
      .innerJoin(workingGroups, eq(workingGroups.id, groupMembers.groupId))
      .innerJoin(persons, eq(persons.id, groupMembers.personId))
      .where(and(eq(workingGroups.cycleId, cycle.id), eq(groupMembers.status, "active"))),
  ]);

  // Who opted into the directory of one of the cycle's organisations, with their sector there.
  const personIds = [...new Set(members.map((m) => m.personId))];
  const listed =
    personIds.length === 0 || organisationIds.length === 0
      ? []
      : await db
          .select({ personId: memberships.personId, sector: memberships.sector })
          .from(memberships)
          .where(
            and(
              inArray(memberships.personId, personIds),
              inArray(memberships.organisationId, organisationIds),
              eq(memberships.directoryOptIn, true),
            ),
          );
  const sectorOf = new Map<string, string>();
  for (const l of listed) if (!sectorOf.has(l.personId) || l.sector !== "") sectorOf.set(l.personId, l.sector);

  // Recommendations with their latest version, and their translation in the booklet's language.
  const latest = latestVersions(db);
  const recRows = await db
    .select({ rec: recommendations, version: recommendationVersions, translation: recommendationTranslations })
    .from(recommendations)
    .innerJoin(latest, eq(latest.recommendationId, recommendations.id))
    .innerJoin(recommendationVersions, latestVersionOf(latest))
    .leftJoin(
      recommendationTranslations,
      and(
        eq(recommendationTranslations.recommendationId, recommendations.id),
        eq(recommendationTranslations.language, lang),
      ),
    )
    .where(eq(recommendations.cycleId, cycle.id))
    .orderBy(asc(recommendations.number));

  // The workflow of each group's recommendations: its organisation's, or the cycle's first one's.
  const workflows = new Map<string, Workflow>();
  const workflowOrg = (organisationId: string | null) => organisationId ?? organisationIds[0] ?? null;
  for (const g of groupRows) {
    const org = workflowOrg(g.organisationId);
    const key = org ?? "";
    if (!workflows.has(key))
      workflows.set(key, org ? await loadWorkflow(db, org, "recommendation") : defaultWorkflow("recommendation"));
  }
  const groupOrg = new Map(groupRows.map((g) => [g.id, workflowOrg(g.organisationId) ?? ""]));
  const published = recRows.filter((r) => {
    const workflow = workflows.get(groupOrg.get(r.rec.groupId) ?? "") ?? defaultWorkflow("recommendation");
    return phaseOf(workflow, r.rec.state) !== "drafting";
  });
  const ids = published.map((r) => r.rec.id);

  const [decisions, proposalRows] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          db
            .select({
              recommendationId: boardDecisions.recommendationId,
              decision: boardDecisions.decision,
              reasons: boardDecisions.reasons,
              decidedAt: boardDecisions.decidedAt,
              mergedIntoId: boardDecisions.mergedIntoId,
            })
            .from(boardDecisions)
            .where(inArray(boardDecisions.recommendationId, ids)),
          db
            .select({
              recommendationId: actionProposalRecommendations.recommendationId,
              proposalId: actionProposals.id,
              number: actionProposals.number,
              title: actionProposals.title,
              assemblyTitle: assemblies.title,
              heldOn: assemblies.heldOn,
              status: assemblyItems.status,
              adopted: assemblyItems.adopted,
            })
            .from(actionProposalRecommendations)
            .innerJoin(actionProposals, eq(actionProposals.id, actionProposalRecommendations.proposalId))
            .leftJoin(assemblyItems, eq(assemblyItems.proposalId, actionProposals.id))
            .leftJoin(assemblies, eq(assemblies.id, assemblyItems.assemblyId))
            .where(inArray(actionProposalRecommendations.recommendationId, ids))
            .orderBy(asc(actionProposals.number), asc(assemblies.heldOn)),
        ]);
  const numberOf = new Map(recRows.map((r) => [r.rec.id, r.rec.number]));
  const decisionOf = new Map(decisions.map((d) => [d.recommendationId, d]));
  const proposalsOf = new Map<string, BookletRecommendation["proposals"]>();
  for (const p of proposalRows) {
    const list = proposalsOf.get(p.recommendationId) ?? [];
    let entry = list.find((x) => x.number === p.number && x.title === p.title);
    if (!entry) list.push((entry = { number: p.number, title: p.title, items: [] }));
    if (p.assemblyTitle !== null && p.heldOn !== null && p.status !== null)
      entry.items.push({
        assemblyTitle: p.assemblyTitle,
        heldOn: p.heldOn,
        closed: p.status === "closed",
        adopted: p.adopted,
      });
    proposalsOf.set(p.recommendationId, list);
  }

  const brusselsDay = (d: Date) => d.toLocaleDateString("sv-SE", { timeZone: "Europe/Brussels" });
  const recsOfGroup = new Map<string, BookletRecommendation[]>();
  for (const r of published) {
    const own = r.rec.sourceLanguage !== lang ? r.translation : null;
    const text = own ?? r.version;
    const d = decisionOf.get(r.rec.id);
    const entry: BookletRecommendation = {
      id: r.rec.id,
      number: r.rec.number,
      groupId: r.rec.groupId,
      lang: own ? lang : r.rec.sourceLanguage,
      untranslated: !own && r.rec.sourceLanguage !== lang,
      title: text.title,
      sections: RECOMMENDATION_SECTIONS.map((key) => ({ key, text: (text.sections[key] ?? "").trim() })).filter(
        (s) => s.text !== "",
      ),
      quotes: text.quotes,
      footnotes: text.footnotes,
      state: r.rec.state,
      decision: d
        ? {
            decision: d.decision,
            reasons: d.reasons,
            decidedOn: brusselsDay(d.decidedAt),
            mergedIntoNumber: d.mergedIntoId ? (numberOf.get(d.mergedIntoId) ?? null) : null,
          }
        : null,
      proposals: proposalsOf.get(r.rec.id) ?? [],
    };
    const list = recsOfGroup.get(r.rec.groupId) ?? [];
    list.push(entry);
    recsOfGroup.set(r.rec.groupId, list);
  }

  const themeById = new Map(themes.map((th) => [th.id, th]));
  const groups: BookletGroup[] = [...groupRows]
    .sort((a, b) => {
      const pa = themeById.get(a.themeId)?.position ?? 0;
      const pb = themeById.get(b.themeId)?.position ?? 0;
      return pa - pb || a.key.localeCompare(b.key);
    })
    .map((g) => {
      const theme = themeById.get(g.themeId);
      const picked = theme ? pickText(theme.texts, lang, theme.sourceLanguage) : null;
      const inGroup = members.filter((m) => m.groupId === g.id);
      const recs = recsOfGroup.get(g.id) ?? [];
      // A group's recommendations follow their numbers (seed 003 prints them so).
      recs.sort((a, b) => a.number - b.number);
      return {
        id: g.id,
        key: g.key,
        title: picked?.value.title ?? g.key,
        titleLang: picked?.lang ?? lang,
        description: g.description,
        facilitators: sortedNames(inGroup.filter((m) => m.role === "facilitator").map((m) => m.name)),
        referents: sortedNames(inGroup.filter((m) => m.role === "referent").map((m) => m.name)),
        recommendations: recs,
      };
    });
  const titleOfGroup = new Map(groups.map((g) => [g.id, g.title]));

  const byPerson = new Map<string, BookletParticipant>();
  for (const m of members) {
    if (!sectorOf.has(m.personId)) continue;
    const p = byPerson.get(m.personId) ?? { name: m.name, sector: sectorOf.get(m.personId) ?? "", groups: [] };
    const title = titleOfGroup.get(m.groupId);
    if (title && !p.groups.includes(title)) p.groups.push(title);
    byPerson.set(m.personId, p);
  }
  const participants = [...byPerson.values()].sort((a, b) => a.name.localeCompare(b.name, "fr"));

  const pickedCycle = pickText(cycle.texts, lang, cycle.sourceLanguage);
  const phases = cycle.phases;
  const span =
    phases.length > 0
      ? { first: phases[0]!.startsOn, last: phases[phases.length - 1]!.endsOn }
      : report.figures.firstMeeting && report.figures.lastMeeting
        ? { first: report.figures.firstMeeting, last: report.figures.lastMeeting }
        : null;
  const { groups: _perGroup, unlinkedTalks: _unlinked, ...figures } = report.figures;
  return {
    lang,
    cycle: {
      slug: cycle.slug,
      name: cycle.name,
      title: pickedCycle?.value.title ?? cycle.name,
      titleLang: pickedCycle?.lang ?? lang,
      organisations: cycle.organisations.map((o) => o.name),
    },
    span,
    figures,
    groups,
    participants,
    numbers: groups.flatMap((g) => g.recommendations.map((r) => r.number)).sort((a, b) => a - b),
  };
}

/** Every recommendation of the booklet in the order it prints them (by group, then by number). */
export function bookletRecommendations(data: BookletData): BookletRecommendation[] {
  return data.groups.flatMap((g) => g.recommendations);
}
