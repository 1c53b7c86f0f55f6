import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Locale } from "../../i18n/locales.js";
import { checkTitle } from "./title.js";

/** The 37 titles of the 2016 booklet (seed 003), as printed, line-end hyphens joined. */
const SEED_003_TITLES = [
  "Continuer à porter et revendiquer haut et fort un nouveau modèle de travail et de société basé sur la collectivité.",
  "S’ouvrir à tous: à tous les profils ainsi qu’à tous les métiers.",
  "Créer en son sein un comité d’éthique.",
  "Renforcer son rôle d’accompagnateur économique et ainsi permettre à tous de se professionnaliser.",
  "Renforcer l’économie collaborative en son sein.",
  "Valoriser la communauté collaborative et permettre les échanges, via les lieux de travail partagé.",
  "S’intégrer au cœur des communautés, travailler en collaboration avec des structures afin de mieux les connaître et ainsi développer ses services – SMart ne peut fonctionner seul.",
  "Mener des actions spécifiques et ponctuelles envers les secteurs professionnels.",
  "Être dans un état de réflexion continu, un «SMart in Progress permanent».",
  "Proposer des services adaptés à l’échelle des Activités ayant atteint un stade de développement plus avancé.",
  "Favoriser la mutualisation de services entre membres, par et pour eux.",
  "Mettre en place un annuaire de ses membres-utilisateurs.",
  "Faciliter l’accès à l’information sur les appels à projets et marchés publics.",
  "Organiser – ou s’associer à – des événements de réseautage.",
  "Améliorer les outils informatiques via des groupes de travail entre les différents intervenants de la «chaîne» SMart.",
  "Renforcer le lien avec les clients.",
  "Accroître les périodes de disponibilité et la proximité des conseillers.",
  "Profiter du nombre pour négocier des achats ou des avantages pour les coopérateurs SMart.",
  "Articuler le modèle économique autour d’un socle de valeurs.",
  "Garantir l’autonomie financière au moyen de levées de fonds en adéquation avec les valeurs.",
  "Assumer de manière durable la mutualisation des risques par la responsabilisation des clients et utilisateurs des services.",
  "Poursuivre les réductions de coûts, sans que cela ne porte atteinte à la qualité des services aux utilisateurs et favoriser les fournisseurs qui partagent les mêmes valeurs.",
  "Conserver une tarification solidaire sous forme d’un pourcentage identique pour tous et appliqué sur toutes les factures, en veillant à garantir à chaque utilisateur des services adaptés à ses réalités et besoins économiques.",
  "Ne pas augmenter les 6,5 % mais renforcer la transparence sur les prélèvements en vue de débattre du montant des coûts SMart, avec l’ensemble des coopérateurs, une fois la coopérative fonctionnelle.",
  "Préserver la totalité du patrimoine collectif actuel au bénéfice de tous et continuer à l’affecter totalement à la réalisation de l’objet social statutaire de SMart.",
  "Donner aux coopérateurs le pouvoir de décider des stratégies d’investissement des ressources communes et se doter des moyens pour faire vivre une démocratie économique effective.",
  "Rassembler dans la coopérative les différentes parties prenantes: les entrepreneurs-salariés, les permanents, les clients et les partenaires.",
  "Étudier l’opportunité de créer plusieurs catégories de sociétaires au sein de la coopérative.",
  "Bien définir le processus de participation aux votes.",
  "Ne pas rendre obligatoire la souscription de parts sociales pour utiliser les services SMart.",
  "Faire en sorte qu’un sociétaire sortant puisse récupérer son capital dans de bonnes conditions et de ne pas redistribuer de dividendes.",
  "Ne pas limiter le capital ni le nombre de sociétaires.",
  "Accorder une attention particulière au partage de l’information et à la participation démocratique au niveau local dans le cadre d’une coopérative nationale.",
  "Mettre en place des outils permettant de dialoguer et de s’impliquer dans le projet en amont des instances institutionnelles existantes (c’est-à-dire Assemblée Générale (AG), Conseil d’Administration (CA) et Direction Générale (DG).",
  "Former/éduquer les sociétaires à leurs rôles et responsabilités.",
  "Mettre en place des relais humains de proximité afin de faciliter une implication plus poussée et une appropriation de ce que signifie faire partie d’une coopérative.",
  "Définir le projet idéologique et politique de la coopérative et un cadre de valeurs auquel les coopérateurs doivent adhérer.",
];

const SEED_003 = fileURLToPath(new URL("../../../../shared/seeds/003_463cd2b1b09b3a21.txt", import.meta.url));

/** The first printed line of each numbered title in the booklet's first summary. */
function titleLinesOfSeed(text: string): Map<number, string> {
  const lines = text.split("\n");
  const from = lines.findIndex((l) => l.includes("LE GROUPE DE TRAVAIL RECOMMANDE"));
  const found = new Map<number, string>();
  for (const line of lines.slice(from)) {
    const m = /^(\d{1,2})[\s\uFFFD]+(\p{L}.*?)\s*$/u.exec(line);
    if (!m) continue;
    const n = Number(m[1]);
    if (n >= 1 && n <= 37 && !found.has(n)) found.set(n, m[2]!);
    if (found.size === 37) break;
  }
  return found;
}

function expectAccepted(language: Locale, titles: readonly string[]) {
  const refused = titles
    .map((title) => ({ title, check: checkTitle(title, language) }))
    .filter(({ check }) => !check.ok);
  expect(refused).toEqual([]);
}

function expectRefused(language: Locale, titles: readonly string[]) {
  const accepted = titles.filter((title) => checkTitle(title, language).ok);
  expect(accepted).toEqual([]);
}

describe("checkTitle on the 2016 booklet", () => {
  it("accepts all 37 titles of seed 003", () => {
    expect(SEED_003_TITLES).toHaveLength(37);
    expectAccepted("fr", SEED_003_TITLES);
  });

  it("lists the titles as the seed file prints them", () => {
    const printed = titleLinesOfSeed(readFileSync(SEED_003, "utf8"));
    expect(printed.size).toBe(37);
    for (const [n, line] of printed) {
      const withoutHyphenatedEnd = line.replace(/\s*\S*-$/, "").replace(/\s+/g, " ");
      expect(SEED_003_TITLES[n - 1]).toContain(withoutHyphenatedEnd);
      expect(checkTitle(line, "fr")).toMatchObject({ ok: true });
    }
  });

  it("names the verb it found", () => {
    expect(checkTitle("Créer en son sein un comité d’éthique.", "fr")).toEqual({ ok: true, verb: "Créer" });
    expect(checkTitle("S’ouvrir à tous", "fr")).toEqual({ ok: true, verb: "ouvrir" });
    expect(checkTitle("Ne pas limiter le capital", "fr")).toEqual({ ok: true, verb: "limiter" });
    expect(checkTitle("Bien définir le processus", "fr")).toEqual({ ok: true, verb: "définir" });
  });
});

describe("checkTitle in French", () => {
  it("accepts infinitives in -er, -ir, -oir and -re, pronominal and negative forms", () => {
    expectAccepted("fr", [
      "Se doter d'une charte de valeurs",
      "S'y engager pleinement",
      "S'en tenir aux statuts",
      "Ne plus augmenter les frais de gestion",
      "Mieux informer les membres",
      "Conclure un accord avec les partenaires",
      "Prendre le temps de débattre",
      "Recevoir les nouveaux membres",
      "Savoir dire non",
      "Réduire les coûts",
      "Écrire une charte",
      "Connaître ses membres",
      "Construire ensemble",
      "Élire le conseil d'administration",
      "Tout mettre en œuvre pour la transparence",
      "CRÉER UN COMITÉ D'ÉTHIQUE",
      "« Mettre en place » un annuaire",
    ]);
  });

  it("refuses articles, determiners, nouns, conjugated verbs and look-alikes", () => {
    expectRefused("fr", [
      "Le comité d'éthique",
      "Un comité d'éthique",
      "Leur rôle d'accompagnateur",
      "L'opportunité de créer des catégories",
      "Notre projet",
      "Pour un comité d'éthique",
      "Sur la transparence des coûts",
      "Hier et aujourd'hui",
      "Création d'un comité d'éthique",
      "Créons un comité d'éthique",
      "Créez un comité",
      "Nous créons un comité",
      "Comité d'éthique",
      "Dernier point",
      "Améliore les outils",
      "Membre du conseil",
      "Centre de ressources",
      "Partenaire privilégié",
      "Histoire de la coopérative",
      "Ne pas",
      "2016 : créer un comité",
    ]);
  });

  it("gives a reason the interface can show, with the word", () => {
    expect(checkTitle("Le comité d'éthique", "fr")).toEqual({ ok: false, reason: "startsWithDeterminer", word: "Le" });
    expect(checkTitle("L’opportunité", "fr")).toEqual({ ok: false, reason: "startsWithDeterminer", word: "L'" });
    expect(checkTitle("Nous créons", "fr")).toEqual({ ok: false, reason: "startsWithPronoun", word: "Nous" });
    expect(checkTitle("Pour un comité", "fr")).toEqual({ ok: false, reason: "notInfinitive", word: "Pour" });
    expect(checkTitle("Hier", "fr")).toEqual({ ok: false, reason: "notInfinitive", word: "Hier" });
    expect(checkTitle("Ne pas créons", "fr")).toEqual({ ok: false, reason: "notInfinitive", word: "créons" });
  });

  it("finds an empty title, or one without words", () => {
    expect(checkTitle("", "fr")).toEqual({ ok: false, reason: "empty" });
    expect(checkTitle("   \n ", "fr")).toEqual({ ok: false, reason: "empty" });
    expect(checkTitle("– … !", "fr")).toEqual({ ok: false, reason: "empty" });
  });
});

describe("checkTitle in Dutch", () => {
  it("accepts the infinitive last or first", () => {
    expectAccepted("nl", [
      "Een ethisch comité oprichten",
      "Oprichten van een ethisch comité",
      "Zorgen voor meer transparantie",
      "Invoeren van een ledenregister",
      "De banden met de klanten versterken",
      "Zich openstellen voor iedereen",
      "Een gids voor de leden opstellen",
      "Over de kosten transparant zijn",
      "Samenwerken met andere coöperaties",
      "Niet verplicht maken om aandelen te kopen",
      "Het ledenaantal niet beperken",
      "Doorgaan met het project",
      "Voor iedereen openstaan",
      "Beter informeren",
    ]);
  });

  it("refuses titles with no infinitive first or last, sentences and commands", () => {
    expectRefused("nl", [
      "Het ethisch comité",
      "Oprichting van een ethisch comité",
      "Richt een ethisch comité op",
      "Wij willen een comité oprichten",
      "Laten we samenwerken",
      "Zorg voor transparantie",
      "Meer transparantie over de kosten",
      "Een ledenregister",
      "Transparantie voor iedereen",
      "Ledenvergadering in Brussel",
      "Samen sterker",
      "Het comité wordt opgericht",
    ]);
  });

  it("gives the first and the last word", () => {
    expect(checkTitle("Het ethisch comité", "nl")).toEqual({
      ok: false,
      reason: "notInfinitive",
      word: "Het",
      lastWord: "comité",
    });
    expect(checkTitle("Laten we samenwerken", "nl")).toEqual({ ok: false, reason: "imperative", word: "Laten we" });
    expect(checkTitle("Een ethisch comité oprichten", "nl")).toEqual({ ok: true, verb: "oprichten" });
  });
});

describe("checkTitle in German", () => {
  it("accepts the infinitive last (lowercase) or first", () => {
    expectAccepted("de", [
      "Ein Ethikkomitee gründen",
      "Sich für alle öffnen",
      "Gründen eines Ethikkomitees",
      "Die Beziehung zu den Kunden stärken",
      "Die Transparenz der Kosten verbessern",
      "Das Kapital nicht begrenzen",
      "Ein Mitgliederverzeichnis einführen",
      "Weiterhin ein neues Arbeitsmodell vertreten",
      "In einem ständigen Reflexionsprozess sein",
      "Die Mitglieder besser informieren",
      "Lokale Beteiligung fördern",
      "Gemeinsam handeln",
      "Gutes tun",
      "EIN ETHIKKOMITEE GRÜNDEN",
    ]);
  });

  it("refuses nouns, conjugated verbs, sentences and commands", () => {
    expectRefused("de", [
      "Gründen Sie ein Ethikkomitee",
      "Unterstützen wir die Mitglieder",
      "Gründung eines Ethikkomitees",
      "Ein Ethikkomitee",
      "Wir gründen ein Ethikkomitee",
      "Mehr Transparenz bei den Kosten",
      "Das Ethikkomitee wird gegründet",
      "Gründe ein Ethikkomitee",
      "Transparenz für alle",
      "Für alle offen",
      "Die Regeln",
      "Zusammen stärker",
    ]);
  });

  it("names a command as such", () => {
    expect(checkTitle("Gründen Sie ein Ethikkomitee", "de")).toEqual({
      ok: false,
      reason: "imperative",
      word: "Gründen Sie",
    });
    expect(checkTitle("Wir gründen ein Ethikkomitee", "de")).toEqual({
      ok: false,
      reason: "startsWithPronoun",
      word: "Wir",
    });
  });
});

describe("checkTitle in English", () => {
  it("accepts a base verb first, or “to” and a base verb", () => {
    expectAccepted("en", [
      "Create an ethics committee",
      "To create an ethics committee",
      "Set up a directory of member-workers",
      "Open up to everyone",
      "Bring the stakeholders together",
      "Clearly define the voting process",
      "Do not make shares compulsory",
      "Don't limit the capital",
      "Focus on local participation",
      "Address the needs of members",
      "Strengthen the link with clients",
      "Implement tools for dialogue",
      "Be in a state of continuous reflection",
      "Apply a single percentage to all invoices",
      "Preserve the collective heritage",
    ]);
  });

  it("refuses articles, pronouns, gerunds, pasts, -s forms and nouns", () => {
    expectRefused("en", [
      "The ethics committee",
      "An ethics committee for all",
      "Creating an ethics committee",
      "Our members first",
      "We create an ethics committee",
      "It is time to act",
      "Creation of an ethics committee",
      "Members' directory",
      "Transparency on costs",
      "Created an ethics committee",
      "Creates a committee",
      "Clearly defining the process",
      "To the members",
      "For all members",
      "Should create a committee",
      "New services for members",
      "2016 action plan",
      "To",
    ]);
  });

  it("names a gerund, and the word after “to”", () => {
    expect(checkTitle("Creating an ethics committee", "en")).toEqual({
      ok: false,
      reason: "startsWithGerund",
      word: "Creating",
    });
    expect(checkTitle("The committee", "en")).toEqual({ ok: false, reason: "startsWithDeterminer", word: "The" });
    expect(checkTitle("We create", "en")).toEqual({ ok: false, reason: "startsWithPronoun", word: "We" });
    expect(checkTitle("To the members", "en")).toEqual({ ok: false, reason: "notInfinitive", word: "the" });
    expect(checkTitle("To create a committee", "en")).toEqual({ ok: true, verb: "create" });
  });
});
