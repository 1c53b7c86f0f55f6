export * from "./organisations.js";
export * from "./people.js";
export * from "./auth.js";
export * from "./audit.js";
export * from "./imports.js";
export * from "./settings.js";
export * from "./cycles.js";
export * from "./ballots.js";
