import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countRanked, parsePrefLib, type RankedMethod } from "../voting/index.js";
import { countBallot } from "./count.js";
import { computeParticipation, mergeSmallGroups, participationFromGroups, type TurnoutGroup } from "./participation.js";
import { writeBallotsPrefLib } from "./preflib-export.js";
import { currentOrder, moveOption, parseMove, parseRankForm, shownOrder } from "./rank-form.js";
import { checkRanking } from "./ranking.js";
import { formatReceipt, newReceipt, normaliseReceipt, receiptFromBytes, RECEIPT_BITS, trackerOf } from "./receipt.js";
import { cryptoShuffle } from "./shuffle.js";
import { OTHER_GROUP } from "./stored-result.js";
import { votingWindow } from "./window.js";

const KEYS = ["housing", "care", "commons", "europe"];

describe("checkRanking", () => {
  it("accepts every option exactly once, ties allowed", () => {
    expect(checkRanking([["care"], ["housing"], ["commons"], ["europe"]], KEYS)).toBeNull();
    expect(
      checkRanking(
        [
          ["care", "housing"],
          ["commons", "europe"],
        ],
        KEYS,
      ),
    ).toBeNull();
  });
  it("names what is wrong", () => {
    expect(checkRanking([], KEYS)).toBe("empty");
    expect(checkRanking("care", KEYS)).toBe("empty");
    expect(checkRanking([["care"], []], KEYS)).toBe("empty_group");
    expect(checkRanking([["care"], ["mars"]], KEYS)).toBe("unknown_option");
    expect(checkRanking([["care"], [3]], KEYS)).toBe("unknown_option");
    expect(checkRanking([["care"], ["care"], ["commons"], ["europe"]], KEYS)).toBe("duplicate_option");
    expect(checkRanking([["care"], ["housing"], ["commons"]], KEYS)).toBe("missing_option");
  });
});

describe("the ranking form", () => {
  const body = (ranks: Record<string, string>, extra: Record<string, string> = {}) => ({
    ...Object.fromEntries(Object.entries(ranks).map(([k, v]) => [`rank_${k}`, v])),
    ...extra,
  });

  it("reads a complete ranking, best first", () => {
    expect(parseRankForm(body({ housing: "3", care: "1", commons: "4", europe: "2" }), KEYS)).toEqual({
      ok: true,
      order: ["care", "europe", "housing", "commons"],
    });
  });

  it("flags missing, out-of-range and duplicate ranks on each option concerned", () => {
    const result = parseRankForm(body({ housing: "1", care: "1", commons: "", europe: "9" }), KEYS);
    expect(result).toEqual({
      ok: false,
      problems: { housing: "duplicate", care: "duplicate", commons: "missing", europe: "invalid" },
      unknownOptions: false,
      values: { housing: "1", care: "1", commons: "", europe: "9" },
    });
    expect(parseRankForm(body({ housing: "1", care: "2", commons: "3" }), KEYS)).toMatchObject({
      ok: false,
      problems: { europe: "missing" },
    });
    expect(
      parseRankForm({ ...body({ housing: "1", care: "2", commons: "3", europe: "4" }), rank_care: ["2", "3"] }, KEYS),
    ).toMatchObject({
      ok: false,
      problems: { care: "invalid" },
    });
    expect(parseRankForm(body({ housing: "1.5", care: "2", commons: "3", europe: "4" }), KEYS)).toMatchObject({
      ok: false,
      problems: { housing: "invalid" },
    });
  });

  it("refuses a field naming an option that is not on the ballot", () => {
    const result = parseRankForm(body({ housing: "1", care: "2", commons: "3", europe: "4", mars: "5" }), KEYS);
    expect(result).toMatchObject({ ok: false, unknownOptions: true, problems: {} });
  });

  it("moves an option up or down, from the chosen ranks or else the order shown", () => {
    expect(moveOption(KEYS, "care", "up")).toEqual(["care", "housing", "commons", "europe"]);
    expect(moveOption(KEYS, "housing", "up")).toEqual(KEYS);
    expect(moveOption(KEYS, "europe", "down")).toEqual(KEYS);
    expect(moveOption(KEYS, "mars", "down")).toEqual(KEYS);
    expect(parseMove("down:commons")).toEqual({ key: "commons", direction: "down" });
    expect(parseMove("sideways:commons")).toBeNull();
    expect(parseMove(["up:care"])).toBeNull();
    expect(shownOrder({ order: "europe,commons,care,housing" }, KEYS)).toEqual([
      "europe",
      "commons",
      "care",
      "housing",
    ]);
    expect(shownOrder({ order: "europe,europe,care,housing" }, KEYS)).toEqual(KEYS);
    expect(
      currentOrder(
        body({ housing: "4", care: "3", commons: "2", europe: "1" }, { order: "care,housing,commons,europe" }),
        KEYS,
      ),
    ).toEqual(["europe", "commons", "care", "housing"]);
    expect(currentOrder(body({ housing: "1", care: "1" }, { order: "care,housing,commons,europe" }), KEYS)).toEqual([
      "care",
      "housing",
      "commons",
      "europe",
    ]);
  });
});

describe("receipts", () => {
  it("carry at least 128 random bits, in groups of four readable characters", () => {
    expect(RECEIPT_BITS).toBeGreaterThanOrEqual(128);
    const { code, tracker } = newReceipt();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){6}$/);
    expect(tracker).toMatch(/^[0-9a-f]{64}$/);
    expect(trackerOf(normaliseReceipt(code)!)).toBe(tracker);
    expect(new Set(Array.from({ length: 200 }, () => newReceipt().code)).size).toBe(200);
  });

  it("encode bytes as Crockford base32", () => {
    expect(receiptFromBytes(new Uint8Array(18))).toBe("0".repeat(28));
    expect(receiptFromBytes(new Uint8Array(18).fill(255))).toBe("Z".repeat(28));
    expect(() => receiptFromBytes(new Uint8Array(10))).toThrow(RangeError);
  });

  it("read what a voter types: case, spaces, dashes and look-alike letters forgiven", () => {
    const canonical = "7K3MQ9TX0ABCDEFGHJKMNPQRSTVW";
    expect(formatReceipt(canonical)).toBe("7K3M-Q9TX-0ABC-DEFG-HJKM-NPQR-STVW");
    expect(normaliseReceipt(" 7k3m q9tx oabc-defg hjkm npqr stvw ")).toBe(canonical);
    expect(normaliseReceipt("7K3M-Q9TX-0ABC-DEFG-HJKM-NPQR-STV")).toBeNull();
    expect(normaliseReceipt("7K3M-Q9TX-0ABC-DEFG-HJKM-NPQR-STVU")).toBeNull();
    expect(normaliseReceipt("x".repeat(500))).toBeNull();
    // What `printf %s 7K3MQ9TX0ABCDEFGHJKMNPQRSTVW | sha256sum` prints.
    expect(trackerOf(canonical)).toBe("5dab2a2e9558aff2d2e6aa0b734ac5ba677d4b184077cadd77ec917db3529292");
  });
});

describe("small groups", () => {
  it("merge every group under five into 'other', then grow 'other' until it is big enough", () => {
    expect(
      Object.fromEntries(
        mergeSmallGroups(
          new Map([
            ["a", 10],
            ["b", 7],
            ["c", 3],
          ]),
        ),
      ),
    ).toEqual({ a: "a", b: OTHER_GROUP, c: OTHER_GROUP });
    expect(
      Object.fromEntries(
        mergeSmallGroups(
          new Map([
            ["a", 10],
            ["b", 7],
            ["c", 0],
          ]),
        ),
      ),
    ).toEqual({ a: "a", b: "b", c: OTHER_GROUP });
    // c and d make a group of 4, still too small: the smallest other group joins them.
    expect(
      Object.fromEntries(
        mergeSmallGroups(
          new Map([
            ["a", 10],
            ["b", 6],
            ["c", 2],
            ["d", 2],
          ]),
        ),
      ),
    ).toEqual({
      a: "a",
      b: OTHER_GROUP,
      c: OTHER_GROUP,
      d: OTHER_GROUP,
    });
    expect(Object.fromEntries(mergeSmallGroups(new Map([["a", 3]])))).toEqual({ a: OTHER_GROUP });
    expect(
      Object.fromEntries(
        mergeSmallGroups(
          new Map([
            ["other", 9],
            ["a", 9],
          ]),
        ),
      ),
    ).toEqual({ other: OTHER_GROUP, a: "a" });
  });

  it("never show a group of fewer than five voters in the turnout", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            college: fc.constantFrom("a", "b", "c", "d"),
            office: fc.option(fc.constantFrom("o1", "o2", "o3")),
            voted: fc.boolean(),
          }),
          {
            maxLength: 60,
          },
        ),
        (people) => {
          const p = computeParticipation(
            people.map((x) => ({ collegeKey: x.college, officeId: x.office, language: "fr", voted: x.voted })),
          );
          for (const rows of [p.byCollege, p.byOffice, p.byLanguage]) {
            expect(rows.reduce((s, r) => s + r.electors, 0)).toBe(people.length);
            expect(rows.reduce((s, r) => s + r.voters, 0)).toBe(p.voters);
            const shown = rows.filter((r) => r.key !== OTHER_GROUP);
            for (const row of shown) expect(row.voters).toBeGreaterThanOrEqual(5);
            const other = rows.find((r) => r.key === OTHER_GROUP);
            if (other && other.voters > 0 && other.voters < 5) expect(shown).toEqual([]);
          }
        },
      ),
    );
  });

  it("gives the same turnout from groups of electors as from the electors one by one", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            college: fc.constantFrom("a", "b", "c", OTHER_GROUP),
            office: fc.option(fc.constantFrom("o1", "o2")),
            language: fc.constantFrom("fr", "nl"),
            voted: fc.boolean(),
          }),
          { maxLength: 80 },
        ),
        (people) => {
          const electors = people.map((x) => ({
            collegeKey: x.college,
            officeId: x.office,
            language: x.language,
            voted: x.voted,
          }));
          const groups = new Map<string, TurnoutGroup>();
          for (const e of electors) {
            const key = JSON.stringify([e.collegeKey, e.officeId, e.language]);
            const group = groups.get(key) ?? { ...e, electors: 0, voters: 0 };
            group.electors += 1;
            if (e.voted) group.voters += 1;
            groups.set(key, group);
          }
          const fromGroups = participationFromGroups(
            [...groups.values()].reverse().map(({ collegeKey, officeId, language, electors: n, voters }) => ({
              collegeKey,
              officeId,
              language,
              electors: n,
              voters,
            })),
          );
          expect(fromGroups).toEqual(computeParticipation(electors));
        },
      ),
    );
  });
});

describe("cryptoShuffle", () => {
  it("is Fisher–Yates over the given draw, and keeps every item", () => {
    expect(cryptoShuffle([1, 2, 3, 4], () => 0)).toEqual([2, 3, 4, 1]);
    expect(cryptoShuffle([1, 2, 3, 4], (max) => max - 1)).toEqual([1, 2, 3, 4]);
    const items = Array.from({ length: 100 }, (_, i) => i);
    const shuffled = cryptoShuffle(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(shuffled).not.toEqual(items);
  });

  it("puts each item first about as often as any other", () => {
    const firsts = new Map<number, number>();
    for (let i = 0; i < 4000; i++) {
      const first = cryptoShuffle([0, 1, 2, 3])[0]!;
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    for (const n of firsts.values()) expect(Math.abs(n - 1000)).toBeLessThan(150);
  });
});

describe("the voting window", () => {
  const at = (iso: string) => new Date(iso);
  it("takes votes only while open and inside the window", () => {
    const ballot = { status: "open", opensAt: at("2030-01-01T00:00:00Z"), closesAt: at("2030-01-10T00:00:00Z") };
    expect(votingWindow(ballot, at("2029-12-31T23:59:59Z"))).toBe("not_yet");
    expect(votingWindow(ballot, at("2030-01-05T00:00:00Z"))).toBe("taking_votes");
    expect(votingWindow(ballot, at("2030-01-10T00:00:00Z"))).toBe("over");
    expect(votingWindow({ ...ballot, status: "closed" }, at("2030-01-05T00:00:00Z"))).toBe("not_open");
    expect(votingWindow({ status: "open", opensAt: null, closesAt: null }, at("2030-01-05T00:00:00Z"))).toBe(
      "taking_votes",
    );
  });
});

describe("the PrefLib export", () => {
  const weightArb = fc.constantFrom("1.000000", "0.500000", "0.250000", "2.000000", "0.750000", "0.000000", "1.500000");
  const rankingArb = fc
    .shuffledSubarray(KEYS, { minLength: KEYS.length, maxLength: KEYS.length })
    .map((order) => order.map((k) => [k]));
  const ballotsArb = fc.array(
    fc.record({ ranking: rankingArb, weight: weightArb, collegeKey: fc.constantFrom("a", "b") }),
    { maxLength: 40 },
  );
  const SCALE_INVARIANT: RankedMethod[] = ["schulze", "ranked-pairs", "copeland", "borda", "irv", "stv-meek"];

  it("recounts to the stored ranking and winners with every scale-invariant method", () => {
    fc.assert(
      fc.property(ballotsArb, fc.constantFrom(...SCALE_INVARIANT), fc.constantFrom(1, 2), (ballots, method, seats) => {
        const stored = countBallot({
          method,
          options: KEYS,
          seats,
          ballots,
          participation: computeParticipation([]),
        });
        const file = writeBallotsPrefLib({ title: "t", fileStem: "b", method, seats, options: KEYS, ballots });
        const election = parsePrefLib(file.text, { dataType: file.dataType });
        const recount = countRanked(method, {
          candidates: election.candidates.map((c) => c.id),
          ballots: election.ballots,
          seats: election.seats ?? 1,
        });
        const name = new Map(election.candidates.map((c) => [c.id, c.name]));
        expect(recount.ranking.map((g) => g.map((id) => name.get(id)))).toEqual(stored.combined.ranking);
        expect(recount.winners.map((id) => name.get(id))).toEqual(stored.combined.winners);
      }),
      { numRuns: 150 },
    );
  });

  it("states the weight scale, merges identical orders and sorts them, whatever the input order", () => {
    const ballots = [
      { ranking: [["care"], ["housing"], ["commons"], ["europe"]], weight: "0.500000" },
      { ranking: [["housing"], ["care"], ["commons"], ["europe"]], weight: "1.000000" },
      { ranking: [["care"], ["housing"], ["commons"], ["europe"]], weight: "1.000000" },
      { ranking: [["europe"], ["housing"], ["commons"], ["care"]], weight: "0.000000" },
    ];
    const a = writeBallotsPrefLib({
      title: "Thèmes\n2026",
      fileStem: "ballot-x",
      method: "schulze",
      seats: 1,
      options: KEYS,
      ballots,
    });
    const b = writeBallotsPrefLib({
      title: "Thèmes\n2026",
      fileStem: "ballot-x",
      method: "schulze",
      seats: 1,
      options: KEYS,
      ballots: [...ballots].reverse(),
    });
    expect(a.text).toBe(b.text);
    expect(a.fileName).toBe("ballot-x.toc");
    expect(a.text).toBe(
      [
        "# FILE NAME: ballot-x.toc",
        "# TITLE: Thèmes 2026",
        "# DATA TYPE: toc",
        "# SEATS: 1",
        "# COUNTING METHOD: schulze",
        "# NUMBER BALLOTS: 4",
        "# WEIGHT SCALE: 2",
        "# NUMBER ALTERNATIVES: 4",
        "# NUMBER VOTERS: 5",
        "# NUMBER UNIQUE ORDERS: 2",
        "# ALTERNATIVE NAME 1: housing",
        "# ALTERNATIVE NAME 2: care",
        "# ALTERNATIVE NAME 3: commons",
        "# ALTERNATIVE NAME 4: europe",
        "3: 2,1,3,4",
        "2: 1,2,3,4",
        "",
      ].join("\n"),
    );
  });

  it("writes ties as groups and incomplete orders as toi", () => {
    const file = writeBallotsPrefLib({
      title: "t",
      fileStem: "b",
      method: "schulze",
      seats: 1,
      options: KEYS,
      ballots: [{ ranking: [["europe", "care"], ["housing"]], weight: "1" }],
    });
    expect(file.dataType).toBe("toi");
    expect(file.text).toContain("1: {2,4},1\n");
    expect(() => parsePrefLib(file.text, { dataType: "toi" })).not.toThrow();
  });
});
