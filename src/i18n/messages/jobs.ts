/** E-mails sent by scheduled work: a ballot opens, a reminder before it closes. */
export const jobs = {
  fr: {
    openedSubject: "Le vote est ouvert : {{title}}",
    openedIntro: "Le vote « {{title}} » est ouvert. Vous faites partie des électeurs : votre voix compte.",
    openedUntil: "Vous pouvez voter jusqu'au {{closes}} (heure de Bruxelles).",
    openedNoEnd: "La date de clôture sera annoncée par l'équipe qui organise le vote.",
    openedAction: "Voter",
    secrecy:
      "Votre vote est secret : personne, pas même l'équipe qui organise le vote, ne peut voir votre choix. Après avoir voté, vous recevez un code de reçu qui vous permet de vérifier que votre bulletin a été compté.",
    why: "Vous recevez ce message parce que vous faites partie des électeurs de ce vote.",
    reminderSubject: "Rappel : le vote « {{title}} » se termine bientôt",
    reminderIntro: "Vous n'avez pas encore voté à « {{title}} ».",
    reminderUntil: "Le vote se termine le {{closes}} (heure de Bruxelles).",
    reminderAction: "Voter maintenant",
  },
  nl: {
    openedSubject: "De stemming is geopend: {{title}}",
    openedIntro: "De stemming \u201e{{title}}\u201d is geopend. U bent stemgerechtigd: uw stem telt.",
    openedUntil: "U kunt stemmen tot {{closes}} (Brusselse tijd).",
    openedNoEnd: "De sluitingsdatum wordt meegedeeld door het team dat de stemming organiseert.",
    openedAction: "Stemmen",
    secrecy:
      "Uw stem is geheim: niemand, ook het team dat de stemming organiseert niet, kan zien wat u kiest. Na het stemmen krijgt u een ontvangstcode waarmee u kunt nagaan dat uw stembiljet meegeteld is.",
    why: "U ontvangt dit bericht omdat u stemgerechtigd bent voor deze stemming.",
    reminderSubject: "Herinnering: de stemming \u201e{{title}}\u201d sluit binnenkort",
    reminderIntro: "U hebt nog niet gestemd voor \u201e{{title}}\u201d.",
    reminderUntil: "De stemming sluit op {{closes}} (Brusselse tijd).",
    reminderAction: "Nu stemmen",
  },
  de: {
    openedSubject: "Die Abstimmung ist eröffnet: {{title}}",
    openedIntro: "Die Abstimmung \u201e{{title}}\u201c ist eröffnet. Sie sind stimmberechtigt: Ihre Stimme zählt.",
    openedUntil: "Sie können bis zum {{closes}} (Brüsseler Zeit) abstimmen.",
    openedNoEnd: "Das Ende der Abstimmung wird vom Team, das sie organisiert, bekannt gegeben.",
    openedAction: "Abstimmen",
    secrecy:
      "Ihre Stimme ist geheim: Niemand, auch nicht das Team, das die Abstimmung organisiert, kann Ihre Wahl sehen. Nach der Stimmabgabe erhalten Sie einen Belegcode, mit dem Sie prüfen können, dass Ihr Stimmzettel gezählt wurde.",
    why: "Sie erhalten diese Nachricht, weil Sie bei dieser Abstimmung stimmberechtigt sind.",
    reminderSubject: "Erinnerung: Die Abstimmung \u201e{{title}}\u201c endet bald",
    reminderIntro: "Sie haben bei \u201e{{title}}\u201c noch nicht abgestimmt.",
    reminderUntil: "Die Abstimmung endet am {{closes}} (Brüsseler Zeit).",
    reminderAction: "Jetzt abstimmen",
  },
  en: {
    openedSubject: "Voting is open: {{title}}",
    openedIntro: "The vote \u201c{{title}}\u201d is open. You are one of its voters: your voice counts.",
    openedUntil: "You can vote until {{closes}} (Brussels time).",
    openedNoEnd: "The closing date will be announced by the team running the vote.",
    openedAction: "Vote",
    secrecy:
      "Your vote is secret: nobody, not even the team running the vote, can see your choice. After voting you get a receipt code to check that your ballot was counted.",
    why: "You receive this message because you are one of the voters of this vote.",
    reminderSubject: "Reminder: the vote \u201c{{title}}\u201d closes soon",
    reminderIntro: "You have not voted yet in \u201c{{title}}\u201d.",
    reminderUntil: "The vote closes on {{closes}} (Brussels time).",
    reminderAction: "Vote now",
  },
};
