import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeRankingJson, type Ballot, type RankedInput } from "./ballot.js";
import { RANKED_METHODS, VotingInputError, countRanked, countRankedByGroup } from "./index.js";
import { Rational } from "./rational.js";

const ALL = ["a", "b", "c", "d", "e"];

function rankingOf(candidates: string[]): fc.Arbitrary<string[][]> {
  return fc.shuffledSubarray(candidates).chain((chosen) =>
    fc.array(fc.integer({ min: 1, max: 3 }), { minLength: chosen.length, maxLength: chosen.length }).map((sizes) => {
      const groups: string[][] = [];
      for (let position = 0, i = 0; position < chosen.length; i++) {
        const size = sizes[i] === 1 || sizes[i] === 2 ? 1 : 2;
        groups.push(chosen.slice(position, position + size));
        position += size;
      }
      return groups;
    }),
  );
}

function ballotOf(candidates: string[]): fc.Arbitrary<Ballot> {
  return fc.record(
    {
      ranking: rankingOf(candidates),
      count: fc.integer({ min: 1, max: 3 }),
      weight: fc.constantFrom("1", "0.5", "1.25", "2"),
    },
    { requiredKeys: ["ranking"] },
  );
}

const election: fc.Arbitrary<RankedInput> = fc.integer({ min: 2, max: 5 }).chain((size) => {
  const candidates = ALL.slice(0, size);
  return fc.record({
    candidates: fc.constant(candidates),
    ballots: fc.array(ballotOf(candidates), { maxLength: 14 }),
    seats: fc.integer({ min: 1, max: size }),
  });
});

const json = (method: (typeof RANKED_METHODS)[number], input: RankedInput) =>
  JSON.stringify(countRanked(method, input));

function condorcetWinner(input: RankedInput): string | undefined {
  const beats = (x: string, y: string) => {
    let margin = Rational.ZERO;
    for (const ballot of input.ballots) {
      const level = (id: string) => {
        const index = ballot.ranking.findIndex((group) => group.includes(id));
        return index === -1 ? ballot.ranking.length : index;
      };
      const amount = Rational.from(ballot.weight ?? "1").mul(Rational.of(BigInt(ballot.count ?? 1)));
      if (level(x) < level(y)) margin = margin.add(amount);
      else if (level(y) < level(x)) margin = margin.sub(amount);
    }
    return margin.sign() > 0;
  };
  return input.candidates.find((x) => input.candidates.every((y) => y === x || beats(x, y)));
}

describe("properties", () => {
  it("a Condorcet winner wins under Schulze, Ranked Pairs and Copeland", () => {
    fc.assert(
      fc.property(election, (input) => {
        const winner = condorcetWinner(input);
        fc.pre(winner !== undefined);
        for (const method of ["schulze", "ranked-pairs", "copeland"] as const) {
          const result = countRanked(method, { ...input, seats: 1 });
          expect(result.ranking[0], method).toEqual([winner]);
          expect(result.winners, method).toEqual([winner]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("permuting the ballots (and ties inside a group) never changes any result", () => {
    fc.assert(
      fc.property(
        election.chain((input) =>
          fc.tuple(
            fc.constant(input),
            fc.shuffledSubarray(input.ballots, { minLength: input.ballots.length, maxLength: input.ballots.length }),
          ),
        ),
        ([input, shuffled]) => {
          const mirrored = shuffled.map((ballot) => ({
            ...ballot,
            ranking: ballot.ranking.map((group) => [...group].reverse()),
          }));
          for (const method of RANKED_METHODS) {
            expect(json(method, { ...input, ballots: mirrored }), method).toBe(json(method, input));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("splitting a ballot of count 2 into two ballots of count 1 never changes any result", () => {
    fc.assert(
      fc.property(election, fc.nat(), fc.nat(), (input, which, where) => {
        const doubled = input.ballots.map((ballot, index) =>
          index === which % Math.max(1, input.ballots.length) ? { ...ballot, count: 2 } : ballot,
        );
        fc.pre(doubled.length > 0);
        const target = which % doubled.length;
        const single = { ...doubled[target]!, count: 1 };
        const split = doubled.filter((_, index) => index !== target);
        split.splice(where % (split.length + 1), 0, single);
        split.push(single);
        for (const method of RANKED_METHODS) {
          expect(json(method, { ...input, ballots: split }), method).toBe(json(method, { ...input, ballots: doubled }));
        }
      }),
      { numRuns: 150 },
    );
  });

  it("a candidate ranked first alone by a strict majority wins IRV in the first round", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }).chain((size) => {
          const candidates = ALL.slice(0, size);
          return fc.record({
            candidates: fc.constant(candidates),
            favourite: fc.constantFrom(...candidates),
            others: fc.array(ballotOf(candidates), { maxLength: 10 }),
            tails: fc.array(rankingOf(candidates), { minLength: 1, maxLength: 4 }),
            extra: fc.integer({ min: 0, max: 3 }),
          });
        }),
        ({ candidates, favourite, others, tails, extra }) => {
          const othersWeight = others.reduce(
            (sum, ballot) =>
              sum.add(Rational.parse((ballot.weight as string) ?? "1").mul(Rational.of(ballot.count ?? 1))),
            Rational.ZERO,
          );
          const needed = othersWeight.floor() + 1n + BigInt(extra);
          const majority: Ballot[] = tails.map((tail, index) => ({
            ranking: [
              [favourite],
              ...tail.map((group) => group.filter((id) => id !== favourite)).filter((group) => group.length > 0),
            ],
            count: index === 0 ? needed : 0,
          }));
          const result = countRanked("irv", { candidates, ballots: [...others, ...majority] });
          expect(result.winners).toEqual([favourite]);
          expect(result.rounds).toHaveLength(1);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("STV elects exactly `seats` candidates whenever there are that many", () => {
    fc.assert(
      fc.property(election, (input) => {
        for (const method of ["stv-scottish", "stv-meek"] as const) {
          const result = countRanked(method, input);
          expect(result.winners, method).toHaveLength(Math.min(input.seats!, input.candidates.length));
          expect(new Set(result.winners).size, method).toBe(result.winners.length);
          expect(result.ranking.flat().sort(), method).toEqual([...input.candidates].sort());
        }
      }),
      { numRuns: 200 },
    );
  });

  it("the same input always gives byte-identical output", () => {
    fc.assert(
      fc.property(election, (input) => {
        for (const method of RANKED_METHODS) expect(json(method, structuredClone(input))).toBe(json(method, input));
      }),
      { numRuns: 50 },
    );
  });
});

describe("counting by group", () => {
  const grouped: fc.Arbitrary<RankedInput> = election.chain((input) =>
    fc
      .array(fc.constantFrom<string | undefined>("workers", "users", "partners", undefined), {
        minLength: input.ballots.length,
        maxLength: input.ballots.length,
      })
      .map((groups) => ({
        ...input,
        ballots: input.ballots.map((ballot, i) => (groups[i] === undefined ? ballot : { ...ballot, group: groups[i] })),
      })),
  );

  it("gives, for every method, the combined result of all ballots and each group's own, byte for byte", () => {
    fc.assert(
      fc.property(grouped, fc.constantFrom(...RANKED_METHODS), (input, method) => {
        const result = countRankedByGroup(method, input);
        expect(JSON.stringify(result.combined)).toBe(json(method, input));
        const keys = [...new Set(input.ballots.flatMap((b) => (b.group === undefined ? [] : [b.group])))].sort();
        expect(Object.keys(result.byGroup)).toEqual(keys);
        for (const key of keys) {
          const own = { ...input, ballots: input.ballots.filter((b) => b.group === key) };
          expect(JSON.stringify(result.byGroup[key])).toBe(json(method, own));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("names a faulty ballot by its place among all ballots, as countRanked does", () => {
    const input: RankedInput = {
      candidates: ["a", "b"],
      ballots: [
        { ranking: [["a"]], group: "workers" },
        { ranking: [["b"]], group: "users" },
        { ranking: [["z"]], group: "users" },
      ],
    };
    for (const method of ["schulze", "ranked-pairs", "copeland", "borda"] as const) {
      expect(() => countRankedByGroup(method, input)).toThrow(VotingInputError);
      expect(() => countRankedByGroup(method, input)).toThrow('ballot 3: unknown candidate "z"');
    }
  });
});

describe("rankings encoded from their JSON text", () => {
  /** As PostgreSQL prints jsonb: a space after each comma. */
  const pgText = (ranking: string[][]) => JSON.stringify(ranking).replace(/,/g, ", ");

  it("count exactly as the same rankings given as arrays, for every method", () => {
    fc.assert(
      fc.property(election, fc.constantFrom(...RANKED_METHODS), fc.boolean(), (input, method, spaced) => {
        const index = new Map(input.candidates.map((id, i) => [id, i]));
        const coded = {
          ...input,
          ballots: input.ballots.map((ballot, i) => ({
            ...ballot,
            code: encodeRankingJson(spaced ? pgText(ballot.ranking) : JSON.stringify(ballot.ranking), index, i + 1),
          })),
        };
        expect(JSON.stringify(countRanked(method, coded))).toBe(json(method, input));
      }),
      { numRuns: 300 },
    );
  });

  it("refuse an unknown or repeated candidate and text that is not a ranking, naming the ballot", () => {
    const index = new Map([
      ["a", 0],
      ["b", 1],
    ]);
    expect(() => encodeRankingJson('[["a"], ["z"]]', index, 7)).toThrow('ballot 7: unknown candidate "z"');
    expect(() => encodeRankingJson('[["a", "b"], ["a"]]', index, 2)).toThrow('ballot 2: candidate "a" ranked twice');
    for (const text of ["", "[", '["a"]', '[["a"]', '[["a"]] x', "[[1]]", '{"a": 1}', '[["a"],]']) {
      expect(() => encodeRankingJson(text, index, 3), text).toThrow(VotingInputError);
    }
    expect(() => encodeRankingJson('[["\\u0061"], ["z"]]', index, 4)).toThrow('ballot 4: unknown candidate "z"');
    expect(encodeRankingJson("[]", index, 1)).toBe("");
    expect(encodeRankingJson('[["b", "a"]]', index, 1)).toBe(encodeRankingJson('[["a","b"]]', index, 1));
    expect(encodeRankingJson('[["\\u0062"], ["a"]]', index, 1)).toBe(encodeRankingJson('[["b"], ["a"]]', index, 1));
  });
});
