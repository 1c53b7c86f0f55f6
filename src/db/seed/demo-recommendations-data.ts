import type { Footnote, ParticipantQuote, RecommendationSections } from "../schema/recommendations.js";

/**
 * The 37 recommendations of the 2016 booklet (seed 003, "Recommandations des workshops SMart in
 * Progress", 14 April 2016). Numbers, titles and groups are the booklet's, the titles verbatim
 * (line-end hyphens joined). Every section is a short summary written for the demo, not the
 * booklet's text; a section the booklet does not have stays empty. Quotes are paraphrases put in
 * the mouth of invented people (first names that appear nowhere in the booklet).
 */

export type DemoGroupKey = "publics" | "services" | "economic-model" | "governance";

/**
 * The six strategic axes of "Smart 2025" (seed 002), as keys of `recommendations.axes`. A
 * recommendation names an axis only where the link is obvious.
 */
export const DEMO_AXES = [
  { key: "open-to-all", axis: 1, fr: "Smart ouverte à toutes celles et ceux qui en ont besoin" },
  { key: "services-for-each", axis: 2, fr: "Smart pour chacun·e" },
  { key: "support-projects", axis: 3, fr: "Smart au service de mon projet" },
  { key: "democracy", axis: 4, fr: "Smart comme expérience démocratique et participative" },
  { key: "social-change", axis: 5, fr: "Smart comme actrice de transformation sociale" },
  { key: "economic-model", axis: 6, fr: "Une entreprise solide pour porter le projet commun" },
] as const;
export type DemoAxis = (typeof DEMO_AXES)[number]["key"];

export interface DemoRecommendation {
  number: number;
  group: DemoGroupKey;
  title: string;
  sections: RecommendationSections;
  quotes: ParticipantQuote[];
  footnotes: Footnote[];
  axes: DemoAxis[];
}

const S = (s: Partial<RecommendationSections>): RecommendationSections => ({
  context: s.context ?? "",
  argumentation: s.argumentation ?? "",
  attention: s.attention ?? "",
  alreadyDoes: s.alreadyDoes ?? "",
  examples: s.examples ?? "",
});

/** The college as the quote prints it: free text in the source language (the colleges of DEMO_COLLEGES). */
const COLLEGE_AS_PRINTED = {
  "member-workers": "Membre-utilisateur",
  staff: "Permanent",
  clients: "Client",
  partners: "Partenaire",
} as const;

const q = (text: string, firstName: string, college: keyof typeof COLLEGE_AS_PRINTED): ParticipantQuote => ({
  text,
  firstName,
  college: COLLEGE_AS_PRINTED[college],
});

export const DEMO_RECOMMENDATIONS: DemoRecommendation[] = [
  // ── Devenir une coopérative : pour qui et avec qui ? (publics) ──
  {
    number: 1,
    group: "publics",
    title:
      "Continuer à porter et revendiquer haut et fort un nouveau modèle de travail et de société basé sur la collectivité.",
    sections: S({
      context:
        "On accuse parfois SMart d'affaiblir l'emploi stable, alors que ses utilisateurs y voient un cadre adapté à un monde du travail qui a changé. Le groupe veut présenter ce modèle comme un vrai projet de société.",
      argumentation:
        "Avec ses nombreux utilisateurs, permanents et partenaires, SMart a le poids pour proposer un autre modèle, fondé sur le travail ensemble et la mutualisation. Contrairement aux plateformes qui se déchargent de leurs responsabilités, SMart assume le rôle d'employeur.",
      attention:
        "Défendre le modèle par l'expérience et les chiffres plutôt que par la théorie, et bien le faire connaître. Le passage de membre à coopérateur demande un engagement qu'on ne peut pas imposer à tous.",
      alreadyDoes:
        "Mettre en valeur les cotisations sociales payées, signaler les lacunes du droit du travail, inventer des solidarités souples et sensibiliser les membres au long terme (chômage, pension).",
    }),
    quotes: [q("Ce qu'on fait ensemble ici, il faut le dire dehors, avec fierté.", "Yasmine", "member-workers")],
    footnotes: [
      {
        text: "Le groupe a visité une coopérative d'architectes où des statuts différents cohabitent.",
        minority: false,
      },
    ],
    axes: ["social-change"],
  },
  {
    number: 2,
    group: "publics",
    title: "S’ouvrir à tous: à tous les profils ainsi qu’à tous les métiers.",
    sections: S({
      context:
        "Né dans les arts de la scène, SMart s'est ouvert puis refermé en 2012 ; le groupe repose la question de son public et tombe vite d'accord : SMart doit être ouvert à tous.",
      argumentation:
        "Dans un marché du travail plus précaire, la réponse collective de SMart protège des métiers isolés. La mutualisation des risques fonctionne justement parce que les profils sont variés, des plus autonomes aux plus fragiles.",
      attention:
        "Pas de critère de viabilité à l'entrée, mais des services pour tous (cfr. recommandation 4) et pour des publics précis (cfr. recommandation 8). Rester prudent avec les métiers à risque et respecter les professions réglementées.",
    }),
    quotes: [],
    footnotes: [],
    axes: ["open-to-all"],
  },
  {
    number: 3,
    group: "publics",
    title: "Créer en son sein un comité d’éthique.",
    sections: S({
      context:
        "Certains métiers posent des questions éthiques que les permanents tranchent seuls aujourd'hui. Le groupe souhaite que SMart prenne des positions claires, partagées par tous.",
      argumentation:
        "Le comité accompagnerait permanents et utilisateurs dans leurs réflexions, sans censurer ni juger : il veillerait à l'autonomie des personnes et au respect des conditions de travail. Il renforcerait aussi la crédibilité de SMart comme employeur responsable.",
      attention:
        "Le comité doit réunir toutes les parties prenantes (membres, clients, permanents, partenaires) et peut mener des campagnes de sensibilisation avec des organismes spécialisés.",
    }),
    quotes: [q("Un comité d'éthique, oui, mais pas pour faire la police des métiers.", "Lucas", "staff")],
    footnotes: [],
    axes: ["open-to-all"],
  },
  {
    number: 4,
    group: "publics",
    title: "Renforcer son rôle d’accompagnateur économique et ainsi permettre à tous de se professionnaliser.",
    sections: S({
      context:
        "Accueillir les porteurs de projets, c'est aussi les accompagner. Le groupe demande que SMart passe d'un rôle administratif à un rôle d'accompagnateur économique.",
      argumentation:
        "Le démarrage d'une activité est fragile et les clients veulent travailler avec des indépendants durables. SMart peut mutualiser l'investissement et aider chacun à fixer ses prix et structurer son activité, en s'appuyant sur les échanges entre utilisateurs.",
      attention:
        "Adapter l'accompagnement au profil (début de carrière, activité complémentaire…) et soutenir ceux pour qui l'autonomie est une contrainte. Le groupe hésite entre s'allier aux structures d'accompagnement existantes et faire reconnaître son propre service.",
    }),
    quotes: [],
    footnotes: [],
    axes: ["support-projects"],
  },
  {
    number: 5,
    group: "publics",
    title: "Renforcer l’économie collaborative en son sein.",
    sections: S({
      context:
        "Les membres travaillent souvent les uns avec les autres, mais ces échanges entre Activités restent mal connus. Une coopérative partenaire qui réunit ses membres chaque mois sert d'inspiration.",
      argumentation:
        "SMart crée les conditions d'un travail collaboratif : en rendant visibles les compétences de ses membres, il élargit les possibilités de chacun et encourage un circuit court interne. Ces liens se tissent dans des lieux partagés (cfr. recommandation 6) ou en ligne.",
      attention:
        "Étudier d'abord les échanges réels entre Activités et la façon de travailler des membres ; la mise en relation ne doit jamais être forcée.",
    }),
    quotes: [q("On a chacun nos spécialités, il nous manque juste un endroit pour se trouver.", "Inès", "staff")],
    footnotes: [],
    axes: ["support-projects"],
  },
  {
    number: 6,
    group: "publics",
    title: "Valoriser la communauté collaborative et permettre les échanges, via les lieux de travail partagé.",
    sections: S({
      context:
        "Malgré la diversité des pays, des métiers et des situations, beaucoup de membres disent appartenir à une communauté SMart, qu'ils ont ressentie à l'assemblée générale de 2015.",
      argumentation:
        "Réunir dans un même lieu des activités voisines, voire concurrentes, crée des dynamiques humaines et économiques. Les espaces de travail partagé doivent être animés pour favoriser solidarité et sentiment d'appartenance.",
      attention:
        "Ces actions restent des propositions : chacun demeure libre et responsable de son projet. Les lieux peuvent aussi accueillir des personnes qui ne passent pas par SMart.",
    }),
    quotes: [],
    footnotes: [],
    axes: ["support-projects"],
  },
  {
    number: 7,
    group: "publics",
    title:
      "S’intégrer au cœur des communautés, travailler en collaboration avec des structures afin de mieux les connaître et ainsi développer ses services – SMart ne peut fonctionner seul.",
    sections: S({
      context:
        "SMart a toujours cherché des partenaires complémentaires ; sa force de mutualisation passe aussi par des alliances qui font naître des services nouveaux.",
      argumentation:
        "Pour servir des métiers qui émergent, SMart doit aller là où ils naissent, comme dans un fablab visité par le groupe. Inutile de refaire ce que d'autres font bien : mieux vaut relayer leurs services, et accueillir ces partenaires comme sociétaires.",
      attention:
        "Des liens réguliers et concrets doivent exister avec les structures partenaires et les clients, au service d'une stratégie plus large comme le modèle de société de la recommandation 1.",
    }),
    quotes: [],
    footnotes: [],
    axes: ["social-change"],
  },
  {
    number: 8,
    group: "publics",
    title: "Mener des actions spécifiques et ponctuelles envers les secteurs professionnels.",
    sections: S({
      context:
        "Une fédération de techniciens rencontrée par le groupe montre l'intérêt, pour des acteurs d'un même secteur, de s'unir face à des problèmes communs.",
      argumentation:
        "Tout en restant ouvert à tous (cfr. recommandation 2), SMart peut laisser de la place à des rencontres par métier, d'où sortiraient des propositions communes. Il faut y associer d'autres structures du secteur pour en comprendre tous les enjeux.",
      attention:
        "Il ne s'agit pas de découper tous les services par secteur, mais de répondre au souhait de se retrouver entre pairs. Les recommandations 5 et 6 restent la référence pour la mise en réseau au-delà des secteurs.",
    }),
    quotes: [],
    footnotes: [],
    axes: [],
  },
  {
    number: 9,
    group: "publics",
    title: "Être dans un état de réflexion continu, un «SMart in Progress permanent».",
    sections: S({
      context:
        "L'engagement des participants et l'évolution rapide du monde du travail ont fait naître l'envie de garder un espace de réflexion ouvert en permanence.",
      argumentation:
        "Pour garder l'équilibre entre nombre d'utilisateurs et qualité des services, SMart doit suivre l'évolution de la société et mesurer son impact. Cette réflexion continue découle de sa valeur d'innovation et de sa proximité avec les communautés.",
      attention:
        "Comme SMart in Progress, ce processus associe toutes les parties prenantes, avec des formes de participation praticables par le grand nombre, par territoire et par secteur.",
    }),
    quotes: [q("Ces réunions m'ont donné envie de continuer, pas de m'arrêter en avril.", "Noé", "member-workers")],
    footnotes: [],
    axes: ["democracy"],
  },

  // ── Créer et développer son activité : comment ? avec quels outils ? (services) ──
  {
    number: 10,
    group: "services",
    title:
      "Proposer des services adaptés à l’échelle des Activités ayant atteint un stade de développement plus avancé.",
    sections: S({
      context:
        "Créé pour des créateurs débutants, SMart compte aujourd'hui des membres dont l'activité a grandi : sans vouloir devenir indépendants, ils ont des besoins d'indépendants que les services actuels couvrent mal.",
      argumentation:
        "Le groupe propose de faciliter leurs investissements (accès à leurs fonds, achat d'un local ou d'un véhicule), de leur donner des outils de suivi détaillés (cfr. recommandation 15) et d'élargir les connaissances des conseillers sur les règles des métiers et les choix de carrière.",
    }),
    quotes: [q("Mon activité a grandi, et j'ai envie que SMart grandisse avec elle.", "Elif", "member-workers")],
    footnotes: [],
    axes: ["services-for-each"],
  },
  {
    number: 11,
    group: "services",
    title: "Favoriser la mutualisation de services entre membres, par et pour eux.",
    sections: S({
      context:
        "Le groupe s'est inspiré d'un projet de coopérative de journalistes indépendants aux Pays-Bas, qui mettait en commun vente, conseil et recherche de fonds.",
      argumentation:
        "Mutualiser l'expérience des permanents et des membres : aide à la rédaction des dossiers de subsides et d'appels à projets, recherche de fonds et de mécènes, et service de communication accessible grâce à la masse critique.",
    }),
    quotes: [],
    footnotes: [],
    axes: ["support-projects"],
  },
  {
    number: 12,
    group: "services",
    title: "Mettre en place un annuaire de ses membres-utilisateurs.",
    sections: S({
      context:
        "Le forum en ligne permet déjà aux membres et clients de se présenter, mais une plateforme vivante est difficile à tenir. Le groupe préfère un classement simple par lieu et par secteur.",
      argumentation:
        "Des fiches structurées (lieu, expérience, fonction, contact), libres d'inscription, que membres et clients peuvent parcourir ; SMart ne garantit pas leur contenu et l'annuaire pourrait s'étendre à l'Europe.",
    }),
    quotes: [],
    footnotes: [],
    axes: [],
  },
  {
    number: 13,
    group: "services",
    title: "Faciliter l’accès à l’information sur les appels à projets et marchés publics.",
    sections: S({
      context:
        "Les appels à projets et marchés publics sont difficiles à trouver et à comprendre ; une visite à un groupement d'entrepreneurs à Lille a confirmé ce besoin.",
      argumentation:
        "Mettre en place une veille à plusieurs niveaux (régional, national, européen) qui alerte les membres et les aide à répondre.",
      attention:
        "Une liste complète pour tous les secteurs est impossible et l'information doit rester accessible à tous ; les membres préfèrent répondre avec des personnes de confiance. En retour : frais partagés, équipes pluridisciplinaires et marchés qu'on ne gagnerait pas seul.",
    }),
    quotes: [],
    footnotes: [],
    axes: [],
  },
  {
    number: 14,
    group: "services",
    title: "Organiser – ou s’associer à – des événements de réseautage.",
    sections: S({
      context:
        "Les sessions d'information et les rencontres thématiques ont montré la valeur des échanges d'expérience ; le réseautage pourrait devenir une nouvelle piste, de préférence avec des structures professionnelles.",
      examples:
        "Un club d'entrepreneurs local soutenu par une commune bruxelloise, un réseau d'affaires international recommandé lors du small talk de Gand, et un accompagnement commercial qui ouvre aux membres le réseau européen de SMart.",
    }),
    quotes: [q("Du réseautage, oui, mais avec des partenaires et pour de bonnes raisons.", "Anouk", "clients")],
    footnotes: [],
    axes: [],
  },
  {
    number: 15,
    group: "services",
    title:
      "Améliorer les outils informatiques via des groupes de travail entre les différents intervenants de la «chaîne» SMart.",
    sections: S({
      context:
        "Le groupe veut confronter directement les besoins du terrain aux possibilités techniques, en réunissant membres, clients, conseillers et informaticiens.",
      argumentation:
        "Des groupes de travail réguliers rendraient les outils plus intuitifs, mettraient en commun les astuces que les membres ont inventées seuls et étudieraient l'idée d'une application mobile.",
    }),
    quotes: [],
    footnotes: [],
    axes: ["services-for-each"],
  },
  {
    number: 16,
    group: "services",
    title: "Renforcer le lien avec les clients.",
    sections: S({
      context:
        "La relation avec les clients s'est surtout limitée aux factures impayées et aux questions techniques, SMart ayant toujours mis le membre au centre.",
      argumentation:
        "Si les clients deviennent une partie prenante de la coopérative, il faut les informer, soigner l'image de SMart et leur proposer des services, par exemple la gestion administrative de leurs collaborateurs indépendants.",
    }),
    quotes: [q("Beaucoup de clients ne savent pas tout ce que SMart peut faire pour eux.", "Wout", "clients")],
    footnotes: [],
    axes: [],
  },
  {
    number: 17,
    group: "services",
    title: "Accroître les périodes de disponibilité et la proximité des conseillers.",
    sections: S({
      context:
        "SMart multiplie déjà les permanences, les sessions d'information et les antennes locales, mais les horaires restent ceux des bureaux.",
      argumentation:
        "Le groupe propose une adresse pour les urgences, une permanence le week-end, davantage de sessions en soirée et la présence de conseillers sur les événements où travaillent les membres.",
    }),
    quotes: [],
    footnotes: [],
    axes: ["support-projects"],
  },
  {
    number: 18,
    group: "services",
    title: "Profiter du nombre pour négocier des achats ou des avantages pour les coopérateurs SMart.",
    sections: S({
      context:
        "Le grand nombre de membres et de clients est un levier pour obtenir des avantages chez des fournisseurs ; l'idée de communs pousse aussi vers les logiciels libres.",
      argumentation:
        "Deux pistes : l'entraide directe entre membres (services, outils, espaces, mentorat) et des réductions négociées auprès de fournisseurs.",
      attention: "Privilégier les négociations qui soutiennent l'économie locale, au bénéfice des quartiers.",
    }),
    quotes: [
      q("Certains outils pourraient tourner entre nous au lieu de dormir dans un coin.", "Jeroen", "member-workers"),
    ],
    footnotes: [],
    axes: [],
  },

  // ── Mutualiste, redistributif, solidaire : un modèle économique viable ? (economic-model) ──
  {
    number: 19,
    group: "economic-model",
    title: "Articuler le modèle économique autour d’un socle de valeurs.",
    sections: S({
      context:
        "Un modèle économique ne se sépare pas des valeurs : la valeur créée peut être sociale ou environnementale, et un service déficitaire peut être un investissement qui a du sens. Le groupe tient au modèle redistributif, mutualiste et solidaire.",
      argumentation:
        "Inscrire les valeurs au cœur du projet, éventuellement dans les statuts, et les faire primer en cas de conflit ; juger chaque action sous l'angle économique et sociétal à la fois, et communiquer d'abord sur ces valeurs.",
    }),
    quotes: [q("Pas question que SMart se comporte comme une plateforme qui ubérise.", "Leila", "member-workers")],
    footnotes: [],
    axes: ["economic-model"],
  },
  {
    number: 20,
    group: "economic-model",
    title: "Garantir l’autonomie financière au moyen de levées de fonds en adéquation avec les valeurs.",
    sections: S({
      context:
        "SMart doit renforcer ses fonds propres sans perdre son autonomie. Le groupe veut que toutes les parties prenantes participent, sans logique de rendement du capital.",
      argumentation:
        "Demander à chaque utilisateur une part sociale minimale par an, encourager des parts supplémentaires sans dividende, étudier des prêts à intérêt raisonnable sans droit de vote, et vérifier que toute autre source de fonds respecte les valeurs.",
      attention:
        "Éviter de fragiliser SMart : perception simple, remboursement des parts encadré, cotisation éventuelle plafonnée, fonds levés auprès de toutes les parties prenantes. Montrer à chacun les parts qu'il détient et confier des missions rémunérées aux coopérateurs.",
    }),
    quotes: [],
    footnotes: [],
    axes: ["economic-model"],
  },
  {
    number: 21,
    group: "economic-model",
    title:
      "Assumer de manière durable la mutualisation des risques par la responsabilisation des clients et utilisateurs des services.",
    sections: S({
      context:
        "Garantir les paiements pèse lourd sur la trésorerie : les clients paient en moyenne à 45 jours alors que SMart verse les salaires en quelques jours. Le groupe veut garder ce rôle sans augmenter le coût des services.",
      argumentation:
        "Majorer les factures payées en retard (avec un retour possible pour les bons payeurs), exiger un paiement à 30 jours et harmoniser les avances, en les réservant si possible aux salaires.",
      attention:
        "Expliquer clairement ces règles et garder le dialogue avec les grands clients, aller jusqu'au bout du recouvrement, et vérifier que SMart peut tenir ces garanties dans la durée.",
    }),
    quotes: [q("Les bons payeurs ne doivent pas payer pour les mauvais.", "Hanna", "partners")],
    footnotes: [],
    axes: ["economic-model"],
  },
  {
    number: 22,
    group: "economic-model",
    title:
      "Poursuivre les réductions de coûts, sans que cela ne porte atteinte à la qualité des services aux utilisateurs et favoriser les fournisseurs qui partagent les mêmes valeurs.",
    sections: S({
      context:
        "Lever des fonds ne dispense pas de réduire les dépenses et les lourdeurs, à condition de ne sacrifier ni la qualité des services ni les valeurs.",
      argumentation:
        "Renégocier avec les fournisseurs (assurances, téléphonie, banques), choisir des partenaires qui partagent les mêmes valeurs et mieux rentabiliser les locaux en les louant ou en les ouvrant au travail partagé à prix abordable.",
      attention: "Le faire autant que possible mais pas à tout prix, ni pour SMart ni pour ses fournisseurs.",
    }),
    quotes: [q("Trouver de l'argent, c'est bien ; ne pas le gaspiller, c'est mieux.", "Karim", "member-workers")],
    footnotes: [],
    axes: ["economic-model"],
  },
  {
    number: 23,
    group: "economic-model",
    title:
      "Conserver une tarification solidaire sous forme d’un pourcentage identique pour tous et appliqué sur toutes les factures, en veillant à garantir à chaque utilisateur des services adaptés à ses réalités et besoins économiques.",
    sections: S({
      context:
        "Une petite part des Activités produit l'essentiel du chiffre d'affaires : le modèle dépend d'elles, tout en devant continuer à faire naître de nouvelles activités.",
      argumentation:
        "Garder un pourcentage unique sur toutes les factures, sans tarif dégressif pour les gros chiffres d'affaires, et adapter plutôt les services aux besoins de chaque activité.",
      attention:
        "Suivre de près les Activités à gros budget (suivi annuel, enquête de satisfaction, signaux d'alerte pour les conseillers) et aider les activités émergentes à décoller.",
    }),
    quotes: [],
    footnotes: [
      {
        text: "Une petite minorité du groupe aurait voulu une certaine dégressivité pour retenir les plus gros chiffres d'affaires, par exemple sous forme de ristournes réinvesties collectivement.",
        minority: true,
      },
    ],
    axes: ["economic-model"],
  },
  {
    number: 24,
    group: "economic-model",
    title:
      "Ne pas augmenter les 6,5 % mais renforcer la transparence sur les prélèvements en vue de débattre du montant des coûts SMart, avec l’ensemble des coopérateurs, une fois la coopérative fonctionnelle.",
    sections: S({
      context:
        "Augmenter les prélèvements ferait fuir les gros chiffres d'affaires et fragiliserait les plus précaires ; le passage en coopérative ne doit pas commencer par une hausse. Un tarif différent selon le service utilisé créerait aussi de la confusion.",
      argumentation:
        "Expliquer clairement ce qui est prélevé entre la facture et le salaire, garder un taux unique donnant accès aux mêmes services, et ouvrir le débat sur ce taux avec tous les coopérateurs une fois la coopérative en place.",
    }),
    quotes: [],
    footnotes: [],
    axes: ["economic-model"],
  },
  {
    number: 25,
    group: "economic-model",
    title:
      "Préserver la totalité du patrimoine collectif actuel au bénéfice de tous et continuer à l’affecter totalement à la réalisation de l’objet social statutaire de SMart.",
    sections: S({
      context:
        "Tout ce que SMart dégage est réinvesti dans le projet et personne n'en retire de bénéfice. Ce patrimoine commun doit passer entier dans la coopérative, sous le contrôle des coopérateurs.",
      argumentation:
        "Transférer tous les moyens humains, techniques, financiers, intellectuels et immobiliers, protéger ces communs de toute prise de pouvoir extérieure et réinvestir les marges dans le projet, sur vote des coopérateurs.",
    }),
    quotes: [],
    footnotes: [],
    axes: ["economic-model"],
  },
  {
    number: 26,
    group: "economic-model",
    title:
      "Donner aux coopérateurs le pouvoir de décider des stratégies d’investissement des ressources communes et se doter des moyens pour faire vivre une démocratie économique effective.",
    sections: S({
      context:
        "Les coopérateurs doivent décider ensemble de l'usage des ressources communes, tout au long de l'année et pas seulement à l'assemblée générale, en sachant ce que coûte chaque service.",
      argumentation:
        "Appliquer « une personne, une voix », créer deux organes de contrôle (objectifs sociaux et objectifs économiques), expliquer les investissements et les coûts réels, produire des statistiques et garder des lieux d'échange inspirés de SMart in Progress.",
      attention:
        "Des statuts clairs sur l'affectation des bénéfices et le rôle du conseil et de l'assemblée, et un budget prévisionnel détaillé débattu chaque année en assemblée.",
    }),
    quotes: [],
    footnotes: [
      { text: "Un participant s'est dit opposé à tout endettement de SMart.", minority: true },
      {
        text: "Tout le groupe souhaite ces lieux d'échange, tout en notant qu'il reste beaucoup à faire pour susciter la participation.",
        minority: false,
      },
    ],
    axes: ["democracy", "economic-model"],
  },

  // ── Une entreprise partagée et participative, est-ce bien réaliste ? (governance) ──
  {
    number: 27,
    group: "governance",
    title:
      "Rassembler dans la coopérative les différentes parties prenantes: les entrepreneurs-salariés, les permanents, les clients et les partenaires.",
    sections: S({
      context:
        "SMart s'est construit comme une entreprise d'économie sociale où l'on partage ressources et solidarité ; pour continuer dans cette voie, mieux vaut inclure qu'exclure.",
      argumentation:
        "Tous ceux qui utilisent SMart ou y participent, et qui en partagent les valeurs, devraient pouvoir devenir sociétaires. La diversité des profils est une richesse et le nombre renforce le capital.",
      attention:
        "Rassembler des intérêts divergents peut freiner les décisions ou créer des conflits ; d'où les recommandations 28 et 29 sur les catégories de sociétaires et le poids des votes, et des espaces de dialogue en amont de l'assemblée (recommandation 34).",
    }),
    quotes: [],
    footnotes: [],
    axes: ["open-to-all", "democracy"],
  },
  {
    number: 28,
    group: "governance",
    title: "Étudier l’opportunité de créer plusieurs catégories de sociétaires au sein de la coopérative.",
    sections: S({
      context:
        "Membres, clients, permanents et partenaires n'attendent pas la même chose de SMart et n'y investiront pas autant. Il faudra une organisation des instances qui en tienne compte.",
      argumentation:
        "Définir pour chaque catégorie comment on devient sociétaire, avec quel engagement et quel droit de vote — sans obligation (cfr. recommandation 30). Mais les rôles se mélangent souvent : un membre est aussi client ou permanent, et un sociétaire doit servir l'entreprise, pas sa catégorie.",
    }),
    quotes: [],
    footnotes: [
      {
        text: "Il s'agit de comprendre ce qui pousse chaque catégorie à s'associer (l'affectio societatis).",
        minority: false,
      },
    ],
    axes: ["democracy"],
  },
  {
    number: 29,
    group: "governance",
    title: "Bien définir le processus de participation aux votes.",
    sections: S({
      context:
        "Dans une coopérative, chaque personne a une voix, quel que soit son apport. Avec des catégories de sociétaires, on peut toutefois pondérer les voix en créant des collèges.",
      argumentation:
        "Le groupe propose quatre collèges (membres, permanents, clients, partenaires), la plus grande part des voix allant aux travailleurs salariés ; la question d'un droit de blocage des clients et partenaires sur les décisions extraordinaires reste ouverte. Le conseil d'administration refléterait ces collèges.",
      attention:
        "Un quorum selon le type de décision est nécessaire, sans que le groupe ait choisi entre un quorum par collège ou pondéré. Une participation de 15 à 20 % demande un effort constant d'information et de formation (voir recommandation 35).",
    }),
    quotes: [],
    footnotes: [
      {
        text: "Le quorum est le nombre minimal de voix présentes ou représentées pour qu'une décision soit valable.",
        minority: false,
      },
    ],
    axes: ["democracy"],
  },
  {
    number: 30,
    group: "governance",
    title: "Ne pas rendre obligatoire la souscription de parts sociales pour utiliser les services SMart.",
    sections: S({
      context:
        "Beaucoup d'utilisateurs ne s'intéressent pas à la dimension coopérative ; faut-il pour autant leur fermer les services ?",
      argumentation:
        "Imposer une part sociale amènerait des sociétaires peu motivés et ferait fuir des utilisateurs ; ce n'est pas dans l'esprit de SMart. Le groupe reconnaît toutefois qu'une obligation assurerait une contribution de chacun au capital.",
      attention:
        "Sans obligation, il faudra mobiliser activement et envisager des incitants. Si l'obligation devenait nécessaire, la cotisation annuelle actuelle pourrait devenir une part sociale ; les nouveaux permanents pourraient être sociétaires d'office.",
    }),
    quotes: [],
    footnotes: [],
    axes: ["open-to-all"],
  },
  {
    number: 31,
    group: "governance",
    title:
      "Faire en sorte qu’un sociétaire sortant puisse récupérer son capital dans de bonnes conditions et de ne pas redistribuer de dividendes.",
    sections: S({
      context:
        "Un sociétaire prend un risque sur sa mise et ne récupérera au mieux que sa valeur de départ. Rémunérer le capital par un dividende ne fait pas consensus dans le groupe.",
      argumentation:
        "Le groupe est d'accord pour réinvestir les éventuels bénéfices dans l'objet social et les services, l'assemblée décidant de leur affectation.",
      attention:
        "Un dividende profiterait à des sociétaires qui n'utilisent plus SMart ; des prêts rémunérés sont une autre piste. Sans information et participation réelles, la part sociale resterait une coquille vide.",
    }),
    quotes: [],
    footnotes: [],
    axes: ["economic-model"],
  },
  {
    number: 32,
    group: "governance",
    title: "Ne pas limiter le capital ni le nombre de sociétaires.",
    sections: S({
      context:
        "Le capital variable d'une coopérative accueille facilement de nouveaux sociétaires. Plus ils sont nombreux et divers, plus la coopérative est solide et démocratique.",
      argumentation:
        "Un grand nombre de sociétaires assure les moyens du projet et son indépendance, permet de garder une part abordable et facilite un éventuel recours à des fonds extérieurs.",
      attention:
        "Des collèges pondérés (cfr. recommandation 28) éviteraient qu'un groupe gagne du pouvoir en grossissant. Limiter éventuellement les parts par personne, prévoir des conditions de sortie claires et repenser la représentation si le nombre de sociétaires explose.",
    }),
    quotes: [],
    footnotes: [],
    axes: ["open-to-all"],
  },
  {
    number: 33,
    group: "governance",
    title:
      "Accorder une attention particulière au partage de l’information et à la participation démocratique au niveau local dans le cadre d’une coopérative nationale.",
    sections: S({
      context:
        "Les bureaux régionaux rapprochent SMart de ses membres, mais les langues, la distance avec Bruxelles et la croissance rapide freinent la participation de tous.",
      argumentation:
        "Une coopérative nationale avec un fort ancrage local : des réunions décentralisées dans chaque ville, une information au moins chaque trimestre, des rencontres par collège pour préparer l'assemblée (cfr. recommandation 34) et des assemblées délocalisées, dans la langue de chaque région.",
    }),
    quotes: [q("Il faut que l'organisation ressemble à ce que l'entreprise défend.", "Zoé", "clients")],
    footnotes: [],
    axes: ["democracy"],
  },
  {
    number: 34,
    group: "governance",
    title:
      "Mettre en place des outils permettant de dialoguer et de s’impliquer dans le projet en amont des instances institutionnelles existantes (c’est-à-dire Assemblée Générale (AG), Conseil d’Administration (CA) et Direction Générale (DG).",
    sections: S({
      context:
        "Informer des milliers de membres, clients et partenaires demande des moyens variés, qui transmettent de l'information dans les deux sens et nourrissent la réflexion de tous, sans distinction.",
      argumentation:
        "À côté des instances de décision, prévoir des espaces où les sociétaires se rencontrent et donnent leur avis, décentralisés comme le propose la recommandation 7, proches des workshops actuels. L'outil doit suivre la communauté, et la rencontre réelle compter autant que le virtuel.",
      attention:
        "Envisager un comité consultatif indépendant des instances pour faire remonter des idées et tester des propositions ; les outils de communication doivent appartenir à tous, pas seulement à la direction.",
    }),
    quotes: [],
    footnotes: [],
    axes: ["democracy"],
  },
  {
    number: 35,
    group: "governance",
    title: "Former/éduquer les sociétaires à leurs rôles et responsabilités.",
    sections: S({
      context:
        "Être sociétaire, c'est être copropriétaire, voter, élire et pouvoir être élu. Chacun doit avoir accès à la formation et à l'information nécessaires.",
      argumentation:
        "Une formation continue et des rencontres variées (outils en ligne, sessions, débats, parrainages) pour décider en connaissance de cause ; elle rejoint les recommandations 34 et 36.",
      attention:
        "Ne pas enfermer le rôle de sociétaire dans un cadre trop strict : on apprend surtout par l'expérience.",
    }),
    quotes: [q("Restons simples, sinon plus personne ne viendra.", "Bram", "staff")],
    footnotes: [],
    axes: ["democracy"],
  },
  {
    number: 36,
    group: "governance",
    title:
      "Mettre en place des relais humains de proximité afin de faciliter une implication plus poussée et une appropriation de ce que signifie faire partie d’une coopérative.",
    sections: S({
      context:
        "Dépasser les oppositions « membre contre permanent » ou « membre contre client » demande de la confiance, qui ne se crée pas seulement en ligne.",
      argumentation:
        "En plus des outils de la recommandation 35 et des réunions décentralisées de la recommandation 33, le groupe propose des relais : les conseillers, des membres ambassadeurs et une équipe dédiée à l'information des sociétaires.",
      attention:
        "Cette culture coopérative ne s'impose pas d'en haut : elle grandit petit à petit et reste l'affaire de tous, pas seulement des permanents.",
    }),
    quotes: [],
    footnotes: [],
    axes: ["democracy"],
  },
  {
    number: 37,
    group: "governance",
    title:
      "Définir le projet idéologique et politique de la coopérative et un cadre de valeurs auquel les coopérateurs doivent adhérer.",
    sections: S({
      context:
        "Au-delà des statuts, il faut un contrat moral sur ce que l'on veut faire ensemble. Le public de SMart s'est beaucoup diversifié, et chacun doit pouvoir se reconnaître dans la coopérative.",
      argumentation:
        "Rédiger une charte de valeurs minimale, sans imposer de choix idéologiques trop marqués, et créer un comité d'éthique qui veille à la cohérence des décisions avec les valeurs et aide à renforcer l'autonomie des membres.",
      attention:
        "Faut-il inscrire dans ce cadre une vision politique du monde du travail ? Le groupe laisse la question ouverte.",
    }),
    quotes: [],
    footnotes: [],
    axes: ["social-change"],
  },
];
