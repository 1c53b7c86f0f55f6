import type { Child } from "hono/jsx";
import { formatDate } from "../i18n/format.js";
import { translator } from "../i18n/index.js";
import type { Locale } from "../i18n/locales.js";
import type { MailContent } from "./templates.js";

/** What a ballot e-mail says about its ballot; the same for every elector. */
export interface BallotMailFacts {
  title: string;
  closesAt: Date | null;
  /** Absolute address of the ballot page in the elector's language. */
  url: string;
}

/** Header values never carry line breaks, whatever a title holds. */
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

interface BallotMailParts {
  locale: Locale;
  name: string;
  subject: string;
  paragraphs: string[];
  action: string;
  url: string;
  footer: string[];
}

/** Greeting, what happens, the link (as an anchor and as text), why you get this. Text goes through JSX. */
async function ballotMail(p: BallotMailParts): Promise<MailContent> {
  const t = translator(p.locale);
  const greeting = t("mail.greeting", { name: oneLine(p.name) });
  const signature = t("mail.signature");
  const subject = oneLine(p.subject);
  const text = [
    greeting,
    "",
    ...p.paragraphs.flatMap((x) => [x, ""]),
    `${p.action}: ${p.url}`,
    "",
    ...p.footer.flatMap((x) => [x, ""]),
    `— ${signature}`,
    "",
  ].join("\n");
  const body = (
    <Document locale={p.locale} title={subject}>
      <p>{greeting}</p>
      {p.paragraphs.map((x) => (
        <p>{x}</p>
      ))}
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
      {p.footer.map((x) => (
        <p>{x}</p>
      ))}
      <p>— {signature}</p>
    </Document>
  );
  const html = `<!DOCTYPE html>${await body.toString()}`;
  return { subject, text, html, language: p.locale };
}

/** Sent to every elector when a ballot opens. */
export function ballotOpenedMail(p: { locale: Locale; name: string; ballot: BallotMailFacts }): Promise<MailContent> {
  const t = translator(p.locale);
  const title = oneLine(p.ballot.title);
  const closes = p.ballot.closesAt ? formatDate(p.locale, p.ballot.closesAt, "datetime") : null;
  return ballotMail({
    locale: p.locale,
    name: p.name,
    subject: t("jobs.openedSubject", { title }),
    paragraphs: [
      t("jobs.openedIntro", { title }),
      closes ? t("jobs.openedUntil", { closes }) : t("jobs.openedNoEnd"),
      t("jobs.secrecy"),
    ],
    action: t("jobs.openedAction"),
    url: p.ballot.url,
    footer: [t("jobs.why")],
  });
}

/** Sent before the close to electors who have not voted. */
export function ballotReminderMail(p: { locale: Locale; name: string; ballot: BallotMailFacts }): Promise<MailContent> {
  const t = translator(p.locale);
  const title = oneLine(p.ballot.title);
  const closes = p.ballot.closesAt ? formatDate(p.locale, p.ballot.closesAt, "datetime") : null;
  return ballotMail({
    locale: p.locale,
    name: p.name,
    subject: t("jobs.reminderSubject", { title }),
    paragraphs: [t("jobs.reminderIntro", { title }), ...(closes ? [t("jobs.reminderUntil", { closes })] : [])],
    action: t("jobs.reminderAction"),
    url: p.ballot.url,
    footer: [t("jobs.secrecy"), t("jobs.why")],
  });
}
