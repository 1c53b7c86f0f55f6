import { loadAssemblyResource, loadItemResource, loadPaperResource } from "../../../commands/assemblies/load.js";
import type { ItemStatus } from "../../../db/schema/index.js";
import { Rational } from "../../../domain/voting/rational.js";
import { formatNumber } from "../../../i18n/format.js";
import type { MessageKey } from "../../../i18n/index.js";
import type { Ctx } from "../../context.js";

/** Pattern of an id in a path: hex digits and dashes only (the UUID itself is checked on load). */
export const ID = "{[0-9a-fA-F-]+}";

export function personIdOf(c: Ctx): string | null {
  return c.var.actor.kind === "person" ? c.var.actor.personId : null;
}

export function actorId(c: Ctx): string {
  const actor = c.var.actor;
  if (actor.kind !== "person") throw new Error("an assembly handler ran without a signed-in person");
  return actor.personId;
}

export const loadAssembly = (c: Ctx) =>
  loadAssemblyResource(c.var.deps.db, c.req.param("assemblyId") ?? "", personIdOf(c));
export const loadItem = (c: Ctx) =>
  loadItemResource(c.var.deps.db, c.req.param("assemblyId") ?? "", c.req.param("agendaItemId") ?? "", personIdOf(c));
export const loadPaper = (c: Ctx) =>
  loadPaperResource(
    c.var.deps.db,
    c.req.param("assemblyId") ?? "",
    c.req.param("agendaItemId") ?? "",
    c.req.param("assemblySiteId") ?? "",
    personIdOf(c),
  );

export function assemblyPath(c: Ctx, assemblyId: string, rest = ""): string {
  return `/${c.var.locale}/assemblies/${assemblyId}${rest}`;
}
export function itemPath(c: Ctx, assemblyId: string, itemId: string, rest = ""): string {
  return assemblyPath(c, assemblyId, `/items/${itemId}${rest}`);
}
export function adminAssemblyPath(c: Ctx, assemblyId: string, rest = ""): string {
  return `/${c.var.locale}/admin/assemblies/${assemblyId}${rest}`;
}
export function orgAssembliesAdminPath(c: Ctx, slug: string, rest = ""): string {
  return `/${c.var.locale}/admin/organisations/${slug}/assemblies${rest}`;
}

const NOTICES = {
  created: "assemblies.noticeCreated",
  siteAdded: "assemblies.noticeSiteAdded",
  tellerAdded: "assemblies.noticeTellerAdded",
  itemAdded: "assemblies.noticeItemAdded",
  moved: "assemblies.noticeMoved",
  opened: "assemblies.noticeOpened",
  closed: "assemblies.noticeClosed",
  itemOpened: "assemblies.noticeItemOpened",
  itemClosed: "assemblies.noticeItemClosed",
  present: "assemblies.noticePresent",
  proxy: "assemblies.noticeProxy",
  proxyRemoved: "assemblies.noticeProxyRemoved",
  paper: "assemblies.noticePaper",
  voted: "assemblies.noticeVoted",
} as const satisfies Record<string, MessageKey>;
export type AssemblyNotice = keyof typeof NOTICES;

export function noticeOf(c: Ctx): string | undefined {
  const key = c.req.query("notice");
  return key && key in NOTICES ? c.var.t(NOTICES[key as AssemblyNotice]) : undefined;
}

export function redirectWith(c: Ctx, path: string, notice: AssemblyNotice) {
  return c.redirect(`${path}${path.includes("?") ? "&" : "?"}notice=${notice}`, 303);
}

export const ASSEMBLY_STATUS: Record<"draft" | "open" | "closed", MessageKey> = {
  draft: "assemblies.status_draft",
  open: "assemblies.status_open",
  closed: "assemblies.status_closed",
};
export const ITEM_STATUS: Record<ItemStatus, MessageKey> = {
  pending: "assemblies.itemStatus_pending",
  open: "assemblies.itemStatus_open",
  closed: "assemblies.itemStatus_closed",
};
export const CHOICE_LABEL: Record<"yes" | "no" | "abstain", MessageKey> = {
  yes: "assemblies.choice_yes",
  no: "assemblies.choice_no",
  abstain: "assemblies.choice_abstain",
};

/** An exact fraction ("7/2") shown rounded in the reader's language; the export keeps it exact. */
export function shown(c: Ctx, exact: string, decimals = 2): string {
  return formatNumber(c.var.locale, Rational.parse(exact).toDecimalString(decimals), decimals);
}
