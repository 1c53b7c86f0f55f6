import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  detectDelimiter,
  IMPORT_LIMITS,
  parseMemberFile,
  type ImportContext,
  type MemberRow,
} from "../../src/domain/members/csv-import.js";
import { describeFileIssue, describeRowIssue } from "../../src/domain/members/import-messages.js";
import { translator } from "../../src/i18n/index.js";
import { REPO_ROOT } from "../support/paths.js";

const fixture = (name: string) => readFileSync(path.join(REPO_ROOT, "tests", "fixtures", "members", name));
const utf8 = (text: string) => new TextEncoder().encode(text);
const en = translator("en");

const CONTEXT: ImportContext = {
  colleges: [
    { id: "col-mw", key: "member-workers", labels: { fr: "Membres-utilisateurs", en: "Member-workers" } },
    { id: "col-staff", key: "staff", labels: { fr: "Permanents" } },
    { id: "col-clients", key: "clients" },
    { id: "col-partners", key: "partners" },
  ],
  offices: [
    { id: "off-bxl", name: "Smart Bruxelles", city: "Bruxelles" },
    { id: "off-lg", name: "Smart Liège", city: "Liège" },
    { id: "off-gent", name: "Smart Gent", city: "Gent" },
    { id: "off-eupen", name: "Smart Eupen", city: "Eupen" },
    { id: "off-nam-1", name: "Smart Namur Centre", city: "Namur" },
    { id: "off-nam-2", name: "Smart Namur Gare", city: "Namur" },
  ],
  defaultLanguage: "fr",
};

function parseText(text: string) {
  return parseMemberFile(utf8(text), CONTEXT);
}

/** Rows without their line numbers, to compare files laid out differently. */
const withoutLines = (rows: MemberRow[]) => rows.map(({ line: _line, ...rest }) => rest);

describe("parseMemberFile: good files", () => {
  it("reads French headers, `;`, a BOM and CRLF line ends", () => {
    const parsed = parseMemberFile(fixture("members-fr-semicolon-bom.csv"), CONTEXT);
    expect(parsed.fileErrors).toEqual([]);
    expect(parsed.rowIssues).toEqual([]);
    expect(parsed.delimiter).toBe(";");
    expect(parsed.headers.email).toBe("Courriel");
    expect(parsed.columns).toEqual([
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
    ]);
    expect(parsed.rows).toEqual([
      {
        line: 2,
        email: "lea.dubreuil@example.org",
        name: "Léa Dubreuil",
        collegeId: "col-mw",
        isShareholder: true,
        shares: 3,
        officeId: "off-lg",
        sector: "Musique",
        language: "fr",
        directoryOptIn: true,
        memberNumber: "R-0001",
      },
      {
        line: 3,
        email: "joris.vandamme@example.org",
        name: "Joris Van Damme",
        collegeId: "col-mw",
        isShareholder: true,
        shares: 1,
        officeId: "off-gent",
        sector: "Audiovisuel",
        language: "nl",
        directoryOptIn: false,
        memberNumber: "R-0002",
      },
      {
        line: 4,
        email: "anke.hoffmann@example.org",
        name: "Anke Hoffmann",
        collegeId: "col-staff",
        isShareholder: false,
        shares: 0,
        officeId: "off-eupen",
        sector: "Formation",
        language: "de",
        directoryOptIn: false,
        memberNumber: "R-0003",
      },
      {
        line: 5,
        email: "samir.ouali@example.org",
        name: "Samir Ouali",
        collegeId: "col-clients",
        isShareholder: false,
        shares: 0,
        officeId: null,
        sector: "",
        language: "fr",
        directoryOptIn: false,
        memberNumber: null,
      },
      {
        line: 6,
        email: "noemie.carlier@example.org",
        name: "Noémie « Nono » Carlier; artiste",
        collegeId: "col-partners",
        isShareholder: true,
        shares: 12,
        officeId: "off-bxl",
        sector: "Arts de la scène",
        language: "en",
        directoryOptIn: true,
        memberNumber: "R-0005",
      },
    ]);
  });

  it("reads the same people from a `,` file with English headers", () => {
    const french = parseMemberFile(fixture("members-fr-semicolon-bom.csv"), CONTEXT);
    const english = parseMemberFile(fixture("members-en-comma.csv"), CONTEXT);
    expect(english.delimiter).toBe(",");
    expect(english.fileErrors).toEqual([]);
    expect(english.rows).toEqual(french.rows);
  });

  it("strips a BOM given in text as well as in bytes", () => {
    const text = "\uFEFFemail,name,college\nada@example.org,Ada,staff\n";
    expect(parseMemberFile(text, CONTEXT).rows).toHaveLength(1);
    expect(parseMemberFile(utf8(text), CONTEXT).headers.email).toBe("email");
  });

  it("matches headers without regard to case, accents, spaces or order", () => {
    const parsed = parseText("COLLÈGE;Member Number;E-Mail;NOM\nstaff;7;Ada@Example.org;Ada\n");
    expect(parsed.fileErrors).toEqual([]);
    expect(parsed.rows[0]).toMatchObject({
      email: "ada@example.org",
      name: "Ada",
      collegeId: "col-staff",
      memberNumber: "7",
    });
  });

  it("accepts a college by its key or its label, and an office by its name or its unique city", () => {
    const parsed = parseText(
      "email,name,college,office\na@example.org,A,Membres-utilisateurs,smart liege\nb@example.org,B,STAFF,LIEGE\n",
    );
    expect(parsed.rowIssues).toEqual([]);
    expect(parsed.rows.map((r) => [r.collegeId, r.officeId])).toEqual([
      ["col-mw", "off-lg"],
      ["col-staff", "off-lg"],
    ]);
  });

  it("derives the shareholder status from the shares when it is left empty", () => {
    const parsed = parseText(
      "email,name,college,shareholder,shares\na@example.org,A,staff,,4\nb@example.org,B,staff,,0\nc@example.org,C,staff,,\n",
    );
    expect(parsed.rows.map((r) => [r.isShareholder, r.shares])).toEqual([
      [true, 4],
      [false, 0],
      [false, 0],
    ]);
  });

  it("takes the organisation's default language when the column is empty or absent", () => {
    const nl = { ...CONTEXT, defaultLanguage: "nl" as const };
    expect(parseMemberFile("email,name,college\na@example.org,A,staff\n", nl).rows[0]!.language).toBe("nl");
    expect(parseMemberFile("email,name,college,language\na@example.org,A,staff,\n", nl).rows[0]!.language).toBe("nl");
    expect(parseMemberFile("email,name,college,language\na@example.org,A,staff,DE\n", nl).rows[0]!.language).toBe("de");
  });

  it("skips blank lines and keeps the line numbers of the file", () => {
    const parsed = parseText(
      "email,name,college\r\n\r\na@example.org,A,staff\r\n ,, \r\nb@example.org,B,staff\r\n\r\n",
    );
    expect(parsed.rows.map((r) => r.line)).toEqual([3, 5]);
    expect(parsed.dataRowCount).toBe(2);
  });

  it("counts a quoted line break as a line of the file", () => {
    const parsed = parseText('email,name,college\na@example.org,"Two\nlines",staff\nb@example.org,B,nobody\n');
    expect(parsed.rowIssues.map((i) => [i.line, i.code])).toEqual([
      [2, "controlCharacters"],
      [4, "unknownCollege"],
    ]);
  });

  it("reports unknown columns as a warning, not an error", () => {
    const parsed = parseText("email,name,college,favourite colour\na@example.org,A,staff,green\n");
    expect(parsed.fileErrors).toEqual([]);
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.warnings).toEqual([{ code: "unknownColumns", headers: ["favourite colour"] }]);
  });

  it("keeps HTML and script in names as plain text", () => {
    const parsed = parseText('email,name,college\na@example.org,"<script>alert(""x"")</script>",staff\n');
    expect(parsed.rows[0]!.name).toBe('<script>alert("x")</script>');
  });
});

describe("parseMemberFile: bad files", () => {
  it("refuses a Latin-1 file with one file-level error and a hint", () => {
    const parsed = parseMemberFile(fixture("members-latin1.csv"), CONTEXT);
    expect(parsed.fileErrors).toEqual([{ code: "notUtf8" }]);
    expect(parsed.rows).toEqual([]);
    expect(describeFileIssue(en, parsed.fileErrors[0]!)).toMatch(/not UTF-8 text.*CSV UTF-8/);
  });

  it("names the missing required columns", () => {
    const parsed = parseMemberFile(fixture("members-missing-college.csv"), CONTEXT);
    expect(parsed.fileErrors).toEqual([{ code: "missingColumns", columns: ["college"] }]);
    expect(describeFileIssue(en, parsed.fileErrors[0]!)).toContain("college");
    expect(parseText("a;b;c\n1;2;3\n").fileErrors).toEqual([
      { code: "missingColumns", columns: ["email", "name", "college"] },
    ]);
  });

  it("refuses a column given twice", () => {
    expect(parseText("email,courriel,name,college\n").fileErrors).toEqual([
      { code: "duplicateColumn", column: "email", header: "courriel" },
    ]);
  });

  it("reports a malformed quote with its line number", () => {
    const parsed = parseMemberFile(fixture("members-malformed-quote.csv"), CONTEXT);
    expect(parsed.fileErrors).toEqual([{ code: "malformedQuote", line: 3 }]);
    expect(parsed.rows).toEqual([]);
    expect(parseText('email,name,college\na@example.org,"A"x,staff\n').rows).toHaveLength(0);
  });

  it("reports empty files, header-only files, binary files and too long first lines", () => {
    expect(parseText("").fileErrors).toEqual([{ code: "empty" }]);
    expect(parseText(" \n\n").fileErrors).toEqual([{ code: "empty" }]);
    expect(parseText("email,name,college\n\n").fileErrors).toEqual([{ code: "noRows" }]);
    expect(parseText("email,name,college\u0000\n").fileErrors).toEqual([{ code: "binary" }]);
    expect(parseText(`email,name,college,${"x".repeat(IMPORT_LIMITS.maxHeaderLength)}\n`).fileErrors).toEqual([
      { code: "headerTooLong" },
    ]);
  });

  it("refuses more than 5 MB and more than 20,000 rows", () => {
    const big = new Uint8Array(IMPORT_LIMITS.maxBytes + 1).fill(0x61);
    expect(parseMemberFile(big, CONTEXT).fileErrors).toEqual([{ code: "tooLarge", maxMegabytes: 5 }]);
    const rows = Array.from({ length: IMPORT_LIMITS.maxDataRows + 1 }, (_, i) => `m${i}@example.org,M ${i},staff`);
    expect(parseText(`email,name,college\n${rows.join("\n")}\n`).fileErrors).toEqual([
      { code: "tooManyRows", max: 20_000 },
    ]);
    expect(parseText(`email,name,college\n${rows.slice(1).join("\n")}\n`).rows).toHaveLength(20_000);
  });

  it("gives one clear file-level error for 5 MB of junk, quickly", () => {
    const random = fc.sample(fc.uint8Array({ minLength: 4096, maxLength: 4096 }), { numRuns: 1, seed: 42 })[0]!;
    const bytes = new Uint8Array(IMPORT_LIMITS.maxBytes);
    for (let at = 0; at < bytes.length; at += random.length) bytes.set(random.subarray(0, bytes.length - at), at);
    let started = performance.now();
    const junk = parseMemberFile(bytes, CONTEXT);
    expect(junk.fileErrors).toHaveLength(1);
    expect(junk.rowIssues).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1000);

    // Printable junk is UTF-8: its first line is not a header.
    const printable = utf8(
      Array.from({ length: IMPORT_LIMITS.maxBytes }, (_, i) => String.fromCharCode(33 + ((i * 7919) % 94))).join(""),
    );
    started = performance.now();
    expect(parseMemberFile(printable, CONTEXT).fileErrors).toEqual([{ code: "headerTooLong" }]);
    expect(performance.now() - started).toBeLessThan(1000);
    const lines = utf8(Array.from({ length: 60_000 }, (_, i) => `${i}|${"~".repeat(i % 80)}`).join("\n"));
    started = performance.now();
    expect(parseMemberFile(lines, CONTEXT).fileErrors).toEqual([
      { code: "missingColumns", columns: ["email", "name", "college"] },
    ]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("lists at most 1,000 problems and counts the others", () => {
    const rows = Array.from({ length: 1_500 }, (_, i) => `not-an-address-${i},Junk ${i},staff`);
    const parsed = parseText(`email,name,college\n${rows.join("\n")}\n`);
    expect(parsed.fileErrors).toEqual([]);
    expect(parsed.rowIssues).toHaveLength(1_000);
    expect(parsed.rowIssueCount).toBe(1_500);
    expect(parsed.badRowCount).toBe(1_500);
    expect(parsed.rows).toEqual([]);
  });

  it("reports every bad row with its line number and reason", () => {
    const parsed = parseMemberFile(fixture("members-bad-rows.csv"), demoLikeContext());
    expect(parsed.fileErrors).toEqual([]);
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 10]);
    expect(parsed.rowIssues.map((i) => [i.line, i.column, i.code])).toEqual([
      [3, "shares", "shareholderWithoutShares"],
      [4, "email", "duplicateEmail"],
      [5, "college", "unknownCollege"],
      [6, "office", "unknownOffice"],
      [7, "email", "invalidEmail"],
      [8, "name", "tooLong"],
      [9, "shares", "sharesWithoutShareholder"],
    ]);
    expect(parsed.badRowCount).toBe(7);
    const text = parsed.rowIssues.map((i) => describeRowIssue(en, i));
    expect(text).toEqual([
      "A shareholder holds at least one share: give the number of shares.",
      "Duplicate of line 2: same e-mail address.",
      "Unknown college “volunteers”: use the key of one of the organisation's colleges.",
      "Unknown office “Atlantis”: use the name or the city of one of the organisation's offices.",
      "Not a valid e-mail address.",
      "Too long: at most 200 characters.",
      "Shares are given for someone who is not a shareholder.",
    ]);
    expect(parsed.rowIssues.find((i) => i.line === 7)!.name).toBe("<script>alert('x')</script>");
    expect(parsed.rows[1]!.name).toBe("<script>alert(1)</script>");
  });

  it("checks lengths, yes/no answers, shares, languages, ambiguous offices and extra values", () => {
    const long = "x".repeat(250);
    const parsed = parseText(
      [
        "email,name,college,shareholder,shares,office,sector,language,directory,member_number",
        `${long}@example.org,A,staff,,,,,,,`,
        `b@example.org,B,staff,maybe,,,${"s".repeat(201)},,,`,
        "c@example.org,C,staff,yes,1.5,,,,,",
        "d@example.org,D,staff,,,Namur,,klingon,perhaps,",
        "e@example.org,E,staff,,,,,,,,surplus",
        "f@example.org,F,,,,,,,,",
        "g@example.org,,staff,,,,,,,",
        "h@example.org,H,staff,,,,,,,,,",
      ].join("\n"),
    );
    expect(parsed.rowIssues.map((i) => [i.line, i.column, i.code])).toEqual([
      [2, "email", "tooLong"],
      [3, "shareholder", "invalidYesNo"],
      [3, "sector", "tooLong"],
      [4, "shares", "invalidShares"],
      [5, "office", "ambiguousOffice"],
      [5, "language", "invalidLanguage"],
      [5, "directory", "invalidYesNo"],
      [6, null, "tooManyValues"],
      [7, "college", "required"],
      [8, "name", "required"],
    ]);
    // Empty surplus values (a spreadsheet's trailing separators) are harmless.
    expect(parsed.rows.map((r) => r.email)).toEqual(["h@example.org"]);
  });
});

/** The demo organisation's offices by city, as the fixture expects. */
function demoLikeContext(): ImportContext {
  const cities = [
    "Bruxelles",
    "Antwerpen",
    "Gent",
    "Liège",
    "Namur",
    "Charleroi",
    "Mons",
    "Leuven",
    "Brugge",
    "Hasselt",
    "Kortrijk",
    "Eupen",
  ];
  return { ...CONTEXT, offices: cities.map((city) => ({ id: `off-${city}`, name: `Smart ${city}`, city })) };
}

// ---------------------------------------------------------------------------------------------
// Laws

const COLUMNS = [
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

interface Person {
  email: string;
  name: string;
  college: string;
  shares: number;
  office: string;
  sector: string;
  language: string;
  directory: boolean;
  number: string;
}

const TEXT_CHARS = [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèçàôüößÿŁ", ..." ;,\"'<>&/-", "🙂", "中"];
const text = (max: number) =>
  fc
    .array(fc.constantFrom(...TEXT_CHARS), { minLength: 1, maxLength: max })
    .map((chars) => chars.join("").trim())
    .filter((s) => s !== "");

const person = (index: number) =>
  fc.record({
    email: fc.constantFrom("x", "X").map((x) => `${x}member${index}@Example.org`),
    name: text(40),
    college: fc.constantFrom("member-workers", "staff", "clients", "partners", "Permanents"),
    shares: fc.nat({ max: 50 }),
    office: fc.constantFrom("", "Smart Bruxelles", "Liège", "gent"),
    sector: fc.oneof(fc.constant(""), text(30)),
    language: fc.constantFrom("", "fr", "nl", "de", "en", "EN"),
    directory: fc.boolean(),
    number: fc.oneof(fc.constant(""), fc.stringMatching(/^[A-Z]-\d{1,6}$/)),
  });

const people = fc
  .integer({ min: 1, max: 40 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => person(i))));

function cell(value: string, delimiter: string): string {
  return /["\r\n]/.test(value) || value.includes(delimiter) || value !== value.trim()
    ? `"${value.replace(/"/g, '""')}"`
    : value;
}

function valuesOf(p: Person): Record<(typeof COLUMNS)[number], string> {
  return {
    email: p.email,
    name: p.name,
    college: p.college,
    shareholder: p.shares > 0 ? "oui" : "non",
    shares: String(p.shares),
    office: p.office,
    sector: p.sector,
    language: p.language,
    directory: p.directory ? "yes" : "no",
    member_number: p.number,
  };
}

function writeCsv(
  list: Person[],
  delimiter: ";" | ",",
  order: readonly (typeof COLUMNS)[number][] = COLUMNS,
  newline = "\n",
): string {
  const lines = [
    order.join(delimiter),
    ...list.map((p) => order.map((c) => cell(valuesOf(p)[c], delimiter)).join(delimiter)),
  ];
  return lines.join(newline) + newline;
}

describe("parseMemberFile: laws", () => {
  it("a generated valid file of N rows yields N rows, in order, and no problem", () => {
    fc.assert(
      fc.property(
        people,
        fc.constantFrom<";" | ",">(";", ","),
        fc.constantFrom("\n", "\r\n"),
        (list, delimiter, newline) => {
          const parsed = parseText(writeCsv(list, delimiter, COLUMNS, newline));
          expect(parsed.fileErrors).toEqual([]);
          expect(parsed.rowIssues).toEqual([]);
          expect(parsed.rows).toHaveLength(list.length);
          parsed.rows.forEach((row, i) => {
            const p = list[i]!;
            expect(row.line).toBe(i + 2);
            expect(row.email).toBe(p.email.toLowerCase());
            expect(row.name).toBe(p.name);
            expect(row.shares).toBe(p.shares);
            expect(row.isShareholder).toBe(p.shares > 0);
            expect(row.sector).toBe(p.sector);
            expect(row.directoryOptIn).toBe(p.directory);
            expect(row.memberNumber).toBe(p.number === "" ? null : p.number);
            expect(row.language).toBe(p.language === "" ? "fr" : p.language.toLowerCase());
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it("the delimiter never changes the parsed rows", () => {
    fc.assert(
      fc.property(people, (list) => {
        const semicolon = parseText(writeCsv(list, ";"));
        const comma = parseText(writeCsv(list, ","));
        expect(semicolon.delimiter).toBe(";");
        expect(comma.delimiter).toBe(",");
        expect(comma.rows).toEqual(semicolon.rows);
      }),
      { numRuns: 150 },
    );
  });

  it("the order and the case of the columns never change the parsed rows", () => {
    fc.assert(
      fc.property(
        people,
        fc.shuffledSubarray([...COLUMNS], { minLength: COLUMNS.length }),
        fc.boolean(),
        (list, order, upper) => {
          const reference = parseText(writeCsv(list, ";"));
          const header = order.map((c) => (upper ? c.toUpperCase() : c));
          const body = writeCsv(list, ";", order).split("\n").slice(1).join("\n");
          const shuffled = parseText(`${header.join(";")}\n${body}`);
          expect(withoutLines(shuffled.rows)).toEqual(withoutLines(reference.rows));
        },
      ),
      { numRuns: 100 },
    );
  });

  it("every bad row is reported on its own line, and good rows are kept", () => {
    fc.assert(
      fc.property(people, fc.array(fc.nat(), { maxLength: 5 }), (list, spoil) => {
        const bad = new Set(spoil.map((n) => n % list.length));
        const rows = list.map((p, i) => (bad.has(i) ? { ...p, college: "no-such-college" } : p));
        const parsed = parseText(writeCsv(rows, ","));
        expect(parsed.rowIssues.map((issue) => issue.line)).toEqual([...bad].sort((a, b) => a - b).map((i) => i + 2));
        expect(parsed.rows).toHaveLength(list.length - bad.size);
      }),
      { numRuns: 100 },
    );
  });

  it("the detected delimiter is the one that splits the header", () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...COLUMNS], { minLength: 2 }),
        fc.constantFrom<";" | ",">(";", ","),
        (order, delimiter) => {
          expect(detectDelimiter(order.join(delimiter))).toBe(delimiter);
        },
      ),
    );
  });
});
