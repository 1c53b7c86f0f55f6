import { stringify } from "csv-stringify/sync";
import { decimalOf } from "./money.js";

/**
 * The expense export: CSV as Excel opens it in Belgium and France (UTF-8 with a byte order mark,
 * `;` between cells, CRLF), amounts with a dot and two decimals. Every text cell that a
 * spreadsheet could take for a formula is neutralised (OWASP "CSV injection").
 */

/** Characters that make a spreadsheet read a cell as a formula (or hide its start). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes a single quote to a cell that begins with = + - @, a tab or a carriage return. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export interface CsvExpenseRow {
  /** ISO day. */
  spentOn: string;
  submittedBy: string;
  category: string;
  description: string;
  cents: number;
  status: string;
  decidedBy: string;
  /** "YYYY-MM-DD HH:MM" in Brussels time, or "". */
  decidedAt: string;
  reason: string;
  reimbursedAt: string;
}

export const CSV_COLUMNS = [
  "spentOn",
  "submittedBy",
  "category",
  "description",
  "amount",
  "status",
  "decidedBy",
  "decidedAt",
  "reason",
  "reimbursedAt",
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

const AMOUNT_COLUMN = CSV_COLUMNS.indexOf("amount");
const LABEL_COLUMN = CSV_COLUMNS.indexOf("description");

/**
 * The file's text: a header row (labels in the reader's language), one row per expense, an
 * empty row, then one row per total (its label in the description column, its amount in the
 * amount column). Amounts are computed here and never neutralised (a negative remainder stays
 * a number); every other cell is.
 */
export function expensesCsv(
  header: Record<CsvColumn, string>,
  rows: readonly CsvExpenseRow[],
  totals: ReadonlyArray<{ label: string; cents: number }>,
): string {
  const text = (v: string) => neutraliseCell(v);
  const records: string[][] = [CSV_COLUMNS.map((c) => text(header[c]))];
  for (const r of rows) {
    records.push([
      text(r.spentOn),
      text(r.submittedBy),
      text(r.category),
      text(r.description),
      decimalOf(r.cents),
      text(r.status),
      text(r.decidedBy),
      text(r.decidedAt),
      text(r.reason),
      text(r.reimbursedAt),
    ]);
  }
  records.push(CSV_COLUMNS.map(() => ""));
  for (const total of totals) {
    const row = CSV_COLUMNS.map(() => "");
    row[LABEL_COLUMN] = text(total.label);
    row[AMOUNT_COLUMN] = decimalOf(total.cents);
    records.push(row);
  }
  return stringify(records, { bom: true, delimiter: ";", record_delimiter: "\r\n" });
}
