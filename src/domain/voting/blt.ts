import type { Ballot } from "./ballot.js";
import { ParseError, countValue, splitLines, type ElectionFile } from "./election-file.js";

/**
 * Parses a BLT file: "ncandidates nseats", an optional line of withdrawn candidates as negative numbers,
 * one ballot per line "weight pref1 pref2 … 0" (OpenSTV extensions: an optional "(id)" first, "2=3" for
 * equal preferences, "-" for a skipped preference, "#" comments), a line "0", the candidate names in
 * double quotes one per line, then optionally the title and further quoted lines (source, comment).
 */
export function parseBlt(text: string): ElectionFile {
  const lines = splitLines(text);
  let index = 0;
  const next = (): { content: string; line: number } | undefined => {
    while (index < lines.length) {
      const line = index + 1;
      const raw = lines[index++]!;
      const content = (raw.trimStart().startsWith('"') ? raw : raw.replace(/#.*$/, "")).trim();
      if (content !== "") return { content, line };
    }
    return undefined;
  };

  const header = next();
  const sizes = header && /^(\d+)\s+(\d+)$/.exec(header.content);
  if (!header || !sizes) throw new ParseError(header?.line ?? 1, 'expected "ncandidates nseats" on the first line');
  const size = Number(sizes[1]);
  const seats = Number(sizes[2]);
  if (size < 1) throw new ParseError(header.line, "there must be at least one candidate");
  if (seats < 1) throw new ParseError(header.line, "there must be at least one seat");
  const inRange = (number: number, line: number) => {
    if (!Number.isSafeInteger(number) || number < 1 || number > size)
      throw new ParseError(line, `unknown candidate ${number}`);
  };

  const withdrawn: string[] = [];
  const ballots: Ballot[] = [];
  let current = next();
  if (current && /^-\d+(\s+-\d+)*$/.test(current.content)) {
    for (const token of current.content.split(/\s+/)) {
      const number = -Number(token);
      inRange(number, current.line);
      if (!withdrawn.includes(String(number))) withdrawn.push(String(number));
    }
    current = next();
  }

  for (;;) {
    if (!current) throw new ParseError(lines.length, 'missing the line "0" that ends the ballots');
    if (current.content === "0") break;
    ballots.push(parseBallot(current.content, current.line, inRange));
    current = next();
  }

  const quoted: Array<{ text: string; line: number }> = [];
  for (let entry = next(); entry; entry = next()) {
    const match = /^"(.*)"$/.exec(entry.content);
    if (!match) throw new ParseError(entry.line, `expected a name in double quotes, got ${entry.content}`);
    quoted.push({ text: match[1]!, line: entry.line });
  }
  if (quoted.length < size) {
    throw new ParseError(
      quoted[quoted.length - 1]?.line ?? lines.length,
      `expected ${size} candidate names, found ${quoted.length}`,
    );
  }
  const [title, ...extra] = quoted.slice(size);
  return {
    ...(title ? { title: title.text } : {}),
    candidates: quoted.slice(0, size).map((name, position) => ({ id: String(position + 1), name: name.text })),
    ballots,
    seats,
    withdrawn,
    metadata: extra.map((entry, position) => [position === 0 ? "SOURCE" : "COMMENT", entry.text]),
  };
}

function parseBallot(content: string, line: number, inRange: (number: number, line: number) => void): Ballot {
  const tokens = content.replace(/^\([^)]*\)\s*/, "").split(/\s+/);
  const weightText = tokens[0]!;
  if (!/^\d+(\.\d+)?$/.test(weightText)) throw new ParseError(line, `expected a ballot weight, got "${weightText}"`);
  if (tokens[tokens.length - 1] !== "0") throw new ParseError(line, "a ballot must end with 0");
  const seen = new Set<number>();
  const ranking: string[][] = [];
  for (const token of tokens.slice(1, -1)) {
    if (token === "-") continue;
    if (!/^\d+(=\d+)*$/.test(token)) throw new ParseError(line, `expected a candidate number, got "${token}"`);
    const group = token.split("=").map(Number);
    for (const number of group) {
      if (number === 0) throw new ParseError(line, "0 ends a ballot and must come last");
      inRange(number, line);
      if (seen.has(number)) throw new ParseError(line, `candidate ${number} appears twice`);
      seen.add(number);
    }
    ranking.push(group.map(String));
  }
  return weightText.includes(".") ? { ranking, weight: weightText } : { ranking, count: countValue(weightText) };
}
