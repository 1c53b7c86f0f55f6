import { readFile } from "node:fs/promises";
import { importMemberRows, loadImportContext } from "../../commands/import-members.js";
import { findOrganisationBySlug } from "../../commands/organisations.js";
import type { Db } from "../../db/client.js";
import { parseMemberFile } from "../../domain/members/csv-import.js";
import {
  columnLabel,
  describeFileIssue,
  describeRowIssue,
  describeWarning,
} from "../../domain/members/import-messages.js";
import { translator } from "../../i18n/index.js";
import { UsageError, type CliCommand, type CliIo } from "../command.js";
import { withDatabase } from "../database.js";

const USAGE = "import-members FILE --org SLUG [--accept-good-rows]";

/** Runs its argument with the database; the real command opens the configured one. */
export type WithDb = <T>(fn: (db: Db) => Promise<T>) => Promise<T>;

interface Options {
  file: string;
  org: string;
  acceptGoodRows: boolean;
}

/** undefined when help was asked for. */
function parseArguments(argv: string[]): Options | undefined {
  let org: string | undefined;
  let acceptGoodRows = false;
  const files: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument === "--help" || argument === "-h") return undefined;
    if (argument === "--accept-good-rows") {
      acceptGoodRows = true;
      continue;
    }
    const orgOption = /^--org(?:=(.*))?$/.exec(argument);
    if (orgOption) {
      const value = orgOption[1] ?? argv[++index];
      if (value === undefined || value === "" || value.startsWith("--"))
        throw new UsageError("--org needs the slug of an organisation");
      org = value;
      continue;
    }
    if (argument.startsWith("-") && argument !== "-") throw new UsageError(`unknown option ${argument}`);
    files.push(argument);
  }
  if (files.length !== 1) throw new UsageError("expected one FILE");
  if (org === undefined) throw new UsageError("--org SLUG is required");
  return { file: files[0]!, org, acceptGoodRows };
}

/** The command with its database given: tests pass theirs. */
export function importMembersCommand(withDb: WithDb = (fn) => withDatabase((database) => fn(database.db))): CliCommand {
  return {
    name: "import-members",
    summary: "Import members of an organisation from a CSV file (see docs/import-format.md).",
    usage: USAGE,
    async run(argv: string[], io: CliIo): Promise<number> {
      const options = parseArguments(argv);
      if (!options) {
        io.out(`usage: ${USAGE}`);
        return 0;
      }
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(options.file));
      } catch (error) {
        throw new UsageError(`cannot read ${options.file}: ${(error as NodeJS.ErrnoException).code ?? "error"}`);
      }
      return withDb((db) => importFile(db, bytes, options, io));
    },
  };
}

async function importFile(db: Db, bytes: Uint8Array, options: Options, io: CliIo): Promise<number> {
  const t = translator("en");
  const org = await findOrganisationBySlug(db, options.org);
  if (!org) throw new UsageError(`unknown organisation "${options.org}"`);
  const context = await loadImportContext(db, org.id);
  if (!context) throw new UsageError(`unknown organisation "${options.org}"`);

  const parsed = parseMemberFile(bytes, context);
  if (parsed.fileErrors.length > 0) {
    for (const issue of parsed.fileErrors) io.err(`${options.file}: ${describeFileIssue(t, issue)}`);
    io.err("Nothing was imported.");
    return 1;
  }
  const good = parsed.rows.length;
  io.out(`${options.file}: ${parsed.dataRowCount} rows read, ${good} good, ${parsed.badRowCount} with errors.`);
  for (const warning of parsed.warnings) io.out(`warning: ${describeWarning(t, warning)}`);
  for (const issue of parsed.rowIssues) {
    const column = columnLabel(issue.column, parsed.headers);
    io.out(`line ${issue.line}: ${column ? `${column}: ` : ""}${describeRowIssue(t, issue)}`);
  }
  const unlisted = parsed.rowIssueCount - parsed.rowIssues.length;
  if (unlisted > 0) io.out(`… and ${unlisted} more errors.`);

  if (parsed.rowIssueCount > 0 && !options.acceptGoodRows) {
    io.err(
      `Nothing was imported. Correct the file, or run again with --accept-good-rows to import the ${good} good rows.`,
    );
    return 1;
  }
  if (good === 0) {
    io.err("Nothing was imported: no row is good.");
    return 1;
  }
  const summary = await importMemberRows(db, { organisationId: org.id, actorId: null, parsed, source: "cli" });
  io.out(
    `Imported into ${org.slug}: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.skipped} rows skipped.`,
  );
  return 0;
}

export const importMembers: CliCommand = importMembersCommand();
