import type { Cycle, Theme } from "../../../commands/cycles/read.js";
import { formatDate, formatNumber } from "../../../i18n/format.js";
import type { MessageKey } from "../../../i18n/index.js";
import type { Locale } from "../../../i18n/locales.js";
import type { Ctx } from "../../context.js";
import { themeText } from "../cycles/shared.js";

/** A working group as the talk and figure pages name it: its theme's title and its scope. */
export interface GroupName {
  title: string;
  /** Set when the title is shown in another language than the page's. */
  lang: Locale | undefined;
  scope: string;
}

/** Names each group by its theme (in the reader's language when translated) and its organisation. */
export function groupNames(
  c: Ctx,
  cycle: Cycle,
  themes: Theme[],
  groups: ReadonlyArray<{ id: string; key: string; themeId: string; organisationId: string | null }>,
): Map<string, GroupName> {
  const names = new Map<string, GroupName>();
  for (const g of groups) {
    const theme = themes.find((th) => th.id === g.themeId);
    const picked = theme ? themeText(theme, c.var.locale) : null;
    const scope = g.organisationId
      ? (cycle.organisations.find((o) => o.id === g.organisationId)?.name ?? "")
      : c.var.t("figures.scopeAll");
    names.set(g.id, {
      title: picked?.value.title ?? g.key,
      lang: picked && picked.lang !== c.var.locale ? picked.lang : undefined,
      scope,
    });
  }
  return names;
}

export function groupHref(c: Ctx, groupId: string): string {
  return `/${c.var.locale}/groups/${groupId}`;
}

export function talkPath(c: Ctx, talkId: string, rest = ""): string {
  return `/${c.var.locale}/local-talks/${talkId}${rest}`;
}

export function talksPath(c: Ctx, cycle: { slug: string }, rest = ""): string {
  return `/${c.var.locale}/cycles/${cycle.slug}/local-talks${rest}`;
}

/** A plural message with its number written as the page's language writes it. */
export function counted(c: Ctx, key: MessageKey, n: number): string {
  return c.var.t(key, { count: n, n: formatNumber(c.var.locale, n, 2) });
}

/** A day in the reader's language, in a <time> element carrying the instant. */
export function TalkDay({ c, at }: { c: Ctx; at: Date }) {
  return <time datetime={at.toISOString()}>{formatDate(c.var.locale, at)}</time>;
}

const NOTICES = {
  created: "localTalks.noticeCreated",
  saved: "localTalks.noticeSaved",
  contribution: "localTalks.noticeContribution",
} as const satisfies Record<string, MessageKey>;
export type TalkNotice = keyof typeof NOTICES;

export function talkNotice(c: Ctx): string | undefined {
  const key = c.req.query("notice");
  return key && key in NOTICES ? c.var.t(NOTICES[key as TalkNotice]) : undefined;
}

export function withTalkNotice(path: string, notice: TalkNotice): string {
  return `${path}?notice=${notice}`;
}
