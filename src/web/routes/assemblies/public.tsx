import { exportItemCsv } from "../../../commands/assemblies/export.js";
import type { AssemblyContext, ItemContext } from "../../../commands/assemblies/load.js";
import { attendanceOf } from "../../../commands/assemblies/load.js";
import { itemsOf, namedVotesOf, sitesOf, trackersOf } from "../../../commands/assemblies/read.js";
import type { ItemDecision, Measure } from "../../../domain/assembly/index.js";
import { can } from "../../../policies/can.js";
import { renderError } from "../../components/error-page.js";
import { renderPage } from "../../components/layout.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute } from "../../routing.js";
import { Day } from "../cycles/shared.js";
import {
  adminAssemblyPath,
  ASSEMBLY_STATUS,
  assemblyPath,
  CHOICE_LABEL,
  ID,
  ITEM_STATUS,
  itemPath,
  loadAssembly,
  loadItem,
  noticeOf,
  personIdOf,
  shown,
} from "./shared.js";

async function assemblyPage(c: Ctx, context: AssemblyContext) {
  const { t } = c.var;
  const { assembly } = context;
  const db = c.var.deps.db;
  const [items, sites] = await Promise.all([itemsOf(db, assembly.id), sitesOf(db, assembly.id)]);
  const resource = {
    type: "assembly" as const,
    organisationId: assembly.organisationId,
    status: assembly.status,
    isTeller: false,
  };
  const me = await attendanceOf(db, assembly.id, personIdOf(c));
  return renderPage(c, {
    title: assembly.title,
    notice: noticeOf(c),
    children: (
      <>
        <h1>{assembly.title}</h1>
        <p>
          {context.organisation.name} — <Day c={c} iso={assembly.heldOn} /> — {t(ASSEMBLY_STATUS[assembly.status])}
        </p>
        {me && (
          <p class="notice">
            {t(me.voting === "paper" ? "assemblies.youArePresentPaper" : "assemblies.youArePresent", {
              site: me.siteName,
            })}
          </p>
        )}
        <ul>
          {can(c.var.actor, "assembly.manage", resource) && (
            <li>
              <a href={adminAssemblyPath(c, assembly.id)}>{t("assemblies.manageLink")}</a>
            </li>
          )}
          {assembly.status === "open" && (
            <li>
              <a href={assemblyPath(c, assembly.id, "/desk")}>{t("assemblies.deskLink")}</a>
            </li>
          )}
        </ul>
        <h2>{t("assemblies.sites")}</h2>
        <ul>
          {sites.map((s) => (
            <li>
              {s.name}
              {s.city ? ` (${s.city})` : ""} —{" "}
              {t(s.voting === "online" ? "assemblies.voting_online" : "assemblies.voting_paper")}
            </li>
          ))}
        </ul>
        <h2>{t("assemblies.agenda")}</h2>
        {items.length === 0 ? (
          <p>{t("assemblies.noItems")}</p>
        ) : (
          <ol>
            {items.map((item) => (
              <li>
                <a href={itemPath(c, assembly.id, item.id)}>{item.title}</a> — {t(ITEM_STATUS[item.status])}
                {item.status === "closed" && <> — {t(item.adopted ? "assemblies.adopted" : "assemblies.rejected")}</>}
              </li>
            ))}
          </ol>
        )}
      </>
    ),
  });
}

function MeasureCells({ c, m }: { c: Ctx; m: Measure }) {
  return (
    <>
      <td class="number">{m.count}</td>
      <td class="number">{shown(c, m.weight)}</td>
    </>
  );
}

const REASON_KEY = {
  adopted: "assemblies.reason_adopted",
  rejected_majority: "assemblies.reason_rejected_majority",
  rejected_tie: "assemblies.reason_rejected_tie",
  no_quorum: "assemblies.reason_no_quorum",
} as const;

function ResultView({ c, decision }: { c: Ctx; decision: ItemDecision }) {
  const { t } = c.var;
  const reason = decision.reason.startsWith("no_college_quorum:")
    ? t("assemblies.reason_no_college_quorum", { college: decision.reason.slice("no_college_quorum:".length) })
    : t(REASON_KEY[decision.reason as keyof typeof REASON_KEY]);
  const rows = [
    ...decision.colleges.map((col) => ({ label: col.college, totals: col, weight: col.memberWeight })),
    { label: t("assemblies.combined"), totals: decision.combined, weight: "" },
  ];
  const q = decision.quorum;
  const m = decision.majority;
  const majorityKey =
    m.majority === "simple"
      ? "assemblies.majority_simple"
      : m.majority === "two-thirds"
        ? "assemblies.majority_two_thirds"
        : "assemblies.majority_three_quarters";
  return (
    <>
      <p class={decision.passed ? "notice" : "warning"}>
        <strong>{t(decision.passed ? "assemblies.adopted" : "assemblies.rejected")}</strong> — {reason}
      </p>
      <h3>{t("assemblies.quorum")}</h3>
      <p>
        {q.rule.type === "none"
          ? t("assemblies.noQuorumRule")
          : t(q.overall.met ? "assemblies.quorumMet" : "assemblies.quorumNotMet", {
              reached: shown(c, q.overall.reached),
              required: shown(c, q.overall.required),
            })}
      </p>
      {q.colleges.length > 0 && (
        <ul>
          {q.colleges.map((cq) => (
            <li>
              {t(cq.met ? "assemblies.collegeQuorumMet" : "assemblies.collegeQuorumNotMet", {
                college: cq.college,
                reached: shown(c, cq.reached),
                required: shown(c, cq.required),
              })}
            </li>
          ))}
        </ul>
      )}
      <h3>{t("assemblies.majority")}</h3>
      <p>
        {t(majorityKey)}{" "}
        {t(
          m.baseOf === "present"
            ? "assemblies.basePresent"
            : m.abstentions === "counted"
              ? "assemblies.baseCastAbstentions"
              : "assemblies.baseCast",
        )}{" "}
        {t(m.reached ? "assemblies.majorityReached" : "assemblies.majorityNotReached", {
          yes: shown(c, m.yes),
          required: shown(c, m.required),
          base: shown(c, m.base),
        })}
      </p>
      <div class="table-wrap" role="region" aria-label={t("assemblies.resultTable")} tabindex={0}>
        <table>
          <caption>{t("assemblies.resultTable")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("assemblies.college")}</th>
              <th scope="col" class="number">
                {t("assemblies.memberWeight")}
              </th>
              <th scope="col" class="number">
                {t("assemblies.presentCount")}
              </th>
              <th scope="col" class="number">
                {t("assemblies.representedCount")}
              </th>
              <th scope="col" class="number">
                {t("assemblies.yesCount")}
              </th>
              <th scope="col" class="number">
                {t("assemblies.yesWeight")}
              </th>
              <th scope="col" class="number">
                {t("assemblies.noCount")}
              </th>
              <th scope="col" class="number">
                {t("assemblies.noWeight")}
              </th>
              <th scope="col" class="number">
                {t("assemblies.abstainCount")}
              </th>
              <th scope="col" class="number">
                {t("assemblies.abstainWeight")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">{r.label}</th>
                <td class="number">{r.weight === "" ? "" : shown(c, r.weight)}</td>
                <td class="number">{r.totals.present.count}</td>
                <td class="number">{r.totals.represented.count}</td>
                <MeasureCells c={c} m={r.totals.yes} />
                <MeasureCells c={c} m={r.totals.no} />
                <MeasureCells c={c} m={r.totals.abstain} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

async function itemPage(c: Ctx, context: ItemContext) {
  const { t } = c.var;
  const { assembly, item } = context;
  const db = c.var.deps.db;
  const sites = await sitesOf(db, assembly.id);
  const me = await attendanceOf(db, assembly.id, personIdOf(c));
  const base = {
    type: "assembly_item" as const,
    organisationId: assembly.organisationId,
    assemblyStatus: assembly.status,
    itemStatus: item.status,
  };
  const canVote = can(c.var.actor, "assembly.vote", { ...base, isPresent: me?.voting === "online", isTeller: false });
  return renderPage(c, {
    title: item.title,
    notice: noticeOf(c),
    children: (
      <>
        <p class="breadcrumb">
          <a href={assemblyPath(c, assembly.id)}>{assembly.title}</a>
        </p>
        <h1>{item.title}</h1>
        <p>
          {t(ITEM_STATUS[item.status])} —{" "}
          {t(item.decisionKind === "ordinary" ? "assemblies.ordinary" : "assemblies.extraordinary")} —{" "}
          {t(item.secret ? "assemblies.secret" : "assemblies.named")}
        </p>
        {item.description && <p>{item.description}</p>}
        {canVote && (
          <p>
            <a href={itemPath(c, assembly.id, item.id, "/vote")}>{t("assemblies.voteLink")}</a>
          </p>
        )}
        {item.status === "open" && me?.voting === "paper" && (
          <p class="notice">{t("assemblies.paperSiteNotice", { site: me.siteName })}</p>
        )}
        {item.status === "open" && (
          <ul>
            {sites
              .filter((s) => s.voting === "paper")
              .map((s) => (
                <li>
                  <a href={itemPath(c, assembly.id, item.id, `/paper/${s.id}`)}>
                    {t("assemblies.paperLink", { site: s.name })}
                  </a>
                </li>
              ))}
          </ul>
        )}
        {item.status === "closed" && item.result && (
          <>
            <h2>{t("assemblies.result")}</h2>
            <ResultView c={c} decision={item.result as unknown as ItemDecision} />
            <ul>
              <li>
                <a href={itemPath(c, assembly.id, item.id, "/votes")}>
                  {t(item.secret ? "assemblies.trackersLink" : "assemblies.namedLink")}
                </a>
              </li>
              <li>
                <a href={itemPath(c, assembly.id, item.id, "/export.csv")} download>
                  {t("assemblies.exportLink")}
                </a>
              </li>
            </ul>
          </>
        )}
      </>
    ),
  });
}

async function votesPage(c: Ctx, context: ItemContext) {
  const { t } = c.var;
  const { assembly, item } = context;
  const title = t(item.secret ? "assemblies.trackersTitle" : "assemblies.namedTitle", { title: item.title });
  if (item.status !== "closed")
    return renderPage(
      c,
      {
        title,
        children: (
          <>
            <h1>{title}</h1>
            <p>{t("assemblies.afterClose")}</p>
          </>
        ),
      },
      409,
    );
  const db = c.var.deps.db;
  const query = (c.req.query("tracker") ?? "")
    .toLowerCase()
    .replace(/[^0-9a-f]/g, "")
    .slice(0, 64);
  const trackers = item.secret ? await trackersOf(db, item.id) : [];
  const named = item.secret ? [] : await namedVotesOf(db, item.id);
  const found = query.length > 0 ? trackers.filter((r) => r.tracker.startsWith(query)) : trackers;
  return renderPage(c, {
    title,
    children: (
      <>
        <p class="breadcrumb">
          <a href={itemPath(c, assembly.id, item.id)}>{item.title}</a>
        </p>
        <h1>{title}</h1>
        {item.secret ? (
          <>
            <p class="hint">{t("assemblies.trackersHint")}</p>
            <form method="get" action={itemPath(c, assembly.id, item.id, "/votes")}>
              <div class="field">
                <label for="field-tracker">{t("assemblies.trackerSearch")}</label>
                <input id="field-tracker" name="tracker" type="search" value={query} />
              </div>
              <div class="actions">
                <button type="submit">{t("assemblies.search")}</button>
              </div>
            </form>
            <ul class="trackers">
              {found.map((r) => (
                <li>
                  <code>{r.tracker}</code> — {t(CHOICE_LABEL[r.choice])}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <ul>
            {named.map((r) => (
              <li>
                {r.name} ({r.collegeKey}) — {t(CHOICE_LABEL[r.choice])}
                {r.proxy ? ` — ${t("assemblies.castBy", { name: r.castByName })}` : ""}
              </li>
            ))}
          </ul>
        )}
      </>
    ),
  });
}

export const publicAssemblyRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: `/assemblies/:assemblyId${ID}`,
    action: "assembly.view",
    load: loadAssembly,
    handler: (c, context) => assemblyPage(c, context),
  }),
  route({
    method: "GET",
    path: `/assemblies/:assemblyId${ID}/items/:agendaItemId${ID}`,
    action: "assembly.view",
    load: loadItem,
    handler: (c, context) => itemPage(c, context),
  }),
  route({
    method: "GET",
    path: `/assemblies/:assemblyId${ID}/items/:agendaItemId${ID}/votes`,
    action: "assembly.view",
    load: loadItem,
    handler: (c, context) => votesPage(c, context),
  }),
  route({
    method: "GET",
    path: `/assemblies/:assemblyId${ID}/items/:agendaItemId${ID}/export.csv`,
    action: "assembly.view",
    load: loadItem,
    async handler(c, context) {
      if (context.item.status !== "closed") return renderError(c, "notFound");
      const csv = await exportItemCsv(c.var.deps.db, context);
      c.header("Content-Type", "text/csv; charset=utf-8");
      c.header("Content-Disposition", `attachment; filename="assembly-item-${context.item.id}.csv"`);
      return c.body(csv);
    },
  }),
];
