import type { Ctx } from "../context.js";
import { renderPage } from "./layout.js";

export type ErrorKind = "notFound" | "forbidden" | "csrf" | "tooLarge" | "server" | "tooMany" | "unknownLocale";

const STATUS: Record<ErrorKind, 400 | 403 | 404 | 413 | 429 | 500> = {
  notFound: 404,
  unknownLocale: 404,
  forbidden: 403,
  csrf: 403,
  tooLarge: 413,
  server: 500,
  tooMany: 429,
};

export function renderError(c: Ctx, kind: ErrorKind, values: Record<string, string | number> = {}) {
  const { t } = c.var;
  const title = {
    notFound: t("errors.notFoundTitle"),
    unknownLocale: t("errors.notFoundTitle"),
    forbidden: t("errors.forbiddenTitle"),
    csrf: t("errors.csrfTitle"),
    tooLarge: t("errors.tooLargeTitle"),
    server: t("errors.serverTitle"),
    tooMany: t("errors.tooManyTitle"),
  }[kind];
  const body = {
    notFound: t("errors.notFoundBody"),
    unknownLocale: t("errors.unknownLocale", { code: String(values.code ?? "") }),
    forbidden: t("errors.forbiddenBody"),
    csrf: t("errors.csrfBody"),
    tooLarge: t("errors.tooLargeBody"),
    server: t("errors.serverBody"),
    tooMany: t("errors.tooManyBody", { minutes: values.minutes ?? 15 }),
  }[kind];
  return renderPage(
    c,
    {
      title,
      children: (
        <>
          <h1>{title}</h1>
          <p>{body}</p>
          <p>
            <a href={`/${c.var.locale}/`}>{t("common.home")}</a>
          </p>
        </>
      ),
    },
    STATUS[kind],
  );
}
