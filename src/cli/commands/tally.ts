import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { UsageError, type CliCommand, type CliIo } from "../command.js";
import {
  ParseError,
  RANKED_METHODS,
  Rational,
  VotingInputError,
  countRanked,
  isRankedMethod,
  parseBlt,
  parsePrefLib,
  type ElectionFile,
  type PrefLibType,
  type RankedMethod,
  type RankedResult,
} from "../../domain/voting/index.js";

const USAGE = `tally [--method ${RANKED_METHODS.join("|")}] [--seats N] FILE`;

interface Options {
  method: RankedMethod;
  seats?: number;
  file: string;
}

export const tally: CliCommand = {
  name: "tally",
  summary: "Count a PrefLib (.soc .soi .toc .toi) or BLT (.blt) ballot file and print the result as JSON.",
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const options = parseArguments(argv);
    if (!options) {
      io.out(`usage: ${USAGE}`);
      return 0;
    }
    const parse = parserFor(options.file);
    let text: string;
    try {
      text = await readFile(options.file, "utf8");
    } catch (error) {
      throw new UsageError(`cannot read ${options.file}: ${(error as Error).message}`);
    }
    try {
      const election = parse(text);
      const result = countRanked(options.method, {
        candidates: election.candidates.map((candidate) => candidate.id),
        ballots: election.ballots,
        seats: options.seats ?? election.seats ?? 1,
        withdrawn: election.withdrawn,
      });
      io.out(renderJson(present(result, displayNames(election))));
      return 0;
    } catch (error) {
      if (error instanceof ParseError) {
        io.err(`${options.file}:${error.line}: ${error.reason}`);
        return 2;
      }
      if (error instanceof VotingInputError) {
        io.err(`${options.file}: ${error.message}`);
        return 2;
      }
      throw error;
    }
  },
};

/** undefined when help was asked for. */
function parseArguments(argv: string[]): Options | undefined {
  let method: RankedMethod = "schulze";
  let seats: number | undefined;
  const files: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument === "--help" || argument === "-h") return undefined;
    if (argument === "--") {
      files.push(...argv.slice(index + 1));
      break;
    }
    const option = /^--(method|seats)(?:=(.*))?$/.exec(argument);
    if (option) {
      const value = option[2] ?? argv[++index];
      if (value === undefined) throw new UsageError(`--${option[1]} needs a value`);
      if (option[1] === "method") {
        if (!isRankedMethod(value)) throw new UsageError(`unknown method "${value}"`);
        method = value;
      } else {
        if (!/^[1-9]\d*$/.test(value) || !Number.isSafeInteger(Number(value))) {
          throw new UsageError(`--seats must be a positive integer, got "${value}"`);
        }
        seats = Number(value);
      }
      continue;
    }
    if (argument.startsWith("-") && argument !== "-") throw new UsageError(`unknown option ${argument}`);
    files.push(argument);
  }
  if (files.length !== 1) throw new UsageError(`expected one FILE`);
  return { method, file: files[0]!, ...(seats !== undefined ? { seats } : {}) };
}

function parserFor(file: string): (text: string) => ElectionFile {
  const extension = extname(file).slice(1).toLowerCase();
  if (extension === "blt") return parseBlt;
  if (extension === "soc" || extension === "soi" || extension === "toc" || extension === "toi") {
    return (text) => parsePrefLib(text, { dataType: extension as PrefLibType });
  }
  throw new UsageError(`cannot tell the format of ${file}: expected .soc, .soi, .toc, .toi or .blt`);
}

/** Declared names, made unique by appending " #id" to repeated ones. */
function displayNames(election: ElectionFile): Map<string, string> {
  const uses = new Map<string, number>();
  for (const candidate of election.candidates) uses.set(candidate.name, (uses.get(candidate.name) ?? 0) + 1);
  return new Map(
    election.candidates.map((candidate) => [
      candidate.id,
      uses.get(candidate.name)! > 1 ? `${candidate.name} #${candidate.id}` : candidate.name,
    ]),
  );
}

/** JSON numbers as their text: integers exactly, other values rounded to at most 5 decimals. */
class JsonNumber {
  constructor(readonly text: string) {}
}

/** Keeps keys in the order given, even integer-like ones. */
class JsonObject {
  constructor(readonly entries: Array<[string, Json]>) {}
}

type Json = string | JsonNumber | JsonObject | Json[];

function present(result: RankedResult, names: Map<string, string>): Json {
  const name = (id: string) => names.get(id) ?? id;
  return new JsonObject([
    ["method", result.method],
    ["winners", result.winners.map(name)],
    ["ranking", result.ranking.map((group) => group.map(name))],
    [
      "rounds",
      result.rounds.map(
        (round) =>
          new JsonObject([
            [
              "tallies",
              new JsonObject(Object.entries(round.tallies).map(([id, value]) => [name(id), displayNumber(value)])),
            ],
            ["elected", round.elected.map(name)],
            ["eliminated", round.eliminated.map(name)],
          ]),
      ),
    ],
  ]);
}

export function displayNumber(exact: string): JsonNumber {
  const value = Rational.parse(exact);
  if (value.isInteger()) return new JsonNumber(value.num.toString());
  const rounded = value.toDecimalString(5, "round").replace(/0+$/, "").replace(/\.$/, "");
  return new JsonNumber(rounded === "-0" ? "0" : rounded);
}

/** Like JSON.stringify(value, null, 2), with JsonNumber written verbatim. */
export function renderJson(value: Json, indent = ""): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value instanceof JsonNumber) return value.text;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((item) => inner + renderJson(item, inner)).join(",\n")}\n${indent}]`;
  }
  if (value.entries.length === 0) return "{}";
  return `{\n${value.entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${renderJson(item, inner)}`).join(",\n")}\n${indent}}`;
}
