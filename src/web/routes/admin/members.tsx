import { z } from "zod";
import {
  findMembership,
  removeMembership,
  searchMembers,
  updateMembership,
  type MemberFilters,
  type MembershipDetail,
} from "../../../commands/memberships.js";
import { organisationStructure, type Organisation } from "../../../commands/organisations.js";
import { formatDate } from "../../../i18n/format.js";
import { LOCALE_NAMES, LOCALES } from "../../../i18n/locales.js";
import { CheckboxField, ErrorSummary, Form, SelectField, SubmitButton, TextField } from "../../components/form.js";
import { pickLabel } from "../../components/labels.js";
import { renderPage } from "../../components/layout.js";
import { PAGE_SIZE, pageFromQuery, Pagination } from "../../components/pagination.js";
import type { Ctx } from "../../context.js";
import { route, type AnyRoute } from "../../routing.js";
import { errorMessage, field, parseForm, type FieldErrors } from "../../validation.js";
import {
  actorId,
  ID,
  formBody,
  loadOrganisation,
  loadWithin,
  noticeOf,
  OrgAdminNav,
  orgAdminPath,
  textValues,
  withNotice,
} from "./shared.js";

type Structure = Awaited<ReturnType<typeof organisationStructure>>;

/** Reads ?q=&college=&office=&shareholder= (unknown values are ignored). */
function filtersOf(c: Ctx): MemberFilters & { raw: Record<string, string> } {
  const q = (c.req.query("q") ?? "").trim().slice(0, 100);
  const college = c.req.query("college") ?? "";
  const office = c.req.query("office") ?? "";
  const shareholder = c.req.query("shareholder") ?? "";
  return {
    q,
    collegeId: college || undefined,
    officeId: office || undefined,
    shareholder: shareholder === "yes" ? true : shareholder === "no" ? false : undefined,
    raw: { q, college, office, shareholder },
  };
}

function SearchForm({
  c,
  org,
  structure,
  raw,
}: {
  c: Ctx;
  org: Organisation;
  structure: Structure;
  raw: Record<string, string>;
}) {
  const { t, locale } = c.var;
  return (
    <form
      method="get"
      action={orgAdminPath(c, org, "/members")}
      role="search"
      aria-label={t("admin.searchMembers")}
      class="filters"
    >
      <TextField
        c={c}
        name="q"
        type="search"
        label={t("admin.searchLabel")}
        hint={t("admin.searchHint")}
        maxlength={100}
        values={raw}
      />
      <SelectField
        c={c}
        name="college"
        label={t("admin.college")}
        emptyLabel={t("admin.allColleges")}
        values={raw}
        options={structure.colleges.map((col) => ({
          value: col.id,
          label: pickLabel(col.labels, locale, org.defaultLanguage, col.key).text,
        }))}
      />
      <SelectField
        c={c}
        name="office"
        label={t("admin.office")}
        emptyLabel={t("admin.allOffices")}
        values={raw}
        options={[
          { value: "none", label: t("admin.noOffice") },
          ...structure.offices.map((o) => ({ value: o.id, label: o.name })),
        ]}
      />
      <SelectField
        c={c}
        name="shareholder"
        label={t("admin.shareholder")}
        emptyLabel={t("admin.shareholderAny")}
        values={raw}
        options={[
          { value: "yes", label: t("admin.shareholderYes") },
          { value: "no", label: t("admin.shareholderNo") },
        ]}
      />
      <div class="actions">
        <button type="submit">{t("admin.search")}</button>
        <a class="button secondary" href={orgAdminPath(c, org, "/members")}>
          {t("admin.clearFilters")}
        </a>
      </div>
    </form>
  );
}

async function membersPage(c: Ctx, org: Organisation) {
  const { t, locale } = c.var;
  const db = c.var.deps.db;
  const filters = filtersOf(c);
  const page = pageFromQuery(c.req.query("page"));
  const [structure, result] = await Promise.all([
    organisationStructure(db, org.id),
    searchMembers(db, org.id, filters, page, PAGE_SIZE),
  ]);
  const title = t("admin.membersTitle", { name: org.name });
  return renderPage(c, {
    title,
    notice: noticeOf(c),
    children: (
      <>
        <OrgAdminNav c={c} org={org} current="members" />
        <h1>{title}</h1>
        <ul class="actions-list">
          <li>
            <a href={orgAdminPath(c, org, "/members/invite")}>{t("admin.inviteMember")}</a>
          </li>
          <li>
            <a href={orgAdminPath(c, org, "/import")}>{t("admin.importMembers")}</a>
          </li>
        </ul>
        <SearchForm c={c} org={org} structure={structure} raw={filters.raw} />
        <p role="status">{t("admin.membersFound", { total: result.total })}</p>
        {result.rows.length > 0 && (
          <div class="table-wrap">
            <table>
              <caption>{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("admin.personName")}</th>
                  <th scope="col">{t("admin.email")}</th>
                  <th scope="col">{t("admin.memberNumber")}</th>
                  <th scope="col">{t("admin.college")}</th>
                  <th scope="col">{t("admin.office")}</th>
                  <th scope="col" class="number">
                    {t("admin.shares")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((m) => {
                  const college = pickLabel(m.collegeLabels, locale, org.defaultLanguage, m.collegeKey);
                  return (
                    <tr>
                      <th scope="row">
                        <a href={orgAdminPath(c, org, `/members/${m.id}`)}>{m.name}</a>
                      </th>
                      <td>{m.email}</td>
                      <td>{m.memberNumber ?? ""}</td>
                      <td lang={college.lang}>{college.text}</td>
                      <td>{m.officeName ?? t("admin.noOffice")}</td>
                      <td class="number">{m.isShareholder ? m.shares : t("admin.notShareholder")}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <Pagination c={c} page={page} total={result.total} />
      </>
    ),
  });
}

const membershipSchema = z.object({
  collegeId: z
    .string({ error: errorMessage("errors.required") })
    .trim()
    .min(1, { error: errorMessage("errors.required") }),
  memberNumber: field.optionalText(50),
  isShareholder: field.checkbox(),
  shares: z
    .string()
    .optional()
    .transform((v) => v?.trim() ?? "")
    .refine((v) => v === "" || /^\d{1,9}$/.test(v), { error: errorMessage("errors.invalidNumber") })
    .transform((v) => (v === "" ? 0 : Number(v))),
  officeId: z
    .string()
    .optional()
    .transform((v) => v?.trim() ?? ""),
  sector: field.optionalText(120),
  language: field.locale(),
  directoryOptIn: field.checkbox(),
});

function membershipLabels(c: Ctx): Record<string, string> {
  const { t } = c.var;
  return {
    collegeId: t("admin.college"),
    memberNumber: t("admin.memberNumber"),
    shares: t("admin.shares"),
    officeId: t("admin.office"),
    sector: t("admin.sector"),
    language: t("admin.memberLanguage"),
  };
}

interface FormState {
  values: Record<string, string>;
  errors?: FieldErrors;
}

async function membershipPage(
  c: Ctx,
  org: Organisation,
  m: MembershipDetail,
  state: FormState,
  status: 200 | 422 = 200,
) {
  const { t, locale } = c.var;
  const structure = await organisationStructure(c.var.deps.db, org.id);
  const title = t("admin.membershipTitle", { name: m.name });
  const v = state.values;
  return renderPage(
    c,
    {
      title,
      children: (
        <>
          <OrgAdminNav c={c} org={org} current="members" />
          <h1>{title}</h1>
          <dl class="facts">
            <dt>{t("admin.email")}</dt>
            <dd>{m.email}</dd>
            <dt>{t("admin.joinedAt")}</dt>
            <dd>{formatDate(locale, m.joinedAt)}</dd>
          </dl>
          <ErrorSummary c={c} errors={state.errors} labels={membershipLabels(c)} />
          <Form c={c} action={orgAdminPath(c, org, `/members/${m.id}`)}>
            <SelectField
              c={c}
              name="collegeId"
              label={t("admin.college")}
              required
              errors={state.errors}
              values={v}
              options={structure.colleges.map((col) => ({
                value: col.id,
                label: pickLabel(col.labels, locale, org.defaultLanguage, col.key).text,
              }))}
            />
            <TextField
              c={c}
              name="memberNumber"
              label={t("admin.memberNumber")}
              maxlength={50}
              errors={state.errors}
              values={v}
            />
            <fieldset>
              <legend>{t("admin.shareholding")}</legend>
              <CheckboxField
                c={c}
                name="isShareholder"
                label={t("admin.isShareholder")}
                checked={v.isShareholder === "on"}
              />
              <TextField
                c={c}
                name="shares"
                label={t("admin.shares")}
                hint={t("admin.sharesHint")}
                inputmode="numeric"
                maxlength={9}
                errors={state.errors}
                values={v}
              />
            </fieldset>
            <SelectField
              c={c}
              name="officeId"
              label={t("admin.office")}
              emptyLabel={t("admin.noOffice")}
              errors={state.errors}
              values={v}
              options={structure.offices.map((o) => ({ value: o.id, label: o.name }))}
            />
            <TextField c={c} name="sector" label={t("admin.sector")} maxlength={120} errors={state.errors} values={v} />
            <SelectField
              c={c}
              name="language"
              label={t("admin.memberLanguage")}
              errors={state.errors}
              values={v}
              options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
            />
            <CheckboxField
              c={c}
              name="directoryOptIn"
              label={t("admin.directoryOptIn")}
              hint={t("admin.directoryOptInHint")}
              checked={v.directoryOptIn === "on"}
            />
            <SubmitButton label={t("common.save")} />
          </Form>
          <h2>{t("admin.removeMember")}</h2>
          <p>{t("admin.removeMemberWarning")}</p>
          <Form c={c} action={orgAdminPath(c, org, `/members/${m.id}/remove`)}>
            <div class="actions">
              <button type="submit" class="danger">
                {t("admin.removeMember")}
              </button>
            </div>
          </Form>
          <p>
            <a href={orgAdminPath(c, org, "/members")}>{t("admin.backToMembers")}</a>
          </p>
        </>
      ),
    },
    status,
  );
}

function membershipValues(m: MembershipDetail): Record<string, string> {
  return {
    collegeId: m.collegeId,
    memberNumber: m.memberNumber ?? "",
    isShareholder: m.isShareholder ? "on" : "",
    shares: String(m.shares),
    officeId: m.officeId ?? "",
    sector: m.sector,
    language: m.language,
    directoryOptIn: m.directoryOptIn ? "on" : "",
  };
}

const membershipOf = (c: Ctx) =>
  loadWithin(c, (org) => findMembership(c.var.deps.db, org.id, c.req.param("membershipId") ?? ""));

export const adminMemberRoutes: AnyRoute[] = [
  route({
    method: "GET",
    path: "/admin/organisations/:slug/members",
    action: "members.manage",
    load: loadOrganisation,
    handler: (c, org) => membersPage(c, org),
  }),
  route({
    method: "GET",
    path: `/admin/organisations/:slug/members/:membershipId${ID}`,
    action: "members.manage",
    load: membershipOf,
    handler: (c, { org, item }) => membershipPage(c, org, item, { values: membershipValues(item) }),
  }),
  route({
    method: "POST",
    path: `/admin/organisations/:slug/members/:membershipId${ID}`,
    action: "members.manage",
    load: membershipOf,
    async handler(c, { org, item }) {
      const body = await formBody(c);
      const values = textValues(body);
      const form = parseForm(membershipSchema, body);
      const errors: FieldErrors = form.ok ? {} : { ...form.errors };
      // Shares > 0 exactly when the member is a shareholder (the database checks it too).
      if (form.ok) {
        if (form.data.isShareholder && form.data.shares === 0) errors.shares = errorMessage("admin.sharesRequired");
        if (!form.data.isShareholder && form.data.shares > 0)
          errors.shares = errorMessage("admin.sharesWithoutShareholder");
      }
      if (!form.ok || Object.keys(errors).length > 0) return membershipPage(c, org, item, { values, errors }, 422);
      const outcome = await updateMembership(c.var.deps.db, actorId(c), item, {
        ...form.data,
        memberNumber: form.data.memberNumber || null,
        officeId: form.data.officeId || null,
      });
      if (!outcome.ok)
        return membershipPage(
          c,
          org,
          item,
          { values, errors: { [outcome.field]: errorMessage("errors.invalidChoice") } },
          422,
        );
      return c.redirect(withNotice(orgAdminPath(c, org, "/members"), "saved"), 303);
    },
  }),
  route({
    method: "POST",
    path: `/admin/organisations/:slug/members/:membershipId${ID}/remove`,
    action: "members.manage",
    load: membershipOf,
    async handler(c, { org, item }) {
      await removeMembership(c.var.deps.db, actorId(c), item);
      return c.redirect(withNotice(orgAdminPath(c, org, "/members"), "removed"), 303);
    },
  }),
];
