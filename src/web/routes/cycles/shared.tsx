import type { Child } from "hono/jsx";
import { findCycleBySlug, findTheme, type Cycle, type PhaseDates, type Theme } from "../../../commands/cycles/read.js";
import { paragraphs, pickText, type Picked } from "../../../commands/cycles/texts.js";
import type { Phase, ThemeStatus } from "../../../db/schema/index.js";
import { formatDate } from "../../../i18n/format.js";
import type { MessageKey } from "../../../i18n/index.js";
import type { Locale } from "../../../i18n/locales.js";
import type { Resource } from "../../../policies/can.js";
import { languageName } from "../../components/regions.js";
import { SubNav } from "../../components/sub-nav.js";
import type { Ctx } from "../../context.js";
import type { Loaded } from "../../routing.js";
import { explain, type FieldErrors } from "../../validation.js";

/** Pattern of an id in a path: hex digits and dashes only (the UUID itself is checked on load). */
export const ID = "{[0-9a-fA-F-]+}";

export function cycleResource(cycle: Cycle): Resource {
  return { type: "cycle", organisationIds: cycle.organisations.map((o) => o.id) };
}

/** The cycle named by :slug; the resource is the cycle (its organisations). */
export async function loadCycle(c: Ctx): Promise<Loaded<Cycle> | null> {
  const cycle = await findCycleBySlug(c.var.deps.db, c.req.param("slug") ?? "");
  return cycle ? { resource: cycleResource(cycle), data: cycle } : null;
}

/** The cycle named by :slug and one of its themes (:themeId); a theme of another cycle is not found. */
export async function loadCycleTheme(c: Ctx): Promise<Loaded<{ cycle: Cycle; theme: Theme }> | null> {
  const loaded = await loadCycle(c);
  if (!loaded) return null;
  const theme = await findTheme(c.var.deps.db, loaded.data.id, c.req.param("themeId") ?? "");
  return theme ? { resource: loaded.resource, data: { cycle: loaded.data, theme } } : null;
}

/** The signed-in person acting; handlers run only after can(), which refuses visitors. */
export function actorId(c: Ctx): string {
  const actor = c.var.actor;
  if (actor.kind !== "person") throw new Error("a cycle administration handler ran without a signed-in person");
  return actor.personId;
}

export function cyclePath(c: Ctx, cycle: { slug: string }, rest = ""): string {
  return `/${c.var.locale}/cycles/${cycle.slug}${rest}`;
}

export function adminCyclePath(c: Ctx, cycle: { slug: string }, rest = ""): string {
  return `/${c.var.locale}/admin/cycles/${cycle.slug}${rest}`;
}

/** The cycle's title in the reader's language, else in its source language. */
export function cycleTitle(cycle: Cycle, locale: Locale): Picked<{ title: string; rules: string }> {
  return (
    pickText(cycle.texts, locale, cycle.sourceLanguage) ?? {
      value: { title: cycle.name, rules: "" },
      lang: locale,
      missing: false,
      outdated: false,
    }
  );
}

export function themeText(theme: Theme, locale: Locale): Picked<{ title: string; description: string }> {
  return (
    pickText(theme.texts, locale, theme.sourceLanguage) ?? {
      value: { title: theme.key, description: "" },
      lang: locale,
      missing: false,
      outdated: false,
    }
  );
}

/** The `lang` attribute of a text shown in another language than the page's. */
export function langOf(c: Ctx, picked: Picked<unknown>): Locale | undefined {
  return picked.lang === c.var.locale ? undefined : picked.lang;
}

/** Says that a text is shown in another language, or that its translation may be out of date. */
export function TranslationNotice({ c, picked }: { c: Ctx; picked: Picked<unknown> }) {
  const { t, locale } = c.var;
  if (picked.missing)
    return <p class="warning">{t("cycles.notTranslated", { language: languageName(locale, picked.lang) })}</p>;
  if (picked.outdated) return <p class="warning">{t("cycles.translationOutdated")}</p>;
  return null;
}

/** Plain text as paragraphs (split on blank lines, line breaks kept); JSX escapes every character. */
export function TextParagraphs({ text, lang }: { text: string; lang?: Locale | undefined }) {
  return (
    <>
      {paragraphs(text).map((lines) => (
        <p lang={lang}>
          {lines.map((line, i) => (
            <>
              {i > 0 && <br />}
              {line}
            </>
          ))}
        </p>
      ))}
    </>
  );
}

/** An ISO date ("2016-04-14") in the reader's language, in a <time> element. */
export function Day({ c, iso }: { c: Ctx; iso: string }) {
  return <time datetime={iso}>{formatDate(c.var.locale, new Date(`${iso}T12:00:00Z`))}</time>;
}

export function DateRange({ c, from, to }: { c: Ctx; from: string; to: string }) {
  if (from === to) return <Day c={c} iso={from} />;
  return (
    <>
      <Day c={c} iso={from} /> – <Day c={c} iso={to} />
    </>
  );
}

export function Moment({ c, at }: { c: Ctx; at: Date }) {
  return <time datetime={at.toISOString()}>{formatDate(c.var.locale, at, "datetime")}</time>;
}

export const PHASE_LABEL: Record<Phase, MessageKey> = {
  themes: "cycles.phase_themes",
  working_groups: "cycles.phase_working_groups",
  recommendations: "cycles.phase_recommendations",
  board: "cycles.phase_board",
  assembly: "cycles.phase_assembly",
  implementation: "cycles.phase_implementation",
};

/** Who decides what in each phase, for the rules of the game. */
export const PHASE_WHO: Record<Phase, MessageKey> = {
  themes: "cycles.phaseWho_themes",
  working_groups: "cycles.phaseWho_working_groups",
  recommendations: "cycles.phaseWho_recommendations",
  board: "cycles.phaseWho_board",
  assembly: "cycles.phaseWho_assembly",
  implementation: "cycles.phaseWho_implementation",
};

export const STATUS_LABEL: Record<ThemeStatus, MessageKey> = {
  proposed: "cycles.status_proposed",
  on_ballot: "cycles.status_on_ballot",
  carried_over: "cycles.status_carried_over",
  selected: "cycles.status_selected",
  not_selected: "cycles.status_not_selected",
};

export const BALLOT_STATUS_LABEL: Record<"draft" | "open" | "closed" | "published", MessageKey> = {
  draft: "cycles.ballotStatus_draft",
  open: "cycles.ballotStatus_open",
  closed: "cycles.ballotStatus_closed",
  published: "cycles.ballotStatus_published",
};

/** The calendar as an ordered list of dated phases. */
export function Timeline({ c, phases }: { c: Ctx; phases: PhaseDates[] }) {
  const { t } = c.var;
  if (phases.length === 0) return <p>{t("cycles.noCalendar")}</p>;
  return (
    <ol class="timeline">
      {phases.map((p) => (
        <li>
          <strong>{t(PHASE_LABEL[p.phase])}</strong>: <DateRange c={c} from={p.startsOn} to={p.endsOn} />
        </li>
      ))}
    </ol>
  );
}

export type CycleSection = "settings" | "themes" | "ballot" | "groups";

/** The sub-navigation of one cycle's administration. */
export function CycleAdminNav({
  c,
  cycle,
  current,
  ballotId,
}: {
  c: Ctx;
  cycle: Cycle;
  current: CycleSection | null;
  ballotId?: string | null;
}) {
  const { t, locale } = c.var;
  const items: Array<{ section: CycleSection | "public"; href: string; label: string }> = [
    { section: "settings", href: adminCyclePath(c, cycle), label: t("cycles.navSettings") },
    { section: "themes", href: adminCyclePath(c, cycle, "/themes"), label: t("cycles.navThemes") },
    {
      section: "ballot",
      href: ballotId ? `/${locale}/admin/ballots/${ballotId}` : adminCyclePath(c, cycle, "/ballots/new"),
      label: t("cycles.navBallot"),
    },
    { section: "groups", href: adminCyclePath(c, cycle, "/groups"), label: t("groups.navAdminGroups") },
    { section: "public", href: cyclePath(c, cycle), label: t("cycles.navPublic") },
  ];
  return (
    <SubNav
      c={c}
      back={{ href: `/${locale}/cycles`, label: t("cycles.listTitle") }}
      label={t("cycles.adminNavigation", { name: cycle.name })}
      items={items.map((i) => ({ href: i.href, label: i.label, current: i.section === current }))}
    />
  );
}

/** Checkboxes sharing one name, in a fieldset; the first carries the id the error summary links to. */
export function CheckboxGroup(p: {
  c: Ctx;
  name: string;
  legend: string;
  hint?: string | undefined;
  options: Array<{ value: string; label: string; lang?: Locale | undefined }>;
  checked: string[];
  errors?: FieldErrors | undefined;
  children?: Child;
}) {
  const error = p.errors?.[p.name];
  const base = `field-${p.name}`;
  const hintId = p.hint ? `${base}-hint` : undefined;
  const errorId = error ? `${base}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset class={error ? "has-error" : undefined} aria-describedby={describedBy}>
      <legend>{p.legend}</legend>
      {p.hint && (
        <p class="hint" id={hintId}>
          {p.hint}
        </p>
      )}
      {error && (
        <p class="error" id={errorId}>
          {explain(p.c.var.t, error)}
        </p>
      )}
      {p.options.map((o, i) => {
        const id = i === 0 ? base : `${base}-${i + 1}`;
        return (
          <div class="field checkbox">
            <input type="checkbox" id={id} name={p.name} value={o.value} checked={p.checked.includes(o.value)} />
            <label for={id} lang={o.lang}>
              {o.label}
            </label>
          </div>
        );
      })}
      {p.children}
    </fieldset>
  );
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

/** Text fields to fill a refused form again. */
export function textValues(body: Record<string, string | string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string" && k !== "_csrf") out[k] = v;
  return out;
}

/** A field sent once or several times (or not at all), as a list. */
export function listOf(body: Record<string, string | string[]>, name: string): string[] {
  const v = body[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

const NOTICES = {
  created: "cycles.noticeCreated",
  saved: "common.saved",
  deleted: "cycles.noticeDeleted",
  moved: "cycles.noticeMoved",
} as const satisfies Record<string, MessageKey>;
export type Notice = keyof typeof NOTICES;

export function noticeOf(c: Ctx): string | undefined {
  const key = c.req.query("notice");
  return key && key in NOTICES ? c.var.t(NOTICES[key as Notice]) : undefined;
}

export function withNotice(path: string, notice: Notice): string {
  return `${path}${path.includes("?") ? "&" : "?"}notice=${notice}`;
}
