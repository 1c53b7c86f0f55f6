/** Longest minutes accepted, in characters. */
export const MINUTES_MAX_LENGTH = 50_000;

export type MinutesBlock = { kind: "paragraph"; lines: string[] } | { kind: "list"; items: string[] };

const ITEM = /^[-–•]\s+/;

/**
 * The light structure of minutes typed as plain text: paragraphs separated by a blank line, and
 * lists made of lines that begin with "- ". Nothing is interpreted as markup: what looks like
 * HTML stays text, and the page escapes it.
 */
export function minutesBlocks(text: string): MinutesBlock[] {
  const blocks: MinutesBlock[] = [];
  const chunks = text.replace(/\r\n?/g, "\n").split(/\n[ \t]*\n/);
  for (const chunk of chunks) {
    let current: MinutesBlock | null = null;
    for (const raw of chunk.split("\n")) {
      const line = raw.trim();
      if (line === "") continue;
      if (ITEM.test(line)) {
        const item = line.replace(ITEM, "");
        if (current?.kind !== "list") blocks.push((current = { kind: "list", items: [] }));
        current.items.push(item);
      } else {
        if (current?.kind !== "paragraph") blocks.push((current = { kind: "paragraph", lines: [] }));
        current.lines.push(line);
      }
    }
  }
  return blocks;
}
