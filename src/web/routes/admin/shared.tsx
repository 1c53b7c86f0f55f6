import { findOrganisationBySlug, type Organisation } from "../../../commands/organisations.js";
import type { MessageKey } from "../../../i18n/index.js";
import { SubNav } from "../../components/sub-nav.js";
import type { Ctx } from "../../context.js";
import type { Loaded } from "../../routing.js";

/**
 * Pattern of an id parameter: only hex digits and dashes match (the UUID itself is checked on
 * load), so that fixed paths built by others beside ours (…/members/invite) never reach our routes.
 */
export const ID = "{[0-9a-fA-F-]+}";

/** The organisation named by :slug, as the resource every administration route acts on. */
export async function loadOrganisation(c: Ctx): Promise<Loaded<Organisation> | null> {
  const org = await findOrganisationBySlug(c.var.deps.db, c.req.param("slug") ?? "");
  return org ? { resource: { type: "organisation", organisationId: org.id }, data: org } : null;
}

/** Loads the organisation, then something of it by id; either missing answers 404. */
export async function loadWithin<T>(
  c: Ctx,
  find: (org: Organisation) => Promise<T | null>,
): Promise<Loaded<{ org: Organisation; item: T }> | null> {
  const loaded = await loadOrganisation(c);
  if (!loaded) return null;
  const item = await find(loaded.data);
  return item ? { resource: loaded.resource, data: { org: loaded.data, item } } : null;
}

/** The signed-in person acting; routes reach their handler only after can(), which refuses visitors. */
export function actorId(c: Ctx): string {
  const actor = c.var.actor;
  if (actor.kind !== "person") throw new Error("an administration handler ran without a signed-in person");
  return actor.personId;
}

/** The form fields as text; a repeated name (checkboxes) becomes a list. Files are dropped. */
export async function formBody(c: Ctx): Promise<Record<string, string | string[]>> {
  const body = await c.req.parseBody({ all: true });
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === "string") out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === "string");
  }
  return out;
}

/** Only the text fields, for re-filling a refused form. */
export function textValues(body: Record<string, string | string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string" && k !== "_csrf") out[k] = v;
  return out;
}

export function orgAdminPath(c: Ctx, org: { slug: string }, rest = ""): string {
  return `/${c.var.locale}/admin/organisations/${org.slug}${rest}`;
}

const NOTICES = {
  created: "admin.noticeCreated",
  saved: "common.saved",
  deleted: "admin.noticeDeleted",
  removed: "admin.noticeRemoved",
  granted: "admin.noticeGranted",
  revoked: "admin.noticeRevoked",
} as const satisfies Record<string, MessageKey>;
export type Notice = keyof typeof NOTICES;

/** The status message named by ?notice= after a redirect (only known ones). */
export function noticeOf(c: Ctx): string | undefined {
  const key = c.req.query("notice");
  return key && key in NOTICES ? c.var.t(NOTICES[key as Notice]) : undefined;
}

export function withNotice(path: string, notice: Notice): string {
  return `${path}${path.includes("?") ? "&" : "?"}notice=${notice}`;
}

export type OrgSection = "overview" | "offices" | "colleges" | "members" | "roles" | "import";

/** The sub-navigation of one organisation's administration. */
export function OrgAdminNav({ c, org, current }: { c: Ctx; org: Organisation; current: OrgSection }) {
  const { t, locale } = c.var;
  const items: Array<{ section: OrgSection | "import"; href: string; label: string }> = [
    { section: "overview", href: orgAdminPath(c, org), label: t("admin.navOverview") },
    { section: "offices", href: orgAdminPath(c, org, "/offices"), label: t("admin.navOffices") },
    { section: "colleges", href: orgAdminPath(c, org, "/colleges"), label: t("admin.navColleges") },
    { section: "members", href: orgAdminPath(c, org, "/members"), label: t("admin.navMembers") },
    { section: "roles", href: orgAdminPath(c, org, "/roles"), label: t("admin.navRoles") },
    { section: "import", href: orgAdminPath(c, org, "/import"), label: t("admin.navImport") },
  ];
  return (
    <SubNav
      c={c}
      back={{ href: `/${locale}/admin`, label: t("admin.homeTitle") }}
      label={t("admin.orgNavigation", { name: org.name })}
      items={items.map((i) => ({ href: i.href, label: i.label, current: i.section === current }))}
    />
  );
}
