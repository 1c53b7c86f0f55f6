import fc from "fast-check";

/** For the tests only (not exported by index.ts): texts that find the edge cases of numbering. */

/** Texts made of a few words, spaces of every kind and line ends. */
export const textArbitrary = fc
  .array(
    fc.constantFrom(
      "a",
      "de",
      "mot",
      "comité",
      "recommandation",
      "anticonstitutionnellement",
      "😀x",
      "6,5\u00a0%",
      " ",
      "  ",
      "\t",
      "\n",
      "\n\n",
      "\r\n",
      "\r",
      " \n \n ",
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(""));

/** Short line lengths, so that texts wrap often. */
export const lineLengthArbitrary = fc.integer({ min: 1, max: 30 });

/** A replacement for some lines: empty (a deletion), a word, or several lines. */
export const replacementArbitrary = fc.constantFrom(
  "",
  "  ",
  "nouveau",
  "un texte neuf",
  "ligne\n\nautre ligne ",
  "😀",
);
