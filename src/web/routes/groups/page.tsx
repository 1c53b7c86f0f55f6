import { z } from "zod";
import { findCycleById, listThemes, type Cycle } from "../../../commands/cycles/read.js";
import type { GroupContext } from "../../../commands/groups/load.js";
import {
  answerInvitation,
  leaveGroup,
  requestToJoin,
  type MembershipOutcome,
} from "../../../commands/groups/membership.js";
import {
  cycleGroups,
  defaultLanguageOf,
  groupPeople,
  nextMeetings,
  organisationNames,
  type GroupPerson,
} from "../../../commands/groups/read.js";
import { countByCollege, LEADING_ROLES } from "../../../domain/groups/rules.js";
import { formatNumber } from "../../../i18n/format.js";
import type { Locale } from "../../../i18n/locales.js";
import { can } from "../../../policies/can.js";
import { ErrorSummary, Form } from "../../components/form.js";
import { pickLabel } from "../../components/labels.js";
import { renderPage } from "../../components/layout.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute } from "../../routing.js";
import { errorMessage, field, parseForm, type FieldErrors } from "../../validation.js";
import {
  cyclePath,
  cycleResource,
  cycleTitle,
  langOf,
  loadCycle,
  Moment,
  TextParagraphs,
  themeText,
} from "../cycles/shared.js";
import { GroupNav, groupPath, groupTitle, loadGroup, personIdOf, UUID } from "./shared.js";
import {
  adminGroupPath,
  GroupDates,
  groupNoticeOf,
  MEMBERSHIP_PROBLEM,
  ROLE_LABEL,
  scopeLabel,
  withGroupNotice,
} from "./parts.js";

async function cycleOf(c: Ctx, context: GroupContext): Promise<Cycle> {
  const cycle = await findCycleById(c.var.deps.db, context.cycle.id);
  if (!cycle) throw new Error("the cycle of a loaded group vanished");
  return cycle;
}

/** What the actor can do about their own place in the group, with the form for it. */
function ParticipationBox({ c, context, people }: { c: Ctx; context: GroupContext; people: GroupPerson[] }) {
  const { t, actor, locale } = c.var;
  const facts = { type: "group" as const, ...context.facts };
  const here = groupPath(c, context.group.id);
  const own = actor.kind === "person" ? people.find((p) => p.personId === actor.personId) : undefined;
  let content;
  if (actor.kind === "visitor") {
    content = context.group.openToRequests ? (
      <p>
        <a href={`/${locale}/sign-in?next=${encodeURIComponent(here)}`}>{t("groups.signInToJoin")}</a>
      </p>
    ) : (
      <p>{t("groups.closedToRequests")}</p>
    );
  } else if (context.facts.groupRole !== null) {
    content = (
      <>
        <p>{t("groups.youTakePart", { role: t(ROLE_LABEL[context.facts.groupRole]) })}</p>
        {context.facts.groupRole === "facilitator" ? (
          <p class="hint">{t("groups.facilitatorCannotLeave")}</p>
        ) : (
          <Form c={c} action={groupPath(c, context.group.id, "/leave")}>
            <div class="actions">
              <button type="submit" class="secondary">
                {t("groups.leave")}
              </button>
            </div>
          </Form>
        )}
      </>
    );
  } else if (can(actor, "group.answer_invitation", facts)) {
    content = (
      <>
        <p>{t("groups.youAreInvited")}</p>
        <Form c={c} action={groupPath(c, context.group.id, "/invitation")}>
          <div class="actions">
            <button type="submit" name="answer" value="accept">
              {t("groups.acceptInvitation")}
            </button>{" "}
            <button type="submit" name="answer" value="decline" class="secondary">
              {t("groups.declineInvitation")}
            </button>
          </div>
        </Form>
      </>
    );
  } else if (context.facts.pending === "requested") {
    content = <p>{t("groups.requestWaiting")}</p>;
  } else if (can(actor, "group.request_join", facts)) {
    content = (
      <>
        {own && own.status === "declined" && <p>{t("groups.askAgain")}</p>}
        <Form c={c} action={groupPath(c, context.group.id, "/join")}>
          <div class="actions">
            <button type="submit">{t("groups.askToJoin")}</button>
          </div>
        </Form>
      </>
    );
  } else if (!context.group.openToRequests) {
    content = <p>{t("groups.closedToRequests")}</p>;
  } else {
    content = <p>{t("groups.onlyMembersJoin")}</p>;
  }
  return (
    <section aria-labelledby="participation-title">
      <h2 id="participation-title">{t("groups.participationTitle")}</h2>
      {content}
    </section>
  );
}

function ParticipantsTable({
  c,
  people,
  defaultLanguage,
}: {
  c: Ctx;
  people: GroupPerson[];
  defaultLanguage: Locale | undefined;
}) {
  const { t, locale } = c.var;
  const active = people.filter((p) => p.status === "active");
  if (active.length === 0) return <p>{t("groups.noParticipants")}</p>;
  const order = [...new Map(active.map((p) => [p.collegeKey ?? "", p.collegePosition])).entries()]
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .map(([key]) => key);
  const labels = new Map(active.map((p) => [p.collegeKey ?? "", p.collegeLabels]));
  const counts = countByCollege(
    active.map((p) => ({ collegeId: p.collegeKey ?? "", name: p.name, named: p.named })),
    order,
  );
  const caption = t("groups.participantsByCollege");
  return (
    <div class="table-wrap" role="region" aria-label={caption} tabindex={0}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("groups.college")}</th>
            <th scope="col" class="number">
              {t("groups.participants")}
            </th>
            <th scope="col">{t("groups.namedParticipants")}</th>
          </tr>
        </thead>
        <tbody>
          {counts.map((row) => {
            const collegeLabels = labels.get(row.collegeId ?? "");
            const label = collegeLabels
              ? pickLabel(collegeLabels, locale, defaultLanguage, row.collegeId ?? "")
              : { text: t("groups.unknownCollege"), lang: undefined };
            const hidden = row.count - row.names.length;
            return (
              <tr>
                <th scope="row" lang={label.lang}>
                  {label.text}
                </th>
                <td class="number">{formatNumber(locale, row.count)}</td>
                <td>
                  {row.names.join(", ")}
                  {row.names.length > 0 && hidden > 0 && " — "}
                  {hidden > 0 && t("groups.notNamed", { count: hidden })}
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("groups.total")}</th>
            <td class="number">{formatNumber(locale, active.length)}</td>
            <td></td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

async function groupPage(c: Ctx, context: GroupContext, errors?: FieldErrors, status: 200 | 409 | 422 = 200) {
  const { t, locale, actor } = c.var;
  const db = c.var.deps.db;
  const [cycle, picked, people, meetings, names, defaultLanguage] = await Promise.all([
    cycleOf(c, context),
    groupTitle(c, context),
    groupPeople(db, context.group.id),
    nextMeetings(db, context.group.id),
    organisationNames(db, context.facts.organisationIds),
    defaultLanguageOf(db, context.facts.organisationIds),
  ]);
  const group = context.group;
  const title = picked.value.title;
  const facts = { type: "group" as const, ...context.facts };
  const cycleName = cycleTitle(cycle, locale);
  const leaders = LEADING_ROLES.map((role) => ({
    role,
    names: people.filter((p) => p.status === "active" && p.role === role).map((p) => p.name),
  }));
  return renderPage(
    c,
    {
      title,
      notice: status === 200 ? groupNoticeOf(c) : undefined,
      children: (
        <>
          <p class="breadcrumb">
            <a href={cyclePath(c, cycle, "/groups")}>{t("groups.cycleGroupsTitle", { name: cycleName.value.title })}</a>
          </p>
          <h1 lang={langOf(c, picked)}>{title}</h1>
          <GroupNav c={c} context={context} current="overview" />
          <ErrorSummary c={c} errors={errors} labels={{}} />
          {can(actor, "group.manage", facts) && (
            <p>
              <a href={adminGroupPath(c, group.id)}>{t("groups.editThisGroup")}</a>
            </p>
          )}
          <dl class="facts">
            <dt>{t("groups.cycle")}</dt>
            <dd>
              <a href={cyclePath(c, cycle)} lang={langOf(c, cycleName)}>
                {cycleName.value.title}
              </a>
            </dd>
            <dt>{t("groups.scope")}</dt>
            <dd>{group.organisationId ? names.join(", ") : scopeLabel(c, null, names)}</dd>
            <dt>{t("groups.dates")}</dt>
            <dd>
              <GroupDates c={c} group={group} />
            </dd>
          </dl>
          {group.description.trim() !== "" && (
            <TextParagraphs
              text={group.description}
              lang={cycle.sourceLanguage === locale ? undefined : cycle.sourceLanguage}
            />
          )}
          <h2>{t("groups.leadersTitle")}</h2>
          <dl class="facts">
            {leaders.map((l) => (
              <>
                <dt>{t(ROLE_LABEL[l.role])}</dt>
                <dd>{l.names.length > 0 ? l.names.join(", ") : t("groups.notNamedYet")}</dd>
              </>
            ))}
          </dl>
          <h2>{t("groups.participantsTitle")}</h2>
          <p class="hint">{t("groups.participantsHint")}</p>
          <ParticipantsTable c={c} people={people} defaultLanguage={defaultLanguage} />
          <h2>{t("groups.nextMeetings")}</h2>
          {meetings.length === 0 ? (
            <p>{t("groups.noNextMeetings")}</p>
          ) : (
            <ul>
              {meetings.map((m) => (
                <li>
                  <a href={`/${locale}/meetings/${m.id}`}>{m.title}</a> — <Moment c={c} at={m.startsAt} />
                </li>
              ))}
            </ul>
          )}
          <ParticipationBox c={c} context={context} people={people} />
        </>
      ),
    },
    status,
  );
}

async function cycleGroupsPage(c: Ctx, cycle: Cycle) {
  const { t, locale, actor } = c.var;
  const db = c.var.deps.db;
  const [groups, themes] = await Promise.all([cycleGroups(db, cycle.id), listThemes(db, cycle.id)]);
  const name = cycleTitle(cycle, locale);
  const title = t("groups.cycleGroupsTitle", { name: name.value.title });
  const allNames = cycle.organisations.map((o) => o.name);
  return renderPage(c, {
    title,
    children: (
      <>
        <p class="breadcrumb">
          <a href={cyclePath(c, cycle)} lang={langOf(c, name)}>
            {name.value.title}
          </a>
        </p>
        <h1>{title}</h1>
        {can(actor, "group.create", cycleResource(cycle)) && (
          <p>
            <a href={`/${locale}/admin/cycles/${cycle.slug}/groups`}>{t("groups.manageGroups")}</a>
          </p>
        )}
        {groups.length === 0 ? (
          <p>{t("groups.noGroups")}</p>
        ) : (
          <div class="table-wrap" role="region" aria-label={title} tabindex={0}>
            <table>
              <caption>{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("groups.group")}</th>
                  <th scope="col">{t("groups.scope")}</th>
                  <th scope="col">{t("groups.dates")}</th>
                  <th scope="col" class="number">
                    {t("groups.participants")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {groups.map(({ group, organisationName, participants }) => {
                  const theme = themes.find((th) => th.id === group.themeId);
                  const picked = theme ? themeText(theme, locale) : null;
                  return (
                    <tr>
                      <th scope="row">
                        <a href={groupPath(c, group.id)} lang={picked ? langOf(c, picked) : undefined}>
                          {picked?.value.title ?? group.key}
                        </a>
                      </th>
                      <td>{scopeLabel(c, organisationName, allNames)}</td>
                      <td>
                        <GroupDates c={c} group={group} />
                      </td>
                      <td class="number">{formatNumber(locale, participants)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </>
    ),
  });
}

/** A refused change of the actor's own place: the group page again, with the reason. */
function afterChange(
  c: Ctx,
  context: GroupContext,
  outcome: MembershipOutcome,
  notice: Parameters<typeof withGroupNotice>[1],
) {
  if (outcome.ok) return c.redirect(withGroupNotice(groupPath(c, context.group.id), notice), 303);
  return groupPage(c, context, { _form: errorMessage(MEMBERSHIP_PROBLEM[outcome.reason]) }, 409);
}

/** The signed-in person acting; can() has refused visitors before any handler below runs. */
function self(c: Ctx): string {
  const id = personIdOf(c);
  if (!id) throw new Error("a group membership handler ran without a signed-in person");
  return id;
}

const answerSchema = z.object({ answer: field.choice(["accept", "decline"] as const) });

export const publicGroupRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: "/cycles/:slug/groups",
    action: "site.view",
    load: loadCycle,
    handler: (c, cycle) => cycleGroupsPage(c, cycle),
  }),
  route({
    method: "GET",
    path: `/groups/:groupId${UUID}`,
    action: "group.view",
    load: loadGroup,
    handler: (c, context) => groupPage(c, context),
  }),
  route({
    method: "POST",
    path: `/groups/:groupId${UUID}/join`,
    action: "group.request_join",
    load: loadGroup,
    async handler(c, context) {
      const outcome = await requestToJoin(c.var.deps.db, context, self(c));
      return afterChange(c, context, outcome, "requested");
    },
  }),
  route({
    method: "POST",
    path: `/groups/:groupId${UUID}/invitation`,
    action: "group.answer_invitation",
    load: loadGroup,
    async handler(c, context) {
      const form = parseForm(answerSchema, await c.req.parseBody());
      if (!form.ok) return groupPage(c, context, { _form: errorMessage("groups.chooseAnswer") }, 422);
      const outcome = await answerInvitation(c.var.deps.db, context, self(c), form.data.answer);
      return afterChange(c, context, outcome, form.data.answer === "accept" ? "joined" : "invitationDeclined");
    },
  }),
  route({
    method: "POST",
    path: `/groups/:groupId${UUID}/leave`,
    action: "group.participate",
    load: loadGroup,
    async handler(c, context) {
      const outcome = await leaveGroup(c.var.deps.db, context, self(c));
      return afterChange(c, context, outcome, "left");
    },
  }),
];
