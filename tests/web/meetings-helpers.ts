import { and, asc, count, desc, eq } from "drizzle-orm";
import { toBrusselsLocal } from "../../src/commands/ballots/schedule.js";
import type { Db } from "../../src/db/client.js";
import {
  auditLog,
  groupMembers,
  meetingAttendance,
  meetings,
  minutes,
  offices,
  organisations,
  persons,
  workingGroups,
} from "../../src/db/schema/index.js";
import type { TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";

export const EMAIL = {
  admin: "admin@demo.letscoop.test",
  manager: "manager@demo.letscoop.test",
  facilitator: "facilitator@demo.letscoop.test",
  secretary: "secretary@demo.letscoop.test",
  board: "board@demo.letscoop.test",
  ethics: "ethics@demo.letscoop.test",
  member: "member@demo.letscoop.test",
  guest: "guest@demo.letscoop.test",
  /** Made secretary of the French "economic model" group by `makeOtherSecretary`; not in the equality group. */
  otherSecretary: "member12@demo.letscoop.test",
  /** Facilitator of the French group (a mere participant of the equality group). */
  otherFacilitator: "member04@demo.letscoop.test",
} as const;
export type Who = keyof typeof EMAIL;

/** A browser signed in as one of the demo accounts (or a visitor), reading English pages. */
export function sessions(t: () => TestApp) {
  return async (who: Who | "visitor") => {
    const client = new TestClient(t());
    if (who === "visitor") await client.get("/en/");
    else await client.actAs(EMAIL[who]);
    return client;
  };
}

/** Gives the French group a secretary who is in no other group: member12, its participant. */
export async function makeOtherSecretary(db: Db): Promise<void> {
  const groupId = await groupIdOf(db, "economic-model-fr");
  const personId = await personIdOf(db, EMAIL.otherSecretary);
  await db
    .update(groupMembers)
    .set({ role: "secretary" })
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.personId, personId)));
}

export async function nameOf(db: Db, email: string): Promise<string> {
  const [p] = await db.select({ name: persons.name }).from(persons).where(eq(persons.email, email));
  return p!.name;
}

export async function groupIdOf(db: Db, key: string): Promise<string> {
  const [g] = await db.select({ id: workingGroups.id }).from(workingGroups).where(eq(workingGroups.key, key));
  if (!g) throw new Error(`no group ${key}`);
  return g.id;
}

/** The demo meetings of a group: the past one (with published minutes) and the coming one. */
export async function demoMeetings(db: Db, groupId: string) {
  const rows = await db
    .select({ id: meetings.id })
    .from(meetings)
    .where(eq(meetings.groupId, groupId))
    .orderBy(asc(meetings.startsAt));
  return { past: rows[0]!.id, coming: rows[rows.length - 1]!.id };
}

export async function personIdOf(db: Db, email: string): Promise<string> {
  const [p] = await db.select({ id: persons.id }).from(persons).where(eq(persons.email, email));
  if (!p) throw new Error(`no person ${email}`);
  return p.id;
}

/** An office of an organisation: its head office or another one. */
export async function officeOf(db: Db, slug: string, head: boolean): Promise<string> {
  const [o] = await db
    .select({ id: offices.id })
    .from(offices)
    .innerJoin(organisations, eq(organisations.id, offices.organisationId))
    .where(and(eq(organisations.slug, slug), eq(offices.isHeadOffice, head)))
    .orderBy(asc(offices.name))
    .limit(1);
  if (!o) throw new Error(`no ${head ? "head " : ""}office in ${slug}`);
  return o.id;
}

/** The Brussels calendar date `days` from now ("2026-11-20"). */
export function dayFromNow(days: number): string {
  return toBrusselsLocal(new Date(Date.now() + days * 86_400_000)).slice(0, 10);
}

/** A valid new-meeting form (online), changed by `overrides`. */
export function meetingForm(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    title: "Réunion de travail",
    date: dayFromNow(30),
    startTime: "14:00",
    endTime: "16:30",
    place: "online",
    officeId: "",
    location: "",
    onlineUrl: "https://meet.example.org/equality-2",
    agenda: "1. Chiffres\n2. Pistes",
    experts: "Une juriste du travail",
    interpretation: ["nl"],
    ...overrides,
  };
}

/** Rows of every table the meeting screens write; compared before and after a refused form. */
export async function snapshot(db: Db) {
  const n = async (table: typeof meetings | typeof meetingAttendance | typeof minutes | typeof auditLog) =>
    (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    meetings: await n(meetings),
    attendance: await n(meetingAttendance),
    minutes: await n(minutes),
    audit: await n(auditLog),
  };
}

export async function latestMeeting(db: Db, groupId: string) {
  const [m] = await db
    .select()
    .from(meetings)
    .where(eq(meetings.groupId, groupId))
    .orderBy(desc(meetings.createdAt))
    .limit(1);
  return m!;
}

export async function auditOf(db: Db, action: string, subjectId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.subjectId, subjectId)))
    .orderBy(asc(auditLog.seq));
}

/** The text of the first error summary of a page, or "". */
export function errorSummary(html: string): string {
  const m = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html);
  return m ? decode(m[0].replace(/<[^>]+>/g, " ").replace(/\s+/g, " ")) : "";
}

/** The few entities hono/jsx writes. */
export function decode(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}
