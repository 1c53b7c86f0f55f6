import type { CliCommand } from "../command.js";
import { withDatabase } from "../database.js";

export const migrateCommand: CliCommand = {
  name: "migrate",
  summary: "Apply pending database migrations.",
  usage: "migrate",
  run: (_argv, io) =>
    withDatabase(async (database) => {
      io.out(`Migrations applied (${database.kind}).`);
      return 0;
    }),
};
