import type { AnyRoute } from "../routing.js";
import { attendanceRoutes } from "./meetings/attendance.js";
import { calendarRoutes } from "./meetings/calendar.js";
import { meetingFormRoutes } from "./meetings/form.js";
import { meetingListRoutes } from "./meetings/list.js";
import { minutesRoutes } from "./meetings/minutes.js";
import { meetingPageRoutes } from "./meetings/page.js";

/** Meetings of working groups: planning, registration, attendance, minutes, calendar feeds. */
export const meetingsRoutes: AnyRoute[] = [
  ...meetingListRoutes,
  ...meetingFormRoutes,
  ...meetingPageRoutes,
  ...attendanceRoutes,
  ...minutesRoutes,
  ...calendarRoutes,
];
