import { z } from "zod";
import { RECOMMENDATION_LIMITS } from "../commands/recommendations/content.js";
import {
  ASSEMBLY_STATUSES,
  BALLOT_STATUSES,
  BOARD_DECISIONS,
  ITEM_STATUSES,
  PHASES as CYCLE_PHASES,
  RECOMMENDATION_SECTIONS,
  THEME_STATUSES,
} from "../db/schema/index.js";
import { PHASES as WORKFLOW_PHASES } from "../domain/workflow/workflow.js";
import { LOCALES } from "../i18n/locales.js";
import { field } from "../web/validation.js";
import { listOf, paginationQuery } from "./pagination.js";
import { problemSchema } from "./problem.js";

/**
 * The API's schemas, in Zod: the handlers build their answers with these types, the request
 * bodies are parsed with them, and the OpenAPI document is generated from them (src/api/openapi.ts).
 * Input fields are the web forms' own (src/web/validation.ts), with the same limits.
 */
export const components = z.registry<{ id: string }>();

function named<T extends z.ZodType>(id: string, schema: T): T {
  components.add(schema, { id });
  return schema;
}

const uuid = z.uuid();
const instant = z.iso.datetime().describe("An instant, ISO 8601 in UTC");
const day = z.iso.date().describe("A date, ISO 8601");
const locale = z.enum(LOCALES);
const labels = z.partialRecord(locale, z.string()).describe("A text per interface language");
/** Exact decimals stay strings ("1.000000"), as the database keeps them. */
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/);
const stored = z.record(z.string(), z.unknown()).describe("The stored result, as counted (exact numbers as strings)");

export const schemas = {
  problem: named("Problem", problemSchema),

  organisationSummary: named(
    "OrganisationSummary",
    z.object({ id: uuid, slug: z.string(), name: z.string(), country: z.string() }),
  ),
  organisation: named(
    "Organisation",
    z.object({
      id: uuid,
      slug: z.string(),
      name: z.string(),
      legalName: z.string(),
      country: z.string(),
      languages: z.array(locale),
      defaultLanguage: locale,
      offices: z.array(z.object({ id: uuid, name: z.string(), city: z.string(), isHeadOffice: z.boolean() })),
      colleges: z.array(z.object({ key: z.string(), labels, weight: decimal })),
    }),
  ),

  cycle: named(
    "Cycle",
    z.object({
      id: uuid,
      slug: z.string(),
      name: z.string(),
      sourceLanguage: locale,
      organisations: z.array(z.object({ id: uuid, slug: z.string(), name: z.string() })),
      texts: z.partialRecord(locale, z.object({ title: z.string(), rules: z.string(), outdated: z.boolean() })),
      phases: z.array(z.object({ phase: z.enum(CYCLE_PHASES), startsOn: day, endsOn: day })),
    }),
  ),
  theme: named(
    "Theme",
    z.object({
      id: uuid,
      key: z.string(),
      position: z.number().int(),
      status: z.enum(THEME_STATUSES),
      organisationId: uuid.nullable(),
      sourceLanguage: locale,
      texts: z.partialRecord(locale, z.object({ title: z.string(), description: z.string(), outdated: z.boolean() })),
    }),
  ),

  recommendationSummary: named(
    "RecommendationSummary",
    z.object({
      id: uuid,
      number: z.number().int().min(1),
      groupId: uuid,
      state: z.string(),
      phase: z.enum(WORKFLOW_PHASES),
      sourceLanguage: locale,
      axes: z.array(z.string()),
      title: z.string(),
      /** The title in the language asked for (`lang`), when translated. */
      translatedTitle: z.string().nullable(),
      version: z.number().int().min(1),
      updatedAt: instant,
    }),
  ),
  recommendation: named(
    "Recommendation",
    z.object({
      id: uuid,
      number: z.number().int().min(1),
      cycleId: uuid,
      groupId: uuid,
      state: z.string(),
      phase: z.enum(WORKFLOW_PHASES),
      sourceLanguage: locale,
      axes: z.array(z.string()),
      version: z.object({
        number: z.number().int().min(1),
        title: z.string(),
        sections: z.object(
          Object.fromEntries(RECOMMENDATION_SECTIONS.map((s) => [s, z.string()])) as Record<
            (typeof RECOMMENDATION_SECTIONS)[number],
            z.ZodString
          >,
        ),
        quotes: z.array(z.object({ text: z.string(), firstName: z.string(), college: z.string() })),
        footnotes: z.array(z.object({ text: z.string(), minority: z.boolean() })),
        createdAt: instant,
        submittedAt: instant.nullable(),
      }),
      decision: z
        .object({
          decision: z.enum(BOARD_DECISIONS),
          reasons: z.string(),
          decidedAt: instant,
          version: z.number().int().min(1),
          mergedInto: z.object({ id: uuid, number: z.number().int().min(1) }).nullable(),
        })
        .nullable(),
      proposals: z.array(z.object({ id: uuid, number: z.number().int().min(1), title: z.string(), state: z.string() })),
    }),
  ),
  comment: named("CommentCreated", z.object({ id: uuid, recommendationId: uuid })),

  proposal: named(
    "ActionProposal",
    z.object({
      id: uuid,
      number: z.number().int().min(1),
      title: z.string(),
      description: z.string(),
      state: z.string(),
      organisationName: z.string(),
      createdAt: instant,
      recommendations: z.array(z.object({ id: uuid, number: z.number().int().min(1), title: z.string() })),
    }),
  ),

  ballot: named(
    "Ballot",
    z.object({
      id: uuid,
      title: z.string(),
      kind: z.enum(["ranked", "approval", "yes_no"]),
      status: z.enum(BALLOT_STATUSES),
      opensAt: instant.nullable(),
      closesAt: instant.nullable(),
    }),
  ),
  ballotResult: named(
    "BallotResult",
    z.object({
      ballotId: uuid,
      title: z.string(),
      method: z.string(),
      publishedAt: instant,
      ballotsCounted: z.number().int().min(0),
      computedAt: instant,
      result: stored,
    }),
  ),

  assemblySummary: named(
    "AssemblySummary",
    z.object({
      id: uuid,
      organisationId: uuid,
      cycleId: uuid.nullable(),
      title: z.string(),
      heldOn: day,
      status: z.enum(ASSEMBLY_STATUSES),
    }),
  ),
  assembly: named(
    "Assembly",
    z.object({
      id: uuid,
      organisationId: uuid,
      cycleId: uuid.nullable(),
      title: z.string(),
      heldOn: day,
      status: z.enum(ASSEMBLY_STATUSES),
      sites: z.array(z.object({ id: uuid, name: z.string(), city: z.string(), voting: z.enum(["online", "paper"]) })),
      items: z.array(
        z.object({
          id: uuid,
          position: z.number().int(),
          kind: z.enum(["proposal", "statutory"]),
          proposalId: uuid.nullable(),
          title: z.string(),
          description: z.string(),
          decisionKind: z.enum(["ordinary", "extraordinary"]),
          secret: z.boolean(),
          status: z.enum(ITEM_STATUSES),
          /** Totals of a closed item (never a person's vote); null before the close. */
          adopted: z.boolean().nullable(),
          result: stored.nullable(),
        }),
      ),
    }),
  ),

  token: named(
    "ApiToken",
    z.object({
      id: uuid,
      personId: uuid,
      name: z.string(),
      prefix: z.string(),
      createdAt: instant,
      lastUsedAt: instant.nullable(),
      revokedAt: instant.nullable(),
    }),
  ),
};

export const lists = {
  organisations: named("OrganisationList", listOf(schemas.organisationSummary)),
  cycles: named("CycleList", listOf(schemas.cycle)),
  themes: named("ThemeList", listOf(schemas.theme)),
  recommendations: named("RecommendationList", listOf(schemas.recommendationSummary)),
  proposals: named("ActionProposalList", listOf(schemas.proposal)),
  ballots: named("BallotList", listOf(schemas.ballot)),
  assemblies: named("AssemblyList", listOf(schemas.assemblySummary)),
  tokens: named("ApiTokenList", listOf(schemas.token)),
};

export const tokenCreated = named(
  "ApiTokenCreated",
  schemas.token.extend({ token: z.string().describe("The token itself: shown this once, never again") }),
);

/** Query strings: only the parameters named here are accepted (an unknown one is refused with 400). */
export const queries = {
  page: z.object(paginationQuery).strict(),
  recommendations: z
    .object({
      ...paginationQuery,
      group: z.uuid({ error: "must be a group id" }).optional().describe("Only this working group's"),
      lang: z
        .enum(LOCALES, { error: "must be one of fr, nl, de, en" })
        .optional()
        .describe("Language of translatedTitle"),
    })
    .strict(),
  assemblies: z
    .object({
      ...paginationQuery,
      status: z.enum(["open", "closed"], { error: "must be open or closed" }).optional(),
    })
    .strict(),
  tokens: z
    .object({
      ...paginationQuery,
      person: z.uuid({ error: "must be a person id" }).optional().describe("Another person's tokens (administrators)"),
    })
    .strict(),
};

/** Request bodies, with the limits of the matching forms. */
export const bodies = {
  comment: z.object({ body: field.text(RECOMMENDATION_LIMITS.comment) }).strict(),
  token: z.object({ name: field.text(80) }).strict(),
};
