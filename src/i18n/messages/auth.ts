export const auth = {
  fr: {
    signInTitle: "Se connecter",
    email: "Adresse e-mail",
    password: "Mot de passe",
    invalidCredentials: "L'adresse e-mail ou le mot de passe est incorrect.",
    useMagicLink: "Recevoir un lien de connexion par e-mail",
    forgotPassword: "Mot de passe oublié ?",
  },
  nl: {
    signInTitle: "Aanmelden",
    email: "E-mailadres",
    password: "Wachtwoord",
    invalidCredentials: "Het e-mailadres of het wachtwoord is onjuist.",
    useMagicLink: "Een aanmeldlink per e-mail ontvangen",
    forgotPassword: "Wachtwoord vergeten?",
  },
  de: {
    signInTitle: "Anmelden",
    email: "E-Mail-Adresse",
    password: "Passwort",
    invalidCredentials: "Die E-Mail-Adresse oder das Passwort ist falsch.",
    useMagicLink: "Einen Anmeldelink per E-Mail erhalten",
    forgotPassword: "Passwort vergessen?",
  },
  en: {
    signInTitle: "Sign in",
    email: "E-mail address",
    password: "Password",
    invalidCredentials: "The e-mail address or the password is wrong.",
    useMagicLink: "Get a sign-in link by e-mail",
    forgotPassword: "Forgotten your password?",
  },
};
