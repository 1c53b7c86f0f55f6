import { VotingInputError, ballotCount, ballotWeight, type Ballot } from "./ballot.js";
import { ParseError, countValue, splitLines, type ElectionFile } from "./election-file.js";
import { Rational } from "./rational.js";

export type PrefLibType = "soc" | "soi" | "toc" | "toi";

const TYPES: readonly string[] = ["soc", "soi", "toc", "toi"];

interface DataLine {
  line: number;
  count: number | bigint;
  ranking: number[][];
}

/**
 * Parses PrefLib ordinal data (.soc .soi .toc .toi): "# KEY: value" metadata, "# ALTERNATIVE NAME k: Name",
 * and data lines "count: a,b,{c,d},e". The data type (from `dataType`, else the DATA TYPE line) is enforced:
 * "s" = strict (no ties), "c" = complete (every alternative ranked).
 */
export function parsePrefLib(text: string, options: { dataType?: PrefLibType } = {}): ElectionFile {
  const lines = splitLines(text);
  const metadata: Array<[string, string]> = [];
  const metadataLine = new Map<string, number>();
  const names = new Map<number, string>();
  const nameLine = new Map<number, number>();
  const data: DataLine[] = [];

  lines.forEach((raw, lineIndex) => {
    const line = lineIndex + 1;
    const content = raw.trim();
    if (content === "") return;
    if (content.startsWith("#")) {
      const entry = /^#\s*([^:]+?)\s*:\s*(.*)$/.exec(content);
      if (!entry) return;
      const key = entry[1]!.toUpperCase();
      const value = entry[2]!.trim();
      const alternative = /^ALTERNATIVE NAME\s+(\d+)$/.exec(key);
      if (alternative) {
        const number = Number(alternative[1]);
        if (number < 1) throw new ParseError(line, `alternative numbers start at 1, got ${alternative[1]}`);
        if (names.has(number)) throw new ParseError(line, `alternative ${number} is named twice`);
        names.set(number, value);
        nameLine.set(number, line);
      } else {
        metadata.push([key, value]);
        metadataLine.set(key, line);
      }
      return;
    }
    data.push(parseDataLine(content, line));
  });

  const value = (key: string) => metadata.find(([name]) => name === key)?.[1];
  const declaredCount = positiveInteger(
    value("NUMBER ALTERNATIVES"),
    metadataLine.get("NUMBER ALTERNATIVES"),
    "NUMBER ALTERNATIVES",
    true,
  );
  const numbers = new Set<number>(names.keys());
  for (let number = 1; number <= (declaredCount ?? 0); number++) numbers.add(number);
  for (const number of names.keys()) {
    if (declaredCount !== undefined && number > declaredCount) {
      throw new ParseError(
        nameLine.get(number)!,
        `alternative ${number} is named but NUMBER ALTERNATIVES is ${declaredCount}`,
      );
    }
  }
  if (numbers.size === 0) {
    for (const entry of data) for (const group of entry.ranking) for (const number of group) numbers.add(number);
  }
  const alternatives = [...numbers].sort((a, b) => a - b);

  const typeText = options.dataType ?? value("DATA TYPE")?.toLowerCase();
  if (typeText !== undefined && !TYPES.includes(typeText)) {
    throw new ParseError(
      metadataLine.get("DATA TYPE") ?? 0,
      `unsupported data type "${typeText}" (expected soc, soi, toc or toi)`,
    );
  }
  const strict = typeText === "soc" || typeText === "soi";
  const complete = typeText === "soc" || typeText === "toc";

  let voters = 0n;
  const ballots: Ballot[] = data.map((entry) => {
    const seen = new Set<number>();
    for (const group of entry.ranking) {
      for (const number of group) {
        if (!numbers.has(number)) throw new ParseError(entry.line, `unknown alternative ${number}`);
        if (seen.has(number)) throw new ParseError(entry.line, `alternative ${number} appears twice`);
        seen.add(number);
      }
      if (strict && group.length > 1) throw new ParseError(entry.line, `ties are not allowed in a .${typeText} file`);
    }
    if (complete && seen.size !== numbers.size) {
      throw new ParseError(
        entry.line,
        `a .${typeText} file ranks every alternative; this line ranks ${seen.size} of ${numbers.size}`,
      );
    }
    voters += BigInt(entry.count);
    return { ranking: entry.ranking.map((group) => group.map(String)), count: entry.count };
  });

  const declaredVoters = value("NUMBER VOTERS");
  if (declaredVoters !== undefined && /^\d+$/.test(declaredVoters) && BigInt(declaredVoters) !== voters) {
    throw new ParseError(
      metadataLine.get("NUMBER VOTERS")!,
      `NUMBER VOTERS is ${declaredVoters} but the data lines count ${voters} voters`,
    );
  }
  const seats = positiveInteger(value("SEATS"), metadataLine.get("SEATS"), "SEATS", false);
  const title = value("TITLE");
  return {
    ...(title !== undefined ? { title } : {}),
    candidates: alternatives.map((number) => ({ id: String(number), name: names.get(number) ?? String(number) })),
    ballots,
    ...(seats !== undefined ? { seats } : {}),
    withdrawn: [],
    metadata,
  };
}

function positiveInteger(
  text: string | undefined,
  line: number | undefined,
  key: string,
  allowZero: boolean,
): number | undefined {
  if (text === undefined) return undefined;
  const number = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(number) || (!allowZero && number === 0)) {
    throw new ParseError(
      line ?? 0,
      `${key} must be a ${allowZero ? "non-negative" : "positive"} integer, got "${text}"`,
    );
  }
  return number;
}

function parseDataLine(content: string, line: number): DataLine {
  const match = /^(\d+)\s*:(.*)$/.exec(content);
  if (!match) throw new ParseError(line, `expected "count: order", got "${content}"`);
  const ranking: number[][] = [];
  const order = match[2]!;
  let position = 0;
  const skipSpaces = () => {
    while (position < order.length && /\s/.test(order[position]!)) position++;
  };
  const readNumber = (): number => {
    skipSpaces();
    const digits = /^\d+/.exec(order.slice(position));
    if (!digits) {
      const found = order[position] === undefined ? "end of line" : `"${order[position]}"`;
      throw new ParseError(line, `expected an alternative number, found ${found}`);
    }
    position += digits[0].length;
    return Number(digits[0]);
  };
  skipSpaces();
  while (position < order.length) {
    if (order[position] === "{") {
      position++;
      skipSpaces();
      const group: number[] = [];
      if (order[position] !== "}") {
        for (;;) {
          group.push(readNumber());
          skipSpaces();
          if (order[position] === ",") position++;
          else if (order[position] === "}") break;
          else throw new ParseError(line, `expected "," or "}" in a tie group`);
        }
      }
      position++;
      if (group.length > 0) ranking.push(group);
    } else {
      ranking.push([readNumber()]);
    }
    skipSpaces();
    if (position >= order.length) break;
    if (order[position] !== ",")
      throw new ParseError(line, `expected "," between alternatives, found "${order[position]}"`);
    position++;
    skipSpaces();
    if (position >= order.length) throw new ParseError(line, "trailing comma");
  }
  return { line, count: countValue(match[1]!), ranking };
}

export interface PrefLibMeta {
  title?: string;
  description?: string;
  fileName?: string;
  seats?: number;
}

/**
 * Writes ballots as PrefLib text: .soi when no ballot has a tie, else .toi. Identical rankings are merged
 * (counts summed), lines sorted by count then ranking; blank ballots are left out. PrefLib counts are
 * integers, so weight × count must be a whole number for every ballot.
 */
export function toPrefLib(
  candidates: ReadonlyArray<string | { id: string; name: string }>,
  ballots: readonly Ballot[],
  meta: PrefLibMeta = {},
): string {
  const entries = candidates.map((candidate) =>
    typeof candidate === "string" ? { id: candidate, name: candidate } : candidate,
  );
  const numberOf = new Map<string, number>();
  entries.forEach((candidate, index) => {
    if (numberOf.has(candidate.id)) throw new VotingInputError(`candidate "${candidate.id}" is declared twice`);
    numberOf.set(candidate.id, index + 1);
  });
  const lines = new Map<string, { ranking: number[][]; count: bigint }>();
  ballots.forEach((ballot, ballotIndex) => {
    const amount = ballotWeight(ballot, ballotIndex).mul(Rational.of(ballotCount(ballot, ballotIndex)));
    if (!amount.isInteger()) {
      throw new VotingInputError(
        `ballot ${ballotIndex + 1}: PrefLib counts are integers, but weight × count is ${amount.toExactString()}`,
      );
    }
    const seen = new Set<number>();
    const ranking = ballot.ranking
      .map((group) =>
        group
          .map((id) => {
            const number = numberOf.get(id);
            if (number === undefined)
              throw new VotingInputError(`ballot ${ballotIndex + 1}: unknown candidate "${id}"`);
            if (seen.has(number))
              throw new VotingInputError(`ballot ${ballotIndex + 1}: candidate "${id}" ranked twice`);
            seen.add(number);
            return number;
          })
          .sort((a, b) => a - b),
      )
      .filter((group) => group.length > 0);
    if (ranking.length === 0 || amount.isZero()) return;
    const key = ranking.map((group) => group.join(",")).join(">");
    const existing = lines.get(key);
    if (existing) existing.count += amount.num;
    else lines.set(key, { ranking, count: amount.num });
  });

  const sorted = [...lines.values()].sort((a, b) =>
    a.count > b.count ? -1 : a.count < b.count ? 1 : compareRankings(a.ranking, b.ranking),
  );
  const hasTies = sorted.some((line) => line.ranking.some((group) => group.length > 1));
  const voters = sorted.reduce((sum, line) => sum + line.count, 0n);
  const header: string[] = [];
  const put = (key: string, value: string | number | bigint) => {
    const text = String(value);
    if (/[\r\n]/.test(text)) throw new VotingInputError(`${key} must be a single line`);
    header.push(`# ${key}: ${text}`);
  };
  if (meta.fileName !== undefined) put("FILE NAME", meta.fileName);
  if (meta.title !== undefined) put("TITLE", meta.title);
  if (meta.description !== undefined) put("DESCRIPTION", meta.description);
  put("DATA TYPE", hasTies ? "toi" : "soi");
  if (meta.seats !== undefined) put("SEATS", meta.seats);
  put("NUMBER ALTERNATIVES", entries.length);
  put("NUMBER VOTERS", voters);
  put("NUMBER UNIQUE ORDERS", sorted.length);
  entries.forEach((candidate, index) => put(`ALTERNATIVE NAME ${index + 1}`, candidate.name));
  const body = sorted.map(
    (line) =>
      `${line.count}: ${line.ranking.map((group) => (group.length === 1 ? String(group[0]) : `{${group.join(",")}}`)).join(",")}`,
  );
  return [...header, ...body].join("\n") + "\n";
}

function compareRankings(a: number[][], b: number[][]): number {
  const flat = (ranking: number[][]) =>
    ranking.flatMap((group, index) => [...group, index === ranking.length - 1 ? -1 : 0]);
  const left = flat(a);
  const right = flat(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (left[i] !== right[i]) return left[i]! - right[i]!;
  }
  return left.length - right.length;
}
