import { eq } from "drizzle-orm";
import type { GroupContext } from "../../../commands/groups/load.js";
import {
  loadDocumentResource,
  loadExpenseResource,
  loadGroupResource,
  loadMeetingResource,
} from "../../../commands/groups/load.js";
import { themes, themeTranslations } from "../../../db/schema/index.js";
import { pickText, type Picked } from "../../../commands/cycles/texts.js";
import type { Locale } from "../../../i18n/locales.js";
import { can } from "../../../policies/can.js";
import type { Ctx } from "../../context.js";

/** Route parameter constraint for ids (uuids), as in the cycle routes. */
export const UUID = "{[0-9a-fA-F-]+}";

export function personIdOf(c: Ctx): string | null {
  return c.var.actor.kind === "person" ? c.var.actor.personId : null;
}

export function groupPath(c: Ctx, groupId: string, rest = ""): string {
  return `/${c.var.locale}/groups/${groupId}${rest}`;
}

/** Loaders for the route pipeline: `load: loadGroup` answers 404 for an unknown id. */
export const loadGroup = (c: Ctx) => loadGroupResource(c.var.deps.db, c.req.param("groupId") ?? "", personIdOf(c));
export const loadMeeting = (c: Ctx) =>
  loadMeetingResource(c.var.deps.db, c.req.param("meetingId") ?? "", personIdOf(c));
export const loadDocument = (c: Ctx) =>
  loadDocumentResource(c.var.deps.db, c.req.param("documentId") ?? "", personIdOf(c));
export const loadExpense = (c: Ctx) =>
  loadExpenseResource(c.var.deps.db, c.req.param("expenseId") ?? "", personIdOf(c));

/** The group's title: its theme's title in the reader's language (or the source, flagged). */
export async function groupTitle(c: Ctx, context: GroupContext): Promise<Picked<{ title: string }>> {
  const rows = await c.var.deps.db
    .select({
      locale: themeTranslations.locale,
      title: themeTranslations.title,
      outdated: themeTranslations.outdated,
      source: themes.sourceLanguage,
    })
    .from(themeTranslations)
    .innerJoin(themes, eq(themes.id, themeTranslations.themeId))
    .where(eq(themeTranslations.themeId, context.group.themeId));
  const source = rows[0]?.source ?? "fr";
  const texts: Partial<Record<Locale, { title: string; outdated: boolean }>> = {};
  for (const r of rows) texts[r.locale] = { title: r.title, outdated: r.outdated };
  return (
    pickText(texts, c.var.locale, source) ?? {
      value: { title: context.group.key },
      lang: source,
      missing: true,
      outdated: false,
    }
  );
}

export type GroupSection = "overview" | "meetings" | "documents" | "recommendations" | "budget" | "members";

/**
 * The sections of a group page, shown on each of them; a section the actor may not open is
 * not listed (the budget and the members' management).
 */
export function GroupNav({ c, context, current }: { c: Ctx; context: GroupContext; current: GroupSection }) {
  const t = c.var.t;
  const facts = { type: "group" as const, ...context.facts };
  const items: Array<{ section: GroupSection; href: string; label: string }> = [
    { section: "overview", href: groupPath(c, context.group.id), label: t("groups.navOverview") },
    { section: "meetings", href: groupPath(c, context.group.id, "/meetings"), label: t("groups.navMeetings") },
    { section: "documents", href: groupPath(c, context.group.id, "/documents"), label: t("groups.navDocuments") },
    {
      section: "recommendations",
      href: groupPath(c, context.group.id, "/recommendations"),
      label: t("groups.navRecommendations"),
    },
  ];
  if (can(c.var.actor, "budget.view", facts)) {
    items.push({ section: "budget", href: groupPath(c, context.group.id, "/budget"), label: t("groups.navBudget") });
  }
  if (can(c.var.actor, "group.members_manage", facts)) {
    items.push({ section: "members", href: groupPath(c, context.group.id, "/members"), label: t("groups.navMembers") });
  }
  return (
    <nav class="sub-nav" aria-label={t("groups.navLabel")}>
      <ul>
        {items.map((i) => (
          <li>
            <a href={i.href} aria-current={i.section === current ? "page" : undefined}>
              {i.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
