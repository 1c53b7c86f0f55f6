/**
 * An Atom 1.0 feed (RFC 4287) as text. Every piece of user text is escaped as XML character
 * data, and characters XML 1.0 forbids (control characters) are dropped, so no title or summary
 * can break out of its element.
 */
export interface AtomEntry {
  id: string;
  title: string;
  /** The language of the entry's text (xml:lang). */
  language: string;
  updated: Date;
  url: string;
  /** A label for the entry's category (e.g. "Recommendation 3 of the cycle 2015-2016"). */
  category: string;
  summary: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  language: string;
  selfUrl: string;
  pageUrl: string;
  entries: readonly AtomEntry[];
}

/** How much of an entry's text goes into its summary. */
export const SUMMARY_LENGTH = 500;

// XML 1.0 allows tab, newline, carriage return and everything from U+0020 except the surrogates and U+FFFE/U+FFFF.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(FORBIDDEN, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= SUMMARY_LENGTH ? flat : `${flat.slice(0, SUMMARY_LENGTH - 1).trimEnd()}…`;
}

export function atomFeed(feed: AtomFeed): string {
  const updated = feed.entries.reduce((latest, e) => (e.updated > latest ? e.updated : latest), new Date(0));
  const x = escapeXml;
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${x(feed.language)}">`,
    `  <id>${x(feed.id)}</id>`,
    `  <title>${x(feed.title)}</title>`,
    `  <updated>${updated.toISOString()}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${x(feed.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${x(feed.pageUrl)}"/>`,
    `  <author><name>LetsCoop</name></author>`,
    ...feed.entries.flatMap((e) => [
      `  <entry xml:lang="${x(e.language)}">`,
      `    <id>${x(e.id)}</id>`,
      `    <title>${x(e.title)}</title>`,
      `    <updated>${e.updated.toISOString()}</updated>`,
      `    <link rel="alternate" type="text/html" href="${x(e.url)}"/>`,
      `    <category term="recommendation" label="${x(e.category)}"/>`,
      `    <summary>${x(shorten(e.summary))}</summary>`,
      `  </entry>`,
    ]),
    `</feed>`,
  ];
  return `${lines.join("\n")}\n`;
}
