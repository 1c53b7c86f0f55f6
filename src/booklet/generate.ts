import { findCycleBySlug } from "../commands/cycles/read.js";
import type { Queryable } from "../db/client.js";
import type { Locale } from "../i18n/locales.js";
import { BOOKLET_STEPS, cachedPdf, storePdf, writeStatus, type BookletStep } from "./cache.js";
import { loadBooklet, type BookletData } from "./data.js";
import { printPdf } from "./pdf.js";
import { bookletDocument, bookletHash } from "./render.js";

export interface BuiltBooklet {
  hash: string;
  path: string;
  size: number;
  /** Served from the cache: nothing was printed. */
  cached: boolean;
}

/** The booklet of a cycle in a language, with its content hash; null for an unknown cycle. */
export async function currentBooklet(
  db: Queryable,
  slug: string,
  lang: Locale,
): Promise<{ data: BookletData; hash: string } | null> {
  const cycle = await findCycleBySlug(db, slug);
  if (!cycle) return null;
  const data = await loadBooklet(db, cycle, lang);
  return { data, hash: bookletHash(data) };
}

/**
 * Prints the booklet of a cycle to PDF into the cache (or finds it there), writing the progress
 * of each step beside it. Null for an unknown cycle. Throws when printing fails (the status then
 * says so).
 */
export async function buildBookletPdf(
  db: Queryable,
  dataDir: string,
  slug: string,
  lang: Locale,
  onStep: (step: BookletStep) => void = () => {},
): Promise<BuiltBooklet | null> {
  const step = (s: BookletStep) => BOOKLET_STEPS.indexOf(s) + 1;
  onStep("data");
  const current = await currentBooklet(db, slug, lang);
  if (!current) return null;
  const { data, hash } = current;
  const cached = await cachedPdf(dataDir, hash);
  if (cached) {
    await writeStatus(dataDir, hash, { state: "done", step: BOOKLET_STEPS.length });
    return { hash, ...cached, cached: true };
  }
  try {
    await writeStatus(dataDir, hash, { state: "running", step: step("render") });
    onStep("render");
    const html = bookletDocument(data);
    await writeStatus(dataDir, hash, { state: "running", step: step("print") });
    onStep("print");
    const pdf = await printPdf(html, { lang });
    await writeStatus(dataDir, hash, { state: "running", step: step("save") });
    onStep("save");
    await storePdf(dataDir, hash, pdf);
    await writeStatus(dataDir, hash, { state: "done", step: BOOKLET_STEPS.length });
  } catch (error) {
    await writeStatus(dataDir, hash, { state: "failed", step: 0 }).catch(() => {});
    throw error;
  }
  const stored = await cachedPdf(dataDir, hash);
  if (!stored) throw new Error("the printed booklet was not stored");
  return { hash, ...stored, cached: false };
}
