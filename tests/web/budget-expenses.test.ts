import { readdir } from "node:fs/promises";
import path from "node:path";
import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { toBrusselsLocal } from "../../src/commands/ballots/schedule.js";
import { decideExpense } from "../../src/commands/budget/decide.js";
import { cycleStart } from "../../src/commands/budget/read.js";
import { submitExpense } from "../../src/commands/budget/submit.js";
import { loadExpenseResource, loadGroupContext } from "../../src/commands/groups/load.js";
import { auditLog, expenses, persons, workingGroups } from "../../src/db/schema/index.js";
import { daysBefore, earliestSpentOn } from "../../src/domain/budget/spent-on.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";

const PDF = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

const email = (who: string) => `${who}@demo.letscoop.test`;
const today = () => toBrusselsLocal(new Date()).slice(0, 10);
const tomorrow = () => daysBefore(today(), -1);

describe.each(ENGINES)("expenses: submitting, deciding, reimbursing (%s)", (engine) => {
  let t: TestApp;
  let equality: string;
  let french: string;
  let sample: string;
  let earliest: string;
  const clients = new Map<string, TestClient>();

  async function as(who: string | null): Promise<TestClient> {
    if (who === null) {
      const visitor = new TestClient(t);
      await visitor.get("/en/");
      return visitor;
    }
    let client = clients.get(who);
    if (!client) {
      client = new TestClient(t);
      await client.actAs(email(who));
      clients.set(who, client);
    }
    return client;
  }

  async function personId(who: string) {
    const [row] = await t.deps.db
      .select({ id: persons.id })
      .from(persons)
      .where(eq(persons.email, email(who)));
    return row!.id;
  }

  async function expense(id: string) {
    const [row] = await t.deps.db.select().from(expenses).where(eq(expenses.id, id));
    return row!;
  }

  async function counts() {
    const n = async (table: typeof expenses | typeof auditLog) =>
      (await t.deps.db.select({ n: count() }).from(table))[0]!.n;
    return { expenses: await n(expenses), audit: await n(auditLog), files: await storedFiles() };
  }

  /** Every file in the store, to prove that a refused form leaves none behind. */
  async function storedFiles(): Promise<number> {
    const root = path.join(t.deps.env.DATA_DIR, "files");
    const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isFile()).length;
  }

  /** A fresh expense of `who` in the equality group, waiting for a decision. */
  async function submitted(who = "member", description = "Sample"): Promise<string> {
    const [row] = await t.deps.db
      .insert(expenses)
      .values({
        groupId: equality,
        submittedBy: await personId(who),
        category: "meals",
        amount: "10.00",
        spentOn: today(),
        description,
      })
      .returning({ id: expenses.id });
    return row!.id;
  }

  function expenseForm(fields: Record<string, string> = {}, receipt: File | null = pdf()): FormData {
    const form = new FormData();
    const values = {
      category: "travel",
      amount: "23,40",
      spentOn: today(),
      description: "Train Liège – Bruxelles",
      ...fields,
    };
    for (const [k, v] of Object.entries(values)) form.append(k, v);
    if (receipt) form.append("receipt", receipt);
    return form;
  }

  function pdf(name = "ticket.pdf", bytes: Uint8Array<ArrayBuffer> = PDF, type = "application/pdf") {
    return new File([bytes], name, { type });
  }

  async function submitAs(who: string, form: FormData, groupId = equality) {
    const client = await as(who);
    await client.get(`/en/groups/${groupId}/expenses/new`);
    return client.postMultipart(`/en/groups/${groupId}/expenses/new`, form);
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    const db = t.deps.db;
    const [eq1] = await db.select().from(workingGroups).where(eq(workingGroups.key, "equality"));
    const [fr] = await db.select().from(workingGroups).where(eq(workingGroups.key, "economic-model-fr"));
    equality = eq1!.id;
    french = fr!.id;
    const [own] = await db
      .select({ id: expenses.id })
      .from(expenses)
      .where(and(eq(expenses.groupId, equality), eq(expenses.submittedBy, await personId("member"))));
    sample = own!.id;
    earliest = earliestSpentOn(today(), [eq1!.startsOn, await cycleStart(db, eq1!.cycleId)]);
  });
  afterAll(() => t.close());
  beforeEach(() => clients.clear());

  describe("the form", () => {
    it("shows every field with its label to a participant", async () => {
      const page = await (await as("member")).get(`/en/groups/${equality}/expenses/new`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('enctype="multipart/form-data"');
      for (const label of ["Category", "Amount in euros", "Date of the expense", "Description", "Receipt"]) {
        expect(page.text).toContain(`>${label}</label>`);
      }
      expect(page.text).toMatch(/type="file"[^>]*accept="\.pdf,\.png,\.jpg,\.jpeg,\.webp/);
    });

    it.each([
      ["23.40", "23.40"],
      ["23,40", "23.40"],
      ["1 234,50", "1234.50"],
      ["1.234,50", "1234.50"],
      ["1000000", "1000000.00"],
    ])("records %j as %s €, with its receipt and an audit entry", async (typed, stored) => {
      const before = await counts();
      const res = await submitAs("member", expenseForm({ amount: typed, description: `Amount ${typed}` }));
      expect(res.status).toBe(303);
      const id = /\/en\/expenses\/([0-9a-f-]{36})\?notice=submitted$/.exec(res.location ?? "")?.[1];
      expect(id).toBeDefined();
      const row = await expense(id!);
      expect(row).toMatchObject({
        amount: stored,
        status: "submitted",
        category: "travel",
        spentOn: today(),
        description: `Amount ${typed}`,
        receiptName: "ticket.pdf",
        receiptType: "application/pdf",
        receiptSize: PDF.byteLength,
        submittedBy: await personId("member"),
      });
      const after = await counts();
      expect(after).toEqual({ expenses: before.expenses + 1, audit: before.audit + 1, files: before.files + 1 });
      const [entry] = await t.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "expense.submitted"), eq(auditLog.subjectId, id!)));
      expect(entry?.data).toMatchObject({ groupId: equality, amount: stored, category: "travel" });
      expect(JSON.stringify(entry?.data)).not.toContain("Amount");
      const page = await (await as("member")).follow(res);
      expect(page.text).toContain("The expense has been submitted.");
    });

    it("accepts the first allowed day and image receipts", async () => {
      const png = new File([PNG], "photo.PNG", { type: "image/png" });
      const res = await submitAs("facilitator", expenseForm({ spentOn: earliest }, png));
      expect(res.status).toBe(303);
      const id = /expenses\/([0-9a-f-]{36})/.exec(res.location ?? "")![1]!;
      expect(await expense(id)).toMatchObject({ spentOn: earliest, receiptType: "image/png" });
    });

    const BAD: Array<[string, Record<string, string>, File | null | undefined, string, string]> = [
      ["a negative amount", { amount: "-5" }, undefined, "amount", "The amount must be more than zero."],
      ["a zero amount", { amount: "0,00" }, undefined, "amount", "The amount must be more than zero."],
      ["a word for an amount", { amount: "twelve" }, undefined, "amount", "Enter an amount in euros"],
      ["three decimals", { amount: "12.345" }, undefined, "amount", "Give at most two decimals"],
      [
        "more than a million",
        { amount: "1000000.01" },
        undefined,
        "amount",
        "The amount may not exceed €1,000,000.00.",
      ],
      ["no amount", { amount: "" }, undefined, "amount", "This field is required."],
      ["a day that does not exist", { spentOn: "2025-02-30" }, undefined, "spentOn", "Enter a real date"],
      ["no date", { spentOn: "" }, undefined, "spentOn", "This field is required."],
      ["an unknown category", { category: "casino" }, undefined, "category", "Choose one of the values offered."],
      ["no description", { description: "   " }, undefined, "description", "This field is required."],
      [
        "a description over 500 characters",
        { description: "x".repeat(501) },
        undefined,
        "description",
        "at most 500 characters",
      ],
      ["no receipt", {}, null, "receipt", "Attach the receipt"],
      [
        "an empty file part",
        {},
        new File([], "", { type: "application/octet-stream" }),
        "receipt",
        "Attach the receipt",
      ],
      [
        "a .txt receipt",
        {},
        new File(["I paid"], "receipt.txt", { type: "text/plain" }),
        "receipt",
        "A receipt must be a PDF, PNG, JPEG or WebP file.",
      ],
      [
        "a .docx receipt (a document, not a receipt)",
        {},
        new File([PDF], "receipt.docx", { type: "application/octet-stream" }),
        "receipt",
        "A receipt must be a PDF",
      ],
      [
        "an HTML page named .pdf",
        {},
        new File(["<html><script>alert(1)</script></html>"], "invoice.pdf", { type: "application/pdf" }),
        "receipt",
        "does not match its extension",
      ],
      [
        "a PNG named .pdf",
        {},
        new File([PNG], "invoice.pdf", { type: "application/pdf" }),
        "receipt",
        "does not match its extension",
      ],
      ["an empty PDF", {}, new File([], "empty.pdf", { type: "application/pdf" }), "receipt", "The file is empty."],
      ["a name that is only an extension", {}, pdf(".pdf"), "receipt", "The file name is not valid"],
      ["a script name", {}, pdf("x.pdf.html"), "receipt", "A receipt must be a PDF"],
    ];
    it.each(BAD)(
      "refuses %s with a clear message, keeping the values and saving nothing",
      async (_, fields, file, name, message) => {
        const before = await counts();
        const res = await submitAs("member", expenseForm(fields, file === undefined ? pdf() : file));
        expect(res.status).toBe(422);
        expect(res.text).toContain('class="error-summary"');
        expect(res.text).toContain(`href="#field-${name}"`);
        expect(res.text).toContain(message.replace(/"/g, "&quot;"));
        expect(res.text).toContain("choose it again");
        if (name !== "description") expect(res.text).toContain("Train Liège – Bruxelles");
        expect(await counts()).toEqual(before);
      },
    );

    it("refuses a date in the future and one before the group's work began, naming the bound", async () => {
      const before = await counts();
      const future = await submitAs("member", expenseForm({ spentOn: tomorrow() }));
      expect(future.status).toBe(422);
      expect(future.text).toContain("The date cannot be in the future.");
      const early = await submitAs("member", expenseForm({ spentOn: daysBefore(earliest, 1) }));
      expect(early.status).toBe(422);
      expect(early.text).toContain("The date cannot be before");
      expect(early.text).toContain("when the group&#39;s work began");
      expect(await counts()).toEqual(before);
    });

    it("reports every problem at once", async () => {
      const res = await submitAs("member", expenseForm({ amount: "-1", spentOn: "", description: "" }, null));
      expect(res.status).toBe(422);
      for (const name of ["amount", "spentOn", "description", "receipt"]) expect(res.text).toContain(`#field-${name}"`);
    });

    it("refuses a file over 20 MB with a message, and a body over 21 MiB with 413", async () => {
      const before = await counts();
      const big = new Uint8Array(20 * 1024 * 1024 + 1);
      big.set(PDF);
      const over = await submitAs("member", expenseForm({}, pdf("big.pdf", big)));
      expect(over.status).toBe(422);
      expect(over.text).toContain("The file is larger than 20 MB.");
      const huge = new Uint8Array(21 * 1024 * 1024 + 10);
      huge.set(PDF);
      const tooLarge = await submitAs("member", expenseForm({}, pdf("huge.pdf", huge)));
      expect(tooLarge.status).toBe(413);
      expect(await counts()).toEqual(before);
    });

    it("removes the stored receipt when the expense cannot be written", async () => {
      const before = await counts();
      const context = await loadGroupContext(t.deps.db, equality, null);
      const broken = { ...context!, group: { ...context!.group, id: "00000000-0000-4000-8000-000000000000" } };
      await expect(
        submitExpense(t.deps.db, t.deps.files, broken, await personId("member"), {
          category: "meals",
          cents: 100,
          spentOn: today(),
          description: "x",
          receipt: { name: "a.pdf", mediaType: "application/pdf", bytes: PDF },
        }),
      ).rejects.toThrow();
      expect(await counts()).toEqual(before);
    });

    it("is refused to people outside the group and to visitors, in this group and by another's id", async () => {
      for (const who of ["ethics", "guest", "member12", "member09"]) {
        const client = await as(who);
        expect((await client.get(`/en/groups/${equality}/expenses/new`)).status, who).toBe(403);
        await client.get("/en/");
        expect((await client.postMultipart(`/en/groups/${equality}/expenses/new`, expenseForm())).status, who).toBe(
          403,
        );
      }
      // member@ takes part in the equality group only.
      const member = await as("member");
      expect((await member.get(`/en/groups/${french}/expenses/new`)).status).toBe(403);
      const visitor = await as(null);
      const res = await visitor.get(`/en/groups/${equality}/expenses/new`);
      expect(res.status).toBe(303);
      expect(res.location).toMatch(/^\/en\/sign-in\?next=/);
      expect((await member.get("/en/groups/00000000-0000-4000-8000-000000000000/expenses/new")).status).toBe(404);
    });
  });

  describe("decisions", () => {
    it("lets the facilitator approve member@'s expense, never member@", async () => {
      const id = await submitted("member", "Decision test");
      const member = await as("member");
      const own = await member.get(`/en/expenses/${id}`);
      expect(own.status).toBe(200);
      expect(own.text).not.toContain("Approve the expense");
      expect(own.text).not.toContain("Refuse the expense");
      expect(own.text).toContain("Your expense waits for the decision");
      expect((await member.post(`/en/expenses/${id}/approve`)).status).toBe(403);
      expect((await member.post(`/en/expenses/${id}/refuse`, { reason: "no" })).status).toBe(403);
      expect((await expense(id)).status).toBe("submitted");

      const facilitator = await as("facilitator");
      const page = await facilitator.get(`/en/expenses/${id}`);
      expect(page.text).toContain("Approve the expense");
      const before = await counts();
      const res = await facilitator.post(`/en/expenses/${id}/approve`);
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/en/expenses/${id}?notice=approved`);
      const row = await expense(id);
      expect(row.status).toBe("approved");
      expect(row.decidedBy).toBe(await personId("facilitator"));
      expect(row.decidedAt).not.toBeNull();
      expect((await counts()).audit).toBe(before.audit + 1);
      const shown = await facilitator.follow(res);
      expect(shown.text).toContain("The expense has been approved.");
      expect(shown.text).toMatch(/Approved by [^<]+ on /);
      expect(shown.text).not.toContain("Approve the expense");
    });

    it("refuses the sample expense to other participants, the referent, the secretary and the French group's facilitator", async () => {
      for (const who of ["member01", "board", "secretary", "member04"]) {
        const client = await as(who);
        const page = await client.get(`/en/expenses/${sample}`);
        expect(page.status, who).toBe(200);
        expect(page.text, who).not.toContain("Approve the expense");
        expect((await client.post(`/en/expenses/${sample}/approve`)).status, who).toBe(403);
        expect((await client.post(`/en/expenses/${sample}/refuse`, { reason: "no" })).status, who).toBe(403);
      }
      expect((await expense(sample)).status).toBe("submitted");
    });

    it("lets those who run the cycle decide", async () => {
      const id = await submitted("member01", "Manager decides");
      const manager = await as("manager");
      expect((await manager.post(`/en/expenses/${id}/refuse`, { reason: "Pas de justificatif" })).status).toBe(303);
      expect(await expense(id)).toMatchObject({ status: "refused", reason: "Pas de justificatif" });
    });

    it("does not let the facilitator decide their own expense", async () => {
      const id = await submitted("facilitator", "Facilitator's own");
      const facilitator = await as("facilitator");
      expect((await facilitator.get(`/en/expenses/${id}`)).text).not.toContain("Approve the expense");
      expect((await facilitator.post(`/en/expenses/${id}/approve`)).status).toBe(403);
      expect((await expense(id)).status).toBe("submitted");
    });

    it("has the database refuse a decision by the submitter, whatever calls it", async () => {
      const id = await submitted("member", "Self decision");
      const memberId = await personId("member");
      const loaded = await loadExpenseResource(t.deps.db, id, memberId);
      const before = await counts();
      expect(await decideExpense(t.deps.db, loaded!.data, memberId, { kind: "approve" })).toEqual({
        ok: false,
        reason: "own_expense",
      });
      await expect(
        t.deps.db.execute(sql`update expenses set status = 'approved', decided_by = submitted_by where id = ${id}`),
      ).rejects.toThrow();
      expect((await expense(id)).status).toBe("submitted");
      expect(await counts()).toEqual(before);
    });

    it("needs a reason of at most 500 characters to refuse, and shows it as text", async () => {
      const id = await submitted("member01", "Refusal test");
      const facilitator = await as("facilitator");
      await facilitator.get(`/en/expenses/${id}`);
      const before = await counts();
      const empty = await facilitator.post(`/en/expenses/${id}/refuse`, { reason: "  " });
      expect(empty.status).toBe(422);
      expect(empty.text).toContain('href="#field-reason"');
      expect(empty.text).toContain("This field is required.");
      const long = await facilitator.post(`/en/expenses/${id}/refuse`, { reason: "y".repeat(501) });
      expect(long.status).toBe(422);
      expect(long.text).toContain("at most 500 characters");
      expect(long.text).toContain("y".repeat(501));
      expect(await counts()).toEqual(before);
      expect((await expense(id)).status).toBe("submitted");

      const reason = '<script>alert("x")</script> hors budget';
      const res = await facilitator.post(`/en/expenses/${id}/refuse`, { reason });
      expect(res.status).toBe(303);
      const page = await facilitator.follow(res);
      expect(page.text).toContain("The expense has been refused.");
      expect(page.text).not.toContain("<script>alert");
      expect(page.text).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; hors budget");
      const member = await as("member01");
      expect((await member.get(`/en/expenses/${id}`)).text).toContain("hors budget");
    });

    it("answers a second decision (another tab) with a clear message and changes nothing", async () => {
      const id = await submitted("member", "Two tabs");
      const facilitator = await as("facilitator");
      await facilitator.get(`/en/expenses/${id}`);
      expect((await facilitator.post(`/en/expenses/${id}/approve`)).status).toBe(303);
      const decided = await expense(id);
      const before = await counts();
      for (const [action, fields] of [
        ["approve", {}],
        ["refuse", { reason: "Trop tard" }],
      ] as const) {
        const res = await facilitator.post(`/en/expenses/${id}/${action}`, fields);
        expect(res.status, action).toBe(409);
        expect(res.text).toContain(
          "This expense no longer waits for a decision (it is now: Approved). Nothing was changed.",
        );
      }
      expect(await expense(id)).toEqual(decided);
      expect(await counts()).toEqual(before);
    });

    it("lets only one of two concurrent decisions land", async () => {
      const id = await submitted("member", "Race");
      const facilitator = await as("facilitator");
      const manager = await as("manager");
      await facilitator.get(`/en/expenses/${id}`);
      await manager.get(`/en/expenses/${id}`);
      const results = await Promise.all([
        facilitator.post(`/en/expenses/${id}/approve`),
        manager.post(`/en/expenses/${id}/refuse`, { reason: "Non" }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([303, 409]);
      const entries = await t.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.subjectId, id), sql`${auditLog.action} in ('expense.approved', 'expense.refused')`));
      expect(entries).toHaveLength(1);
    });
  });

  describe("reimbursement", () => {
    it("comes only after approval, by those who run the cycle", async () => {
      const id = await submitted("member", "Reimbursement test");
      const manager = await as("manager");
      const facilitator = await as("facilitator");
      await manager.get(`/en/expenses/${id}`);
      const early = await manager.post(`/en/expenses/${id}/reimburse`);
      expect(early.status).toBe(409);
      expect(early.text).toContain("Only an approved expense can be marked as reimbursed (it is now: Waiting).");
      expect((await expense(id)).status).toBe("submitted");

      expect((await facilitator.post(`/en/expenses/${id}/approve`)).status).toBe(303);
      expect((await facilitator.get(`/en/expenses/${id}`)).text).not.toContain("Mark as reimbursed");
      expect((await facilitator.post(`/en/expenses/${id}/reimburse`)).status).toBe(403);
      expect((await (await as("member")).post(`/en/expenses/${id}/reimburse`)).status).toBe(403);

      const page = await manager.get(`/en/expenses/${id}`);
      expect(page.text).toContain("Mark as reimbursed");
      const res = await manager.post(`/en/expenses/${id}/reimburse`);
      expect(res.status).toBe(303);
      const row = await expense(id);
      expect(row.status).toBe("reimbursed");
      expect(row.reimbursedBy).toBe(await personId("manager"));
      const shown = await manager.follow(res);
      expect(shown.text).toMatch(/Reimbursed by [^<]+ on /);
      expect(shown.text).toMatch(/Approved by [^<]+ on /);
      const again = await manager.post(`/en/expenses/${id}/reimburse`);
      expect(again.status).toBe(409);
      expect(again.text).toContain("it is now: Reimbursed");
    });

    it("is refused for a refused expense", async () => {
      const id = await submitted("member", "Refused then reimbursed");
      const facilitator = await as("facilitator");
      await facilitator.get(`/en/expenses/${id}`);
      await facilitator.post(`/en/expenses/${id}/refuse`, { reason: "Non" });
      const manager = await as("manager");
      expect((await manager.post(`/en/expenses/${id}/reimburse`)).status).toBe(409);
      expect((await expense(id)).status).toBe("refused");
    });
  });

  describe("another group's expense", () => {
    it("cannot be seen, decided or downloaded by guessing its id", async () => {
      const [row] = await t.deps.db
        .insert(expenses)
        .values({
          groupId: french,
          submittedBy: await personId("member12"),
          category: "visits",
          amount: "40.00",
          spentOn: today(),
          description: "Visite",
          receiptKey: "0".repeat(32),
          receiptName: "visite.pdf",
          receiptType: "application/pdf",
          receiptSize: 10,
        })
        .returning({ id: expenses.id });
      const id = row!.id;
      for (const who of ["member", "facilitator", "board", "ethics"]) {
        const client = await as(who);
        expect((await client.get(`/en/expenses/${id}`)).status, who).toBe(403);
        expect((await client.get(`/en/expenses/${id}/receipt`)).status, who).toBe(403);
        expect((await client.post(`/en/expenses/${id}/approve`)).status, who).toBe(403);
        expect((await client.get(`/en/groups/${french}/budget`)).status, who).toBe(403);
      }
      // member04 facilitates the French group: it may decide there, not in the equality group.
      const member04 = await as("member04");
      await member04.get(`/en/expenses/${id}`);
      expect((await member04.post(`/en/expenses/${id}/approve`)).status).toBe(303);
      expect((await member04.post(`/en/expenses/${sample}/approve`)).status).toBe(403);
      expect((await expense(sample)).status).toBe("submitted");
    });

    it("answers 404 for ids that are not expenses", async () => {
      const member = await as("member");
      expect((await member.get("/en/expenses/00000000-0000-4000-8000-000000000000")).status).toBe(404);
      expect((await member.get("/en/expenses/00000000-0000-4000-8000-000000000000/receipt")).status).toBe(404);
      expect((await member.get("/en/expenses/not-a-uuid")).status).toBe(404);
    });
  });
});
