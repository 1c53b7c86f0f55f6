import { z } from "zod";
import type { GroupContext } from "../../../commands/groups/load.js";
import {
  decideRequest,
  inviteToGroup,
  removeMember,
  type MembershipOutcome,
} from "../../../commands/groups/membership.js";
import { defaultLanguageOf, groupPeople, type GroupPerson } from "../../../commands/groups/read.js";
import type { Locale } from "../../../i18n/locales.js";
import { ErrorSummary, Form, SubmitButton, TextField } from "../../components/form.js";
import { pickLabel } from "../../components/labels.js";
import { renderPage } from "../../components/layout.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute } from "../../routing.js";
import { errorMessage, field, parseForm, type FieldErrors } from "../../validation.js";
import { actorId, langOf, Moment } from "../cycles/shared.js";
import { GroupNav, groupPath, groupTitle, loadGroup, UUID } from "./shared.js";
import { groupNoticeOf, MEMBERSHIP_PROBLEM, ROLE_LABEL, withGroupNotice, type GroupNotice } from "./parts.js";

interface FormState {
  values: Record<string, string>;
  errors?: FieldErrors;
}

function College({ c, person, defaultLanguage }: { c: Ctx; person: GroupPerson; defaultLanguage?: Locale }) {
  if (!person.collegeLabels) return <>{c.var.t("groups.unknownCollege")}</>;
  const label = pickLabel(person.collegeLabels, c.var.locale, defaultLanguage, person.collegeKey ?? "");
  return <span lang={label.lang}>{label.text}</span>;
}

function membersPath(c: Ctx, context: GroupContext, rest = "") {
  return groupPath(c, context.group.id, `/members${rest}`);
}

async function membersPage(c: Ctx, context: GroupContext, state: FormState, status: 200 | 409 | 422 = 200) {
  const { t } = c.var;
  const db = c.var.deps.db;
  const [picked, people, defaultLanguage] = await Promise.all([
    groupTitle(c, context),
    groupPeople(db, context.group.id),
    defaultLanguageOf(db, context.facts.organisationIds),
  ]);
  const title = t("groups.membersTitle", { title: picked.value.title });
  const requests = people.filter((p) => p.status === "requested");
  const invited = people.filter((p) => p.status === "invited");
  const active = people.filter((p) => p.status === "active");
  return renderPage(
    c,
    {
      title,
      notice: status === 200 ? groupNoticeOf(c) : undefined,
      children: (
        <>
          <h1>
            {t("groups.membersHeading")} <span lang={langOf(c, picked)}>{picked.value.title}</span>
          </h1>
          <GroupNav c={c} context={context} current="members" />
          <ErrorSummary c={c} errors={state.errors} labels={{ email: t("groups.personEmail") }} />

          <h2>{t("groups.requestsTitle")}</h2>
          {requests.length === 0 ? (
            <p>{t("groups.noRequests")}</p>
          ) : (
            <div class="table-wrap" role="region" aria-label={t("groups.requestsTitle")} tabindex={0}>
              <table>
                <caption>{t("groups.requestsTitle")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("groups.person")}</th>
                    <th scope="col">{t("groups.college")}</th>
                    <th scope="col">{t("groups.since")}</th>
                    <th scope="col">{t("common.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {requests.map((p) => (
                    <tr>
                      <th scope="row">{p.name}</th>
                      <td>
                        <College c={c} person={p} defaultLanguage={defaultLanguage} />
                      </td>
                      <td>
                        <Moment c={c} at={p.since} />
                      </td>
                      <td>
                        <ul class="actions-list">
                          <li>
                            <Form c={c} action={membersPath(c, context, `/${p.personId}/accept`)} class="inline">
                              <button type="submit" aria-label={t("groups.acceptRequestOf", { name: p.name })}>
                                {t("groups.acceptRequest")}
                              </button>
                            </Form>
                          </li>
                          <li>
                            <Form c={c} action={membersPath(c, context, `/${p.personId}/decline`)} class="inline">
                              <button
                                type="submit"
                                class="secondary"
                                aria-label={t("groups.declineRequestOf", { name: p.name })}
                              >
                                {t("groups.declineRequest")}
                              </button>
                            </Form>
                          </li>
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          <h2>{t("groups.inviteTitle")}</h2>
          <Form c={c} action={membersPath(c, context, "/invite")}>
            <TextField
              c={c}
              type="email"
              name="email"
              label={t("groups.personEmail")}
              hint={t("groups.inviteHint")}
              autocomplete="off"
              required
              errors={state.errors}
              values={state.values}
            />
            <SubmitButton label={t("groups.invite")} />
          </Form>

          <h2>{t("groups.invitationsTitle")}</h2>
          {invited.length === 0 ? (
            <p>{t("groups.noInvitations")}</p>
          ) : (
            <ul>
              {invited.map((p) => (
                <li>
                  {p.name} — {t("groups.invitedOn")} <Moment c={c} at={p.since} />
                </li>
              ))}
            </ul>
          )}

          <h2>{t("groups.activeTitle")}</h2>
          {active.length === 0 ? (
            <p>{t("groups.noParticipants")}</p>
          ) : (
            <div class="table-wrap" role="region" aria-label={t("groups.activeTitle")} tabindex={0}>
              <table>
                <caption>{t("groups.activeTitle")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("groups.person")}</th>
                    <th scope="col">{t("groups.role")}</th>
                    <th scope="col">{t("groups.college")}</th>
                    <th scope="col">{t("common.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {active.map((p) => (
                    <tr>
                      <th scope="row">{p.name}</th>
                      <td>{t(ROLE_LABEL[p.role])}</td>
                      <td>
                        <College c={c} person={p} defaultLanguage={defaultLanguage} />
                      </td>
                      <td>
                        {p.role !== "participant" ? (
                          t("groups.roleByCycleTeam")
                        ) : (
                          <Form c={c} action={membersPath(c, context, `/${p.personId}/remove`)} class="inline">
                            <button
                              type="submit"
                              class="danger"
                              aria-label={t("groups.removeMemberOf", { name: p.name })}
                            >
                              {t("groups.removeMember")}
                            </button>
                          </Form>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ),
    },
    status,
  );
}

const inviteSchema = z.object({ email: field.email() });

function afterDecision(c: Ctx, context: GroupContext, outcome: MembershipOutcome, notice: GroupNotice) {
  if (outcome.ok) return c.redirect(withGroupNotice(membersPath(c, context), notice), 303);
  return membersPage(
    c,
    context,
    { values: {}, errors: { _form: errorMessage(MEMBERSHIP_PROBLEM[outcome.reason]) } },
    409,
  );
}

const personParam = (c: Ctx) => c.req.param("personId") ?? "";

export const groupMembersRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: `/groups/:groupId${UUID}/members`,
    action: "group.members_manage",
    load: loadGroup,
    handler: (c, context) => membersPage(c, context, { values: {} }),
  }),
  route({
    method: "POST",
    path: `/groups/:groupId${UUID}/members/invite`,
    action: "group.members_manage",
    load: loadGroup,
    async handler(c, context) {
      const body = await c.req.parseBody();
      const form = parseForm(inviteSchema, body);
      if (!form.ok) return membersPage(c, context, { values: form.values, errors: form.errors }, 422);
      const { db, mailer, logger, env } = c.var.deps;
      const outcome = await inviteToGroup(
        db,
        { mailer, logger, baseUrl: env.baseUrl },
        actorId(c),
        context,
        form.data.email,
      );
      if (!outcome.ok) {
        const reason = outcome.reason === "not_member" ? "groups.notAMember" : MEMBERSHIP_PROBLEM[outcome.reason];
        return membersPage(
          c,
          context,
          { values: { email: form.data.email }, errors: { email: errorMessage(reason) } },
          409,
        );
      }
      return c.redirect(withGroupNotice(membersPath(c, context), outcome.mailed ? "invited" : "invitedNoMail"), 303);
    },
  }),
  route({
    method: "POST",
    path: `/groups/:groupId${UUID}/members/:personId${UUID}/accept`,
    action: "group.members_manage",
    load: loadGroup,
    async handler(c, context) {
      const outcome = await decideRequest(c.var.deps.db, actorId(c), context, personParam(c), "accept");
      return afterDecision(c, context, outcome, "accepted");
    },
  }),
  route({
    method: "POST",
    path: `/groups/:groupId${UUID}/members/:personId${UUID}/decline`,
    action: "group.members_manage",
    load: loadGroup,
    async handler(c, context) {
      const outcome = await decideRequest(c.var.deps.db, actorId(c), context, personParam(c), "decline");
      return afterDecision(c, context, outcome, "declined");
    },
  }),
  route({
    method: "POST",
    path: `/groups/:groupId${UUID}/members/:personId${UUID}/remove`,
    action: "group.members_manage",
    load: loadGroup,
    async handler(c, context) {
      const outcome = await removeMember(c.var.deps.db, actorId(c), context, personParam(c));
      return afterDecision(c, context, outcome, "removed");
    },
  }),
];
