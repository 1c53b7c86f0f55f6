import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readStatus } from "../../src/booklet/cache.js";
import { buildBookletPdf, currentBooklet } from "../../src/booklet/generate.js";
import { bookletRecommendations } from "../../src/booklet/data.js";
import { runCli } from "../../src/cli/main.js";
import { recommendations, recommendationVersions } from "../../src/db/schema/index.js";
import { cycles } from "../../src/db/schema/index.js";
import { BOOKLET_QUEUE, pendingBooklets } from "../../src/jobs/booklet-jobs.js";
import { startJobRuntime, type JobRuntime } from "../../src/jobs/runtime.js";
import { createLogger } from "../../src/logging/logger.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";

const SLUG = "2015-2016";
const CHROMIUM = existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium");

/** Text without any whitespace: Chromium's line breaks and pdftotext's layout do not matter. */
const squeeze = (s: string) => s.replace(/\s+/g, "");
const collapse = (s: string) => s.replace(/\s+/g, " ");

function pdftotext(file: string): string {
  return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
}

function pdfinfo(file: string): Record<string, string> {
  const out = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  return Object.fromEntries(
    out
      .split("\n")
      .filter((l) => l.includes(":"))
      .map((l) => [l.slice(0, l.indexOf(":")).trim(), l.slice(l.indexOf(":") + 1).trim()]),
  );
}

/** The bookmarks (outline) of a PDF, in order, as poppler's pdftohtml reads them. */
function bookmarks(file: string): string[] {
  const xml = execFileSync("pdftohtml", ["-xml", "-i", "-q", "-stdout", file], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const outline = xml.slice(xml.indexOf("<outline>"));
  return [...outline.matchAll(/<item page="\d+">([^<]*)/g)].map((m) =>
    m[1]!
      .replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'"),
  );
}

/** The /Lang of the document catalog (Skia writes the catalog uncompressed). */
function catalogLanguage(bytes: Buffer): string | null {
  const raw = bytes.toString("latin1");
  const at = raw.indexOf("/Type /Catalog");
  if (at === -1) return null;
  const end = raw.indexOf("endobj", at);
  return /\/Lang \(([^)]*)\)/.exec(raw.slice(at, end))?.[1] ?? null;
}

/** Expects each needle in order, each after the previous one. */
function expectInOrder(haystack: string, needles: string[]) {
  let at = 0;
  for (const n of needles) {
    const i = haystack.indexOf(n, at);
    expect(i, `"${n}" after offset ${at}`).toBeGreaterThanOrEqual(0);
    at = i + n.length;
  }
}

describe.skipIf(!CHROMIUM)("the booklet as a PDF (Chromium, poppler)", () => {
  describe.each(ENGINES)("printed from the demo cycle (%s)", (engine) => {
    let t: TestApp;
    let dataDir: string;

    beforeAll(async () => {
      t = await createTestApp(engine);
      dataDir = await mkdtemp(path.join(os.tmpdir(), "letscoop-booklet-"));
    });
    afterAll(async () => {
      await pendingBooklets();
      await t.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    it("has the 37 recommendation titles in order, bookmarks, tags and the document language", async () => {
      const current = (await currentBooklet(t.deps.db, SLUG, "fr"))!;
      const recs = bookletRecommendations(current.data);
      expect(recs).toHaveLength(37);
      const built = (await buildBookletPdf(t.deps.db, dataDir, SLUG, "fr"))!;
      expect(built.cached).toBe(false);
      expect(built.hash).toBe(current.hash);
      const bytes = await readFile(built.path);
      expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");

      // The titles, each in its heading "Recommandation N — title", in the booklet's order.
      const text = collapse(pdftotext(built.path));
      expectInOrder(
        text,
        recs.map((r) => `Recommandation ${r.number} — ${collapse(r.title)}`),
      );
      expect(text).toContain("58 personnes, encadrées par 12 animateurs et 3 secrétaires");

      const info = pdfinfo(built.path);
      expect(info.Tagged).toBe("yes");
      expect(Number(info.Pages)).toBeGreaterThan(37);
      expect(info.Title).toContain("Livret des recommandations");
      expect(catalogLanguage(bytes)).toBe("fr");

      // A bookmark for every part and every recommendation, in order.
      const marks = bookmarks(built.path).map(squeeze);
      expect(marks.length).toBeGreaterThan(37 + 4);
      expectInOrder(marks.join("|"), [
        squeeze("Lettre d’accompagnement"),
        squeeze("Table des matières"),
        ...recs.map((r) => squeeze(`Recommandation ${r.number} — ${r.title}`)),
        squeeze("Participants"),
        squeeze("Remerciements"),
      ]);
    });

    it("is served from the cache until the content changes", async () => {
      const first = (await buildBookletPdf(t.deps.db, dataDir, SLUG, "fr"))!;
      const before = await stat(first.path);
      const again = (await buildBookletPdf(t.deps.db, dataDir, SLUG, "fr"))!;
      expect(again.cached).toBe(true);
      expect(again.path).toBe(first.path);
      expect((await stat(again.path)).mtimeMs).toBe(before.mtimeMs);
      expect((await readStatus(dataDir, again.hash))?.state).toBe("done");

      const [cycle] = await t.deps.db.select({ id: cycles.id }).from(cycles).where(eq(cycles.slug, SLUG));
      const [one] = await t.deps.db
        .select({ id: recommendations.id })
        .from(recommendations)
        .where(and(eq(recommendations.cycleId, cycle!.id), eq(recommendations.number, 1)));
      await t.deps.db
        .update(recommendationVersions)
        .set({ title: "Continuer à porter un nouveau modèle de travail coopératif." })
        .where(eq(recommendationVersions.recommendationId, one!.id));
      const changed = (await buildBookletPdf(t.deps.db, dataDir, SLUG, "fr"))!;
      expect(changed.cached).toBe(false);
      expect(changed.hash).not.toBe(first.hash);
      expect(collapse(pdftotext(changed.path))).toContain(
        "Recommandation 1 — Continuer à porter un nouveau modèle de travail coopératif.",
      );
    });

    it("is asked for on the web, printed in the background with its progress shown, then downloaded", async () => {
      const client = new TestClient(t);
      const page = await client.get(`/nl/cycles/${SLUG}/booklet`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(`action="/nl/cycles/${SLUG}/booklet/pdf"`);
      const posted = await client.post(`/nl/cycles/${SLUG}/booklet/pdf`);
      expect(posted.status).toBe(303);
      expect(posted.location).toBe(`/nl/cycles/${SLUG}/booklet/pdf`);
      const waiting = await client.get(posted.location!);
      expect(waiting.status).toBe(200);
      expect(waiting.text).toContain("<progress");
      expect(waiting.text).toMatch(/De PDF staat in de wachtrij\.|De PDF wordt voorbereid: stap \d van 4/);
      await pendingBooklets();
      const ready = await client.get(`/nl/cycles/${SLUG}/booklet/pdf`);
      expect(ready.text).toContain("De PDF is klaar.");
      expect(ready.text).toContain(`href="/nl/cycles/${SLUG}/booklet/pdf/download"`);
      expect(ready.text).not.toContain("<progress");
      const res = await t.app.request(`/nl/cycles/${SLUG}/booklet/pdf/download`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(catalogLanguage(bytes)).toBe("nl");
      const file = path.join(dataDir, "served.pdf");
      await import("node:fs/promises").then((fs) => fs.writeFile(file, bytes));
      const text = collapse(pdftotext(file));
      expect(text).toContain("Inhoudsopgave");
      expect(text).toContain("Aanbeveling 37 —");
      // The booklet page now links the PDF instead of offering to prepare it.
      const after = await client.get(`/nl/cycles/${SLUG}/booklet`);
      expect(after.text).toContain(`href="/nl/cycles/${SLUG}/booklet/pdf/download"`);
    });
  });

  describe.each(ENGINES)("printed by the job queue (%s)", (engine) => {
    let t: TestApp;
    let jobs: JobRuntime;

    beforeAll(async () => {
      t = await createTestApp(engine);
      jobs = await startJobRuntime(
        {
          database: t.database,
          db: t.database.db,
          mailer: t.deps.mailer,
          logger: createLogger("silent"),
          env: { baseUrl: "http://localhost:3000", dataDir: t.deps.env.dataDir },
        },
        { work: true, pollingIntervalSeconds: 0.5, sweep: false },
      );
    });
    afterAll(async () => {
      await jobs?.stop();
      await t?.close();
    });

    it("runs the booklet job of a request, the page showing its progress until the PDF is ready", async () => {
      const client = new TestClient(t);
      await client.get(`/en/cycles/${SLUG}/booklet`);
      const posted = await client.post(`/en/cycles/${SLUG}/booklet/pdf`);
      expect(posted.status).toBe(303);
      // The job is in pg-boss's table, not printed in this request.
      const { rows } = await jobs.boss
        .getDb()
        .executeSql("select count(*)::int as n from pgboss.job where name = $1", [BOOKLET_QUEUE]);
      expect((rows[0] as { n: number }).n).toBe(1);
      const waiting = await client.get(`/en/cycles/${SLUG}/booklet/pdf`);
      expect(waiting.text).toContain("<progress");
      const until = Date.now() + 60_000;
      let page = waiting;
      while (!page.text.includes("The PDF is ready.") && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 300));
        page = await client.get(`/en/cycles/${SLUG}/booklet/pdf`);
      }
      expect(page.text).toContain("The PDF is ready.");
      const res = await t.app.request(`/en/cycles/${SLUG}/booklet/pdf/download`);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(catalogLanguage(Buffer.from(await res.arrayBuffer()))).toBe("en");
    }, 90_000);
  });

  describe("from the command line", () => {
    let dir: string;
    const saved = { ...process.env };
    const io = () => {
      const out: string[] = [];
      const err: string[] = [];
      return { out, err, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) } };
    };
    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), "letscoop-booklet-cli-"));
      process.env.DATA_DIR = dir;
      delete process.env.DATABASE_URL;
      delete process.env.BASE_URL;
      expect(await runCli(["seed"], io().io)).toBe(0);
    }, 120_000);
    afterAll(async () => {
      process.env = saved;
      await rm(dir, { recursive: true, force: true });
    });

    it("writes the booklet of a cycle in a language to the file given", async () => {
      const out = path.join(dir, "out", "booklet-de.pdf");
      const a = io();
      const code = await runCli(["booklet", "--cycle", SLUG, "--lang", "de", "--out", out], a.io);
      expect(code, a.err.join("\n")).toBe(0);
      expect(a.out.join("\n")).toContain(out);
      const bytes = await readFile(out);
      expect(catalogLanguage(bytes)).toBe("de");
      const text = collapse(pdftotext(out));
      expect(text).toContain("Inhaltsverzeichnis");
      // A heading "Empfehlung N — …" for each of the 37 (the board's merges quote some numbers again).
      const numbers = new Set([...text.matchAll(/Empfehlung (\d+) —/g)].map((m) => Number(m[1])));
      expect([...numbers].sort((x, y) => x - y)).toEqual(Array.from({ length: 37 }, (_, i) => i + 1));
    }, 120_000);

    it("refuses a bad language, a missing option and an unknown cycle", async () => {
      const bad = io();
      expect(await runCli(["booklet", "--cycle", SLUG, "--lang", "xx", "--out", "x.pdf"], bad.io)).toBe(2);
      expect(bad.err.join("\n")).toContain("--lang fr|nl|de|en");
      const missing = io();
      expect(await runCli(["booklet", "--cycle", SLUG, "--lang", "fr"], missing.io)).toBe(2);
      const unknown = io();
      expect(
        await runCli(
          ["booklet", "--cycle", "no-such-cycle", "--lang", "fr", "--out", path.join(dir, "n.pdf")],
          unknown.io,
        ),
      ).toBe(1);
      expect(unknown.err.join("\n")).toContain('No cycle "no-such-cycle"');
      expect(existsSync(path.join(dir, "n.pdf"))).toBe(false);
    });
  });
});
