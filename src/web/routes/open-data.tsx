import { stringify } from "csv-stringify/sync";
import { datasetRows, latestProgressUpdates, publicRecommendations } from "../../commands/open-data/read.js";
import { neutraliseCell } from "../../domain/budget/csv.js";
import {
  columnsOf,
  csvCell,
  DATASET_NAMES,
  datasetJsonSchema,
  isDatasetName,
  type DatasetName,
} from "../../domain/open-data/datasets.js";
import { atomFeed } from "../../domain/open-data/atom.js";
import type { MessageKey } from "../../i18n/index.js";
import { renderError } from "../components/error-page.js";
import { renderPage } from "../components/layout.js";
import type { Ctx } from "../context.js";
import { route, type AnyRoute } from "../routing.js";

/** How many entries the feed carries (new recommendations and progress updates), the newest first. */
export const FEED_SIZE = 50;

const openDataPath = (c: Ctx, rest = "") => `/${c.var.locale}/open-data${rest}`;
const schemaPath = (c: Ctx, name: DatasetName) => openDataPath(c, `/schemas/${name}.json`);
const feedPath = (c: Ctx) => `/${c.var.locale}/feeds/recommendations.atom`;

/** The type of a column in words, from its JSON Schema. */
function typeInWords(c: Ctx, schema: Record<string, unknown>): string {
  const { t } = c.var;
  const variants = Array.isArray(schema.anyOf) ? (schema.anyOf as Array<Record<string, unknown>>) : [schema];
  const nullable = variants.some((v) => v.type === "null");
  const main = variants.find((v) => v.type !== "null") ?? {};
  let words: string;
  if (Array.isArray(main.enum)) words = t("openData.type_choice", { values: (main.enum as string[]).join(", ") });
  else if (main.type === "array") words = t("openData.type_list");
  else if (main.type === "boolean") words = t("openData.type_boolean");
  else if (main.type === "integer") words = t("openData.type_integer");
  else if (main.type === "number") words = t("openData.type_number");
  else if (main.format === "uuid") words = t("openData.type_id");
  else if (main.format === "uri") words = t("openData.type_url");
  else if (main.format === "date-time") words = t("openData.type_instant");
  else if (typeof main.pattern === "string" && main.pattern.includes("\\/")) words = t("openData.type_fraction");
  else if (typeof main.pattern === "string" && main.pattern.startsWith("^\\d{4}")) words = t("openData.type_date");
  else words = t("openData.type_text");
  return nullable ? t("openData.orEmpty", { type: words }) : words;
}

function rowSchema(name: DatasetName): Record<string, Record<string, unknown>> {
  const document = datasetJsonSchema(name, "") as {
    properties: { rows: { items: { properties: Record<string, Record<string, unknown>> } } };
  };
  return document.properties.rows.items.properties;
}

function openDataPage(c: Ctx) {
  const { t } = c.var;
  const title = t("openData.title");
  return renderPage(c, {
    title,
    children: (
      <>
        <h1>{title}</h1>
        <p>{t("openData.lead")}</p>
        <div class="table-scroll">
          <table>
            <caption>{t("openData.datasetsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("openData.colDataset")}</th>
                <th scope="col">{t("openData.colDownloads")}</th>
              </tr>
            </thead>
            <tbody>
              {DATASET_NAMES.map((name) => {
                const label = t(`openData.dataset_${name}` as MessageKey);
                return (
                  <tr>
                    <th scope="row">
                      <a href={`#${name}`}>{label}</a>
                    </th>
                    <td>
                      <ul class="inline-list">
                        <li>
                          <a href={openDataPath(c, `/${name}.csv`)} download>
                            {t("openData.csvLink", { dataset: label })}
                          </a>
                        </li>
                        <li>
                          <a href={openDataPath(c, `/${name}.json`)}>{t("openData.jsonLink", { dataset: label })}</a>
                        </li>
                        <li>
                          <a href={schemaPath(c, name)}>{t("openData.schemaLink", { dataset: label })}</a>
                        </li>
                      </ul>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {DATASET_NAMES.map((name) => {
          const label = t(`openData.dataset_${name}` as MessageKey);
          const properties = rowSchema(name);
          return (
            <section aria-labelledby={name}>
              <h2 id={name}>{label}</h2>
              <p>{t(`openData.about_${name}` as MessageKey)}</p>
              <div class="table-scroll">
                <table>
                  <caption>{t("openData.columnsCaption", { dataset: label })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("openData.colColumn")}</th>
                      <th scope="col">{t("openData.colType")}</th>
                      <th scope="col">{t("openData.colMeaning")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {columnsOf(name).map((column) => (
                      <tr>
                        <th scope="row">
                          <code>{column}</code>
                        </th>
                        <td>{typeInWords(c, properties[column] ?? {})}</td>
                        <td>{t(`openData.col_${column}` as MessageKey)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          );
        })}
        <h2>{t("openData.feedHeading")}</h2>
        <p>
          <a href={feedPath(c)} type="application/atom+xml">
            {t("openData.feedLink")}
          </a>
        </p>
      </>
    ),
  });
}

/** "recommendations.csv" → the dataset and the format, or null. */
function parseFile(file: string): { name: DatasetName; format: "csv" | "json" } | null {
  const match = /^([a-z_]+)\.(csv|json)$/.exec(file);
  if (!match || !isDatasetName(match[1]!)) return null;
  return { name: match[1], format: match[2] as "csv" | "json" };
}

async function download(c: Ctx, name: DatasetName, format: "csv" | "json") {
  const rows = await datasetRows(c.var.deps.db, name, { baseUrl: c.var.deps.env.baseUrl, locale: c.var.locale });
  c.header("Cache-Control", "public, max-age=300");
  c.header("Link", `<${schemaPath(c, name)}>; rel="describedby"`);
  if (format === "json") {
    c.header("Content-Type", "application/json; charset=utf-8");
    return c.body(JSON.stringify({ dataset: name, rows }));
  }
  const columns = columnsOf(name);
  const csv = stringify([columns, ...rows.map((r) => columns.map((col) => neutraliseCell(csvCell(r[col]))))]);
  c.header("Content-Type", "text/csv; charset=utf-8");
  c.header("Content-Disposition", `attachment; filename="letscoop-${name}.csv"`);
  return c.body(csv);
}

async function feed(c: Ctx) {
  const { t, locale } = c.var;
  const base = c.var.deps.env.baseUrl;
  const recs = (await publicRecommendations(c.var.deps.db))
    .filter((r) => r.submittedAt !== null)
    .sort((a, b) => b.submittedAt!.getTime() - a.submittedAt!.getTime() || a.id.localeCompare(b.id))
    .slice(0, FEED_SIZE);
  const updates = await latestProgressUpdates(c.var.deps.db, FEED_SIZE);
  const entries = [
    ...recs.map((r) => ({
      id: `urn:uuid:${r.id}`,
      title: r.title,
      language: r.language,
      updated: r.submittedAt!,
      url: `${base}/${locale}/recommendations/${r.id}`,
      category: t("openData.feedEntry", { number: r.number, cycle: r.cycle }),
      summary: r.context,
    })),
    ...updates.map((u) => ({
      id: `urn:uuid:${u.id}`,
      title: t("openData.feedUpdateTitle", {
        project: u.project,
        status: t(`actionPlan.status_${u.status}` as MessageKey),
        progress: u.progress,
      }),
      language: locale,
      updated: u.createdAt,
      url: `${base}/${locale}/projects/${u.projectId}`,
      category: t("openData.feedUpdate", { organisation: u.organisation, date: u.on }),
      summary: u.body,
    })),
  ]
    .sort((a, b) => b.updated.getTime() - a.updated.getTime() || a.id.localeCompare(b.id))
    .slice(0, FEED_SIZE);
  const xml = atomFeed({
    id: `${base}${feedPath(c)}`,
    title: t("openData.feedTitle"),
    language: locale,
    selfUrl: `${base}${feedPath(c)}`,
    pageUrl: `${base}${openDataPath(c)}`,
    entries,
  });
  c.header("Content-Type", "application/atom+xml; charset=utf-8");
  c.header("Cache-Control", "public, max-age=300");
  return c.body(xml);
}

export const openDataRoutes: AnyRoute[] = [
  route({ method: "GET", path: "/open-data", action: "site.view", handler: (c) => openDataPage(c) }),
  route({
    method: "GET",
    path: "/open-data/:file{[a-z_]+[.](csv|json)}",
    action: "site.view",
    handler(c) {
      const parsed = parseFile(c.req.param("file") ?? "");
      return parsed ? download(c, parsed.name, parsed.format) : renderError(c, "notFound");
    },
  }),
  route({
    method: "GET",
    path: "/open-data/schemas/:schema{[a-z_]+[.]json}",
    action: "site.view",
    handler(c) {
      const name = (c.req.param("schema") ?? "").replace(/\.json$/, "");
      if (!isDatasetName(name)) return renderError(c, "notFound");
      c.header("Content-Type", "application/schema+json; charset=utf-8");
      c.header("Cache-Control", "public, max-age=3600");
      return c.body(
        JSON.stringify(datasetJsonSchema(name, `${c.var.deps.env.baseUrl}${schemaPath(c, name)}`), null, 2),
      );
    },
  }),
  route({ method: "GET", path: "/feeds/recommendations.atom", action: "site.view", handler: (c) => feed(c) }),
];
