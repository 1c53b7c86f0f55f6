import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addVersion } from "../../src/commands/documents/write.js";
import { loadDocumentResource } from "../../src/commands/groups/load.js";
import { auditLog, documentVersions, groupDocuments, persons } from "../../src/db/schema/index.js";
import { formatDate } from "../../src/i18n/format.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import {
  ACCOUNT,
  documentId,
  file,
  groupId,
  multipart,
  PDF,
  PNG,
  storedFiles,
  versionsOf,
} from "./documents-helpers.js";

/** The rows of a document page's version table, newest first: each row's HTML and its cells as text. */
function versionTable(html: string): Array<{ html: string; cells: string[] }> {
  const table = /<caption>Versions of the document, newest first<\/caption>[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(
    html,
  );
  expect(table, "the version table").not.toBeNull();
  return [...table![1]!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => ({
    html: row[1]!,
    cells: [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) =>
      cell[1]!.replace(/<[^>]+>/g, "").trim(),
    ),
  }));
}

describe.each(ENGINES)("versions, comparisons and settings of a document (%s)", (engine) => {
  let t: TestApp;
  let pistes: string;
  let equality: string;
  const page = (rest = "") => `/en/documents/${pistes}${rest}`;

  beforeAll(async () => {
    t = await createTestApp(engine);
    pistes = await documentId(t.deps.db, "Pistes de travail");
    equality = await groupId(t.deps.db, "equality");
  });
  afterAll(() => t.close());

  async function member(): Promise<TestClient> {
    const client = new TestClient(t);
    await client.actAs(ACCOUNT.member);
    expect((await client.get(page())).status).toBe(200);
    return client;
  }

  it("compares the two demo versions word by word, with counts and labels that do not rely on colour", async () => {
    const client = await member();
    const res = await client.get(page("/diff?from=1&to=2"));
    expect(res.status).toBe(200);
    expect(res.text).toContain("Pistes de travail: version 1 compared with version 2");
    expect(res.text).toMatch(/<ins><span class="visually-hidden">\[added: <\/span>chaque année /);
    expect(res.text).toContain("3. Former les jurys de recrutement aux biais.");
    expect(res.text).toContain("10 words added");
    expect(res.text).toContain("0 words removed");
    // The same comparison asked the other way round.
    const reversed = await client.get(page("/diff?from=2&to=1"));
    expect(reversed.status).toBe(200);
    expect(reversed.text).toContain("version 1 compared with version 2");
  });

  const badComparisons: Array<[string, string, string]> = [
    ["no versions", "", "Choose the two versions to compare."],
    ["a missing second version", "?from=1", "Choose the two versions to compare."],
    ["a version that is not a number", "?from=one&to=2", "A version number is a whole number, such as 1 or 2."],
    ["a negative version", "?from=-1&to=2", "A version number is a whole number, such as 1 or 2."],
    ["a huge version", "?from=1&to=99999999999999", "A version number is a whole number, such as 1 or 2."],
    ["an unknown version", "?from=1&to=42", "This document has no such version."],
    ["the same version twice", "?from=2&to=2", "Choose two different versions."],
  ];

  it.each(badComparisons)("answers %s with a clear message on the document page (400)", async (_, query, message) => {
    const client = await member();
    const res = await client.get(page(`/diff${query}`));
    expect(res.status).toBe(400);
    expect(res.text).toContain("There is a problem with the form");
    expect(res.text).toContain(message);
    expect(res.text).toContain("<h1>Pistes de travail</h1>");
  });

  it("adds text and file versions with consecutive numbers, audited; compares a text upload with a text", async () => {
    const client = await member();
    const before = (await versionsOf(t.deps.db, pistes)).length;
    const text = await client.postMultipart(
      page("/versions"),
      multipart({ text: "Pistes\n\n1. Publier chaque année les écarts.\n2. <script>alert(1)</script>", note: "Relu" }),
    );
    expect(text.status).toBe(303);
    expect(text.location).toBe(page(`?done=version&n=${before + 1}`));
    expect((await client.follow(text)).text).toContain(`Version ${before + 1} was added.`);

    const upload = await client.postMultipart(
      page("/versions"),
      multipart({ file: file("Pistes\n\n1. Publier les écarts.", "pistes-v4.txt"), note: "" }),
    );
    expect(upload.status).toBe(303);
    const pdf = await client.postMultipart(page("/versions"), multipart({ file: file(PDF, "pistes.pdf") }));
    expect(pdf.status).toBe(303);

    const versions = await versionsOf(t.deps.db, pistes);
    expect(versions.map((v) => v.version)).toEqual(Array.from({ length: before + 3 }, (_, i) => i + 1));
    expect(versions[before]).toMatchObject({ note: "Relu", storageKey: null, fileName: null });
    expect(versions[before + 1]).toMatchObject({
      fileName: "pistes-v4.txt",
      textContent: "Pistes\n\n1. Publier les écarts.",
    });
    expect(versions[before + 2]).toMatchObject({ fileName: "pistes.pdf", textContent: null });

    const [person] = await t.deps.db.select().from(persons).where(eq(persons.email, ACCOUNT.member));
    const entries = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, pistes), eq(auditLog.action, "document.version_added")));
    expect(entries.map((e) => (e.data as { version: number }).version)).toEqual([before + 1, before + 2, before + 3]);
    expect(entries.every((e) => e.actorId === person!.id)).toBe(true);

    // The written text is shown as text, never as markup.
    const shown = await client.get(page(`/versions/${before + 1}`));
    expect(shown.status).toBe(200);
    expect(shown.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(shown.text).not.toContain("<script>alert(1)");

    const diff = await client.get(page(`/diff?from=${before + 1}&to=${before + 2}`));
    expect(diff.status).toBe(200);
    expect(diff.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(diff.text).not.toContain("<script>alert(1)");
    expect(diff.text).toMatch(/<del><span class="visually-hidden">\[removed: <\/span>/);

    // A PDF holds no text to compare.
    const notText = await client.get(page(`/diff?from=1&to=${before + 3}`));
    expect(notText.status).toBe(400);
    expect(notText.text).toContain("Only text versions can be compared, not other files.");
  });

  const badVersions: Array<[string, () => Record<string, string | File>, string]> = [
    ["nothing", () => ({}), "Choose a file or write a text."],
    ["a blank text", () => ({ text: " \n " }), "Choose a file or write a text."],
    ["a file and a text", () => ({ text: "x", file: file(PDF, "x.pdf") }), "Send either a file or a text, not both."],
    ["a PNG renamed .pdf", () => ({ file: file(PNG, "x.pdf") }), "does not match its extension"],
    ["an HTML page", () => ({ file: file("<p>x</p>", "x.html") }), "This type of file is not accepted"],
    ["an empty file", () => ({ file: file(new Uint8Array(), "x.txt") }), "The file is empty."],
    ["a text too long", () => ({ text: "x".repeat(200_001) }), "at most 200000 characters"],
  ];

  it.each(badVersions)(
    "refuses a version made of %s, and keeps every version as it was",
    async (_, fields, message) => {
      const client = await member();
      const before = await versionsOf(t.deps.db, pistes);
      const files = await storedFiles(t);
      const res = await client.postMultipart(page("/versions"), multipart({ note: "Ma note", ...fields() }));
      expect(res.status).toBe(422);
      expect(res.text).toContain(message);
      expect(res.text).toContain('value="Ma note"');
      expect(await versionsOf(t.deps.db, pistes)).toEqual(before);
      expect(await storedFiles(t)).toEqual(files);
    },
  );

  it("numbers versions consecutively when several people add one at the same time", async () => {
    const before = (await versionsOf(t.deps.db, pistes)).length;
    const [person] = await t.deps.db.select().from(persons).where(eq(persons.email, ACCOUNT.secretary));
    const loaded = await loadDocumentResource(t.deps.db, pistes, person!.id);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        addVersion(t.deps.db, t.deps.files, person!.id, loaded!.data, {
          note: `parallèle ${i}`,
          content: { type: "text", text: `Texte ${i}` },
        }),
      ),
    );
    expect(results.map((r) => r.version).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 6 }, (_, i) => before + i + 1),
    );
    // The same through the forms, at once.
    const clients = await Promise.all([member(), member(), member()]);
    const posts = await Promise.all(
      clients.map((c, i) => c.postMultipart(page("/versions"), multipart({ text: `Formulaire ${i}` }))),
    );
    expect(posts.map((p) => p.status)).toEqual([303, 303, 303]);
    const numbers = (await versionsOf(t.deps.db, pistes)).map((v) => v.version);
    expect(numbers).toEqual(Array.from({ length: before + 9 }, (_, i) => i + 1));
  });

  it("shows who added each version and when, in the version table of the document page", async () => {
    const client = await member();
    const rows = versionTable((await client.get(page())).text);
    const versions = await t.deps.db
      .select({ version: documentVersions.version, createdAt: documentVersions.createdAt, name: persons.name })
      .from(documentVersions)
      .innerJoin(persons, eq(persons.id, documentVersions.createdBy))
      .where(eq(documentVersions.documentId, pistes))
      .orderBy(desc(documentVersions.version));
    // The demo's two versions and those the tests above added, by the member and the secretary.
    expect(versions.length).toBeGreaterThan(10);
    expect(new Set(versions.map((v) => v.name)).size).toBe(3);
    expect(rows.map((r) => r.cells[0])).toEqual(versions.map((v) => String(v.version)));
    rows.forEach((row, i) => {
      const v = versions[i]!;
      const when = formatDate("en", v.createdAt, "datetime");
      expect(row.cells[1], `date of version ${v.version}`).toBe(when);
      expect(row.html, `date of version ${v.version}`).toContain(
        `<time datetime="${v.createdAt.toISOString()}">${when}</time>`,
      );
      expect(row.cells[2], `author of version ${v.version}`).toBe(v.name);
    });
    // The demo's first versions, as a reader sees them: written at 11:00, Brussels time.
    const [second, first] = rows.slice(-2);
    expect(first!.cells.slice(0, 3)).toEqual([
      "1",
      expect.stringMatching(/^\d{1,2} [A-Z][a-z]+ \d{4} at 11:00$/),
      "Chloé Verhaegen",
    ]);
    expect(second!.cells.slice(0, 3)).toEqual([
      "2",
      expect.stringMatching(/^\d{1,2} [A-Z][a-z]+ \d{4} at 11:00$/),
      "Dries Wouters",
    ]);
    expect(first!.cells[3]).toBe("Première version");
  });

  it("changes the title, kind and visibility, audited; refuses bad values and keeps what was typed", async () => {
    const client = await member();
    const bad = await client.post(page("/settings"), { title: " ", kind: "secret", visibility: "members" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("This field is required.");
    expect(bad.text).toContain("Choose one of the values offered.");
    expect(bad.text).toMatch(/<option value="members" selected="">/);
    let [doc] = await t.deps.db.select().from(groupDocuments).where(eq(groupDocuments.id, pistes));
    expect(doc).toMatchObject({ title: "Pistes de travail", kind: "working", visibility: "group" });

    const same = await client.post(page("/settings"), {
      title: "Pistes de travail",
      kind: "working",
      visibility: "group",
    });
    expect(same.location).toBe(page("?done=unchanged"));

    const res = await client.post(page("/settings"), {
      title: "Pistes retenues",
      kind: "minutes",
      visibility: "members",
    });
    expect(res.status).toBe(303);
    expect((await client.follow(res)).text).toContain("The changes were saved.");
    [doc] = await t.deps.db.select().from(groupDocuments).where(eq(groupDocuments.id, pistes));
    expect(doc).toMatchObject({ title: "Pistes retenues", kind: "minutes", visibility: "members" });
    const [entry] = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, pistes), eq(auditLog.action, "document.updated")));
    expect(entry!.data).toEqual({
      groupId: equality,
      fields: ["title", "kind", "visibility"],
      visibility: { from: "group", to: "members" },
    });
    // Now readable by a member of the organisations outside the group.
    const ethics = new TestClient(t);
    await ethics.actAs(ACCOUNT.ethics);
    expect((await ethics.get(page())).status).toBe(200);
    await client.post(page("/settings"), { title: "Pistes de travail", kind: "working", visibility: "group" });
    expect((await ethics.get(page())).status).toBe(403);
  });

  it("lists the library by kind, filters it, and offers a new document to participants", async () => {
    const client = await member();
    const all = await client.get(`/en/groups/${equality}/documents`);
    expect(all.status).toBe(200);
    expect(all.text).toContain('<h2 id="kind-working">Working documents</h2>');
    expect(all.text).toContain('<h2 id="kind-other">Other documents</h2>');
    expect(all.text).toContain("Add a document");
    const working = await client.get(`/en/groups/${equality}/documents?kind=working`);
    expect(working.text).toContain("Pistes de travail");
    expect(working.text).not.toContain("Mandat du groupe");
    const other = await client.get(`/en/groups/${equality}/documents?kind=other`);
    expect(other.text).not.toContain("Pistes de travail");
    expect(other.text).toContain("Mandat du groupe");
    const unknown = await client.get(`/en/groups/${equality}/documents?kind=%3Cscript%3E`);
    expect(unknown.status).toBe(200);
    expect(unknown.text).toContain("Mandat du groupe");
    expect(unknown.text).not.toContain("<script>");
  });

  it("is written in every language", async () => {
    const client = new TestClient(t);
    await client.actAs(ACCOUNT.member, "fr");
    const fr = await client.get(`/fr/groups/${equality}/documents`);
    expect(fr.text).toContain("Documents de travail");
    const de = await client.get(`/de/documents/${pistes}/diff?from=1&to=2`);
    expect(de.text).toContain("Wörter hinzugefügt");
    const nl = await client.get(`/nl/documents/${pistes}`);
    expect(nl.text).toContain("Twee versies vergelijken");
  });
});
