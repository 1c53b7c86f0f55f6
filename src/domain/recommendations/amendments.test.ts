import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyAmendments,
  diffAmendment,
  findConflicts,
  validateAmendment,
  type AmendableVersion,
  type Amendment,
} from "./amendments.js";
import { numberLines } from "./line-numbers.js";
import { lineLengthArbitrary, replacementArbitrary, textArbitrary } from "./test-arbitraries.js";

/** Five lines at 20 characters: "Créer en son sein un" / "comité d'éthique." / … */
const VERSION: AmendableVersion = {
  id: "v3",
  lineLength: 20,
  text: "Créer en son sein un comité d'éthique.\n\nIl compte quinze membres élus pour deux ans.",
};

let nextId = 0;
function amendment(fromLine: number, toLine: number, replacement: string, more: Partial<Amendment> = {}): Amendment {
  nextId += 1;
  return { id: `a${nextId}`, versionId: "v3", lineLength: 20, fromLine, toLine, replacement, ...more };
}

describe("the example version", () => {
  it("has five numbered lines", () => {
    expect(numberLines(VERSION.text, 20).lines.map((l) => l.text)).toEqual([
      "Créer en son sein un",
      "comité d'éthique.",
      "Il compte quinze",
      "membres élus pour",
      "deux ans.",
    ]);
  });
});

describe("validateAmendment", () => {
  it("accepts a range of existing lines, and gives their text and offsets", () => {
    const check = validateAmendment(VERSION, amendment(2, 3, "  comité.\n\nIl réunit  "));
    expect(check).toEqual({
      ok: true,
      replaced: "comité d'éthique.\n\nIl compte quinze",
      replacement: "comité.\n\nIl réunit",
      start: 21,
      end: 56,
    });
  });

  it("accepts an empty replacement: a deletion", () => {
    expect(validateAmendment(VERSION, amendment(5, 5, " \n "))).toMatchObject({ ok: true, replacement: "" });
  });

  it("refuses a range out of bounds, reversed, or not made of line numbers", () => {
    const reasons = [
      amendment(0, 2, "x"),
      amendment(-1, 2, "x"),
      amendment(1.5, 2, "x"),
      amendment(Number.NaN, 2, "x"),
      amendment(3, 2, "x"),
      amendment(5, 6, "x"),
      amendment(9, 9, "x"),
    ].map((a) => validateAmendment(VERSION, a));
    expect(reasons).toEqual([
      { ok: false, reason: "notALineNumber", lineCount: 5 },
      { ok: false, reason: "notALineNumber", lineCount: 5 },
      { ok: false, reason: "notALineNumber", lineCount: 5 },
      { ok: false, reason: "notALineNumber", lineCount: 5 },
      { ok: false, reason: "reversedRange", lineCount: 5 },
      { ok: false, reason: "beyondLastLine", lineCount: 5 },
      { ok: false, reason: "beyondLastLine", lineCount: 5 },
    ]);
  });

  it("refuses an amendment written on another version or another line length", () => {
    expect(validateAmendment(VERSION, amendment(1, 1, "x", { versionId: "v2" }))).toMatchObject({
      ok: false,
      reason: "otherVersion",
    });
    expect(validateAmendment(VERSION, amendment(1, 1, "x", { lineLength: 80 }))).toMatchObject({
      ok: false,
      reason: "otherLineLength",
    });
    expect(validateAmendment({ ...VERSION, lineLength: 0 }, amendment(1, 1, "x", { lineLength: 0 }))).toMatchObject({
      ok: false,
      reason: "otherLineLength",
    });
  });

  it("refuses lines of a version that has none", () => {
    const empty = { ...VERSION, text: "  \n" };
    expect(validateAmendment(empty, amendment(1, 1, "x"))).toEqual({
      ok: false,
      reason: "beyondLastLine",
      lineCount: 0,
    });
  });

  it("refuses a replacement longer than a document", () => {
    expect(validateAmendment(VERSION, amendment(1, 1, "x".repeat(200_001)))).toMatchObject({
      ok: false,
      reason: "replacementTooLong",
    });
  });
});

describe("diffAmendment", () => {
  it("compares the replaced lines with the replacement, word by word", () => {
    const result = diffAmendment(VERSION, amendment(3, 4, "Il compte douze membres élus pour"));
    expect(result).toMatchObject({ ok: true, wordsAdded: 1, wordsRemoved: 1 });
    if (!result.ok) return;
    expect(result.parts.filter((p) => p.kind === "removed").map((p) => p.text)).toEqual(["quinze"]);
    expect(result.parts.filter((p) => p.kind === "added").map((p) => p.text)).toEqual(["douze"]);
    expect(result.replaced).toBe("Il compte quinze membres élus pour");
  });

  it("shows a deletion as words removed", () => {
    expect(diffAmendment(VERSION, amendment(5, 5, ""))).toMatchObject({
      ok: true,
      parts: [{ kind: "removed", text: "deux ans." }],
      wordsAdded: 0,
      wordsRemoved: 2,
    });
  });

  it("refuses an invalid amendment with its reason", () => {
    expect(diffAmendment(VERSION, amendment(4, 2, "x"))).toEqual({ ok: false, reason: "reversedRange" });
  });
});

describe("findConflicts", () => {
  it("finds the pairs whose line ranges overlap, with the lines they share", () => {
    const a = amendment(1, 3, "x");
    const b = amendment(3, 4, "y");
    const c = amendment(5, 5, "z");
    const d = amendment(2, 2, "w");
    expect(findConflicts([c, b, a, d])).toEqual([
      { first: a, second: d, fromLine: 2, toLine: 2 },
      { first: a, second: b, fromLine: 3, toLine: 3 },
    ]);
  });

  it("sees no conflict between neighbouring lines, or between versions", () => {
    expect(findConflicts([amendment(1, 2, "x"), amendment(3, 3, "y")])).toEqual([]);
    expect(findConflicts([amendment(1, 2, "x"), amendment(2, 2, "y", { versionId: "v4" })])).toEqual([]);
    expect(findConflicts([amendment(1, 2, "x"), amendment(2, 2, "y", { lineLength: 60 })])).toEqual([]);
  });

  it("sees a conflict between two identical amendments", () => {
    const a = amendment(2, 2, "x");
    const b = amendment(2, 2, "x");
    expect(findConflicts([a, b])).toEqual([{ first: a, second: b, fromLine: 2, toLine: 2 }]);
  });
});

describe("applyAmendments", () => {
  it("replaces the lines of each amendment, whatever the order of the list", () => {
    const first = amendment(1, 2, "Créer un comité d'éthique indépendant.");
    const second = amendment(3, 3, "Il compte douze");
    const expected = "Créer un comité d'éthique indépendant.\n\nIl compte douze membres élus pour deux ans.";
    expect(applyAmendments(VERSION, [first, second])).toEqual({ ok: true, text: expected });
    expect(applyAmendments(VERSION, [second, first])).toEqual({ ok: true, text: expected });
  });

  it("deletes lines with the separator after them, or before the last ones", () => {
    expect(applyAmendments(VERSION, [amendment(3, 5, "")])).toEqual({
      ok: true,
      text: "Créer en son sein un comité d'éthique.",
    });
    expect(applyAmendments(VERSION, [amendment(1, 2, "")])).toEqual({
      ok: true,
      text: "Il compte quinze membres élus pour deux ans.",
    });
    expect(applyAmendments(VERSION, [amendment(4, 4, "")])).toEqual({
      ok: true,
      text: "Créer en son sein un comité d'éthique.\n\nIl compte quinze deux ans.",
    });
  });

  it("deletes neighbouring ranges down to the end as one", () => {
    expect(applyAmendments(VERSION, [amendment(4, 5, ""), amendment(2, 3, "")])).toEqual({
      ok: true,
      text: "Créer en son sein un",
    });
    expect(applyAmendments(VERSION, [amendment(1, 2, ""), amendment(3, 5, "")])).toEqual({ ok: true, text: "" });
  });

  it("leaves the text as it is without amendments", () => {
    expect(applyAmendments(VERSION, [])).toEqual({ ok: true, text: VERSION.text });
  });

  it("refuses a set with conflicts, and says which", () => {
    const a = amendment(1, 3, "x");
    const b = amendment(3, 4, "y");
    expect(applyAmendments(VERSION, [a, b])).toEqual({
      ok: false,
      reason: "conflicts",
      conflicts: [{ first: a, second: b, fromLine: 3, toLine: 3 }],
    });
  });

  it("refuses a set with an invalid amendment, and says which", () => {
    const bad = amendment(4, 9, "x");
    expect(applyAmendments(VERSION, [amendment(1, 1, "y"), bad])).toEqual({
      ok: false,
      reason: "invalidAmendment",
      amendmentId: bad.id,
      problem: "beyondLastLine",
    });
  });

  it("refuses a text that would grow beyond a document's length", () => {
    const long = "x".repeat(150_000);
    expect(applyAmendments(VERSION, [amendment(1, 1, long), amendment(3, 3, long)])).toEqual({
      ok: false,
      reason: "tooLong",
    });
  });
});

/** A version of a generated text, and how many lines it has. */
function versionOf(text: string, lineLength: number): { version: AmendableVersion; lineCount: number } {
  return { version: { id: "v", text, lineLength }, lineCount: numberLines(text, lineLength).lines.length };
}

function on(version: AmendableVersion, fromLine: number, toLine: number, replacement: string): Amendment {
  return {
    id: `${fromLine}-${toLine}`,
    versionId: version.id,
    lineLength: version.lineLength,
    fromLine,
    toLine,
    replacement,
  };
}

describe("applyAmendments properties", () => {
  it("leaves the text unchanged when lines are replaced with their own text", () => {
    fc.assert(
      fc.property(textArbitrary, lineLengthArbitrary, fc.nat(), fc.nat(), (text, lineLength, x, y) => {
        const { version, lineCount } = versionOf(text, lineLength);
        fc.pre(lineCount > 0);
        const fromLine = (x % lineCount) + 1;
        const toLine = fromLine + (y % (lineCount - fromLine + 1));
        const check = validateAmendment(version, on(version, fromLine, toLine, "x"));
        if (!check.ok) throw new Error(check.reason);
        const own = on(version, fromLine, toLine, check.replaced);
        expect(applyAmendments(version, [own])).toEqual({ ok: true, text });
      }),
    );
  });

  it("gives the same text for two amendments that do not overlap, in either order", () => {
    fc.assert(
      fc.property(
        textArbitrary,
        lineLengthArbitrary,
        fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
        replacementArbitrary,
        replacementArbitrary,
        (text, lineLength, picks, r1, r2) => {
          const { version, lineCount } = versionOf(text, lineLength);
          fc.pre(lineCount >= 2);
          const [a, b, c, d] = picks.map((p) => (p % lineCount) + 1).sort((m, n) => m - n) as [
            number,
            number,
            number,
            number,
          ];
          fc.pre(b < c);
          const first = on(version, a, b, r1);
          const second = on(version, c, d, r2);
          const forward = applyAmendments(version, [first, second]);
          expect(forward.ok).toBe(true);
          expect(applyAmendments(version, [second, first])).toEqual(forward);
        },
      ),
    );
  });

  it("keeps the words outside the amended lines, in order", () => {
    fc.assert(
      fc.property(textArbitrary, lineLengthArbitrary, fc.nat(), replacementArbitrary, (text, lineLength, x, r) => {
        const { version, lineCount } = versionOf(text, lineLength);
        fc.pre(lineCount > 0);
        const lines = numberLines(text, lineLength).lines;
        const line = (x % lineCount) + 1;
        const result = applyAmendments(version, [on(version, line, line, r)]);
        if (!result.ok) throw new Error(result.reason);
        const words = (s: string) => s.split(/[^\S\u00a0]+/u).filter((w) => w !== "");
        const expected = [
          ...lines.slice(0, line - 1).flatMap((l) => words(l.text)),
          ...words(r),
          ...lines.slice(line).flatMap((l) => words(l.text)),
        ];
        expect(words(result.text)).toEqual(expected);
      }),
    );
  });
});
