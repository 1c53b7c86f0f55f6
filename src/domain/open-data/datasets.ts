import { z } from "zod";

/**
 * The open datasets: what anyone may download, as CSV or JSON, with a JSON Schema of each row.
 * Only public content: recommendations once submitted, the board's decisions, the results of
 * closed assembly items (totals, never a person's vote) and the participation figures of cycles.
 * Exact numbers stay strings holding reduced fractions ("7/2"), as in the results themselves.
 */
const fraction = z
  .string()
  .regex(/^\d+(\/\d+)?$/)
  .describe("An exact number: a whole number or a reduced fraction such as 7/2");
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const instant = z.iso.datetime();

export const DATASET_ROWS = {
  recommendations: z.object({
    id: z.uuid(),
    cycle: z.string(),
    number: z.number().int().min(1),
    group: z.string(),
    title: z.string(),
    language: z.enum(["fr", "nl", "de", "en"]),
    state: z.string(),
    axes: z.array(z.string()),
    decision: z.enum(["retained", "retained_amended", "merged", "not_retained"]).nullable(),
    proposals: z.array(z.number().int().min(1)),
    adopted: z.boolean().nullable(),
    url: z.url(),
  }),
  decisions: z.object({
    recommendation_id: z.uuid(),
    cycle: z.string(),
    number: z.number().int().min(1),
    decision: z.enum(["retained", "retained_amended", "merged", "not_retained"]),
    reasons: z.string(),
    decided_at: instant,
    merged_into: z.number().int().min(1).nullable(),
  }),
  assembly_results: z.object({
    assembly_id: z.uuid(),
    organisation: z.string(),
    assembly: z.string(),
    held_on: date,
    item_id: z.uuid(),
    item: z.string(),
    decision_kind: z.enum(["ordinary", "extraordinary"]),
    college: z.string().nullable(),
    yes_count: fraction,
    yes_weight: fraction,
    no_count: fraction,
    no_weight: fraction,
    abstain_count: fraction,
    abstain_weight: fraction,
    quorum_met: z.boolean(),
    adopted: z.boolean(),
  }),
  participation: z.object({
    cycle: z.string(),
    group: z.string().nullable(),
    participants: z.number().int().min(0),
    facilitators: z.number().int().min(0),
    meetings: z.number().int().min(0),
    meeting_hours: z.number().min(0),
    local_talks: z.number().int().min(0),
    local_talk_attendance: z.number().int().min(0),
    distinct_people: z.number().int().min(0),
  }),
  action_plan: z.object({
    project_id: z.uuid(),
    plan_organisation: z.string(),
    programme: z.string(),
    project: z.string(),
    owner_team: z.string(),
    starts_on: date,
    ends_on: date.nullable(),
    status: z.enum(["planned", "in_progress", "done", "abandoned"]),
    progress: z.number().int().min(0).max(100),
    abandon_reason: z.string(),
    implements_proposals: z.array(z.string()),
    implements_recommendations: z.array(z.string()),
    updates: z.number().int().min(0),
    last_update_on: date.nullable(),
  }),
} as const;

export type DatasetName = keyof typeof DATASET_ROWS;
export const DATASET_NAMES = Object.keys(DATASET_ROWS) as DatasetName[];
export type DatasetRow<N extends DatasetName> = z.infer<(typeof DATASET_ROWS)[N]>;

export function isDatasetName(name: string): name is DatasetName {
  return Object.hasOwn(DATASET_ROWS, name);
}

/** The columns of a dataset, in the order of the CSV file. */
export function columnsOf(name: DatasetName): string[] {
  return Object.keys(DATASET_ROWS[name].shape);
}

/** The JSON Schema (2020-12) of the JSON download of a dataset: `{ dataset, rows: [row…] }`. */
export function datasetJsonSchema(name: DatasetName, id: string): Record<string, unknown> {
  const document = z.object({ dataset: z.literal(name), rows: z.array(DATASET_ROWS[name]) });
  return { $id: id, ...z.toJSONSchema(document, { target: "draft-2020-12" }) };
}

/** A cell of the CSV file: lists joined with ";", empty for null, booleans as true/false. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(csvCell).join(";");
  return String(value);
}
