import { html } from "hono/html";
import { translator } from "../i18n/index.js";
import type { Locale } from "../i18n/locales.js";
import type { MailContent } from "./templates.js";

/** Header values never carry line breaks, whatever a name or title holds. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, " ").trim();
}

/**
 * Sent to a person invited into a working group, in their language: who invites them, to
 * which group, and the link to the group's page where they accept or decline. Every value is
 * escaped by the `html` template.
 */
export async function groupInvitationMail(p: {
  locale: Locale;
  name: string;
  inviter: string;
  group: string;
  cycle: string;
  url: string;
}): Promise<MailContent> {
  const t = translator(p.locale);
  const values = { inviter: oneLine(p.inviter), group: oneLine(p.group), cycle: oneLine(p.cycle) };
  const greeting = t("mail.greeting", { name: oneLine(p.name) });
  const subject = oneLine(t("groups.mailInviteSubject", values));
  const intro = p.inviter.trim() ? t("groups.mailInviteIntro", values) : t("groups.mailInviteIntroNoName", values);
  const answer = t("groups.mailInviteAnswer");
  const action = t("groups.mailInviteAction");
  const why = t("groups.mailInviteWhy");
  const signature = t("mail.signature");
  const text = [greeting, "", intro, "", answer, "", `${action}: ${p.url}`, "", why, "", `— ${signature}`, ""].join(
    "\n",
  );
  const body = await html`<html lang="${p.locale}">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>${subject}</title>
    </head>
    <body>
      <p>${greeting}</p>
      <p>${intro}</p>
      <p>${answer}</p>
      <p>
        <a href="${p.url}"><strong>${action}</strong></a>
      </p>
      <p>${t("mail.linkFallback")}<br />${p.url}</p>
      <p>${why}</p>
      <p>— ${signature}</p>
    </body>
  </html>`;
  return { subject, text, html: `<!DOCTYPE html>${body.toString()}`, language: p.locale };
}
