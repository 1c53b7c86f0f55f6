import { and, eq, inArray } from "drizzle-orm";
import { fromBrusselsLocal, toBrusselsLocal } from "../../commands/ballots/schedule.js";
import type { Queryable } from "../client.js";
import {
  cycles,
  expenses,
  documentVersions,
  groupDocuments,
  groupMembers,
  localTalks,
  localTalkContributions,
  meetingAttendance,
  meetings,
  memberships,
  minutes,
  offices,
  organisations,
  persons,
  themes,
  workingGroups,
  type GroupRole,
} from "../schema/index.js";

function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function brussels(isoDate: string, time: string): Date {
  const parsed = fromBrusselsLocal(`${isoDate}T${time}`);
  if (!parsed.ok) throw new Error(`demo schedule: ${isoDate}T${time} does not exist in Brussels`);
  return parsed.date;
}

async function personIds(tx: Queryable, emails: string[]): Promise<Map<string, string>> {
  const rows = await tx
    .select({ id: persons.id, email: persons.email })
    .from(persons)
    .where(inArray(persons.email, emails));
  return new Map(rows.map((r) => [r.email, r.id]));
}

/** The college each person belongs to in the organisation (first membership found). */
async function collegeOf(tx: Queryable, personId: string): Promise<string | null> {
  const [row] = await tx
    .select({ collegeId: memberships.collegeId })
    .from(memberships)
    .where(eq(memberships.personId, personId))
    .limit(1);
  return row?.collegeId ?? null;
}

/**
 * The working groups of the 2020–2021 cycle: its two carried-over themes go on as groups (the
 * binational "equality" group, where the demo accounts hold every group role, and the French
 * "economic model" group). The equality group has a past meeting with attendance and published
 * minutes, a coming meeting, two documents, an expense waiting for the facilitator and a local
 * talk, so that every page of the demo has something to show.
 */
export async function seedDemoGroups2020(tx: Queryable, now: Date = new Date()): Promise<void> {
  const [cycle] = await tx.select({ id: cycles.id }).from(cycles).where(eq(cycles.slug, "2020-2021"));
  if (!cycle) throw new Error("the demo groups need the 2020-2021 cycle");
  const themeRows = await tx
    .select({ id: themes.id, key: themes.key, organisationId: themes.organisationId })
    .from(themes)
    .where(and(eq(themes.cycleId, cycle.id), eq(themes.status, "carried_over")));
  const equality = themeRows.find((t) => t.key === "equality");
  const economicModel = themeRows.find((t) => t.key === "economic-model");
  if (!equality || !economicModel) throw new Error("the demo groups need the carried-over themes of 2020-2021");
  const [fr] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, "smart-fr"));
  const [be] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, "smart-be"));
  const [headOffice] = await tx
    .select({ id: offices.id })
    .from(offices)
    .where(and(eq(offices.organisationId, be!.id), eq(offices.isHeadOffice, true)));

  const today = toBrusselsLocal(now).slice(0, 10);
  const [equalityGroup, economicGroup] = await tx
    .insert(workingGroups)
    .values([
      {
        cycleId: cycle.id,
        themeId: equality.id,
        organisationId: null,
        key: "equality",
        description:
          "Poursuivre le travail de 2019 sur l'égalité des genres au sein de la coopérative : rémunérations, accès aux fonctions, conciliation des temps de vie.",
        startsOn: addDays(today, -60),
        endsOn: addDays(today, 120),
        minutesVisibility: "members" as const,
        budgetAllocated: "2500.00",
      },
      {
        cycleId: cycle.id,
        themeId: economicModel.id,
        organisationId: fr!.id,
        key: "economic-model-fr",
        description: "Poursuivre en France le travail sur le modèle économique mutualiste.",
        startsOn: addDays(today, -60),
        endsOn: addDays(today, 120),
        minutesVisibility: "public" as const,
        budgetAllocated: "1500.00",
      },
    ])
    .returning({ id: workingGroups.id });

  const people = await personIds(tx, [
    "facilitator@demo.letscoop.test",
    "board@demo.letscoop.test",
    "secretary@demo.letscoop.test",
    "member@demo.letscoop.test",
    ...Array.from({ length: 12 }, (_, i) => `member${String(i + 1).padStart(2, "0")}@demo.letscoop.test`),
  ]);
  const id = (email: string) => {
    const found = people.get(email);
    if (!found) throw new Error(`demo person ${email} missing`);
    return found;
  };
  const equalityMembers: Array<[string, GroupRole]> = [
    ["facilitator@demo.letscoop.test", "facilitator"],
    ["board@demo.letscoop.test", "referent"],
    ["secretary@demo.letscoop.test", "secretary"],
    ["member@demo.letscoop.test", "participant"],
    ...[1, 2, 3, 4, 5, 6, 7, 8].map((n): [string, GroupRole] => [
      `member${String(n).padStart(2, "0")}@demo.letscoop.test`,
      "participant",
    ]),
  ];
  for (const [email, role] of equalityMembers) {
    await tx.insert(groupMembers).values({
      groupId: equalityGroup!.id,
      personId: id(email),
      role,
      status: "active",
      collegeId: await collegeOf(tx, id(email)),
      decidedAt: brussels(addDays(today, -60), "10:00"),
    });
  }
  // A request waiting for the facilitator's answer.
  await tx.insert(groupMembers).values({
    groupId: equalityGroup!.id,
    personId: id("member09@demo.letscoop.test"),
    role: "participant",
    status: "requested",
    collegeId: await collegeOf(tx, id("member09@demo.letscoop.test")),
  });
  // The French group: members of Smart France (member04, member08, member12 are French in the demo).
  const frenchMembers: Array<[string, GroupRole]> = [
    ["member04@demo.letscoop.test", "facilitator"],
    ["member08@demo.letscoop.test", "secretary"],
    ["member12@demo.letscoop.test", "participant"],
  ];
  for (const [email, role] of frenchMembers) {
    await tx.insert(groupMembers).values({
      groupId: economicGroup!.id,
      personId: id(email),
      role,
      status: "active",
      collegeId: await collegeOf(tx, id(email)),
      decidedAt: brussels(addDays(today, -60), "10:00"),
    });
  }

  const pastDay = addDays(today, -14);
  const [past, coming] = await tx
    .insert(meetings)
    .values([
      {
        groupId: equalityGroup!.id,
        title: "Réunion de lancement",
        startsAt: brussels(pastDay, "14:00"),
        durationMinutes: 180,
        place: "head_office" as const,
        officeId: headOffice?.id ?? null,
        location: "Salle du conseil",
        agenda: "1. Tour de table\n2. Bilan du travail de 2019\n3. Calendrier des réunions",
        experts: "",
        interpretation: ["nl"],
        createdBy: id("facilitator@demo.letscoop.test"),
      },
      {
        groupId: equalityGroup!.id,
        title: "Écarts de rémunération : écouter les chiffres",
        startsAt: brussels(addDays(today, 21), "14:00"),
        durationMinutes: 150,
        place: "online" as const,
        onlineUrl: "https://meet.example.org/letscoop-equality",
        agenda: "1. Présentation des chiffres 2020 par le service RH\n2. Questions\n3. Premières pistes",
        experts: "Responsable des ressources humaines (invitée)",
        interpretation: [],
        createdBy: id("facilitator@demo.letscoop.test"),
      },
    ])
    .returning({ id: meetings.id });
  const present = equalityMembers.slice(0, 9).map(([email]) => id(email));
  await tx.insert(meetingAttendance).values(
    equalityMembers.map(([email]) => ({
      meetingId: past!.id,
      personId: id(email),
      registeredAt: brussels(addDays(pastDay, -7), "09:00"),
      attended: present.includes(id(email)),
    })),
  );
  await tx.insert(meetingAttendance).values(
    ["member@demo.letscoop.test", "member01@demo.letscoop.test"].map((email) => ({
      meetingId: coming!.id,
      personId: id(email),
      registeredAt: brussels(addDays(today, -1), "09:00"),
    })),
  );
  await tx.insert(minutes).values({
    meetingId: past!.id,
    body: "Neuf personnes présentes, dont deux nouvelles participantes.\n\nLe groupe reprend les trois pistes de 2019 :\n- publier chaque année les écarts de rémunération ;\n- ouvrir les fonctions de coordination au temps partiel ;\n- former les jurys de recrutement aux biais.\n\nProchaine réunion dans trois semaines, en ligne.",
    status: "published",
    updatedBy: id("secretary@demo.letscoop.test"),
    updatedAt: brussels(addDays(pastDay, 2), "10:00"),
    publishedBy: id("facilitator@demo.letscoop.test"),
    publishedAt: brussels(addDays(pastDay, 3), "10:00"),
  });

  const [working, publicNote] = await tx
    .insert(groupDocuments)
    .values([
      {
        groupId: equalityGroup!.id,
        title: "Pistes de travail",
        kind: "working" as const,
        visibility: "group" as const,
        createdBy: id("facilitator@demo.letscoop.test"),
      },
      {
        groupId: equalityGroup!.id,
        title: "Mandat du groupe",
        kind: "other" as const,
        visibility: "public" as const,
        createdBy: id("facilitator@demo.letscoop.test"),
      },
    ])
    .returning({ id: groupDocuments.id });
  await tx.insert(documentVersions).values([
    {
      documentId: working!.id,
      version: 1,
      textContent: "Pistes\n\n1. Publier les écarts de rémunération.\n2. Ouvrir la coordination au temps partiel.",
      note: "Première version",
      createdBy: id("facilitator@demo.letscoop.test"),
      createdAt: brussels(addDays(pastDay, 1), "11:00"),
    },
    {
      documentId: working!.id,
      version: 2,
      textContent:
        "Pistes\n\n1. Publier chaque année les écarts de rémunération.\n2. Ouvrir la coordination au temps partiel.\n3. Former les jurys de recrutement aux biais.",
      note: "Après la réunion de lancement",
      createdBy: id("secretary@demo.letscoop.test"),
      createdAt: brussels(addDays(pastDay, 2), "11:00"),
    },
    {
      documentId: publicNote!.id,
      version: 1,
      textContent:
        "Le groupe poursuit le travail de 2019 sur l'égalité et remet ses recommandations au conseil d'administration à la fin du cycle.",
      createdBy: id("facilitator@demo.letscoop.test"),
      createdAt: brussels(addDays(pastDay, -5), "11:00"),
    },
  ]);

  await tx.insert(expenses).values([
    {
      groupId: equalityGroup!.id,
      submittedBy: id("member@demo.letscoop.test"),
      category: "travel" as const,
      amount: "23.40",
      spentOn: pastDay,
      description: "Train Liège – Bruxelles aller-retour, réunion de lancement",
    },
    {
      groupId: equalityGroup!.id,
      submittedBy: id("member01@demo.letscoop.test"),
      category: "meals" as const,
      amount: "86.00",
      spentOn: pastDay,
      description: "Sandwiches pour la réunion de lancement",
      status: "approved" as const,
      decidedBy: id("facilitator@demo.letscoop.test"),
      decidedAt: brussels(addDays(pastDay, 1), "09:00"),
    },
  ]);

  const [talk] = await tx
    .insert(localTalks)
    .values({
      cycleId: cycle.id,
      groupId: equalityGroup!.id,
      themeId: equality.id,
      officeId: headOffice?.id ?? null,
      city: "Bruxelles",
      title: "Small talk : l'égalité, chez nous, ça ressemble à quoi ?",
      heldAt: brussels(addDays(today, -7), "18:30"),
      durationMinutes: 120,
      attendance: 27,
      summary: "Une soirée d'échanges ouverte à tous les membres du bureau de Bruxelles.",
      createdBy: id("facilitator@demo.letscoop.test"),
    })
    .returning({ id: localTalks.id });
  await tx.insert(localTalkContributions).values([
    { talkId: talk!.id, author: "Inès", body: "Publier les écarts, oui, mais par métier et pas seulement en moyenne." },
    {
      talkId: talk!.id,
      author: "",
      body: "Les temps partiels n'ont presque jamais accès aux fonctions de coordination.",
    },
  ]);
}
