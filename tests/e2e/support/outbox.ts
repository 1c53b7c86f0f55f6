import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { E2E_BASE_URL, E2E_OUTBOX_DIR } from "./environment.js";

export interface OutboxMessage {
  file: string;
  headers: Map<string, string>;
  /** The decoded text/plain and text/html parts, in the order found. */
  texts: string[];
}

/** Names of the .eml files in the server's outbox (they start with an ISO timestamp). */
export async function outboxFiles(): Promise<string[]> {
  try {
    return (await readdir(E2E_OUTBOX_DIR)).filter((f) => f.endsWith(".eml")).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function decodeBody(body: string, encoding: string): string {
  switch (encoding.toLowerCase()) {
    case "base64":
      return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
    case "quoted-printable": {
      const bytes = body
        .replace(/=\r?\n/g, "")
        .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      return Buffer.from(bytes, "latin1").toString("utf8");
    }
    default:
      return body;
  }
}

/** A small MIME reader: enough for nodemailer's messages (multipart, base64, quoted-printable). */
function readPart(raw: string, texts: string[]): Map<string, string> {
  const split = raw.search(/\r?\n\r?\n/);
  const headerBlock = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? "" : raw.slice(split).replace(/^\r?\n\r?\n/, "");
  const headers = parseHeaders(headerBlock);
  const type = headers.get("content-type") ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith("multipart/") && boundary) {
    const parts = body.split(`--${boundary}`).slice(1);
    for (const part of parts) {
      if (part.startsWith("--")) break;
      readPart(part.replace(/^\r?\n/, ""), texts);
    }
  } else if (type.toLowerCase().startsWith("text/")) {
    texts.push(decodeBody(body, headers.get("content-transfer-encoding") ?? "7bit"));
  }
  return headers;
}

export async function readMessage(file: string): Promise<OutboxMessage> {
  const raw = await readFile(path.join(E2E_OUTBOX_DIR, file), "utf8");
  const texts: string[] = [];
  const headers = readPart(raw, texts);
  return { file, headers, texts };
}

/**
 * Waits for a message to `to` that was not in `before` (the outbox listed before the action that
 * sends it), and returns the newest such message.
 */
export async function waitForMessage(to: string, before: string[], timeoutMs = 15_000): Promise<OutboxMessage> {
  const known = new Set(before);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const fresh = (await outboxFiles()).filter((f) => !known.has(f)).reverse();
    for (const file of fresh) {
      const message = await readMessage(file);
      if ((message.headers.get("to") ?? "").toLowerCase().includes(to.toLowerCase())) return message;
    }
    if (Date.now() > deadline)
      throw new Error(`No e-mail to ${to} arrived in ${E2E_OUTBOX_DIR} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The links of a message that lead to the server under test, text part first. */
export function linksToSite(message: OutboxMessage): string[] {
  const escaped = E2E_BASE_URL.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`${escaped}/[^\\s"'<>)\\]]+`, "g");
  const links = message.texts.flatMap((text) => text.match(pattern) ?? []);
  return [...new Set(links.map((link) => link.replace(/&amp;/g, "&").replace(/[.,;]+$/, "")))];
}
