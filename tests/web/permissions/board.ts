import type { TestApp } from "../../support/app.js";
import type { Who } from "./roles.js";

/** Who may use each route of this area in the walk's state (tests/web/permissions.test.ts). */
export const BOARD_ROUTES: Record<string, Who[]> = {};

/**
 * Sample values for this area's route parameters (e.g. :recommendationId), created for the walk.
 * `base` holds the samples already prepared (groupId, cycle …).
 */
export async function boardSamples(t: TestApp, base: Record<string, string>): Promise<Record<string, string>> {
  void t;
  void base;
  return {};
}
