import { z } from "zod";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../../auth/passwords.js";
import {
  changePassword,
  findOwnMembership,
  loadAccount,
  setDirectoryOptIn,
  updateProfile,
  type AccountMembership,
  type AccountView,
} from "../../commands/account.js";
import { labelIn } from "../../commands/labels.js";
import { formatNumber } from "../../i18n/format.js";
import { LOCALE_NAMES, LOCALES } from "../../i18n/locales.js";
import { renderError } from "../components/error-page.js";
import { ErrorSummary, Form, SelectField, SubmitButton, TextField } from "../components/form.js";
import { renderPage } from "../components/layout.js";
import type { Ctx } from "../context.js";
import { route, type AnyRoute } from "../routing.js";
import { errorMessage, field, parseForm, type FieldErrors } from "../validation.js";
import { newPasswordShape, passwordsAgree, PASSWORDS_DIFFER } from "./auth.js";
import { calendarFeedOf, issueCalendarFeed } from "../../commands/meetings/calendar-feeds.js";
import { CalendarSection, type CalendarFeedState } from "./meetings/calendar.js";

const profileSchema = z.object({ name: field.text(200), locale: field.locale() });
const directorySchema = z.object({ optIn: field.choice(["true", "false"] as const) });
const passwordSchema = z
  .object({
    currentPassword: z
      .string({ error: errorMessage("errors.required") })
      .min(1, { error: errorMessage("errors.required") })
      .max(MAX_PASSWORD_LENGTH, { error: errorMessage("errors.tooLong", { max: MAX_PASSWORD_LENGTH }) }),
    ...newPasswordShape,
  })
  .refine(passwordsAgree, PASSWORDS_DIFFER);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Which form of the page was refused, with what the person typed. */
type Refused = { form: "profile" | "password" | "directory"; errors: FieldErrors; values: Record<string, string> };

function personIdOf(c: Ctx): string {
  const actor = c.var.actor;
  if (actor.kind !== "person") throw new Error("account routes require a person (checked by can())");
  return actor.personId;
}

function MembershipSection({ c, m }: { c: Ctx; m: AccountMembership }) {
  const { t, locale } = c.var;
  const headingId = `membership-${m.id}`;
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{m.organisationName}</h3>
      <dl class="facts">
        <dt>{t("account.college")}</dt>
        <dd>{labelIn(m.collegeLabels, locale, m.collegeKey)}</dd>
        <dt>{t("account.memberNumber")}</dt>
        <dd>{m.memberNumber ?? t("account.notGiven")}</dd>
        <dt>{t("account.shareholder")}</dt>
        <dd>{m.isShareholder ? t("common.yes") : t("common.no")}</dd>
        <dt>{t("account.shares")}</dt>
        <dd>{formatNumber(locale, m.shares, 0)}</dd>
        <dt>{t("account.office")}</dt>
        <dd>{m.officeName ?? t("account.notGiven")}</dd>
        <dt>{t("account.sector")}</dt>
        <dd>{m.sector || t("account.notGiven")}</dd>
        <dt>{t("account.directory")}</dt>
        <dd>{m.directoryOptIn ? t("account.listed") : t("account.notListed")}</dd>
      </dl>
      <Form c={c} action={`/${locale}/account/memberships/${m.id}/directory`}>
        <input type="hidden" name="optIn" value={m.directoryOptIn ? "false" : "true"} />
        <div class="actions">
          <button type="submit" class="secondary">
            {m.directoryOptIn
              ? t("account.leaveDirectory", { organisation: m.organisationName })
              : t("account.joinDirectory", { organisation: m.organisationName })}
          </button>
        </div>
      </Form>
    </section>
  );
}

function accountPage(c: Ctx, view: AccountView, calendar: CalendarFeedState, refused?: Refused) {
  const { t, locale } = c.var;
  const saved = c.req.method === "GET" ? c.req.query("saved") : undefined;
  const notice =
    saved === "profile"
      ? t("account.profileSaved")
      : saved === "directory"
        ? t("account.directorySaved")
        : saved === "password"
          ? t("account.passwordChanged")
          : undefined;
  const profile = refused?.form === "profile" ? refused : undefined;
  const password = refused?.form === "password" ? refused : undefined;
  const profileValues = profile?.values ?? { name: view.name, locale: view.locale };
  return renderPage(
    c,
    {
      title: t("account.title"),
      notice,
      children: (
        <>
          <h1>{t("account.title")}</h1>
          <ErrorSummary
            c={c}
            errors={refused?.errors}
            labels={{
              name: t("account.name"),
              locale: t("account.language"),
              currentPassword: t("account.currentPassword"),
              newPassword: t("account.newPassword"),
              newPasswordConfirmation: t("account.passwordConfirmation"),
            }}
          />

          <section aria-labelledby="profile-heading">
            <h2 id="profile-heading">{t("account.profileHeading")}</h2>
            <dl class="facts">
              <dt>{t("account.email")}</dt>
              <dd>{view.email}</dd>
            </dl>
            <Form c={c} action={`/${locale}/account/profile`}>
              <TextField
                c={c}
                name="name"
                label={t("account.name")}
                autocomplete="name"
                required
                errors={profile?.errors}
                values={profileValues}
              />
              <SelectField
                c={c}
                name="locale"
                label={t("account.language")}
                hint={t("account.languageHint")}
                required
                errors={profile?.errors}
                values={profileValues}
                options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
              />
              <SubmitButton label={t("account.saveProfile")} />
            </Form>
          </section>

          <section aria-labelledby="memberships-heading">
            <h2 id="memberships-heading">{t("account.membershipsHeading")}</h2>
            {view.memberships.length === 0 ? (
              <p>{t("account.noMemberships")}</p>
            ) : (
              view.memberships.map((m) => <MembershipSection c={c} m={m} />)
            )}
          </section>

          <CalendarSection c={c} feed={calendar} />

          <p>
            <a href={`/${locale}/account/api-tokens`}>{t("apiTokens.accountLink")}</a>
          </p>

          <section aria-labelledby="password-heading">
            <h2 id="password-heading">{t("account.passwordHeading")}</h2>
            {view.hasPassword ? (
              <>
                <p>{t("account.passwordIntro")}</p>
                <Form c={c} action={`/${locale}/account/password`}>
                  <TextField
                    c={c}
                    name="currentPassword"
                    type="password"
                    label={t("account.currentPassword")}
                    autocomplete="current-password"
                    required
                    errors={password?.errors}
                  />
                  <TextField
                    c={c}
                    name="newPassword"
                    type="password"
                    label={t("account.newPassword")}
                    hint={t("account.newPasswordHint", { min: MIN_PASSWORD_LENGTH })}
                    autocomplete="new-password"
                    required
                    errors={password?.errors}
                  />
                  <TextField
                    c={c}
                    name="newPasswordConfirmation"
                    type="password"
                    label={t("account.passwordConfirmation")}
                    autocomplete="new-password"
                    required
                    errors={password?.errors}
                  />
                  <SubmitButton label={t("account.changePassword")} />
                </Form>
              </>
            ) : (
              <p>
                <a href={`/${locale}/password/forgot`}>{t("auth.forgotPassword")}</a>
              </p>
            )}
          </section>
        </>
      ),
    },
    refused ? 422 : 200,
  );
}

async function showAccount(c: Ctx, refused?: Refused, calendarToken?: string) {
  const view = await loadAccount(c.var.deps.db, personIdOf(c));
  if (!view) return renderError(c, "notFound");
  const feed = await calendarFeedOf(c.var.deps.db, personIdOf(c));
  return accountPage(c, view, { createdAt: feed?.createdAt ?? null, token: calendarToken }, refused);
}

export const accountRoutes: AnyRoute[] = [
  route({ method: "GET", path: "/account", action: "account.use", handler: (c) => showAccount(c) }),
  route({
    method: "POST",
    path: "/account/profile",
    action: "account.use",
    async handler(c) {
      const form = parseForm(profileSchema, await c.req.parseBody());
      if (!form.ok) return showAccount(c, { form: "profile", errors: form.errors, values: form.values });
      await updateProfile(c.var.deps.db, personIdOf(c), form.data);
      // The page comes back in the language just chosen.
      return c.redirect(`/${form.data.locale}/account?saved=profile`, 303);
    },
  }),
  route({
    method: "POST",
    path: "/account/memberships/:id/directory",
    action: "account.use",
    // Only the actor's own membership is found: another person's id answers 404.
    async load(c) {
      const actor = c.var.actor;
      if (actor.kind !== "person") return { resource: { type: "site" }, data: "" };
      const id = c.req.param("id") ?? "";
      if (!UUID.test(id)) return null;
      const own = await findOwnMembership(c.var.deps.db, actor.personId, id);
      return own ? { resource: { type: "person", personId: own.personId }, data: own.id } : null;
    },
    async handler(c, membershipId) {
      const form = parseForm(directorySchema, await c.req.parseBody());
      if (!form.ok)
        return showAccount(c, {
          form: "directory",
          errors: { _form: errorMessage("errors.invalidChoice") },
          values: {},
        });
      const changed = await setDirectoryOptIn(c.var.deps.db, personIdOf(c), membershipId, form.data.optIn === "true");
      if (!changed) return renderError(c, "notFound");
      return c.redirect(`/${c.var.locale}/account?saved=directory`, 303);
    },
  }),
  route({
    method: "POST",
    path: "/account/calendar",
    action: "account.use",
    // The new address is shown on this answer only: the database keeps its hash.
    async handler(c) {
      const token = await issueCalendarFeed(c.var.deps.db, personIdOf(c));
      return showAccount(c, undefined, token);
    },
  }),
  route({
    method: "POST",
    path: "/account/password",
    action: "account.use",
    async handler(c) {
      const form = parseForm(passwordSchema, await c.req.parseBody());
      if (!form.ok) return showAccount(c, { form: "password", errors: form.errors, values: {} });
      const session = c.var.session;
      if (!session) return renderError(c, "forbidden");
      const outcome = await changePassword(c.var.deps.db, {
        personId: personIdOf(c),
        currentPassword: form.data.currentPassword,
        newPassword: form.data.newPassword,
        keepSessionIdHash: session.idHash,
      });
      if (!outcome.ok) {
        if (outcome.reason === "rate_limited") return renderError(c, "tooMany", { minutes: outcome.retryMinutes });
        return showAccount(c, {
          form: "password",
          errors: { currentPassword: errorMessage("account.wrongCurrentPassword") },
          values: {},
        });
      }
      return c.redirect(`/${c.var.locale}/account?saved=password`, 303);
    },
  }),
];
