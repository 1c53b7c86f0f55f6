import { describe, expect, it } from "vitest";
import { compareTexts, countWords, MAX_COMPARED_CHARACTERS, normaliseLineEnds } from "./diff.js";

describe("compareTexts", () => {
  it("marks the words added and removed, and counts them", () => {
    const result = compareTexts(
      "Pistes\n\n1. Publier les écarts de rémunération.",
      "Pistes\n\n1. Publier chaque année les écarts.\n2. Former les jurys.",
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const added = result.parts.filter((p) => p.kind === "added").map((p) => p.text);
    const removed = result.parts.filter((p) => p.kind === "removed").map((p) => p.text);
    expect(added.join("|")).toContain("chaque année");
    expect(added).toContain("Former");
    expect(added).toContain("les jurys");
    expect(removed.join("|")).toContain("rémunération");
    expect(result.wordsAdded).toBe(6); // chaque, année, 2., Former, les, jurys.
    expect(result.wordsRemoved).toBe(2); // de, rémunération
  });

  it("rebuilds both texts from its parts", () => {
    const from = "a b c\nd e f";
    const to = "a x c\nd e f g";
    const result = compareTexts(from, to);
    if (!result.ok) throw new Error("expected a comparison");
    expect(
      result.parts
        .filter((p) => p.kind !== "added")
        .map((p) => p.text)
        .join(""),
    ).toBe(from);
    expect(
      result.parts
        .filter((p) => p.kind !== "removed")
        .map((p) => p.text)
        .join(""),
    ).toBe(to);
  });

  it("finds nothing between equal texts, whatever their line ends", () => {
    const result = compareTexts("one\r\ntwo\rthree", "one\ntwo\nthree");
    expect(result).toEqual({
      ok: true,
      parts: [{ kind: "same", text: "one\ntwo\nthree" }],
      wordsAdded: 0,
      wordsRemoved: 0,
    });
  });

  it("merges neighbouring runs of the same kind", () => {
    const result = compareTexts("", "one two three");
    expect(result).toEqual({
      ok: true,
      parts: [{ kind: "added", text: "one two three" }],
      wordsAdded: 3,
      wordsRemoved: 0,
    });
  });

  it("keeps markup as plain text (the page escapes it)", () => {
    const result = compareTexts("x", "x <script>alert(1)</script>");
    if (!result.ok) throw new Error("expected a comparison");
    expect(result.parts.map((p) => p.text).join("")).toBe("x <script>alert(1)</script>");
  });

  it("refuses texts too long to compare in reasonable time", () => {
    const long = "word ".repeat(MAX_COMPARED_CHARACTERS / 5 + 1);
    expect(compareTexts(long, "short")).toEqual({ ok: false, reason: "tooLong" });
  });

  it("gives up on texts that differ too much, instead of holding the server", () => {
    const a = Array.from({ length: 30_000 }, (_, i) => `a${i}`).join(" ");
    const b = Array.from({ length: 30_000 }, (_, i) => `b${i}`).join(" ");
    const started = Date.now();
    expect(compareTexts(a, b)).toEqual({ ok: false, reason: "tooDifferent" });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe("countWords", () => {
  it("counts runs holding a letter or a digit, not lone punctuation", () => {
    expect(countWords("  Bonjour, l'égalité ! 2021 ")).toBe(3);
    expect(countWords(" . , ; ")).toBe(0);
    expect(countWords("")).toBe(0);
  });
});

describe("normaliseLineEnds", () => {
  it("turns CRLF and CR into LF", () => {
    expect(normaliseLineEnds("a\r\nb\rc\nd")).toBe("a\nb\nc\nd");
  });
});
