import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CSV_COLUMNS, expensesCsv, neutraliseCell, type CsvColumn, type CsvExpenseRow } from "./csv.js";

const HEADER = Object.fromEntries(CSV_COLUMNS.map((c) => [c, c])) as Record<CsvColumn, string>;

function row(overrides: Partial<CsvExpenseRow> = {}): CsvExpenseRow {
  return {
    spentOn: "2026-03-01",
    submittedBy: "Awa Diallo",
    category: "Travel",
    description: "Train",
    cents: 2340,
    status: "Approved",
    decidedBy: "Léa Dubois",
    decidedAt: "2026-03-02 09:00",
    reason: "",
    reimbursedAt: "",
    ...overrides,
  };
}

function parseBack(text: string): string[][] {
  return parse(text, { delimiter: ";", bom: true, relax_column_count: true }) as string[][];
}

describe("neutraliseCell", () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ["+1+1", "'+1+1"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["\rx", "'\rx"],
  ])("prefixes %j with a quote", (value, expected) => {
    expect(neutraliseCell(value)).toBe(expected);
  });

  it.each(["Train", "23.40", "", " =not first", "a=b", "'already"])("leaves %j alone", (value) => {
    expect(neutraliseCell(value)).toBe(value);
  });

  it("never leaves a cell that starts a formula", () => {
    fc.assert(fc.property(fc.string(), (s) => !/^[=+\-@\t\r]/.test(neutraliseCell(s))));
  });
});

describe("expensesCsv", () => {
  it("writes UTF-8 with a BOM, `;` separators, a header, one row per expense, then the totals", () => {
    const text = expensesCsv(
      HEADER,
      [row(), row({ description: "Déjeuner; « spécial »\nligne 2", cents: 100000000, status: "Submitted" })],
      [
        { label: "Allocated", cents: 250000 },
        { label: "Remainder", cents: -1205 },
      ],
    );
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain("\r\n");
    const rows = parseBack(text);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows[1]).toEqual([
      "2026-03-01",
      "Awa Diallo",
      "Travel",
      "Train",
      "23.40",
      "Approved",
      "Léa Dubois",
      "2026-03-02 09:00",
      "",
      "",
    ]);
    expect(rows[2]![3]).toBe("Déjeuner; « spécial »\nligne 2");
    expect(rows[2]![4]).toBe("1000000.00");
    expect(rows[3]!.every((cell) => cell === "")).toBe(true);
    expect(rows[4]![3]).toBe("Allocated");
    expect(rows[4]![4]).toBe("2500.00");
    // A computed negative amount stays a number.
    expect(rows[5]![4]).toBe("-12.05");
    expect(rows).toHaveLength(6);
  });

  it("neutralises every text cell people typed", () => {
    const text = expensesCsv(
      HEADER,
      [
        row({ description: '=HYPERLINK("http://x","y")', reason: "+1+1", submittedBy: "@SUM(A1)" }),
        row({ description: "-2", decidedBy: "=1+1" }),
      ],
      [{ label: "=cmd", cents: 1 }],
    );
    const rows = parseBack(text);
    expect(rows[1]![3]).toBe(`'=HYPERLINK("http://x","y")`);
    expect(rows[1]![8]).toBe("'+1+1");
    expect(rows[1]![1]).toBe("'@SUM(A1)");
    expect(rows[2]![3]).toBe("'-2");
    expect(rows[2]![6]).toBe("'=1+1");
    expect(rows[4]![3]).toBe("'=cmd");
    for (const cells of rows.slice(1)) {
      cells.forEach((cell, i) => {
        if (i !== 4) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      });
    }
  });
});
