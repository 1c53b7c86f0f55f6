/** Local talks ("small talks") of a cycle: the public list and pages, and their recording (src/web/routes/local-talks/). */
export { localTalksRoutes } from "./local-talks/routes.js";
