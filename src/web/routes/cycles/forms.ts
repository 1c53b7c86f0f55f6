import { z } from "zod";
import type { PhaseDates } from "../../../commands/cycles/read.js";
import { PHASES } from "../../../db/schema/index.js";
import { LOCALES, type Locale } from "../../../i18n/locales.js";
import { errorMessage, field, type FieldErrors } from "../../validation.js";

/** Limits of the texts of cycles, themes and ballots. */
export const LIMITS = {
  name: 200,
  title: 200,
  rules: 20_000,
  themeTitle: 300,
  description: 5_000,
  key: 63,
  ballotTitle: 200,
  reminderHours: 720,
} as const;

/** Checkboxes sharing a name: absent, one value or several, always a list of short strings. */
export const checkboxList = () =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(z.string().max(100, { error: errorMessage("errors.invalidChoice") }))
      .max(100, { error: errorMessage("errors.invalidChoice") }),
  );

/** `<prefix>_<locale>` optional text fields for every language. */
export function perLanguage(prefix: string, max: number): Record<string, ReturnType<typeof field.optionalText>> {
  const shape: Record<string, ReturnType<typeof field.optionalText>> = {};
  for (const l of LOCALES) shape[`${prefix}_${l}`] = field.optionalText(max);
  return shape;
}

/**
 * Gathers per-language texts (a title and a longer text) from parsed fields. A language
 * counts when its title is given; a longer text without a title is an error; the source
 * language must be given.
 */
export function collectTexts<K extends string>(
  data: Record<string, unknown>,
  titlePrefix: string,
  bodyPrefix: string,
  bodyKey: K,
  source: Locale,
  sourceName: string,
  errors: FieldErrors,
): Partial<Record<Locale, { title: string } & Record<K, string>>> {
  const texts: Partial<Record<Locale, { title: string } & Record<K, string>>> = {};
  for (const l of LOCALES) {
    const titleField = `${titlePrefix}_${l}`;
    const title = typeof data[titleField] === "string" ? (data[titleField] as string) : "";
    const body = typeof data[`${bodyPrefix}_${l}`] === "string" ? (data[`${bodyPrefix}_${l}`] as string) : "";
    if (title !== "") texts[l] = { title, [bodyKey]: body } as { title: string } & Record<K, string>;
    else if (body !== "" && l !== source && !errors[titleField])
      errors[titleField] = errorMessage("cycles.titleRequiredWithText");
  }
  const sourceField = `${titlePrefix}_${source}`;
  if (!texts[source] && !errors[sourceField])
    errors[sourceField] = errorMessage("cycles.sourceTitleRequired", { language: sourceName });
  return texts;
}

function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2999) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The six phases' dates (`start_<phase>`, `end_<phase>`): both or neither, real dates, end ≥ start. */
export function parsePhases(body: Record<string, string | string[]>, errors: FieldErrors): PhaseDates[] {
  const phases: PhaseDates[] = [];
  for (const phase of PHASES) {
    const startField = `start_${phase}`;
    const endField = `end_${phase}`;
    const start = typeof body[startField] === "string" ? (body[startField] as string).trim() : "";
    const end = typeof body[endField] === "string" ? (body[endField] as string).trim() : "";
    if (start === "" && end === "") continue;
    let ok = true;
    for (const [name, value] of [
      [startField, start],
      [endField, end],
    ] as const) {
      if (value === "") {
        errors[name] = errorMessage("cycles.phaseBothDates");
        ok = false;
      } else if (!isCalendarDate(value)) {
        errors[name] = errorMessage("cycles.invalidDate");
        ok = false;
      }
    }
    if (!ok) continue;
    if (end < start) {
      errors[endField] = errorMessage("cycles.phaseEndBeforeStart");
      continue;
    }
    phases.push({ phase, startsOn: start, endsOn: end });
  }
  return phases;
}
