import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { buildBookletPdf } from "../../booklet/generate.js";
import { pdfAvailable } from "../../booklet/pdf.js";
import { isLocale, LOCALES } from "../../i18n/locales.js";
import { UsageError, type CliCommand } from "../command.js";
import { option, withDatabase } from "../database.js";

const VALUED = ["--cycle", "--lang", "--out"];

/**
 * `booklet --cycle SLUG --lang fr|nl|de|en --out FILE.pdf`: prints the yearly booklet of a cycle
 * to a tagged PDF with bookmarks (Chromium), the same as the web's, through the same cache
 * (DATA_DIR/booklets).
 */
export const booklet: CliCommand = {
  name: "booklet",
  summary: "Print the yearly booklet of a cycle to PDF.",
  usage: "booklet --cycle SLUG --lang fr|nl|de|en --out FILE.pdf",
  async run(argv, io) {
    const slug = option(argv, "--cycle");
    const lang = option(argv, "--lang");
    const out = option(argv, "--out");
    if (!slug) throw new UsageError('Give the cycle: --cycle SLUG (see "cycles" for the slugs).');
    if (!lang || !isLocale(lang)) throw new UsageError(`Give the language: --lang ${LOCALES.join("|")}.`);
    if (!out) throw new UsageError("Give the file to write: --out FILE.pdf.");
    const unknown = argv.find((a, i) => !VALUED.includes(a) && !(i > 0 && VALUED.includes(argv[i - 1]!)));
    if (unknown !== undefined) throw new UsageError(`Unknown argument "${unknown}".`);
    if (!pdfAvailable()) {
      io.err("Chromium is not installed (/usr/bin/chromium, or set CHROMIUM_PATH): the PDF cannot be printed.");
      return 1;
    }
    return withDatabase(async (database, env) => {
      const built = await buildBookletPdf(database.db, env.dataDir, slug, lang, (step) => io.err(`booklet: ${step}…`));
      if (!built) {
        io.err(`No cycle "${slug}". List the cycles with: npm run letscoop -- cycles`);
        return 1;
      }
      const target = path.resolve(out);
      await mkdir(path.dirname(target), { recursive: true });
      await copyFile(built.path, target);
      io.out(`Wrote ${target} (${built.size} bytes${built.cached ? ", from the cache" : ""}).`);
      return 0;
    });
  },
};
