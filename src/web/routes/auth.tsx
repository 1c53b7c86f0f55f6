import { signInLimits } from "../../auth/rate-limit.js";
import { raw } from "hono/html";
import { z } from "zod";
import { appendAudit } from "../../audit/log.js";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../../auth/passwords.js";
import { deleteSession } from "../../auth/sessions.js";
import { TOKEN_LIFETIME_MINUTES } from "../../auth/tokens.js";
import type { LinkUseOutcome } from "../../commands/email-links.js";
import {
  acceptInvitation,
  checkInvitation,
  findOrganisationBySlug,
  invitationChoices,
  invitePerson,
  type OrganisationForInvitation,
} from "../../commands/invitation.js";
import { labelIn } from "../../commands/labels.js";
import { checkMagicLink, requestMagicLink, useMagicLink } from "../../commands/magic-link.js";
import { checkPasswordReset, requestPasswordReset, resetPassword } from "../../commands/password-reset.js";
import { signInWithPassword } from "../../commands/sign-in.js";
import { isLocale, LOCALE_NAMES, LOCALES } from "../../i18n/locales.js";
import { renderError } from "../components/error-page.js";
import { CheckboxField, ErrorSummary, Form, SelectField, SubmitButton, TextField } from "../components/form.js";
import { Layout, renderPage, type LayoutProps } from "../components/layout.js";
import type { Ctx } from "../context.js";
import { clearSessionCookie, startSession } from "../middleware/session.js";
import { route, safeNext, type AnyRoute } from "../routing.js";
import { errorMessage, field, parseForm, type FieldErrors } from "../validation.js";

const signInSchema = z.object({
  email: field.email(),
  password: z
    .string()
    .min(1, { error: errorMessage("errors.required") })
    .max(200, { error: errorMessage("errors.tooLong", { max: 200 }) }),
  next: z.string().max(500).optional(),
});

function signInPage(
  c: Ctx,
  state: { errors?: FieldErrors; values?: Record<string, string> } = {},
  status: 200 | 422 = 200,
) {
  const { t, locale } = c.var;
  const next = state.values?.next ?? c.req.query("next") ?? "";
  return renderPage(
    c,
    {
      title: t("auth.signInTitle"),
      children: (
        <>
          <h1>{t("auth.signInTitle")}</h1>
          <ErrorSummary c={c} errors={state.errors} labels={{ email: t("auth.email"), password: t("auth.password") }} />
          <Form c={c} action={`/${locale}/sign-in`}>
            <input type="hidden" name="next" value={next} />
            <TextField
              c={c}
              name="email"
              type="email"
              label={t("auth.email")}
              autocomplete="username"
              required
              errors={state.errors}
              values={state.values}
            />
            <TextField
              c={c}
              name="password"
              type="password"
              label={t("auth.password")}
              autocomplete="current-password"
              required
              errors={state.errors}
            />
            <SubmitButton label={t("common.signIn")} />
          </Form>
          <ul>
            <li>
              <a href={`/${locale}/sign-in/magic-link`}>{t("auth.useMagicLink")}</a>
            </li>
            <li>
              <a href={`/${locale}/password/forgot`}>{t("auth.forgotPassword")}</a>
            </li>
          </ul>
        </>
      ),
    },
    status,
  );
}

/** A new password and its confirmation, as every form that sets one asks for them. */
export const newPasswordShape = {
  newPassword: z
    .string({ error: errorMessage("errors.required") })
    .min(1, { error: errorMessage("errors.required") })
    .min(MIN_PASSWORD_LENGTH, { error: errorMessage("errors.passwordTooShort", { min: MIN_PASSWORD_LENGTH }) })
    .max(MAX_PASSWORD_LENGTH, { error: errorMessage("errors.tooLong", { max: MAX_PASSWORD_LENGTH }) }),
  newPasswordConfirmation: z
    .string({ error: errorMessage("errors.required") })
    .min(1, { error: errorMessage("errors.required") })
    .max(MAX_PASSWORD_LENGTH, { error: errorMessage("errors.tooLong", { max: MAX_PASSWORD_LENGTH }) }),
};

export function passwordsAgree(v: { newPassword: string; newPasswordConfirmation: string }): boolean {
  return v.newPassword === v.newPasswordConfirmation;
}

export const PASSWORDS_DIFFER = { error: errorMessage("errors.passwordsDiffer"), path: ["newPasswordConfirmation"] };

const emailOnlySchema = z.object({ email: field.email() });
const newPasswordSchema = z.object(newPasswordShape).refine(passwordsAgree, PASSWORDS_DIFFER);
const acceptInvitationSchema = z
  .object({ name: field.text(200), ...newPasswordShape })
  .refine(passwordsAgree, PASSWORDS_DIFFER);

const inviteSchema = z
  .object({
    email: field.email(),
    name: field.text(200),
    collegeId: field.uuid(),
    officeId: z
      .union([z.literal(""), field.uuid()])
      .optional()
      .transform((v) => v || null),
    language: field.locale(),
    isShareholder: field.checkbox(),
    shares: z
      .string()
      .trim()
      .max(12, { error: errorMessage("errors.invalidNumber") })
      .optional()
      .transform((v) => v ?? ""),
  })
  .superRefine((v, ctx) => {
    if (!v.isShareholder) return;
    if (v.shares === "")
      ctx.addIssue({ code: "custom", path: ["shares"], message: errorMessage("auth.sharesRequired") });
    else if (!/^\d{1,9}$/.test(v.shares))
      ctx.addIssue({ code: "custom", path: ["shares"], message: errorMessage("errors.invalidNumber") });
    else if (Number(v.shares) < 1)
      ctx.addIssue({ code: "custom", path: ["shares"], message: errorMessage("auth.sharesRequired") });
  })
  .transform((v) => ({ ...v, shares: v.isShareholder ? Number(v.shares) : 0 }));

type FormState = { errors?: FieldErrors; values?: Record<string, string> };
type LinkKind = "magic" | "reset" | "invitation";
type TokenProblem = Exclude<LinkUseOutcome, { ok: true }>["reason"];

/** Pages whose status renderPage does not offer (410 Gone for spent links). */
function renderWithStatus(c: Ctx, props: Omit<LayoutProps, "c">, status: 400 | 410) {
  c.header("Cache-Control", "no-store");
  return c.html(
    <>
      {raw("<!DOCTYPE html>")}
      <Layout c={c} {...props} />
    </>,
    status,
  );
}

/** Says plainly why an e-mailed link cannot serve (expired, used, unknown) and how to get a new one. */
function linkProblemPage(c: Ctx, kind: LinkKind, reason: TokenProblem) {
  const { t, locale } = c.var;
  const title = {
    expired: t("auth.linkExpiredTitle"),
    used: t("auth.linkUsedTitle"),
    unknown: t("auth.linkUnknownTitle"),
  }[reason];
  const body = { expired: t("auth.linkExpiredBody"), used: t("auth.linkUsedBody"), unknown: t("auth.linkUnknownBody") }[
    reason
  ];
  const again = kind === "reset" ? `/${locale}/password/forgot` : `/${locale}/sign-in/magic-link`;
  return renderWithStatus(
    c,
    {
      title,
      children: (
        <>
          <h1>{title}</h1>
          <p>{body}</p>
          {kind === "invitation" ? (
            <>
              <p>{t("auth.invitationAskAgain")}</p>
              <p>
                <a href={`/${locale}/sign-in`}>{t("common.signIn")}</a>
              </p>
            </>
          ) : (
            <p>
              <a href={again}>{t("auth.askNewLink")}</a>
            </p>
          )}
        </>
      ),
    },
    reason === "unknown" ? 400 : 410,
  );
}

/** The e-mail form asking for a sign-in link or a reset link. */
function linkRequestPage(c: Ctx, kind: "magic" | "reset", state: FormState = {}, status: 200 | 422 = 200) {
  const { t, locale } = c.var;
  const title = kind === "magic" ? t("auth.magicLinkTitle") : t("auth.forgotTitle");
  const action = kind === "magic" ? `/${locale}/sign-in/magic-link` : `/${locale}/password/forgot`;
  return renderPage(
    c,
    {
      title,
      children: (
        <>
          <h1>{title}</h1>
          <p>{kind === "magic" ? t("auth.magicLinkIntro") : t("auth.forgotIntro")}</p>
          <ErrorSummary c={c} errors={state.errors} labels={{ email: t("auth.email") }} />
          <Form c={c} action={action}>
            <TextField
              c={c}
              name="email"
              type="email"
              label={t("auth.email")}
              autocomplete="email"
              required
              errors={state.errors}
              values={state.values}
            />
            <SubmitButton label={t("auth.sendLink")} />
          </Form>
          <p>
            <a href={`/${locale}/sign-in`}>{t("auth.backToSignIn")}</a>
          </p>
        </>
      ),
    },
    status,
  );
}

/** The same answer whether or not an account exists for the address. */
function linkSentPage(c: Ctx, kind: "magic" | "reset") {
  const { t, locale } = c.var;
  const body =
    kind === "magic"
      ? t("auth.magicLinkSentBody", { minutes: TOKEN_LIFETIME_MINUTES.magic_link })
      : t("auth.resetLinkSentBody", { minutes: TOKEN_LIFETIME_MINUTES.password_reset });
  return renderPage(c, {
    title: t("auth.checkMailTitle"),
    children: (
      <>
        <h1>{t("auth.checkMailTitle")}</h1>
        <p>{body}</p>
        <p>{t("auth.nothingReceived")}</p>
        <p>
          <a href={kind === "magic" ? `/${locale}/sign-in/magic-link` : `/${locale}/password/forgot`}>
            {t("auth.askNewLink")}
          </a>
        </p>
      </>
    ),
  });
}

/** Handles both link-request forms: validate, count, maybe send, then always the same answer. */
async function requestLink(c: Ctx, kind: "magic" | "reset") {
  const form = parseForm(emailOnlySchema, await c.req.parseBody());
  if (!form.ok) return linkRequestPage(c, kind, form, 422);
  const { db, mailer, logger, env } = c.var.deps;
  const deps = { mailer, logger, baseUrl: env.baseUrl };
  const input = { email: form.data.email, clientAddress: c.var.deps.clientAddress(c) };
  const outcome =
    kind === "magic" ? await requestMagicLink(db, deps, input) : await requestPasswordReset(db, deps, input);
  if (!outcome.ok) return renderError(c, "tooMany", { minutes: outcome.retryMinutes });
  // Not awaited: looking the address up and writing the e-mail would make known addresses slower.
  void outcome.delivery;
  const sent = kind === "magic" ? "sign-in/magic-link/sent" : "password/forgot/sent";
  return c.redirect(`/${c.var.locale}/${sent}`, 303);
}

/** Ends the browser's current session (whoever it was) and opens one for the person. */
async function switchSessionTo(c: Ctx, personId: string) {
  if (c.var.session) await deleteSession(c.var.deps.db, c.var.session.idHash);
  await startSession(c, personId);
  return c.redirect(`/${c.var.locale}/account`, 303);
}

function PasswordFields({ c, state }: { c: Ctx; state: FormState }) {
  const { t } = c.var;
  return (
    <>
      <TextField
        c={c}
        name="newPassword"
        type="password"
        label={t("auth.newPassword")}
        hint={t("auth.newPasswordHint", { min: MIN_PASSWORD_LENGTH })}
        autocomplete="new-password"
        required
        errors={state.errors}
      />
      <TextField
        c={c}
        name="newPasswordConfirmation"
        type="password"
        label={t("auth.passwordConfirmation")}
        autocomplete="new-password"
        required
        errors={state.errors}
      />
    </>
  );
}

function resetPage(c: Ctx, token: string, state: FormState = {}, status: 200 | 422 = 200) {
  const { t, locale } = c.var;
  return renderPage(
    c,
    {
      title: t("auth.resetTitle"),
      children: (
        <>
          <h1>{t("auth.resetTitle")}</h1>
          <ErrorSummary
            c={c}
            errors={state.errors}
            labels={{ newPassword: t("auth.newPassword"), newPasswordConfirmation: t("auth.passwordConfirmation") }}
          />
          <Form c={c} action={`/${locale}/password/reset/${token}`}>
            <PasswordFields c={c} state={state} />
            <SubmitButton label={t("auth.savePassword")} />
          </Form>
        </>
      ),
    },
    status,
  );
}

function acceptInvitationPage(c: Ctx, token: string, state: FormState, status: 200 | 422 = 200) {
  const { t, locale } = c.var;
  return renderPage(
    c,
    {
      title: t("auth.acceptTitle"),
      children: (
        <>
          <h1>{t("auth.acceptTitle")}</h1>
          <p>{t("auth.acceptIntro")}</p>
          <ErrorSummary
            c={c}
            errors={state.errors}
            labels={{
              name: t("auth.name"),
              newPassword: t("auth.newPassword"),
              newPasswordConfirmation: t("auth.passwordConfirmation"),
            }}
          />
          <Form c={c} action={`/${locale}/invitation/${token}`}>
            <TextField
              c={c}
              name="name"
              label={t("auth.name")}
              autocomplete="name"
              required
              errors={state.errors}
              values={state.values}
            />
            <PasswordFields c={c} state={state} />
            <SubmitButton label={t("auth.acceptButton")} />
          </Form>
        </>
      ),
    },
    status,
  );
}

async function invitePage(c: Ctx, org: OrganisationForInvitation, state: FormState = {}, status: 200 | 422 = 200) {
  const { t, locale } = c.var;
  const choices = await invitationChoices(c.var.deps.db, org.id);
  const values = state.values ?? { language: org.defaultLanguage, collegeId: choices.colleges[0]?.id ?? "" };
  const sent = c.req.method === "GET" ? c.req.query("sent") : undefined;
  const notice = sent === "1" ? t("auth.invitationSent") : sent === "0" ? t("auth.invitationNotMailed") : undefined;
  const title = `${t("auth.inviteTitle")} — ${org.name}`;
  const labels = {
    email: t("auth.email"),
    name: t("auth.name"),
    collegeId: t("auth.college"),
    officeId: t("auth.office"),
    language: t("auth.language"),
    shares: t("auth.shares"),
  };
  return renderPage(
    c,
    {
      title,
      notice,
      children: (
        <>
          <h1>{title}</h1>
          <p>{t("auth.inviteIntro", { days: Math.round(TOKEN_LIFETIME_MINUTES.invitation / (24 * 60)) })}</p>
          <ErrorSummary c={c} errors={state.errors} labels={labels} />
          <Form c={c} action={`/${locale}/admin/organisations/${org.slug}/members/invite`}>
            <TextField
              c={c}
              name="email"
              type="email"
              label={labels.email}
              autocomplete="off"
              required
              errors={state.errors}
              values={values}
            />
            <TextField
              c={c}
              name="name"
              label={labels.name}
              autocomplete="off"
              required
              errors={state.errors}
              values={values}
            />
            <SelectField
              c={c}
              name="collegeId"
              label={labels.collegeId}
              required
              errors={state.errors}
              values={values}
              options={choices.colleges.map((col) => ({ value: col.id, label: labelIn(col.labels, locale, col.key) }))}
            />
            <SelectField
              c={c}
              name="officeId"
              label={labels.officeId}
              emptyLabel={t("auth.noOffice")}
              errors={state.errors}
              values={values}
              options={choices.offices.map((o) => ({ value: o.id, label: o.name }))}
            />
            <SelectField
              c={c}
              name="language"
              label={labels.language}
              hint={t("auth.languageHint")}
              required
              errors={state.errors}
              values={values}
              options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
            />
            <CheckboxField
              c={c}
              name="isShareholder"
              label={t("auth.shareholder")}
              checked={values.isShareholder === "on"}
            />
            <TextField
              c={c}
              name="shares"
              label={labels.shares}
              hint={t("auth.sharesHint")}
              inputmode="numeric"
              errors={state.errors}
              values={values}
            />
            <SubmitButton label={t("auth.sendInvitation")} />
          </Form>
          <p>
            <a href={`/${locale}/admin/organisations/${org.slug}/members`}>{t("common.back")}</a>
          </p>
        </>
      ),
    },
    status,
  );
}

async function loadOrganisation(c: Ctx) {
  const org = await findOrganisationBySlug(c.var.deps.db, c.req.param("slug") ?? "");
  return org ? { resource: { type: "organisation" as const, organisationId: org.id }, data: org } : null;
}

export const authRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: "/sign-in",
    action: "site.view",
    handler: (c) => (c.var.actor.kind === "person" ? c.redirect(`/${c.var.locale}/account`, 303) : signInPage(c)),
  }),
  route({
    method: "POST",
    path: "/sign-in",
    action: "site.view",
    async handler(c) {
      const form = parseForm(signInSchema, await c.req.parseBody());
      if (!form.ok) return signInPage(c, form, 422);
      const outcome = await signInWithPassword(
        c.var.deps.db,
        form.data.email,
        form.data.password,
        c.var.deps.clientAddress(c),
        signInLimits(c.var.deps.env),
      );
      if (!outcome.ok) {
        if (outcome.reason === "rate_limited") return renderError(c, "tooMany", { minutes: outcome.retryMinutes });
        return signInPage(
          c,
          {
            errors: { _form: errorMessage("auth.invalidCredentials") },
            values: { email: form.data.email, next: form.data.next ?? "" },
          },
          422,
        );
      }
      if (c.var.session) await deleteSession(c.var.deps.db, c.var.session.idHash);
      await startSession(c, outcome.personId);
      const locale = isLocale(outcome.locale) ? outcome.locale : c.var.locale;
      return c.redirect(safeNext(form.data.next, `/${locale}/account`), 303);
    },
  }),
  route({
    method: "POST",
    path: "/sign-out",
    action: "site.view",
    async handler(c) {
      const session = c.var.session;
      if (session) {
        await deleteSession(c.var.deps.db, session.idHash);
        await c.var.deps.db.transaction((tx) =>
          appendAudit(tx, {
            actorId: session.personId,
            action: "auth.sign_out",
            subjectType: "person",
            subjectId: session.personId,
          }),
        );
      }
      clearSessionCookie(c);
      return c.redirect(`/${c.var.locale}/`, 303);
    },
  }),
  // Sign-in by e-mailed link. GET of the link only shows a button: mail scanners fetch links.
  route({
    method: "GET",
    path: "/sign-in/magic-link",
    action: "site.view",
    handler: (c) => linkRequestPage(c, "magic"),
  }),
  route({ method: "POST", path: "/sign-in/magic-link", action: "site.view", handler: (c) => requestLink(c, "magic") }),
  route({
    method: "GET",
    path: "/sign-in/magic-link/sent",
    action: "site.view",
    handler: (c) => linkSentPage(c, "magic"),
  }),
  route({
    method: "GET",
    path: "/sign-in/magic/:token",
    action: "site.view",
    async handler(c) {
      const token = c.req.param("token") ?? "";
      const state = await checkMagicLink(c.var.deps.db, token);
      if (!state.ok) return linkProblemPage(c, "magic", state.reason);
      const { t, locale } = c.var;
      return renderPage(c, {
        title: t("auth.magicConfirmTitle"),
        children: (
          <>
            <h1>{t("auth.magicConfirmTitle")}</h1>
            <p>{t("auth.magicConfirmBody")}</p>
            <Form c={c} action={`/${locale}/sign-in/magic/${token}`}>
              <SubmitButton label={t("auth.magicConfirmButton")} />
            </Form>
          </>
        ),
      });
    },
  }),
  route({
    method: "POST",
    path: "/sign-in/magic/:token",
    action: "site.view",
    async handler(c) {
      const outcome = await useMagicLink(c.var.deps.db, c.req.param("token") ?? "");
      if (!outcome.ok) return linkProblemPage(c, "magic", outcome.reason);
      return switchSessionTo(c, outcome.personId);
    },
  }),

  // Password reset.
  route({ method: "GET", path: "/password/forgot", action: "site.view", handler: (c) => linkRequestPage(c, "reset") }),
  route({ method: "POST", path: "/password/forgot", action: "site.view", handler: (c) => requestLink(c, "reset") }),
  route({
    method: "GET",
    path: "/password/forgot/sent",
    action: "site.view",
    handler: (c) => linkSentPage(c, "reset"),
  }),
  route({
    method: "GET",
    path: "/password/reset/:token",
    action: "site.view",
    async handler(c) {
      const token = c.req.param("token") ?? "";
      const state = await checkPasswordReset(c.var.deps.db, token);
      return state.ok ? resetPage(c, token) : linkProblemPage(c, "reset", state.reason);
    },
  }),
  route({
    method: "POST",
    path: "/password/reset/:token",
    action: "site.view",
    async handler(c) {
      const token = c.req.param("token") ?? "";
      const state = await checkPasswordReset(c.var.deps.db, token);
      if (!state.ok) return linkProblemPage(c, "reset", state.reason);
      // A refused form leaves the link usable.
      const form = parseForm(newPasswordSchema, await c.req.parseBody());
      if (!form.ok) return resetPage(c, token, form, 422);
      const outcome = await resetPassword(c.var.deps.db, token, form.data.newPassword);
      if (!outcome.ok) return linkProblemPage(c, "reset", outcome.reason);
      return switchSessionTo(c, outcome.personId);
    },
  }),

  // Invitations: an administrator invites, the person accepts by the e-mailed link.
  route({
    method: "GET",
    path: "/admin/organisations/:slug/members/invite",
    action: "members.manage",
    load: loadOrganisation,
    handler: (c, org) => invitePage(c, org),
  }),
  route({
    method: "POST",
    path: "/admin/organisations/:slug/members/invite",
    action: "members.manage",
    load: loadOrganisation,
    async handler(c, org) {
      const form = parseForm(inviteSchema, await c.req.parseBody());
      if (!form.ok) return invitePage(c, org, form, 422);
      const actor = c.var.actor;
      if (actor.kind !== "person") return renderError(c, "forbidden");
      const { db, mailer, logger, env } = c.var.deps;
      const outcome = await invitePerson(db, { mailer, logger, baseUrl: env.baseUrl }, actor.personId, {
        organisationId: org.id,
        ...form.data,
      });
      if (!outcome.ok) {
        const body = await c.req.parseBody();
        const values: Record<string, string> = {};
        for (const [k, v] of Object.entries(body)) if (typeof v === "string" && k !== "_csrf") values[k] = v;
        const errors: FieldErrors =
          outcome.reason === "already_member"
            ? { email: errorMessage("auth.alreadyMember", { organisation: org.name }) }
            : outcome.reason === "unknown_college"
              ? { collegeId: errorMessage("errors.invalidChoice") }
              : { officeId: errorMessage("errors.invalidChoice") };
        return invitePage(c, org, { errors, values }, 422);
      }
      return c.redirect(
        `/${c.var.locale}/admin/organisations/${org.slug}/members/invite?sent=${outcome.mailed ? "1" : "0"}`,
        303,
      );
    },
  }),
  route({
    method: "GET",
    path: "/invitation/:token",
    action: "site.view",
    async handler(c) {
      const token = c.req.param("token") ?? "";
      const state = await checkInvitation(c.var.deps.db, token);
      if (!state.ok) return linkProblemPage(c, "invitation", state.reason);
      return acceptInvitationPage(c, token, { values: { name: state.name } });
    },
  }),
  route({
    method: "POST",
    path: "/invitation/:token",
    action: "site.view",
    async handler(c) {
      const token = c.req.param("token") ?? "";
      const state = await checkInvitation(c.var.deps.db, token);
      if (!state.ok) return linkProblemPage(c, "invitation", state.reason);
      const form = parseForm(acceptInvitationSchema, await c.req.parseBody());
      if (!form.ok) return acceptInvitationPage(c, token, form, 422);
      const outcome = await acceptInvitation(c.var.deps.db, token, {
        name: form.data.name,
        password: form.data.newPassword,
      });
      if (!outcome.ok) return linkProblemPage(c, "invitation", outcome.reason);
      return switchSessionTo(c, outcome.personId);
    },
  }),
];
