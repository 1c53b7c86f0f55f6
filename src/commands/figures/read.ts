import { and, asc, eq } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import {
  cycles,
  groupMembers,
  localTalks,
  meetingAttendance,
  meetings,
  themes,
  workingGroups,
} from "../../db/schema/index.js";
import { computeFigures, type CycleFigures } from "../../domain/figures/figures.js";

/** A group of the cycle as the figures show it: its theme and scope. */
export interface FigureGroup {
  id: string;
  key: string;
  themeId: string;
  /** null: binational (every organisation of the cycle). */
  organisationId: string | null;
}

export interface CycleFiguresReport {
  figures: CycleFigures;
  /** The cycle's groups, in the order of their themes, then of their keys. */
  groups: FigureGroup[];
}

/**
 * The participation figures of one cycle, in five queries whatever its size: its groups, their
 * active members, their meetings, who attended them, and its local talks. The counting itself
 * is src/domain/figures.
 */
export async function cycleFigures(db: Queryable, cycleId: string): Promise<CycleFiguresReport> {
  const inCycle = eq(workingGroups.cycleId, cycleId);
  const [groups, members, meetingRows, attendance, talks] = await Promise.all([
    db
      .select({
        id: workingGroups.id,
        key: workingGroups.key,
        themeId: workingGroups.themeId,
        organisationId: workingGroups.organisationId,
      })
      .from(workingGroups)
      .innerJoin(themes, eq(themes.id, workingGroups.themeId))
      .where(inCycle)
      .orderBy(asc(themes.position), asc(workingGroups.key)),
    db
      .select({
        groupId: groupMembers.groupId,
        personId: groupMembers.personId,
        role: groupMembers.role,
        status: groupMembers.status,
      })
      .from(groupMembers)
      .innerJoin(workingGroups, eq(workingGroups.id, groupMembers.groupId))
      .where(and(inCycle, eq(groupMembers.status, "active"))),
    db
      .select({
        id: meetings.id,
        groupId: meetings.groupId,
        startsAt: meetings.startsAt,
        durationMinutes: meetings.durationMinutes,
        cancelledAt: meetings.cancelledAt,
      })
      .from(meetings)
      .innerJoin(workingGroups, eq(workingGroups.id, meetings.groupId))
      .where(inCycle),
    db
      .select({
        meetingId: meetingAttendance.meetingId,
        personId: meetingAttendance.personId,
        attended: meetingAttendance.attended,
      })
      .from(meetingAttendance)
      .innerJoin(meetings, eq(meetings.id, meetingAttendance.meetingId))
      .innerJoin(workingGroups, eq(workingGroups.id, meetings.groupId))
      .where(and(inCycle, eq(meetingAttendance.attended, true))),
    db
      .select({ groupId: localTalks.groupId, attendance: localTalks.attendance })
      .from(localTalks)
      .where(eq(localTalks.cycleId, cycleId)),
  ]);
  const figures = computeFigures({
    groups,
    members,
    meetings: meetingRows.map(({ cancelledAt, ...m }) => ({ ...m, cancelled: cancelledAt !== null })),
    attendance,
    talks,
  });
  return { figures, groups };
}

/** The figures of the cycle with this slug, or null when there is none. */
export async function cycleFiguresBySlug(db: Queryable, slug: string): Promise<CycleFiguresReport | null> {
  const [cycle] = await db.select({ id: cycles.id }).from(cycles).where(eq(cycles.slug, slug));
  return cycle ? cycleFigures(db, cycle.id) : null;
}

/** The figures as the command line prints them: the totals first, then each group by key. */
export function figuresJson(report: CycleFiguresReport) {
  const f = report.figures;
  const pick = (x: Omit<CycleFigures, "groups" | "unlinkedTalks">) => ({
    participants: x.participants,
    facilitators: x.facilitators,
    secretaries: x.secretaries,
    meetings: x.meetings,
    meetingHours: x.meetingHours,
    localTalks: x.localTalks,
    localTalkAttendance: x.localTalkAttendance,
    distinctPeople: x.distinctPeople,
    firstMeeting: x.firstMeeting,
    lastMeeting: x.lastMeeting,
  });
  return { ...pick(f), groups: f.groups.map((g) => ({ key: g.key, ...pick(g) })) };
}
