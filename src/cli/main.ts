import type { CliCommand, CliIo } from "./command.js";
import { UsageError } from "./command.js";
import { auditVerify } from "./commands/audit-verify.js";
import { backup, restore } from "./commands/backup.js";
import { cycles } from "./commands/cycles.js";
import { figures } from "./commands/figures.js";
import { booklet } from "./commands/booklet.js";
import { importMembers } from "./commands/import-members.js";
import { migrateCommand } from "./commands/migrate.js";
import { seed } from "./commands/seed.js";
import { tally } from "./commands/tally.js";

export const COMMANDS: CliCommand[] = [
  migrateCommand,
  seed,
  importMembers,
  auditVerify,
  backup,
  restore,
  cycles,
  tally,
  figures,
  booklet,
];

function help(io: CliIo) {
  io.out("Usage: npm run letscoop -- <command> [options]\n");
  for (const c of COMMANDS) io.out(`  ${c.usage.padEnd(58)} ${c.summary}`);
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help") {
    help(io);
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`Unknown command "${name}".`);
    help(io);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message);
      io.err(`Usage: npm run letscoop -- ${command.usage}`);
      return 2;
    }
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  }
}
