import { verifyAuditLog } from "../../audit/log.js";
import type { CliCommand } from "../command.js";
import { withDatabase } from "../database.js";

export const auditVerify: CliCommand = {
  name: "audit-verify",
  summary: "Check every link of the hash-chained audit log.",
  usage: "audit-verify",
  run: (_argv, io) =>
    withDatabase(async (database) => {
      const result = await verifyAuditLog(database.db);
      if (result.ok) {
        io.out(`Audit log intact: ${result.entries} entries, every hash verified.`);
        return 0;
      }
      io.err(`Audit log BROKEN at entry ${result.brokenAt}: ${result.reason}.`);
      return 1;
    }),
};
