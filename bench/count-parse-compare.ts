/** The close's parse and count of 100,000 ballots of 10 options: arrays (JSON.parse) against codes read straight from the JSON text (npx tsx bench/count-parse-compare.ts). */
import { encodeRankingJson } from "../src/domain/voting/ballot.js";
import { countVotes } from "../src/domain/ballots/count.js";
const options = Array.from({ length: 10 }, (_, i) => `theme-${i}`);
let seed = 7;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const cols = ["workers", "users", "partners"];
const text = Array.from({ length: 100_000 }, () => {
  const r = [...options].sort(() => rnd() - 0.5).map((o) => [o]);
  return `${JSON.stringify(r).replace(/,/g, ", ")}\t1.000000\t${cols[Math.floor(rnd() * 3)]}`;
}).join("\n");
const index = new Map(options.map((k, i) => [k, i]));
for (let k = 0; k < 3; k++) {
  let t = performance.now();
  const a = text.split("\n").map((line) => {
    const p = line.split("\t");
    return { ranking: JSON.parse(p[0]!) as string[][], weight: p[1]!, collegeKey: p[2]! };
  });
  const pOld = performance.now() - t;
  t = performance.now();
  const r1 = countVotes({ method: "schulze", options, seats: 1, ballots: a });
  const cOld = performance.now() - t;
  t = performance.now();
  const b = text.split("\n").map((line, i) => {
    const p = line.split("\t");
    return { code: encodeRankingJson(p[0]!, index, i + 1), weight: p[1]!, collegeKey: p[2]! };
  });
  const pNew = performance.now() - t;
  t = performance.now();
  const r2 = countVotes({ method: "schulze", options, seats: 1, ballots: b });
  const cNew = performance.now() - t;
  console.log(
    `parse ${pOld.toFixed(0)} → ${pNew.toFixed(0)} ms; count ${cOld.toFixed(0)} → ${cNew.toFixed(0)} ms; same ${JSON.stringify(r1) === JSON.stringify(r2)}`,
  );
}
