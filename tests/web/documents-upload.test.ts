import { createHash, randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocument } from "../../src/commands/documents/write.js";
import { loadGroupContext } from "../../src/commands/groups/load.js";
import { auditLog, documentVersions, groupDocuments, persons } from "../../src/db/schema/index.js";
import { MAX_UPLOAD_BYTES } from "../../src/domain/files/upload-rules.js";
import { checkUpload } from "../../src/storage/uploads.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import {
  ACCOUNT,
  countDocuments,
  file,
  groupId,
  multipart,
  PDF,
  PNG,
  storedFiles,
  versionsOf,
} from "./documents-helpers.js";

describe.each(ENGINES)("creating documents and uploading files (%s)", (engine) => {
  let t: TestApp;
  let equality: string;
  const newPath = () => `/en/groups/${equality}/documents/new`;

  beforeAll(async () => {
    t = await createTestApp(engine);
    equality = await groupId(t.deps.db, "equality");
  });
  afterAll(() => t.close());

  async function participant(): Promise<TestClient> {
    const client = new TestClient(t);
    await client.actAs(ACCOUNT.member);
    const form = await client.get(newPath());
    expect(form.status).toBe(200);
    return client;
  }

  async function created(client: TestClient, res: { status: number; location: string | null; text: string }) {
    expect(res.status, res.text.slice(0, 500)).toBe(303);
    const match = /^\/en\/documents\/([0-9a-f-]{36})\?done=created$/.exec(res.location ?? "");
    expect(match, res.location ?? "").not.toBeNull();
    const id = match![1]!;
    const page = await client.get(res.location!);
    expect(page.status).toBe(200);
    expect(page.text).toContain("The document was created.");
    return { id, page };
  }

  const goodFiles: Array<[string, () => File, string, string | null]> = [
    ["a PDF", () => file(PDF, "Compte rendu.pdf", "application/pdf"), "application/pdf", null],
    ["a PNG", () => file(PNG, "croquis.png", "image/png"), "image/png", null],
    [
      "a text file",
      () => file("Pistes\r\n\r\n1. Écouter.", "pistes.txt", "text/plain"),
      "text/plain; charset=utf-8",
      "Pistes\r\n\r\n1. Écouter.",
    ],
  ];

  it.each(goodFiles)(
    "keeps %s as the first version, and serves it back only as an attachment",
    async (_, make, type, text) => {
      const client = await participant();
      const upload = make();
      const bytes = new Uint8Array(await upload.arrayBuffer());
      const title = `Upload ${upload.name} ${randomUUID()}`;
      const res = await client.postMultipart(
        newPath(),
        multipart({ title, kind: "expert_note", visibility: "members", note: "Pour la réunion", file: upload }),
      );
      const { id, page } = await created(client, res);
      expect(page.text).toContain(upload.name);
      const [doc] = await t.deps.db.select().from(groupDocuments).where(eq(groupDocuments.id, id));
      expect(doc).toMatchObject({ title, kind: "expert_note", visibility: "members", groupId: equality });
      const [version] = await versionsOf(t.deps.db, id);
      expect(version).toMatchObject({
        version: 1,
        fileName: upload.name,
        mediaType: type,
        size: bytes.byteLength,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        textContent: text,
        note: "Pour la réunion",
      });
      expect(await t.deps.files.get(version!.storageKey!)).toEqual(bytes);

      const download = await client.get(`/en/documents/${id}/versions/1`);
      expect(download.status).toBe(200);
      expect(download.headers.get("content-type")).toBe(type);
      expect(download.headers.get("content-length")).toBe(String(bytes.byteLength));
      expect(download.headers.get("content-disposition")).toBe(
        `attachment; filename="${upload.name}"; filename*=UTF-8''${encodeURIComponent(upload.name)}`,
      );
      expect(download.headers.get("x-content-type-options")).toBe("nosniff");
      expect(download.headers.get("cache-control")).toContain("no-store");
      if (text !== null) expect(download.text).toBe(text);
    },
  );

  it("serves files under a sandboxing Content-Security-Policy", async () => {
    const client = await participant();
    const res = await client.postMultipart(
      newPath(),
      multipart({ title: `CSP ${randomUUID()}`, kind: "other", visibility: "group", file: file(PDF, "csp.pdf") }),
    );
    const { id } = await created(client, res);
    const download = await client.get(`/en/documents/${id}/versions/1`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-security-policy")).toMatch(/(^|;\s*)sandbox(;|$)/);
  });

  it("keeps a text written on the site as a text version, audited without its words", async () => {
    const client = await participant();
    const title = `Texte ${randomUUID()}`;
    const res = await client.postMultipart(
      newPath(),
      multipart({ title, kind: "working", visibility: "group", text: "  Ligne un\r\nLigne deux  \r\n" }),
    );
    const { id, page } = await created(client, res);
    expect(page.text).toContain("Read version 1");
    const [version] = await versionsOf(t.deps.db, id);
    expect(version).toMatchObject({ textContent: "Ligne un\nLigne deux", storageKey: null, fileName: null });
    const entries = await t.deps.db.select().from(auditLog).where(eq(auditLog.subjectId, id));
    const [member] = await t.deps.db.select().from(persons).where(eq(persons.email, ACCOUNT.member));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "document.created", actorId: member!.id, subjectType: "document" });
    expect(JSON.stringify(entries[0]!.data)).not.toContain("Ligne");
    expect(JSON.stringify(entries[0]!.data)).not.toContain(title);
  });

  it("stores path-like and script-like names as inert names", async () => {
    const client = await participant();
    for (const [name, kept] of [
      ["../../etc/passwd.txt", "passwd.txt"],
      ["..\\..\\boot.ini.txt", "boot.ini.txt"],
      ["<img src=x onerror=alert(1)>.pdf", "img src=x onerror=alert(1).pdf"],
      ["<script>alert(1)<\\script>.pdf", "script.pdf"],
      ['a"; filename=evil.html; x=".pdf', "a; filename=evil.html; x=.pdf"],
    ] as const) {
      const content = name.endsWith(".txt") ? "texte" : PDF;
      const res = await client.postMultipart(
        newPath(),
        multipart({ title: `Nom ${randomUUID()}`, kind: "other", visibility: "group", file: file(content, name) }),
      );
      const { id, page } = await created(client, res);
      const [version] = await versionsOf(t.deps.db, id);
      expect(version!.fileName, name).toBe(kept);
      expect(page.text).not.toContain("<img src=x");
      expect(page.text).not.toContain("<script>alert");
      const download = await client.get(`/en/documents/${id}/versions/1`);
      const disposition = download.headers.get("content-disposition") ?? "";
      expect(disposition.startsWith("attachment; ")).toBe(true);
      expect(disposition.split(";").filter((p) => p.trim().startsWith("filename=")).length).toBe(1);
      expect(disposition).toContain(
        `filename*=UTF-8''${encodeURIComponent(kept).replace(/[()']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
      );
    }
  });

  const over20 = () => {
    const big = new Uint8Array(MAX_UPLOAD_BYTES + 1);
    big.set(PDF);
    return file(big, "gros.pdf");
  };
  const refusals: Array<[string, () => Record<string, string | File>, string]> = [
    ["an empty file", () => ({ file: file(new Uint8Array(), "vide.pdf") }), "The file is empty."],
    ["a file over 20 MB", () => ({ file: over20() }), "The file is larger than 20 MB."],
    [
      "a PNG renamed .pdf",
      () => ({ file: file(PNG, "image.pdf") }),
      "The content of the file does not match its extension",
    ],
    [
      "a script renamed .pdf",
      () => ({ file: file("<script>alert(1)</script>", "rapport.pdf") }),
      "The content of the file does not match its extension",
    ],
    [
      "a program renamed .txt",
      () => ({ file: file("MZ\u0090\u0000\u0003\u0000", "notes.txt") }),
      "does not match its extension",
    ],
    ["an HTML page", () => ({ file: file("<h1>x</h1>", "page.html") }), "This type of file is not accepted"],
    [
      "an SVG image",
      () => ({ file: file("<svg onload=alert(1)></svg>", "image.svg") }),
      "This type of file is not accepted",
    ],
    ["a script", () => ({ file: file("alert(1)", "app.js") }), "This type of file is not accepted"],
    ["a program", () => ({ file: file("MZ", "setup.exe") }), "This type of file is not accepted"],
    [
      "a path without a type",
      () => ({ file: file("root:x:0:0", "../../etc/passwd") }),
      "This type of file is not accepted",
    ],
    ["a name that is only dots", () => ({ file: file("x", "..") }), "This file name cannot be used."],
    [
      "a file and a text at once",
      () => ({ file: file(PDF, "x.pdf"), text: "Et un texte" }),
      "Send either a file or a text, not both.",
    ],
    ["neither a file nor a text", () => ({ text: "   " }), "Choose a file or write a text."],
    ["an empty title", () => ({ title: " ", file: file(PDF, "x.pdf") }), "This field is required."],
    ["an unknown kind", () => ({ kind: "secret", text: "x" }), "Choose one of the values offered."],
    ["an unknown visibility", () => ({ visibility: "everyone", text: "x" }), "Choose one of the values offered."],
    ["a title over 200 characters", () => ({ title: "x".repeat(201), text: "x" }), "at most 200 characters"],
    ["a note over 500 characters", () => ({ note: "x".repeat(501), text: "x" }), "at most 500 characters"],
  ];

  it.each(refusals)("refuses %s with a clear message and saves nothing", async (_, fields, message) => {
    const client = await participant();
    const before = await countDocuments(t.deps.db, equality);
    const filesBefore = await storedFiles(t);
    const [audit] = await t.deps.db.select({ n: count() }).from(auditLog);
    const title = `Refusé ${randomUUID()}`;
    const res = await client.postMultipart(
      newPath(),
      multipart({ title, kind: "working", visibility: "group", ...fields() }),
    );
    expect(res.status).toBe(422);
    expect(res.text).toContain("There is a problem with the form");
    expect(res.text.replace(/&#39;/g, "'")).toContain(message);
    expect(await countDocuments(t.deps.db, equality)).toEqual(before);
    expect(await storedFiles(t)).toEqual(filesBefore);
    const [auditAfter] = await t.deps.db.select({ n: count() }).from(auditLog);
    expect(auditAfter!.n).toBe(audit!.n);
  });

  it("asks to choose a good file again when only another field was wrong, and keeps what was typed", async () => {
    const client = await participant();
    const res = await client.postMultipart(
      newPath(),
      multipart({ title: "", kind: "sketch", visibility: "public", note: "Ma note", file: file(PNG, "croquis.png") }),
    );
    expect(res.status).toBe(422);
    expect(res.text).toContain("Choose your file again: a file is not kept when the form is refused.");
    expect(res.text).toContain('value="Ma note"');
    expect(res.text).toMatch(/<option value="sketch" selected="">/);
    expect(res.text).toMatch(/<option value="public" selected="">/);
  });

  it("refuses a request larger than 21 MiB before reading it", async () => {
    const client = await participant();
    const before = await countDocuments(t.deps.db, equality);
    const huge = new Uint8Array(22 * 1024 * 1024);
    huge.set(PDF);
    const res = await client.postMultipart(
      newPath(),
      multipart({ title: "Énorme", kind: "other", visibility: "group", file: file(huge, "enorme.pdf") }),
    );
    expect(res.status).toBe(413);
    expect(await countDocuments(t.deps.db, equality)).toEqual(before);
  });

  it("takes the file out of the store again when the database refuses the document", async () => {
    const [member] = await t.deps.db.select().from(persons).where(eq(persons.email, ACCOUNT.member));
    const context = await loadGroupContext(t.deps.db, equality, member!.id);
    const checked = await checkUpload(file(PDF, "orphelin.pdf"));
    if (!checked.ok) throw new Error("the sample PDF should pass");
    const filesBefore = await storedFiles(t);
    // A group that does not exist: the insert fails on its foreign key, after the file was put.
    const ghost = { ...context!, group: { ...context!.group, id: randomUUID() } };
    await expect(
      createDocument(t.deps.db, t.deps.files, member!.id, ghost, {
        title: "Orphelin",
        kind: "other",
        visibility: "group",
        note: "",
        content: { type: "file", upload: checked.upload },
      }),
    ).rejects.toThrow();
    expect(await storedFiles(t)).toEqual(filesBefore);
    expect(await t.deps.db.select().from(groupDocuments).where(eq(groupDocuments.title, "Orphelin"))).toEqual([]);
    expect(
      await t.deps.db
        .select({ n: count() })
        .from(documentVersions)
        .where(eq(documentVersions.fileName, "orphelin.pdf")),
    ).toEqual([{ n: 0 }]);
  });
});
