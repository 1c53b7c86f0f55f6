import i18next, { type TFunction } from "i18next";
import { LOCALES, type Locale } from "./locales.js";
import { account } from "./messages/account.js";
import { admin } from "./messages/admin.js";
import { auth } from "./messages/auth.js";
import { ballots } from "./messages/ballots.js";
import { common } from "./messages/common.js";
import { cycles } from "./messages/cycles.js";
import { errors } from "./messages/errors.js";
import { home } from "./messages/home.js";
import { imports } from "./messages/imports.js";
import { jobs } from "./messages/jobs.js";
import { mail } from "./messages/mail.js";
import { organisations } from "./messages/organisations.js";
import { results } from "./messages/results.js";
import { budget } from "./messages/budget.js";
import { documents } from "./messages/documents.js";
import { figures } from "./messages/figures.js";
import { groups } from "./messages/groups.js";
import { localTalks } from "./messages/localTalks.js";
import { meetings } from "./messages/meetings.js";
import { recommendations } from "./messages/recommendations.js";
import { board } from "./messages/board.js";
import { assemblies } from "./messages/assemblies.js";
import { openData } from "./messages/openData.js";
import { catalogue } from "./messages/catalogue.js";
import { apiTokens } from "./messages/apiTokens.js";
import { booklet } from "./messages/booklet.js";
import { actionPlan } from "./messages/actionPlan.js";

/** One file per area of the interface; each holds the four languages side by side. */
export const MESSAGE_AREAS = {
  common,
  errors,
  home,
  auth,
  account,
  admin,
  imports,
  organisations,
  mail,
  cycles,
  ballots,
  results,
  jobs,
  groups,
  meetings,
  documents,
  budget,
  localTalks,
  figures,
  recommendations,
  board,
  assemblies,
  openData,
  catalogue,
  apiTokens,
  booklet,
  actionPlan,
};

type Areas = typeof MESSAGE_AREAS;
type PluralSuffix = "zero" | "one" | "two" | "few" | "many" | "other";
type StripPlural<K extends string> = K extends `${infer Base}_${PluralSuffix}` ? Base : K;
/** Every key of the interface, checked by the compiler: `t("auth.signInTitle")`. */
export type MessageKey = {
  [A in keyof Areas]: `${A & string}.${StripPlural<keyof Areas[A]["en"] & string>}`;
}[keyof Areas];

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

function resourcesFor(locale: Locale) {
  const translation: Record<string, Record<string, string>> = {};
  for (const [area, messages] of Object.entries(MESSAGE_AREAS)) {
    translation[area] = (messages as Record<Locale, Record<string, string>>)[locale];
  }
  return { translation };
}

const instance = i18next.createInstance();
void instance.init({
  resources: Object.fromEntries(LOCALES.map((l) => [l, resourcesFor(l)])),
  lng: "fr",
  fallbackLng: false,
  supportedLngs: [...LOCALES],
  initAsync: false,
  returnNull: false,
  // Pages are JSX, which escapes every interpolated value: escaping here would double it.
  interpolation: { escapeValue: false },
  showSupportNotice: false,
} as Parameters<typeof instance.init>[0]);

const fixed = new Map<Locale, TFunction>(LOCALES.map((l) => [l, instance.getFixedT(l)]));

export function translator(locale: Locale): Translate {
  const t = fixed.get(locale)!;
  return (key, values) => t(key, values ?? {}) as string;
}
