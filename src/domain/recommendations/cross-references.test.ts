import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  findBrokenReferences,
  findCrossReferences,
  referencedNumbers,
  type CrossReference,
} from "./cross-references.js";

/** The numbers found, and the text at their offsets (which must be the number). */
function numbersIn(text: string): number[] {
  const references = findCrossReferences(text);
  for (const r of references) expect(text.slice(r.start, r.end)).toBe(String(r.number));
  return references.map((r) => r.number);
}

const SEED_003 = fileURLToPath(new URL("../../../../shared/seeds/003_463cd2b1b09b3a21.txt", import.meta.url));

describe("findCrossReferences", () => {
  it("finds the references as the 2016 booklet writes them", () => {
    expect(numbersIn("tant en fonction de tous les publics (cfr. recommandation 4) que de certains")).toEqual([4]);
    expect(numbersIn("(cf. recommandation 34)")).toEqual([34]);
    expect(numbersIn("en connaissance de cause (voir recommandation 35).")).toEqual([35]);
    expect(numbersIn("On se réfère également fortement aux recommandations 5 et 6 pour la mise")).toEqual([5, 6]);
    expect(numbersIn("(Cette recommandation touche également aux recommandations 34 et 36).")).toEqual([34, 36]);
    expect(numbersIn("(cf. recommandations 28 et 29)")).toEqual([28, 29]);
    expect(numbersIn("Comme mentionné dans la recommandation 7, la mise en place")).toEqual([7]);
    expect(numbersIn("(cfr. recommandation  \n35) et")).toEqual([35]);
  });

  it("gives the offsets of each number, for a link", () => {
    const text = "voir recommandation 12, et recommandations 28 et 29.";
    expect(findCrossReferences(text)).toEqual([
      { number: 12, start: 20, end: 22 },
      { number: 28, start: 43, end: 45 },
      { number: 29, start: 49, end: 51 },
    ]);
  });

  it("reads Dutch, German and English, in any case, with a number sign", () => {
    expect(numbersIn("zie aanbeveling 12 en aanbevelingen 3 en 4")).toEqual([12, 3, 4]);
    expect(numbersIn("siehe Empfehlung 12 und Empfehlungen 3 und 4; Empfehlung Nr. 5")).toEqual([12, 3, 4, 5]);
    expect(numbersIn("see recommendation 12 and recommendations 3, 4 and 5")).toEqual([12, 3, 4, 5]);
    expect(numbersIn("RECOMMANDATION 9 · Recommandation n° 10 · aanbeveling nr. 11 · recommendation #13")).toEqual([
      9, 10, 11, 13,
    ]);
    expect(numbersIn("(rec. 28–29)")).toEqual([28, 29]);
  });

  it("reads ranges, and marks the end of each", () => {
    expect(findCrossReferences("recommandations 28-29")).toEqual([
      { number: 28, start: 16, end: 18 },
      { number: 29, start: 19, end: 21, rangeFrom: 28 },
    ]);
    expect(findCrossReferences("recommandations 12 à 15").map((r) => r.rangeFrom)).toEqual([undefined, 12]);
    expect(findCrossReferences("aanbevelingen 3 tot 5").map((r) => r.rangeFrom)).toEqual([undefined, 3]);
    expect(findCrossReferences("Empfehlungen 3 bis 5").map((r) => r.rangeFrom)).toEqual([undefined, 3]);
    expect(findCrossReferences("recommendations 3 to 5").map((r) => r.rangeFrom)).toEqual([undefined, 3]);
    expect(findCrossReferences("recommandations 5, 6 et 7").map((r) => r.rangeFrom)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("reads a reversed or huge range as two numbers", () => {
    expect(findCrossReferences("recommandations 29-28").map((r) => r.rangeFrom)).toEqual([undefined, undefined]);
    expect(findCrossReferences("recommandations 1-999").map((r) => r.rangeFrom)).toEqual([undefined, undefined]);
  });

  it("takes one number after a singular keyword", () => {
    expect(numbersIn("la recommandation 34, 12 membres l'ont votée")).toEqual([34]);
  });

  it("ignores what only looks like a reference", () => {
    expect(numbersIn("les recommandations 2016 du groupe")).toEqual([]);
    expect(numbersIn("cfr. les «Creative Spots»")).toEqual([]);
    expect(numbersIn("la recommandation suivante, 12 fois")).toEqual([]);
    expect(numbersIn("recommandation 12bis")).toEqual([]);
    expect(numbersIn("prerecommandation 12")).toEqual([]);
    expect(numbersIn("RECOMMANDATION\n\n10\n\nMutualiser")).toEqual([]);
    expect(numbersIn("")).toEqual([]);
  });

  it("finds the references of the whole booklet", () => {
    const references = findCrossReferences(readFileSync(SEED_003, "utf8"));
    expect(referencedNumbers(references)).toEqual([1, 2, 4, 5, 6, 7, 8, 15, 28, 29, 30, 33, 34, 35, 36]);
  });

  it("keeps offsets right on any text", () => {
    fc.assert(
      fc.property(
        fc
          .array(
            fc.constantFrom("recommandations ", "recommandation ", "Empfehlung ", "12", " et ", "-", ", ", "x", "\n"),
          )
          .map((parts) => parts.join("")),
        (text) => {
          let previousEnd = 0;
          for (const r of findCrossReferences(text)) {
            expect(Number(text.slice(r.start, r.end))).toBe(r.number);
            expect(r.start).toBeGreaterThanOrEqual(previousEnd);
            previousEnd = r.end;
          }
        },
      ),
    );
  });
});

describe("referencedNumbers", () => {
  it("lists each number once, ranges included", () => {
    expect(
      referencedNumbers(findCrossReferences("recommandations 28-31, recommandation 29 et recommandation 3")),
    ).toEqual([3, 28, 29, 30, 31]);
  });
});

describe("findBrokenReferences", () => {
  const existing = new Set(Array.from({ length: 37 }, (_, i) => i + 1));

  it("flags the numbers that are no recommendation, at their place in the text", () => {
    const text = "voir recommandation 12 et recommandations 38 et 40";
    expect(findBrokenReferences(findCrossReferences(text), existing)).toEqual([
      { number: 38, start: 42, end: 44 },
      { number: 40, start: 48, end: 50 },
    ]);
  });

  it("flags the missing numbers inside a range on the number that closes it", () => {
    const references: CrossReference[] = [
      { number: 35, start: 16, end: 18 },
      { number: 39, start: 19, end: 21, rangeFrom: 35 },
    ];
    expect(findBrokenReferences(references, existing)).toEqual([
      { number: 38, start: 19, end: 21 },
      { number: 39, start: 19, end: 21 },
    ]);
  });

  it("flags nothing when every number exists", () => {
    expect(findBrokenReferences(findCrossReferences("(cf. recommandations 28 et 29)"), existing)).toEqual([]);
  });
});
