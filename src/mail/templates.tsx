import type { Child } from "hono/jsx";
import { translator, type MessageKey } from "../i18n/index.js";
import type { Locale } from "../i18n/locales.js";

/** A rendered e-mail, ready for a Mailer once given its recipient. */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
  language: Locale;
}

interface LinkMailParts {
  locale: Locale;
  name: string;
  subject: string;
  intro: string;
  action: string;
  url: string;
  ignore: string;
}

/** Header values never carry line breaks, whatever a name holds. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, " ").trim();
}

function Document({ locale, title, children }: { locale: Locale; title: string; children?: Child }) {
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
      </head>
      <body>{children}</body>
    </html>
  );
}

/**
 * One layout for every e-mail carrying a link: a greeting, why the link, the link as a button-like
 * anchor and as plain text, what to do if unexpected. Text goes through JSX, so names are escaped.
 */
async function linkMail(p: LinkMailParts): Promise<MailContent> {
  const t = translator(p.locale);
  const greeting = t("mail.greeting", { name: p.name });
  const signature = t("mail.signature");
  const subject = oneLine(p.subject);
  const text = [greeting, "", p.intro, "", p.url, "", p.ignore, "", `— ${signature}`, ""].join("\n");
  const body = (
    <Document locale={p.locale} title={subject}>
      <p>{greeting}</p>
      <p>{p.intro}</p>
      <p>
        <a href={p.url}>
          <strong>{p.action}</strong>
        </a>
      </p>
      <p>
        {t("mail.linkFallback")}
        <br />
        {p.url}
      </p>
      <p>{p.ignore}</p>
      <p>— {signature}</p>
    </Document>
  );
  const html = `<!DOCTYPE html>${await body.toString()}`;
  return { subject, text, html, language: p.locale };
}

function keysFor(
  locale: Locale,
  keys: { subject: MessageKey; intro: MessageKey; action: MessageKey; ignore: MessageKey },
  values: Record<string, string | number>,
) {
  const t = translator(locale);
  return {
    subject: t(keys.subject, values),
    intro: t(keys.intro, values),
    action: t(keys.action),
    ignore: t(keys.ignore),
  };
}

export function magicLinkMail(p: { locale: Locale; name: string; url: string; minutes: number }): Promise<MailContent> {
  const parts = keysFor(
    p.locale,
    {
      subject: "mail.magicLinkSubject",
      intro: "mail.magicLinkIntro",
      action: "mail.magicLinkAction",
      ignore: "mail.magicLinkIgnore",
    },
    { minutes: p.minutes },
  );
  return linkMail({ locale: p.locale, name: p.name, url: p.url, ...parts });
}

export function passwordResetMail(p: {
  locale: Locale;
  name: string;
  url: string;
  minutes: number;
}): Promise<MailContent> {
  const parts = keysFor(
    p.locale,
    { subject: "mail.resetSubject", intro: "mail.resetIntro", action: "mail.resetAction", ignore: "mail.resetIgnore" },
    { minutes: p.minutes },
  );
  return linkMail({ locale: p.locale, name: p.name, url: p.url, ...parts });
}

export function invitationMail(p: {
  locale: Locale;
  name: string;
  organisation: string;
  url: string;
  days: number;
}): Promise<MailContent> {
  const parts = keysFor(
    p.locale,
    {
      subject: "mail.invitationSubject",
      intro: "mail.invitationIntro",
      action: "mail.invitationAction",
      ignore: "mail.invitationIgnore",
    },
    { organisation: oneLine(p.organisation), days: p.days },
  );
  return linkMail({ locale: p.locale, name: p.name, url: p.url, ...parts });
}
