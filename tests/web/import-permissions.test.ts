import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import {
  counts,
  createOrgAdmin,
  IMPORT_PATH,
  membershipSnapshot,
  pendingIdOf,
  registerCsv,
  upload,
} from "./import-helpers.js";

const GOOD_FILE = "email,name,college\nrefused.person@example.org,Refused Person,staff\n";

describe.each(ENGINES)("who may import members (%s)", (engine) => {
  let t: TestApp;
  let pendingId: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    await createOrgAdmin(t.deps.db, "admin.fr@example.org", "smart-fr");
    await createOrgAdmin(t.deps.db, "admin.be@example.org", "smart-be");
    await createOrgAdmin(t.deps.db, "second.instance.admin@example.org", "*");
    // The demo's instance admin leaves a file with a bad row waiting for confirmation.
    const owner = new TestClient(t);
    await owner.signIn("admin@demo.letscoop.test");
    const review = await upload(owner, registerCsv(10, { 4: "email" }, "owner"));
    expect(review.status).toBe(422);
    pendingId = pendingIdOf(review);
  });
  afterAll(() => t.close());

  /** Runs the attempts and checks that they changed nothing. */
  async function unchanged(attempts: () => Promise<void>) {
    const before = await counts(t.deps.db);
    const snapshot = await membershipSnapshot(t.deps.db);
    await attempts();
    expect(await counts(t.deps.db)).toEqual(before);
    expect(await membershipSnapshot(t.deps.db)).toBe(snapshot);
  }

  function uploadForm() {
    const form = new FormData();
    form.append("file", new File([GOOD_FILE], "members.csv", { type: "text/csv" }));
    return form;
  }

  it("sends a visitor to sign in", async () => {
    await unchanged(async () => {
      const visitor = new TestClient(t);
      const page = await visitor.get(IMPORT_PATH);
      expect(page.status).toBe(303);
      expect(page.location).toBe(`/en/sign-in?next=${encodeURIComponent(IMPORT_PATH)}`);
      await visitor.get("/en/sign-in");
      const posted = await visitor.postMultipart(IMPORT_PATH, uploadForm());
      expect(posted.status).toBe(303);
      expect(posted.location).toMatch(/^\/en\/sign-in\?next=/);
      expect((await visitor.post(`${IMPORT_PATH}/${pendingId}/confirm`)).location).toMatch(/^\/en\/sign-in/);
      expect((await visitor.get(`${IMPORT_PATH}/${pendingId}`)).location).toMatch(/^\/en\/sign-in/);
    });
  });

  it.each(["member@demo.letscoop.test", "board@demo.letscoop.test", "manager@demo.letscoop.test"])(
    "refuses %s with 403",
    async (email) => {
      await unchanged(async () => {
        const person = new TestClient(t);
        await person.signIn(email);
        expect((await person.get(IMPORT_PATH)).status).toBe(403);
        expect((await person.postMultipart(IMPORT_PATH, uploadForm())).status).toBe(403);
        expect((await person.get(`${IMPORT_PATH}/${pendingId}`)).status).toBe(403);
        expect((await person.post(`${IMPORT_PATH}/${pendingId}/confirm`)).status).toBe(403);
        expect((await person.post(`${IMPORT_PATH}/${pendingId}/cancel`)).status).toBe(403);
      });
    },
  );

  it("refuses an admin of another organisation, even with a guessed pending id", async () => {
    await unchanged(async () => {
      const other = new TestClient(t);
      await other.signIn("admin.fr@example.org");
      expect((await other.get("/en/admin/organisations/smart-fr/import")).status).toBe(200);
      expect((await other.get(IMPORT_PATH)).status).toBe(403);
      expect((await other.postMultipart(IMPORT_PATH, uploadForm())).status).toBe(403);
      expect((await other.post(`${IMPORT_PATH}/${pendingId}/confirm`)).status).toBe(403);
      expect((await other.post(`${IMPORT_PATH}/${pendingId}/cancel`)).status).toBe(403);
      // Through its own organisation, the other organisation's pending import does not exist.
      const own = "/en/admin/organisations/smart-fr/import";
      expect((await other.get(`${own}/${pendingId}`)).status).toBe(404);
      expect((await other.post(`${own}/${pendingId}/confirm`)).status).toBe(404);
      expect((await other.post(`${own}/${pendingId}/cancel`)).status).toBe(404);
    });
  });

  it("hides a pending import from another admin of the same organisation", async () => {
    await unchanged(async () => {
      for (const email of ["admin.be@example.org", "second.instance.admin@example.org"]) {
        const colleague = new TestClient(t);
        await colleague.signIn(email);
        expect((await colleague.get(IMPORT_PATH)).status).toBe(200);
        expect((await colleague.get(`${IMPORT_PATH}/${pendingId}`)).status).toBe(404);
        expect((await colleague.post(`${IMPORT_PATH}/${pendingId}/confirm`)).status).toBe(404);
        expect((await colleague.post(`${IMPORT_PATH}/${pendingId}/cancel`)).status).toBe(404);
      }
    });
  });

  it("answers 404 for an unknown organisation or a malformed pending id", async () => {
    const admin = new TestClient(t);
    await admin.signIn("admin@demo.letscoop.test");
    expect((await admin.get("/en/admin/organisations/no-such-org/import")).status).toBe(404);
    expect((await admin.get(`${IMPORT_PATH}/00000000-0000-0000-0000-000000000000`)).status).toBe(404);
    expect((await admin.get(`${IMPORT_PATH}/abc`)).status).toBe(404);
  });

  it("lets an organisation's own admin import", async () => {
    const own = new TestClient(t);
    await own.signIn("admin.be@example.org");
    const res = await upload(own, GOOD_FILE);
    expect(res.status).toBe(303);
    expect((await own.follow(res)).text).toMatch(/Members added<\/th>\s*<td class="number">1<\/td>/);
  });

  it("refuses a forged CSRF token", async () => {
    await unchanged(async () => {
      const admin = new TestClient(t);
      await admin.signIn("admin@demo.letscoop.test");
      const form = uploadForm();
      form.append("_csrf", "forged");
      expect((await admin.postMultipart(IMPORT_PATH, form)).status).toBe(403);
      expect((await admin.post(`${IMPORT_PATH}/${pendingId}/confirm`, { _csrf: "forged" })).status).toBe(403);
    });
  });
});
