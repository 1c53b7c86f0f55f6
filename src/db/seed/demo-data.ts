import type { Labels } from "../schema/organisations.js";
import type { AssignedRole } from "../schema/people.js";

/** The demo's organisations follow the seed documents; every person below is invented. */
export const DEMO_PASSWORD = "letscoop-demo";

export const DEMO_COLLEGES: Array<{ key: string; labels: Labels; weight: string }> = [
  {
    key: "member-workers",
    labels: { fr: "Membres-utilisateurs", nl: "Gebruikers-leden", de: "Nutzende Mitglieder", en: "Member-workers" },
    weight: "1",
  },
  {
    key: "staff",
    labels: { fr: "Permanents", nl: "Vaste medewerkers", de: "Festangestellte", en: "Staff" },
    weight: "1",
  },
  { key: "clients", labels: { fr: "Clients", nl: "Klanten", de: "Kunden", en: "Clients" }, weight: "0.5" },
  { key: "partners", labels: { fr: "Partenaires", nl: "Partners", de: "Partner", en: "Partners" }, weight: "0.5" },
];

export const BELGIAN_OFFICES = [
  "Bruxelles",
  "Antwerpen",
  "Gent",
  "Liège",
  "Namur",
  "Charleroi",
  "Mons",
  "Leuven",
  "Brugge",
  "Hasselt",
  "Kortrijk",
  "Eupen",
];
export const FRENCH_OFFICES = ["Paris", "Lyon", "Lille", "Nantes", "Bordeaux"];

export interface DemoAccount {
  email: string;
  name: string;
  role: AssignedRole | "member";
  /** null: instance-wide (admin) */
  org: "smart-be" | "smart-fr" | null;
}

/** One account per role, listed in the README. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: "admin@demo.letscoop.test", name: "Ada Lindqvist", role: "admin", org: null },
  { email: "manager@demo.letscoop.test", name: "Bruno Castellane", role: "cycle_manager", org: "smart-be" },
  { email: "facilitator@demo.letscoop.test", name: "Chloé Verhaegen", role: "facilitator", org: "smart-be" },
  { email: "secretary@demo.letscoop.test", name: "Dries Wouters", role: "secretary", org: "smart-be" },
  { email: "board@demo.letscoop.test", name: "Elena Moravec", role: "board_member", org: "smart-be" },
  { email: "ethics@demo.letscoop.test", name: "Farid Benali", role: "ethics_committee", org: "smart-be" },
  { email: "member@demo.letscoop.test", name: "Greta Schoonbroodt", role: "member", org: "smart-be" },
  { email: "guest@demo.letscoop.test", name: "Hugo Lemaire", role: "guest_author", org: "smart-be" },
];

/** Invented names for the demo member list. */
export const FIRST_NAMES = [
  "Amélie",
  "Bram",
  "Céline",
  "Daan",
  "Emma",
  "Florian",
  "Hanna",
  "Ilias",
  "Jana",
  "Karim",
  "Lotte",
  "Mathis",
  "Nora",
  "Olivier",
  "Pauline",
  "Quentin",
  "Rania",
  "Sander",
  "Tessa",
  "Victor",
];
export const LAST_NAMES = [
  "Aerts",
  "Bastin",
  "Claes",
  "Dumont",
  "Evrard",
  "Fontaine",
  "Goossens",
  "Hermans",
  "Jacobs",
  "Lambert",
  "Maes",
  "Noël",
  "Peeters",
  "Renard",
  "Simon",
  "Thys",
  "Vermeulen",
  "Willems",
];
