import { html } from "hono/html";
import { placeLine, type PlaceFacts } from "../domain/meetings/describe.js";
import { endOf } from "../domain/meetings/schedule.js";
import { formatDate, TIME_ZONE } from "../i18n/format.js";
import { translator } from "../i18n/index.js";
import type { Locale } from "../i18n/locales.js";
import type { MailContent } from "./templates.js";

/** What a meeting reminder says; the same for every member but for the language. */
export interface MeetingMailFacts extends PlaceFacts {
  title: string;
  groupTitle: string;
  startsAt: Date;
  durationMinutes: number;
  office: { name: string; city: string } | null;
  /** Absolute address of the meeting page in the member's language. */
  url: string;
}

/** Header values never carry line breaks, whatever a title holds. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, " ").trim();
}

const TIME_TAG: Record<Locale, string> = { fr: "fr-BE", nl: "nl-BE", de: "de-BE", en: "en-GB" };

function timeOf(locale: Locale, at: Date): string {
  return new Intl.DateTimeFormat(TIME_TAG[locale], { timeStyle: "short", timeZone: TIME_ZONE }).format(at);
}

/**
 * Sent a day before a meeting to every active member of its group: when, where, the link.
 * Every value goes through hono/html, which escapes it: a title cannot add markup.
 */
export async function meetingReminderMail(p: {
  locale: Locale;
  name: string;
  meeting: MeetingMailFacts;
}): Promise<MailContent> {
  const t = translator(p.locale);
  const m = p.meeting;
  const title = oneLine(m.title);
  const day = formatDate(p.locale, m.startsAt);
  const start = timeOf(p.locale, m.startsAt);
  const end = timeOf(p.locale, endOf(m.startsAt, m.durationMinutes));
  const subject = oneLine(t("meetings.reminderSubject", { title, date: day }));
  const greeting = t("mail.greeting", { name: oneLine(p.name) });
  const intro = t("meetings.reminderIntro", { group: oneLine(m.groupTitle), title });
  const when = t("meetings.reminderWhen", { date: day, start, end });
  const where = t("meetings.reminderWhere", { place: placeLine(t, m, m.office, true) });
  const action = t("meetings.reminderAction");
  const why = t("meetings.reminderWhy");
  const signature = t("mail.signature");
  const text = [
    greeting,
    "",
    intro,
    "",
    when,
    where,
    "",
    `${action}: ${m.url}`,
    "",
    why,
    "",
    `— ${signature}`,
    "",
  ].join("\n");
  const body = html`<!DOCTYPE html>
    <html lang="${p.locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${subject}</title>
      </head>
      <body>
        <p>${greeting}</p>
        <p>${intro}</p>
        <p>${when}<br />${where}</p>
        <p>
          <a href="${m.url}"><strong>${action}</strong></a>
        </p>
        <p>${t("mail.linkFallback")}<br />${m.url}</p>
        <p>${why}</p>
        <p>— ${signature}</p>
      </body>
    </html>`;
  return { subject, text, html: String(await body), language: p.locale };
}
