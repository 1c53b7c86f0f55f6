import { cycleSummaries, formatCycleSummaries } from "../../commands/cycles/summaries.js";
import { UsageError, type CliCommand } from "../command.js";
import { withDatabase } from "../database.js";

export const cycles: CliCommand = {
  name: "cycles",
  summary: "List the cycles: slug, name, organisations, first and last dates (--json for JSON).",
  usage: "cycles [--json]",
  async run(argv, io) {
    const unknown = argv.filter((a) => a !== "--json");
    if (unknown.length > 0) throw new UsageError(`Unknown argument "${unknown[0]}".`);
    const json = argv.includes("--json");
    return withDatabase(async (database) => {
      const rows = await cycleSummaries(database.db);
      if (json) io.out(JSON.stringify(rows, null, 2));
      else if (rows.length === 0) io.out("No cycle yet.");
      else for (const line of formatCycleSummaries(rows)) io.out(line);
      return 0;
    });
  },
};
