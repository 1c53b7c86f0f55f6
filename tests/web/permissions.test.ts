import { and, asc, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBallot } from "../../src/commands/ballots/open.js";
import { storePendingImport } from "../../src/commands/pending-imports.js";
import {
  auditLog,
  ballots,
  colleges,
  cycles,
  expenses,
  groupDocuments,
  localTalks,
  meetings,
  memberships,
  offices,
  organisations,
  persons,
  roleAssignments,
  themes,
  workingGroups,
} from "../../src/db/schema/index.js";
import { ALL_ROUTES } from "../../src/web/routes/index.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import { BUDGET_ROUTES } from "./permissions/budget.js";
import { DOCUMENT_ROUTES } from "./permissions/documents.js";
import { GROUP_ROUTES } from "./permissions/groups.js";
import { LOCAL_TALK_ROUTES } from "./permissions/local-talks.js";
import { MEETING_ROUTES } from "./permissions/meetings.js";
import { RECOMMENDATION_ROUTES, recommendationSamples } from "./permissions/recommendations.js";
import { BOARD_ROUTES, boardSamples } from "./permissions/board.js";
import { ASSEMBLY_ROUTES, assemblySamples } from "./permissions/assemblies.js";
import { OPEN_DATA_ROUTES, OPEN_DATA_SAMPLES } from "./permissions/open-data.js";
import { BOOKLET_ROUTES } from "./permissions/booklet.js";
import { CATALOGUE_ROUTES, CATALOGUE_SAMPLES } from "./permissions/catalogue.js";
import { ACTION_PLAN_ROUTES, actionPlanSamples } from "./permissions/action-plan.js";
import { API_TOKEN_ROUTES, apiTokenSamples } from "./permissions/api-tokens.js";
import {
  ADMIN,
  BE_MEMBERS,
  EMAIL,
  EVERYONE,
  NOBODY,
  RUNS_CYCLES,
  SIGNED_IN,
  WHO,
  type Who,
} from "./permissions/roles.js";

/**
 * Walks every route of the site with every role and checks who gets through (not 403, not sent
 * to sign-in), who gets 403, and that visitors are sent to sign-in. The table below is written by
 * hand from the product's rules, not computed from can(): a wrong rule in the policy trips it.
 */
/** Who may use each route, in the state the walk sets up: the 2020–2021 ballot open, nothing published. */
const ALLOWED: Record<string, Who[]> = {
  "GET /": EVERYONE,
  "GET /sign-in": EVERYONE,
  "POST /sign-in": EVERYONE,
  "POST /sign-out": EVERYONE,
  "GET /sign-in/magic-link": EVERYONE,
  "POST /sign-in/magic-link": EVERYONE,
  "GET /sign-in/magic-link/sent": EVERYONE,
  "GET /sign-in/magic/:token": EVERYONE,
  "POST /sign-in/magic/:token": EVERYONE,
  "GET /password/forgot": EVERYONE,
  "POST /password/forgot": EVERYONE,
  "GET /password/forgot/sent": EVERYONE,
  "GET /password/reset/:token": EVERYONE,
  "POST /password/reset/:token": EVERYONE,
  "GET /invitation/:token": EVERYONE,
  "POST /invitation/:token": EVERYONE,
  "GET /admin/organisations/:slug/members/invite": ADMIN,
  "POST /admin/organisations/:slug/members/invite": ADMIN,
  "GET /account": SIGNED_IN,
  "POST /account/profile": SIGNED_IN,
  "POST /account/memberships/:id/directory": SIGNED_IN,
  "POST /account/password": SIGNED_IN,
  "GET /organisations": EVERYONE,
  "GET /organisations/:slug": EVERYONE,
  "GET /organisations/:slug/directory": [...BE_MEMBERS, "admin"],
  "GET /admin": ADMIN,
  "GET /admin/audit": ADMIN,
  "GET /admin/organisations/new": ADMIN,
  "POST /admin/organisations/new": ADMIN,
  "GET /admin/organisations/:slug": ADMIN,
  "POST /admin/organisations/:slug": ADMIN,
  "GET /admin/organisations/:slug/offices": ADMIN,
  "POST /admin/organisations/:slug/offices": ADMIN,
  "GET /admin/organisations/:slug/offices/:officeId": ADMIN,
  "POST /admin/organisations/:slug/offices/:officeId": ADMIN,
  "POST /admin/organisations/:slug/offices/:officeId/delete": ADMIN,
  "GET /admin/organisations/:slug/colleges": ADMIN,
  "POST /admin/organisations/:slug/colleges": ADMIN,
  "GET /admin/organisations/:slug/colleges/:collegeId": ADMIN,
  "POST /admin/organisations/:slug/colleges/:collegeId": ADMIN,
  "POST /admin/organisations/:slug/colleges/:collegeId/delete": ADMIN,
  "GET /admin/organisations/:slug/members": ADMIN,
  "GET /admin/organisations/:slug/members/:membershipId": ADMIN,
  "POST /admin/organisations/:slug/members/:membershipId": ADMIN,
  "POST /admin/organisations/:slug/members/:membershipId/remove": ADMIN,
  "GET /admin/organisations/:slug/roles": ADMIN,
  "POST /admin/organisations/:slug/roles": ADMIN,
  "POST /admin/organisations/:slug/roles/:assignmentId/revoke": ADMIN,
  "GET /admin/organisations/:slug/import": ADMIN,
  "POST /admin/organisations/:slug/import": ADMIN,
  "GET /admin/organisations/:slug/import/:pendingId": ADMIN,
  "POST /admin/organisations/:slug/import/:pendingId/confirm": ADMIN,
  "POST /admin/organisations/:slug/import/:pendingId/cancel": ADMIN,
  "GET /admin/organisations/:slug/import/result/:seq": ADMIN,
  "GET /cycles": EVERYONE,
  "GET /cycles/:slug": EVERYONE,
  "GET /cycles/:slug/rules": EVERYONE,
  "GET /admin/cycles/new": RUNS_CYCLES,
  "POST /admin/cycles/new": RUNS_CYCLES,
  "GET /admin/cycles/:slug": RUNS_CYCLES,
  "POST /admin/cycles/:slug": RUNS_CYCLES,
  "GET /admin/cycles/:slug/themes": RUNS_CYCLES,
  "POST /admin/cycles/:slug/themes": RUNS_CYCLES,
  "GET /admin/cycles/:slug/themes/:themeId": RUNS_CYCLES,
  "POST /admin/cycles/:slug/themes/:themeId": RUNS_CYCLES,
  "POST /admin/cycles/:slug/themes/:themeId/move": RUNS_CYCLES,
  "POST /admin/cycles/:slug/themes/:themeId/delete": RUNS_CYCLES,
  "GET /admin/cycles/:slug/ballots/new": RUNS_CYCLES,
  "POST /admin/cycles/:slug/ballots/new": RUNS_CYCLES,
  "GET /admin/ballots/:ballotId": RUNS_CYCLES,
  "POST /admin/ballots/:ballotId": RUNS_CYCLES,
  "GET /ballots/:ballotId": EVERYONE,
  "POST /ballots/:ballotId": BE_MEMBERS,
  "POST /ballots/:ballotId/recast": BE_MEMBERS,
  "POST /ballots/:ballotId/reorder": BE_MEMBERS,
  "GET /ballots/:ballotId/receipt": EVERYONE,
  "GET /ballots/:ballotId/board": EVERYONE,
  "POST /admin/ballots/:ballotId/open": RUNS_CYCLES,
  "POST /admin/ballots/:ballotId/close": RUNS_CYCLES,
  "POST /admin/ballots/:ballotId/publish": RUNS_CYCLES,
  "GET /admin/ballots/:ballotId/export.toc": NOBODY,
  "GET /ballots/:ballotId/results": NOBODY,
  ...GROUP_ROUTES,
  ...MEETING_ROUTES,
  ...DOCUMENT_ROUTES,
  ...BUDGET_ROUTES,
  ...LOCAL_TALK_ROUTES,
  ...RECOMMENDATION_ROUTES,
  ...BOARD_ROUTES,
  ...ASSEMBLY_ROUTES,
  ...OPEN_DATA_ROUTES,
  ...BOOKLET_ROUTES,
  ...CATALOGUE_ROUTES,
  ...ACTION_PLAN_ROUTES,
  ...API_TOKEN_ROUTES,
};

/** Route patterns as registered, without Hono's regular-expression constraints. */
const pattern = (path: string) => path.replace(/\{[^}]*\}/g, "");
const key = (r: { method: string; path: string }) => `${r.method} ${pattern(r.path)}`;

interface Samples {
  params: Record<string, string>;
}

async function prepare(t: TestApp): Promise<Samples> {
  const db = t.deps.db;
  const [be] = await db.select().from(organisations).where(eq(organisations.slug, "smart-be"));
  const [office] = await db
    .select()
    .from(offices)
    .where(eq(offices.organisationId, be!.id))
    .orderBy(asc(offices.name))
    .limit(1);
  const [college] = await db.select().from(colleges).where(eq(colleges.organisationId, be!.id)).limit(1);
  const [member01] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(persons, eq(persons.id, memberships.personId))
    .where(eq(persons.email, "member01@demo.letscoop.test"));
  const [ownMembership] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(persons, eq(persons.id, memberships.personId))
    .where(eq(persons.email, "member@demo.letscoop.test"));
  const [assignment] = await db
    .select({ id: roleAssignments.id })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.organisationId, be!.id), eq(roleAssignments.role, "board_member")));
  const [admin] = await db.select().from(persons).where(eq(persons.email, EMAIL.admin));
  const pendingId = await storePendingImport(db, {
    organisationId: be!.id,
    uploadedBy: admin!.id,
    fileName: "walk.csv",
    content: "email;name;college\nbad;x;none\n",
  });
  const [cycle] = await db.select().from(cycles).where(eq(cycles.slug, "2020-2021"));
  const [theme] = await db.select().from(themes).where(eq(themes.cycleId, cycle!.id)).limit(1);
  const [ballot] = await db.select().from(ballots).where(eq(ballots.cycleId, cycle!.id));
  const opened = await openBallot(db, ballot!.id, { actorId: admin!.id });
  expect(opened.ok).toBe(true);
  const [group] = await db.select().from(workingGroups).where(eq(workingGroups.key, "equality"));
  const [coming] = await db
    .select({ id: meetings.id })
    .from(meetings)
    .where(eq(meetings.groupId, group!.id))
    .orderBy(desc(meetings.startsAt))
    .limit(1);
  const [document] = await db
    .select({ id: groupDocuments.id })
    .from(groupDocuments)
    .where(and(eq(groupDocuments.groupId, group!.id), eq(groupDocuments.visibility, "group")));
  const [member] = await db.select().from(persons).where(eq(persons.email, EMAIL.member));
  const [expense] = await db
    .select({ id: expenses.id })
    .from(expenses)
    .where(and(eq(expenses.groupId, group!.id), eq(expenses.submittedBy, member!.id)));
  const [requester] = await db.select().from(persons).where(eq(persons.email, "member09@demo.letscoop.test"));
  const [talk] = await db.select({ id: localTalks.id }).from(localTalks).where(eq(localTalks.groupId, group!.id));
  const [lastAudit] = await db.select({ seq: auditLog.seq }).from(auditLog).orderBy(asc(auditLog.seq)).limit(1);
  const params: Record<string, string> = {
    token: "a".repeat(32),
    id: ownMembership!.id,
    officeId: office!.id,
    collegeId: college!.id,
    membershipId: member01!.id,
    assignmentId: assignment!.id,
    pendingId,
    seq: String(lastAudit!.seq),
    themeId: theme!.id,
    ballotId: ballot!.id,
    /** The binational "equality" group of 2020–2021 (roles: see permissions/roles.ts). */
    groupId: group!.id,
    /** Its coming meeting: no minutes yet. */
    meetingId: coming!.id,
    /** Its "working" document, visible to the group only; version 1 exists. */
    documentId: document!.id,
    version: "1",
    /** member@'s expense, waiting for a decision. */
    expenseId: expense!.id,
    /** member09, whose request to join waits for the facilitator. */
    personId: requester!.id,
    talkId: talk!.id,
  };
  // Each area adds the samples of its own routes (created through its commands).
  Object.assign(params, await recommendationSamples(t, params));
  Object.assign(params, await boardSamples(t, params));
  Object.assign(params, await assemblySamples(t, params));
  Object.assign(params, OPEN_DATA_SAMPLES);
  Object.assign(params, CATALOGUE_SAMPLES);
  Object.assign(params, await actionPlanSamples(t));
  Object.assign(params, await apiTokenSamples(t));
  return { params };
}

function urlFor(path: string, samples: Samples): string {
  const slug = path.startsWith("/cycles/") || path.startsWith("/admin/cycles/") ? "2020-2021" : "smart-be";
  return (
    "/en" +
    pattern(path).replace(/:(\w+)/g, (_, name: string) => {
      if (name === "slug") return slug;
      const value = samples.params[name];
      if (!value) throw new Error(`No sample value for :${name} in ${path}: add one to the permission walk`);
      return value;
    })
  );
}

async function clientFor(t: TestApp, who: Who): Promise<TestClient> {
  const client = new TestClient(t, { "x-test-client-address": `198.51.100.${WHO.indexOf(who) + 1}` });
  if (who === "visitor") await client.get("/en/");
  else await client.actAs(EMAIL[who]);
  return client;
}

async function hit(client: TestClient, who: Who, method: string, url: string) {
  if (method === "GET") return client.get(url);
  // A page with a form gives the CSRF token: the sign-in form for visitors, the sign-out button for others.
  await client.get(who === "visitor" ? "/en/sign-in" : "/en/");
  return client.post(url, {});
}

function assertRefused(who: Who, label: string, res: { status: number; location: string | null }) {
  if (who === "visitor") {
    expect(res.status, `${label} as visitor`).toBe(303);
    expect(res.location, `${label} as visitor`).toMatch(/^\/en\/sign-in\?next=/);
  } else {
    expect(res.status, `${label} as ${who}`).toBe(403);
  }
}

function assertAllowed(who: Who, label: string, res: { status: number; location: string | null; text: string }) {
  expect(res.status, `${label} as ${who}: ${res.text.slice(0, 200)}`).not.toBe(403);
  expect(res.status, `${label} as ${who}`).toBeLessThan(500);
  if (res.status === 303 || res.status === 302) {
    expect(res.location ?? "", `${label} as ${who} was sent to sign-in`).not.toMatch(/\/sign-in\?next=/);
  }
}

describe.each(ENGINES)("every route with every role (%s)", (engine) => {
  let t: TestApp;
  let samples: Samples;
  const clients = new Map<Who, TestClient>();

  beforeAll(async () => {
    t = await createTestApp(engine);
    samples = await prepare(t);
    for (const who of WHO) clients.set(who, await clientFor(t, who));
  }, 120_000);
  afterAll(() => t.close());

  it("has a rule in this table for every route, and no rule for a route that does not exist", () => {
    const routes = ALL_ROUTES.map(key);
    expect(
      routes.filter((r) => !(r in ALLOWED)),
      "routes without an expectation",
    ).toEqual([]);
    expect(
      Object.keys(ALLOWED).filter((k) => !routes.includes(k)),
      "expectations without a route",
    ).toEqual([]);
  });

  it("refuses every role the table does not allow, on every route", async () => {
    for (const route of ALL_ROUTES) {
      const allowed = ALLOWED[key(route)] ?? [];
      for (const who of WHO.filter((w) => !allowed.includes(w))) {
        const url = urlFor(route.path, samples);
        assertRefused(who, key(route), await hit(clients.get(who)!, who, route.method, url));
      }
    }
  }, 240_000);

  it("lets every allowed role through every page (GET)", async () => {
    for (const route of ALL_ROUTES.filter((r) => r.method === "GET")) {
      for (const who of ALLOWED[key(route)] ?? []) {
        assertAllowed(who, key(route), await hit(clients.get(who)!, who, "GET", urlFor(route.path, samples)));
      }
    }
  }, 240_000);

  it("lets every allowed role through every form (POST), each form on a fresh database", async () => {
    for (const route of ALL_ROUTES.filter((r) => r.method === "POST")) {
      const allowed = ALLOWED[key(route)] ?? [];
      if (allowed.length === 0) continue;
      const fresh = await createTestApp(engine);
      try {
        const own = await prepare(fresh);
        for (const who of allowed) {
          const client = await clientFor(fresh, who);
          assertAllowed(who, key(route), await hit(client, who, "POST", urlFor(route.path, own)));
        }
      } finally {
        await fresh.close();
      }
    }
  }, 600_000);
});
