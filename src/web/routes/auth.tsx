import { z } from "zod";
import { appendAudit } from "../../audit/log.js";
import { deleteSession } from "../../auth/sessions.js";
import { signInWithPassword } from "../../commands/sign-in.js";
import { isLocale } from "../../i18n/locales.js";
import { renderError } from "../components/error-page.js";
import { ErrorSummary, Form, SubmitButton, TextField } from "../components/form.js";
import { renderPage } from "../components/layout.js";
import type { Ctx } from "../context.js";
import { clearSessionCookie, startSession } from "../middleware/session.js";
import { route, safeNext, type AnyRoute } from "../routing.js";
import { errorMessage, field, parseForm, type FieldErrors } from "../validation.js";

const signInSchema = z.object({
  email: field.email(),
  password: z.string().min(1, { error: errorMessage("errors.required") }).max(200, { error: errorMessage("errors.tooLong", { max: 200 }) }),
  next: z.string().max(500).optional(),
});

function signInPage(c: Ctx, state: { errors?: FieldErrors; values?: Record<string, string> } = {}, status: 200 | 422 = 200) {
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
            <TextField c={c} name="email" type="email" label={t("auth.email")} autocomplete="username" required errors={state.errors} values={state.values} />
            <TextField c={c} name="password" type="password" label={t("auth.password")} autocomplete="current-password" required errors={state.errors} />
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
      const outcome = await signInWithPassword(c.var.deps.db, form.data.email, form.data.password, c.var.deps.clientAddress(c));
      if (!outcome.ok) {
        if (outcome.reason === "rate_limited") return renderError(c, "tooMany", { minutes: outcome.retryMinutes });
        return signInPage(c, { errors: { _form: errorMessage("auth.invalidCredentials") }, values: { email: form.data.email, next: form.data.next ?? "" } }, 422);
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
          appendAudit(tx, { actorId: session.personId, action: "auth.sign_out", subjectType: "person", subjectId: session.personId }),
        );
      }
      clearSessionCookie(c);
      return c.redirect(`/${c.var.locale}/`, 303);
    },
  }),
];
