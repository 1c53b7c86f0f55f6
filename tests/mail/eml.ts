/**
 * Reads an e-mail as a mail program would: headers (unfolded, RFC 2047 words decoded) and the
 * text and HTML parts (quoted-printable or base64 decoded). Enough for what nodemailer writes.
 */
export interface ParsedMail {
  headers: Map<string, string>;
  text: string;
  html: string;
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, enc: string, data: string) => {
      if (enc.toUpperCase() === "B") return Buffer.from(data, "base64").toString("utf8");
      const bytes = data.replace(/_/g, " ").replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => `%${h}`);
      return decodeURIComponent(bytes.replace(/%(?![0-9A-Fa-f]{2})/g, "%25"));
    });
}

function decodeQuotedPrintable(body: string): string {
  const joined = body.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const ch = joined[i]!;
    if (ch === "=" && /^[0-9A-Fa-f]{2}$/.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(ch, "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

function splitHeadersAndBody(raw: string): { headers: Map<string, string>; body: string } {
  const normalised = raw.replace(/\r\n/g, "\n");
  const end = normalised.indexOf("\n\n");
  const head = end === -1 ? normalised : normalised.slice(0, end);
  const body = end === -1 ? "" : normalised.slice(end + 2);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n[ \t]+/g, " ").split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  return { headers, body };
}

function decodeBody(headers: Map<string, string>, body: string): string {
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  if (encoding === "quoted-printable") return decodeQuotedPrintable(body);
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  return body;
}

export function parseEml(raw: string): ParsedMail {
  const { headers, body } = splitHeadersAndBody(raw);
  const out: ParsedMail = { headers, text: "", html: "" };
  const visit = (partHeaders: Map<string, string>, partBody: string) => {
    const type = partHeaders.get("content-type") ?? "text/plain";
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (type.toLowerCase().startsWith("multipart/") && boundary) {
      const pieces = partBody.split(`--${boundary}`).slice(1);
      for (const piece of pieces) {
        if (piece.startsWith("--")) break;
        const inner = splitHeadersAndBody(piece.replace(/^\n/, ""));
        visit(inner.headers, inner.body);
      }
      return;
    }
    const decoded = decodeBody(partHeaders, partBody);
    if (type.toLowerCase().startsWith("text/html")) out.html += decoded;
    else if (type.toLowerCase().startsWith("text/plain")) out.text += decoded;
  };
  visit(headers, body);
  return out;
}

/** The messages of an outbox sent to one address, oldest first. */
export function mailsTo(outbox: string[], address: string): ParsedMail[] {
  return outbox.map(parseEml).filter((m) => (m.headers.get("to") ?? "").toLowerCase().includes(address.toLowerCase()));
}

/** The path of the first link of a message whose path contains `marker`, e.g. "/sign-in/magic/". */
export function linkIn(mail: ParsedMail, marker: string): string {
  const url = mail.text.match(/https?:\/\/\S+/g)?.find((u) => u.includes(marker));
  if (!url) throw new Error(`no link with ${marker} in the e-mail`);
  return new URL(url).pathname;
}

/**
 * Waits until the outbox holds `count` messages to the address (sign-in and reset links are
 * e-mailed after the page has answered), and returns them.
 */
export async function waitForMails(
  outbox: () => Promise<string[]>,
  address: string,
  count: number,
  timeoutMs = 5000,
): Promise<ParsedMail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = mailsTo(await outbox(), address);
    if (mails.length >= count) return mails;
    if (Date.now() > deadline) throw new Error(`expected ${count} e-mails to the address, found ${mails.length}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Lets work started after an answer finish, before asserting that it wrote nothing. */
export const settle = (ms = 200) => new Promise((resolve) => setTimeout(resolve, ms));
