import { inArray } from "drizzle-orm";
import { fromBrusselsLocal, toBrusselsLocal } from "../../commands/ballots/schedule.js";
import type { Locale } from "../../i18n/locales.js";
import type { Queryable } from "../client.js";
import {
  ballotOptions,
  ballots,
  cycleOrganisations,
  cyclePhases,
  cycles,
  cycleTranslations,
  organisations,
  themes,
  themeTranslations,
  type Phase,
  type ThemeStatus,
} from "../schema/index.js";

type Texts<T> = Record<Locale, T>;

interface DemoTheme {
  key: string;
  status: ThemeStatus;
  /** Slug of the organisation the theme is limited to. */
  only?: "smart-fr";
  texts: Texts<{ title: string; description: string }>;
}

/** The four themes of the first year in Belgium (seed 000; the groups of the 2016 booklet, seed 003). */
const THEMES_2015: DemoTheme[] = [
  {
    key: "publics",
    status: "selected",
    texts: {
      fr: {
        title: "Devenir une coopérative : pour qui et avec qui ?",
        description:
          "Smart a depuis longtemps diversifié les métiers qu’elle traite en dehors du secteur des métiers de la création. Comment créer de la solidarité autour de cette diversité ? Qui sont les entrepreneurs salariés, travailleurs autonomes, freelance, qu’on rencontre et qu’on croisera demain chez Smart ?",
      },
      nl: {
        title: "Een coöperatie worden: voor wie en met wie?",
        description:
          "Smart werkt al lang niet meer alleen voor creatieve beroepen. Hoe creëren we solidariteit binnen die verscheidenheid? Wie zijn de ondernemers-werknemers, zelfstandige werkers en freelancers die we vandaag en morgen bij Smart ontmoeten?",
      },
      de: {
        title: "Eine Genossenschaft werden: für wen und mit wem?",
        description:
          "Smart betreut schon lange nicht mehr nur kreative Berufe. Wie schaffen wir Solidarität in dieser Vielfalt? Wer sind die angestellten Unternehmerinnen und Unternehmer, die Selbstständigen und Freelancer, denen wir heute und morgen bei Smart begegnen?",
      },
      en: {
        title: "Becoming a cooperative: for whom and with whom?",
        description:
          "Smart has long worked with trades well beyond the creative sector. How can we build solidarity across that diversity? Who are the salaried entrepreneurs, autonomous workers and freelancers we meet at Smart today, and will meet tomorrow?",
      },
    },
  },
  {
    key: "services",
    status: "selected",
    texts: {
      fr: {
        title: "Créer et développer son activité : comment ? Avec quels outils ?",
        description:
          "En lien avec le programme de développement actuel, quels sont les outils en ligne que Smart devrait développer ou améliorer ? Est-il souhaitable que Smart développe un service propre aux travailleurs indépendants ?",
      },
      nl: {
        title: "Je activiteit opstarten en uitbouwen: hoe? Met welke instrumenten?",
        description:
          "Welke online-instrumenten zou Smart, in het licht van het huidige ontwikkelingsprogramma, moeten ontwikkelen of verbeteren? Is het wenselijk dat Smart een eigen dienst voor zelfstandigen ontwikkelt?",
      },
      de: {
        title: "Die eigene Tätigkeit aufbauen und entwickeln: wie? Mit welchen Werkzeugen?",
        description:
          "Welche Online-Werkzeuge sollte Smart im Rahmen des laufenden Entwicklungsprogramms entwickeln oder verbessern? Ist es wünschenswert, dass Smart einen eigenen Dienst für Selbstständige aufbaut?",
      },
      en: {
        title: "Creating and developing your activity: how? With which tools?",
        description:
          "In line with the current development programme, which online tools should Smart develop or improve? Should Smart develop a service of its own for self-employed workers?",
      },
    },
  },
  {
    key: "economic-model",
    status: "selected",
    texts: {
      fr: {
        title: "Mutualiste, redistributif, solidaire : un modèle économique viable ?",
        description:
          "Notre volonté est de poursuivre un modèle solidaire et redistributif, c’est pour cela que nous appliquons un système proportionnel de contribution au chiffre d’affaires (les fameux 8,5 %). Comment permettre de consolider ce modèle ?",
      },
      nl: {
        title: "Mutualistisch, herverdelend, solidair: een leefbaar economisch model?",
        description:
          "We willen een solidair en herverdelend model voortzetten; daarom passen we een proportionele bijdrage op de omzet toe (de bekende 8,5 %). Hoe kunnen we dat model verstevigen?",
      },
      de: {
        title: "Auf Gegenseitigkeit, umverteilend, solidarisch: ein tragfähiges Wirtschaftsmodell?",
        description:
          "Wir wollen ein solidarisches und umverteilendes Modell fortführen; deshalb erheben wir einen proportionalen Beitrag auf den Umsatz (die bekannten 8,5 %). Wie lässt sich dieses Modell festigen?",
      },
      en: {
        title: "Mutualist, redistributive, solidarity-based: a viable economic model?",
        description:
          "We want to pursue a solidarity-based, redistributive model, which is why we apply a proportional contribution on turnover (the well-known 8.5%). How can this model be consolidated?",
      },
    },
  },
  {
    key: "governance",
    status: "selected",
    texts: {
      fr: {
        title: "Une entreprise partagée et participative, est-ce bien réaliste ?",
        description:
          "L’ensemble des parties prenantes (membres, clients, partenaires, salariés permanents) peut-il, ou doit-il, devenir sociétaire de la future coopérative Smart ? L’accès aux services doit-il être réservé aux sociétaires ?",
      },
      nl: {
        title: "Een gedeelde en participatieve onderneming: is dat wel realistisch?",
        description:
          "Kunnen of moeten alle betrokkenen (leden, klanten, partners, vaste medewerkers) vennoot worden van de toekomstige coöperatie Smart? Moet de toegang tot de diensten voorbehouden blijven aan vennoten?",
      },
      de: {
        title: "Ein geteiltes und partizipatives Unternehmen: ist das realistisch?",
        description:
          "Können oder sollen alle Beteiligten (Mitglieder, Kunden, Partner, festangestellte Mitarbeitende) Genossenschafter der künftigen Genossenschaft Smart werden? Soll der Zugang zu den Diensten den Genossenschaftern vorbehalten sein?",
      },
      en: {
        title: "A shared, participatory enterprise: is it realistic?",
        description:
          "Can, or should, all stakeholders (members, clients, partners, permanent staff) become shareholders of the future Smart cooperative? Should access to the services be reserved for shareholders?",
      },
    },
  },
];

/** The 2020–2021 theme ballot (seed 004): four themes to rank, two carried over for information. */
const THEMES_2020: DemoTheme[] = [
  {
    key: "support",
    status: "on_ballot",
    texts: {
      fr: {
        title: "L’accompagnement",
        description:
          "Au-delà d’un accompagnement pour utiliser les outils Smart et participer à la vie de la coopérative, quelle proposition d’accompagnement chez Smart pour VOS projets ? Quels besoins, quelles attentes ?",
      },
      nl: {
        title: "Begeleiding",
        description:
          "Verder dan begeleiding bij het gebruik van de Smart-instrumenten en bij het deelnemen aan het leven van de coöperatie: welke begeleiding kan Smart bieden voor JOUW projecten? Welke behoeften, welke verwachtingen?",
      },
      de: {
        title: "Die Begleitung",
        description:
          "Über die Begleitung bei der Nutzung der Smart-Werkzeuge und bei der Teilnahme am Leben der Genossenschaft hinaus: Welche Begleitung kann Smart für IHRE Projekte anbieten? Welche Bedürfnisse, welche Erwartungen?",
      },
      en: {
        title: "Support",
        description:
          "Beyond help with using Smart’s tools and taking part in the life of the cooperative, what support should Smart offer for YOUR projects? What needs, what expectations?",
      },
    },
  },
  {
    key: "political-project",
    status: "on_ballot",
    texts: {
      fr: {
        title: "Le projet politique",
        description:
          "C’est inscrit dans nos statuts : au-delà de proposer des services et de répondre aux besoins des sociétaires, Smart porte un projet politique. Quels sont les contours de ce projet ? Que doit-il permettre ? Comment être moteur du changement du monde du travail ? Doit-il être un moyen ou une des fins du projet ? La priorité doit-elle être donnée aux seules questions qui touchent les sociétaires ou doit-on avoir plus d’ambition en termes de transformation sociale, et laquelle ?",
      },
      nl: {
        title: "Het politieke project",
        description:
          "Het staat in onze statuten: naast diensten aanbieden en inspelen op de behoeften van de vennoten draagt Smart een politiek project. Wat zijn de contouren van dat project? Wat moet het mogelijk maken? Hoe kunnen we de verandering van de arbeidswereld mee aandrijven? Is het een middel of een van de doelen van het project? Gaat de voorrang naar de vragen die enkel de vennoten raken, of moeten we ambitieuzer zijn op het vlak van maatschappelijke verandering, en welke?",
      },
      de: {
        title: "Das politische Projekt",
        description:
          "Es steht in unserer Satzung: Über Dienstleistungen und die Bedürfnisse der Genossenschafter hinaus trägt Smart ein politisches Projekt. Welche Umrisse hat dieses Projekt? Was soll es ermöglichen? Wie können wir den Wandel der Arbeitswelt vorantreiben? Ist es ein Mittel oder eines der Ziele des Projekts? Sollen nur die Fragen Vorrang haben, die die Genossenschafter betreffen, oder brauchen wir mehr Ehrgeiz für gesellschaftlichen Wandel, und welchen?",
      },
      en: {
        title: "The political project",
        description:
          "It is written in our articles of association: beyond offering services and meeting shareholders’ needs, Smart carries a political project. What are its outlines? What should it make possible? How can we drive change in the world of work? Is it a means or one of the ends of the project? Should priority go only to the questions that affect shareholders, or should we aim higher for social transformation, and which one?",
      },
    },
  },
  {
    key: "post-crisis",
    status: "on_ballot",
    texts: {
      fr: {
        title: "Un nouvel horizon post-crise sanitaire",
        description:
          "Que les impacts soient conséquents ou plus légers, la crise sanitaire questionne nos trajectoires et notre avenir. Comment accéder à plus de résilience face à ces phénomènes ? À quel rebond sommes-nous invité·es ? Comment nos pratiques vont / doivent évoluer ? Quels impacts sur notre usage de la coopérative ? Et plus globalement sur notre vision de la coopération ?",
      },
      nl: {
        title: "Een nieuwe horizon na de gezondheidscrisis",
        description:
          "Of de gevolgen nu zwaar of lichter zijn, de gezondheidscrisis stelt vragen bij onze trajecten en onze toekomst. Hoe worden we veerkrachtiger tegenover zulke fenomenen? Tot welke heropleving worden we uitgenodigd? Hoe zullen of moeten onze werkwijzen veranderen? Wat betekent dat voor ons gebruik van de coöperatie? En ruimer, voor onze visie op samenwerking?",
      },
      de: {
        title: "Ein neuer Horizont nach der Gesundheitskrise",
        description:
          "Ob die Folgen schwer oder leichter sind: Die Gesundheitskrise stellt unsere Wege und unsere Zukunft in Frage. Wie werden wir widerstandsfähiger gegenüber solchen Ereignissen? Zu welchem Neustart sind wir eingeladen? Wie werden oder müssen sich unsere Arbeitsweisen verändern? Was bedeutet das für unsere Nutzung der Genossenschaft? Und allgemeiner für unser Verständnis von Kooperation?",
      },
      en: {
        title: "A new horizon after the health crisis",
        description:
          "Whether its effects were heavy or lighter, the health crisis questions our paths and our future. How can we become more resilient to such events? What rebound are we invited to? How will, or must, our practices change? What does it mean for how we use the cooperative? And, more broadly, for our vision of cooperation?",
      },
    },
  },
  {
    key: "staff-place",
    status: "on_ballot",
    texts: {
      fr: {
        title:
          "Au sein de la communauté Smart, les salarié·es de l’équipe mutualisée ont-ils et elles une place spécifique ?",
        description:
          "La coopérative amène à questionner les places de chacun·e au sein d’un même outil de travail et pour un projet commun qui assure pérennité et développement. Comment faire en sorte d’avancer collectivement, de participer ensemble en respectant les quotidiens de chacun·e ? Quelles pratiques pouvons-nous développer dans le management, dans les échanges entre sociétaires ? Quelles attentes communes et quelles réciprocités ? Quel rôle peut avoir l’école de la coopération dans l’accompagnement de ces démarches ?",
      },
      nl: {
        title: "Hebben de medewerkers van het gedeelde team een eigen plaats binnen de Smart-gemeenschap?",
        description:
          "De coöperatie doet ons nadenken over ieders plaats binnen eenzelfde werkinstrument en voor een gemeenschappelijk project dat continuïteit en ontwikkeling verzekert. Hoe gaan we samen vooruit en nemen we samen deel, met respect voor ieders dagelijkse werk? Welke praktijken kunnen we ontwikkelen in het management en in de uitwisseling tussen vennoten? Welke gedeelde verwachtingen en welke wederkerigheid? Welke rol kan de school van de samenwerking spelen bij de begeleiding hiervan?",
      },
      de: {
        title: "Haben die Mitarbeitenden des gemeinsamen Teams einen besonderen Platz in der Smart-Gemeinschaft?",
        description:
          "Die Genossenschaft lässt uns nach dem Platz jeder und jedes Einzelnen in einem gemeinsamen Arbeitswerkzeug fragen, für ein gemeinsames Projekt, das Bestand und Entwicklung sichert. Wie kommen wir gemeinsam voran und beteiligen uns gemeinsam, mit Respekt für den Alltag aller? Welche Praktiken können wir in der Führung und im Austausch zwischen Genossenschaftern entwickeln? Welche gemeinsamen Erwartungen und welche Gegenseitigkeit? Welche Rolle kann die Schule der Kooperation dabei spielen?",
      },
      en: {
        title: "Within the Smart community, do the staff of the shared-services team have a specific place?",
        description:
          "The cooperative leads us to question everyone’s place within one shared work tool, for a common project that ensures continuity and development. How can we move forward collectively and take part together while respecting everyone’s daily work? What practices can we develop in management and in exchanges between shareholders? What shared expectations and what reciprocity? What role can the school of cooperation play in supporting this?",
      },
    },
  },
  {
    key: "equality",
    status: "carried_over",
    texts: {
      fr: {
        title: "Penser et agir pour l’égalité",
        description: "La thématique est prolongée pour une nouvelle année et sera binationale.",
      },
      nl: {
        title: "Denken en handelen voor gelijkheid",
        description: "Dit thema wordt met een jaar verlengd en wordt binationaal.",
      },
      de: {
        title: "Für Gleichheit denken und handeln",
        description: "Dieses Thema wird um ein Jahr verlängert und wird binational.",
      },
      en: {
        title: "Thinking and acting for equality",
        description: "This theme is extended for another year and becomes binational.",
      },
    },
  },
  {
    key: "economic-model",
    status: "carried_over",
    only: "smart-fr",
    texts: {
      fr: {
        title: "Mutualiste, redistributif, solidaire : un modèle économique viable ?",
        description: "Pour information, la thématique est prolongée pour une nouvelle année en France.",
      },
      nl: {
        title: "Mutualistisch, herverdelend, solidair: een leefbaar economisch model?",
        description: "Ter informatie: dit thema wordt in Frankrijk met een jaar verlengd.",
      },
      de: {
        title: "Auf Gegenseitigkeit, umverteilend, solidarisch: ein tragfähiges Wirtschaftsmodell?",
        description: "Zur Information: Dieses Thema wird in Frankreich um ein Jahr verlängert.",
      },
      en: {
        title: "Mutualist, redistributive, solidarity-based: a viable economic model?",
        description: "For information: this theme is extended for another year in France.",
      },
    },
  },
];

const TITLES_2015: Texts<string> = {
  fr: "Smart in Progress 2015–2016 : construire la future coopérative",
  nl: "Smart in Progress 2015–2016: de toekomstige coöperatie bouwen",
  de: "Smart in Progress 2015–2016: die künftige Genossenschaft gestalten",
  en: "Smart in Progress 2015–2016: building the future cooperative",
};

const RULES_2015: Texts<string> = {
  fr: `Le Conseil d’administration propose quatre thèmes pour construire la future coopérative.

Quatre groupes de travail, ouverts à toutes les parties prenantes (membres, clients, partenaires, permanents), se réunissent environ une fois par mois du 22 octobre 2015 au 14 avril 2016, avec un·e animateur·rice et un ou deux administrateur·rices référent·es. Les comptes rendus sont publiés.

Les recommandations des groupes sont remises au Conseil d’administration le 14 avril 2016. Le Conseil les instruit et en tire le plan stratégique.

L’Assemblée générale de juin 2016 en débat et vote.`,
  nl: `De raad van bestuur stelt vier thema’s voor om de toekomstige coöperatie te bouwen.

Vier werkgroepen, open voor alle betrokkenen (leden, klanten, partners, vaste medewerkers), komen van 22 oktober 2015 tot 14 april 2016 ongeveer één keer per maand samen, met een begeleider en een of twee referentiebestuurders. De verslagen worden gepubliceerd.

De aanbevelingen van de groepen worden op 14 april 2016 aan de raad van bestuur overhandigd. De raad onderzoekt ze en leidt er het strategisch plan uit af.

De algemene vergadering van juni 2016 bespreekt het en stemt erover.`,
  de: `Der Verwaltungsrat schlägt vier Themen vor, um die künftige Genossenschaft zu gestalten.

Vier Arbeitsgruppen, offen für alle Beteiligten (Mitglieder, Kunden, Partner, Festangestellte), treffen sich vom 22. Oktober 2015 bis zum 14. April 2016 etwa einmal im Monat, mit einer Moderation und ein oder zwei Referenz-Verwaltungsratsmitgliedern. Die Protokolle werden veröffentlicht.

Die Empfehlungen der Gruppen werden dem Verwaltungsrat am 14. April 2016 übergeben. Der Verwaltungsrat prüft sie und leitet daraus den strategischen Plan ab.

Die Generalversammlung im Juni 2016 berät darüber und stimmt ab.`,
  en: `The board proposes four themes to build the future cooperative.

Four working groups, open to every stakeholder (members, clients, partners, staff), meet about once a month from 22 October 2015 to 14 April 2016, each with a facilitator and one or two referent board members. Their minutes are published.

The groups hand their recommendations to the board on 14 April 2016. The board instructs them and draws the strategic plan from them.

The general assembly of June 2016 debates and votes.`,
};

const TITLES_2020: Texts<string> = {
  fr: "Smart in Progress 2020–2021 : les thèmes de l’année",
  nl: "Smart in Progress 2020–2021: de thema’s van het jaar",
  de: "Smart in Progress 2020–2021: die Themen des Jahres",
  en: "Smart in Progress 2020–2021: the themes of the year",
};

const RULES_2020: Texts<string> = {
  fr: `Le Conseil d’administration propose les thèmes de l’année. Les sociétaires de Smart Belgique et de Smart France les classent par ordre de préférence ; le résultat du vote désigne les thèmes des groupes de travail. Les thèmes prolongés sont présentés pour information et ne sont pas classés.

Chaque groupe de travail se réunit environ une fois par mois pendant six mois, avec un·e animateur·rice, un ou deux administrateur·rices référent·es et un secrétariat de séance. Les comptes rendus sont publiés.

Les groupes rédigent des recommandations. Le Conseil d’administration les instruit : il les retient, les amende, les fusionne ou ne les retient pas, en donnant ses raisons, et en fait des propositions.

L’Assemblée générale vote les propositions.`,
  nl: `De raad van bestuur stelt de thema’s van het jaar voor. De vennoten van Smart België en Smart Frankrijk rangschikken ze in volgorde van voorkeur; de uitslag van de stemming bepaalt de thema’s van de werkgroepen. Verlengde thema’s worden ter informatie getoond en worden niet gerangschikt.

Elke werkgroep komt zes maanden lang ongeveer één keer per maand samen, met een begeleider, een of twee referentiebestuurders en een secretaris. De verslagen worden gepubliceerd.

De groepen schrijven aanbevelingen. De raad van bestuur onderzoekt ze: hij neemt ze over, wijzigt ze, voegt ze samen of neemt ze niet over, met opgave van redenen, en maakt er voorstellen van.

De algemene vergadering stemt over de voorstellen.`,
  de: `Der Verwaltungsrat schlägt die Themen des Jahres vor. Die Genossenschafter von Smart Belgien und Smart Frankreich ordnen sie nach ihrer Präferenz; das Ergebnis der Abstimmung bestimmt die Themen der Arbeitsgruppen. Verlängerte Themen werden zur Information gezeigt und nicht eingeordnet.

Jede Arbeitsgruppe trifft sich sechs Monate lang etwa einmal im Monat, mit einer Moderation, ein oder zwei Referenz-Verwaltungsratsmitgliedern und einem Protokoll. Die Protokolle werden veröffentlicht.

Die Gruppen schreiben Empfehlungen. Der Verwaltungsrat prüft sie: Er übernimmt, ändert, fasst zusammen oder übernimmt sie nicht, mit Begründung, und macht daraus Vorschläge.

Die Generalversammlung stimmt über die Vorschläge ab.`,
  en: `The board proposes the themes of the year. The shareholders of Smart Belgium and Smart France rank them by preference; the result of the vote picks the themes of the working groups. Carried-over themes are shown for information and are not ranked.

Each working group meets about once a month for six months, with a facilitator, one or two referent board members and a secretary. Their minutes are published.

The groups write recommendations. The board instructs them: it retains, amends, merges or does not retain each one, giving its reasons, and turns them into proposals.

The general assembly votes on the proposals.`,
};

/** "2026-11-20" plus n days. */
function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function brussels(isoDate: string, time: string): Date {
  const parsed = fromBrusselsLocal(`${isoDate}T${time}`);
  if (!parsed.ok) throw new Error(`demo schedule: ${isoDate}T${time} does not exist in Brussels`);
  return parsed.date;
}

async function insertCycle(
  tx: Queryable,
  cycle: { slug: string; name: string; organisationIds: string[]; titles: Texts<string>; rules: Texts<string> },
  phases: Array<[Phase, string, string]>,
  list: DemoTheme[],
  organisationIdOf: (slug: "smart-fr") => string,
): Promise<{ id: string; themeIds: Map<string, string> }> {
  const [row] = await tx
    .insert(cycles)
    .values({ slug: cycle.slug, name: cycle.name, sourceLanguage: "fr" })
    .returning({ id: cycles.id });
  const cycleId = row!.id;
  await tx
    .insert(cycleOrganisations)
    .values(cycle.organisationIds.map((organisationId) => ({ cycleId, organisationId })));
  await tx.insert(cycleTranslations).values(
    (["fr", "nl", "de", "en"] as const).map((locale) => ({
      cycleId,
      locale,
      title: cycle.titles[locale],
      rules: cycle.rules[locale],
    })),
  );
  await tx
    .insert(cyclePhases)
    .values(phases.map(([phase, startsOn, endsOn]) => ({ cycleId, phase, startsOn, endsOn })));
  const themeIds = new Map<string, string>();
  for (const [position, theme] of list.entries()) {
    const [inserted] = await tx
      .insert(themes)
      .values({
        cycleId,
        key: theme.key,
        position,
        status: theme.status,
        organisationId: theme.only ? organisationIdOf(theme.only) : null,
        sourceLanguage: "fr",
      })
      .returning({ id: themes.id });
    themeIds.set(theme.key, inserted!.id);
    await tx.insert(themeTranslations).values(
      (["fr", "nl", "de", "en"] as const).map((locale) => ({
        themeId: inserted!.id,
        locale,
        ...theme.texts[locale],
      })),
    );
  }
  return { id: cycleId, themeIds };
}

/**
 * The demo's cycles: the first year in Belgium (2015–2016, its four themes selected) and the
 * binational 2020–2021 cycle with its theme ballot as a draft that opens tomorrow at 09:00
 * (Brussels) and closes in 15 days, so that the demo always has a ballot to open.
 */
export async function seedDemoCycles(tx: Queryable, now: Date = new Date()): Promise<void> {
  const orgRows = await tx
    .select({ id: organisations.id, slug: organisations.slug })
    .from(organisations)
    .where(inArray(organisations.slug, ["smart-be", "smart-fr"]));
  const be = orgRows.find((o) => o.slug === "smart-be")?.id;
  const fr = orgRows.find((o) => o.slug === "smart-fr")?.id;
  if (!be || !fr) throw new Error("the demo cycles need the organisations smart-be and smart-fr");
  const organisationIdOf = () => fr;

  await insertCycle(
    tx,
    {
      slug: "2015-2016",
      name: "Smart in Progress 2015–2016",
      organisationIds: [be],
      titles: TITLES_2015,
      rules: RULES_2015,
    },
    [
      ["themes", "2015-10-01", "2015-10-21"],
      ["working_groups", "2015-10-22", "2016-04-14"],
      ["recommendations", "2016-04-14", "2016-04-14"],
      ["board", "2016-04-15", "2016-06-27"],
      ["assembly", "2016-06-28", "2016-06-28"],
    ],
    THEMES_2015,
    organisationIdOf,
  );

  const today = toBrusselsLocal(now).slice(0, 10);
  const ballotOpens = addDays(today, 1);
  const ballotCloses = addDays(today, 15);
  const current = await insertCycle(
    tx,
    {
      slug: "2020-2021",
      name: "Smart in Progress 2020–2021",
      organisationIds: [be, fr],
      titles: TITLES_2020,
      rules: RULES_2020,
    },
    [
      ["themes", today, ballotCloses],
      ["working_groups", addDays(today, 30), addDays(today, 210)],
      ["recommendations", addDays(today, 211), addDays(today, 240)],
      ["board", addDays(today, 241), addDays(today, 270)],
      ["assembly", addDays(today, 280), addDays(today, 280)],
      ["implementation", addDays(today, 281), addDays(today, 646)],
    ],
    THEMES_2020,
    organisationIdOf,
  );

  const [ballot] = await tx
    .insert(ballots)
    .values({
      cycleId: current.id,
      kind: "ranked",
      method: "schulze",
      seats: 1,
      title: "Smart in Progress 2020-2021 : adoption des nouveaux thèmes",
      status: "draft",
      electorate: { organisationIds: [be, fr].sort(), shareholdersOnly: true, collegeKeys: [] },
      allowRecast: true,
      opensAt: brussels(ballotOpens, "09:00"),
      closesAt: brussels(ballotCloses, "18:00"),
      reminderHours: 48,
    })
    .returning({ id: ballots.id });
  const ranked = THEMES_2020.filter((t) => t.status === "on_ballot");
  await tx.insert(ballotOptions).values(
    ranked.map((t, position) => ({
      ballotId: ballot!.id,
      key: t.key,
      themeId: current.themeIds.get(t.key)!,
      position,
    })),
  );
}
