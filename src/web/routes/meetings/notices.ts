import type { MessageKey } from "../../../i18n/index.js";
import type { Ctx } from "../../context.js";

const NOTICES = {
  created: "meetings.noticeCreated",
  saved: "meetings.noticeSaved",
  cancelled: "meetings.noticeCancelled",
  registered: "meetings.noticeRegistered",
  unregistered: "meetings.noticeUnregistered",
  attendance: "meetings.noticeAttendance",
  minutesSaved: "meetings.noticeMinutesSaved",
  minutesPublished: "meetings.noticeMinutesPublished",
} as const satisfies Record<string, MessageKey>;
export type Notice = keyof typeof NOTICES;

/** The status message named in the query string after a form (never free text from the URL). */
export function noticeOf(c: Ctx): string | undefined {
  const key = c.req.query("notice");
  return key && key in NOTICES ? c.var.t(NOTICES[key as Notice]) : undefined;
}

export function withNotice(path: string, notice: Notice): string {
  return `${path}${path.includes("?") ? "&" : "?"}notice=${notice}`;
}
