import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "../client.js";
import {
  actionProgrammes,
  actionProjectProposals,
  actionProjects,
  actionProjectUpdates,
  actionProposals,
  cycles,
  organisations,
  persons,
  strategicAxes,
} from "../schema/index.js";
import { DEMO_AXES } from "./demo-recommendations-data.js";

/**
 * The strategic plan and the action plan of Smart Belgique: the six axes of "Smart 2025"
 * (seed 002, titles verbatim), and one programme with two projects implementing proposals
 * adopted by the assembly of 28 June 2016. Teams, dates, figures and updates are invented.
 */
export async function seedDemoActionPlan(tx: Tx): Promise<void> {
  const [be] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, "smart-be"));
  const [cycle] = await tx.select({ id: cycles.id }).from(cycles).where(eq(cycles.slug, "2015-2016"));
  const [board] = await tx
    .select({ id: persons.id })
    .from(persons)
    .where(eq(persons.email, "board@demo.letscoop.test"));
  if (!be || !cycle) throw new Error("the demo action plan needs smart-be and the 2015-2016 cycle");
  await tx
    .insert(strategicAxes)
    .values(DEMO_AXES.map((a) => ({ organisationId: be.id, key: a.key, position: a.axis, title: a.fr })));
  const proposals = await tx
    .select({ id: actionProposals.id, number: actionProposals.number, state: actionProposals.state })
    .from(actionProposals)
    .where(and(eq(actionProposals.cycleId, cycle.id), inArray(actionProposals.number, [1, 5, 6])));
  const adopted = new Map(proposals.filter((p) => p.state === "adopted").map((p) => [p.number, p.id]));
  const [programme] = await tx
    .insert(actionProgrammes)
    .values({
      organisationId: be.id,
      title: "Smart in Progress : mettre en œuvre les décisions de 2016",
      description: "Le programme qui suit les propositions adoptées par l'assemblée générale du 28 juin 2016.",
      ownerTeam: "Équipe Vie coopérative",
      createdBy: board?.id ?? null,
    })
    .returning({ id: actionProgrammes.id });
  const [participation, ethics] = await tx
    .insert(actionProjects)
    .values([
      {
        programmeId: programme!.id,
        title: "Rencontres décentralisées des sociétaires",
        description: "Des rencontres dans chaque bureau avant l'assemblée générale, et un espace de dialogue en ligne.",
        ownerTeam: "Équipe Vie coopérative",
        startsOn: "2016-09-01",
        endsOn: "2018-06-30",
        status: "in_progress" as const,
        progress: 60,
        createdBy: board?.id ?? null,
      },
      {
        programmeId: programme!.id,
        title: "Comité d'éthique et accompagnement des membres",
        description: "Installer le comité d'éthique et organiser l'accompagnement économique par les conseillers.",
        ownerTeam: "Direction des services aux membres",
        startsOn: "2016-10-01",
        endsOn: "2017-12-31",
        status: "done" as const,
        progress: 100,
        createdBy: board?.id ?? null,
      },
    ])
    .returning({ id: actionProjects.id });
  const links = [
    ...(adopted.has(5) ? [{ projectId: participation!.id, proposalId: adopted.get(5)! }] : []),
    ...(adopted.has(1) ? [{ projectId: ethics!.id, proposalId: adopted.get(1)! }] : []),
    ...(adopted.has(6) ? [{ projectId: ethics!.id, proposalId: adopted.get(6)! }] : []),
  ];
  if (links.length > 0) await tx.insert(actionProjectProposals).values(links);
  await tx.insert(actionProjectUpdates).values([
    {
      projectId: participation!.id,
      on: "2017-03-15",
      body: "Première série de rencontres dans six bureaux ; 240 sociétaires présents.",
      progress: 30,
      status: "in_progress" as const,
      authorId: board?.id ?? null,
    },
    {
      projectId: participation!.id,
      on: "2018-01-20",
      body: "L'espace de dialogue en ligne est ouvert ; les rencontres germanophones restent à organiser.",
      progress: 60,
      status: "in_progress" as const,
      authorId: board?.id ?? null,
    },
    {
      projectId: ethics!.id,
      on: "2017-02-01",
      body: "Le comité d'éthique est constitué : deux membres par collège.",
      progress: 50,
      status: "in_progress" as const,
      authorId: board?.id ?? null,
    },
    {
      projectId: ethics!.id,
      on: "2017-12-15",
      body: "La charte de valeurs est publiée et les conseillers accompagnent les membres dans chaque bureau.",
      progress: 100,
      status: "done" as const,
      authorId: board?.id ?? null,
    },
  ]);
}
