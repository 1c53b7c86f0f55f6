import { asc } from "drizzle-orm";
import { organisations } from "../../db/schema/index.js";
import { renderPage } from "../components/layout.js";
import { route, type AnyRoute } from "../routing.js";

export const homeRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: "/",
    action: "site.view",
    async handler(c) {
      const { t, locale, actor } = c.var;
      const orgs = await c.var.deps.db
        .select({ slug: organisations.slug, name: organisations.name, country: organisations.country })
        .from(organisations)
        .orderBy(asc(organisations.name));
      return renderPage(c, {
        title: t("common.home"),
        children: (
          <>
            <h1>{t("common.siteName")}</h1>
            <p class="lead">{t("common.tagline")}</p>
            <p>{t("home.intro")}</p>
            <h2>{t("common.organisations")}</h2>
            <ul class="cards">
              {orgs.map((o) => (
                <li>
                  <a href={`/${locale}/organisations/${o.slug}`}>{o.name}</a>
                </li>
              ))}
            </ul>
            {actor.kind === "visitor" && (
              <p>
                <a class="button" href={`/${locale}/sign-in`}>
                  {t("common.signIn")}
                </a>
              </p>
            )}
          </>
        ),
      });
    },
  }),
];
