import type { TestApp } from "../../support/app.js";
import { openAssemblyOf, personId, present, proxy } from "../assemblies-helpers.js";
import { EVERYONE, RUNS_CYCLES, type Who } from "./roles.js";

/** The desk and the paper count of the sample's paper site: those who run it, and its teller secretary@. */
const DESK: Who[] = [...RUNS_CYCLES, "secretary"];

/**
 * Who may use each route of this area in the walk's state: an open assembly of smart-be with an
 * online and a paper site (teller: secretary@), one open secret item, member@ present online and
 * holding the proxy of member02 (see assemblySamples).
 */
export const ASSEMBLY_ROUTES: Record<string, Who[]> = {
  "GET /admin/organisations/:slug/assemblies": RUNS_CYCLES,
  "GET /admin/organisations/:slug/assemblies/new": RUNS_CYCLES,
  "POST /admin/organisations/:slug/assemblies/new": RUNS_CYCLES,
  "GET /admin/assemblies/:assemblyId": RUNS_CYCLES,
  "POST /admin/assemblies/:assemblyId/sites": RUNS_CYCLES,
  "POST /admin/assemblies/:assemblyId/tellers": RUNS_CYCLES,
  "POST /admin/assemblies/:assemblyId/items": RUNS_CYCLES,
  "POST /admin/assemblies/:assemblyId/items/:agendaItemId/move": RUNS_CYCLES,
  "POST /admin/assemblies/:assemblyId/open": RUNS_CYCLES,
  "POST /admin/assemblies/:assemblyId/close": RUNS_CYCLES,
  "POST /admin/assemblies/:assemblyId/items/:agendaItemId/open": RUNS_CYCLES,
  "POST /admin/assemblies/:assemblyId/items/:agendaItemId/close": RUNS_CYCLES,
  "GET /assemblies/:assemblyId/desk": DESK,
  "POST /assemblies/:assemblyId/desk/attendance": DESK,
  "POST /assemblies/:assemblyId/desk/proxies": DESK,
  "POST /assemblies/:assemblyId/desk/proxies/:proxyGiverId/remove": DESK,
  // Only member@ is present (at the online site).
  "GET /assemblies/:assemblyId/items/:agendaItemId/vote": ["member"],
  "POST /assemblies/:assemblyId/items/:agendaItemId/vote": ["member"],
  "GET /assemblies/:assemblyId/items/:agendaItemId/receipt": EVERYONE,
  "GET /assemblies/:assemblyId/items/:agendaItemId/paper/:assemblySiteId": DESK,
  "POST /assemblies/:assemblyId/items/:agendaItemId/paper/:assemblySiteId": DESK,
  "GET /assemblies/:assemblyId": EVERYONE,
  "GET /assemblies/:assemblyId/items/:agendaItemId": EVERYONE,
  "GET /assemblies/:assemblyId/items/:agendaItemId/votes": EVERYONE,
  "GET /assemblies/:assemblyId/items/:agendaItemId/export.csv": EVERYONE,
};

/** An open assembly of smart-be, built through the assembly commands. */
export async function assemblySamples(t: TestApp, base: Record<string, string>): Promise<Record<string, string>> {
  void base;
  const db = t.deps.db;
  const s = await openAssemblyOf(db, { title: "AG du parcours des permissions" });
  await present(db, s.context, "member", s.onlineSiteId);
  await proxy(db, s.context, "member02", "member");
  return {
    assemblyId: s.assemblyId,
    agendaItemId: s.itemId,
    assemblySiteId: s.paperSiteId,
    proxyGiverId: await personId(db, "member02"),
  };
}
