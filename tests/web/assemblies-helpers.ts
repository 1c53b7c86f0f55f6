import { eq } from "drizzle-orm";
import {
  addItem,
  addSite,
  addTeller,
  createAssembly,
  openAssembly,
  openItem,
} from "../../src/commands/assemblies/admin.js";
import { recordAttendance, recordProxy } from "../../src/commands/assemblies/desk.js";
import {
  loadAssemblyResource,
  loadItemResource,
  type AssemblyContext,
  type ItemContext,
} from "../../src/commands/assemblies/load.js";
import type { Db } from "../../src/db/client.js";
import { organisations, persons } from "../../src/db/schema/index.js";

export const mail = (who: string) => `${who}@demo.letscoop.test`;

export async function personId(db: Db, who: string): Promise<string> {
  const [row] = await db
    .select({ id: persons.id })
    .from(persons)
    .where(eq(persons.email, mail(who)));
  if (!row) throw new Error(`no ${who}`);
  return row.id;
}

export async function assemblyContext(db: Db, assemblyId: string): Promise<AssemblyContext> {
  return (await loadAssemblyResource(db, assemblyId, null))!.data;
}
export async function itemContext(db: Db, assemblyId: string, itemId: string): Promise<ItemContext> {
  return (await loadItemResource(db, assemblyId, itemId, null))!.data;
}

/**
 * An open assembly of smart-be built through the commands: an online site "Bruxelles", a paper
 * site "Liège" (teller: secretary@), and one open item of the given kind.
 */
export async function openAssemblyOf(
  db: Db,
  opts: { decisionKind?: "ordinary" | "extraordinary"; secret?: boolean; title?: string } = {},
) {
  const admin = await personId(db, "admin");
  const [be] = await db.select().from(organisations).where(eq(organisations.slug, "smart-be"));
  const created = await createAssembly(db, admin, be!.id, {
    title: opts.title ?? "AG 2026",
    heldOn: "2026-06-14",
    cycleId: null,
  });
  if (!created.ok) throw new Error("assembly");
  let context = await assemblyContext(db, created.id);
  const online = await addSite(db, admin, context, { name: "Bruxelles", city: "Bruxelles", voting: "online" });
  const paper = await addSite(db, admin, context, { name: "Liège", city: "Liège", voting: "paper" });
  if (!online.ok || !paper.ok) throw new Error("sites");
  const teller = await addTeller(db, admin, context, { email: mail("secretary"), siteId: paper.id });
  if (!teller.ok) throw new Error("teller");
  const item = await addItem(db, admin, context, {
    kind: "statutory",
    title: "Modifier l'article 12 des statuts",
    description: "Collèges et pondération.",
    decisionKind: opts.decisionKind ?? "extraordinary",
    secret: opts.secret ?? true,
  });
  if (!item.ok) throw new Error("item");
  if (!(await openAssembly(db, admin, context)).ok) throw new Error("open");
  context = await assemblyContext(db, created.id);
  const itemContextOpen = await itemContext(db, created.id, item.id);
  if (!(await openItem(db, admin, itemContextOpen)).ok) throw new Error("open item");
  return { assemblyId: created.id, itemId: item.id, onlineSiteId: online.id, paperSiteId: paper.id, admin, context };
}

export async function present(db: Db, context: AssemblyContext, who: string, siteId: string) {
  const admin = await personId(db, "admin");
  const outcome = await recordAttendance(db, admin, context, { email: mail(who), siteId });
  if (!outcome.ok) throw new Error(`${who} present: ${outcome.reason}`);
}

export async function proxy(db: Db, context: AssemblyContext, giver: string, holder: string) {
  const admin = await personId(db, "admin");
  const outcome = await recordProxy(db, admin, context, { giverEmail: mail(giver), holderEmail: mail(holder) });
  if (!outcome.ok) throw new Error(`${giver} → ${holder}: ${outcome.reason}`);
}
