import { MEETING_PLACES, type MeetingPlace } from "../../db/schema/groups.js";

/** Longest accepted values of a meeting's place fields. */
export const PLACE_LIMITS = { location: 300, onlineUrl: 500 } as const;

export interface PlaceInput {
  place: string;
  officeId: string;
  location: string;
  onlineUrl: string;
}

/** An office the group may meet in: one of its organisations' offices. */
export interface OfficeChoice {
  id: string;
  isHeadOffice: boolean;
}

export type PlaceProblem =
  | "invalid_place"
  | "office_required"
  | "unknown_office"
  | "head_office_required"
  | "not_a_head_office"
  | "address_required"
  | "link_required"
  | "link_not_https"
  | "link_only_online"
  | "too_long";

export interface Place {
  place: MeetingPlace;
  officeId: string | null;
  location: string;
  onlineUrl: string;
}

export type PlaceResult =
  { ok: true; value: Place } | { ok: false; problems: Partial<Record<keyof PlaceInput, PlaceProblem>> };

/** An absolute https address with a host, and nothing that could carry a script or a password. */
export function isHttpsLink(value: string): boolean {
  if (/\s/.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === "https:" && url.hostname !== "" && url.username === "" && url.password === "";
}

/**
 * Checks where a meeting takes place: an office of the group's organisations, a head office (the
 * only one when there is one, else the one chosen), a site visit with its address, or online with
 * an https link. A link is refused for any other place, so that it never leaks into a public page.
 */
export function readPlace(input: PlaceInput, offices: readonly OfficeChoice[]): PlaceResult {
  const problems: Partial<Record<keyof PlaceInput, PlaceProblem>> = {};
  const place = MEETING_PLACES.find((p) => p === input.place.trim());
  const officeId = input.officeId.trim();
  const location = input.location.trim();
  const onlineUrl = input.onlineUrl.trim();
  if (location.length > PLACE_LIMITS.location) problems.location = "too_long";
  if (onlineUrl.length > PLACE_LIMITS.onlineUrl) problems.onlineUrl = "too_long";
  if (!place) {
    problems.place = "invalid_place";
    return { ok: false, problems };
  }
  let office: string | null = null;
  if (place === "office") {
    if (officeId === "") problems.officeId = "office_required";
    else if (!offices.some((o) => o.id === officeId)) problems.officeId = "unknown_office";
    else office = officeId;
  } else if (place === "head_office") {
    const heads = offices.filter((o) => o.isHeadOffice);
    if (officeId === "") {
      if (heads.length === 1) office = heads[0]!.id;
      else problems.officeId = "head_office_required";
    } else if (!offices.some((o) => o.id === officeId)) problems.officeId = "unknown_office";
    else if (!heads.some((o) => o.id === officeId)) problems.officeId = "not_a_head_office";
    else office = officeId;
  }
  if (place === "site_visit" && location === "" && !problems.location) problems.location = "address_required";
  if (place === "online") {
    if (onlineUrl === "") problems.onlineUrl = "link_required";
    else if (!problems.onlineUrl && !isHttpsLink(onlineUrl)) problems.onlineUrl = "link_not_https";
  } else if (onlineUrl !== "" && !problems.onlineUrl) problems.onlineUrl = "link_only_online";
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, value: { place, officeId: office, location, onlineUrl: place === "online" ? onlineUrl : "" } };
}
