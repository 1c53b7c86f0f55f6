/** Interface strings of working groups: group pages, membership, group navigation. */
export const groups = {
  fr: {
    navOverview: "Présentation",
    navMeetings: "Réunions",
    navDocuments: "Documents",
    navBudget: "Budget",
    navMembers: "Participants",
    navLabel: "Sections du groupe",
  },
  nl: {
    navOverview: "Overzicht",
    navMeetings: "Vergaderingen",
    navDocuments: "Documenten",
    navBudget: "Budget",
    navMembers: "Deelnemers",
    navLabel: "Onderdelen van de groep",
  },
  de: {
    navOverview: "Überblick",
    navMeetings: "Sitzungen",
    navDocuments: "Dokumente",
    navBudget: "Budget",
    navMembers: "Teilnehmende",
    navLabel: "Bereiche der Gruppe",
  },
  en: {
    navOverview: "Overview",
    navMeetings: "Meetings",
    navDocuments: "Documents",
    navBudget: "Budget",
    navMembers: "Participants",
    navLabel: "Group sections",
  },
};
