/** Interface strings of the localTalks area, in the four languages side by side. */
export const localTalks = {
  fr: {
    placeholder: "—",
  },
  nl: {
    placeholder: "—",
  },
  de: {
    placeholder: "—",
  },
  en: {
    placeholder: "—",
  },
};
