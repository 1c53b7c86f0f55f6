import type { AssignedRole } from "../db/schema/people.js";
import type { Locale } from "../i18n/locales.js";

export interface RoleGrant {
  role: AssignedRole;
  /** null: every organisation of the instance. */
  organisationId: string | null;
}

export type Actor =
  | { kind: "visitor" }
  | {
      kind: "person";
      personId: string;
      locale: Locale;
      roles: RoleGrant[];
      /** Organisations where the person holds a membership. */
      memberOf: string[];
    };

export const VISITOR: Actor = { kind: "visitor" };
