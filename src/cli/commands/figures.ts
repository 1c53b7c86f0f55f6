import { UsageError, type CliCommand } from "../command.js";

/** `figures --cycle SLUG`: the participation figures of a cycle as JSON (to be written). */
export const figures: CliCommand = {
  name: "figures",
  summary: "Participation figures of a cycle as JSON.",
  usage: "figures --cycle SLUG",
  async run() {
    throw new UsageError("not yet available");
  },
};
