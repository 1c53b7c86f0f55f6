import { describe, expect, it } from "vitest";
import { checkSchedule, fromBrusselsLocal, toBrusselsLocal } from "../../src/commands/ballots/schedule.js";
import { outdatedFlags, paragraphs, pickText } from "../../src/commands/cycles/texts.js";

describe("Brussels time for ballot schedules", () => {
  it("reads winter and summer times with their offsets", () => {
    expect(fromBrusselsLocal("2026-01-15T09:00")).toEqual({ ok: true, date: new Date("2026-01-15T08:00:00Z") });
    expect(fromBrusselsLocal("2026-07-15T09:00")).toEqual({ ok: true, date: new Date("2026-07-15T07:00:00Z") });
    expect(fromBrusselsLocal("2026-07-15T09:00:00")).toEqual({ ok: true, date: new Date("2026-07-15T07:00:00Z") });
  });

  it("refuses a time skipped in spring and takes the first of a time repeated in autumn", () => {
    expect(fromBrusselsLocal("2026-03-29T02:30")).toEqual({ ok: false, problem: "nonexistent" });
    expect(fromBrusselsLocal("2026-10-25T02:30")).toEqual({ ok: true, date: new Date("2026-10-25T00:30:00Z") });
  });

  it("refuses malformed values", () => {
    for (const value of [
      "",
      "tomorrow",
      "2026-02-30T10:00",
      "2026-13-01T10:00",
      "2026-01-01T24:00",
      "2026-01-01 10:00:00.5",
    ]) {
      expect(fromBrusselsLocal(value)).toEqual({ ok: false, problem: "malformed" });
    }
  });

  it("writes an instant back as the value of the form field", () => {
    expect(toBrusselsLocal(new Date("2026-07-15T07:00:00Z"))).toBe("2026-07-15T09:00");
    expect(toBrusselsLocal(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01T00:30");
  });

  it("checks the window of a ballot", () => {
    const now = new Date("2026-06-01T10:00:00Z");
    const at = (iso: string) => new Date(iso);
    expect(checkSchedule(null, null, now)).toEqual({});
    expect(checkSchedule(at("2026-06-02T10:00:00Z"), at("2026-06-10T10:00:00Z"), now)).toEqual({});
    expect(checkSchedule(at("2026-05-31T10:00:00Z"), at("2026-06-10T10:00:00Z"), now)).toEqual({
      opensAt: "opens_in_past",
    });
    expect(checkSchedule(at("2026-06-05T10:00:00Z"), at("2026-06-05T10:00:00Z"), now)).toEqual({
      closesAt: "closes_before_opens",
    });
    expect(checkSchedule(null, at("2026-05-01T10:00:00Z"), now)).toEqual({ closesAt: "closes_in_past" });
  });
});

describe("translated texts", () => {
  const texts = { fr: { title: "Titre", outdated: false }, nl: { title: "Titel", outdated: true } };

  it("picks the reader's language, else the source, and says which", () => {
    expect(pickText(texts, "nl", "fr")).toEqual({ value: texts.nl, lang: "nl", missing: false, outdated: true });
    expect(pickText(texts, "de", "fr")).toEqual({ value: texts.fr, lang: "fr", missing: true, outdated: false });
    expect(pickText({ en: { title: "Only English" } }, "de", "fr")).toMatchObject({ lang: "en", missing: true });
    expect(pickText({}, "de", "fr")).toBeNull();
  });

  it("marks untouched translations outdated when the source changes", () => {
    const same = (a: { t: string }, b: { t: string }) => a.t === b.t;
    const before = { fr: { t: "a", outdated: false }, nl: { t: "b", outdated: false }, de: { t: "c", outdated: true } };
    expect(
      outdatedFlags(before, { fr: { t: "A" }, nl: { t: "b" }, de: { t: "C" }, en: { t: "new" } }, "fr", same),
    ).toEqual({
      fr: false,
      nl: true,
      de: false,
      en: false,
    });
    expect(outdatedFlags(before, { fr: { t: "a" }, nl: { t: "b" }, de: { t: "c" } }, "fr", same)).toEqual({
      fr: false,
      nl: false,
      de: true,
    });
  });

  it("splits plain text into paragraphs on blank lines", () => {
    expect(paragraphs("One\nline two\n\n  \nTwo\r\n\r\nThree <b>")).toEqual([
      ["One", "line two"],
      ["Two"],
      ["Three <b>"],
    ]);
    expect(paragraphs("   ")).toEqual([]);
  });
});
