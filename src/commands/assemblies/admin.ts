import { and, asc, eq, inArray, max, sql } from "drizzle-orm";
import { appendAudit } from "../../audit/log.js";
import type { Db, Tx } from "../../db/client.js";
import {
  actionProposals,
  assemblies,
  assemblyItems,
  assemblySites,
  assemblyTellers,
  cycleOrganisations,
  memberships,
  persons,
} from "../../db/schema/index.js";
import { isUniqueViolation, isUuid } from "../db-errors.js";
import { loadWorkflow, transition } from "../workflow.js";
import type { AssemblyContext, ItemContext } from "./load.js";

export type Refusal<R extends string> = { ok: false; reason: R };

export interface AssemblyInput {
  title: string;
  heldOn: string;
  cycleId: string | null;
}

/** The cycles of the organisation, which an assembly may vote the proposals of. */
export async function cyclesOfOrganisation(db: Db | Tx, organisationId: string): Promise<string[]> {
  const rows = await db
    .select({ id: cycleOrganisations.cycleId })
    .from(cycleOrganisations)
    .where(eq(cycleOrganisations.organisationId, organisationId));
  return rows.map((r) => r.id);
}

export async function createAssembly(
  db: Db,
  actorId: string,
  organisationId: string,
  input: AssemblyInput,
): Promise<{ ok: true; id: string } | Refusal<"unknown_cycle">> {
  return db.transaction(async (tx) => {
    if (input.cycleId !== null && !(await cyclesOfOrganisation(tx, organisationId)).includes(input.cycleId)) {
      return { ok: false, reason: "unknown_cycle" } as const;
    }
    const [row] = await tx
      .insert(assemblies)
      .values({ organisationId, cycleId: input.cycleId, title: input.title, heldOn: input.heldOn })
      .returning({ id: assemblies.id });
    await appendAudit(tx, {
      actorId,
      action: "assembly.created",
      subjectType: "assembly",
      subjectId: row!.id,
      organisationId,
      data: { cycleId: input.cycleId },
    });
    return { ok: true, id: row!.id } as const;
  });
}

/** Locks the assembly row for a change of its set-up and checks it is not closed. */
async function lockOpenable(tx: Tx, assemblyId: string) {
  const [row] = await tx
    .select({ status: assemblies.status })
    .from(assemblies)
    .where(eq(assemblies.id, assemblyId))
    .for("update");
  return row ?? null;
}

export async function addSite(
  db: Db,
  actorId: string,
  context: AssemblyContext,
  input: { name: string; city: string; voting: "online" | "paper" },
): Promise<{ ok: true; id: string } | Refusal<"closed" | "name_taken">> {
  try {
    return await db.transaction(async (tx) => {
      const current = await lockOpenable(tx, context.assembly.id);
      if (!current || current.status === "closed") return { ok: false, reason: "closed" } as const;
      const [last] = await tx
        .select({ n: max(assemblySites.position) })
        .from(assemblySites)
        .where(eq(assemblySites.assemblyId, context.assembly.id));
      const [row] = await tx
        .insert(assemblySites)
        .values({ assemblyId: context.assembly.id, ...input, position: (last?.n ?? 0) + 1 })
        .returning({ id: assemblySites.id });
      await appendAudit(tx, {
        actorId,
        action: "assembly.site_added",
        subjectType: "assembly",
        subjectId: context.assembly.id,
        organisationId: context.assembly.organisationId,
        data: { siteId: row!.id, voting: input.voting },
      });
      return { ok: true, id: row!.id } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "name_taken" };
    throw error;
  }
}

/** A member of the organisation by e-mail: their person id (or null). */
export async function memberIdByEmail(db: Db | Tx, organisationId: string, email: string): Promise<string | null> {
  const [row] = await db
    .select({ id: persons.id })
    .from(persons)
    .innerJoin(memberships, eq(memberships.personId, persons.id))
    .where(and(eq(persons.email, email), eq(memberships.organisationId, organisationId)));
  return row?.id ?? null;
}

export async function addTeller(
  db: Db,
  actorId: string,
  context: AssemblyContext,
  input: { email: string; siteId: string | null },
): Promise<{ ok: true } | Refusal<"closed" | "not_member" | "unknown_site" | "already_teller">> {
  return db.transaction(async (tx) => {
    const current = await lockOpenable(tx, context.assembly.id);
    if (!current || current.status === "closed") return { ok: false, reason: "closed" } as const;
    const personId = await memberIdByEmail(tx, context.assembly.organisationId, input.email);
    if (!personId) return { ok: false, reason: "not_member" } as const;
    if (input.siteId !== null) {
      const [site] = await tx
        .select({ id: assemblySites.id })
        .from(assemblySites)
        .where(and(eq(assemblySites.id, input.siteId), eq(assemblySites.assemblyId, context.assembly.id)));
      if (!site) return { ok: false, reason: "unknown_site" } as const;
    }
    const inserted = await tx
      .insert(assemblyTellers)
      .values({ assemblyId: context.assembly.id, personId, siteId: input.siteId })
      .onConflictDoNothing()
      .returning({ personId: assemblyTellers.personId });
    if (inserted.length === 0) return { ok: false, reason: "already_teller" } as const;
    await appendAudit(tx, {
      actorId,
      action: "assembly.teller_added",
      subjectType: "assembly",
      subjectId: context.assembly.id,
      organisationId: context.assembly.organisationId,
      data: { personId, siteId: input.siteId },
    });
    return { ok: true } as const;
  });
}

export type ItemInput =
  | { kind: "proposal"; proposalId: string; decisionKind: "ordinary" | "extraordinary"; secret: boolean }
  | {
      kind: "statutory";
      title: string;
      description: string;
      decisionKind: "ordinary" | "extraordinary";
      secret: boolean;
    };

/** The proposals of the assembly's cycle and organisation that can still be put on its agenda. */
export async function schedulableProposals(db: Db | Tx, context: AssemblyContext) {
  if (!context.assembly.cycleId) return [];
  return db
    .select({ id: actionProposals.id, number: actionProposals.number, title: actionProposals.title })
    .from(actionProposals)
    .where(
      and(
        eq(actionProposals.cycleId, context.assembly.cycleId),
        eq(actionProposals.organisationId, context.assembly.organisationId),
        eq(actionProposals.state, "proposed"),
      ),
    )
    .orderBy(asc(actionProposals.number));
}

/**
 * Puts an item on the agenda, last. A proposal must be of the assembly's cycle and organisation and
 * in the state "proposed"; it moves to "on_agenda" (workflow action "schedule") in the same transaction.
 */
export async function addItem(
  db: Db,
  actorId: string,
  context: AssemblyContext,
  input: ItemInput,
): Promise<{ ok: true; id: string } | Refusal<"closed" | "unknown_proposal" | "not_schedulable">> {
  return db.transaction(async (tx) => {
    const current = await lockOpenable(tx, context.assembly.id);
    if (!current || current.status === "closed") return { ok: false, reason: "closed" } as const;
    let title: string;
    let description: string;
    let proposalId: string | null = null;
    if (input.kind === "proposal") {
      if (!isUuid(input.proposalId) || !context.assembly.cycleId)
        return { ok: false, reason: "unknown_proposal" } as const;
      const [proposal] = await tx
        .select()
        .from(actionProposals)
        .where(
          and(
            eq(actionProposals.id, input.proposalId),
            eq(actionProposals.cycleId, context.assembly.cycleId),
            eq(actionProposals.organisationId, context.assembly.organisationId),
          ),
        )
        .for("update");
      if (!proposal) return { ok: false, reason: "unknown_proposal" } as const;
      const workflow = await loadWorkflow(tx, proposal.organisationId, "action_proposal");
      const moved = await transition(tx, workflow, {
        subject: "action_proposal",
        subjectId: proposal.id,
        from: proposal.state,
        to: "on_agenda",
        action: "schedule",
        actorId,
        reason: context.assembly.title,
      });
      if (!moved.ok) return { ok: false, reason: "not_schedulable" } as const;
      title = proposal.title;
      description = proposal.description;
      proposalId = proposal.id;
    } else {
      title = input.title;
      description = input.description;
    }
    const [last] = await tx
      .select({ n: max(assemblyItems.position) })
      .from(assemblyItems)
      .where(eq(assemblyItems.assemblyId, context.assembly.id));
    const [row] = await tx
      .insert(assemblyItems)
      .values({
        assemblyId: context.assembly.id,
        position: (last?.n ?? 0) + 1,
        kind: input.kind,
        proposalId,
        title,
        description,
        decisionKind: input.decisionKind,
        secret: input.secret,
      })
      .returning({ id: assemblyItems.id });
    await appendAudit(tx, {
      actorId,
      action: "assembly.item_added",
      subjectType: "assembly_item",
      subjectId: row!.id,
      organisationId: context.assembly.organisationId,
      data: {
        assemblyId: context.assembly.id,
        kind: input.kind,
        proposalId,
        decisionKind: input.decisionKind,
        secret: input.secret,
      },
    });
    return { ok: true, id: row!.id } as const;
  });
}

/** Swaps an item with its neighbour above or below (positions are unique: through a free position). */
export async function moveItem(
  db: Db,
  actorId: string,
  context: ItemContext,
  direction: "up" | "down",
): Promise<{ ok: true } | Refusal<"closed" | "at_edge">> {
  return db.transaction(async (tx) => {
    const current = await lockOpenable(tx, context.assembly.id);
    if (!current || current.status === "closed") return { ok: false, reason: "closed" } as const;
    const items = await tx
      .select({ id: assemblyItems.id, position: assemblyItems.position })
      .from(assemblyItems)
      .where(eq(assemblyItems.assemblyId, context.assembly.id))
      .orderBy(asc(assemblyItems.position));
    const index = items.findIndex((i) => i.id === context.item.id);
    const other = items[direction === "up" ? index - 1 : index + 1];
    const self = items[index];
    if (!other || !self) return { ok: false, reason: "at_edge" } as const;
    await tx.update(assemblyItems).set({ position: -1 }).where(eq(assemblyItems.id, self.id));
    await tx.update(assemblyItems).set({ position: self.position }).where(eq(assemblyItems.id, other.id));
    await tx.update(assemblyItems).set({ position: other.position }).where(eq(assemblyItems.id, self.id));
    await appendAudit(tx, {
      actorId,
      action: "assembly.item_moved",
      subjectType: "assembly_item",
      subjectId: self.id,
      organisationId: context.assembly.organisationId,
      data: { from: self.position, to: other.position },
    });
    return { ok: true } as const;
  });
}

export async function openAssembly(
  db: Db,
  actorId: string,
  context: AssemblyContext,
): Promise<{ ok: true } | Refusal<"not_draft" | "no_site" | "no_item">> {
  return db.transaction(async (tx) => {
    const current = await lockOpenable(tx, context.assembly.id);
    if (!current || current.status !== "draft") return { ok: false, reason: "not_draft" } as const;
    const [sites] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(assemblySites)
      .where(eq(assemblySites.assemblyId, context.assembly.id));
    if (!sites || sites.n === 0) return { ok: false, reason: "no_site" } as const;
    const [items] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(assemblyItems)
      .where(eq(assemblyItems.assemblyId, context.assembly.id));
    if (!items || items.n === 0) return { ok: false, reason: "no_item" } as const;
    await tx.update(assemblies).set({ status: "open" }).where(eq(assemblies.id, context.assembly.id));
    await appendAudit(tx, {
      actorId,
      action: "assembly.opened",
      subjectType: "assembly",
      subjectId: context.assembly.id,
      organisationId: context.assembly.organisationId,
    });
    return { ok: true } as const;
  });
}

/** Closes an open assembly once no item is open any more (items never voted stay pending). */
export async function closeAssembly(
  db: Db,
  actorId: string,
  context: AssemblyContext,
): Promise<{ ok: true } | Refusal<"not_open" | "items_open">> {
  return db.transaction(async (tx) => {
    const current = await lockOpenable(tx, context.assembly.id);
    if (!current || current.status !== "open") return { ok: false, reason: "not_open" } as const;
    const open = await tx
      .select({ id: assemblyItems.id })
      .from(assemblyItems)
      .where(and(eq(assemblyItems.assemblyId, context.assembly.id), inArray(assemblyItems.status, ["open"])));
    if (open.length > 0) return { ok: false, reason: "items_open" } as const;
    await tx.update(assemblies).set({ status: "closed" }).where(eq(assemblies.id, context.assembly.id));
    await appendAudit(tx, {
      actorId,
      action: "assembly.closed",
      subjectType: "assembly",
      subjectId: context.assembly.id,
      organisationId: context.assembly.organisationId,
    });
    return { ok: true } as const;
  });
}

/** Opens a pending item of an open assembly; several items may be open at once. */
export async function openItem(
  db: Db,
  actorId: string,
  context: ItemContext,
  now = new Date(),
): Promise<{ ok: true } | Refusal<"assembly_not_open" | "not_pending">> {
  return db.transaction(async (tx) => {
    const [assembly] = await tx
      .select({ status: assemblies.status })
      .from(assemblies)
      .where(eq(assemblies.id, context.assembly.id))
      .for("share");
    if (assembly?.status !== "open") return { ok: false, reason: "assembly_not_open" } as const;
    const updated = await tx
      .update(assemblyItems)
      .set({ status: "open", openedAt: now })
      .where(and(eq(assemblyItems.id, context.item.id), eq(assemblyItems.status, "pending")))
      .returning({ id: assemblyItems.id });
    if (updated.length === 0) return { ok: false, reason: "not_pending" } as const;
    await appendAudit(
      tx,
      {
        actorId,
        action: "assembly.item_opened",
        subjectType: "assembly_item",
        subjectId: context.item.id,
        organisationId: context.assembly.organisationId,
      },
      now,
    );
    return { ok: true } as const;
  });
}
