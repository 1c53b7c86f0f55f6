import { describe, expect, it } from "vitest";
import { LOCALES } from "../../src/i18n/locales.js";
import { invitationMail, magicLinkMail, passwordResetMail } from "../../src/mail/templates.js";

const NAME = `<script>alert("x")</script> & O'Brien`;
const URL_WITH_QUERY = "https://coop.example/fr/sign-in/magic/abc?x=1&y=2";

describe("e-mail templates", () => {
  it("escape the person's name and the link in the HTML part, and keep the text part plain", async () => {
    const mail = await magicLinkMail({ locale: "fr", name: NAME, url: URL_WITH_QUERY, minutes: 15 });
    expect(mail.html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(mail.html).toContain('<html lang="fr">');
    expect(mail.html).toContain("Bonjour &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; O&#39;Brien,");
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain('href="https://coop.example/fr/sign-in/magic/abc?x=1&amp;y=2"');
    expect(mail.text).toContain(`Bonjour ${NAME},`);
    expect(mail.text).toContain(URL_WITH_QUERY);
    expect(mail.language).toBe("fr");
  });

  it("escape the organisation name and keep line breaks out of the subject", async () => {
    const mail = await invitationMail({
      locale: "en",
      name: "Ana",
      organisation: "Coop <b>Bold</b>\r\nBcc: x@example.org",
      url: URL_WITH_QUERY,
      days: 14,
    });
    expect(mail.subject).toBe("Invitation to join Coop <b>Bold</b> Bcc: x@example.org on LetsCoop");
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.html).toContain("Coop &lt;b&gt;Bold&lt;/b&gt;");
    expect(mail.html).not.toContain("<b>Bold");
    expect(mail.text).toContain("valid for 14 days");
  });

  it("exist in every language, each with its own subject and the link", async () => {
    for (const make of [magicLinkMail, passwordResetMail]) {
      const subjects = new Set<string>();
      for (const locale of LOCALES) {
        const mail = await make({ locale, name: "Ana", url: `https://coop.example/${locale}/x`, minutes: 60 });
        subjects.add(mail.subject);
        expect(mail.language).toBe(locale);
        expect(mail.html).toContain(`lang="${locale}"`);
        expect(mail.text).toContain(`https://coop.example/${locale}/x`);
        expect(mail.text).toContain("60");
      }
      expect(subjects.size).toBe(LOCALES.length);
    }
  });
});
