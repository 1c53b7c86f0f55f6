import { isEmpty, seedDemo } from "../../db/seed/demo.js";
import type { CliCommand } from "../command.js";
import { withDatabase } from "../database.js";

export const seed: CliCommand = {
  name: "seed",
  summary: "Fill an empty database with the demo data (never touches a database in use).",
  usage: "seed",
  run: (_argv, io) =>
    withDatabase(async (database) => {
      if (!(await isEmpty(database.db))) {
        io.err("The database already holds organisations: the demo seed only fills an empty database.");
        return 1;
      }
      await seedDemo(database.db);
      io.out("Demo data created. Accounts are listed in the README.");
      return 0;
    }),
};
