import type { Translate } from "../../i18n/index.js";
import type { FileIssue, FileWarning, ImportColumn, RowIssue } from "./csv-import.js";

/** The words of the import's problems in the reader's language: shared by the pages and the command line. */

export function describeFileIssue(t: Translate, issue: FileIssue): string {
  switch (issue.code) {
    case "empty":
      return t("imports.fileEmpty");
    case "tooLarge":
      return t("imports.fileTooLarge", { max: issue.maxMegabytes });
    case "notUtf8":
      return t("imports.fileNotUtf8");
    case "binary":
      return t("imports.fileBinary");
    case "headerTooLong":
      return t("imports.fileHeaderTooLong");
    case "missingColumns":
      return t("imports.fileMissingColumns", { columns: issue.columns.join(", ") });
    case "duplicateColumn":
      return t("imports.fileDuplicateColumn", { column: issue.column, header: issue.header });
    case "malformedQuote":
      return t("imports.fileMalformedQuote", { line: issue.line });
    case "tooManyRows":
      return t("imports.fileTooManyRows", { max: issue.max });
    case "noRows":
      return t("imports.fileNoRows");
  }
}

export function describeWarning(t: Translate, warning: FileWarning): string {
  return t("imports.warningUnknownColumns", { headers: warning.headers.join(", ") });
}

export function describeRowIssue(t: Translate, issue: RowIssue): string {
  switch (issue.code) {
    case "required":
      return t("imports.rowRequired");
    case "tooLong":
      return t("imports.rowTooLong", { max: issue.max });
    case "controlCharacters":
      return t("imports.rowControlCharacters");
    case "invalidEmail":
      return t("imports.rowInvalidEmail");
    case "duplicateEmail":
      return t("imports.rowDuplicateEmail", { line: issue.firstLine });
    case "unknownCollege":
      return t("imports.rowUnknownCollege", { value: issue.value });
    case "unknownOffice":
      return t("imports.rowUnknownOffice", { value: issue.value });
    case "ambiguousOffice":
      return t("imports.rowAmbiguousOffice", { value: issue.value });
    case "invalidYesNo":
      return t("imports.rowInvalidYesNo", { value: issue.value });
    case "invalidShares":
      return t("imports.rowInvalidShares", { value: issue.value });
    case "shareholderWithoutShares":
      return t("imports.rowShareholderWithoutShares");
    case "sharesWithoutShareholder":
      return t("imports.rowSharesWithoutShareholder");
    case "invalidLanguage":
      return t("imports.rowInvalidLanguage", { value: issue.value });
    case "tooManyValues":
      return t("imports.rowTooManyValues", { found: issue.found, expected: issue.expected });
  }
}

/** The column as the file names it (e.g. "courriel"), or its reference name. */
export function columnLabel(column: ImportColumn | null, headers: Partial<Record<ImportColumn, string>>): string {
  if (column === null) return "";
  return headers[column] ?? column;
}
