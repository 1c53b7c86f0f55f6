import { z } from "zod";

/**
 * The catalogue's query string, checked: what a person may ask for, and a clear reason when
 * the address holds something else (a filter the catalogue does not know, a text too long, a
 * page past the end). Pure: the values of the filters are checked against the data later.
 */
export const CATALOGUE_LIMITS = {
  /** Longest search text, in characters. */
  text: 200,
  /** Results per page. */
  pageSize: 20,
  /** Highest page asked for. */
  page: 500,
} as const;

export const CATALOGUE_SORTS = ["relevance", "number", "newest"] as const;
export type CatalogueSort = (typeof CATALOGUE_SORTS)[number];

export const CATALOGUE_FILTERS = ["cycle", "organisation", "group", "theme", "axis", "state", "decision"] as const;
export type CatalogueFilter = (typeof CATALOGUE_FILTERS)[number];

export const BOARD_DECISIONS = ["retained", "retained_amended", "merged", "not_retained", "none"] as const;

const KNOWN_PARAMETERS = new Set<string>(["q", "sort", "page", ...CATALOGUE_FILTERS]);
const KEY = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export interface CatalogueQuery {
  text: string;
  filters: Partial<Record<CatalogueFilter, string>>;
  sort: CatalogueSort;
  page: number;
}

export type QueryProblem =
  | { kind: "unknownParameter"; names: string[] }
  | { kind: "textTooLong"; max: number }
  | { kind: "badValue"; name: string }
  | { kind: "badPage"; max: number };

const sortSchema = z.enum(CATALOGUE_SORTS);

/** Reads the query string (each name once; repeated names keep the first). */
export function parseCatalogueQuery(
  params: Record<string, string | undefined>,
): { ok: true; query: CatalogueQuery } | { ok: false; problems: QueryProblem[]; query: CatalogueQuery } {
  const problems: QueryProblem[] = [];
  const unknown = Object.keys(params)
    .filter((k) => !KNOWN_PARAMETERS.has(k))
    .sort();
  if (unknown.length > 0)
    problems.push({ kind: "unknownParameter", names: unknown.slice(0, 5).map((n) => n.slice(0, 40)) });

  let text = (params.q ?? "").replace(/\s+/g, " ").trim();
  if (text.length > CATALOGUE_LIMITS.text) {
    problems.push({ kind: "textTooLong", max: CATALOGUE_LIMITS.text });
    text = text.slice(0, CATALOGUE_LIMITS.text);
  }

  const filters: Partial<Record<CatalogueFilter, string>> = {};
  for (const name of CATALOGUE_FILTERS) {
    const value = (params[name] ?? "").trim();
    if (value === "") continue;
    if (!KEY.test(value)) problems.push({ kind: "badValue", name });
    else if (name === "decision" && !(BOARD_DECISIONS as readonly string[]).includes(value))
      problems.push({ kind: "badValue", name });
    else filters[name] = value;
  }

  const sortRaw = params.sort ?? "";
  let sort: CatalogueSort = text === "" ? "number" : "relevance";
  if (sortRaw !== "") {
    const parsed = sortSchema.safeParse(sortRaw);
    if (parsed.success) sort = parsed.data;
    else problems.push({ kind: "badValue", name: "sort" });
  }
  if (sort === "relevance" && text === "") sort = "number";

  let page = 1;
  const pageRaw = params.page ?? "";
  if (pageRaw !== "") {
    if (/^\d{1,4}$/.test(pageRaw) && Number(pageRaw) >= 1 && Number(pageRaw) <= CATALOGUE_LIMITS.page)
      page = Number(pageRaw);
    else problems.push({ kind: "badPage", max: CATALOGUE_LIMITS.page });
  }

  const query = { text, filters, sort, page };
  return problems.length === 0 ? { ok: true, query } : { ok: false, problems, query };
}
