import { appendAudit } from "../../audit/log.js";
import { backupEmbedded, restoreEmbedded } from "../../db/backup.js";
import { openDatabase } from "../../db/client.js";
import { lockEmbeddedDatabase } from "../../db/embedded-lock.js";
import { readEnv } from "../../config/env.js";
import { UsageError, type CliCommand } from "../command.js";
import { embeddedDir, positionals } from "../database.js";

function refuseOnPostgres(): void {
  if (readEnv().DATABASE_URL) {
    throw new UsageError("DATABASE_URL is set: back up PostgreSQL with pg_dump / pg_restore (see the README).");
  }
}

export const backup: CliCommand = {
  name: "backup",
  summary: "Write a copy of the embedded database to FILE (stop LetsCoop first).",
  usage: "backup FILE.tar.gz",
  async run(argv, io) {
    refuseOnPostgres();
    const [file] = positionals(argv);
    if (!file) throw new UsageError("Name the backup file.");
    const env = readEnv();
    const unlock = await lockEmbeddedDatabase(env.dataDir);
    try {
      const bytes = await backupEmbedded(embeddedDir(env), file);
      io.out(`Backup written to ${file} (${bytes} bytes).`);
      return 0;
    } finally {
      unlock();
    }
  },
};

export const restore: CliCommand = {
  name: "restore",
  summary: "Replace the embedded database with a backup (stop LetsCoop first).",
  usage: "restore FILE.tar.gz",
  async run(argv, io) {
    refuseOnPostgres();
    const [file] = positionals(argv);
    if (!file) throw new UsageError("Name the backup file to restore.");
    const env = readEnv();
    const unlock = await lockEmbeddedDatabase(env.dataDir);
    try {
      const kept = await restoreEmbedded(embeddedDir(env), file);
      const database = await openDatabase({ kind: "pglite", dataDir: embeddedDir(env) });
      try {
        await database.db.transaction((tx) =>
          appendAudit(tx, {
            actorId: null,
            action: "database.restored",
            subjectType: "database",
            data: { source: "cli" },
          }),
        );
      } finally {
        await database.close();
      }
      io.out(`Database restored from ${file}.${kept ? ` The previous one is kept in ${kept}.` : ""}`);
      return 0;
    } finally {
      unlock();
    }
  },
};
