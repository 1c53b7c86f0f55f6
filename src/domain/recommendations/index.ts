export { checkTitle, type TitleCheck, type TitleProblem } from "./title.js";
export {
  characterCount,
  isValidLineLength,
  joinLines,
  MAX_LINE_LENGTH,
  numberLines,
  trimSpaces,
  type LineBreak,
  type LineNumbering,
  type NumberedLine,
} from "./line-numbers.js";
export {
  applyAmendments,
  diffAmendment,
  findConflicts,
  validateAmendment,
  type AmendableVersion,
  type Amendment,
  type AmendmentCheck,
  type AmendmentConflict,
  type AmendmentDiff,
  type AmendmentProblem,
  type AmendmentRange,
  type ApplyOutcome,
} from "./amendments.js";
export {
  findBrokenReferences,
  findCrossReferences,
  MAX_RANGE,
  referencedNumbers,
  type BrokenReference,
  type CrossReference,
} from "./cross-references.js";
/** The word-level diff of two versions is the documents' one: no second diff here. */
export { compareTexts, type DiffPart, type TextComparison } from "../documents/diff.js";
