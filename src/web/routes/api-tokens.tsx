import { inArray } from "drizzle-orm";
import { z } from "zod";
import {
  createApiToken,
  findApiToken,
  listApiTokens,
  MAX_ACTIVE_TOKENS,
  revokeApiToken,
  type ApiToken,
} from "../../api/tokens.js";
import { persons } from "../../db/schema/index.js";
import { formatDate } from "../../i18n/format.js";
import { can } from "../../policies/can.js";
import { ErrorSummary, Form, SubmitButton, TextField } from "../components/form.js";
import { renderPage } from "../components/layout.js";
import type { Ctx } from "../context.js";
import { route, type AnyRoute, type Loaded } from "../routing.js";
import { ID } from "./admin/shared.js";
import { errorMessage, field, parseForm, type FieldErrors } from "../validation.js";

const nameSchema = z.object({ name: field.text(80) });

function personIdOf(c: Ctx): string {
  const actor = c.var.actor;
  if (actor.kind !== "person") throw new Error("a signed-in person only: can() refuses visitors first");
  return actor.personId;
}

async function loadToken(c: Ctx): Promise<Loaded<ApiToken> | null> {
  const id = c.req.param("tokenId") ?? "";
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const token = await findApiToken(c.var.deps.db, id);
  return token ? { resource: { type: "api_token", ownerId: token.personId }, data: token } : null;
}

function TokenTable({ c, tokens, owners }: { c: Ctx; tokens: ApiToken[]; owners: Map<string, string> | null }) {
  const { t, locale } = c.var;
  if (tokens.length === 0) return <p>{t("apiTokens.none")}</p>;
  const back = owners ? `/${locale}/admin/api-tokens` : `/${locale}/account/api-tokens`;
  return (
    <div class="table-scroll">
      <table>
        <caption>{t("apiTokens.listCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("apiTokens.colName")}</th>
            {owners && <th scope="col">{t("apiTokens.colOwner")}</th>}
            <th scope="col">{t("apiTokens.colStart")}</th>
            <th scope="col">{t("apiTokens.colCreated")}</th>
            <th scope="col">{t("apiTokens.colLastUsed")}</th>
            <th scope="col">{t("apiTokens.colState")}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((tok) => (
            <tr>
              <th scope="row">{tok.name}</th>
              {owners && <td>{owners.get(tok.personId) ?? ""}</td>}
              <td>
                <code>{tok.prefix}…</code>
              </td>
              <td>{formatDate(locale, tok.createdAt)}</td>
              <td>{tok.lastUsedAt ? formatDate(locale, tok.lastUsedAt) : t("apiTokens.neverUsed")}</td>
              <td>
                {tok.revokedAt ? (
                  t("apiTokens.revokedOn", { date: formatDate(locale, tok.revokedAt) })
                ) : (
                  <Form c={c} action={`/${locale}/api-tokens/${tok.id}/revoke`} class="inline">
                    <input type="hidden" name="back" value={back} />
                    <button type="submit" class="secondary">
                      {t("apiTokens.revoke", { name: tok.name })}
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

async function accountTokensPage(
  c: Ctx,
  state: { created?: string; errors?: FieldErrors; values?: Record<string, string> } = {},
) {
  const { t, locale } = c.var;
  const tokens = await listApiTokens(c.var.deps.db, personIdOf(c));
  const title = t("apiTokens.title");
  return renderPage(
    c,
    {
      title,
      notice: c.req.query("done") === "revoked" ? t("apiTokens.noticeRevoked") : undefined,
      children: (
        <>
          <p class="breadcrumb">
            <a href={`/${locale}/account`}>{t("account.title")}</a>
          </p>
          <h1>{title}</h1>
          <p>{t("apiTokens.lead")}</p>
          {state.created && (
            <section aria-labelledby="new-token" class="notice" role="status">
              <h2 id="new-token">{t("apiTokens.createdHeading")}</h2>
              <p>{t("apiTokens.createdBody")}</p>
              <p>
                <code class="secret">{state.created}</code>
              </p>
            </section>
          )}
          <ErrorSummary c={c} errors={state.errors} labels={{ name: t("apiTokens.fieldName") }} />
          <Form c={c} action={`/${locale}/account/api-tokens`}>
            <TextField
              c={c}
              name="name"
              label={t("apiTokens.fieldName")}
              hint={t("apiTokens.nameHint")}
              maxlength={80}
              required
              errors={state.errors}
              values={state.values}
            />
            <SubmitButton label={t("apiTokens.create")} />
          </Form>
          <TokenTable c={c} tokens={tokens} owners={null} />
        </>
      ),
    },
    state.errors ? 422 : 200,
  );
}

async function adminTokensPage(c: Ctx) {
  const { t, locale } = c.var;
  const db = c.var.deps.db;
  const tokens = await listApiTokens(db, null);
  const ids = [...new Set(tokens.map((tok) => tok.personId))];
  const people =
    ids.length === 0
      ? []
      : await db.select({ id: persons.id, name: persons.name }).from(persons).where(inArray(persons.id, ids));
  const title = t("apiTokens.adminLink");
  return renderPage(c, {
    title,
    notice: c.req.query("done") === "revoked" ? t("apiTokens.noticeRevoked") : undefined,
    children: (
      <>
        <p class="breadcrumb">
          <a href={`/${locale}/admin`}>{t("admin.homeTitle")}</a>
        </p>
        <h1>{title}</h1>
        <TokenTable c={c} tokens={tokens} owners={new Map(people.map((p) => [p.id, p.name]))} />
      </>
    ),
  });
}

export const apiTokenRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: "/account/api-tokens",
    action: "api_token.create",
    handler: (c) => accountTokensPage(c),
  }),
  route({
    method: "POST",
    path: "/account/api-tokens",
    action: "api_token.create",
    async handler(c) {
      const body = await c.req.parseBody();
      const form = parseForm(nameSchema, body);
      const values = { name: typeof body.name === "string" ? body.name : "" };
      if (!form.ok) return accountTokensPage(c, { errors: form.errors, values });
      // The token is shown on this answer only: the database keeps its hash.
      const created = await createApiToken(c.var.deps.db, personIdOf(c), form.data.name);
      if (!created.ok)
        return accountTokensPage(c, {
          errors: { name: errorMessage("apiTokens.tooMany", { max: MAX_ACTIVE_TOKENS }) },
          values,
        });
      return accountTokensPage(c, { created: created.token });
    },
  }),
  route({
    method: "GET",
    path: "/admin/api-tokens",
    action: "api_token.administer",
    handler: (c) => adminTokensPage(c),
  }),
  route({
    method: "POST",
    path: `/api-tokens/:tokenId${ID}/revoke`,
    action: "api_token.revoke",
    load: loadToken,
    async handler(c, token) {
      await revokeApiToken(c.var.deps.db, token.id, personIdOf(c));
      const body = await c.req.parseBody();
      const locale = c.var.locale;
      const back =
        body.back === `/${locale}/admin/api-tokens` && can(c.var.actor, "api_token.administer")
          ? `/${locale}/admin/api-tokens`
          : `/${locale}/account/api-tokens`;
      return c.redirect(`${back}?done=revoked`, 303);
    },
  }),
];
