import type { ProjectStatus } from "../../db/schema/action-plan.js";

/** Where a recommendation stands once adopted: from the projects implementing its adopted proposals. */
export type ImplementationStatus = "adopted" | "in_progress" | "done" | "abandoned";
export const IMPLEMENTATION_STATUSES: readonly ImplementationStatus[] = ["adopted", "in_progress", "done", "abandoned"];

/**
 * An adopted recommendation with no project, or only planned ones, is "adopted"; when every
 * project is abandoned it is "abandoned"; when every project is done or abandoned (one done at
 * least) it is "done"; otherwise work has started: "in_progress".
 */
export function implementationStatus(projects: readonly ProjectStatus[]): ImplementationStatus {
  if (projects.length === 0 || projects.every((s) => s === "planned")) return "adopted";
  if (projects.every((s) => s === "abandoned")) return "abandoned";
  if (projects.every((s) => s === "done" || s === "abandoned")) return "done";
  return "in_progress";
}
