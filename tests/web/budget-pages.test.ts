import { parse } from "csv-parse/sync";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, SESSION_COOKIE } from "../../src/auth/sessions.js";
import { toBrusselsLocal } from "../../src/commands/ballots/schedule.js";
import { expenses, persons, workingGroups } from "../../src/db/schema/index.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");
const email = (who: string) => `${who}@demo.letscoop.test`;
const today = () => toBrusselsLocal(new Date()).slice(0, 10);
/** Intl writes no-break and narrow no-break spaces in amounts. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

/** The figure of the budget summary named by its data-total attribute, as shown. */
function total(html: string, name: string): string {
  const m = new RegExp(`data-total="${name}">(?:<strong>)?([^<]+)<`).exec(html);
  if (!m) throw new Error(`no total ${name}`);
  return plain(m[1]!);
}

describe.each(ENGINES)("the budget page, the receipt and the export (%s)", (engine) => {
  let t: TestApp;
  let equality: string;
  let french: string;
  let sample: string;
  const clients = new Map<string, TestClient>();

  async function as(who: string): Promise<TestClient> {
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

  async function submit(who: string, fields: Record<string, string>, file = new File([PDF], "reçu été.pdf")) {
    const client = await as(who);
    await client.get(`/en/groups/${equality}/expenses/new`);
    const form = new FormData();
    const values = { category: "meals", amount: "10", spentOn: today(), description: "Lunch", ...fields };
    for (const [k, v] of Object.entries(values)) form.append(k, v);
    form.append("receipt", file);
    const res = await client.postMultipart(`/en/groups/${equality}/expenses/new`, form);
    expect(res.status, res.text.slice(0, 300)).toBe(303);
    return /expenses\/([0-9a-f-]{36})/.exec(res.location!)![1]!;
  }

  /** The raw response, bytes and all (a Response's text() drops the byte order mark). */
  async function rawGet(who: string, path: string): Promise<Response> {
    const { token } = await createSession(t.deps.db, await personId(who));
    return t.app.request(path, { headers: { cookie: `${SESSION_COOKIE}=${token}` } });
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    const [eq1] = await t.deps.db.select().from(workingGroups).where(eq(workingGroups.key, "equality"));
    const [fr] = await t.deps.db.select().from(workingGroups).where(eq(workingGroups.key, "economic-model-fr"));
    equality = eq1!.id;
    french = fr!.id;
    const [own] = await t.deps.db
      .select({ id: expenses.id })
      .from(expenses)
      .where(and(eq(expenses.groupId, equality), eq(expenses.submittedBy, await personId("member"))));
    sample = own!.id;
  });
  afterAll(() => t.close());

  describe("the budget page", () => {
    it("shows the allocation, the totals, the remainder, each category and each expense", async () => {
      const page = await (await as("member")).get(`/en/groups/${equality}/budget`);
      expect(page.status).toBe(200);
      expect(total(page.text, "allocated")).toBe("€2,500.00");
      expect(total(page.text, "submitted")).toBe("€23.40");
      expect(total(page.text, "approved")).toBe("€86.00");
      expect(total(page.text, "reimbursed")).toBe("€0.00");
      expect(total(page.text, "refused")).toBe("€0.00");
      expect(total(page.text, "remainder")).toBe("€2,414.00");
      expect(page.text).toContain('aria-current="page">Budget</a>');
      expect(page.text.match(/<h1>/g)).toHaveLength(1);
      for (const category of ["Travel", "Meals", "Visits", "Resource-person interviews", "Interpretation", "Other"]) {
        expect(page.text).toContain(`<th scope="row">${category}</th>`);
      }
      expect(page.text).toContain(`href="/en/expenses/${sample}"`);
      expect(page.text).toContain("Train Liège – Bruxelles aller-retour, réunion de lancement");
      expect(page.text).not.toContain("exceed the allocated budget");
      expect(page.text).toContain(`href="/en/groups/${equality}/expenses/new"`);
      // Only those who lead the group or run the cycle export.
      expect(page.text).not.toContain("expenses.csv");
      expect((await (await as("facilitator")).get(`/en/groups/${equality}/budget`)).text).toContain(
        `href="/en/groups/${equality}/expenses.csv"`,
      );
    });

    it("writes money the way each language does", async () => {
      const member = await as("member");
      const fr = await member.get(`/fr/groups/${equality}/budget`);
      expect(total(fr.text, "allocated")).toBe("2 500,00 €");
      expect(total(fr.text, "remainder")).toBe("2 414,00 €");
      expect(total((await member.get(`/de/groups/${equality}/budget`)).text, "allocated")).toBe("2.500,00 €");
      expect(total((await member.get(`/nl/groups/${equality}/budget`)).text, "allocated")).toBe("€ 2.500,00");
    });

    it("changes its totals as expenses are submitted, decided and reimbursed, and warns past the allocation", async () => {
      const facilitator = await as("facilitator");
      const manager = await as("manager");
      const first = await submit("member01", { amount: "1 234,56", category: "interpretation" });
      let page = (await facilitator.get(`/en/groups/${equality}/budget`)).text;
      expect(total(page, "submitted")).toBe("€1,257.96");
      await facilitator.post(`/en/expenses/${first}/approve`);
      page = (await facilitator.get(`/en/groups/${equality}/budget`)).text;
      expect(total(page, "submitted")).toBe("€23.40");
      expect(total(page, "approved")).toBe("€1,320.56");
      expect(total(page, "remainder")).toBe("€1,179.44");
      await manager.get(`/en/expenses/${first}`);
      await manager.post(`/en/expenses/${first}/reimburse`);
      page = (await facilitator.get(`/en/groups/${equality}/budget`)).text;
      expect(total(page, "approved")).toBe("€86.00");
      expect(total(page, "reimbursed")).toBe("€1,234.56");
      expect(total(page, "remainder")).toBe("€1,179.44");
      expect(page).not.toContain("exceed the allocated budget");

      // 0.10 + 0.20 is 0.30 here, not 0.30000000000000004.
      await submit("member02", { amount: "0,10" });
      await submit("member02", { amount: "0.20" });
      const big = await submit("member03", { amount: "1200", category: "visits" });
      page = (await facilitator.get(`/en/groups/${equality}/budget`)).text;
      expect(total(page, "submitted")).toBe("€1,223.70");
      expect(page).toContain(
        "Warning: the expenses waiting for a decision and those accepted (€2,544.26) exceed the allocated budget (€2,500.00).",
      );
      await facilitator.post(`/en/expenses/${big}/refuse`, { reason: "Hors budget" });
      page = (await facilitator.get(`/en/groups/${equality}/budget`)).text;
      expect(total(page, "refused")).toBe("€1,200.00");
      expect(page).not.toContain("exceed the allocated budget");
    });

    it("is refused to people outside the group, also by the French group's id", async () => {
      for (const who of ["ethics", "guest", "member12", "member09"]) {
        expect((await (await as(who)).get(`/en/groups/${equality}/budget`)).status, who).toBe(403);
      }
      expect((await (await as("member")).get(`/en/groups/${french}/budget`)).status).toBe(403);
      const visitor = new TestClient(t);
      const res = await visitor.get(`/en/groups/${equality}/budget`);
      expect(res.status).toBe(303);
      expect(res.location).toMatch(/^\/en\/sign-in\?next=/);
      expect((await (await as("member")).get(`/en/groups/00000000-0000-4000-8000-000000000000/budget`)).status).toBe(
        404,
      );
    });
  });

  describe("the receipt", () => {
    it("is served as an attachment with its type, never sniffed, to the group only", async () => {
      const id = await submit("member", { description: "Receipt download" });
      const res = await (await as("facilitator")).get(`/en/expenses/${id}/receipt`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("content-disposition")).toBe(
        `attachment; filename="re_u _t_.pdf"; filename*=UTF-8''re%C3%A7u%20%C3%A9t%C3%A9.pdf`,
      );
      expect(res.headers.get("cache-control")).toContain("no-store");
      expect(res.text).toBe(new TextDecoder().decode(PDF));
      const page = await (await as("member")).get(`/en/expenses/${id}`);
      expect(page.text).toContain(`href="/en/expenses/${id}/receipt"`);
      expect(page.text).toContain("Download reçu été.pdf (");

      for (const who of ["ethics", "member12", "guest"]) {
        expect((await (await as(who)).get(`/en/expenses/${id}/receipt`)).status, who).toBe(403);
      }
      const visitor = await new TestClient(t).get(`/en/expenses/${id}/receipt`);
      expect(visitor.status).toBe(303);
    });

    it("is sandboxed if a browser shows it anyway", async () => {
      const id = await submit("member", { description: "Sandbox" });
      const res = await (await as("member")).get(`/en/expenses/${id}/receipt`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-security-policy")).toMatch(/(^|;\s*)sandbox(;|$)/);
    });

    it("answers 404 when the expense has none or the file is gone", async () => {
      expect((await (await as("member")).get(`/en/expenses/${sample}/receipt`)).status).toBe(404);
      const id = await submit("member", { description: "Gone" });
      const [row] = await t.deps.db.select().from(expenses).where(eq(expenses.id, id));
      await t.deps.files.delete(row!.receiptKey!);
      expect((await (await as("member")).get(`/en/expenses/${id}/receipt`)).status).toBe(404);
    });
  });

  describe("the CSV export", () => {
    const ATTACKS = ['=HYPERLINK("http://x","y")', "+1+1", "-2", "@SUM(A1)"];

    it("parses back to the expenses, with every formula neutralised and the totals", async () => {
      for (const description of ATTACKS) await submit("member05", { description, amount: "5,05" });
      const refused = await submit("member05", { description: "Refused one", amount: "1" });
      const facilitator = await as("facilitator");
      await facilitator.get(`/en/expenses/${refused}`);
      await facilitator.post(`/en/expenses/${refused}/refuse`, { reason: "=1+1 trop cher; voir « note »" });

      const res = await facilitator.get(`/en/groups/${equality}/expenses.csv`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(res.headers.get("content-disposition")).toBe('attachment; filename="expenses-equality.csv"');
      const bytes = new Uint8Array(
        await (await rawGet("facilitator", `/en/groups/${equality}/expenses.csv`)).arrayBuffer(),
      );
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

      const rows = parse(res.text, { delimiter: ";", bom: true, relax_column_count: true }) as string[][];
      expect(rows[0]).toEqual([
        "Date",
        "Submitted by",
        "Category",
        "Description",
        "Amount (EUR)",
        "Status",
        "Decided by",
        "Decided on",
        "Reason",
        "Reimbursed on",
      ]);
      const body = rows.slice(
        1,
        rows.findIndex((r) => r.every((cell) => cell === "")),
      );
      const byDescription = new Map(body.map((r) => [r[3], r]));
      const train = byDescription.get("Train Liège – Bruxelles aller-retour, réunion de lancement")!;
      expect(train).toEqual([
        expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        expect.any(String),
        "Travel",
        "Train Liège – Bruxelles aller-retour, réunion de lancement",
        "23.40",
        "Waiting",
        "",
        "",
        "",
        "",
      ]);
      const meals = byDescription.get("Sandwiches pour la réunion de lancement")!;
      expect(meals[4]).toBe("86.00");
      expect(meals[5]).toBe("Approved");
      expect(meals[7]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      for (const attack of ATTACKS) {
        const row = byDescription.get(`'${attack}`);
        expect(row, attack).toBeDefined();
        expect(row![4]).toBe("5.05");
      }
      const refusedRow = byDescription.get("Refused one")!;
      expect(refusedRow[5]).toBe("Refused");
      expect(refusedRow[8]).toBe("'=1+1 trop cher; voir « note »");
      for (const row of rows) {
        row.forEach((cell, i) => {
          if (i !== 4) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        });
      }

      // The totals are the budget page's, with a dot and no grouping.
      const totals = new Map(rows.slice(body.length + 2).map((r) => [r[3], r[4]]));
      const page = (await facilitator.get(`/en/groups/${equality}/budget`)).text;
      const asCsv = (name: string) => total(page, name).replace(/[€,]/g, "");
      expect(totals.get("Allocated budget")).toBe("2500.00");
      expect(totals.get("Waiting for a decision")).toBe(asCsv("submitted"));
      expect(totals.get("Approved, to be reimbursed")).toBe(asCsv("approved"));
      expect(totals.get("Reimbursed")).toBe(asCsv("reimbursed"));
      expect(totals.get("Refused")).toBe(asCsv("refused"));
      expect(totals.get("Remaining")).toBe(asCsv("remainder"));
      expect(Number(asCsv("refused"))).toBeGreaterThanOrEqual(1);
    });

    it("uses the reader's language for labels and a dot for amounts", async () => {
      const res = await (await as("facilitator")).get(`/fr/groups/${equality}/expenses.csv`);
      const rows = parse(res.text, { delimiter: ";", bom: true, relax_column_count: true }) as string[][];
      expect(rows[0]![4]).toBe("Montant (EUR)");
      expect(res.headers.get("content-disposition")).toBe('attachment; filename="depenses-equality.csv"');
      expect(rows.find((r) => r[3] === "Budget alloué")?.[4]).toBe("2500.00");
    });

    it("is refused to participants, the secretary, the referent and outsiders", async () => {
      for (const who of ["member", "secretary", "board", "ethics", "member04"]) {
        expect((await (await as(who)).get(`/en/groups/${equality}/expenses.csv`)).status, who).toBe(403);
      }
      expect((await (await as("member04")).get(`/en/groups/${french}/expenses.csv`)).status).toBe(200);
    });
  });
});
