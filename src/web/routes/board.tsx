import type { AnyRoute } from "../routing.js";
import { instructRoutes } from "./board/instruct.js";
import { proposalRoutes } from "./board/proposals.js";
import { queueRoutes } from "./board/queue.js";
import { workflowRoutes } from "./board/workflows.js";

/** The board's instruction: notes, line-numbered amendments, merges, decisions, action proposals, workflows. */
export const boardRoutes: AnyRoute[] = [...queueRoutes, ...instructRoutes, ...proposalRoutes, ...workflowRoutes];
