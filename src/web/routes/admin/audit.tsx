import { listAuditEntries } from "../../../commands/audit-entries.js";
import { verifyAuditLog } from "../../../audit/log.js";
import { formatDate } from "../../../i18n/format.js";
import { renderPage } from "../../components/layout.js";
import { PAGE_SIZE, pageFromQuery, Pagination } from "../../components/pagination.js";
import { route, type AnyRoute } from "../../routing.js";

export const adminAuditRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: "/admin/audit",
    action: "audit.view",
    async handler(c) {
      const { t, locale } = c.var;
      const db = c.var.deps.db;
      const page = pageFromQuery(c.req.query("page"));
      const [check, entries] = await Promise.all([verifyAuditLog(db), listAuditEntries(db, page, PAGE_SIZE)]);
      return renderPage(c, {
        title: t("admin.auditTitle"),
        children: (
          <>
            <p class="breadcrumb">
              <a href={`/${locale}/admin`}>{t("admin.homeTitle")}</a>
            </p>
            <h1>{t("admin.auditTitle")}</h1>
            {check.ok ? (
              <p class="notice">{t("admin.chainVerified", { total: check.entries })}</p>
            ) : (
              <p class="warning" role="alert">
                {t("admin.chainBroken", { seq: check.brokenAt })}
              </p>
            )}
            <p>{t("admin.auditCount", { total: entries.total })}</p>
            <div class="table-wrap">
              <table>
                <caption>{t("admin.auditCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col" class="number">
                      {t("admin.auditSeq")}
                    </th>
                    <th scope="col">{t("admin.auditWhen")}</th>
                    <th scope="col">{t("admin.auditAction")}</th>
                    <th scope="col">{t("admin.auditActor")}</th>
                    <th scope="col">{t("admin.auditSubject")}</th>
                    <th scope="col">{t("admin.auditOrganisation")}</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.rows.map((e) => (
                    <tr>
                      <td class="number">{e.seq}</td>
                      <td>{formatDate(locale, e.at, "datetime")}</td>
                      <th scope="row">
                        <code>{e.action}</code>
                      </th>
                      <td>{e.actorName ?? (e.actorId ? t("admin.auditUnknownActor") : t("admin.auditNoActor"))}</td>
                      <td>
                        {e.subjectType}
                        {e.subjectId && (
                          <>
                            {" "}
                            <code class="id">{e.subjectId}</code>
                          </>
                        )}
                      </td>
                      <td>{e.organisationSlug ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination c={c} page={page} total={entries.total} />
          </>
        ),
      });
    },
  }),
];
