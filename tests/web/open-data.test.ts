import { Ajv2020 } from "ajv/dist/2020.js";
import ajvFormats from "ajv-formats";
import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGroupContext } from "../../src/commands/groups/load.js";
import { figuresJson, cycleFiguresBySlug } from "../../src/commands/figures/read.js";
import { emptySections } from "../../src/commands/recommendations/content.js";
import { createRecommendation } from "../../src/commands/recommendations/write.js";
import { assemblyItems, workingGroups } from "../../src/db/schema/index.js";
import { columnsOf, DATASET_NAMES } from "../../src/domain/open-data/datasets.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import { ARGUMENTATION, personId, submittedRecommendation } from "./board-helpers.js";

type Row = Record<string, string>;

/**
 * The open data downloads read back with real parsers (csv-parse, ajv against the served JSON
 * Schema, an XML parser for the Atom feed), against the demo data: the 37 recommendations of
 * 2015–2016 with their board decisions and assembly results.
 */
describe.each(ENGINES)("open data: CSV, JSON with its schema, and the Atom feed (%s)", (engine) => {
  let t: TestApp;
  let draftId: string;
  let hostileId: string;
  const client = () => new TestClient(t);

  beforeAll(async () => {
    t = await createTestApp(engine);
    const db = t.deps.db;
    // A draft (not public) and a submitted recommendation whose title tries to escape.
    const facilitator = await personId(db, "facilitator@demo.letscoop.test");
    const [group] = await db.select().from(workingGroups).where(eq(workingGroups.key, "equality"));
    const context = await loadGroupContext(db, group!.id, facilitator);
    const draft = await createRecommendation(db, facilitator, context!, {
      number: null,
      title: "Créer un brouillon secret",
      titleCheckOverridden: false,
      sections: { ...emptySections(), context: "Pas encore public." },
      quotes: [],
      footnotes: [],
      axes: [],
      attachmentIds: [],
      note: "",
    });
    if (!draft.ok) throw new Error("draft");
    draftId = draft.recommendationId;
    hostileId = await submittedRecommendation(db, {
      title: `=HYPERLINK("http://x.example") <script>alert(1)</script> & "co"`,
      sections: { context: "]]></summary><evil/> \u0001 text", argumentation: ARGUMENTATION },
    });
  });
  afterAll(() => t.close());

  async function csv(name: string): Promise<{ header: string[]; rows: Row[] }> {
    const res = await client().get(`/en/open-data/${name}.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const records = parse(res.text) as string[][];
    const [header, ...body] = records;
    return { header: header!, rows: body.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!]))) };
  }

  async function json(name: string): Promise<{ dataset: string; rows: Array<Record<string, unknown>> }> {
    const res = await client().get(`/en/open-data/${name}.json`);
    expect(res.status).toBe(200);
    return JSON.parse(res.text);
  }

  it("documents every dataset and column on a page in the four languages", async () => {
    for (const [locale, heading] of [
      ["fr", "Données ouvertes"],
      ["nl", "Open data"],
      ["de", "Offene Daten"],
      ["en", "Open data"],
    ] as const) {
      const page = await client().get(`/${locale}/open-data`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(`<h1>${heading}</h1>`);
      for (const name of DATASET_NAMES) {
        expect(page.text).toContain(`href="/${locale}/open-data/${name}.csv"`);
        expect(page.text).toContain(`href="/${locale}/open-data/schemas/${name}.json"`);
        for (const column of columnsOf(name)) expect(page.text).toContain(`<code>${column}</code>`);
      }
    }
    // Every page links to it.
    expect((await client().get("/en/")).text).toContain('href="/en/open-data"');
  });

  it("validates each JSON download against its served JSON Schema, and the CSV carries the same rows", async () => {
    const newAjv = () => {
      const ajv = new Ajv2020({ allErrors: true, strict: false });
      ajvFormats.default(ajv);
      return ajv;
    };
    const ajv = newAjv();
    for (const name of DATASET_NAMES) {
      const schemaRes = await client().get(`/en/open-data/schemas/${name}.json`);
      expect(schemaRes.status).toBe(200);
      const schema = JSON.parse(schemaRes.text);
      expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
      const validate = ajv.compile(schema);
      const data = await json(name);
      expect(validate(data), `${name}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      expect(data.rows.length, name).toBeGreaterThan(0);
      const { header, rows } = await csv(name);
      expect(header).toEqual(columnsOf(name));
      expect(rows).toHaveLength(data.rows.length);
    }
    // A broken row would be caught: the schema is not a formality.
    const validate = newAjv().compile(JSON.parse((await client().get("/en/open-data/schemas/decisions.json")).text));
    expect(validate({ dataset: "decisions", rows: [{ recommendation_id: "x" }] })).toBe(false);
  });

  it("lists the 37 recommendations of 2015–2016 in order with their decisions and what the assembly made of them, and no draft", async () => {
    const { rows } = await csv("recommendations");
    const y2015 = rows.filter((r) => r.cycle === "2015-2016");
    expect(y2015.map((r) => Number(r.number))).toEqual(Array.from({ length: 37 }, (_, i) => i + 1));
    expect(y2015.every((r) => r.decision !== "")).toBe(true);
    expect(y2015.some((r) => r.adopted === "true")).toBe(true);
    expect(y2015.every((r) => r.url!.endsWith(`/en/recommendations/${r.id}`))).toBe(true);
    expect(rows.some((r) => r.id === draftId)).toBe(false);
    expect(rows.some((r) => r.id === hostileId)).toBe(true);
    const decisions = (await csv("decisions")).rows;
    expect(decisions.filter((d) => d.cycle === "2015-2016")).toHaveLength(37);
  });

  it("neutralises formulas in the CSV and keeps the text exact in JSON", async () => {
    const hostile = (await csv("recommendations")).rows.find((r) => r.id === hostileId)!;
    expect(hostile.title!.startsWith("'=HYPERLINK(")).toBe(true);
    const fromJson = (await json("recommendations")).rows.find((r) => r.id === hostileId)!;
    expect(fromJson.title).toBe(`=HYPERLINK("http://x.example") <script>alert(1)</script> & "co"`);
  });

  it("gives the assembly results per college and combined, as stored at the close, and never a person", async () => {
    const { header, rows } = await csv("assembly_results");
    expect(header.some((h) => /voter|person|email|name|tracker/.test(h))).toBe(false);
    const items = await t.deps.db.select().from(assemblyItems).where(eq(assemblyItems.status, "closed"));
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      const result = item.result as unknown as {
        passed: boolean;
        combined: { yes: { weight: string }; no: { weight: string } };
        colleges: Array<{ college: string; yes: { count: string } }>;
      };
      const mine = rows.filter((r) => r.item_id === item.id);
      expect(mine).toHaveLength(result.colleges.length + 1);
      const combined = mine.find((r) => r.college === "")!;
      expect(combined.yes_weight).toBe(result.combined.yes.weight);
      expect(combined.no_weight).toBe(result.combined.no.weight);
      expect(combined.adopted).toBe(String(result.passed));
      for (const col of result.colleges)
        expect(mine.find((r) => r.college === col.college)!.yes_count).toBe(col.yes.count);
    }
  });

  it("gives the participation figures of each cycle, per group and in total, as the figures command", async () => {
    const { rows } = await csv("participation");
    const report = await cycleFiguresBySlug(t.deps.db, "2015-2016");
    const figures = figuresJson(report!) as unknown as {
      participants: number;
      meetings: number;
      distinctPeople: number;
    };
    const total = rows.find((r) => r.cycle === "2015-2016" && r.group === "")!;
    expect(Number(total.participants)).toBe(figures.participants);
    expect(Number(total.meetings)).toBe(figures.meetings);
    expect(Number(total.distinct_people)).toBe(figures.distinctPeople);
    expect(rows.filter((r) => r.cycle === "2015-2016" && r.group !== "")).toHaveLength(4);
  });

  it("publishes an Atom feed of the submitted recommendations, well-formed whatever the titles hold", async () => {
    const res = await client().get("/fr/feeds/recommendations.atom");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/atom\+xml/);
    expect(XMLValidator.validate(res.text)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" }).parse(res.text);
    const feed = doc.feed;
    expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed["@xml:lang"]).toBe("fr");
    expect(feed.title).toBe("Nouvelles recommandations et avancement du plan d’action");
    const entries = Array.isArray(feed.entry) ? feed.entry : [feed.entry];
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.length).toBeLessThanOrEqual(50);
    // The most recent first: the hostile one was submitted just now.
    const first = entries[0];
    expect(first.id).toBe(`urn:uuid:${hostileId}`);
    expect(first.title).toBe(`=HYPERLINK("http://x.example") <script>alert(1)</script> & "co"`);
    expect(first.summary).toContain("]]></summary><evil/>");
    expect(first.summary).not.toContain("\u0001");
    expect(first.link["@href"]).toMatch(new RegExp(`/fr/recommendations/${hostileId}$`));
    expect(entries.some((e: { id: string }) => e.id === `urn:uuid:${draftId}`)).toBe(false);
    // The demo action plan's progress updates are entries too, linked to their project.
    const progress = entries.filter((e: { link: { "@href": string } }) =>
      /\/fr\/projects\/[0-9a-f-]{36}$/.test(e.link["@href"]),
    );
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0].title).toMatch(/ : (En cours|Terminé|Prévu|Abandonné), \d+ %$/);
    expect(res.text).not.toContain("<script>");
  });

  it("answers an unknown dataset, format or schema with 404, not 500", async () => {
    for (const path of [
      "/en/open-data/ballots.csv",
      "/en/open-data/recommendations.xml",
      "/en/open-data/schemas/ballots.json",
      "/en/open-data/..%2Fpackage.json",
      `/en/open-data/${"a".repeat(2000)}.csv`,
    ]) {
      const res = await client().get(path);
      expect(res.status, path).toBe(404);
    }
  });
});
