import type { GroupContext } from "../../../commands/groups/load.js";
import type { GroupRole } from "../../../db/schema/index.js";
import type { MembershipRefusal } from "../../../domain/groups/rules.js";
import type { MessageKey } from "../../../i18n/index.js";
import type { Ctx } from "../../context.js";
import { DateRange, Day } from "../cycles/shared.js";

export const ROLE_LABEL: Record<GroupRole, MessageKey> = {
  facilitator: "groups.role_facilitator",
  referent: "groups.role_referent",
  secretary: "groups.role_secretary",
  participant: "groups.role_participant",
};

/** Why a change of someone's place in a group was refused, for the person who tried. */
export const MEMBERSHIP_PROBLEM: Record<MembershipRefusal | "not_member", MessageKey> = {
  already_active: "groups.problemAlreadyActive",
  already_invited: "groups.problemAlreadyInvited",
  already_requested: "groups.problemAlreadyRequested",
  not_invited: "groups.problemNotInvited",
  no_request: "groups.problemNoRequest",
  not_active: "groups.problemNotActive",
  facilitator_must_be_replaced: "groups.problemFacilitatorLeaves",
  holds_role: "groups.problemHoldsRole",
  not_member: "groups.problemNotMember",
};

const NOTICES = {
  created: "groups.noticeCreated",
  saved: "common.saved",
  roleAssigned: "groups.noticeRoleAssigned",
  roleRemoved: "groups.noticeRoleRemoved",
  requested: "groups.noticeRequested",
  joined: "groups.noticeJoined",
  invitationDeclined: "groups.noticeInvitationDeclined",
  left: "groups.noticeLeft",
  accepted: "groups.noticeAccepted",
  declined: "groups.noticeDeclined",
  invited: "groups.noticeInvited",
  invitedNoMail: "groups.noticeInvitedNoMail",
  removed: "groups.noticeRemoved",
} as const satisfies Record<string, MessageKey>;
export type GroupNotice = keyof typeof NOTICES;

export function groupNoticeOf(c: Ctx): string | undefined {
  const key = c.req.query("notice");
  return key && key in NOTICES ? c.var.t(NOTICES[key as GroupNotice]) : undefined;
}

export function withGroupNotice(path: string, notice: GroupNotice): string {
  return `${path}${path.includes("?") ? "&" : "?"}notice=${notice}`;
}

export function adminGroupPath(c: Ctx, groupId: string, rest = ""): string {
  return `/${c.var.locale}/admin/groups/${groupId}${rest}`;
}

/** Where a group works: its organisation, or every organisation of its cycle (binational). */
export function scopeLabel(c: Ctx, organisationName: string | null, allNames: string[]): string {
  const { t } = c.var;
  if (organisationName) return organisationName;
  return allNames.length > 0
    ? t("groups.binationalWith", { organisations: allNames.join(", ") })
    : t("groups.binational");
}

/** The group's dates, or a word saying they are not set. */
export function GroupDates({ c, group }: { c: Ctx; group: GroupContext["group"] }) {
  const { t } = c.var;
  if (group.startsOn && group.endsOn) return <DateRange c={c} from={group.startsOn} to={group.endsOn} />;
  if (group.startsOn)
    return (
      <>
        {t("groups.from")} <Day c={c} iso={group.startsOn} />
      </>
    );
  if (group.endsOn)
    return (
      <>
        {t("groups.until")} <Day c={c} iso={group.endsOn} />
      </>
    );
  return <>{t("groups.noDates")}</>;
}
