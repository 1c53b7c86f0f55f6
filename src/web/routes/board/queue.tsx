import { boardQueue, type QueueRow } from "../../../commands/board/read.js";
import type { Cycle } from "../../../commands/cycles/read.js";
import { can } from "../../../policies/can.js";
import { renderPage } from "../../components/layout.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute } from "../../routing.js";
import { cyclePath, cycleResource, cycleTitle, loadCycle } from "../cycles/shared.js";
import { DECISION_LABEL, instructPath, proposalPath, proposalsPath, stateLabel } from "./shared.js";

function byGroup(rows: QueueRow[]): Array<{ groupId: string; title: string; rows: QueueRow[] }> {
  const groups: Array<{ groupId: string; title: string; rows: QueueRow[] }> = [];
  for (const r of rows) {
    const last = groups[groups.length - 1];
    if (last && last.groupId === r.groupId) last.rows.push(r);
    else groups.push({ groupId: r.groupId, title: r.groupTitle, rows: [r] });
  }
  return groups;
}

async function queuePage(c: Ctx, cycle: Cycle) {
  const { t, locale } = c.var;
  const rows = await boardQueue(c.var.deps.db, cycle.id, locale);
  const name = cycleTitle(cycle, locale).value.title;
  const title = t("board.queueTitle", { cycle: name });
  const manages = can(c.var.actor, "proposal.manage", cycleResource(cycle));
  return renderPage(c, {
    title,
    children: (
      <>
        <h1>{title}</h1>
        <p>{t("board.queueLead")}</p>
        <ul>
          <li>
            <a href={cyclePath(c, cycle)}>{name}</a>
          </li>
          <li>
            <a href={proposalsPath(c, cycle.slug)}>{t("board.proposalsLink")}</a>
          </li>
          {manages && (
            <li>
              <a href={proposalsPath(c, cycle.slug, "/new")}>{t("board.newProposalLink")}</a>
            </li>
          )}
        </ul>
        {rows.length === 0 && <p>{t("board.queueEmpty")}</p>}
        {byGroup(rows).map((g) => (
          <section aria-labelledby={`group-${g.groupId}`}>
            <h2 id={`group-${g.groupId}`}>{g.title}</h2>
            <div class="table-wrap">
              <table>
                <caption>{t("board.queueCaption", { group: g.title })}</caption>
                <thead>
                  <tr>
                    <th scope="col" class="number">
                      {t("board.colNumber")}
                    </th>
                    <th scope="col">{t("board.colTitle")}</th>
                    <th scope="col">{t("board.colState")}</th>
                    <th scope="col" class="number">
                      {t("board.colPending")}
                    </th>
                    <th scope="col">{t("board.colDecision")}</th>
                  </tr>
                </thead>
                <tbody>
                  {g.rows.map((r) => (
                    <tr>
                      <th scope="row" class="number">
                        {r.number}
                      </th>
                      <td>
                        <a href={instructPath(c, r.id)}>{r.title}</a>
                      </td>
                      <td>
                        {stateLabel(c, r.state)}
                        {r.proposalId && (
                          <>
                            {" "}
                            (<a href={proposalPath(c, r.proposalId)}>{t("board.seeProposal")}</a>)
                          </>
                        )}
                      </td>
                      <td class="number">{r.pendingAmendments}</td>
                      <td>{r.decision ? t(DECISION_LABEL[r.decision]) : t("board.noDecision")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))}
      </>
    ),
  });
}

export const queueRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: "/cycles/:slug/board",
    action: "recommendation.view_board",
    load: loadCycle,
    handler: (c, cycle) => queuePage(c, cycle),
  }),
];
