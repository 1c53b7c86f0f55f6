import type { Ctx } from "../context.js";

export const PAGE_SIZE = 50;
const MAX_PAGE = 100_000;

/** The page asked for in ?page=, 1 when absent or not a sensible whole number. */
export function pageFromQuery(value: string | undefined): number {
  if (!value || !/^\d{1,6}$/.test(value)) return 1;
  const n = Number(value);
  return n >= 1 && n <= MAX_PAGE ? n : 1;
}

export function pageCount(total: number, pageSize = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** The current URL with another page number, every other query parameter kept. */
function hrefFor(c: Ctx, page: number): string {
  const url = new URL(c.req.url);
  if (page <= 1) url.searchParams.delete("page");
  else url.searchParams.set("page", String(page));
  const query = url.searchParams.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

/** Previous / next links and "page x of y"; nothing when everything fits on one page. */
export function Pagination({
  c,
  page,
  total,
  pageSize = PAGE_SIZE,
}: {
  c: Ctx;
  page: number;
  total: number;
  pageSize?: number;
}) {
  const { t } = c.var;
  const pages = pageCount(total, pageSize);
  if (pages <= 1 && page <= 1) return null;
  return (
    <nav class="pagination" aria-label={t("common.pagination")}>
      <ul>
        {page > 1 && (
          <li>
            <a href={hrefFor(c, Math.min(page - 1, pages))} rel="prev">
              {t("common.previous")}
            </a>
          </li>
        )}
        <li>{t("common.pageOf", { page, pages })}</li>
        {page < pages && (
          <li>
            <a href={hrefFor(c, page + 1)} rel="next">
              {t("common.next")}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
