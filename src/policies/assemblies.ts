import type { Actor } from "./actor.js";
import type { Resource } from "./can.js";
import { memberOfAny, runsProcessIn } from "./shared.js";

/** Who may do what in a general assembly. Called from can(). */
export const ASSEMBLY_ACTIONS = [
  /** Create an assembly (resource: the organisation). */
  "assembly.create",
  /** Edit an assembly, its sites, agenda and tellers; open and close it and its items. */
  "assembly.manage",
  /** An assembly's page, agenda and published results: public. */
  "assembly.view",
  /** Register attendance and proxies at the desk (those who run it, and its tellers). */
  "assembly.register",
  /** Vote on an open item: members present (with their proxies). */
  "assembly.vote",
  /** Enter the paper count of a site: the assembly's tellers (and those who run it). */
  "assembly.enter_paper",
] as const;
export type AssemblyAction = (typeof ASSEMBLY_ACTIONS)[number];

export type AssemblyResource =
  | {
      type: "assembly";
      organisationId: string;
      status: "draft" | "open" | "closed";
      /** The actor is a teller of this assembly (computed by the loader). */
      isTeller: boolean;
    }
  | {
      type: "assembly_item";
      organisationId: string;
      assemblyStatus: "draft" | "open" | "closed";
      itemStatus: "pending" | "open" | "closed";
      /** The actor is registered present at a site that votes online (computed by the loader). */
      isPresent: boolean;
      /** For paper-count routes: teller of that site (or of every site); otherwise teller of the assembly. */
      isTeller: boolean;
    };

export function canInAssembly(actor: Actor, action: AssemblyAction, resource: Resource): boolean {
  switch (action) {
    case "assembly.create":
      return resource.type === "organisation" && runsProcessIn(actor, [resource.organisationId]);
    case "assembly.manage":
      return (
        (resource.type === "assembly" || resource.type === "assembly_item") &&
        runsProcessIn(actor, [resource.organisationId])
      );
    case "assembly.view":
      return (
        (resource.type === "assembly" &&
          (resource.status !== "draft" || runsProcessIn(actor, [resource.organisationId]))) ||
        (resource.type === "assembly_item" &&
          (resource.assemblyStatus !== "draft" || runsProcessIn(actor, [resource.organisationId])))
      );
    case "assembly.register":
      return (
        resource.type === "assembly" &&
        resource.status === "open" &&
        (resource.isTeller || runsProcessIn(actor, [resource.organisationId]))
      );
    case "assembly.vote":
      return (
        resource.type === "assembly_item" &&
        resource.assemblyStatus === "open" &&
        resource.itemStatus === "open" &&
        resource.isPresent &&
        memberOfAny(actor, [resource.organisationId])
      );
    case "assembly.enter_paper":
      return (
        resource.type === "assembly_item" &&
        resource.assemblyStatus === "open" &&
        resource.itemStatus === "open" &&
        (resource.isTeller || runsProcessIn(actor, [resource.organisationId]))
      );
    default: {
      const unknown: never = action;
      void unknown;
      return false;
    }
  }
}
