import { z } from "zod";
import { findCycleById, listThemes, type Cycle, type Theme } from "../../../commands/cycles/read.js";
import {
  assignGroupRole,
  createGroup,
  type AssignRoleRefusal,
  GROUP_THEME_STATUSES,
  removeGroupRole,
  updateGroup,
  type GroupInput,
  type SaveGroupRefusal,
} from "../../../commands/groups/admin.js";
import type { GroupContext, WorkingGroup } from "../../../commands/groups/load.js";
import { cycleGroups, groupPeople, organisationNames } from "../../../commands/groups/read.js";
import { checkGroupDates, GROUP_KEY, LEADING_ROLES, parseEuros } from "../../../domain/groups/rules.js";
import { formatNumber } from "../../../i18n/format.js";
import type { MessageKey } from "../../../i18n/index.js";
import {
  CheckboxField,
  ErrorSummary,
  Form,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
} from "../../components/form.js";
import { renderPage } from "../../components/layout.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute } from "../../routing.js";
import { errorMessage, field, parseForm, type FieldErrors } from "../../validation.js";
import {
  actorId,
  adminCyclePath,
  CycleAdminNav,
  formBody,
  langOf,
  loadCycle,
  STATUS_LABEL,
  textValues,
  themeText,
} from "../cycles/shared.js";
import { groupPath, loadGroup, UUID } from "./shared.js";
import {
  adminGroupPath,
  GroupDates,
  groupNoticeOf,
  ROLE_LABEL,
  scopeLabel,
  withGroupNotice,
  type GroupNotice,
} from "./parts.js";

const LIMITS = { key: 63, description: 5_000 } as const;

interface FormState {
  values: Record<string, string>;
  errors?: FieldErrors;
}

const groupSchema = z.object({
  themeId: z
    .string({ error: errorMessage("errors.required") })
    .trim()
    .min(1, { error: errorMessage("groups.chooseTheme") })
    .max(100, { error: errorMessage("errors.invalidChoice") }),
  organisationId: z
    .string()
    .trim()
    .max(100, { error: errorMessage("errors.invalidChoice") })
    .optional()
    .transform((v) => v ?? ""),
  key: z
    .string({ error: errorMessage("errors.required") })
    .trim()
    .min(1, { error: errorMessage("errors.required") })
    .max(LIMITS.key, { error: errorMessage("groups.invalidKey") })
    .regex(GROUP_KEY, { error: errorMessage("groups.invalidKey") }),
  description: field.optionalText(LIMITS.description),
  startsOn: field.optionalText(20),
  endsOn: field.optionalText(20),
  minutesVisibility: field.choice(["members", "public"] as const),
  openToRequests: field.checkbox(),
  budgetAllocated: field.optionalText(40),
});

const EUROS_PROBLEM = {
  empty: "groups.budgetRequired",
  invalid: "groups.budgetInvalid",
  negative: "groups.budgetNegative",
  too_large: "groups.budgetTooLarge",
} as const satisfies Record<string, MessageKey>;

const SAVE_REFUSAL: Record<SaveGroupRefusal, [string, MessageKey]> = {
  unknown_theme: ["themeId", "groups.unknownTheme"],
  theme_not_selected: ["themeId", "groups.themeNotSelected"],
  organisation_not_in_cycle: ["organisationId", "errors.invalidChoice"],
  key_taken: ["key", "groups.keyTaken"],
};

const ROLE_REFUSAL: Record<AssignRoleRefusal, [string, MessageKey]> = {
  not_member: ["email", "groups.notAMember"],
  not_board_member: ["email", "groups.notABoardMember"],
  referents_full: ["role", "groups.referentsFull"],
};

function eligible(theme: Theme): boolean {
  return (GROUP_THEME_STATUSES as readonly string[]).includes(theme.status);
}

/** Checks the whole form; every problem is reported at once, nothing is saved on any. */
function parseGroupForm(
  body: Record<string, string | string[]>,
  cycle: Cycle,
  themes: Theme[],
): { ok: true; input: GroupInput } | { ok: false; errors: FieldErrors } {
  const form = parseForm(groupSchema, body);
  const errors: FieldErrors = form.ok ? {} : { ...form.errors };
  const raw = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : "");

  const themeId = raw("themeId").trim();
  if (themeId !== "" && !errors.themeId) {
    const theme = themes.find((t) => t.id === themeId);
    if (!theme) errors.themeId = errorMessage("groups.unknownTheme");
    else if (!eligible(theme)) errors.themeId = errorMessage("groups.themeNotSelected");
  }
  const scope = raw("organisationId").trim();
  if (scope !== "" && !cycle.organisations.some((o) => o.id === scope))
    errors.organisationId = errorMessage("errors.invalidChoice");
  const dates = checkGroupDates(raw("startsOn"), raw("endsOn"));
  if (!dates.ok) {
    if (dates.startsOn) errors.startsOn ??= errorMessage("groups.invalidDate");
    if (dates.endsOn)
      errors.endsOn ??= errorMessage(dates.endsOn === "before_start" ? "groups.endBeforeStart" : "groups.invalidDate");
  }
  const budget = parseEuros(raw("budgetAllocated"));
  if (!budget.ok) errors.budgetAllocated ??= errorMessage(EUROS_PROBLEM[budget.problem]);

  if (!form.ok || !dates.ok || !budget.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      themeId: form.data.themeId,
      organisationId: scope === "" ? null : scope,
      key: form.data.key,
      description: form.data.description,
      startsOn: dates.startsOn,
      endsOn: dates.endsOn,
      minutesVisibility: form.data.minutesVisibility,
      openToRequests: form.data.openToRequests,
      budgetAllocated: budget.value,
    },
  };
}

function groupLabels(c: Ctx): Record<string, string> {
  const { t } = c.var;
  return {
    themeId: t("groups.theme"),
    organisationId: t("groups.scope"),
    key: t("groups.key"),
    description: t("groups.description"),
    startsOn: t("groups.startsOn"),
    endsOn: t("groups.endsOn"),
    minutesVisibility: t("groups.minutesVisibility"),
    budgetAllocated: t("groups.budgetAllocated"),
    role: t("groups.role"),
    email: t("groups.personEmail"),
  };
}

function GroupFields({ c, cycle, themes, state }: { c: Ctx; cycle: Cycle; themes: Theme[]; state: FormState }) {
  const { t, locale } = c.var;
  return (
    <>
      <SelectField
        c={c}
        name="themeId"
        label={t("groups.theme")}
        hint={t("groups.themeHint")}
        required
        emptyLabel={t("groups.chooseThemeOption")}
        errors={state.errors}
        values={state.values}
        options={themes.filter(eligible).map((theme) => ({
          value: theme.id,
          label: `${themeText(theme, locale).value.title} (${t(STATUS_LABEL[theme.status])})`,
        }))}
      />
      <SelectField
        c={c}
        name="organisationId"
        label={t("groups.scope")}
        hint={t("groups.scopeHint")}
        emptyLabel={t("groups.binational")}
        errors={state.errors}
        values={state.values}
        options={cycle.organisations.map((o) => ({ value: o.id, label: o.name }))}
      />
      <TextField
        c={c}
        name="key"
        label={t("groups.key")}
        hint={t("groups.keyHint")}
        maxlength={LIMITS.key}
        required
        errors={state.errors}
        values={state.values}
      />
      <TextAreaField
        c={c}
        name="description"
        label={t("groups.description")}
        hint={t("groups.descriptionHint")}
        maxlength={LIMITS.description}
        lang={cycle.sourceLanguage}
        errors={state.errors}
        values={state.values}
      />
      <fieldset>
        <legend>{t("groups.dates")}</legend>
        <p class="hint">{t("groups.datesHint")}</p>
        <TextField
          c={c}
          type="date"
          name="startsOn"
          label={t("groups.startsOn")}
          errors={state.errors}
          values={state.values}
        />
        <TextField
          c={c}
          type="date"
          name="endsOn"
          label={t("groups.endsOn")}
          errors={state.errors}
          values={state.values}
        />
      </fieldset>
      <SelectField
        c={c}
        name="minutesVisibility"
        label={t("groups.minutesVisibility")}
        hint={t("groups.minutesVisibilityHint")}
        required
        errors={state.errors}
        values={state.values}
        options={[
          { value: "members", label: t("groups.minutesMembers") },
          { value: "public", label: t("groups.minutesPublic") },
        ]}
      />
      <CheckboxField
        c={c}
        name="openToRequests"
        label={t("groups.openToRequests")}
        hint={t("groups.openToRequestsHint")}
        checked={state.values.openToRequests === "on"}
      />
      <TextField
        c={c}
        name="budgetAllocated"
        label={t("groups.budgetAllocated")}
        hint={t("groups.budgetHint")}
        inputmode="decimal"
        maxlength={40}
        required
        errors={state.errors}
        values={state.values}
      />
    </>
  );
}

function money(c: Ctx, amount: string): string {
  return c.var.t("groups.euros", { amount: formatNumber(c.var.locale, amount, 2) });
}

async function groupListPage(c: Ctx, cycle: Cycle) {
  const { t, locale } = c.var;
  const db = c.var.deps.db;
  const [groups, themes] = await Promise.all([cycleGroups(db, cycle.id), listThemes(db, cycle.id)]);
  const title = t("groups.adminListTitle", { name: cycle.name });
  const allNames = cycle.organisations.map((o) => o.name);
  return renderPage(c, {
    title,
    notice: groupNoticeOf(c),
    children: (
      <>
        <CycleAdminNav c={c} cycle={cycle} current="groups" />
        <h1>{title}</h1>
        <p>
          <a href={adminCyclePath(c, cycle, "/groups/new")}>{t("groups.newGroupLink")}</a>
        </p>
        {groups.length === 0 ? (
          <p>{t("groups.noGroups")}</p>
        ) : (
          <div class="table-wrap" role="region" aria-label={title} tabindex={0}>
            <table>
              <caption>{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("groups.group")}</th>
                  <th scope="col">{t("groups.key")}</th>
                  <th scope="col">{t("groups.scope")}</th>
                  <th scope="col">{t("groups.dates")}</th>
                  <th scope="col" class="number">
                    {t("groups.participants")}
                  </th>
                  <th scope="col" class="number">
                    {t("groups.budgetAllocated")}
                  </th>
                  <th scope="col">{t("groups.publicPage")}</th>
                </tr>
              </thead>
              <tbody>
                {groups.map(({ group, organisationName, participants }) => {
                  const theme = themes.find((th) => th.id === group.themeId);
                  const picked = theme ? themeText(theme, locale) : null;
                  return (
                    <tr>
                      <th scope="row">
                        <a href={adminGroupPath(c, group.id)} lang={picked ? langOf(c, picked) : undefined}>
                          {picked?.value.title ?? group.key}
                        </a>
                      </th>
                      <td>
                        <code>{group.key}</code>
                      </td>
                      <td>{scopeLabel(c, organisationName, allNames)}</td>
                      <td>
                        <GroupDates c={c} group={group} />
                      </td>
                      <td class="number">{formatNumber(locale, participants)}</td>
                      <td class="number">{money(c, group.budgetAllocated)}</td>
                      <td>
                        <a href={groupPath(c, group.id)}>
                          {t("groups.publicPageOf", { title: picked?.value.title ?? group.key })}
                        </a>
                      </td>
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

async function newGroupPage(c: Ctx, cycle: Cycle, state: FormState, status: 200 | 409 | 422 = 200) {
  const { t } = c.var;
  const themes = await listThemes(c.var.deps.db, cycle.id);
  const title = t("groups.newGroupTitle", { name: cycle.name });
  return renderPage(
    c,
    {
      title,
      children: (
        <>
          <CycleAdminNav c={c} cycle={cycle} current="groups" />
          <h1>{title}</h1>
          <ErrorSummary c={c} errors={state.errors} labels={groupLabels(c)} />
          {themes.some(eligible) ? (
            <Form c={c} action={adminCyclePath(c, cycle, "/groups/new")}>
              <GroupFields c={c} cycle={cycle} themes={themes} state={state} />
              <SubmitButton label={t("groups.createGroup")} />
            </Form>
          ) : (
            <p>{t("groups.noEligibleTheme")}</p>
          )}
          <p>
            <a href={adminCyclePath(c, cycle, "/groups")}>{t("groups.backToGroups")}</a>
          </p>
        </>
      ),
    },
    status,
  );
}

function groupValues(group: WorkingGroup): Record<string, string> {
  return {
    themeId: group.themeId,
    organisationId: group.organisationId ?? "",
    key: group.key,
    description: group.description,
    startsOn: group.startsOn ?? "",
    endsOn: group.endsOn ?? "",
    minutesVisibility: group.minutesVisibility,
    openToRequests: group.openToRequests ? "on" : "",
    budgetAllocated: group.budgetAllocated,
  };
}

interface EditState {
  group: FormState;
  role: FormState;
}

async function cycleOf(c: Ctx, context: GroupContext): Promise<Cycle> {
  const cycle = await findCycleById(c.var.deps.db, context.cycle.id);
  if (!cycle) throw new Error("the cycle of a loaded group vanished");
  return cycle;
}

async function editGroupPage(c: Ctx, context: GroupContext, state: EditState, status: 200 | 409 | 422 = 200) {
  const { t, locale } = c.var;
  const db = c.var.deps.db;
  const cycle = await cycleOf(c, context);
  const [themes, people, names] = await Promise.all([
    listThemes(db, cycle.id),
    groupPeople(db, context.group.id),
    organisationNames(db, context.facts.organisationIds),
  ]);
  const theme = themes.find((th) => th.id === context.group.themeId);
  const picked = theme ? themeText(theme, locale) : null;
  const groupName = picked?.value.title ?? context.group.key;
  const title = t("groups.editGroupTitle", { title: groupName });
  const leaders = people.filter((p) => p.status === "active" && p.role !== "participant");
  const errors = { ...state.group.errors, ...state.role.errors };
  return renderPage(
    c,
    {
      title,
      notice: status === 200 ? groupNoticeOf(c) : undefined,
      children: (
        <>
          <CycleAdminNav c={c} cycle={cycle} current="groups" />
          <h1>{title}</h1>
          <p>
            <a href={groupPath(c, context.group.id)}>{t("groups.publicPageOf", { title: groupName })}</a>
          </p>
          <ErrorSummary c={c} errors={errors} labels={groupLabels(c)} />
          <h2 id="roles">{t("groups.rolesTitle")}</h2>
          <p class="hint">{t("groups.rolesHint", { scope: names.join(", ") })}</p>
          {leaders.length === 0 ? (
            <p>{t("groups.noLeaders")}</p>
          ) : (
            <div class="table-wrap" role="region" aria-label={t("groups.rolesTitle")} tabindex={0}>
              <table>
                <caption>{t("groups.rolesTitle")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("groups.person")}</th>
                    <th scope="col">{t("groups.role")}</th>
                    <th scope="col">{t("common.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {leaders.map((p) => (
                    <tr>
                      <th scope="row">{p.name}</th>
                      <td>{t(ROLE_LABEL[p.role])}</td>
                      <td>
                        <Form
                          c={c}
                          action={adminGroupPath(c, context.group.id, `/roles/${p.personId}/remove`)}
                          class="inline"
                        >
                          <button
                            type="submit"
                            class="secondary"
                            aria-label={t("groups.removeRoleOf", { name: p.name })}
                          >
                            {t("groups.removeRole")}
                          </button>
                        </Form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h3>{t("groups.assignRole")}</h3>
          <Form c={c} action={adminGroupPath(c, context.group.id, "/roles")}>
            <SelectField
              c={c}
              name="role"
              label={t("groups.role")}
              hint={t("groups.roleHint")}
              required
              errors={state.role.errors}
              values={state.role.values}
              options={LEADING_ROLES.map((r) => ({ value: r, label: t(ROLE_LABEL[r]) }))}
            />
            <TextField
              c={c}
              type="email"
              name="email"
              label={t("groups.personEmail")}
              hint={t("groups.personEmailHint")}
              autocomplete="off"
              required
              errors={state.role.errors}
              values={state.role.values}
            />
            <SubmitButton label={t("groups.assignRole")} />
          </Form>
          <h2>{t("groups.settingsTitle")}</h2>
          <Form c={c} action={adminGroupPath(c, context.group.id)}>
            <GroupFields c={c} cycle={cycle} themes={themes} state={state.group} />
            <SubmitButton label={t("common.save")} />
          </Form>
          <p>
            <a href={adminCyclePath(c, cycle, "/groups")}>{t("groups.backToGroups")}</a>
          </p>
        </>
      ),
    },
    status,
  );
}

const NEW_DEFAULTS = { minutesVisibility: "members", openToRequests: "on", budgetAllocated: "0" };
const ROLE_DEFAULTS = { role: "facilitator" };

const roleSchema = z.object({ role: field.choice(LEADING_ROLES), email: field.email() });

function redirectTo(c: Ctx, path: string, notice: GroupNotice) {
  return c.redirect(withGroupNotice(path, notice), 303);
}

export const adminGroupRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: "/admin/cycles/:slug/groups",
    action: "group.create",
    load: loadCycle,
    handler: (c, cycle) => groupListPage(c, cycle),
  }),
  route({
    method: "GET",
    path: "/admin/cycles/:slug/groups/new",
    action: "group.create",
    load: loadCycle,
    handler: (c, cycle) => newGroupPage(c, cycle, { values: NEW_DEFAULTS }),
  }),
  route({
    method: "POST",
    path: "/admin/cycles/:slug/groups/new",
    action: "group.create",
    load: loadCycle,
    async handler(c, cycle) {
      const body = await formBody(c);
      const themes = await listThemes(c.var.deps.db, cycle.id);
      const form = parseGroupForm(body, cycle, themes);
      if (!form.ok) return newGroupPage(c, cycle, { values: textValues(body), errors: form.errors }, 422);
      const outcome = await createGroup(c.var.deps.db, actorId(c), cycle, form.input);
      if (!outcome.ok) {
        const [name, key] = SAVE_REFUSAL[outcome.reason];
        return newGroupPage(c, cycle, { values: textValues(body), errors: { [name]: errorMessage(key) } }, 409);
      }
      return redirectTo(c, adminGroupPath(c, outcome.id), "created");
    },
  }),
  route({
    method: "GET",
    path: `/admin/groups/:groupId${UUID}`,
    action: "group.manage",
    load: loadGroup,
    handler: (c, context) =>
      editGroupPage(c, context, { group: { values: groupValues(context.group) }, role: { values: ROLE_DEFAULTS } }),
  }),
  route({
    method: "POST",
    path: `/admin/groups/:groupId${UUID}`,
    action: "group.manage",
    load: loadGroup,
    async handler(c, context) {
      const body = await formBody(c);
      const cycle = await cycleOf(c, context);
      const themes = await listThemes(c.var.deps.db, cycle.id);
      const form = parseGroupForm(body, cycle, themes);
      const role = { values: ROLE_DEFAULTS };
      if (!form.ok)
        return editGroupPage(c, context, { group: { values: textValues(body), errors: form.errors }, role }, 422);
      const outcome = await updateGroup(c.var.deps.db, actorId(c), cycle, context.group, form.input);
      if (!outcome.ok) {
        const [name, key] = SAVE_REFUSAL[outcome.reason];
        const errors = { [name]: errorMessage(key) };
        return editGroupPage(c, context, { group: { values: textValues(body), errors }, role }, 409);
      }
      return redirectTo(c, adminGroupPath(c, context.group.id), "saved");
    },
  }),
  route({
    method: "POST",
    path: `/admin/groups/:groupId${UUID}/roles`,
    action: "group.manage",
    load: loadGroup,
    async handler(c, context) {
      const body = await formBody(c);
      const group = { values: groupValues(context.group) };
      const form = parseForm(roleSchema, body);
      if (!form.ok)
        return editGroupPage(c, context, { group, role: { values: textValues(body), errors: form.errors } }, 422);
      const outcome = await assignGroupRole(c.var.deps.db, actorId(c), context, form.data);
      if (!outcome.ok) {
        const [name, key] = ROLE_REFUSAL[outcome.reason];
        const errors: FieldErrors = { [name]: errorMessage(key) };
        return editGroupPage(c, context, { group, role: { values: textValues(body), errors } }, 409);
      }
      return redirectTo(c, adminGroupPath(c, context.group.id), "roleAssigned");
    },
  }),
  route({
    method: "POST",
    path: `/admin/groups/:groupId${UUID}/roles/:personId${UUID}/remove`,
    action: "group.manage",
    load: loadGroup,
    async handler(c, context) {
      const outcome = await removeGroupRole(c.var.deps.db, actorId(c), context, c.req.param("personId") ?? "");
      if (!outcome.ok) {
        return editGroupPage(
          c,
          context,
          {
            group: { values: groupValues(context.group) },
            role: { values: ROLE_DEFAULTS, errors: { _form: errorMessage("groups.noRoleToRemove") } },
          },
          409,
        );
      }
      return redirectTo(c, adminGroupPath(c, context.group.id), "roleRemoved");
    },
  }),
];
