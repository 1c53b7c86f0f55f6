import { eq } from "drizzle-orm";
import { z } from "zod";
import { itemsOf, listAssemblies, sitesOf } from "../commands/assemblies/read.js";
import { loadAssemblyResource } from "../commands/assemblies/load.js";
import { loadBallotResource } from "../commands/ballots/load.js";
import { listProposals } from "../commands/board/read.js";
import { cycleBallots, findCycleBySlug, listCycles, listThemes, type Cycle } from "../commands/cycles/read.js";
import { loadGroupContext } from "../commands/groups/load.js";
import { findOrganisationBySlug, listOrganisations, organisationStructure } from "../commands/organisations.js";
import { loadGroupWorkflow, loadRecommendationResource } from "../commands/recommendations/load.js";
import { listRecommendations, loadTrace } from "../commands/recommendations/read.js";
import { addComment } from "../commands/recommendations/write.js";
import type { Db } from "../db/client.js";
import { ballotResults, type BoardDecision } from "../db/schema/index.js";
import { phaseOf, type Phase } from "../domain/workflow/workflow.js";
import type { Locale } from "../i18n/locales.js";
import type { Actor } from "../policies/actor.js";
import { can, type Resource } from "../policies/can.js";
import { endpoint, type Endpoint } from "./endpoint.js";
import { paginate } from "./pagination.js";
import { ApiProblem } from "./problem.js";
import { bodies, lists, queries, schemas, tokenCreated } from "./schemas.js";
import {
  createApiToken,
  findApiToken,
  listApiTokens,
  MAX_ACTIVE_TOKENS,
  revokeApiToken,
  type ApiToken,
} from "./tokens.js";

/**
 * The endpoints of /api/v1. Each reads through the commands the pages use and asks can() as
 * the pages do; what a visitor may not see answers 404, as if it did not exist.
 */
const slugParam = z.object({ slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/) });
const idParam = <K extends string>(name: K) => z.object({ [name]: z.uuid() } as Record<K, z.ZodUUID>);

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

function personOf(actor: Actor): string | null {
  return actor.kind === "person" ? actor.personId : null;
}

function cycleResource(cycle: Cycle): Resource {
  return { type: "cycle", organisationIds: cycle.organisations.map((o) => o.id) };
}

async function cycleOr404(db: Db, slug: string): Promise<Cycle> {
  const cycle = await findCycleBySlug(db, slug);
  if (!cycle) throw new ApiProblem("notFound", `No cycle '${slug}'.`);
  return cycle;
}

function cycleOut(cycle: Cycle): z.input<typeof schemas.cycle> {
  return {
    id: cycle.id,
    slug: cycle.slug,
    name: cycle.name,
    sourceLanguage: cycle.sourceLanguage,
    organisations: cycle.organisations,
    texts: cycle.texts,
    phases: cycle.phases,
  };
}

/** The recommendations of a cycle the actor may read (drafts only to their group and those who run it). */
async function readableRecommendations(db: Db, actor: Actor, cycleId: string, locale: Locale) {
  const rows = await listRecommendations(db, { cycleId }, locale);
  const personId = personOf(actor);
  const groups = new Map<
    string,
    { resource: (phase: Phase) => Resource; workflow: Awaited<ReturnType<typeof loadGroupWorkflow>> }
  >();
  for (const groupId of new Set(rows.map((r) => r.groupId))) {
    const group = await loadGroupContext(db, groupId, personId);
    if (!group) continue;
    groups.set(groupId, {
      resource: (phase) => ({ type: "recommendation", group: group.facts, phase }),
      workflow: await loadGroupWorkflow(db, group),
    });
  }
  return rows.flatMap((row) => {
    const group = groups.get(row.groupId);
    if (!group) return [];
    const phase = phaseOf(group.workflow, row.state);
    return can(actor, "recommendation.view", group.resource(phase)) ? [{ ...row, phase }] : [];
  });
}

function tokenOut(row: ApiToken): z.input<typeof schemas.token> {
  return {
    id: row.id,
    personId: row.personId,
    name: row.name,
    prefix: row.prefix,
    createdAt: iso(row.createdAt),
    lastUsedAt: isoOrNull(row.lastUsedAt),
    revokedAt: isoOrNull(row.revokedAt),
  };
}

export const ENDPOINTS: Endpoint[] = [
  endpoint({
    method: "get",
    path: "/organisations",
    operationId: "listOrganisations",
    summary: "The organisations of the instance",
    tag: "organisations",
    auth: "public",
    query: queries.page,
    response: { status: 200, description: "One page of organisations, by name", schema: lists.organisations },
    problems: [401],
    async handler({ db, query }) {
      return paginate(await listOrganisations(db), query);
    },
  }),
  endpoint({
    method: "get",
    path: "/organisations/{slug}",
    operationId: "getOrganisation",
    summary: "An organisation with its offices and colleges",
    tag: "organisations",
    auth: "public",
    params: slugParam,
    response: { status: 200, description: "The organisation", schema: schemas.organisation },
    problems: [401, 404],
    async handler({ db, params }) {
      const org = await findOrganisationBySlug(db, params.slug);
      if (!org) throw new ApiProblem("notFound", `No organisation '${params.slug}'.`);
      const { offices, colleges } = await organisationStructure(db, org.id);
      return {
        id: org.id,
        slug: org.slug,
        name: org.name,
        legalName: org.legalName,
        country: org.country,
        languages: org.languages,
        defaultLanguage: org.defaultLanguage,
        offices,
        colleges: colleges.map(({ key, labels, weight }) => ({ key, labels, weight })),
      };
    },
  }),
  endpoint({
    method: "get",
    path: "/organisations/{slug}/assemblies",
    operationId: "listAssemblies",
    summary: "The general assemblies of an organisation (drafts only to those who run them)",
    tag: "assemblies",
    auth: "public",
    params: slugParam,
    query: queries.assemblies,
    response: { status: 200, description: "One page of assemblies, the most recent first", schema: lists.assemblies },
    problems: [401, 404],
    async handler({ db, actor, params, query }) {
      const org = await findOrganisationBySlug(db, params.slug);
      if (!org) throw new ApiProblem("notFound", `No organisation '${params.slug}'.`);
      const rows = await listAssemblies(db, org.id, { drafts: true });
      const visible = rows.filter(
        (a) =>
          (query.status === undefined || a.status === query.status) &&
          can(actor, "assembly.view", {
            type: "assembly",
            organisationId: a.organisationId,
            status: a.status,
            isTeller: false,
          }),
      );
      return paginate(
        visible.map((a) => ({
          id: a.id,
          organisationId: a.organisationId,
          cycleId: a.cycleId,
          title: a.title,
          heldOn: a.heldOn,
          status: a.status,
        })),
        query,
      );
    },
  }),
  endpoint({
    method: "get",
    path: "/assemblies/{assemblyId}",
    operationId: "getAssembly",
    summary: "An assembly: its sites and agenda, with the totals of closed items (never a person's vote)",
    tag: "assemblies",
    auth: "public",
    params: idParam("assemblyId"),
    response: { status: 200, description: "The assembly", schema: schemas.assembly },
    problems: [401, 404],
    async handler({ db, actor, params }) {
      const loaded = await loadAssemblyResource(db, params.assemblyId, personOf(actor));
      if (!loaded || !can(actor, "assembly.view", loaded.resource)) {
        throw new ApiProblem("notFound", "No assembly with this id.");
      }
      const { assembly } = loaded.data;
      const [sites, items] = await Promise.all([sitesOf(db, assembly.id), itemsOf(db, assembly.id)]);
      return {
        id: assembly.id,
        organisationId: assembly.organisationId,
        cycleId: assembly.cycleId,
        title: assembly.title,
        heldOn: assembly.heldOn,
        status: assembly.status,
        sites: sites.map(({ id, name, city, voting }) => ({ id, name, city, voting })),
        items: items.map((item) => {
          const closed = item.status === "closed";
          return {
            id: item.id,
            position: item.position,
            kind: item.kind,
            proposalId: item.proposalId,
            title: item.title,
            description: item.description,
            decisionKind: item.decisionKind,
            secret: item.secret,
            status: item.status,
            adopted: closed ? item.adopted : null,
            result: closed ? (item.result ?? null) : null,
          };
        }),
      };
    },
  }),
  endpoint({
    method: "get",
    path: "/cycles",
    operationId: "listCycles",
    summary: "The participation cycles, the most recent first",
    tag: "cycles",
    auth: "public",
    query: queries.page,
    response: { status: 200, description: "One page of cycles", schema: lists.cycles },
    problems: [401],
    async handler({ db, query }) {
      return paginate((await listCycles(db)).map(cycleOut), query);
    },
  }),
  endpoint({
    method: "get",
    path: "/cycles/{slug}",
    operationId: "getCycle",
    summary: "A cycle with its organisations, texts and calendar",
    tag: "cycles",
    auth: "public",
    params: slugParam,
    response: { status: 200, description: "The cycle", schema: schemas.cycle },
    problems: [401, 404],
    async handler({ db, params }) {
      return cycleOut(await cycleOr404(db, params.slug));
    },
  }),
  endpoint({
    method: "get",
    path: "/cycles/{slug}/themes",
    operationId: "listThemes",
    summary: "The themes of a cycle, in their order",
    tag: "cycles",
    auth: "public",
    params: slugParam,
    query: queries.page,
    response: { status: 200, description: "One page of themes", schema: lists.themes },
    problems: [401, 404],
    async handler({ db, params, query }) {
      const cycle = await cycleOr404(db, params.slug);
      const themes = await listThemes(db, cycle.id);
      return paginate(
        themes.map((t) => ({
          id: t.id,
          key: t.key,
          position: t.position,
          status: t.status,
          organisationId: t.organisationId,
          sourceLanguage: t.sourceLanguage,
          texts: t.texts,
        })),
        query,
      );
    },
  }),
  endpoint({
    method: "get",
    path: "/cycles/{slug}/recommendations",
    operationId: "listRecommendations",
    summary: "The recommendations of a cycle once submitted (drafts only to their group and those who run the cycle)",
    tag: "recommendations",
    auth: "public",
    params: slugParam,
    query: queries.recommendations,
    response: { status: 200, description: "One page of recommendations, by number", schema: lists.recommendations },
    problems: [401, 404],
    async handler({ db, actor, params, query }) {
      const cycle = await cycleOr404(db, params.slug);
      const rows = await readableRecommendations(db, actor, cycle.id, query.lang ?? cycle.sourceLanguage);
      return paginate(
        rows
          .filter((r) => query.group === undefined || r.groupId === query.group)
          .map((r) => ({
            id: r.id,
            number: r.number,
            groupId: r.groupId,
            state: r.state,
            phase: r.phase,
            sourceLanguage: r.sourceLanguage,
            axes: r.axes,
            title: r.title,
            translatedTitle: query.lang === undefined ? null : r.translatedTitle,
            version: r.version,
            updatedAt: iso(r.updatedAt),
          })),
        query,
      );
    },
  }),
  endpoint({
    method: "get",
    path: "/recommendations/{recommendationId}",
    operationId: "getRecommendation",
    summary: "A recommendation: its latest version, the board's decision and the proposals that carry it",
    tag: "recommendations",
    auth: "public",
    params: idParam("recommendationId"),
    response: { status: 200, description: "The recommendation", schema: schemas.recommendation },
    problems: [401, 404],
    async handler({ db, actor, params }) {
      const loaded = await loadRecommendationResource(db, actor, params.recommendationId);
      if (!loaded || !can(actor, "recommendation.view", loaded.resource) || !loaded.data.version) {
        throw new ApiProblem("notFound", "No public recommendation with this id.");
      }
      const { recommendation: rec, version, facts } = loaded.data;
      const trace = await loadTrace(db, rec.id, rec.groupId, facts.organisationIds);
      return {
        id: rec.id,
        number: rec.number,
        cycleId: rec.cycleId,
        groupId: rec.groupId,
        state: rec.state,
        phase: loaded.resource.phase,
        sourceLanguage: rec.sourceLanguage,
        axes: rec.axes,
        version: {
          number: version.number,
          title: version.title,
          sections: version.sections,
          quotes: version.quotes,
          footnotes: version.footnotes,
          createdAt: iso(version.createdAt),
          submittedAt: isoOrNull(version.submittedAt),
        },
        decision: trace.decision
          ? {
              decision: trace.decision.decision as BoardDecision,
              reasons: trace.decision.reasons,
              decidedAt: iso(trace.decision.decidedAt),
              version: trace.decision.version,
              mergedInto: trace.decision.mergedInto,
            }
          : null,
        proposals: trace.proposals.map(({ id, number, title, state }) => ({ id, number, title, state })),
      };
    },
  }),
  endpoint({
    method: "post",
    path: "/recommendations/{recommendationId}/comments",
    operationId: "commentRecommendation",
    summary: "Comment on a recommendation (its group, the board, those who run the cycle)",
    description: "Needs a personal API token. The comment is tied to the latest version, as on the page.",
    tag: "recommendations",
    auth: "token",
    params: idParam("recommendationId"),
    body: bodies.comment,
    response: { status: 201, description: "The comment was added", schema: schemas.comment },
    problems: [401, 403, 404, 413, 415, 422],
    async handler({ db, actor, params, body }) {
      const loaded = await loadRecommendationResource(db, actor, params.recommendationId);
      if (!loaded || !can(actor, "recommendation.view", loaded.resource)) {
        throw new ApiProblem("notFound", "No public recommendation with this id.");
      }
      if (actor.kind !== "person" || !can(actor, "recommendation.comment", loaded.resource)) {
        throw new ApiProblem("forbidden", "Only the group, the board and those who run the cycle may comment.");
      }
      const text = body.body.replace(/\r\n?/g, "\n");
      const { id } = await addComment(db, actor.personId, loaded.data, text);
      return { id, recommendationId: loaded.data.recommendation.id };
    },
  }),
  endpoint({
    method: "get",
    path: "/cycles/{slug}/proposals",
    operationId: "listProposals",
    summary: "The board's action proposals of a cycle",
    tag: "board",
    auth: "public",
    params: slugParam,
    query: queries.page,
    response: { status: 200, description: "One page of action proposals, by number", schema: lists.proposals },
    problems: [401, 404],
    async handler({ db, actor, params, query }) {
      const cycle = await cycleOr404(db, params.slug);
      if (!can(actor, "proposal.view", cycleResource(cycle)))
        throw new ApiProblem("notFound", `No cycle '${params.slug}'.`);
      const rows = await listProposals(db, cycle.id);
      return paginate(
        rows.map((p) => ({ ...p, createdAt: iso(p.createdAt) })),
        query,
      );
    },
  }),
  endpoint({
    method: "get",
    path: "/cycles/{slug}/ballots",
    operationId: "listBallots",
    summary: "The ballots of a cycle from their opening on (drafts only to those who run them)",
    tag: "ballots",
    auth: "public",
    params: slugParam,
    query: queries.page,
    response: { status: 200, description: "One page of ballots", schema: lists.ballots },
    problems: [401, 404],
    async handler({ db, actor, params, query }) {
      const cycle = await cycleOr404(db, params.slug);
      const rows = await cycleBallots(db, cycle.id);
      const visible = [];
      for (const b of rows) {
        const loaded = b.status === "draft" ? await loadBallotResource(db, b.id, personOf(actor)) : null;
        const resource = loaded?.resource ?? {
          type: "ballot",
          organisationIds: [],
          status: b.status,
          isElector: false,
        };
        if (can(actor, "ballot.view", resource)) visible.push(b);
      }
      return paginate(
        visible.map((b) => ({ ...b, opensAt: isoOrNull(b.opensAt), closesAt: isoOrNull(b.closesAt) })),
        query,
      );
    },
  }),
  endpoint({
    method: "get",
    path: "/ballots/{ballotId}/results",
    operationId: "getBallotResults",
    summary: "The results of a ballot once published",
    tag: "ballots",
    auth: "public",
    params: idParam("ballotId"),
    response: { status: 200, description: "The published result", schema: schemas.ballotResult },
    problems: [401, 404],
    async handler({ db, actor, params }) {
      const loaded = await loadBallotResource(db, params.ballotId, personOf(actor));
      if (!loaded || !can(actor, "ballot.view", loaded.resource))
        throw new ApiProblem("notFound", "No ballot with this id.");
      const ballot = loaded.data;
      if (ballot.status !== "published" || !ballot.publishedAt) {
        throw new ApiProblem("notFound", "The results of this ballot are not published.");
      }
      const [row] = await db.select().from(ballotResults).where(eq(ballotResults.ballotId, ballot.id));
      if (!row) throw new ApiProblem("notFound", "The results of this ballot are not published.");
      return {
        ballotId: ballot.id,
        title: ballot.title,
        method: ballot.method,
        publishedAt: iso(ballot.publishedAt),
        ballotsCounted: row.ballotsCounted,
        computedAt: iso(row.computedAt),
        result: row.result,
      };
    },
  }),
  endpoint({
    method: "get",
    path: "/tokens",
    operationId: "listTokens",
    summary: "Personal API tokens: one's own, or another person's for an instance administrator",
    tag: "tokens",
    auth: "tokenOrSession",
    query: queries.tokens,
    response: {
      status: 200,
      description: "One page of tokens, oldest first (never the tokens themselves)",
      schema: lists.tokens,
    },
    problems: [401, 403],
    async handler({ db, actor, query }) {
      if (actor.kind !== "person") throw new ApiProblem("unauthorized", "Sign in or send a token.");
      const personId = query.person ?? actor.personId;
      if (personId !== actor.personId && !can(actor, "api_token.administer")) {
        throw new ApiProblem("forbidden", "Only an instance administrator sees another person's tokens.");
      }
      return paginate((await listApiTokens(db, personId)).map(tokenOut), query);
    },
  }),
  endpoint({
    method: "post",
    path: "/tokens",
    operationId: "createToken",
    summary: "Create a personal API token (from a signed-in session; the token is shown once)",
    tag: "tokens",
    auth: "session",
    body: bodies.token,
    response: { status: 201, description: "The token, shown this once", schema: tokenCreated },
    problems: [401, 403, 413, 415, 422],
    async handler({ db, actor, body }) {
      if (actor.kind !== "person") throw new ApiProblem("unauthorized", "Sign in first.");
      const created = await createApiToken(db, actor.personId, body.name);
      if (!created.ok)
        throw new ApiProblem("unprocessable", `You already hold ${MAX_ACTIVE_TOKENS} active tokens: revoke one first.`);
      return { ...tokenOut(created.row), token: created.token };
    },
  }),
  endpoint({
    method: "post",
    path: "/tokens/{tokenId}/revoke",
    operationId: "revokeToken",
    summary: "Revoke a token: its owner, or an instance administrator",
    tag: "tokens",
    auth: "tokenOrSession",
    params: idParam("tokenId"),
    response: { status: 200, description: "The token, revoked", schema: schemas.token },
    problems: [401, 403, 404],
    async handler({ db, actor, params }) {
      if (actor.kind !== "person") throw new ApiProblem("unauthorized", "Sign in or send a token.");
      const token = await findApiToken(db, params.tokenId);
      if (!token) throw new ApiProblem("notFound", "No token with this id.");
      if (!can(actor, "api_token.revoke", { type: "api_token", ownerId: token.personId })) {
        throw new ApiProblem("forbidden", "Only the token's owner or an instance administrator may revoke it.");
      }
      const revoked = await revokeApiToken(db, token.id, actor.personId);
      return tokenOut(revoked ?? token);
    },
  }),
];
