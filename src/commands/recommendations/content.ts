import {
  RECOMMENDATION_SECTIONS,
  type Footnote,
  type ParticipantQuote,
  type RecommendationSections,
} from "../../db/schema/index.js";
import { normaliseLineEnds } from "../../domain/documents/diff.js";

/** Limits on what a version holds (characters, or items for lists). */
export const RECOMMENDATION_LIMITS = {
  title: 200,
  section: 8000,
  quotes: 10,
  quoteText: 1000,
  firstName: 60,
  college: 80,
  footnotes: 10,
  footnoteText: 1000,
  axes: 8,
  axisKey: 40,
  note: 300,
  comment: 4000,
  number: 999,
  attachments: 20,
} as const;

/** A strategic axis key: lower-case letters, digits and dashes ("democracy", "smart-2025"). */
export const AXIS_KEY = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** What a group member writes in a version (the recommendation's axes and attachments with it). */
export interface VersionInput {
  title: string;
  /** The facilitator kept a title that fails the infinitive check. */
  titleCheckOverridden: boolean;
  sections: RecommendationSections;
  quotes: ParticipantQuote[];
  footnotes: Footnote[];
  axes: string[];
  /** Documents of the group's library attached to the recommendation. */
  attachmentIds: string[];
  note: string;
}

/** What a translator writes: the same texts in another language (names and colleges are kept). */
export interface TranslationInput {
  title: string;
  sections: RecommendationSections;
  quotes: ParticipantQuote[];
  footnotes: Footnote[];
}

export function emptySections(): RecommendationSections {
  return Object.fromEntries(RECOMMENDATION_SECTIONS.map((s) => [s, ""])) as RecommendationSections;
}

/** A text as stored: one kind of line end, no spaces around it. */
export function cleanText(text: string): string {
  return normaliseLineEnds(text).trim();
}

/** Axis keys typed as a list ("democracy, solidarity"): lower-cased, each once, in order. */
export function splitAxes(text: string): string[] {
  const keys = text
    .split(/[\s,;]+/)
    .map((k) => k.trim().toLowerCase())
    .filter((k) => k !== "");
  return [...new Set(keys)];
}
