import { hashPassword } from "../../auth/passwords.js";
import { DEFAULT_STATUTES } from "../../domain/organisations/statutes.js";
import type { Locale } from "../../i18n/locales.js";
import type { Db } from "../client.js";
import { colleges, memberships, offices, organisations, persons, roleAssignments } from "../schema/index.js";
import { seedDemoCycles } from "./demo-cycles.js";
import { seedDemoGroups2020 } from "./demo-groups.js";
import { seedDemoHistory2015 } from "./demo-history-2015.js";
import { seedDemoRecommendations2015 } from "./demo-recommendations.js";
import { seedDemoActionPlan } from "./demo-action-plan.js";
import {
  BELGIAN_OFFICES,
  DEMO_ACCOUNTS,
  DEMO_COLLEGES,
  DEMO_PASSWORD,
  FIRST_NAMES,
  FRENCH_OFFICES,
  LAST_NAMES,
} from "./demo-data.js";

/** True when the database holds no organisation yet (a fresh instance). */
export async function isEmpty(db: Db): Promise<boolean> {
  const rows = await db.select({ id: organisations.id }).from(organisations).limit(1);
  return rows.length === 0;
}

/**
 * Fills an empty database with the demo: two organisations, their offices and colleges,
 * one account per role and 60 invented members. Deterministic: the same data every time.
 */
export async function seedDemo(db: Db): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const [be, fr] = await tx
      .insert(organisations)
      .values([
        {
          slug: "smart-be",
          name: "Smart Belgique",
          legalName: "Smart Coop SC",
          country: "BE",
          languages: ["fr", "nl", "de", "en"],
          defaultLanguage: "fr",
          statutes: { ...DEFAULT_STATUTES, maxProxiesPerHolder: 2 },
        },
        {
          slug: "smart-fr",
          name: "Smart France",
          legalName: "Smart France SCIC",
          country: "FR",
          languages: ["fr", "en"],
          defaultLanguage: "fr",
          statutes: DEFAULT_STATUTES,
        },
      ])
      .returning();
    const orgs = { "smart-be": be!, "smart-fr": fr! };

    const officeRows = await tx
      .insert(offices)
      .values([
        ...BELGIAN_OFFICES.map((city, i) => ({
          organisationId: be!.id,
          name: `Smart ${city}`,
          city,
          isHeadOffice: i === 0,
        })),
        ...FRENCH_OFFICES.map((city, i) => ({
          organisationId: fr!.id,
          name: `Smart ${city}`,
          city,
          isHeadOffice: i === 0,
        })),
      ])
      .returning();

    const collegeRows = await tx
      .insert(colleges)
      .values(
        [be!, fr!].flatMap((o) => DEMO_COLLEGES.map((col, position) => ({ organisationId: o.id, ...col, position }))),
      )
      .returning();
    const collegeOf = (orgId: string, key: string) =>
      collegeRows.find((c) => c.organisationId === orgId && c.key === key)!;
    const officesOf = (orgId: string) => officeRows.filter((o) => o.organisationId === orgId);

    for (const account of DEMO_ACCOUNTS) {
      const [person] = await tx
        .insert(persons)
        .values({ email: account.email, name: account.name, passwordHash, locale: "fr" })
        .returning();
      if (account.role !== "member") {
        await tx.insert(roleAssignments).values({
          personId: person!.id,
          role: account.role,
          organisationId: account.org ? orgs[account.org].id : null,
        });
      }
      if (account.org && account.role !== "guest_author") {
        const org = orgs[account.org];
        await tx.insert(memberships).values({
          personId: person!.id,
          organisationId: org.id,
          collegeId: collegeOf(org.id, account.role === "cycle_manager" ? "staff" : "member-workers").id,
          memberNumber: `D-${String(DEMO_ACCOUNTS.indexOf(account) + 1).padStart(4, "0")}`,
          isShareholder: true,
          shares: 1,
          officeId: officesOf(org.id)[0]!.id,
          sector: "Arts de la scène",
          language: "fr",
          directoryOptIn: true,
        });
      }
    }

    const sectors = ["Musique", "Arts visuels", "Formation", "Informatique", "Audiovisuel", "Traduction", "Artisanat"];
    const languages: Locale[] = ["fr", "nl", "fr", "nl", "de", "en"];
    const extra = Array.from({ length: 60 }, (_, i) => ({
      email: `member${String(i + 1).padStart(2, "0")}@demo.letscoop.test`,
      name: `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[(i * 7) % LAST_NAMES.length]}`,
      locale: languages[i % languages.length]!,
    }));
    const people = await tx.insert(persons).values(extra).returning({ id: persons.id });
    await tx.insert(memberships).values(
      people.map((p, i) => {
        const org = i % 4 === 3 ? orgs["smart-fr"] : orgs["smart-be"];
        const orgOffices = officesOf(org.id);
        const shareholder = i % 3 !== 2;
        return {
          personId: p.id,
          organisationId: org.id,
          collegeId: collegeOf(org.id, DEMO_COLLEGES[i % DEMO_COLLEGES.length]!.key).id,
          memberNumber: `M-${String(i + 1).padStart(5, "0")}`,
          isShareholder: shareholder,
          shares: shareholder ? 1 + (i % 5) : 0,
          officeId: orgOffices[i % orgOffices.length]!.id,
          sector: sectors[i % sectors.length]!,
          language: extra[i]!.locale,
          directoryOptIn: i % 2 === 0,
        };
      }),
    );
    await seedDemoCycles(tx);
    await seedDemoHistory2015(tx);
    await seedDemoGroups2020(tx);
    await seedDemoRecommendations2015(tx);
    await seedDemoActionPlan(tx);
  });
}
