import { z } from "zod";

/** Page sizes of list endpoints: `limit` up to the cap, `page` from 1. */
export const PAGE_LIMIT_MAX = 100;
export const PAGE_LIMIT_DEFAULT = 20;

export const paginationQuery = {
  limit: z.coerce
    .number({ error: "must be a whole number" })
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be at least 1" })
    .max(PAGE_LIMIT_MAX, { error: `must be at most ${PAGE_LIMIT_MAX}` })
    .default(PAGE_LIMIT_DEFAULT)
    .describe(`Items per page, at most ${PAGE_LIMIT_MAX}`),
  page: z.coerce
    .number({ error: "must be a whole number" })
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be at least 1" })
    .max(1_000_000, { error: "must be at most 1000000" })
    .default(1)
    .describe("Page number, from 1"),
};

export const pageInfoSchema = z.object({
  page: z.number().int().min(1),
  limit: z.number().int().min(1).max(PAGE_LIMIT_MAX),
  total: z.number().int().min(0),
  /** The next page's number, null on the last page. */
  nextPage: z.number().int().min(2).nullable(),
});

/** A list response: the items of one page and where it stands. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), pagination: pageInfoSchema });
}

export interface Paged<T> {
  data: T[];
  pagination: z.infer<typeof pageInfoSchema>;
}

/** One page of a list the commands return whole (lists of an instance stay small: tens to hundreds). */
export function paginate<T>(items: readonly T[], query: { limit: number; page: number }): Paged<T> {
  const start = (query.page - 1) * query.limit;
  const data = items.slice(start, start + query.limit);
  const total = items.length;
  return {
    data,
    pagination: {
      page: query.page,
      limit: query.limit,
      total,
      nextPage: start + query.limit < total ? query.page + 1 : null,
    },
  };
}
