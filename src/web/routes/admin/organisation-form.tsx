import { z } from "zod";
import type { Organisation, OrganisationInput } from "../../../commands/organisations.js";
import {
  MAJORITIES,
  statutesSchema,
  type DecisionRule,
  type Statutes,
} from "../../../domain/organisations/statutes.js";
import { LOCALE_NAMES, LOCALES, type Locale } from "../../../i18n/locales.js";
import { SelectField, TextField } from "../../components/form.js";
import { isCountryCode } from "../../components/regions.js";
import { shareValue } from "../../components/share.js";
import type { Ctx } from "../../context.js";
import { errorMessage, explain, field, parseForm, type FieldErrors } from "../../validation.js";

/** Slugs that would be shadowed by fixed paths under /admin/organisations/. */
const RESERVED_SLUGS = new Set(["new"]);
const KINDS = ["ordinary", "extraordinary"] as const;
type Kind = (typeof KINDS)[number];
const BASES = ["cast", "present"] as const;

/** Same shape as the domain's fractionText, with an interface message; "0,5" is read as "0.5". */
const fraction = () =>
  z
    .string({ error: errorMessage("errors.required") })
    .trim()
    .min(1, { error: errorMessage("errors.required") })
    .max(20, { error: errorMessage("errors.tooLong", { max: 20 }) })
    .transform((v) => v.replace(",", "."))
    .pipe(
      z
        .string()
        .regex(/^(\d+\/[1-9]\d*|\d+(\.\d+)?)$/, { error: errorMessage("errors.invalidFraction") })
        .refine((v) => shareValue(v) <= 1, { error: errorMessage("admin.fractionAtMostOne") }),
    );

const optionalFraction = () =>
  z
    .string()
    .optional()
    .transform((v) => v?.trim() ?? "")
    .pipe(z.union([z.literal("").transform(() => null), fraction()]));

const country = () =>
  z
    .string({ error: errorMessage("errors.required") })
    .trim()
    .min(1, { error: errorMessage("errors.required") })
    .transform((v) => v.toUpperCase())
    .pipe(z.string().refine(isCountryCode, { error: errorMessage("admin.invalidCountry") }));

const languagesField = () =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(
      z
        .array(field.locale())
        .min(1, { error: errorMessage("admin.languagesRequired") })
        .transform((ls) => LOCALES.filter((l) => ls.includes(l))),
    );

const ruleFields = (kind: Kind) => ({
  [`${kind}Quorum`]: fraction(),
  [`${kind}CollegeQuorum`]: optionalFraction(),
  [`${kind}Majority`]: field.choice(MAJORITIES),
  [`${kind}Base`]: field.choice(BASES),
});

const organisationSchema = z.object({
  name: field.text(200),
  legalName: field.optionalText(200),
  country: country(),
  languages: languagesField(),
  defaultLanguage: field.locale(),
  ...ruleFields("ordinary"),
  ...ruleFields("extraordinary"),
  maxProxiesPerHolder: field.wholeNumber(100),
});
const newOrganisationSchema = organisationSchema.extend({ slug: field.slug() });

export type OrganisationForm =
  | { ok: true; data: OrganisationInput & { slug: string } }
  | { ok: false; errors: FieldErrors; values: Record<string, string>; languages: string[] };

function chosenLanguages(body: Record<string, string | string[]>): string[] {
  const v = body.languages;
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function ruleOf(data: Record<string, unknown>, kind: Kind): DecisionRule {
  return {
    quorum: data[`${kind}Quorum`] as string,
    collegeQuorum: (data[`${kind}CollegeQuorum`] as string | null) ?? null,
    majority: data[`${kind}Majority`] as DecisionRule["majority"],
    base: data[`${kind}Base`] as DecisionRule["base"],
  };
}

/** Reads and checks the organisation form; the statutes are checked again by the domain's schema. */
export function parseOrganisationForm(body: Record<string, string | string[]>, withSlug: boolean): OrganisationForm {
  const form = parseForm(withSlug ? newOrganisationSchema : organisationSchema, body);
  const errors: FieldErrors = {};
  if (!form.ok)
    for (const [k, v] of Object.entries(form.errors)) errors[k.startsWith("languages.") ? "languages" : k] ??= v;
  // Checks across fields run even when another field is wrong, so that every problem shows at once.
  const slug = typeof body.slug === "string" ? body.slug.trim() : "";
  if (withSlug && !errors.slug && RESERVED_SLUGS.has(slug)) errors.slug = errorMessage("admin.slugReserved");
  const defaultLanguage = typeof body.defaultLanguage === "string" ? body.defaultLanguage : "";
  if (!errors.defaultLanguage && !errors.languages && !chosenLanguages(body).includes(defaultLanguage)) {
    errors.defaultLanguage = errorMessage("admin.defaultLanguageNotChosen");
  }
  if (form.ok && Object.keys(errors).length === 0) {
    const data = form.data as Record<string, unknown> & z.infer<typeof organisationSchema>;
    const statutes = statutesSchema.safeParse({
      ordinary: ruleOf(data, "ordinary"),
      extraordinary: ruleOf(data, "extraordinary"),
      maxProxiesPerHolder: data.maxProxiesPerHolder,
    });
    if (statutes.success) {
      return {
        ok: true,
        data: {
          slug,
          name: data.name,
          legalName: data.legalName,
          country: data.country,
          languages: data.languages,
          defaultLanguage: data.defaultLanguage,
          statutes: statutes.data,
        },
      };
    }
    for (const issue of statutes.error.issues) {
      const [kind, key] = issue.path.map(String);
      const name = key ? `${kind}${key[0]!.toUpperCase()}${key.slice(1)}` : (kind ?? "_form");
      errors[name] ??=
        key === "quorum" || key === "collegeQuorum"
          ? errorMessage("errors.invalidFraction")
          : errorMessage("errors.invalidChoice");
    }
  }
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string" && k !== "_csrf") values[k] = v;
  return { ok: false, errors, values, languages: chosenLanguages(body) };
}

/** The form's values for an existing organisation. */
export function organisationValues(org: Organisation): { values: Record<string, string>; languages: string[] } {
  const values: Record<string, string> = {
    slug: org.slug,
    name: org.name,
    legalName: org.legalName,
    country: org.country,
    defaultLanguage: org.defaultLanguage,
    maxProxiesPerHolder: String(org.statutes.maxProxiesPerHolder),
  };
  for (const kind of KINDS) Object.assign(values, ruleValues(org.statutes, kind));
  return { values, languages: org.languages };
}

function ruleValues(statutes: Statutes, kind: Kind): Record<string, string> {
  const rule = statutes[kind];
  return {
    [`${kind}Quorum`]: rule.quorum,
    [`${kind}CollegeQuorum`]: rule.collegeQuorum ?? "",
    [`${kind}Majority`]: rule.majority,
    [`${kind}Base`]: rule.base,
  };
}

/** Labels of every field, for the error summary. */
export function organisationLabels(c: Ctx): Record<string, string> {
  const { t } = c.var;
  const labels: Record<string, string> = {
    slug: t("admin.slug"),
    name: t("admin.name"),
    legalName: t("admin.legalName"),
    country: t("admin.country"),
    languages: t("admin.languages"),
    defaultLanguage: t("admin.defaultLanguage"),
    maxProxiesPerHolder: t("admin.maxProxies"),
  };
  for (const kind of KINDS) {
    const prefix = kind === "ordinary" ? t("admin.ordinaryDecisions") : t("admin.extraordinaryDecisions");
    labels[`${kind}Quorum`] = `${prefix}, ${t("admin.quorum")}`;
    labels[`${kind}CollegeQuorum`] = `${prefix}, ${t("admin.collegeQuorum")}`;
    labels[`${kind}Majority`] = `${prefix}, ${t("admin.majority")}`;
    labels[`${kind}Base`] = `${prefix}, ${t("admin.base")}`;
  }
  return labels;
}

function LanguageChoices({ c, chosen, errors }: { c: Ctx; chosen: string[]; errors?: FieldErrors | undefined }) {
  const { t } = c.var;
  const error = errors?.languages;
  return (
    <fieldset
      class={error ? "field has-error" : "field"}
      aria-describedby={error ? "field-languages-hint field-languages-error" : "field-languages-hint"}
    >
      <legend>{t("admin.languages")}</legend>
      <p class="hint" id="field-languages-hint">
        {t("admin.languagesHint")}
      </p>
      {error && (
        <p class="error" id="field-languages-error">
          {explain(t, error)}
        </p>
      )}
      {LOCALES.map((l, i) => {
        const id = i === 0 ? "field-languages" : `field-languages-${l}`;
        return (
          <div class="field checkbox">
            <input
              type="checkbox"
              id={id}
              name="languages"
              value={l}
              checked={chosen.includes(l)}
              aria-invalid={error ? "true" : undefined}
            />
            <label for={id} lang={l}>
              {LOCALE_NAMES[l]}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

function RuleFields({
  c,
  kind,
  values,
  errors,
}: {
  c: Ctx;
  kind: Kind;
  values: Record<string, string>;
  errors?: FieldErrors | undefined;
}) {
  const { t } = c.var;
  return (
    <fieldset>
      <legend>{kind === "ordinary" ? t("admin.ordinaryDecisions") : t("admin.extraordinaryDecisions")}</legend>
      <TextField
        c={c}
        name={`${kind}Quorum`}
        label={t("admin.quorum")}
        hint={t("admin.quorumHint")}
        maxlength={20}
        required
        errors={errors}
        values={values}
      />
      <TextField
        c={c}
        name={`${kind}CollegeQuorum`}
        label={t("admin.collegeQuorum")}
        hint={t("admin.collegeQuorumHint")}
        maxlength={20}
        errors={errors}
        values={values}
      />
      <SelectField
        c={c}
        name={`${kind}Majority`}
        label={t("admin.majority")}
        errors={errors}
        values={values}
        options={MAJORITIES.map((m) => ({ value: m, label: t(`admin.majority_${m}`) }))}
      />
      <SelectField
        c={c}
        name={`${kind}Base`}
        label={t("admin.base")}
        errors={errors}
        values={values}
        options={BASES.map((b) => ({ value: b, label: t(`admin.base_${b}`) }))}
      />
    </fieldset>
  );
}

/** Every field of the organisation form (the slug only when creating). */
export function OrganisationFields(p: {
  c: Ctx;
  withSlug: boolean;
  values: Record<string, string>;
  languages: string[];
  errors?: FieldErrors | undefined;
}) {
  const { c, values, errors } = p;
  const { t } = c.var;
  return (
    <>
      {p.withSlug && (
        <TextField
          c={c}
          name="slug"
          label={t("admin.slug")}
          hint={t("admin.slugHint")}
          maxlength={63}
          required
          errors={errors}
          values={values}
        />
      )}
      <TextField
        c={c}
        name="name"
        label={t("admin.name")}
        maxlength={200}
        required
        errors={errors}
        values={values}
        autocomplete="organization"
      />
      <TextField c={c} name="legalName" label={t("admin.legalName")} maxlength={200} errors={errors} values={values} />
      <TextField
        c={c}
        name="country"
        label={t("admin.country")}
        hint={t("admin.countryHint")}
        maxlength={2}
        required
        errors={errors}
        values={values}
      />
      <LanguageChoices c={c} chosen={p.languages} errors={errors} />
      <SelectField
        c={c}
        name="defaultLanguage"
        label={t("admin.defaultLanguage")}
        hint={t("admin.defaultLanguageHint")}
        errors={errors}
        values={values}
        options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l as Locale] }))}
      />
      <h2>{t("admin.statutes")}</h2>
      <p>{t("admin.statutesIntro")}</p>
      <RuleFields c={c} kind="ordinary" values={values} errors={errors} />
      <RuleFields c={c} kind="extraordinary" values={values} errors={errors} />
      <TextField
        c={c}
        name="maxProxiesPerHolder"
        label={t("admin.maxProxies")}
        hint={t("admin.maxProxiesHint")}
        inputmode="numeric"
        maxlength={3}
        required
        errors={errors}
        values={values}
      />
    </>
  );
}
