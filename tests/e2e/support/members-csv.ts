import { FIRST_NAMES, LAST_NAMES } from "../../../src/db/seed/demo-data.js";

export type BadRowKind = "invalidEmail" | "missingName" | "unknownCollege";

export interface BadRow {
  kind: BadRowKind;
  /** Line in the file; the header is line 1. */
  line: number;
  /** The offending value, as written in the file. */
  value: string;
}

export interface MembersCsv {
  content: string;
  rows: number;
  goodRows: number;
  badRows: BadRow[];
}

export const UNKNOWN_COLLEGE = "astronauts";

/**
 * A register export of `rows` invented members of the college "member-workers" (none a shareholder), `;`-separated,
 * with three bad rows: an invalid e-mail, a missing name and an unknown college. The e-mail
 * addresses carry `tag`, so that every run and project imports people who are new.
 */
export function membersCsv(tag: string, rows = 1000): MembersCsv {
  const bad = new Map<number, BadRowKind>([
    [7, "invalidEmail"],
    [Math.floor(rows / 2), "missingName"],
    [rows - 4, "unknownCollege"],
  ]);
  const lines = ["email;name;college;shareholder;shares"];
  const badRows: BadRow[] = [];
  for (let i = 1; i <= rows; i++) {
    const first = FIRST_NAMES[i % FIRST_NAMES.length]!;
    const last = LAST_NAMES[(i * 7) % LAST_NAMES.length]!;
    let email = `${tag}.${String(i).padStart(4, "0")}@import.letscoop.test`;
    let name = `${first} ${last}`;
    let college = "member-workers";
    // Not shareholders: the demo's general assembly (tests/e2e/assembly.spec.ts) counts its quorum
    // over smart-be's shareholders, which these imported people must not change.
    const shareholder = false;
    const kind = bad.get(i);
    if (kind === "invalidEmail") email = `${tag}-${i}.import.letscoop.test`;
    if (kind === "missingName") name = "";
    if (kind === "unknownCollege") college = UNKNOWN_COLLEGE;
    if (kind)
      badRows.push({
        kind,
        line: i + 1,
        value: { invalidEmail: email, missingName: name, unknownCollege: college }[kind],
      });
    lines.push([email, name, college, shareholder ? "yes" : "no", shareholder ? String(1 + (i % 4)) : "0"].join(";"));
  }
  return { content: `${lines.join("\n")}\n`, rows, goodRows: rows - badRows.length, badRows };
}
