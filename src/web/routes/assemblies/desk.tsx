import { z } from "zod";
import { recordAttendance, recordProxy, removeProxy } from "../../../commands/assemblies/desk.js";
import type { AssemblyContext } from "../../../commands/assemblies/load.js";
import { attendanceList, proxyList, sitesOf } from "../../../commands/assemblies/read.js";
import type { MessageKey } from "../../../i18n/index.js";
import { ErrorSummary, Form, SelectField, SubmitButton, TextField } from "../../components/form.js";
import { renderPage } from "../../components/layout.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute } from "../../routing.js";
import { errorMessage, field, parseForm, type FieldErrors } from "../../validation.js";
import { formBody, textValues } from "../admin/shared.js";
import { actorId, assemblyPath, ID, loadAssembly, noticeOf, redirectWith } from "./shared.js";

const attendanceSchema = z.object({ email: field.email(), siteId: field.uuid() });
const proxySchema = z.object({ giverEmail: field.email(), holderEmail: field.email() });

const REFUSAL: Record<string, [string, MessageKey]> = {
  not_open: ["_form", "assemblies.refusedNotOpen"],
  not_member: ["email", "assemblies.refusedNotMember"],
  not_elector: ["email", "assemblies.refusedNotElector"],
  unknown_site: ["siteId", "assemblies.refusedUnknownSite"],
  already_present: ["email", "assemblies.refusedAlreadyPresent"],
  gave_proxy: ["email", "assemblies.refusedGaveProxy"],
  giver_not_elector: ["giverEmail", "assemblies.refusedNotElector"],
  holder_not_elector: ["holderEmail", "assemblies.refusedNotElector"],
  proxies_not_allowed: ["_form", "assemblies.proxyNotAllowed"],
  self: ["holderEmail", "assemblies.proxySelf"],
  giver_not_member: ["giverEmail", "assemblies.refusedNotMember"],
  holder_not_member: ["holderEmail", "assemblies.refusedNotMember"],
  giver_already_gave: ["giverEmail", "assemblies.proxyAlreadyGave"],
  chain: ["holderEmail", "assemblies.proxyChain"],
  giver_holds_proxies: ["giverEmail", "assemblies.proxyGiverHolds"],
  giver_present: ["giverEmail", "assemblies.proxyGiverPresent"],
  holder_not_present: ["holderEmail", "assemblies.proxyHolderNotPresent"],
  holder_limit: ["holderEmail", "assemblies.proxyHolderLimit"],
  no_proxy: ["_form", "assemblies.refusedNoProxy"],
  already_voted: ["_form", "assemblies.refusedProxyUsed"],
};

type Section = "attendance" | "proxy";

async function deskPage(
  c: Ctx,
  context: AssemblyContext,
  state: { section?: Section; values?: Record<string, string>; errors?: FieldErrors } = {},
  status: 200 | 409 | 422 = 200,
) {
  const { t } = c.var;
  const db = c.var.deps.db;
  const { assembly } = context;
  const [sites, present, proxies] = await Promise.all([
    sitesOf(db, assembly.id),
    attendanceList(db, assembly.id),
    proxyList(db, assembly.id),
  ]);
  const siteName = new Map(sites.map((s) => [s.id, s.name]));
  const title = t("assemblies.deskTitle", { title: assembly.title });
  const v = (s: Section) => (state.section === s ? state.values : undefined) ?? {};
  const e = (s: Section) => (state.section === s ? state.errors : undefined);
  const labels = {
    email: t("assemblies.memberEmail"),
    siteId: t("assemblies.site"),
    giverEmail: t("assemblies.giverEmail"),
    holderEmail: t("assemblies.holderEmail"),
  };
  return renderPage(
    c,
    {
      title,
      notice: status === 200 ? noticeOf(c) : undefined,
      children: (
        <>
          <p class="breadcrumb">
            <a href={assemblyPath(c, assembly.id)}>{assembly.title}</a>
          </p>
          <h1>{title}</h1>
          <ErrorSummary c={c} errors={state.errors} labels={labels} />
          <h2>{t("assemblies.recordAttendance")}</h2>
          <Form c={c} action={assemblyPath(c, assembly.id, "/desk/attendance")}>
            <TextField
              c={c}
              type="email"
              name="email"
              label={t("assemblies.memberEmail")}
              autocomplete="off"
              required
              errors={e("attendance")}
              values={v("attendance")}
            />
            <SelectField
              c={c}
              name="siteId"
              label={t("assemblies.site")}
              required
              errors={e("attendance")}
              values={{ siteId: sites[0]?.id ?? "", ...v("attendance") }}
              options={sites.map((s) => ({ value: s.id, label: s.name }))}
            />
            <SubmitButton label={t("assemblies.recordAttendance")} />
          </Form>
          <h2>{t("assemblies.recordProxy")}</h2>
          <p class="hint">{t("assemblies.proxyHint")}</p>
          <Form c={c} action={assemblyPath(c, assembly.id, "/desk/proxies")}>
            <TextField
              c={c}
              type="email"
              name="giverEmail"
              label={t("assemblies.giverEmail")}
              autocomplete="off"
              required
              errors={e("proxy")}
              values={v("proxy")}
            />
            <TextField
              c={c}
              type="email"
              name="holderEmail"
              label={t("assemblies.holderEmail")}
              autocomplete="off"
              required
              errors={e("proxy")}
              values={v("proxy")}
            />
            <SubmitButton label={t("assemblies.recordProxy")} />
          </Form>
          <h2>{t("assemblies.presentList", { count: present.length })}</h2>
          {present.length === 0 ? (
            <p>{t("assemblies.nobodyPresent")}</p>
          ) : (
            <ul>
              {present.map((p) => (
                <li>
                  {p.name} — {siteName.get(p.siteId)} ({p.collegeKey})
                </li>
              ))}
            </ul>
          )}
          <h2>{t("assemblies.proxyList", { count: proxies.length })}</h2>
          {proxies.length === 0 ? (
            <p>{t("assemblies.noProxies")}</p>
          ) : (
            <ul>
              {proxies.map((p) => (
                <li>
                  {t("assemblies.proxyLine", { giver: p.giverName, holder: p.holderName })}{" "}
                  <Form c={c} action={assemblyPath(c, assembly.id, `/desk/proxies/${p.giverId}/remove`)} class="inline">
                    <button
                      type="submit"
                      class="secondary"
                      aria-label={t("assemblies.removeProxyOf", { name: p.giverName })}
                    >
                      {t("assemblies.removeProxy")}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          )}
        </>
      ),
    },
    status,
  );
}

function refusal(reason: string): FieldErrors {
  const [name, key] = REFUSAL[reason] ?? ["_form", "errors.invalidChoice"];
  return { [name]: errorMessage(key) };
}

export const deskRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: `/assemblies/:assemblyId${ID}/desk`,
    action: "assembly.register",
    load: loadAssembly,
    handler: (c, context) => deskPage(c, context),
  }),
  route({
    method: "POST",
    path: `/assemblies/:assemblyId${ID}/desk/attendance`,
    action: "assembly.register",
    load: loadAssembly,
    async handler(c, context) {
      const body = await formBody(c);
      const form = parseForm(attendanceSchema, body);
      if (!form.ok)
        return deskPage(c, context, { section: "attendance", values: textValues(body), errors: form.errors }, 422);
      const outcome = await recordAttendance(c.var.deps.db, actorId(c), context, form.data);
      if (!outcome.ok)
        return deskPage(
          c,
          context,
          { section: "attendance", values: textValues(body), errors: refusal(outcome.reason) },
          409,
        );
      return redirectWith(c, assemblyPath(c, context.assembly.id, "/desk"), "present");
    },
  }),
  route({
    method: "POST",
    path: `/assemblies/:assemblyId${ID}/desk/proxies`,
    action: "assembly.register",
    load: loadAssembly,
    async handler(c, context) {
      const body = await formBody(c);
      const form = parseForm(proxySchema, body);
      if (!form.ok)
        return deskPage(c, context, { section: "proxy", values: textValues(body), errors: form.errors }, 422);
      const outcome = await recordProxy(c.var.deps.db, actorId(c), context, form.data);
      if (!outcome.ok)
        return deskPage(
          c,
          context,
          { section: "proxy", values: textValues(body), errors: refusal(outcome.reason) },
          409,
        );
      return redirectWith(c, assemblyPath(c, context.assembly.id, "/desk"), "proxy");
    },
  }),
  route({
    method: "POST",
    path: `/assemblies/:assemblyId${ID}/desk/proxies/:proxyGiverId${ID}/remove`,
    action: "assembly.register",
    load: loadAssembly,
    async handler(c, context) {
      const outcome = await removeProxy(c.var.deps.db, actorId(c), context, c.req.param("proxyGiverId") ?? "");
      if (!outcome.ok) return deskPage(c, context, { errors: refusal(outcome.reason) }, 409);
      return redirectWith(c, assemblyPath(c, context.assembly.id, "/desk"), "proxyRemoved");
    },
  }),
];
