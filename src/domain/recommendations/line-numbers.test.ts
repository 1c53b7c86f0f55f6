import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lineLengthArbitrary, textArbitrary } from "./test-arbitraries.js";
import { characterCount, isValidLineLength, joinLines, numberLines, trimSpaces } from "./line-numbers.js";

describe("numberLines", () => {
  it("wraps words into lines of at most the line length, numbered from 1", () => {
    const { lines } = numberLines("Créer en son sein un comité d'éthique.", 12);
    expect(lines.map((l) => [l.number, l.text])).toEqual([
      [1, "Créer en son"],
      [2, "sein un"],
      [3, "comité"],
      [4, "d'éthique."],
    ]);
  });

  it("records offsets in the original text and the separators between lines", () => {
    const text = "  Un deux\n\n\ntrois\r\nquatre cinq  ";
    const numbering = numberLines(text, 8);
    expect(numbering.leading).toBe("  ");
    expect(numbering.lines).toEqual([
      { number: 1, text: "Un deux", start: 2, end: 9, separator: "\n\n\n", break: "paragraph" },
      { number: 2, text: "trois", start: 12, end: 17, separator: "\r\n", break: "line" },
      { number: 3, text: "quatre", start: 19, end: 25, separator: " ", break: "wrap" },
      { number: 4, text: "cinq", start: 26, end: 30, separator: "  ", break: "end" },
    ]);
    for (const line of numbering.lines) expect(text.slice(line.start, line.end)).toBe(line.text);
  });

  it("keeps line ends of the text and does not number blank lines", () => {
    const text = "Contexte\n\nPremier paragraphe.\nSuite.\n   \n\nSecond.";
    const { lines } = numberLines(text, 80);
    expect(lines.map((l) => l.text)).toEqual(["Contexte", "Premier paragraphe.", "Suite.", "Second."]);
    expect(lines.map((l) => l.break)).toEqual(["paragraph", "line", "paragraph", "end"]);
  });

  it("gives a word longer than the line length a line of its own, unsplit", () => {
    const { lines } = numberLines("voir https://blog.smartbe.be/compte-rendu ici", 10);
    expect(lines.map((l) => l.text)).toEqual(["voir", "https://blog.smartbe.be/compte-rendu", "ici"]);
  });

  it("holds words together across no-break spaces", () => {
    const { lines } = numberLines("les 6,5\u00a0% de frais", 6);
    expect(lines.map((l) => l.text)).toEqual(["les", "6,5\u00a0%", "de", "frais"]);
  });

  it("counts characters, not UTF-16 units", () => {
    expect(characterCount("😀é")).toBe(2);
    expect(numberLines("😀😀 😀😀", 5).lines).toHaveLength(1);
    expect(numberLines("😀😀 😀😀", 4).lines).toHaveLength(2);
  });

  it("gives no line for a text without words", () => {
    expect(numberLines("", 10)).toEqual({ lineLength: 10, leading: "", lines: [] });
    expect(numberLines(" \n\n ", 10)).toEqual({ lineLength: 10, leading: " \n\n ", lines: [] });
  });

  it("is the same for the same text and line length", () => {
    const text = "Mettre en place un annuaire de ses membres-utilisateurs.\n\nAvec leur accord.";
    expect(numberLines(text, 20)).toEqual(numberLines(text, 20));
  });

  it("refuses line lengths that are no setting", () => {
    expect(isValidLineLength(80)).toBe(true);
    for (const bad of [0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY, 1_000_000]) {
      expect(isValidLineLength(bad)).toBe(false);
      expect(() => numberLines("x", bad)).toThrow(RangeError);
    }
  });

  it("trims spaces but keeps no-break spaces", () => {
    expect(trimSpaces(" \n a b \t")).toBe("a b");
    expect(trimSpaces("\u00a0a\u00a0")).toBe("\u00a0a\u00a0");
  });
});

describe("numberLines properties", () => {
  it("gives back the original text when the lines are joined with their separators", () => {
    fc.assert(
      fc.property(textArbitrary, lineLengthArbitrary, (text, lineLength) => {
        expect(joinLines(numberLines(text, lineLength))).toBe(text);
      }),
    );
  });

  it("makes no line longer than the line length, unless it is one longer word", () => {
    fc.assert(
      fc.property(textArbitrary, lineLengthArbitrary, (text, lineLength) => {
        for (const line of numberLines(text, lineLength).lines) {
          const fits = characterCount(line.text) <= lineLength;
          const oneWord = !/[^\S\u00a0\u2007\u202f]/u.test(line.text);
          expect(fits || oneWord).toBe(true);
        }
      }),
    );
  });

  it("numbers lines 1..n, in order, without spaces at their edges", () => {
    fc.assert(
      fc.property(textArbitrary, lineLengthArbitrary, (text, lineLength) => {
        const { lines } = numberLines(text, lineLength);
        lines.forEach((line, i) => {
          expect(line.number).toBe(i + 1);
          expect(line.text).not.toBe("");
          expect(trimSpaces(line.text)).toBe(line.text);
          if (i > 0) expect(line.start).toBeGreaterThan(lines[i - 1]!.end);
        });
      }),
    );
  });

  it("fills lines greedily: the next line's first word would not have fitted", () => {
    fc.assert(
      fc.property(textArbitrary, lineLengthArbitrary, (text, lineLength) => {
        const { lines } = numberLines(text, lineLength);
        lines.forEach((line, i) => {
          const next = lines[i + 1];
          if (!next || line.break !== "wrap") return;
          const firstWord = next.text.split(/[^\S\u00a0\u2007\u202f]/u)[0]!;
          expect(characterCount(line.text + line.separator + firstWord)).toBeGreaterThan(lineLength);
        });
      }),
    );
  });
});
