import { and, eq, inArray } from "drizzle-orm";
import { inTurn } from "../in-turn.js";
import { fromBrusselsLocal } from "../../commands/ballots/schedule.js";
import type { Locale } from "../../i18n/locales.js";
import type { Queryable } from "../client.js";
import {
  colleges,
  cycles,
  groupMembers,
  localTalkContributions,
  localTalks,
  meetingAttendance,
  meetings,
  memberships,
  minutes,
  offices,
  organisations,
  persons,
  roleAssignments,
  themes,
  workingGroups,
  type GroupMemberStatus,
  type GroupRole,
  type MeetingPlace,
} from "../schema/index.js";
import { BELGIAN_OFFICES, DEMO_COLLEGES, FIRST_NAMES, LAST_NAMES } from "./demo-data.js";

/** How many invented people took part in the 2015–2016 groups (ws2015-01 … ws2015-75). */
const PEOPLE = 75;
const GROUP_KEYS = ["publics", "services", "economic-model", "governance"] as const;
type GroupKey = (typeof GROUP_KEYS)[number];

const email = (n: number) => `ws2015-${String(n).padStart(2, "0")}@demo.letscoop.test`;

interface DemoMeeting {
  date: string;
  time: string;
  minutes: number;
  place: MeetingPlace;
  /** Office city for "office"; the head office for "head_office". */
  city?: string;
  location?: string;
  title: string;
  agenda: string;
  experts?: string;
  report: string;
  cancelled?: boolean;
}

const FINAL = (what: string): DemoMeeting => ({
  date: "2016-04-14",
  time: "14:00",
  minutes: 180,
  place: "head_office",
  location: "Grande salle",
  title: "Adoption des recommandations",
  agenda: "1. Relecture des recommandations\n2. Vote du groupe\n3. Remise au Conseil d'administration",
  report: `Dernière réunion du groupe, avec les trois autres groupes à Bruxelles.\n\nLe groupe adopte ses recommandations sur ${what} et les remet au Conseil d'administration.\n\nMerci à toutes et à tous pour ces six mois de travail.`,
});

/**
 * The meetings of each group: 21 held (66 hours: 3 960 minutes) and one cancelled, from
 * 22 October 2015 to 14 April 2016, Brussels time.
 */
const MEETINGS: Record<GroupKey, DemoMeeting[]> = {
  publics: [
    {
      date: "2015-10-22",
      time: "18:00",
      minutes: 180,
      place: "head_office",
      location: "Salle 1",
      title: "Lancement : qui sont les publics de Smart ?",
      agenda: "1. Tour de table\n2. Le mandat du groupe\n3. Calendrier",
      report:
        "Premier tour de table : artistes, formateurs, informaticiens, traducteurs.\n\nLe groupe se donne pour question : qui rencontrons-nous chez Smart aujourd'hui, et demain ?",
    },
    {
      date: "2015-11-19",
      time: "18:00",
      minutes: 180,
      place: "office",
      city: "Liège",
      title: "Portraits de membres : métiers et statuts",
      agenda: "1. Portraits préparés par les participants\n2. Ce qui nous rassemble",
      report:
        "Dix portraits présentés. Beaucoup de métiers n'ont plus rien à voir avec la création.\n\n- Le statut d'entrepreneur salarié reste mal connu.\n- Les freelances veulent une communauté, pas seulement un service.",
    },
    {
      date: "2015-12-17",
      time: "18:00",
      minutes: 180,
      place: "office",
      city: "Gent",
      title: "Solidarité entre métiers : témoignages",
      agenda: "1. Témoignages\n2. Premières pistes",
      report:
        "Trois membres racontent comment la mutualisation les a aidés à traverser une période creuse.\n\nPiste retenue : ouvrir Smart à tous les métiers, sans renoncer à la solidarité.",
    },
    {
      date: "2016-02-04",
      time: "18:00",
      minutes: 180,
      place: "site_visit",
      location: "Espace de travail partagé, Namur",
      title: "Visite d'un espace de travail partagé",
      agenda: "1. Visite\n2. Échange avec les occupants",
      report:
        "Visite d'un espace partagé par une vingtaine d'indépendants.\n\nLe groupe note l'importance des lieux de rencontre pour faire communauté.",
    },
    FINAL("les publics de la coopérative"),
  ],
  services: [
    {
      date: "2015-10-22",
      time: "18:00",
      minutes: 180,
      place: "head_office",
      location: "Salle 2",
      title: "Lancement : quels outils pour développer son activité ?",
      agenda: "1. Tour de table\n2. Le mandat du groupe\n3. Calendrier",
      report:
        "Tour de table : chacun cite l'outil qui lui sert le plus et celui qui lui manque.\n\nLe groupe se réunira une fois par mois, dans des bureaux différents.",
    },
    {
      date: "2015-11-24",
      time: "18:00",
      minutes: 180,
      place: "office",
      city: "Antwerpen",
      title: "Les outils en ligne : ce qui marche, ce qui manque",
      agenda: "1. Démonstration des outils actuels\n2. Liste des manques",
      report:
        "Les outils de facturation sont appréciés ; le suivi des paiements l'est moins.\n\n- Un annuaire des membres est demandé.\n- L'information sur les appels à projets est dispersée.",
    },
    {
      date: "2016-01-12",
      time: "18:00",
      minutes: 180,
      place: "office",
      city: "Namur",
      title: "Conseillers et proximité",
      agenda: "1. Disponibilité des conseillers\n2. Permanences dans les bureaux",
      report:
        "Les membres souhaitent des conseillers plus disponibles, surtout en début d'activité.\n\nPiste : élargir les heures de permanence.",
    },
    {
      date: "2016-03-08",
      time: "17:30",
      minutes: 210,
      place: "head_office",
      location: "Salle 1",
      title: "Un service pour les indépendants ?",
      agenda: "1. Présentation par le service juridique\n2. Débat",
      experts: "Juriste du service d'accompagnement",
      report:
        "Le service juridique présente ce que permettrait un service propre aux indépendants.\n\nLe groupe est partagé ; il recommande d'abord de mutualiser des services entre membres.",
    },
    FINAL("les services et les outils"),
  ],
  "economic-model": [
    {
      date: "2015-10-22",
      time: "18:00",
      minutes: 180,
      place: "head_office",
      location: "Salle 3",
      title: "Lancement : le modèle économique en questions",
      agenda: "1. Tour de table\n2. Les chiffres clés\n3. Calendrier",
      report:
        "Présentation des chiffres clés de l'année.\n\nLe groupe veut comprendre ce que finance la contribution de 8,5 % avant d'en débattre.",
    },
    {
      date: "2015-11-12",
      time: "18:00",
      minutes: 180,
      place: "office",
      city: "Charleroi",
      title: "Les 8,5 % : d'où viennent-ils, où vont-ils ?",
      agenda: "1. Lecture des comptes\n2. Questions",
      report:
        "Lecture commentée des comptes.\n\n- Une part importante finance le fonds de garantie.\n- Les participants demandent plus de transparence sur les coûts.",
    },
    {
      date: "2015-12-10",
      time: "18:00",
      minutes: 180,
      place: "head_office",
      location: "Salle 3",
      title: "Le fonds de garantie et la mutualisation des risques",
      agenda: "1. Fonctionnement du fonds\n2. Cas concrets",
      report:
        "Le fonds de garantie a payé des salaires quand des clients n'ont pas payé.\n\nConsensus : la mutualisation des risques est au cœur du modèle.",
    },
    {
      date: "2016-01-21",
      time: "17:30",
      minutes: 210,
      place: "office",
      city: "Liège",
      title: "Comparer avec d'autres coopératives",
      agenda: "1. Exposé\n2. Comparaison des modèles",
      experts: "Chercheuse en économie sociale",
      report:
        "Une chercheuse compare plusieurs coopératives d'activités en Europe.\n\nLe groupe retient l'idée d'une tarification identique pour tous.",
    },
    {
      date: "2016-03-03",
      time: "17:30",
      minutes: 210,
      place: "office",
      city: "Gent",
      title: "Scénarios de tarification",
      agenda: "1. Trois scénarios chiffrés\n2. Choix du groupe",
      report:
        "Trois scénarios sont discutés.\n\nLe groupe recommande de garder un pourcentage identique pour tous et de poursuivre la réduction des coûts.",
    },
    FINAL("le modèle économique"),
  ],
  governance: [
    {
      date: "2015-10-22",
      time: "18:00",
      minutes: 180,
      place: "head_office",
      location: "Salle 4",
      title: "Lancement : qui décide dans une coopérative ?",
      agenda: "1. Tour de table\n2. Les principes coopératifs\n3. Calendrier",
      report:
        "Rappel des principes coopératifs : une personne, une voix.\n\nLe groupe se demande qui pourra devenir sociétaire de la future coopérative.",
    },
    {
      date: "2015-11-30",
      time: "18:00",
      minutes: 180,
      place: "office",
      city: "Mons",
      title: "Sociétaires : qui, comment, avec quelles parts ?",
      agenda: "1. Les parties prenantes\n2. Le prix de la part",
      report:
        "Membres, clients, partenaires et permanents : tous peuvent-ils être sociétaires ?\n\nLe groupe penche pour une part accessible à toutes et à tous.",
    },
    {
      date: "2016-01-26",
      time: "17:00",
      minutes: 240,
      place: "site_visit",
      location: "Coopérative d'activités, Bruxelles",
      title: "Visite d'une coopérative de travailleurs",
      agenda: "1. Visite\n2. Rencontre avec le conseil d'administration",
      report:
        "Visite et rencontre avec deux administratrices.\n\nÀ retenir : des collèges pour que chaque partie prenante soit représentée.",
    },
    {
      date: "2016-02-23",
      time: "18:00",
      minutes: 180,
      place: "office",
      city: "Leuven",
      title: "Les collèges et le poids des voix",
      agenda: "1. Les collèges\n2. Le poids des voix",
      report: "",
      cancelled: true,
    },
    {
      date: "2016-03-15",
      time: "17:30",
      minutes: 210,
      place: "office",
      city: "Leuven",
      title: "Les collèges et le poids des voix",
      agenda: "1. Les collèges\n2. Le poids des voix",
      report:
        "Réunion reportée du 23 février.\n\nLe groupe propose quatre collèges et un poids de voix par collège, fixé par les statuts.",
    },
    FINAL("la gouvernance"),
  ],
};

/** The small talks of the year in Belgian offices; the last one feeds no group in particular. */
const TALKS: Array<{
  group: GroupKey | null;
  city: string;
  date: string;
  time: string;
  minutes: number;
  attendance: number;
  title: string;
  summary: string;
  contributions: Array<[string, string]>;
}> = [
  {
    group: "publics",
    city: "Liège",
    date: "2015-12-03",
    time: "18:30",
    minutes: 120,
    attendance: 34,
    title: "Small talk : qui sont les membres de demain ?",
    summary: "Une soirée d'échanges au bureau de Liège sur la diversité des métiers chez Smart.",
    contributions: [
      ["Julie", "Je suis graphiste et je ne me sens pas « artiste » : Smart doit parler à tout le monde."],
      ["", "Il faudrait des rencontres entre métiers, pas seulement des formations."],
    ],
  },
  {
    group: "services",
    city: "Gent",
    date: "2016-01-28",
    time: "19:00",
    minutes: 120,
    attendance: 21,
    title: "Small talk : welke tools heb je nodig?",
    summary: "Avond in het kantoor van Gent over de online-instrumenten van Smart.",
    contributions: [
      ["Pieter", "Een overzicht van openstaande facturen op de gsm zou veel tijd besparen."],
      ["", "Meer permanenties in de namiddag, aub."],
    ],
  },
  {
    group: "economic-model",
    city: "Namur",
    date: "2016-02-18",
    time: "18:30",
    minutes: 90,
    attendance: 17,
    title: "Small talk : les 8,5 %, à quoi ça sert ?",
    summary: "Présentation simple de la contribution et de ce qu'elle finance, suivie de questions.",
    contributions: [["Marc", "Je paie volontiers si je sais où va l'argent : publiez-le chaque année."]],
  },
  {
    group: "governance",
    city: "Charleroi",
    date: "2016-03-10",
    time: "18:30",
    minutes: 120,
    attendance: 26,
    title: "Small talk : tous sociétaires ?",
    summary: "Débat sur l'ouverture du sociétariat à toutes les parties prenantes.",
    contributions: [
      ["Nadia", "Une part à petit prix, sinon seuls les mieux payés décideront."],
      ["", "Les clients aussi devraient avoir leur mot à dire."],
    ],
  },
  {
    group: null,
    city: "Bruxelles",
    date: "2016-03-31",
    time: "18:00",
    minutes: 150,
    attendance: 48,
    title: "Small talk : la coopérative que nous voulons",
    summary: "Soirée ouverte à tous au siège, pour mettre en commun les idées des quatre groupes.",
    contributions: [
      ["Sofie", "Gardez cet esprit de débat après 2016 : un Smart in Progress permanent."],
      ["", "Un comité d'éthique, élu par les membres."],
      ["Thomas", "Des lieux de travail partagés dans chaque ville."],
    ],
  },
];

function brussels(isoDate: string, time: string): Date {
  const parsed = fromBrusselsLocal(`${isoDate}T${time}`);
  if (!parsed.ok) throw new Error(`demo schedule: ${isoDate}T${time} does not exist in Brussels`);
  return parsed.date;
}

function daysBefore(date: Date, days: number): Date {
  return new Date(date.getTime() - days * 86_400_000);
}

/**
 * Who held which role in each group, by person number (1–75): one facilitator and two referent
 * board members per group (12 people), three secretaries (number 13 serves two groups), 58
 * participants (three of them in two groups) and two participants who left after two meetings.
 */
function rolesOf(group: GroupKey): Array<{ n: number; role: GroupRole; status: GroupMemberStatus }> {
  const g = GROUP_KEYS.indexOf(group);
  const participant = (i: number) => 16 + i;
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => participant(from + k));
  const participants: Record<GroupKey, number[]> = {
    publics: range(0, 15),
    services: range(16, 30),
    "economic-model": [...range(31, 45), participant(2)],
    governance: [...range(46, 57), participant(5), participant(20)],
  };
  const secretary: Record<GroupKey, number> = { publics: 13, services: 13, "economic-model": 14, governance: 15 };
  const left: Partial<Record<GroupKey, number>> = { publics: 74, governance: 75 };
  return [
    { n: 1 + g, role: "facilitator", status: "active" },
    { n: 5 + 2 * g, role: "referent", status: "active" },
    { n: 6 + 2 * g, role: "referent", status: "active" },
    { n: secretary[group], role: "secretary", status: "active" },
    ...participants[group].map((n) => ({ n, role: "participant" as const, status: "active" as const })),
    ...(left[group] ? [{ n: left[group], role: "participant" as const, status: "left" as const }] : []),
  ];
}

/**
 * The records of the 2015–2016 working groups (invented people, real shape), from which the
 * published figures of seed 003 come out by computation: 58 participants in the 4 groups,
 * 12 people facilitating them, 3 secretaries, 21 meetings, 66 hours, 22 October 2015 – 14 April 2016.
 * The people are members of Smart Belgique without shares, so no electorate changes; the
 * referents hold the board-member role of Smart Belgique, as every referent must.
 */
export async function seedDemoHistory2015(tx: Queryable): Promise<void> {
  const [cycle] = await tx.select({ id: cycles.id }).from(cycles).where(eq(cycles.slug, "2015-2016"));
  if (!cycle) throw new Error("the 2015-2016 groups need the 2015-2016 cycle");
  const [be] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, "smart-be"));
  if (!be) throw new Error("the 2015-2016 groups need the organisation smart-be");
  const [themeRows, collegeRows, officeRows] = await inTurn([
    tx
      .select({ id: themes.id, key: themes.key })
      .from(themes)
      .where(and(eq(themes.cycleId, cycle.id), inArray(themes.key, [...GROUP_KEYS]))),
    tx.select({ id: colleges.id, key: colleges.key }).from(colleges).where(eq(colleges.organisationId, be.id)),
    tx
      .select({ id: offices.id, city: offices.city, isHeadOffice: offices.isHeadOffice })
      .from(offices)
      .where(eq(offices.organisationId, be.id)),
  ]);
  const themeId = (key: GroupKey) => {
    const found = themeRows.find((t) => t.key === key);
    if (!found) throw new Error(`the 2015-2016 cycle has no theme ${key}`);
    return found.id;
  };
  const officeIn = (city: string) => {
    const found = officeRows.find((o) => o.city === city);
    if (!found) throw new Error(`smart-be has no office in ${city}`);
    return found.id;
  };
  const headOffice = officeRows.find((o) => o.isHeadOffice) ?? officeRows[0]!;

  // People and their memberships (not shareholders), spread over the colleges and offices.
  const languages: Locale[] = ["fr", "nl", "fr", "nl", "de", "en"];
  const sectors = ["Musique", "Formation", "Informatique", "Arts visuels", "Traduction", "Audiovisuel", "Artisanat"];
  const people = Array.from({ length: PEOPLE }, (_, i) => ({
    email: email(i + 1),
    name: `${FIRST_NAMES[(3 * i + 1) % FIRST_NAMES.length]} ${LAST_NAMES[(5 * i + 4) % LAST_NAMES.length]}`,
    locale: languages[i % languages.length]!,
  }));
  const inserted = await tx.insert(persons).values(people).returning({ id: persons.id, email: persons.email });
  const idByEmail = new Map(inserted.map((p) => [p.email, p.id]));
  const personId = (n: number) => idByEmail.get(email(n))!;
  const collegeIdOf = (n: number) => {
    const key = DEMO_COLLEGES[(n - 1) % DEMO_COLLEGES.length]!.key;
    return collegeRows.find((c) => c.key === key)!.id;
  };
  await tx.insert(memberships).values(
    people.map((p, i) => ({
      personId: personId(i + 1),
      organisationId: be.id,
      collegeId: collegeIdOf(i + 1),
      memberNumber: `W15-${String(i + 1).padStart(3, "0")}`,
      isShareholder: false,
      shares: 0,
      officeId: officeIn(BELGIAN_OFFICES[(i * 5) % BELGIAN_OFFICES.length]!),
      sector: sectors[i % sectors.length]!,
      language: p.locale,
      directoryOptIn: i % 2 === 1,
      joinedAt: brussels("2015-06-30", "12:00"),
    })),
  );

  // The referents sit on the board of Smart Belgique: only a board member may be a referent.
  const referents = new Set(
    GROUP_KEYS.flatMap((key) =>
      rolesOf(key)
        .filter((m) => m.role === "referent")
        .map((m) => m.n),
    ),
  );
  await tx.insert(roleAssignments).values(
    [...referents].map((n) => ({
      personId: personId(n),
      organisationId: be.id,
      role: "board_member" as const,
      grantedAt: brussels("2015-06-30", "12:00"),
    })),
  );

  const groups = await tx
    .insert(workingGroups)
    .values(
      GROUP_KEYS.map((key) => ({
        cycleId: cycle.id,
        themeId: themeId(key),
        organisationId: be.id,
        key,
        description:
          "Groupe de travail de Smart in Progress 2015–2016 ; ses recommandations ont été remises le 14 avril 2016.",
        startsOn: "2015-10-22",
        endsOn: "2016-04-14",
        minutesVisibility: "public" as const,
        openToRequests: false,
        createdAt: brussels("2015-10-01", "09:00"),
      })),
    )
    .returning({ id: workingGroups.id, key: workingGroups.key });
  const groupId = (key: GroupKey) => groups.find((g) => g.key === key)!.id;

  const joined = brussels("2015-10-15", "10:00");
  await tx.insert(groupMembers).values(
    GROUP_KEYS.flatMap((key) =>
      rolesOf(key).map(({ n, role, status }) => ({
        groupId: groupId(key),
        personId: personId(n),
        role,
        status,
        collegeId: collegeIdOf(n),
        createdAt: daysBefore(joined, 7),
        decidedAt: status === "left" ? brussels("2015-12-01", "10:00") : joined,
      })),
    ),
  );

  const meetingRows = GROUP_KEYS.flatMap((key) =>
    MEETINGS[key].map((m) => ({
      key,
      spec: m,
      values: {
        groupId: groupId(key),
        title: m.title,
        startsAt: brussels(m.date, m.time),
        durationMinutes: m.minutes,
        place: m.place,
        officeId: m.place === "head_office" ? headOffice.id : m.city ? officeIn(m.city) : null,
        location: m.location ?? "",
        agenda: m.agenda,
        experts: m.experts ?? "",
        cancelledAt: m.cancelled ? brussels(addDaysIso(m.date, -3), "09:00") : null,
        reminderSentAt: m.cancelled ? null : daysBefore(brussels(m.date, m.time), 2),
        createdBy: personId(1 + GROUP_KEYS.indexOf(key)),
        createdAt: daysBefore(brussels(m.date, m.time), 21),
      },
    })),
  );
  const savedMeetings = await tx
    .insert(meetings)
    .values(meetingRows.map((r) => r.values))
    .returning({ id: meetings.id, groupId: meetings.groupId, startsAt: meetings.startsAt });
  const meetingId = (groupKey: GroupKey, startsAt: Date) =>
    savedMeetings.find((m) => m.groupId === groupId(groupKey) && m.startsAt.getTime() === startsAt.getTime())!.id;

  // Registration and attendance of each held meeting; those who left came to the first two.
  const attendance: Array<typeof meetingAttendance.$inferInsert> = [];
  const reports: Array<typeof minutes.$inferInsert> = [];
  for (const key of GROUP_KEYS) {
    const members = rolesOf(key);
    const secretary = members.find((m) => m.role === "secretary")!.n;
    const facilitator = members.find((m) => m.role === "facilitator")!.n;
    MEETINGS[key]
      .filter((m) => !m.cancelled)
      .forEach((m, index) => {
        const startsAt = brussels(m.date, m.time);
        const id = meetingId(key, startsAt);
        members.forEach((member, position) => {
          if (member.status === "left" && index > 1) return;
          const attended =
            member.role === "facilitator" || member.role === "secretary" || member.status === "left"
              ? true
              : member.role === "referent"
                ? (index + position) % 3 !== 2
                : (position * 3 + index) % 4 !== 0;
          attendance.push({
            meetingId: id,
            personId: personId(member.n),
            registeredAt: daysBefore(startsAt, 5),
            attended,
          });
        });
        reports.push({
          meetingId: id,
          body: m.report,
          status: "published",
          updatedBy: personId(secretary),
          updatedAt: new Date(startsAt.getTime() + 2 * 86_400_000),
          publishedBy: personId(facilitator),
          publishedAt: new Date(startsAt.getTime() + 3 * 86_400_000),
        });
      });
  }
  await tx.insert(meetingAttendance).values(attendance);
  await tx.insert(minutes).values(reports);

  const talks = await tx
    .insert(localTalks)
    .values(
      TALKS.map((talk) => ({
        cycleId: cycle.id,
        groupId: talk.group ? groupId(talk.group) : null,
        themeId: talk.group ? themeId(talk.group) : null,
        officeId: officeIn(talk.city),
        city: talk.city,
        title: talk.title,
        heldAt: brussels(talk.date, talk.time),
        durationMinutes: talk.minutes,
        attendance: talk.attendance,
        summary: talk.summary,
        createdBy: talk.group ? personId(1 + GROUP_KEYS.indexOf(talk.group)) : personId(1),
        createdAt: brussels(addDaysIso(talk.date, 1), "10:00"),
      })),
    )
    .returning({ id: localTalks.id, title: localTalks.title });
  await tx.insert(localTalkContributions).values(
    TALKS.flatMap((talk) => {
      const id = talks.find((t) => t.title === talk.title)!.id;
      return talk.contributions.map(([author, body], i) => ({
        talkId: id,
        author,
        body,
        createdAt: new Date(brussels(talk.date, talk.time).getTime() + (90 + i) * 60_000),
      }));
    }),
  );
}

function addDaysIso(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
