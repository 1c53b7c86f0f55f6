import { castBallot } from "../../src/commands/ballots/cast.js";
import { closeBallot } from "../../src/commands/ballots/close.js";
import { openBallot } from "../../src/commands/ballots/open.js";
import type { Db } from "../../src/db/client.js";
import { addMembers, createBallot, demoOrg, type ThemeSpec } from "../commands/ballots-fixtures.js";

export const THEMES: ThemeSpec[] = [
  { key: "housing", titles: { fr: "Se loger", en: "Housing", nl: "Wonen" } },
  { key: "care", titles: { fr: "Prendre <script>alert(1)</script> soin", en: "Care <script>alert(1)</script>" } },
  { key: "commons", titles: { fr: "Les communs", en: "The commons" } },
  { key: "europe", titles: { fr: "Europe", en: "Europe" } },
];

/**
 * A ballot of smart-be counted with `method`: 7 staff members (weight 1) rank
 * housing > care > commons > europe, 7 clients (weight 0.5) rank care > housing > europe > commons.
 */
export async function countedBallot(db: Db, method: string, title: string): Promise<string> {
  const be = await demoOrg(db, "smart-be");
  const staff = await addMembers(db, be, { count: 7, college: "staff", language: "fr", officeIndex: 0 });
  const clients = await addMembers(db, be, { count: 7, college: "clients", language: "nl", officeIndex: 1 });
  const { ballotId } = await createBallot(db, { organisationIds: [be.id], themes: THEMES, method, title });
  const opened = await openBallot(db, ballotId, { actorId: null });
  if (!opened.ok) throw new Error(`open: ${opened.reason}`);
  for (const personId of staff) {
    const r = await castBallot(db, { ballotId, personId, ranking: [["housing"], ["care"], ["commons"], ["europe"]] });
    if (!r.ok) throw new Error(`cast: ${r.reason}`);
  }
  for (const personId of clients) {
    const r = await castBallot(db, { ballotId, personId, ranking: [["care"], ["housing"], ["europe"], ["commons"]] });
    if (!r.ok) throw new Error(`cast: ${r.reason}`);
  }
  const closed = await closeBallot(db, ballotId, { actorId: null });
  if (!closed.ok) throw new Error(`close: ${closed.reason}`);
  return ballotId;
}
