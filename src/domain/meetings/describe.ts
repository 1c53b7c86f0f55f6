import type { MeetingPlace } from "../../db/schema/groups.js";
import type { Translate } from "../../i18n/index.js";

export interface PlaceFacts {
  place: MeetingPlace;
  location: string;
  onlineUrl: string;
}

/**
 * Where a meeting takes place, in one line of text: "Head office — Brussels (Salle du conseil)",
 * "Online", "Site visit: rue …". The online link is added only when `withLink` (people who may
 * join); public pages and feeds never carry it.
 */
export function placeLine(
  t: Translate,
  meeting: PlaceFacts,
  office: { name: string; city: string } | null,
  withLink: boolean,
): string {
  const where = office ? `${office.name}, ${office.city}` : "";
  const room = meeting.location.trim();
  switch (meeting.place) {
    case "office":
    case "head_office": {
      const kind = t(meeting.place === "office" ? "meetings.place_office" : "meetings.place_head_office");
      const base = where ? `${kind} — ${where}` : kind;
      return room ? `${base} (${room})` : base;
    }
    case "site_visit":
      return room
        ? t("meetings.labelled", { label: t("meetings.place_site_visit"), value: room })
        : t("meetings.place_site_visit");
    case "online":
      return withLink && meeting.onlineUrl
        ? t("meetings.labelled", { label: t("meetings.place_online"), value: meeting.onlineUrl })
        : t("meetings.place_online");
  }
}
