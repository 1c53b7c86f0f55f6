import { z } from "zod";
import {
  addItem,
  addSite,
  addTeller,
  closeAssembly,
  createAssembly,
  cyclesOfOrganisation,
  moveItem,
  openAssembly,
  openItem,
  schedulableProposals,
  type ItemInput,
} from "../../../commands/assemblies/admin.js";
import { closeItem } from "../../../commands/assemblies/close.js";
import type { AssemblyContext, ItemContext } from "../../../commands/assemblies/load.js";
import { itemsOf, listAssemblies, sitesOf, tellersOf } from "../../../commands/assemblies/read.js";
import { findCycleById } from "../../../commands/cycles/read.js";
import type { Organisation } from "../../../commands/organisations.js";
import type { MessageKey } from "../../../i18n/index.js";
import {
  CheckboxField,
  ErrorSummary,
  Form,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
} from "../../components/form.js";
import { renderPage } from "../../components/layout.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute } from "../../routing.js";
import { errorMessage, field, parseForm, type FieldErrors } from "../../validation.js";
import { formBody, loadOrganisation, textValues } from "../admin/shared.js";
import { Day } from "../cycles/shared.js";
import {
  actorId,
  adminAssemblyPath,
  ASSEMBLY_STATUS,
  assemblyPath,
  ID,
  ITEM_STATUS,
  itemPath,
  loadAssembly,
  loadItem,
  noticeOf,
  orgAssembliesAdminPath,
  redirectWith,
} from "./shared.js";

interface FormState {
  values: Record<string, string>;
  errors?: FieldErrors;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (v: string) =>
  ISO_DAY.test(v) &&
  !Number.isNaN(Date.parse(`${v}T12:00:00Z`)) &&
  new Date(`${v}T12:00:00Z`).toISOString().startsWith(v);

const assemblySchema = z.object({
  title: field.text(200),
  heldOn: z
    .string({ error: errorMessage("errors.required") })
    .trim()
    .min(1, { error: errorMessage("errors.required") })
    .refine(validDay, { error: errorMessage("assemblies.invalidDate") }),
  cycleId: field.optionalText(100),
});

const siteSchema = z.object({
  name: field.text(120),
  city: field.optionalText(120),
  voting: field.choice(["online", "paper"] as const),
});

const tellerSchema = z.object({ email: field.email(), siteId: field.optionalText(100) });

const itemSchema = z.object({
  kind: field.choice(["proposal", "statutory"] as const),
  proposalId: field.optionalText(100),
  title: field.optionalText(200),
  description: field.optionalText(5000),
  decisionKind: field.choice(["ordinary", "extraordinary"] as const),
  secret: field.checkbox(),
});

async function orgCycles(c: Ctx, org: Organisation) {
  const ids = await cyclesOfOrganisation(c.var.deps.db, org.id);
  const cycles = await Promise.all(ids.map((id) => findCycleById(c.var.deps.db, id)));
  return cycles.filter((x) => x !== null);
}

async function listPage(c: Ctx, org: Organisation) {
  const { t } = c.var;
  const rows = await listAssemblies(c.var.deps.db, org.id, { drafts: true });
  const title = t("assemblies.adminListTitle", { name: org.name });
  return renderPage(c, {
    title,
    children: (
      <>
        <h1>{title}</h1>
        <p>
          <a href={orgAssembliesAdminPath(c, org.slug, "/new")}>{t("assemblies.newLink")}</a>
        </p>
        {rows.length === 0 ? (
          <p>{t("assemblies.none")}</p>
        ) : (
          <ul>
            {rows.map((a) => (
              <li>
                <a href={adminAssemblyPath(c, a.id)}>{a.title}</a> — <Day c={c} iso={a.heldOn} /> (
                {t(ASSEMBLY_STATUS[a.status])})
              </li>
            ))}
          </ul>
        )}
      </>
    ),
  });
}

function assemblyLabels(c: Ctx): Record<string, string> {
  const { t } = c.var;
  return {
    title: t("assemblies.title"),
    heldOn: t("assemblies.heldOn"),
    cycleId: t("assemblies.cycle"),
    name: t("assemblies.siteName"),
    city: t("assemblies.siteCity"),
    voting: t("assemblies.siteVoting"),
    email: t("assemblies.memberEmail"),
    siteId: t("assemblies.site"),
    kind: t("assemblies.itemKind"),
    proposalId: t("assemblies.proposal"),
    description: t("assemblies.description"),
    decisionKind: t("assemblies.decisionKind"),
  };
}

async function newPage(c: Ctx, org: Organisation, state: FormState, status: 200 | 409 | 422 = 200) {
  const { t } = c.var;
  const cycles = await orgCycles(c, org);
  const title = t("assemblies.newTitle", { name: org.name });
  return renderPage(
    c,
    {
      title,
      children: (
        <>
          <h1>{title}</h1>
          <ErrorSummary c={c} errors={state.errors} labels={assemblyLabels(c)} />
          <Form c={c} action={orgAssembliesAdminPath(c, org.slug, "/new")}>
            <TextField
              c={c}
              name="title"
              label={t("assemblies.title")}
              required
              maxlength={200}
              errors={state.errors}
              values={state.values}
            />
            <TextField
              c={c}
              type="date"
              name="heldOn"
              label={t("assemblies.heldOn")}
              required
              errors={state.errors}
              values={state.values}
            />
            <SelectField
              c={c}
              name="cycleId"
              label={t("assemblies.cycle")}
              hint={t("assemblies.cycleHint")}
              emptyLabel={t("assemblies.noCycle")}
              errors={state.errors}
              values={state.values}
              options={cycles.map((cy) => ({ value: cy.id, label: cy.name }))}
            />
            <SubmitButton label={t("assemblies.create")} />
          </Form>
          <p>
            <a href={orgAssembliesAdminPath(c, org.slug)}>{t("assemblies.backToList")}</a>
          </p>
        </>
      ),
    },
    status,
  );
}

type Section = "site" | "teller" | "item" | "actions";
interface ManageState {
  section?: Section;
  values?: Record<string, string>;
  errors?: FieldErrors;
}

async function managePage(c: Ctx, context: AssemblyContext, state: ManageState = {}, status: 200 | 409 | 422 = 200) {
  const { t } = c.var;
  const db = c.var.deps.db;
  const { assembly } = context;
  const [sites, tellers, items, proposals] = await Promise.all([
    sitesOf(db, assembly.id),
    tellersOf(db, assembly.id),
    itemsOf(db, assembly.id),
    schedulableProposals(db, context),
  ]);
  const title = t("assemblies.manageTitle", { title: assembly.title });
  const values = (s: Section, defaults: Record<string, string>) =>
    state.section === s ? (state.values ?? defaults) : defaults;
  const errors = (s: Section) => (state.section === s ? state.errors : undefined);
  const editable = assembly.status !== "closed";
  const siteName = new Map(sites.map((s) => [s.id, s.name]));
  return renderPage(
    c,
    {
      title,
      notice: status === 200 ? noticeOf(c) : undefined,
      children: (
        <>
          <p class="breadcrumb">
            <a href={orgAssembliesAdminPath(c, context.organisation.slug)}>{t("assemblies.backToList")}</a>
          </p>
          <h1>{title}</h1>
          <p>
            <Day c={c} iso={assembly.heldOn} /> — {t(ASSEMBLY_STATUS[assembly.status])}
          </p>
          <ErrorSummary c={c} errors={state.errors} labels={assemblyLabels(c)} />
          <ul>
            <li>
              <a href={assemblyPath(c, assembly.id)}>{t("assemblies.publicPage")}</a>
            </li>
            {assembly.status === "open" && (
              <li>
                <a href={assemblyPath(c, assembly.id, "/desk")}>{t("assemblies.deskLink")}</a>
              </li>
            )}
          </ul>
          {assembly.status === "draft" && (
            <Form c={c} action={adminAssemblyPath(c, assembly.id, "/open")}>
              <p class="hint">{t("assemblies.openHint")}</p>
              <SubmitButton label={t("assemblies.openAssembly")} />
            </Form>
          )}
          {assembly.status === "open" && (
            <Form c={c} action={adminAssemblyPath(c, assembly.id, "/close")}>
              <p class="hint">{t("assemblies.closeHint")}</p>
              <SubmitButton label={t("assemblies.closeAssembly")} />
            </Form>
          )}

          <h2 id="agenda">{t("assemblies.agenda")}</h2>
          {items.length === 0 ? (
            <p>{t("assemblies.noItems")}</p>
          ) : (
            <ol>
              {items.map((item, index) => (
                <li>
                  <a href={itemPath(c, assembly.id, item.id)}>{item.title}</a> — {t(ITEM_STATUS[item.status])},{" "}
                  {t(item.decisionKind === "ordinary" ? "assemblies.ordinary" : "assemblies.extraordinary")},{" "}
                  {t(item.secret ? "assemblies.secret" : "assemblies.named")}
                  <div class="inline-actions">
                    {editable && index > 0 && (
                      <Form c={c} action={adminAssemblyPath(c, assembly.id, `/items/${item.id}/move`)} class="inline">
                        <input type="hidden" name="direction" value="up" />
                        <button
                          type="submit"
                          class="secondary"
                          aria-label={t("assemblies.moveUpOf", { title: item.title })}
                        >
                          {t("assemblies.moveUp")}
                        </button>
                      </Form>
                    )}
                    {editable && index < items.length - 1 && (
                      <Form c={c} action={adminAssemblyPath(c, assembly.id, `/items/${item.id}/move`)} class="inline">
                        <input type="hidden" name="direction" value="down" />
                        <button
                          type="submit"
                          class="secondary"
                          aria-label={t("assemblies.moveDownOf", { title: item.title })}
                        >
                          {t("assemblies.moveDown")}
                        </button>
                      </Form>
                    )}
                    {assembly.status === "open" && item.status === "pending" && (
                      <Form c={c} action={adminAssemblyPath(c, assembly.id, `/items/${item.id}/open`)} class="inline">
                        <button type="submit" aria-label={t("assemblies.openItemOf", { title: item.title })}>
                          {t("assemblies.openItem")}
                        </button>
                      </Form>
                    )}
                    {item.status === "open" && (
                      <Form c={c} action={adminAssemblyPath(c, assembly.id, `/items/${item.id}/close`)} class="inline">
                        <button type="submit" aria-label={t("assemblies.closeItemOf", { title: item.title })}>
                          {t("assemblies.closeItem")}
                        </button>
                      </Form>
                    )}
                  </div>
                </li>
              ))}
            </ol>
          )}
          {editable && (
            <>
              <h3>{t("assemblies.addItem")}</h3>
              <Form c={c} action={adminAssemblyPath(c, assembly.id, "/items")}>
                <SelectField
                  c={c}
                  name="kind"
                  label={t("assemblies.itemKind")}
                  required
                  errors={errors("item")}
                  values={values("item", { kind: proposals.length > 0 ? "proposal" : "statutory" })}
                  options={[
                    { value: "proposal", label: t("assemblies.kind_proposal") },
                    { value: "statutory", label: t("assemblies.kind_statutory") },
                  ]}
                />
                <SelectField
                  c={c}
                  name="proposalId"
                  label={t("assemblies.proposal")}
                  hint={t("assemblies.proposalHint")}
                  emptyLabel={t("assemblies.chooseProposal")}
                  errors={errors("item")}
                  values={values("item", {})}
                  options={proposals.map((p) => ({ value: p.id, label: `${p.number}. ${p.title}` }))}
                />
                <TextField
                  c={c}
                  name="title"
                  label={t("assemblies.itemTitle")}
                  hint={t("assemblies.itemTitleHint")}
                  maxlength={200}
                  errors={errors("item")}
                  values={values("item", {})}
                />
                <TextAreaField
                  c={c}
                  name="description"
                  label={t("assemblies.description")}
                  maxlength={5000}
                  errors={errors("item")}
                  values={values("item", {})}
                />
                <SelectField
                  c={c}
                  name="decisionKind"
                  label={t("assemblies.decisionKind")}
                  hint={t("assemblies.decisionKindHint")}
                  required
                  errors={errors("item")}
                  values={values("item", { decisionKind: "ordinary" })}
                  options={[
                    { value: "ordinary", label: t("assemblies.ordinary") },
                    { value: "extraordinary", label: t("assemblies.extraordinary") },
                  ]}
                />
                <CheckboxField
                  c={c}
                  name="secret"
                  label={t("assemblies.secretVote")}
                  hint={t("assemblies.secretHint")}
                  checked={values("item", { secret: "on" }).secret === "on"}
                />
                <SubmitButton label={t("assemblies.addItem")} />
              </Form>
            </>
          )}

          <h2 id="sites">{t("assemblies.sites")}</h2>
          {sites.length === 0 ? (
            <p>{t("assemblies.noSites")}</p>
          ) : (
            <ul>
              {sites.map((s) => (
                <li>
                  {s.name}
                  {s.city ? ` (${s.city})` : ""} —{" "}
                  {t(s.voting === "online" ? "assemblies.voting_online" : "assemblies.voting_paper")}
                </li>
              ))}
            </ul>
          )}
          {editable && (
            <>
              <h3>{t("assemblies.addSite")}</h3>
              <Form c={c} action={adminAssemblyPath(c, assembly.id, "/sites")}>
                <TextField
                  c={c}
                  name="name"
                  label={t("assemblies.siteName")}
                  required
                  maxlength={120}
                  errors={errors("site")}
                  values={values("site", {})}
                />
                <TextField
                  c={c}
                  name="city"
                  label={t("assemblies.siteCity")}
                  maxlength={120}
                  errors={errors("site")}
                  values={values("site", {})}
                />
                <SelectField
                  c={c}
                  name="voting"
                  label={t("assemblies.siteVoting")}
                  hint={t("assemblies.siteVotingHint")}
                  required
                  errors={errors("site")}
                  values={values("site", { voting: "online" })}
                  options={[
                    { value: "online", label: t("assemblies.voting_online") },
                    { value: "paper", label: t("assemblies.voting_paper") },
                  ]}
                />
                <SubmitButton label={t("assemblies.addSite")} />
              </Form>
            </>
          )}

          <h2 id="tellers">{t("assemblies.tellers")}</h2>
          {tellers.length === 0 ? (
            <p>{t("assemblies.noTellers")}</p>
          ) : (
            <ul>
              {tellers.map((tel) => (
                <li>
                  {tel.name} — {tel.siteId ? siteName.get(tel.siteId) : t("assemblies.allSites")}
                </li>
              ))}
            </ul>
          )}
          {editable && sites.length > 0 && (
            <>
              <h3>{t("assemblies.addTeller")}</h3>
              <Form c={c} action={adminAssemblyPath(c, assembly.id, "/tellers")}>
                <TextField
                  c={c}
                  type="email"
                  name="email"
                  label={t("assemblies.memberEmail")}
                  autocomplete="off"
                  required
                  errors={errors("teller")}
                  values={values("teller", {})}
                />
                <SelectField
                  c={c}
                  name="siteId"
                  label={t("assemblies.site")}
                  emptyLabel={t("assemblies.allSites")}
                  errors={errors("teller")}
                  values={values("teller", {})}
                  options={sites.map((s) => ({ value: s.id, label: s.name }))}
                />
                <SubmitButton label={t("assemblies.addTeller")} />
              </Form>
            </>
          )}
        </>
      ),
    },
    status,
  );
}

function refused(
  c: Ctx,
  context: AssemblyContext,
  section: Section,
  body: Record<string, string | string[]>,
  errors: FieldErrors,
  status: 409 | 422,
) {
  return managePage(c, context, { section, values: textValues(body), errors }, status);
}

const ACTION_REFUSAL: Record<string, MessageKey> = {
  closed: "assemblies.refusedClosed",
  name_taken: "assemblies.refusedSiteName",
  not_member: "assemblies.refusedNotMember",
  unknown_site: "assemblies.refusedUnknownSite",
  already_teller: "assemblies.refusedAlreadyTeller",
  unknown_proposal: "assemblies.refusedUnknownProposal",
  not_schedulable: "assemblies.refusedNotSchedulable",
  at_edge: "assemblies.refusedAtEdge",
  not_draft: "assemblies.refusedNotDraft",
  no_site: "assemblies.refusedNoSite",
  no_item: "assemblies.refusedNoItem",
  not_open: "assemblies.refusedNotOpen",
  items_open: "assemblies.refusedItemsOpen",
  assembly_not_open: "assemblies.refusedAssemblyNotOpen",
  not_pending: "assemblies.refusedNotPending",
  inconsistent: "assemblies.refusedInconsistent",
  proposal_state: "assemblies.refusedProposalState",
};

function formError(reason: string, fieldName = "_form"): FieldErrors {
  return { [fieldName]: errorMessage(ACTION_REFUSAL[reason] ?? "errors.invalidChoice") };
}

export const adminAssemblyRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: "/admin/organisations/:slug/assemblies",
    action: "assembly.create",
    load: loadOrganisation,
    handler: (c, org) => listPage(c, org),
  }),
  route({
    method: "GET",
    path: "/admin/organisations/:slug/assemblies/new",
    action: "assembly.create",
    load: loadOrganisation,
    handler: (c, org) => newPage(c, org, { values: {} }),
  }),
  route({
    method: "POST",
    path: "/admin/organisations/:slug/assemblies/new",
    action: "assembly.create",
    load: loadOrganisation,
    async handler(c, org) {
      const body = await formBody(c);
      const form = parseForm(assemblySchema, body);
      if (!form.ok) return newPage(c, org, { values: textValues(body), errors: form.errors }, 422);
      const outcome = await createAssembly(c.var.deps.db, actorId(c), org.id, {
        title: form.data.title,
        heldOn: form.data.heldOn,
        cycleId: form.data.cycleId === "" ? null : form.data.cycleId,
      });
      if (!outcome.ok)
        return newPage(
          c,
          org,
          { values: textValues(body), errors: { cycleId: errorMessage("errors.invalidChoice") } },
          422,
        );
      return redirectWith(c, adminAssemblyPath(c, outcome.id), "created");
    },
  }),
  route({
    method: "GET",
    path: `/admin/assemblies/:assemblyId${ID}`,
    action: "assembly.manage",
    load: loadAssembly,
    handler: (c, context) => managePage(c, context),
  }),
  route({
    method: "POST",
    path: `/admin/assemblies/:assemblyId${ID}/sites`,
    action: "assembly.manage",
    load: loadAssembly,
    async handler(c, context) {
      const body = await formBody(c);
      const form = parseForm(siteSchema, body);
      if (!form.ok) return refused(c, context, "site", body, form.errors, 422);
      const outcome = await addSite(c.var.deps.db, actorId(c), context, form.data);
      if (!outcome.ok)
        return refused(
          c,
          context,
          "site",
          body,
          formError(outcome.reason, outcome.reason === "name_taken" ? "name" : "_form"),
          409,
        );
      return redirectWith(c, adminAssemblyPath(c, context.assembly.id), "siteAdded");
    },
  }),
  route({
    method: "POST",
    path: `/admin/assemblies/:assemblyId${ID}/tellers`,
    action: "assembly.manage",
    load: loadAssembly,
    async handler(c, context) {
      const body = await formBody(c);
      const form = parseForm(tellerSchema, body);
      if (!form.ok) return refused(c, context, "teller", body, form.errors, 422);
      const outcome = await addTeller(c.var.deps.db, actorId(c), context, {
        email: form.data.email,
        siteId: form.data.siteId === "" ? null : form.data.siteId,
      });
      if (!outcome.ok) {
        const fieldName =
          outcome.reason === "unknown_site" ? "siteId" : outcome.reason === "closed" ? "_form" : "email";
        return refused(c, context, "teller", body, formError(outcome.reason, fieldName), 409);
      }
      return redirectWith(c, adminAssemblyPath(c, context.assembly.id), "tellerAdded");
    },
  }),
  route({
    method: "POST",
    path: `/admin/assemblies/:assemblyId${ID}/items`,
    action: "assembly.manage",
    load: loadAssembly,
    async handler(c, context) {
      const body = await formBody(c);
      const form = parseForm(itemSchema, body);
      if (!form.ok) return refused(c, context, "item", body, form.errors, 422);
      let input: ItemInput;
      if (form.data.kind === "proposal") {
        if (form.data.proposalId === "")
          return refused(c, context, "item", body, { proposalId: errorMessage("assemblies.chooseProposalError") }, 422);
        input = {
          kind: "proposal",
          proposalId: form.data.proposalId,
          decisionKind: form.data.decisionKind,
          secret: form.data.secret,
        };
      } else {
        if (form.data.title === "")
          return refused(c, context, "item", body, { title: errorMessage("assemblies.itemTitleRequired") }, 422);
        input = {
          kind: "statutory",
          title: form.data.title,
          description: form.data.description,
          decisionKind: form.data.decisionKind,
          secret: form.data.secret,
        };
      }
      const outcome = await addItem(c.var.deps.db, actorId(c), context, input);
      if (!outcome.ok)
        return refused(
          c,
          context,
          "item",
          body,
          formError(outcome.reason, outcome.reason === "closed" ? "_form" : "proposalId"),
          409,
        );
      return redirectWith(c, adminAssemblyPath(c, context.assembly.id), "itemAdded");
    },
  }),
  route({
    method: "POST",
    path: `/admin/assemblies/:assemblyId${ID}/items/:agendaItemId${ID}/move`,
    action: "assembly.manage",
    load: loadItem,
    async handler(c, context: ItemContext) {
      const body = await formBody(c);
      const direction = body.direction === "up" ? "up" : body.direction === "down" ? "down" : null;
      if (!direction) return managePage(c, context, { section: "actions", errors: formError("at_edge") }, 422);
      const outcome = await moveItem(c.var.deps.db, actorId(c), context, direction);
      if (!outcome.ok) return managePage(c, context, { section: "actions", errors: formError(outcome.reason) }, 409);
      return redirectWith(c, adminAssemblyPath(c, context.assembly.id), "moved");
    },
  }),
  route({
    method: "POST",
    path: `/admin/assemblies/:assemblyId${ID}/open`,
    action: "assembly.manage",
    load: loadAssembly,
    async handler(c, context) {
      const outcome = await openAssembly(c.var.deps.db, actorId(c), context);
      if (!outcome.ok) return managePage(c, context, { section: "actions", errors: formError(outcome.reason) }, 409);
      return redirectWith(c, adminAssemblyPath(c, context.assembly.id), "opened");
    },
  }),
  route({
    method: "POST",
    path: `/admin/assemblies/:assemblyId${ID}/close`,
    action: "assembly.manage",
    load: loadAssembly,
    async handler(c, context) {
      const outcome = await closeAssembly(c.var.deps.db, actorId(c), context);
      if (!outcome.ok) return managePage(c, context, { section: "actions", errors: formError(outcome.reason) }, 409);
      return redirectWith(c, adminAssemblyPath(c, context.assembly.id), "closed");
    },
  }),
  route({
    method: "POST",
    path: `/admin/assemblies/:assemblyId${ID}/items/:agendaItemId${ID}/open`,
    action: "assembly.manage",
    load: loadItem,
    async handler(c, context: ItemContext) {
      const outcome = await openItem(c.var.deps.db, actorId(c), context);
      if (!outcome.ok) return managePage(c, context, { section: "actions", errors: formError(outcome.reason) }, 409);
      return redirectWith(c, adminAssemblyPath(c, context.assembly.id), "itemOpened");
    },
  }),
  route({
    method: "POST",
    path: `/admin/assemblies/:assemblyId${ID}/items/:agendaItemId${ID}/close`,
    action: "assembly.manage",
    load: loadItem,
    async handler(c, context: ItemContext) {
      const outcome = await closeItem(c.var.deps.db, actorId(c), context);
      if (!outcome.ok) return managePage(c, context, { section: "actions", errors: formError(outcome.reason) }, 409);
      return redirectWith(c, itemPath(c, context.assembly.id, context.item.id), "itemClosed");
    },
  }),
];
