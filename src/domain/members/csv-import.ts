import { parse } from "csv-parse/sync";
import { z } from "zod";
import { isLocale, type Locale } from "../../i18n/locales.js";

/**
 * Reads a member file from the cooperative's register (CSV, UTF-8, `;` or `,`) into rows ready to
 * import and a list of problems, each with its line number. Pure: bytes or text in, data out.
 * The column reference is docs/import-format.md.
 */

export const IMPORT_COLUMNS = [
  "email",
  "name",
  "college",
  "shareholder",
  "shares",
  "office",
  "sector",
  "language",
  "directory",
  "member_number",
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

export const REQUIRED_COLUMNS: readonly ImportColumn[] = ["email", "name", "college"];

/** Header names accepted for each column, after normalisation (lower case, no accents, `_` for spaces). */
export const COLUMN_ALIASES: Record<ImportColumn, readonly string[]> = {
  email: ["email", "e_mail", "courriel"],
  name: ["name", "nom"],
  college: ["college"],
  shareholder: ["shareholder", "societaire"],
  shares: ["shares", "parts"],
  office: ["office", "bureau"],
  sector: ["sector", "secteur"],
  language: ["language", "langue"],
  directory: ["directory", "annuaire"],
  member_number: ["member_number", "numero"],
};

export const IMPORT_LIMITS = {
  /** Largest file accepted, in bytes. */
  maxBytes: 5 * 1024 * 1024,
  maxDataRows: 20_000,
  /** Problems listed one by one; the rest are counted. */
  maxListedIssues: 1_000,
  maxEmailLength: 254,
  maxTextLength: 200,
  /** A header line longer than this is not a header. */
  maxHeaderLength: 10_000,
  /** Values quoted back in a message are cut to this length. */
  maxQuotedValue: 60,
} as const;

const YES = new Set(["yes", "oui", "ja", "1", "true"]);
const NO = new Set(["no", "non", "nee", "nein", "0", "false"]);

/** What the file is checked against: the organisation's colleges, offices and default language. */
export interface ImportContext {
  colleges: ReadonlyArray<{ id: string; key: string; labels?: Partial<Record<Locale, string>> }>;
  offices: ReadonlyArray<{ id: string; name: string; city: string }>;
  defaultLanguage: Locale;
}

/** A good row, ready to write. Values of columns absent from the file are the defaults for a new member. */
export interface MemberRow {
  line: number;
  /** Trimmed and lower-cased. */
  email: string;
  name: string;
  collegeId: string;
  isShareholder: boolean;
  shares: number;
  officeId: string | null;
  sector: string;
  language: Locale;
  directoryOptIn: boolean;
  memberNumber: string | null;
}

export type FileIssue =
  | { code: "empty" }
  | { code: "tooLarge"; maxMegabytes: number }
  | { code: "notUtf8" }
  | { code: "binary" }
  | { code: "headerTooLong" }
  | { code: "missingColumns"; columns: ImportColumn[] }
  | { code: "duplicateColumn"; column: ImportColumn; header: string }
  | { code: "malformedQuote"; line: number }
  | { code: "tooManyRows"; max: number }
  | { code: "noRows" };

export type FileWarning = { code: "unknownColumns"; headers: string[] };

export type RowIssue = {
  line: number;
  column: ImportColumn | null;
  /** The row's name, to help find it. */ name: string;
} & (
  | { code: "required" }
  | { code: "tooLong"; max: number }
  | { code: "controlCharacters" }
  | { code: "invalidEmail" }
  | { code: "duplicateEmail"; firstLine: number }
  | { code: "unknownCollege"; value: string }
  | { code: "unknownOffice"; value: string }
  | { code: "ambiguousOffice"; value: string }
  | { code: "invalidYesNo"; value: string }
  | { code: "invalidShares"; value: string }
  | { code: "shareholderWithoutShares" }
  | { code: "sharesWithoutShareholder" }
  | { code: "invalidLanguage"; value: string }
  | { code: "tooManyValues"; found: number; expected: number }
);
export type RowIssueCode = RowIssue["code"];

export interface ParsedMemberFile {
  /** Problems with the whole file: when there is one, there are no rows. */
  fileErrors: FileIssue[];
  warnings: FileWarning[];
  /** The recognised columns, in file order. */
  columns: ImportColumn[];
  /** The header of each recognised column as the file spells it. */
  headers: Partial<Record<ImportColumn, string>>;
  delimiter: ";" | ",";
  /** Rows without any problem, in file order. */
  rows: MemberRow[];
  /** The first IMPORT_LIMITS.maxListedIssues problems, in line order. */
  rowIssues: RowIssue[];
  /** Every problem found, listed or not. */
  rowIssueCount: number;
  /** Lines with at least one problem. */
  badRowCount: number;
  /** Data rows read (blank lines excluded). */
  dataRowCount: number;
}

/** The text of a file: UTF-8 required; a BOM is dropped. Null when the bytes are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function normaliseHeader(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\s-]+/g, "_");
}

const HEADER_TO_COLUMN = new Map<string, ImportColumn>(
  IMPORT_COLUMNS.flatMap((column) => COLUMN_ALIASES[column].map((alias) => [alias, column] as const)),
);

export function columnOf(header: string): ImportColumn | undefined {
  return HEADER_TO_COLUMN.get(normaliseHeader(header));
}

/** The delimiter of a header line: whichever of `;` and `,` occurs more often outside quotes (`,` on a tie). */
export function detectDelimiter(headerLine: string): ";" | "," {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === ";") semicolons++;
    else if (!quoted && char === ",") commas++;
  }
  return semicolons > commas ? ";" : ",";
}

function emptyResult(fileErrors: FileIssue[], delimiter: ";" | "," = ","): ParsedMemberFile {
  return {
    fileErrors,
    warnings: [],
    columns: [],
    headers: {},
    delimiter,
    rows: [],
    rowIssues: [],
    rowIssueCount: 0,
    badRowCount: 0,
    dataRowCount: 0,
  };
}

/** Reads a member file given as bytes (checked for size and encoding) or as already decoded text. */
export function parseMemberFile(input: Uint8Array | string, context: ImportContext): ParsedMemberFile {
  let text: string;
  if (typeof input === "string") {
    text = input.startsWith("\uFEFF") ? input.slice(1) : input;
    if (Buffer.byteLength(text, "utf8") > IMPORT_LIMITS.maxBytes) return emptyResult([tooLarge()]);
  } else {
    if (input.byteLength > IMPORT_LIMITS.maxBytes) return emptyResult([tooLarge()]);
    const decoded = decodeUtf8(input);
    if (decoded === null) return emptyResult([{ code: "notUtf8" }]);
    text = decoded;
  }
  return parseMemberText(text, context);
}

function tooLarge(): FileIssue {
  return { code: "tooLarge", maxMegabytes: IMPORT_LIMITS.maxBytes / (1024 * 1024) };
}

class TooManyRows extends Error {}

interface CsvError extends Error {
  code?: string;
  lines?: number;
}

function parseMemberText(text: string, context: ImportContext): ParsedMemberFile {
  if (text.trim() === "") return emptyResult([{ code: "empty" }]);
  if (text.includes("\u0000")) return emptyResult([{ code: "binary" }]);

  const firstBreak = text.search(/\r\n|\n|\r/);
  const headerLine = firstBreak === -1 ? text : text.slice(0, firstBreak);
  if (headerLine.length > IMPORT_LIMITS.maxHeaderLength) return emptyResult([{ code: "headerTooLong" }]);
  const delimiter = detectDelimiter(headerLine);

  const options = { delimiter, relax_column_count: true, relax_quotes: true, trim: true } as const;
  let headerFields: string[];
  try {
    headerFields = (parse(headerLine, options) as string[][])[0] ?? [];
  } catch {
    return emptyResult([{ code: "malformedQuote", line: 1 }], delimiter);
  }

  // Header: which column is where.
  const positions = new Map<ImportColumn, number>();
  const headers: Partial<Record<ImportColumn, string>> = {};
  const unknown: string[] = [];
  const fileErrors: FileIssue[] = [];
  headerFields.forEach((header, index) => {
    const column = columnOf(header);
    if (!column) {
      if (header !== "") unknown.push(cut(header));
      return;
    }
    if (positions.has(column)) {
      if (!fileErrors.some((e) => e.code === "duplicateColumn" && e.column === column)) {
        fileErrors.push({ code: "duplicateColumn", column, header: cut(header) });
      }
      return;
    }
    positions.set(column, index);
    headers[column] = header;
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !positions.has(c));
  if (missing.length > 0) fileErrors.unshift({ code: "missingColumns", columns: missing });
  if (fileErrors.length > 0) return emptyResult(fileErrors, delimiter);

  // Records, with the line each starts on.
  const records: Array<{ fields: string[]; line: number }> = [];
  let previousEnd = 0;
  let dataRows = 0;
  try {
    parse(text, {
      ...options,
      on_record: (record: string[], info: { lines: number }) => {
        const line = previousEnd + 1;
        previousEnd = info.lines;
        if (line === 1) return null;
        if (record.every((field) => field === "")) return null;
        if (++dataRows > IMPORT_LIMITS.maxDataRows) throw new TooManyRows();
        records.push({ fields: record, line });
        return null;
      },
    });
  } catch (error) {
    if (error instanceof TooManyRows)
      return emptyResult([{ code: "tooManyRows", max: IMPORT_LIMITS.maxDataRows }], delimiter);
    const csvError = error as CsvError;
    const line = csvError.code === "CSV_QUOTE_NOT_CLOSED" ? previousEnd + 1 : (csvError.lines ?? previousEnd + 1);
    return emptyResult([{ code: "malformedQuote", line }], delimiter);
  }
  if (records.length === 0) return emptyResult([{ code: "noRows" }], delimiter);

  const columns = [...positions.keys()].sort((a, b) => positions.get(a)! - positions.get(b)!);
  const checker = new RowChecker(context, positions, headerFields.length);
  const rows: MemberRow[] = [];
  const rowIssues: RowIssue[] = [];
  let rowIssueCount = 0;
  let badRowCount = 0;
  for (const record of records) {
    const outcome = checker.check(record.fields, record.line);
    if ("issues" in outcome) {
      badRowCount++;
      rowIssueCount += outcome.issues.length;
      for (const issue of outcome.issues) if (rowIssues.length < IMPORT_LIMITS.maxListedIssues) rowIssues.push(issue);
    } else {
      rows.push(outcome.row);
    }
  }
  return {
    fileErrors: [],
    warnings: unknown.length > 0 ? [{ code: "unknownColumns", headers: unknown }] : [],
    columns,
    headers,
    delimiter,
    rows,
    rowIssues,
    rowIssueCount,
    badRowCount,
    dataRowCount: records.length,
  };
}

/** Length in characters (code points), not UTF-16 units; cheap when the text is short. */
function lengthOf(value: string, max: number): number {
  return value.length <= max ? value.length : [...value].length;
}

function cut(value: string): string {
  if (value.length <= IMPORT_LIMITS.maxQuotedValue) return value;
  const chars = [...value];
  return chars.length > IMPORT_LIMITS.maxQuotedValue
    ? `${chars.slice(0, IMPORT_LIMITS.maxQuotedValue - 1).join("")}…`
    : value;
}

/** Lower case without accents, for matching names of colleges and offices. */
function fold(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "");
}

const emailSchema = z.email();
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

type IssueBody = RowIssue extends infer I ? (I extends RowIssue ? Omit<I, "line" | "column" | "name"> : never) : never;

/** Checks one record against the header and the organisation; remembers e-mails to find duplicates. */
class RowChecker {
  private readonly collegeByName = new Map<string, string>();
  private readonly officeByName = new Map<string, string>();
  private readonly officesByCity = new Map<string, string[]>();
  private readonly firstLineOf = new Map<string, number>();
  /** Colleges and offices repeat on every line: fold each distinct value once. */
  private readonly foldCache = new Map<string, string>();

  constructor(
    private readonly context: ImportContext,
    private readonly positions: Map<ImportColumn, number>,
    private readonly headerLength: number,
  ) {
    for (const college of context.colleges) {
      for (const label of Object.values(college.labels ?? {}))
        if (label) this.collegeByName.set(fold(label), college.id);
    }
    // Keys win over labels.
    for (const college of context.colleges) this.collegeByName.set(fold(college.key), college.id);
    for (const office of context.offices) {
      this.officeByName.set(fold(office.name), office.id);
      const city = fold(office.city);
      this.officesByCity.set(city, [...(this.officesByCity.get(city) ?? []), office.id]);
    }
  }

  private folded(value: string): string {
    let key = this.foldCache.get(value);
    if (key === undefined) {
      key = fold(value);
      if (this.foldCache.size < 10_000) this.foldCache.set(value, key);
    }
    return key;
  }

  check(fields: string[], line: number): { row: MemberRow } | { issues: RowIssue[] } {
    const value = (column: ImportColumn): string | undefined => {
      const index = this.positions.get(column);
      return index === undefined ? undefined : (fields[index] ?? "").trim();
    };
    const name = value("name") ?? "";
    const issues: RowIssue[] = [];
    const report = (column: ImportColumn | null, body: IssueBody) => {
      issues.push({ line, column, name: cut(name), ...body } as RowIssue);
    };

    if (fields.length > this.headerLength) {
      const extra = fields.slice(this.headerLength).filter((f) => f !== "").length;
      if (extra > 0) report(null, { code: "tooManyValues", found: fields.length, expected: this.headerLength });
    }

    const text = (column: ImportColumn, max: number, required: boolean): string => {
      const raw = value(column) ?? "";
      if (raw === "") {
        if (required) report(column, { code: "required" });
      } else if (lengthOf(raw, max) > max) report(column, { code: "tooLong", max });
      else if (CONTROL.test(raw)) report(column, { code: "controlCharacters" });
      return raw;
    };

    // E-mail, unique within the file.
    const rawEmail = text("email", IMPORT_LIMITS.maxEmailLength, true);
    const email = rawEmail.toLowerCase();
    if (
      rawEmail !== "" &&
      lengthOf(rawEmail, IMPORT_LIMITS.maxEmailLength) <= IMPORT_LIMITS.maxEmailLength &&
      !CONTROL.test(rawEmail)
    ) {
      if (!emailSchema.safeParse(email).success) report("email", { code: "invalidEmail" });
      else {
        const first = this.firstLineOf.get(email);
        if (first !== undefined) report("email", { code: "duplicateEmail", firstLine: first });
        else this.firstLineOf.set(email, line);
      }
    }

    text("name", IMPORT_LIMITS.maxTextLength, true);

    const collegeValue = text("college", IMPORT_LIMITS.maxTextLength, true);
    const collegeId = collegeValue === "" ? undefined : this.collegeByName.get(this.folded(collegeValue));
    if (collegeValue !== "" && collegeId === undefined && issues.every((i) => i.column !== "college")) {
      report("college", { code: "unknownCollege", value: cut(collegeValue) });
    }

    // Shareholder status and shares go together: one is derived from the other when left empty.
    const shareholderValue = value("shareholder") ?? "";
    const sharesValue = value("shares") ?? "";
    let shareholder: boolean | undefined;
    if (shareholderValue !== "") {
      shareholder = yesNo(shareholderValue);
      if (shareholder === undefined) report("shareholder", { code: "invalidYesNo", value: cut(shareholderValue) });
    }
    let shares: number | undefined;
    if (sharesValue !== "") {
      if (/^\d{1,9}$/.test(sharesValue)) shares = Number(sharesValue);
      else report("shares", { code: "invalidShares", value: cut(sharesValue) });
    }
    const sharesOk = sharesValue === "" || shares !== undefined;
    const shareholderOk = shareholderValue === "" || shareholder !== undefined;
    let isShareholder = false;
    let shareCount = 0;
    if (sharesOk && shareholderOk) {
      isShareholder = shareholder ?? (shares !== undefined && shares > 0);
      shareCount = shares ?? 0;
      if (isShareholder && shareCount === 0) report("shares", { code: "shareholderWithoutShares" });
      if (!isShareholder && shareCount > 0) report("shares", { code: "sharesWithoutShareholder" });
    }

    const officeValue = text("office", IMPORT_LIMITS.maxTextLength, false);
    let officeId: string | null = null;
    if (officeValue !== "" && issues.every((i) => i.column !== "office")) {
      const key = this.folded(officeValue);
      const byName = this.officeByName.get(key);
      const byCity = this.officesByCity.get(key) ?? [];
      if (byName !== undefined) officeId = byName;
      else if (byCity.length === 1) officeId = byCity[0]!;
      else if (byCity.length > 1) report("office", { code: "ambiguousOffice", value: cut(officeValue) });
      else report("office", { code: "unknownOffice", value: cut(officeValue) });
    }

    const sector = text("sector", IMPORT_LIMITS.maxTextLength, false);

    const languageValue = value("language") ?? "";
    let language: Locale = this.context.defaultLanguage;
    if (languageValue !== "") {
      const code = languageValue.toLowerCase();
      if (isLocale(code)) language = code;
      else report("language", { code: "invalidLanguage", value: cut(languageValue) });
    }

    const directoryValue = value("directory") ?? "";
    let directoryOptIn = false;
    if (directoryValue !== "") {
      const answer = yesNo(directoryValue);
      if (answer === undefined) report("directory", { code: "invalidYesNo", value: cut(directoryValue) });
      else directoryOptIn = answer;
    }

    const memberNumber = text("member_number", IMPORT_LIMITS.maxTextLength, false);

    if (issues.length > 0 || collegeId === undefined) return { issues };
    return {
      row: {
        line,
        email,
        name,
        collegeId,
        isShareholder,
        shares: shareCount,
        officeId,
        sector,
        language,
        directoryOptIn,
        memberNumber: memberNumber === "" ? null : memberNumber,
      },
    };
  }
}

function yesNo(value: string): boolean | undefined {
  const folded = value.trim().toLowerCase();
  if (YES.has(folded)) return true;
  if (NO.has(folded)) return false;
  return undefined;
}
