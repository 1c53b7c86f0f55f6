import { z } from "zod";

/** A fraction written as "2/3" or a decimal "0.5": kept as text so that it stays exact. */
export const fractionText = z
  .string()
  .trim()
  .regex(/^(\d+\/[1-9]\d*|\d+(\.\d+)?)$/, { message: "fraction" });

export const MAJORITIES = ["simple", "absolute", "two_thirds", "three_quarters"] as const;
export type Majority = (typeof MAJORITIES)[number];

export const decisionRuleSchema = z.object({
  /** Share of the electorate that must be present or represented, e.g. "0" or "1/2". */
  quorum: fractionText,
  /** Optional quorum each college must reach on its own. */
  collegeQuorum: fractionText.nullable(),
  majority: z.enum(MAJORITIES),
  /** Votes the majority is computed over: those cast (yes + no) or everyone present. */
  base: z.enum(["cast", "present"]),
});
export type DecisionRule = z.infer<typeof decisionRuleSchema>;

export const statutesSchema = z.object({
  ordinary: decisionRuleSchema,
  extraordinary: decisionRuleSchema,
  /** How many proxies one member present may hold. */
  maxProxiesPerHolder: z.number().int().min(0).max(100),
});
export type Statutes = z.infer<typeof statutesSchema>;

export const DEFAULT_STATUTES: Statutes = {
  ordinary: { quorum: "0", collegeQuorum: null, majority: "simple", base: "cast" },
  extraordinary: { quorum: "1/2", collegeQuorum: null, majority: "two_thirds", base: "cast" },
  maxProxiesPerHolder: 1,
};
