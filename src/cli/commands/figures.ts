import { cycleFiguresBySlug, figuresJson } from "../../commands/figures/read.js";
import { UsageError, type CliCommand } from "../command.js";
import { option, withDatabase } from "../database.js";

/** `figures --cycle SLUG`: the participation figures of a cycle as JSON (docs/participation-figures.md). */
export const figures: CliCommand = {
  name: "figures",
  summary: "Participation figures of a cycle as JSON.",
  usage: "figures --cycle SLUG",
  async run(argv, io) {
    const slug = option(argv, "--cycle");
    if (!slug) throw new UsageError('Give the cycle: --cycle SLUG (see "cycles" for the slugs).');
    const rest = argv.filter((a, i) => !(a === "--cycle" || (i > 0 && argv[i - 1] === "--cycle")));
    if (rest.length > 0) throw new UsageError(`Unknown argument "${rest[0]}".`);
    return withDatabase(async (database) => {
      const report = await cycleFiguresBySlug(database.db, slug);
      if (!report) {
        io.err(`No cycle "${slug}". List the cycles with: npm run letscoop -- cycles`);
        return 1;
      }
      io.out(JSON.stringify(figuresJson(report), null, 2));
      return 0;
    });
  },
};
