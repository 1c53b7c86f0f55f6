import type { BoardDecision, RecommendationSection } from "../schema/recommendations.js";

/*
 * INVENTED FOR THE DEMO. The booklet (seed 003) ends with the groups' recommendations: it does
 * not say what the board decided on each, which proposals went before the general assembly, nor
 * how the assembly voted. Everything in this file — decisions, reasons, amendments, action
 * proposals, the assembly of 28 June 2016 and its counts — is made up so that a visitor of the
 * demo sees the whole trace of a recommendation. The 28 June 2016 date is the assembly the
 * booklet's cover letter announces; nothing else here comes from a document.
 */

export interface DemoBoardDecision {
  decision: BoardDecision;
  reasons: string;
  /** For "merged": the number of the recommendation it joins. */
  mergedInto?: number;
}

const retained = (reasons: string): DemoBoardDecision => ({ decision: "retained", reasons });

/** The board's decision on each of the 37 recommendations (invented), by number. */
export const DEMO_BOARD_DECISIONS: Record<number, DemoBoardDecision> = {
  1: retained("Le Conseil fait de ce positionnement le fil rouge du futur plan stratégique."),
  2: retained("L'ouverture à tous les métiers est confirmée, dans le respect des professions réglementées."),
  3: retained("Le Conseil propose à l'assemblée générale de créer le comité, avec la recommandation 37."),
  4: retained("Le passage à un accompagnement économique est une priorité des équipes de conseillers."),
  5: retained("Retenue ; les événements de réseautage de la recommandation 14 y sont rattachés."),
  6: retained("Les espaces partagés existants seront animés en ce sens, ville par ville."),
  7: retained("Retenue : les partenariats seront recensés et relayés auprès des membres."),
  8: retained("Retenue sous forme de rencontres ponctuelles par métier, à l'initiative des membres."),
  9: retained("Le Conseil s'engage à poursuivre SMart in Progress au-delà de 2016."),
  10: retained("Retenue ; les outils de suivi seront traités avec la recommandation 15."),
  11: retained("Retenue : une aide mutualisée aux dossiers de subsides sera étudiée en premier."),
  12: {
    decision: "not_retained",
    reasons:
      "Non retenue pour l'instant : un annuaire public pose des questions de protection des données qu'il faut d'abord régler.",
  },
  13: retained("Retenue : une veille des appels à projets sera testée dans deux bureaux."),
  14: {
    decision: "merged",
    mergedInto: 5,
    reasons:
      "Fusionnée avec la recommandation 5 : le réseautage fait partie de l'économie collaborative entre membres.",
  },
  15: retained("Des groupes d'utilisateurs des outils seront réunis deux fois par an."),
  16: retained("Retenue ; elle suit l'entrée des clients dans la coopérative (recommandation 27)."),
  17: retained("Retenue : une permanence en soirée sera essayée dans les grands bureaux."),
  18: {
    decision: "not_retained",
    reasons:
      "Non retenue : les réductions chez des fournisseurs existent déjà et l'entraide entre membres relève de la recommandation 11.",
  },
  19: retained("Les valeurs seront inscrites dans les statuts de la coopérative."),
  20: {
    decision: "retained_amended",
    reasons:
      "Retenue amendée : la part sociale est encouragée sans conditionner l'accès aux services, comme le demande la recommandation 30.",
  },
  21: retained("Retenue ; les nouvelles conditions de paiement seront expliquées aux clients avant d'être appliquées."),
  22: retained("Retenue : la renégociation des contrats fournisseurs se poursuit."),
  23: retained("Le pourcentage unique est maintenu ; l'avis minoritaire est noté."),
  24: {
    decision: "retained_amended",
    reasons: "Retenue amendée : un rapport annuel des coûts nourrira le débat sur le taux.",
  },
  25: retained("Retenue : le transfert de tout le patrimoine à la coopérative est prévu dans les statuts."),
  26: retained("Le budget prévisionnel sera présenté et débattu à chaque assemblée générale."),
  27: retained("Retenue : la coopérative accueillera les quatre parties prenantes."),
  28: retained(
    "Retenue ; les catégories de sociétaires sont proposées à l'assemblée générale avec la recommandation 29.",
  ),
  29: {
    decision: "retained_amended",
    reasons: "Retenue amendée : les statuts fixeront les quorums, y compris par collège.",
  },
  30: retained("Retenue : l'accès aux services restera ouvert aux non-sociétaires."),
  31: retained("Retenue : pas de dividende, remboursement des parts à leur valeur nominale."),
  32: retained("Retenue : le capital reste variable et ouvert."),
  33: {
    decision: "retained_amended",
    reasons: "Retenue amendée : les assemblées pourront se tenir sur plusieurs sites le même jour.",
  },
  34: retained("Retenue : des espaces de dialogue précéderont chaque assemblée générale."),
  35: retained("Retenue ; elle regroupe aussi les relais de proximité de la recommandation 36."),
  36: {
    decision: "merged",
    mergedInto: 35,
    reasons: "Fusionnée avec la recommandation 35 : formation et relais de proximité forment un seul programme.",
  },
  37: retained("Retenue : une charte de valeurs sera rédigée avec le futur comité d'éthique."),
};

export interface DemoAmendment {
  number: number;
  section: RecommendationSection;
  /** Lines of version 1's section, numbered at 80 characters. */
  fromLine: number;
  toLine: number;
  replacement: string;
  reason: string;
}

/** The board's amendments (invented), accepted and merged into version 2 of each. */
export const DEMO_AMENDMENTS: DemoAmendment[] = [
  {
    number: 20,
    section: "argumentation",
    fromLine: 1,
    toLine: 2,
    replacement:
      "Inviter chaque utilisateur à souscrire une part sociale, sans en faire une condition d'accès aux services (voir recommandation 30), encourager des parts supplémentaires sans dividende, étudier des prêts à intérêt raisonnable",
    reason: "Accorder la recommandation avec la recommandation 30 : pas d'obligation de souscrire.",
  },
  {
    number: 24,
    section: "argumentation",
    fromLine: 3,
    toLine: 3,
    replacement:
      "avec tous les coopérateurs une fois la coopérative en place, sur la base d'un rapport annuel des coûts publié avant l'assemblée générale.",
    reason: "Donner au débat une base chiffrée, chaque année.",
  },
  {
    number: 29,
    section: "attention",
    fromLine: 1,
    toLine: 2,
    replacement:
      "Un quorum selon le type de décision est nécessaire ; les statuts diront s'il s'applique aussi à chaque collège. Une participation de 15 à 20 %",
    reason: "Renvoyer aux statuts le choix que le groupe a laissé ouvert.",
  },
  {
    number: 33,
    section: "argumentation",
    fromLine: 4,
    toLine: 4,
    replacement:
      "assemblées tenues sur plusieurs sites le même jour, dans la langue de chaque région (français, néerlandais, allemand).",
    reason: "Préciser la forme des assemblées décentralisées, sans oublier les membres germanophones.",
  },
];

export interface DemoProposal {
  number: number;
  title: string;
  description: string;
  recommendations: number[];
  decisionKind: "ordinary" | "extraordinary";
  /** Share of each site's and college's voters voting no and abstaining (invented counts). */
  no: number;
  abstain: number;
}

/** The board's action proposals to the general assembly of Smart Belgique (invented). */
export const DEMO_PROPOSALS: DemoProposal[] = [
  {
    number: 1,
    title: "Créer un comité d'éthique ouvert à toutes les parties prenantes",
    description:
      "Un comité d'éthique réunissant membres, permanents, clients et partenaires accompagne les questions éthiques des métiers et rédige une charte de valeurs.",
    recommendations: [3, 37],
    decisionKind: "ordinary",
    no: 0.1,
    abstain: 0.1,
  },
  {
    number: 2,
    title: "Ouvrir la coopérative à quatre collèges de sociétaires et fixer les règles de vote dans les statuts",
    description:
      "Les statuts de la coopérative prévoient quatre collèges (membres-utilisateurs, permanents, clients, partenaires), le poids de chacun et les quorums. Modification des statuts : majorité des deux tiers.",
    recommendations: [27, 28, 29],
    decisionKind: "extraordinary",
    no: 0.15,
    abstain: 0.1,
  },
  {
    number: 3,
    title: "Garder un sociétariat libre et accessible, sans dividende",
    description:
      "La part sociale est accessible à tous sans conditionner l'accès aux services ; le capital reste variable et ouvert ; les bénéfices sont réinvestis.",
    recommendations: [20, 30, 31, 32],
    decisionKind: "ordinary",
    no: 0.2,
    abstain: 0.1,
  },
  {
    number: 4,
    title: "Préserver les communs et rendre les coûts transparents",
    description:
      "Le patrimoine de SMart passe entier à la coopérative ; le taux unique est maintenu et un rapport annuel des coûts est débattu en assemblée.",
    recommendations: [23, 24, 25, 26],
    decisionKind: "ordinary",
    no: 0.25,
    abstain: 0.15,
  },
  {
    number: 5,
    title: "Faire vivre la participation au plus près des membres",
    description:
      "Des rencontres décentralisées, des espaces de dialogue avant l'assemblée, une formation des sociétaires et un SMart in Progress permanent.",
    recommendations: [9, 33, 34, 35],
    decisionKind: "ordinary",
    no: 0.05,
    abstain: 0.1,
  },
  {
    number: 6,
    title: "Accompagner les membres et les mettre en réseau",
    description:
      "Un accompagnement économique par les conseillers, des espaces de travail partagé animés et une aide mutualisée aux dossiers de subsides.",
    recommendations: [4, 5, 6, 11],
    decisionKind: "ordinary",
    no: 0.1,
    abstain: 0.05,
  },
];

/** The statutory item voted the same day, before the proposals (invented counts). */
export const DEMO_STATUTORY_ITEM = {
  title: "Approbation des comptes annuels 2015",
  description: "Les comptes de l'exercice 2015 sont présentés par le Conseil d'administration.",
  no: 0.05,
  abstain: 0.15,
};
