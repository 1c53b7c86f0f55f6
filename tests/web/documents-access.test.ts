import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocument, type VersionContent } from "../../src/commands/documents/write.js";
import { loadGroupContext } from "../../src/commands/groups/load.js";
import { groupDocuments, persons, type DocumentVisibility } from "../../src/db/schema/index.js";
import { checkUpload } from "../../src/storage/uploads.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import { ACCOUNT, documentId, file, groupId, multipart, versionsOf } from "./documents-helpers.js";

/** Bytes that must never reach someone who may not read the document. */
const SECRET = "CONFIDENTIEL-7f3a9c: salaires par fonction";

describe.each(ENGINES)("who may read which document (%s)", (engine) => {
  let t: TestApp;
  let equality: string;
  let french: string;
  const docs: Record<string, string> = {};

  async function make(
    group: string,
    author: string,
    title: string,
    visibility: DocumentVisibility,
    content: VersionContent,
  ) {
    const [person] = await t.deps.db.select().from(persons).where(eq(persons.email, author));
    const context = await loadGroupContext(t.deps.db, group, person!.id);
    const { documentId } = await createDocument(t.deps.db, t.deps.files, person!.id, context!, {
      title,
      kind: "working",
      visibility,
      note: "",
      content,
    });
    return documentId;
  }

  async function secretFile(): Promise<VersionContent> {
    const checked = await checkUpload(file(SECRET, "salaires.txt"));
    if (!checked.ok) throw new Error("the sample file should pass");
    return { type: "file", upload: checked.upload };
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    equality = await groupId(t.deps.db, "equality");
    french = await groupId(t.deps.db, "economic-model-fr");
    docs.pistes = await documentId(t.deps.db, "Pistes de travail");
    docs.mandate = await documentId(t.deps.db, "Mandat du groupe");
    docs.groupFile = await make(equality, ACCOUNT.facilitator, "Salaires (groupe)", "group", await secretFile());
    docs.membersText = await make(equality, ACCOUNT.facilitator, "Note aux membres", "members", {
      type: "text",
      text: "Une note pour les membres.",
    });
    docs.publicFile = await make(equality, ACCOUNT.facilitator, "Affiche publique", "public", await secretFile());
    docs.frenchGroup = await make(french, ACCOUNT.frenchFacilitator, "Modèle (groupe FR)", "group", await secretFile());
    docs.frenchMembers = await make(french, ACCOUNT.frenchFacilitator, "Modèle (membres FR)", "members", {
      type: "text",
      text: "Pour les membres de Smart France.",
    });
  });
  afterAll(() => t.close());

  async function as(email: string | null): Promise<TestClient> {
    const client = new TestClient(t);
    if (email) await client.actAs(email);
    else await client.get("/en/");
    return client;
  }

  /** Every way of reading a document: its page, a version (its file), a comparison. */
  const readUrls = (id: string) => [
    `/en/documents/${id}`,
    `/en/documents/${id}/versions/1`,
    `/en/documents/${id}/diff?from=1&to=2`,
  ];

  async function expectRefused(client: TestClient, visitor: boolean, id: string) {
    for (const url of readUrls(id)) {
      const res = await client.get(url);
      if (visitor) {
        expect(res.status, url).toBe(303);
        expect(res.location, url).toMatch(/^\/en\/sign-in\?next=/);
      } else expect(res.status, url).toBe(403);
      expect(res.text, url).not.toContain("CONFIDENTIEL");
      expect(res.headers.get("content-disposition"), url).toBeNull();
    }
  }

  async function expectReadable(client: TestClient, id: string) {
    const page = await client.get(`/en/documents/${id}`);
    expect(page.status).toBe(200);
    const version = await client.get(`/en/documents/${id}/versions/1`);
    expect(version.status).toBe(200);
  }

  it("keeps a group-only document and its file from a member of smart-be outside the group, even by id", async () => {
    const ethics = await as(ACCOUNT.ethics);
    for (const id of [docs.pistes!, docs.groupFile!]) await expectRefused(ethics, false, id);
    const library = await ethics.get(`/en/groups/${equality}/documents`);
    expect(library.status).toBe(200);
    expect(library.text).not.toContain("Pistes de travail");
    expect(library.text).not.toContain("Salaires (groupe)");
    expect(library.text).toContain("Note aux membres");
    expect(library.text).toContain("Mandat du groupe");
    expect(library.text).not.toContain("Add a document");
  });

  it("lets that member read a document for the members, and a public one, but not change them", async () => {
    const ethics = await as(ACCOUNT.ethics);
    await expectReadable(ethics, docs.membersText!);
    await expectReadable(ethics, docs.publicFile!);
    const page = await ethics.get(`/en/documents/${docs.membersText}`);
    expect(page.text).not.toContain("Add the version");
    expect(page.text).not.toContain("Title, kind and visibility");
    const before = await versionsOf(t.deps.db, docs.membersText!);
    const post = await ethics.postMultipart(
      `/en/documents/${docs.membersText}/versions`,
      multipart({ text: "Intrus" }),
    );
    expect(post.status).toBe(403);
    const settings = await ethics.post(`/en/documents/${docs.membersText}/settings`, {
      title: "Pris",
      kind: "other",
      visibility: "public",
    });
    expect(settings.status).toBe(403);
    expect(await versionsOf(t.deps.db, docs.membersText!)).toEqual(before);
    const [doc] = await t.deps.db.select().from(groupDocuments).where(eq(groupDocuments.id, docs.membersText!));
    expect(doc).toMatchObject({ title: "Note aux membres", visibility: "members" });
  });

  it("shows visitors the public documents only, and sends them to sign in for the others", async () => {
    const visitor = await as(null);
    await expectReadable(visitor, docs.mandate!);
    const download = await visitor.get(`/en/documents/${docs.publicFile}/versions/1`);
    expect(download.text).toBe(SECRET);
    for (const id of [docs.pistes!, docs.groupFile!, docs.membersText!]) await expectRefused(visitor, true, id);
    const library = await visitor.get(`/en/groups/${equality}/documents`);
    expect(library.status).toBe(200);
    expect(library.text).toContain("Mandat du groupe");
    expect(library.text).toContain("Affiche publique");
    expect(library.text).not.toContain("Note aux membres");
    expect(library.text).not.toContain("Pistes de travail");
    // Names of people are not shown to visitors.
    expect(library.text).toContain("name not public");
    const newForm = await visitor.get(`/en/groups/${equality}/documents/new`);
    expect(newForm.status).toBe(303);
  });

  it("keeps documents for the members from someone who is no member of the group's organisations", async () => {
    const guest = await as(ACCOUNT.guest);
    await expectRefused(guest, false, docs.membersText!);
    await expectReadable(guest, docs.publicFile!);
  });

  it("refuses guessed ids of another group's documents to a participant of this one, for reading and for writing", async () => {
    const member = await as(ACCOUNT.member);
    await expectRefused(member, false, docs.frenchGroup!);
    // Members "for the members" of the French group: Smart France's members, and member@ is Belgian.
    await expectRefused(member, false, docs.frenchMembers!);
    const before = await versionsOf(t.deps.db, docs.frenchGroup!);
    await member.get(`/en/groups/${equality}/documents`);
    const version = await member.postMultipart(
      `/en/documents/${docs.frenchGroup}/versions`,
      multipart({ text: "Version intruse" }),
    );
    expect(version.status).toBe(403);
    const settings = await member.post(`/en/documents/${docs.frenchGroup}/settings`, {
      title: "Volé",
      kind: "other",
      visibility: "public",
    });
    expect(settings.status).toBe(403);
    const create = await member.postMultipart(
      `/en/groups/${french}/documents/new`,
      multipart({ title: "Intrus", kind: "other", visibility: "public", text: "x" }),
    );
    expect(create.status).toBe(403);
    expect(await versionsOf(t.deps.db, docs.frenchGroup!)).toEqual(before);
    const [doc] = await t.deps.db.select().from(groupDocuments).where(eq(groupDocuments.id, docs.frenchGroup!));
    expect(doc).toMatchObject({ title: "Modèle (groupe FR)", visibility: "group" });
    expect(await t.deps.db.select().from(groupDocuments).where(eq(groupDocuments.title, "Intrus"))).toEqual([]);
  });

  it("lets the French group's own facilitator read its documents", async () => {
    const facilitator = await as(ACCOUNT.frenchFacilitator);
    await expectReadable(facilitator, docs.frenchGroup!);
    const download = await facilitator.get(`/en/documents/${docs.frenchGroup}/versions/1`);
    expect(download.text).toBe(SECRET);
  });

  it("lets the participants and those who run the cycle read the group's own documents", async () => {
    for (const email of [ACCOUNT.member, ACCOUNT.secretary, ACCOUNT.facilitator, ACCOUNT.manager, ACCOUNT.admin]) {
      const client = await as(email);
      await expectReadable(client, docs.pistes!);
      const download = await client.get(`/en/documents/${docs.groupFile}/versions/1`);
      expect(download.status, email).toBe(200);
      expect(download.text, email).toBe(SECRET);
    }
  });

  it("answers 404 for ids and versions that do not exist, whoever asks", async () => {
    const member = await as(ACCOUNT.member);
    const visitor = await as(null);
    for (const client of [member, visitor]) {
      for (const url of [
        `/en/documents/${randomUUID()}`,
        `/en/documents/${randomUUID()}/versions/1`,
        `/en/documents/not-a-uuid`,
        `/en/documents/${docs.mandate}/versions/99`,
        `/en/documents/${docs.mandate}/versions/0`,
        `/en/documents/${docs.mandate}/versions/abc`,
        `/en/documents/${docs.mandate}/versions/99999999999999999999`,
        `/en/groups/${randomUUID()}/documents`,
      ]) {
        const res = await client.get(url);
        expect(res.status, url).toBe(404);
      }
    }
  });
});
