/** E-mails sent by LetsCoop (subjects and bodies). */
export const mail = {
  fr: {
    greeting: "Bonjour {{name}},",
    signature: "L'équipe LetsCoop",
    linkFallback: "Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :",
    magicLinkSubject: "Votre lien de connexion à LetsCoop",
    magicLinkIntro:
      "Voici votre lien pour vous connecter à LetsCoop. Il est valable {{minutes}} minutes et ne sert qu'une fois.",
    magicLinkAction: "Me connecter",
    magicLinkIgnore:
      "Si vous n'avez pas demandé ce lien, ignorez ce message : personne ne peut l'utiliser sans accès à votre boîte e-mail.",
    resetSubject: "Choisir un nouveau mot de passe LetsCoop",
    resetIntro:
      "Une demande de nouveau mot de passe a été faite pour votre compte LetsCoop. Ce lien est valable {{minutes}} minutes et ne sert qu'une fois.",
    resetAction: "Choisir un nouveau mot de passe",
    resetIgnore: "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe actuel reste valable.",
    invitationSubject: "Invitation à rejoindre {{organisation}} sur LetsCoop",
    invitationIntro:
      "{{organisation}} vous invite à rejoindre sa vie participative sur LetsCoop. Activez votre compte avec ce lien, valable {{days}} jours.",
    invitationAction: "Activer mon compte",
    invitationIgnore: "Si vous ne vous attendiez pas à cette invitation, ignorez ce message.",
  },
  nl: {
    greeting: "Dag {{name}},",
    signature: "Het LetsCoop-team",
    linkFallback: "Werkt de knop niet? Kopieer dan dit adres naar uw browser:",
    magicLinkSubject: "Uw aanmeldlink voor LetsCoop",
    magicLinkIntro:
      "Hier is uw link om u aan te melden bij LetsCoop. Hij is {{minutes}} minuten geldig en werkt maar één keer.",
    magicLinkAction: "Aanmelden",
    magicLinkIgnore:
      "Hebt u deze link niet aangevraagd? Negeer dan dit bericht: niemand kan hem gebruiken zonder toegang tot uw mailbox.",
    resetSubject: "Een nieuw wachtwoord kiezen voor LetsCoop",
    resetIntro:
      "Er werd een nieuw wachtwoord aangevraagd voor uw LetsCoop-account. Deze link is {{minutes}} minuten geldig en werkt maar één keer.",
    resetAction: "Een nieuw wachtwoord kiezen",
    resetIgnore: "Hebt u niets aangevraagd? Negeer dan dit bericht: uw huidige wachtwoord blijft geldig.",
    invitationSubject: "Uitnodiging om {{organisation}} te vervoegen op LetsCoop",
    invitationIntro:
      "{{organisation}} nodigt u uit om deel te nemen aan haar participatieve leven op LetsCoop. Activeer uw account met deze link, {{days}} dagen geldig.",
    invitationAction: "Mijn account activeren",
    invitationIgnore: "Verwachtte u deze uitnodiging niet? Negeer dan dit bericht.",
  },
  de: {
    greeting: "Guten Tag {{name}},",
    signature: "Das LetsCoop-Team",
    linkFallback: "Falls die Schaltfläche nicht funktioniert, kopieren Sie diese Adresse in Ihren Browser:",
    magicLinkSubject: "Ihr Anmeldelink für LetsCoop",
    magicLinkIntro:
      "Hier ist Ihr Link, um sich bei LetsCoop anzumelden. Er ist {{minutes}} Minuten gültig und kann nur einmal verwendet werden.",
    magicLinkAction: "Anmelden",
    magicLinkIgnore:
      "Falls Sie diesen Link nicht angefordert haben, ignorieren Sie diese Nachricht: Ohne Zugang zu Ihrem Postfach kann ihn niemand verwenden.",
    resetSubject: "Ein neues Passwort für LetsCoop wählen",
    resetIntro:
      "Für Ihr LetsCoop-Konto wurde ein neues Passwort angefordert. Dieser Link ist {{minutes}} Minuten gültig und kann nur einmal verwendet werden.",
    resetAction: "Ein neues Passwort wählen",
    resetIgnore:
      "Falls Sie nichts angefordert haben, ignorieren Sie diese Nachricht: Ihr aktuelles Passwort bleibt gültig.",
    invitationSubject: "Einladung zu {{organisation}} auf LetsCoop",
    invitationIntro:
      "{{organisation}} lädt Sie ein, am partizipativen Leben auf LetsCoop teilzunehmen. Aktivieren Sie Ihr Konto mit diesem Link, der {{days}} Tage gültig ist.",
    invitationAction: "Mein Konto aktivieren",
    invitationIgnore: "Falls Sie diese Einladung nicht erwartet haben, ignorieren Sie diese Nachricht.",
  },
  en: {
    greeting: "Hello {{name}},",
    signature: "The LetsCoop team",
    linkFallback: "If the button does not work, copy this address into your browser:",
    magicLinkSubject: "Your LetsCoop sign-in link",
    magicLinkIntro:
      "Here is your link to sign in to LetsCoop. It is valid for {{minutes}} minutes and works only once.",
    magicLinkAction: "Sign me in",
    magicLinkIgnore:
      "If you did not ask for this link, ignore this message: nobody can use it without access to your mailbox.",
    resetSubject: "Choose a new LetsCoop password",
    resetIntro:
      "A new password was requested for your LetsCoop account. This link is valid for {{minutes}} minutes and works only once.",
    resetAction: "Choose a new password",
    resetIgnore: "If you did not ask for anything, ignore this message: your current password stays valid.",
    invitationSubject: "Invitation to join {{organisation}} on LetsCoop",
    invitationIntro:
      "{{organisation}} invites you to take part in its participatory life on LetsCoop. Activate your account with this link, valid for {{days}} days.",
    invitationAction: "Activate my account",
    invitationIgnore: "If you were not expecting this invitation, ignore this message.",
  },
};
