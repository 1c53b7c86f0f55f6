import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerSession } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smtpMailer } from "../../src/mail/mailer.js";
import { magicLinkMail } from "../../src/mail/templates.js";
import { parseEml } from "./eml.js";

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on 127.0.0.1 and a random port; it keeps what it receives. */
describe("sending through SMTP", () => {
  const received: Received[] = [];
  let server: SMTPServer;
  let port: number;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      allowInsecureAuth: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, session: SMTPServerSession, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString("utf8"),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("delivers a sign-in e-mail with recipient, subject, language and link, the name escaped in HTML", async () => {
    const mailer = smtpMailer(`smtp://127.0.0.1:${port}`, "LetsCoop <no-reply@letscoop.test>");
    const url = "http://localhost:3000/nl/sign-in/magic/abcdefghijklmnopqrstuvwxyz234567";
    const content = await magicLinkMail({
      locale: "nl",
      name: "Jan <script>alert(1)</script> Peeters",
      url,
      minutes: 15,
    });
    await mailer.send({ to: "jan@example.org", ...content });

    expect(received).toHaveLength(1);
    const [message] = received;
    expect(message!.from).toBe("no-reply@letscoop.test");
    expect(message!.to).toEqual(["jan@example.org"]);
    const mail = parseEml(message!.raw);
    expect(mail.headers.get("to")).toBe("jan@example.org");
    expect(mail.headers.get("subject")).toBe("Uw aanmeldlink voor LetsCoop");
    expect(mail.headers.get("content-language")).toBe("nl");
    expect(mail.text).toContain(url);
    expect(mail.html).toContain(`href="${url}"`);
    expect(mail.html).toContain("Dag Jan &lt;script&gt;alert(1)&lt;/script&gt; Peeters,");
    expect(mail.html).not.toContain("<script>");
    expect(mail.text).toContain("Dag Jan <script>alert(1)</script> Peeters,");
  });
});
