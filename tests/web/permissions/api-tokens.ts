import { createApiToken } from "../../../src/api/tokens.js";
import type { TestApp } from "../../support/app.js";
import { personId } from "../board-helpers.js";
import { ADMIN, EMAIL, SIGNED_IN, type Who } from "./roles.js";

/** Anyone signed in manages their own tokens; a token is revoked by its owner (member@ here) or an instance admin. */
export const API_TOKEN_ROUTES: Record<string, Who[]> = {
  "GET /account/api-tokens": SIGNED_IN,
  "POST /account/api-tokens": SIGNED_IN,
  "GET /admin/api-tokens": ADMIN,
  "POST /api-tokens/:tokenId/revoke": ["member", "admin"],
};

/** member@'s token, for :tokenId. */
export async function apiTokenSamples(t: TestApp): Promise<Record<string, string>> {
  const created = await createApiToken(t.deps.db, await personId(t.deps.db, EMAIL.member), "walk");
  if (!created.ok) throw new Error("the walk's token was refused");
  return { tokenId: created.row.id };
}
