import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { ItemContext, SiteItemContext } from "../../../commands/assemblies/load.js";
import {
  collegeKeys,
  enterPaperCounts,
  paperTalliesOf,
  siteCapacity,
  type PaperCount,
} from "../../../commands/assemblies/paper.js";
import { castVotes, voteRights } from "../../../commands/assemblies/vote.js";
import { VOTE_CHOICES, type VoteChoice } from "../../../db/schema/index.js";
import { formatReceipt, normaliseReceipt, trackerOf } from "../../../domain/ballots/receipt.js";
import { ErrorSummary, Form, SubmitButton } from "../../components/form.js";
import { renderPage } from "../../components/layout.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute } from "../../routing.js";
import { errorMessage, explain, type FieldErrors } from "../../validation.js";
import { formBody } from "../admin/shared.js";
import { actorId, CHOICE_LABEL, ID, itemPath, loadItem, loadPaper, redirectWith } from "./shared.js";

const RECEIPT_COOKIE = "lc_assembly_receipt";

function receiptPath(c: Ctx, context: ItemContext) {
  return itemPath(c, context.assembly.id, context.item.id, "/receipt");
}

async function votePage(
  c: Ctx,
  context: ItemContext,
  state: { values?: Record<string, string>; errors?: FieldErrors } = {},
  status: 200 | 409 | 422 = 200,
) {
  const { t } = c.var;
  const { assembly, item } = context;
  const rights = await voteRights(c.var.deps.db, context, actorId(c));
  const open = rights.filter((r) => !r.voted);
  const title = t("assemblies.voteTitle", { title: item.title });
  return renderPage(
    c,
    {
      title,
      children: (
        <>
          <p class="breadcrumb">
            <a href={itemPath(c, assembly.id, item.id)}>{item.title}</a>
          </p>
          <h1>{title}</h1>
          <p class="hint">{t(item.secret ? "assemblies.voteSecretHint" : "assemblies.voteNamedHint")}</p>
          <ErrorSummary c={c} errors={state.errors} labels={{}} />
          {rights
            .filter((r) => r.voted)
            .map((r) => (
              <p>{t(r.proxy ? "assemblies.alreadyVotedFor" : "assemblies.alreadyVotedSelf", { name: r.name })}</p>
            ))}
          {open.length === 0 ? (
            <p>{t("assemblies.nothingLeft")}</p>
          ) : (
            <Form c={c} action={itemPath(c, assembly.id, item.id, "/vote")}>
              {open.map((r) => {
                const name = `choice_${r.personId}`;
                const error = state.errors?.[name];
                return (
                  <fieldset id={`field-${name}`} class={error ? "field has-error" : "field"}>
                    <legend>{r.proxy ? t("assemblies.voteFor", { name: r.name }) : t("assemblies.voteSelf")}</legend>
                    {error && <p class="error">{explain(t, error)}</p>}
                    {VOTE_CHOICES.map((choice) => (
                      <div class="field radio">
                        <input
                          type="radio"
                          id={`${name}-${choice}`}
                          name={name}
                          value={choice}
                          checked={state.values?.[name] === choice}
                        />
                        <label for={`${name}-${choice}`}>{t(CHOICE_LABEL[choice])}</label>
                      </div>
                    ))}
                  </fieldset>
                );
              })}
              <SubmitButton label={t("assemblies.castVote")} />
            </Form>
          )}
        </>
      ),
    },
    status,
  );
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseChoices(body: Record<string, string | string[]>) {
  const choices = new Map<string, VoteChoice>();
  const errors: FieldErrors = {};
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (!key.startsWith("choice_")) continue;
    const personId = key.slice("choice_".length);
    if (!UUID_RE.test(personId)) {
      errors._form = errorMessage("assemblies.voteNotYours");
      continue;
    }
    if (typeof value !== "string" || !(VOTE_CHOICES as readonly string[]).includes(value)) {
      errors[key] = errorMessage("assemblies.invalidChoice");
      continue;
    }
    values[key] = value;
    choices.set(personId.toLowerCase(), value as VoteChoice);
  }
  return { choices, errors, values };
}

function paperValues(keys: string[], rows: Array<{ collegeKey: string; yes: number; no: number; abstain: number }>) {
  const values: Record<string, string> = {};
  for (const key of keys) {
    const row = rows.find((r) => r.collegeKey === key);
    for (const choice of VOTE_CHOICES) values[`${choice}_${key}`] = row ? String(row[choice]) : "";
  }
  return values;
}

async function paperPage(
  c: Ctx,
  context: SiteItemContext,
  state: { values?: Record<string, string>; errors?: FieldErrors } = {},
  status: 200 | 409 | 422 = 200,
) {
  const { t } = c.var;
  const db = c.var.deps.db;
  const { assembly, item, site } = context;
  const [keys, capacity, existing] = await Promise.all([
    collegeKeys(db, assembly.organisationId),
    siteCapacity(db, assembly.id, site.id),
    paperTalliesOf(db, item.id, site.id),
  ]);
  const values = state.values ?? paperValues(keys, existing);
  const title = t("assemblies.paperTitle", { title: item.title, site: site.name });
  return renderPage(
    c,
    {
      title,
      children: (
        <>
          <p class="breadcrumb">
            <a href={itemPath(c, assembly.id, item.id)}>{item.title}</a>
          </p>
          <h1>{title}</h1>
          <p class="hint">{t("assemblies.paperHint")}</p>
          {existing.length > 0 && <p class="notice">{t("assemblies.paperReplaces")}</p>}
          <ErrorSummary c={c} errors={state.errors} labels={{}} />
          <Form c={c} action={itemPath(c, assembly.id, item.id, `/paper/${site.id}`)}>
            {keys.map((key) => {
              const cap = capacity.get(key) ?? { present: 0, represented: 0 };
              const collegeError = state.errors?.[`college_${key}`];
              return (
                <fieldset id={`field-college_${key}`} class={collegeError ? "field has-error" : "field"}>
                  <legend>{t("assemblies.paperCollege", { college: key, max: cap.present + cap.represented })}</legend>
                  {collegeError && <p class="error">{explain(t, collegeError)}</p>}
                  {VOTE_CHOICES.map((choice) => {
                    const name = `${choice}_${key}`;
                    const error = state.errors?.[name];
                    return (
                      <div class={error ? "field has-error" : "field"}>
                        <label for={`field-${name}`}>{t(CHOICE_LABEL[choice])}</label>
                        {error && (
                          <p class="error" id={`field-${name}-error`}>
                            {explain(t, error)}
                          </p>
                        )}
                        <input
                          id={`field-${name}`}
                          name={name}
                          type="text"
                          inputmode="numeric"
                          maxlength={7}
                          value={values[name] ?? ""}
                          aria-invalid={error ? "true" : undefined}
                          aria-describedby={error ? `field-${name}-error` : undefined}
                        />
                      </div>
                    );
                  })}
                </fieldset>
              );
            })}
            <SubmitButton label={t("assemblies.savePaper")} />
          </Form>
        </>
      ),
    },
    status,
  );
}

export const voteRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: `/assemblies/:assemblyId${ID}/items/:agendaItemId${ID}/vote`,
    action: "assembly.vote",
    load: loadItem,
    handler: (c, context) => votePage(c, context),
  }),
  route({
    method: "POST",
    path: `/assemblies/:assemblyId${ID}/items/:agendaItemId${ID}/vote`,
    action: "assembly.vote",
    load: loadItem,
    async handler(c, context) {
      const body = await formBody(c);
      const { choices, errors, values } = parseChoices(body);
      if (Object.keys(errors).length > 0) return votePage(c, context, { values, errors }, 422);
      const outcome = await castVotes(c.var.deps.db, context, actorId(c), choices);
      if (!outcome.ok) {
        const key = {
          not_open: "assemblies.refusedItemClosed",
          not_present: "assemblies.refusedNotPresent",
          not_yours: "assemblies.voteNotYours",
          nothing_chosen: "assemblies.nothingChosen",
        }[outcome.reason] as Parameters<typeof errorMessage>[0];
        return votePage(
          c,
          context,
          { values, errors: { _form: errorMessage(key) } },
          outcome.reason === "not_open" ? 409 : 422,
        );
      }
      if (outcome.cast.length === 0)
        return votePage(c, context, { errors: { _form: errorMessage("assemblies.alreadyVotedAll") } }, 409);
      if (!context.item.secret) return redirectWith(c, itemPath(c, context.assembly.id, context.item.id), "voted");
      const codes = outcome.cast.map((v) => normaliseReceipt(v.receipt ?? "")).filter((x) => x !== null);
      setCookie(c, RECEIPT_COOKIE, `${context.item.id}.${codes.join("~")}`, {
        path: receiptPath(c, context),
        httpOnly: true,
        sameSite: "Strict",
        secure: c.var.deps.env.baseUrl.startsWith("https://"),
        maxAge: 15 * 60,
      });
      return c.redirect(receiptPath(c, context), 303);
    },
  }),
  route({
    method: "GET",
    path: `/assemblies/:assemblyId${ID}/items/:agendaItemId${ID}/receipt`,
    action: "assembly.view",
    load: loadItem,
    handler(c, context) {
      const { t } = c.var;
      const cookie = getCookie(c, RECEIPT_COOKIE) ?? "";
      deleteCookie(c, RECEIPT_COOKIE, { path: receiptPath(c, context) });
      const [id, joined = ""] = cookie.split(".", 2);
      const codes = id === context.item.id ? joined.split("~").filter((x) => normaliseReceipt(x) !== null) : [];
      const title = t(codes.length > 0 ? "assemblies.receiptTitle" : "assemblies.receiptGone");
      return renderPage(c, {
        title,
        children: (
          <>
            <h1>{title}</h1>
            {codes.length === 0 ? (
              <p>{t("assemblies.receiptGoneBody")}</p>
            ) : (
              <>
                <p class="notice">{t("assemblies.receiptRecorded", { title: context.item.title })}</p>
                <p>
                  <strong>{t("assemblies.receiptKeep")}</strong>
                </p>
                <ul>
                  {codes.map((code) => (
                    <li>
                      <span class="receipt-code">{formatReceipt(code)}</span> — {t("assemblies.trackerIs")}{" "}
                      <code>{trackerOf(code).slice(0, 16)}…</code>
                    </li>
                  ))}
                </ul>
                <p>{t("assemblies.receiptCheck")}</p>
              </>
            )}
            <p>
              <a href={itemPath(c, context.assembly.id, context.item.id)}>{t("assemblies.backToItem")}</a>
            </p>
          </>
        ),
      });
    },
  }),
  route({
    method: "GET",
    path: `/assemblies/:assemblyId${ID}/items/:agendaItemId${ID}/paper/:assemblySiteId${ID}`,
    action: "assembly.enter_paper",
    load: loadPaper,
    handler: (c, context) => paperPage(c, context),
  }),
  route({
    method: "POST",
    path: `/assemblies/:assemblyId${ID}/items/:agendaItemId${ID}/paper/:assemblySiteId${ID}`,
    action: "assembly.enter_paper",
    load: loadPaper,
    async handler(c, context) {
      const body = await formBody(c);
      const keys = await collegeKeys(c.var.deps.db, context.assembly.organisationId);
      const errors: FieldErrors = {};
      const values: Record<string, string> = {};
      const counts = new Map<string, PaperCount>();
      for (const key of keys) {
        const count: PaperCount = { yes: 0, no: 0, abstain: 0 };
        for (const choice of VOTE_CHOICES) {
          const name = `${choice}_${key}`;
          const raw = typeof body[name] === "string" ? (body[name] as string).trim() : "";
          values[name] = raw;
          if (raw === "") continue;
          if (!/^\d{1,7}$/.test(raw)) errors[name] = errorMessage("assemblies.paperInvalid");
          else count[choice] = Number(raw);
        }
        counts.set(key, count);
      }
      if (Object.keys(errors).length > 0) return paperPage(c, context, { values, errors }, 422);
      const outcome = await enterPaperCounts(c.var.deps.db, actorId(c), context, counts);
      if (!outcome.ok) {
        if (outcome.reason === "not_open")
          return paperPage(
            c,
            context,
            { values, errors: { _form: errorMessage("assemblies.refusedItemClosed") } },
            409,
          );
        const tooMany: FieldErrors = {};
        for (const key of outcome.colleges) tooMany[`college_${key}`] = errorMessage("assemblies.paperTooMany");
        return paperPage(c, context, { values, errors: tooMany }, 422);
      }
      return redirectWith(c, itemPath(c, context.assembly.id, context.item.id), "paper");
    },
  }),
];
