import type PgBoss from "pg-boss";
import type { Db } from "../db/client.js";
import type { Logger } from "../logging/logger.js";
import type { Mailer } from "../mail/mailer.js";

export interface MeetingJobContext {
  db: Db;
  mailer: Mailer;
  baseUrl: string;
  logger: Logger;
}

/** Registers the meeting reminder handlers (to be written with the meetings). */
export async function registerMeetingWorkers(boss: PgBoss, ctx: MeetingJobContext): Promise<void> {
  void boss;
  void ctx;
}
